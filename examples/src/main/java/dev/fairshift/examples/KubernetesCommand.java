package dev.fairshift.examples;

import dev.fairshift.kubernetes.KubernetesLoopRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "The controller's configuration (YAML or JSON): hubs = node pools by the value of the hub label, "
          + "with zone, PUE and power; tenants = namespaces; intensity sources; the engine section.")
  Path config;

  @Option(names = "--check", description = "Read the cluster once, print the node pools and every held object as "
      + "Fairshift reads it, write nothing and exit (no metrics server).")
  boolean check;

  @Mixin
  LoopMetricsOptions metrics;

  KubernetesCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    return KubernetesLoopRunner.run(config, check, out, err, metrics.sidecar("Kubernetes", !check, out));
  }
}
