package dev.fairshift.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wiring of {@code fairshift kubernetes}: options, config errors, {@code --check}, and the /metrics and
 * /transparency routes served while the controller runs, against fabric8's mock API server (CRUD mode) reached
 * through a kubeconfig, as a user's cluster would be. No real API server runs here.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesCommandTest extends CliTestSupport {
  private static final Pattern SERVING = Pattern.compile("Serving (http://\\S+?)/metrics[, ]");

  KubernetesClient kube;
  KubernetesMockServer server;

  @TempDir
  Path dir;

  private Thread controller;
  private String kubeconfigBefore;

  @AfterEach
  void stop() throws InterruptedException {
    if (controller != null && controller.isAlive()) {
      controller.interrupt();
      controller.join(30_000);
    }
    if (kubeconfigBefore == null) {
      System.clearProperty("kubeconfig");
    } else {
      System.setProperty("kubeconfig", kubeconfigBefore);
    }
  }

  /** The shipped example config, its Lease shortened for a test. */
  private Path config() throws Exception {
    Path example = Path.of(System.getProperty("basedir", "."))
        .resolve("../integrations/kubernetes/examples/kubernetes.yaml");
    String text = Files.readString(example).replace("improveFor: 2s", "improveFor: 0s");
    return Files.writeString(dir.resolve("kubernetes.yaml"), text);
  }

  /** A kubeconfig that points at the mock API server, used through the "kubeconfig" system property. */
  private void kubeconfig() throws Exception {
    String url = server.url("/").replaceAll("/$", "");
    Path file = Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters:
          - name: mock
            cluster: {server: "URL"}
        contexts:
          - name: mock
            context: {cluster: mock, user: mock, namespace: default}
        current-context: mock
        users:
          - name: mock
            user: {token: not-a-secret}
        """.replace("URL", url));
    kubeconfigBefore = System.getProperty("kubeconfig");
    System.setProperty("kubeconfig", file.toString());
  }

  private void cluster() {
    kube.nodes().resource(new NodeBuilder().withNewMetadata().withName("n1")
        .withLabels(Map.of("fairshift.dev/hub", "north")).endMetadata()
        .withNewStatus().withAllocatable(Map.of("cpu", new Quantity("4")))
        .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
    kube.pods().inNamespace("physics").resource(new PodBuilder().withNewMetadata().withName("train")
        .withAnnotations(Map.of("fairshift.dev/duration", "1h")).endMetadata()
        .withNewSpec().addNewSchedulingGate("fairshift.dev/carbon-aware")
        .addNewContainer().withName("c").withImage("busybox").withNewResources()
        .withRequests(Map.of("cpu", new Quantity("1"))).endResources().endContainer().endSpec().build()).create();
  }

  @Test
  void help_listsTheOptionsAndExitCodes() {
    assertThat(cli.run("kubernetes", "--help")).isEqualTo(Cli.OK);
    assertThat(out().replaceAll("\\s+", " ")).contains("Usage: fairshift kubernetes", "--config=FILE", "--check",
        "--metrics-host=HOST", "--metrics-port=PORT", "--token-env=NAME", "/metrics", "/transparency", "Exit codes:",
        "Lease");
  }

  @Test
  void missingOrInvalidConfig_exitsTwoNamingTheFileAndTheField() throws Exception {
    assertThat(cli.run("kubernetes", "--config", dir.resolve("nowhere.yaml").toString())).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("nowhere.yaml does not exist").contains("Maybe");
    Path bad = Files.writeString(dir.resolve("bad.yaml"), Files.readString(config())
        .replace("hubLabel: fairshift.dev/hub", "hubLabels: fairshift.dev/hub"));
    err.reset();
    assertThat(cli.run("kubernetes", "--config", bad.toString())).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("bad.yaml", "engine.hubLabels").doesNotContain("Exception", "\tat ");
  }

  @Test
  void everyInterfaceWithoutAToken_isRefusedBeforeTheClusterIsRead() throws Exception {
    assertThat(cli.run("kubernetes", "--config", config().toString(), "--metrics-host", "0.0.0.0"))
        .isEqualTo(Cli.USAGE);
    assertThat(err()).contains("Refusing to listen on 0.0.0.0 without a token");
  }

  @Test
  void check_printsWhatFairshiftSeesInTheClusterOfTheKubeconfig() throws Exception {
    cluster();
    kubeconfig();
    assertThat(cli.run("kubernetes", "--config", config().toString(), "--check")).isEqualTo(Cli.OK);
    assertThat(out()).contains("north (4 CPUs, 0 used, 0 GPUs, up)")
        .contains("hub south: pool south, zone FR, PUE 1.3 -- no node is labelled fairshift.dev/hub=south")
        .contains("1 held object:").contains("pods/physics/train tenant physics: 1 CPUs, 0 GPUs, runs PT1H");
  }

  @Test
  void run_servesMetricsAndTransparencyWhileTheControllerLeads() throws Exception {
    cluster();
    kubeconfig();
    AtomicInteger code = new AtomicInteger(-1);
    String[] args = {"kubernetes", "--config", config().toString(), "--metrics-port", "0"};
    controller = new Thread(() -> code.set(cli.run(args)), "kubernetes-under-test");
    controller.start();
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String base = awaitOutput(SERVING, controller, Duration.ofSeconds(60)).orElse(null);
    assertThat(base).as("served; err: %s", err()).isNotNull();
    // the leader's first pass records its decision on the pod (later passes, woken by that very change, write
    // none): a planned start, or, when no slot within the window is cleaner than now (the embedded grid data
    // follow the wall clock's time of day), the release itself
    while (System.nanoTime() < until && !decided(kube.pods().inNamespace("physics").withName("train").get()
        .getMetadata().getAnnotations())) {
      Thread.sleep(50);
    }
    java.util.Map<String, String> annotations = kube.pods().inNamespace("physics").withName("train").get()
        .getMetadata().getAnnotations();
    assertThat(decided(annotations)).as("a decision on the pod: %s", annotations).isTrue();
    boolean releasedAtOnce = annotations.containsKey("fairshift.dev/released-at");
    // the status document is that of the last finished pass: wait for the pass that wrote the decision to finish
    JsonNode status = new ObjectMapper().readTree(get(URI.create(base + "/transparency/status")).body());
    while (System.nanoTime() < until && !status.path("recentDecisions").findValuesAsText("job")
        .contains("pods/physics/train")) {
      Thread.sleep(50);
      status = new ObjectMapper().readTree(get(URI.create(base + "/transparency/status")).body());
    }
    assertThat(status.path("engine").asText()).isEqualTo("kubernetes");
    assertThat(status.path("heldJobs").asInt()).isEqualTo(releasedAtOnce ? 0 : 1);
    assertThat(status.path("recentDecisions").findValuesAsText("job")).contains("pods/physics/train");
    // the page of the current plan, as fairshift slurm serves it: HTML naming the held pod
    HttpResponse<String> page = get(URI.create(base + "/transparency"));
    if (releasedAtOnce) {
      // nothing held, so no current plan: the page says so and where to look instead
      assertThat(page.statusCode()).isEqualTo(503);
      assertThat(page.body()).contains("No plan yet").contains("view=ran");
    } else {
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      assertThat(page.body()).contains("pods/physics/train").contains("Fairshift on Kubernetes: the current plan")
          .doesNotContain("Slurm");
    }
    HttpResponse<String> metrics = get(URI.create(base + "/metrics"));
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("fairshift_loop_held_jobs", "engine=\"kubernetes\"");

    controller.interrupt();
    controller.join(30_000);
    assertThat(controller.isAlive()).isFalse();
    assertThat(code.get()).isEqualTo(Cli.OK);
  }

  /** Whether the loop's decision is on the pod: a planned start, or its release. */
  private static boolean decided(java.util.Map<String, String> annotations) {
    return annotations != null && (annotations.containsKey("fairshift.dev/planned-start")
        || annotations.containsKey("fairshift.dev/released-at"));
  }
}
