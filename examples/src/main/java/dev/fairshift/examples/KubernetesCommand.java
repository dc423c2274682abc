package dev.fairshift.examples;

import dev.fairshift.kubernetes.KubernetesLoopRunner;
import dev.fairshift.service.RouteResponse;
import dev.fairshift.service.RunningService;
import dev.fairshift.service.ServiceConfig;
import dev.fairshift.transparency.TransparencyRoute;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fairshift kubernetes}: one replica of the Kubernetes controller, with its metrics and status over HTTP. */
@Command(name = "kubernetes", mixinStandardHelpOptions = true, versionProvider = CliCommands.Version.class,
    description = {"Runs one replica of Fairshift's Kubernetes controller until stopped with Ctrl-C or SIGTERM, on the "
        + "cluster of the kubeconfig (or, in a pod, its service account): plans pods gated by fairshift.dev/carbon-aware "
        + "and suspended Jobs labelled fairshift.dev/managed, records each decision in annotations and releases them on "
        + "the chosen node pool at their slot; with several replicas only the holder of the Lease acts (README, "
        + "\"Kubernetes\").",
        "While it runs it serves GET /metrics (Prometheus text), GET /transparency (the page of the current plan; "
            + "?view=ran: what ran; ?format=json: the same as JSON) and GET /transparency/status (the loop's status "
            + "document, JSON) on --metrics-host:--metrics-port, loopback by default; any other address needs a token from "
            + "--token-file or --token-env, which every request but /v1/health and /v1/ready then carries."},
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {" 0:Stopped, or --check done.",
        " 1:The metrics port cannot be opened, or the token file or variable cannot be used.",
        " 2:Wrong usage, or the config file is missing or invalid (the message names the file and the field).",
        " 3:The cluster cannot be listed (unreachable, or forbidden: see deploy/kubernetes/rbac.yaml)."})
final class KubernetesCommand implements Callable<Integer> {
  private final PrintStream out;
  private final PrintStream err;
  @Spec
  CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "The controller's configuration (YAML or JSON): hubs = node pools by the value of the hub label, "
          + "with zone, PUE and power; tenants = namespaces; intensity sources; the engine section.")
  Path config;

  @Option(names = "--check", description = "Read the cluster once, print the node pools and every held object as "
      + "Fairshift reads it, write nothing and exit (no metrics server).")
  boolean check;

  @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "The address /metrics and /transparency are served on; other than loopback needs a token "
          + "(default: ${DEFAULT-VALUE}).")
  String metricsHost;

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9464",
      description = "Their TCP port, 1 to 65535, or 0 for a free one (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Mixin
  ServiceOptions.TokenOptions token;

  KubernetesCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    if (metricsPort < 0 || metricsPort > 65_535) {
      throw new ParameterException(spec.commandLine(), "--metrics-port " + metricsPort + " is out of range; a "
          + "TCP port is 1 to 65535, or 0 for a free one. Maybe --metrics-port 9464.");
    }
    KubernetesLoopRunner.Sidecar metrics = KubernetesLoopRunner.Sidecar.NONE;
    if (!check) {
      // Checked before the cluster is listed, so that a refused host or token costs nothing.
      ServiceConfig.Builder service = ServiceConfig.builder().port(metricsPort);
      ServiceOptions.set("--metrics-host", metricsHost, () -> service.host(metricsHost));
      token.token().ifPresent(service::token);
      ServiceOptions.check(service.build(), "--metrics-host");
      metrics = loop -> {
        RunningService running = ServiceOptions.start(service
            .route("/metrics", request -> RouteResponse.text(RouteResponse.PROMETHEUS_TEXT, loop.scrape()))
            .route(TransparencyRoute.PATH, CliCommands.transparencyRoute(loop))
            .route(CliCommands.STATUS_PATH, request -> RouteResponse.json(loop.statusJson()))
            .build(), "--metrics-host");
        out.println("Serving " + running.uri() + "/metrics, " + running.uri() + "/transparency (?view=ran, "
            + "?format=json) and " + running.uri() + CliCommands.STATUS_PATH
            + (running.config().token().isPresent() ? " (token required)" : "") + ".");
        return running;
      };
    }
    return KubernetesLoopRunner.run(config, check, out, err, metrics);
  }
}
