package dev.fairshift.kubernetes;

import dev.fairshift.integrations.ConfigException;
import dev.fairshift.integrations.EngineException;
import dev.fairshift.integrations.EngineJob;
import dev.fairshift.integrations.HubCapacity;
import dev.fairshift.integrations.JobState;
import dev.fairshift.integrations.LoopConfig;
import dev.fairshift.integrations.LoopRunner;
import dev.fairshift.integrations.Sidecar;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code fairshift kubernetes --config kubernetes.yaml}: runs one replica of the controller (informers, leader
 * election, and the planning loop while leading) against the cluster of the kubeconfig or, in a pod, of its
 * service account, until stopped (SIGTERM, Ctrl-C). {@code --check} reads the cluster once, prints the node
 * pools, the configured hubs and every held object as Fairshift reads it, writes nothing and exits: to try a
 * config.
 *
 * <pre>{@code
 * int exit = KubernetesLoopRunner.run(Path.of("kubernetes.yaml"), false, System.out, System.err,
 *     loop -> server(loop));   // what serves /metrics and /transparency beside the loop
 * }</pre>
 */
public final class KubernetesLoopRunner {

  static final String USAGE = "Usage: fairshift kubernetes --config <kubernetes.yaml> [--check]\n"
      + "  Runs Fairshift's controller on the cluster of the kubeconfig (or the pod's service account): plans pods\n"
      + "  gated by fairshift.dev/carbon-aware and suspended Jobs labelled fairshift.dev/managed, records each\n"
      + "  decision in annotations and releases them on the chosen node pool at their slot. With several replicas\n"
      + "  only the holder of the Lease acts. --check: read the cluster once, print what Fairshift sees, write\n"
      + "  nothing, exit. See the README's \"Kubernetes\" section.";

  private KubernetesLoopRunner() {
  }

