package dev.fairshift.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.integrations.Sidecar;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's command line, --check and a run with something beside it, against the mock API server. */
@EnableKubernetesMockClient(crud = true)
class KubernetesLoopRunnerTest {

  KubernetesClient client;

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
  private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

  @Test
  void usageErrorsExitTwo() {
    assertThat(KubernetesLoopRunner.run(new String[] {}, outStream, errStream)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing --config").contains("Usage:");
    assertThat(KubernetesLoopRunner.run(new String[] {"--config", dir.resolve("none.yaml").toString()}, outStream,
        errStream)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("none.yaml does not exist").contains("Maybe");
  }

  @Test
  void invalidConfigExitsTwoNamingTheField() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), Cluster.CONFIG + "engine: {timeout: -1s}\n");
    assertThat(KubernetesLoopRunner.run(new String[] {"--config", bad.toString()}, outStream, errStream)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.yaml").contains("engine.timeout")
        .doesNotContain("\tat ");
  }

  @Test
  void checkPrintsPoolsHubsAndHeldObjectsAndWritesNothing() {
    Cluster.nodes(client);
    Cluster.create(client, Cluster.gatedPod("train-42", Map.of()));
    Cluster.create(client, Cluster.gatedPod("bad", Map.of(FairshiftKeys.DURATION, "forever")));
    String before = client.pods().inNamespace("physics").withName("train-42").get().getMetadata().getResourceVersion();
    KubernetesConfig config = KubernetesConfig.parse(Cluster.CONFIG, "k.yaml", true, dir);

    assertThat(KubernetesLoopRunner.run(client, config, true, outStream, errStream, Sidecar.NONE))
        .isEqualTo(0);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("north (7 CPUs, 0 used, 0 GPUs, up)").contains("south (15 CPUs, 0 used, 1 GPUs, up)")
        .contains("hub north: pool north, zone XN").contains("2 held objects")
        .contains("pods/physics/train-42 tenant physics: 2 CPUs, 0 GPUs, runs PT1H")
        .contains("pods/physics/bad").contains("fairshift.dev/duration='forever'");
    assertThat(client.pods().inNamespace("physics").withName("train-42").get().getMetadata().getResourceVersion())
        .isEqualTo(before);
  }

  @Test
  void checkWithRegionPoolsNotesAZoneThatDiffersFromTheRegionTable() {
    Cluster.nodes(client);
    String text = Cluster.CONFIG.replace("{id: north, pool: north, zone: XN", "{id: north, pool: eu-west-2, zone: FR")
        .replace("{id: south, pool: south, zone: XS", "{id: south, pool: eu-west-3, zone: FR")
        + "engine: {hubLabel: topology.kubernetes.io/region}\n";
    KubernetesConfig config = KubernetesConfig.parse(text, "k.yaml", true, dir);
    assertThat(KubernetesLoopRunner.run(client, config, true, outStream, errStream, Sidecar.NONE))
        .isEqualTo(0);
    String printed = out.toString(StandardCharsets.UTF_8);
    // pools by region label: eu-west-2 holds north-1, eu-west-3 holds south-1 (and the not-ready south-2)
    assertThat(printed).contains("eu-west-2 (7 CPUs").contains("eu-west-3 (15 CPUs")
        .contains("the region table maps aws eu-west-2 (London, UK) to Electricity Maps zone GB, not FR. Maybe zone: GB")
        .doesNotContain("maps aws eu-west-3");
  }

  @Test
  void runStartsTheSidecarBesideTheLeadingLoopAndStopsBothWhenInterrupted() throws Exception {
    Cluster.nodes(client);
    KubernetesConfig base = KubernetesConfig.parse(Cluster.CONFIG, "k.yaml", true, dir);
    KubernetesConfig config = new KubernetesConfig(base.loop(), base.options().withIdentity("runner-0")
        .withLease(new KubernetesOptions.Lease("fairshift", "runner", java.time.Duration.ofSeconds(8),
            java.time.Duration.ofSeconds(5), java.time.Duration.ofMillis(250))));
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    AtomicReference<dev.fairshift.integrations.PlanningLoop> seen = new AtomicReference<>();
    AtomicInteger code = new AtomicInteger(-1);
    Thread runner = new Thread(() -> code.set(KubernetesLoopRunner.run(client, config, false, outStream, errStream,
        loop -> {
          seen.set(loop);
          started.countDown();
          return closed::countDown;
        })));
    runner.start();
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
    Cluster.await("the replica leads and passes", () -> seen.get().lastReport().isPresent());
    assertThat(client.leases().inNamespace("fairshift").withName("runner").get().getSpec().getHolderIdentity())
        .isEqualTo("runner-0");
    runner.interrupt();
    runner.join(30_000);
    assertThat(runner.isAlive()).isFalse();
    assertThat(closed.getCount()).isZero();
    assertThat(code.get()).isZero();
  }
}
