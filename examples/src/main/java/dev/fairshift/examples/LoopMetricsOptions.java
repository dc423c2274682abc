package dev.fairshift.examples;

import dev.fairshift.integrations.PlanningLoop;
import dev.fairshift.integrations.Sidecar;
import dev.fairshift.service.RouteResponse;
import dev.fairshift.service.RunningService;
import dev.fairshift.service.ServiceConfig;
import dev.fairshift.transparency.TransparencyRoute;
import java.io.PrintStream;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of the commands that run an adapter's planning loop ({@code slurm}, {@code kubernetes}) for the HTTP
 * server beside it: {@code --metrics-host}, {@code --metrics-port} and the token, and the {@link Sidecar} that
 * serves {@code /metrics}, {@code /transparency} and {@code /transparency/status} from the loop.
 */
final class LoopMetricsOptions {
  /** The default {@code --metrics-port}. */
  static final int DEFAULT_METRICS_PORT = 9464;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "The address /metrics and /transparency are served on; other than loopback needs a token "
          + "(default: ${DEFAULT-VALUE}).")
  String metricsHost;

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "" + DEFAULT_METRICS_PORT,
      description = "Their TCP port, 1 to 65535, or 0 for a free one (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Mixin
  ServiceOptions.TokenOptions token;

  /**
   * What serves the loop's {@code /metrics}, {@code /transparency} (pages titled "Fairshift on
   * {@code engineTitle}: ...") and {@code /transparency/status} beside it, announced on {@code out} once
   * listening; {@link Sidecar#NONE} unless {@code serve}. The port is checked first, and, when serving, the
   * host and token too, before the cluster is read, so that a refused host or token costs nothing.
   *
   * @throws ParameterException the port is out of range
   */
  Sidecar sidecar(String engineTitle, boolean serve, PrintStream out) {
    if (metricsPort < 0 || metricsPort > 65_535) {
      throw new ParameterException(command.commandLine(), "--metrics-port " + metricsPort + " is out of range; a "
          + "TCP port is 1 to 65535, or 0 for a free one. Maybe --metrics-port " + DEFAULT_METRICS_PORT + ".");
    }
    if (!serve) {
      return Sidecar.NONE;
    }
    ServiceConfig.Builder service = ServiceConfig.builder().port(metricsPort);
    ServiceOptions.set("--metrics-host", metricsHost, () -> service.host(metricsHost));
    token.token().ifPresent(service::token);
    ServiceOptions.check(service.build(), "--metrics-host");
    return loop -> serve(service, loop, engineTitle, out);
  }

  private static RunningService serve(ServiceConfig.Builder service, PlanningLoop loop, String engineTitle,
      PrintStream out) {
    RunningService running = ServiceOptions.start(service
        .route("/metrics", request -> RouteResponse.text(RouteResponse.PROMETHEUS_TEXT, loop.scrape()))
        .route(TransparencyRoute.PATH, CliCommands.transparencyRoute(loop, engineTitle))
        .route(CliCommands.STATUS_PATH, request -> RouteResponse.json(loop.statusJson()))
        .build(), "--metrics-host");
    out.println("Serving " + running.uri() + "/metrics, " + running.uri() + "/transparency (?view=ran, "
        + "?format=json) and " + running.uri() + CliCommands.STATUS_PATH
        + (running.config().token().isPresent() ? " (token required)" : "") + ".");
    return running;
  }
}