  /** Runs the command with {@code args}; returns the exit code: 0 done, 2 bad usage or config, 3 cluster unreadable. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    LoopRunner.CommandLine line = LoopRunner.parse(args, "kubernetes", "--check", USAGE, out, err);
    if (line.exitCode().isPresent()) {
      return line.exitCode().get();
    }
    return run(line.configFile().orElseThrow(), line.flag(), out, err, Sidecar.NONE);
  }

  /**
   * Runs the controller configured by {@code configFile} on the cluster of the kubeconfig or service account;
   * returns the exit code: 0 done, 2 bad config, 3 the cluster cannot be listed. Blocks until the JVM stops
   * (a shutdown hook closes everything) or the calling thread is interrupted, unless {@code check}.
   */
  public static int run(Path configFile, boolean check, PrintStream out, PrintStream err, Sidecar sidecar) {
    Objects.requireNonNull(sidecar, "sidecar");
    if (!Files.isRegularFile(configFile)) {
      err.println("Config file " + configFile + " does not exist. Maybe copy integrations/kubernetes/examples/"
          + "kubernetes.yaml.");
      return 2;
    }
    LoopRunner.configureLogging("io.fabric8", "io.vertx", "io.netty");
    KubernetesConfig config;
    try {
      config = KubernetesConfig.read(configFile);
    } catch (ConfigException | IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.options().timeout().toMillis());
    Config clientConfig = new ConfigBuilder(Config.autoConfigure(null))
        .withRequestTimeout(timeoutMillis)
        .withConnectionTimeout(timeoutMillis)
        .build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig).build()) {
      return run(client, config, check, out, err, sidecar);
    }
  }

  /** {@link #run(Path, boolean, PrintStream, PrintStream, Sidecar)} on {@code client} (tests: a mock server). */
  static int run(KubernetesClient client, KubernetesConfig config, boolean check, PrintStream out, PrintStream err,
      Sidecar sidecar) {
    Logger log = LoggerFactory.getLogger(KubernetesLoopRunner.class);
    if (check) {
      try (KubernetesEngine engine = KubernetesEngine.start(client, config.options(), () -> false)) {
        printCheck(engine, config.loop(), config.options(), out);
        return 0;
      } catch (EngineException e) {
        err.println("Cannot read the cluster: " + e.getMessage());
        return 3;
      }
    }
    KubernetesController controller;
    try {
      controller = KubernetesController.start(client, config.loop(), config.options(), b -> b);
    } catch (EngineException e) {
      err.println("Cannot read the cluster: " + e.getMessage());
      return 3;
    }
    log.info("Hubs: {} (node label {}); slot {}, horizon {}, tick {}; replica {} on Lease {}/{}",
        config.loop().hubs().stream().map(h -> h.id() + "=" + h.pool() + "@" + h.zone())
            .collect(Collectors.joining(", ")), config.options().hubLabel(), config.loop().slot(),
        config.loop().horizon(), config.loop().tick(), config.options().identity(),
        config.options().lease().namespace(), config.options().lease().name());
    LoopRunner.runUntilStopped(new LoopRunner.Run(log, "the controller",
        "Stopping; every decision stays in its object's annotations, and the Lease is released.",
        "fairshift-kubernetes-shutdown"), controller.loop(), controller::close, sidecar, () -> { });
    return 0;
  }

  private static void printCheck(KubernetesEngine engine, LoopConfig loop, KubernetesOptions options,
      PrintStream out) {
    List<HubCapacity> pools = engine.hubs();
    out.println("Node pools (node label " + options.hubLabel() + "): " + (pools.isEmpty() ? "none" : pools.stream()
        .map(h -> h.pool() + " (" + h.totalCpus() + " CPUs, " + h.usedCpus() + " used, " + h.totalGpus() + " GPUs, "
            + (h.up() ? "up" : "no ready node") + ")").collect(Collectors.joining(", "))));
    for (LoopConfig.HubConfig hub : loop.hubs()) {
      boolean found = pools.stream().anyMatch(p -> p.pool().equals(hub.pool()));
      out.println("hub " + hub.id() + ": pool " + hub.pool() + ", zone " + hub.zone() + ", PUE " + hub.pue()
          + (found ? "" : " -- no node is labelled " + options.hubLabel() + "=" + hub.pool()
              + "; it gets no work until one is. Maybe label a node pool, or fix hubs[].pool"));
      List<CloudRegions.Row> regions = CloudRegions.forRegion(hub.pool());
      if (!regions.isEmpty() && regions.stream().noneMatch(r -> r.zone().equals(hub.zone()))) {
        CloudRegions.Row r = regions.get(0);
        out.println("  note: the region table maps " + r.provider() + " " + r.region() + " (" + r.location()
            + ") to Electricity Maps zone " + r.zone() + ", not " + hub.zone() + ". Maybe zone: " + r.zone());
      }
    }
    List<EngineJob> held = engine.jobs().stream().filter(j -> j.state() == JobState.HELD).toList();
    out.println(held.size() + " held " + (held.size() == 1 ? "object" : "objects") + ":");
    for (EngineJob j : held) {
      StringBuilder line = new StringBuilder("  " + j.id() + " tenant " + j.tenant() + ": " + j.request().cpus()
          + " CPUs, " + j.request().gpus() + " GPUs");
      j.request().timeLimit().ifPresent(d -> line.append(", runs ").append(d));
      j.request().deadline().ifPresent(d -> line.append(", deadline ").append(d));
      if (!j.request().allowedPools().isEmpty()) {
        line.append(", pools ").append(j.request().allowedPools());
      }
      j.decision().ifPresent(d -> line.append(", planned ").append(d.plannedStart()).append(" on ").append(d.pool()));
      if (loop.tenantFor(j.tenant()).isEmpty()) {
        line.append(" -- tenant not configured and no defaultTenant: released untouched");
      }
      j.fieldProblems().forEach(p -> line.append(" -- ").append(p).append(" (released at once)"));
      out.println(line);
    }
  }
}
