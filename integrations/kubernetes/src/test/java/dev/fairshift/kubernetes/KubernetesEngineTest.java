package dev.fairshift.kubernetes;

import static dev.fairshift.kubernetes.Cluster.HOUR;
import static dev.fairshift.kubernetes.Cluster.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.integrations.Decision;
import dev.fairshift.integrations.EngineJob;
import dev.fairshift.integrations.HubCapacity;
import dev.fairshift.integrations.JobGoneException;
import dev.fairshift.integrations.JobState;
import dev.fairshift.integrations.MutableClock;
import dev.fairshift.integrations.PlanningLoop;
import dev.fairshift.integrations.Release;
import dev.fairshift.integrations.TickReport;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The controller against fabric8's mock API server in CRUD mode (an in-process API server that stores what it
 * is sent and serves list and watch), with an injected clock. No real API server runs here.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesEngineTest {

  KubernetesClient client;

  private final MutableClock clock = new MutableClock(T0);
  private KubernetesEngine engine;
  private PlanningLoop loop;

  @BeforeEach
  void cluster() {
    Cluster.nodes(client);
  }

  @AfterEach
  void stop() {
    if (loop != null) {
      loop.close();
    }
    if (engine != null) {
      engine.close();
    }
  }

  private void startController() {
    engine = KubernetesEngine.start(client, KubernetesOptions.defaults().withClock(clock).withIdentity("test-0"));
    loop = PlanningLoop.builder(engine, Cluster.config()).clock(clock).intensityFeed(Cluster.feed()).build();
  }

  private Pod pod(String namespace, String name) {
    return client.pods().inNamespace(namespace).withName(name).get();
  }

  private static boolean gated(Pod pod) {
    return pod.getSpec().getSchedulingGates() != null && pod.getSpec().getSchedulingGates().stream()
        .map(PodSchedulingGate::getName).anyMatch(FairshiftKeys.GATE::equals);
  }

  @Test
  void gatedPodIsPlannedAnnotatedAndUngatedOnItsHubInItsSlot() {
    Cluster.create(client, Cluster.gatedPod("train-42", Map.of()));
    startController();
    EngineJob seen = Cluster.await(engine, "pods/physics/train-42", j -> j.state() == JobState.HELD);
    assertThat(seen.tenant()).isEqualTo("physics");
    assertThat(seen.request().cpus()).isEqualTo(2);   // 1500m rounded up to whole CPUs
    assertThat(seen.request().timeLimit()).contains(HOUR);
    assertThat(seen.request().deadline()).contains(T0.plus(Duration.ofHours(10)));

    TickReport first = loop.reconcile();
    assertThat(first.decisionsWritten()).isEqualTo(1);
    Pod planned = pod("physics", "train-42");
    // the feed makes north clean only in [T0+3h, T0+4h): that is where and when it must go
    assertThat(planned.getMetadata().getAnnotations())
        .containsEntry(FairshiftKeys.PLANNED_START, T0.plus(HOUR.multipliedBy(3)).toString())
        .containsEntry(FairshiftKeys.HUB, "north")
        .containsKey(FairshiftKeys.REASON)
        .containsKey(FairshiftKeys.GRAMS_SAVED)
        .doesNotContainKey(FairshiftKeys.RELEASED_AT);
    assertThat(Double.parseDouble(planned.getMetadata().getAnnotations().get(FairshiftKeys.GRAMS_SAVED)))
        .isPositive();
    assertThat(gated(planned)).isTrue();
    assertThat(planned.getSpec().getNodeSelector()).doesNotContainKey(FairshiftKeys.HUB_LABEL);
    List<Event> events = Cluster.events(client, "physics", "train-42");
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.getReason()).isEqualTo("Planned");
      assertThat(e.getType()).isEqualTo("Normal");
      assertThat(e.getNote()).contains(T0.plus(HOUR.multipliedBy(3)).toString()).contains("north");
      assertThat(e.getReportingController()).isEqualTo(FairshiftKeys.CONTROLLER);
      assertThat(e.getReportingInstance()).isEqualTo("test-0");
      assertThat(e.getRegarding().getKind()).isEqualTo("Pod");
      assertThat(e.getRegarding().getUid()).isEqualTo(planned.getMetadata().getUid());
    });

    // an hour before its slot nothing changes, and a pass with nothing new writes nothing
    Cluster.await(engine, "pods/physics/train-42", j -> j.decision().isPresent());
    clock.set(T0.plus(HOUR.multipliedBy(2)));
    TickReport waiting = loop.reconcile();
    assertThat(waiting.decisionsWritten()).isZero();
    assertThat(waiting.released()).isEmpty();
    assertThat(gated(pod("physics", "train-42"))).isTrue();

    clock.set(T0.plus(HOUR.multipliedBy(3)));
    TickReport due = loop.reconcile();
    assertThat(due.released()).extracting(TickReport.Released::jobId).containsExactly("pods/physics/train-42");
    Pod released = pod("physics", "train-42");
    assertThat(gated(released)).isFalse();
    assertThat(released.getSpec().getNodeSelector()).containsEntry(FairshiftKeys.HUB_LABEL, "north");
    assertThat(released.getMetadata().getAnnotations())
        .containsEntry(FairshiftKeys.RELEASED_AT, T0.plus(HOUR.multipliedBy(3)).toString())
        .containsEntry(FairshiftKeys.RELEASE_KIND, "planned");
    assertThat(Cluster.events(client, "physics", "train-42")).extracting(Event::getReason)
        .containsExactlyInAnyOrder("Planned", "PlannedSlot");

    // released: the engine still reports it (not held), and a second release changes nothing
    Cluster.await(engine, "pods/physics/train-42", j -> j.state() == JobState.PENDING);
    assertThat(engine.release("pods/physics/train-42", Release.on("south", Release.Kind.PLANNED, "again"))).isFalse();
    assertThat(pod("physics", "train-42").getSpec().getNodeSelector()).containsEntry(FairshiftKeys.HUB_LABEL, "north");
  }

  @Test
  void suspendedJobIsPlannedAndUnsuspendedWithTheHubsNodeSelector() {
    Cluster.create(client, Cluster.suspendedJob());
    startController();
    EngineJob seen = Cluster.await(engine, "jobs/civic/render-frames", j -> j.state() == JobState.HELD);
    assertThat(seen.request().cpus()).isEqualTo(4);                 // 2 CPUs x parallelism 2
    assertThat(seen.request().timeLimit()).contains(HOUR);          // activeDeadlineSeconds 3600
    Instant created = Instant.parse(client.batch().v1().jobs().inNamespace("civic").withName("render-frames").get()
        .getMetadata().getCreationTimestamp());
    assertThat(seen.request().deadline()).contains(created.plus(Duration.ofHours(10)));   // "10h" after creation
    assertThat(seen.request().allowedPools()).containsExactly("north", "south");

    loop.reconcile();
    Job planned = client.batch().v1().jobs().inNamespace("civic").withName("render-frames").get();
    assertThat(planned.getSpec().getSuspend()).isTrue();
    assertThat(planned.getMetadata().getAnnotations())
        .containsEntry(FairshiftKeys.PLANNED_START, T0.plus(HOUR.multipliedBy(3)).toString())
        .containsEntry(FairshiftKeys.HUB, "north");

    Cluster.await(engine, "jobs/civic/render-frames", j -> j.decision().isPresent());
    clock.set(T0.plus(HOUR.multipliedBy(3)));
    loop.reconcile();
    Job released = client.batch().v1().jobs().inNamespace("civic").withName("render-frames").get();
    assertThat(released.getSpec().getSuspend()).isFalse();
    assertThat(released.getSpec().getTemplate().getSpec().getNodeSelector())
        .containsEntry(FairshiftKeys.HUB_LABEL, "north");
    assertThat(Cluster.events(client, "civic", "render-frames")).extracting(Event::getReason)
        .containsExactlyInAnyOrder("Planned", "PlannedSlot");
    assertThat(Cluster.events(client, "civic", "render-frames"))
        .allSatisfy(e -> assertThat(e.getRegarding().getKind()).isEqualTo("Job"));
  }

  @Test
  void deletedPodLeavesThePlanAndTheOthersCarryOn() {
    Cluster.create(client, Cluster.gatedPod("keep", Map.of()));
    Cluster.create(client, Cluster.gatedPod("drop", Map.of()));
    startController();
    Cluster.await(engine, "pods/physics/drop", j -> j.state() == JobState.HELD);
    Cluster.await(engine, "pods/physics/keep", j -> j.state() == JobState.HELD);
    assertThat(loop.reconcile().decisionsWritten()).isEqualTo(2);

    client.pods().inNamespace("physics").withName("drop").delete();
    Cluster.await("the informer drops the deleted pod",
        () -> engine.jobs().stream().noneMatch(j -> j.id().equals("pods/physics/drop")));
    assertThatThrownBy(() -> engine.applyDecision("pods/physics/drop",
        new Decision("north", T0.plus(HOUR), "x", 0)))
        .isInstanceOf(JobGoneException.class).hasMessageContaining("physics/drop");
    assertThatThrownBy(() -> engine.release("pods/physics/drop", Release.untouched(Release.Kind.UNMAPPED, "x")))
        .isInstanceOf(JobGoneException.class);

    clock.set(T0.plus(HOUR.multipliedBy(3)));
    TickReport report = loop.reconcile();
    assertThat(report.problems()).isEmpty();
    assertThat(report.released()).extracting(TickReport.Released::jobId).containsExactly("pods/physics/keep");
    assertThat(gated(pod("physics", "keep"))).isFalse();
  }

  @Test
  void restartedControllerResumesFromTheAnnotationsWithoutRewritingThem() {
    Cluster.create(client, Cluster.gatedPod("train-42", Map.of()));
    startController();
    Cluster.await(engine, "pods/physics/train-42", j -> j.state() == JobState.HELD);
    loop.reconcile();
    String version = pod("physics", "train-42").getMetadata().getResourceVersion();
    loop.close();
    engine.close();

    // a new replica (another process in real life): nothing but the cluster carries the plan over
    clock.set(T0.plus(Duration.ofMinutes(30)));
    startController();
    EngineJob read = Cluster.await(engine, "pods/physics/train-42", j -> j.decision().isPresent());
    assertThat(read.decision().get().pool()).isEqualTo("north");
    assertThat(read.decision().get().plannedStart()).isEqualTo(T0.plus(HOUR.multipliedBy(3)));
    TickReport resumed = loop.reconcile();
    assertThat(resumed.decisionsWritten()).isZero();
    assertThat(resumed.released()).isEmpty();
    assertThat(pod("physics", "train-42").getMetadata().getResourceVersion()).isEqualTo(version);
    assertThat(Cluster.events(client, "physics", "train-42")).hasSize(1);

    clock.set(T0.plus(HOUR.multipliedBy(3)));
    assertThat(loop.reconcile().released()).extracting(TickReport.Released::kind)
        .containsExactly(Release.Kind.PLANNED);
    assertThat(pod("physics", "train-42").getSpec().getNodeSelector()).containsEntry(FairshiftKeys.HUB_LABEL, "north");
  }

  @Test
  void unreadableAnnotationGivesAWarningEventNamingItAndAnImmediateRelease() {
    Cluster.create(client, Cluster.gatedPod("bad-deadline", Map.of(FairshiftKeys.DEADLINE, "tomorrow")));
    Cluster.create(client, Cluster.gatedPod("bad-hubs", Map.of(FairshiftKeys.ALLOWED_HUBS, "north,,south")));
    startController();
    EngineJob bad = Cluster.await(engine, "pods/physics/bad-deadline", j -> j.state() == JobState.HELD);
    assertThat(bad.fieldProblems()).singleElement()
        .satisfies(p -> assertThat(p.field()).isEqualTo(FairshiftKeys.DEADLINE));
    Cluster.await(engine, "pods/physics/bad-hubs", j -> j.state() == JobState.HELD);

    TickReport report = loop.reconcile();
    assertThat(report.released()).extracting(TickReport.Released::jobId)
        .containsExactlyInAnyOrder("pods/physics/bad-deadline", "pods/physics/bad-hubs");
    assertThat(report.released()).allSatisfy(r -> assertThat(r.kind()).isEqualTo(Release.Kind.UNMAPPED));
    for (String name : List.of("bad-deadline", "bad-hubs")) {
      Pod pod = pod("physics", name);
      assertThat(gated(pod)).as(name + " is never left gated").isFalse();
      assertThat(pod.getSpec().getNodeSelector()).as("released untouched").doesNotContainKey(FairshiftKeys.HUB_LABEL);
    }
    assertThat(Cluster.events(client, "physics", "bad-deadline")).singleElement().satisfies(e -> {
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getReason()).isEqualTo("InvalidAnnotation");
      assertThat(e.getNote()).contains("fairshift.dev/deadline").contains("tomorrow").contains("Maybe");
    });
    assertThat(Cluster.events(client, "physics", "bad-hubs")).singleElement()
        .satisfies(e -> assertThat(e.getNote()).contains("fairshift.dev/allowed-hubs"));
  }

  @Test
  void everyObjectIsReleasedByItsLatestStartEvenWhenItsRecordedPlanSaysLater() {
    // deadline T0+2h and 1 h: latest start T0+1h; a hand-written plan for T0+5h must not hold it past that
    Cluster.create(client, Cluster.gatedPod("tight", Map.of(FairshiftKeys.DEADLINE, T0.plus(HOUR.multipliedBy(2))
        .toString(), FairshiftKeys.PLANNED_START, T0.plus(HOUR.multipliedBy(5)).toString(), FairshiftKeys.HUB,
        "north")));
    startController();
    Cluster.await(engine, "pods/physics/tight", j -> j.state() == JobState.HELD);
    clock.set(T0.plus(HOUR));
    TickReport report = loop.reconcile();
    assertThat(report.released()).singleElement().satisfies(r -> {
      assertThat(r.jobId()).isEqualTo("pods/physics/tight");
      assertThat(r.kind()).isIn(Release.Kind.LATEST_START, Release.Kind.PLANNED);
    });
    assertThat(gated(pod("physics", "tight"))).isFalse();
  }

  @Test
  void hubsAreNodePoolsWithAllocatableLessWhatRunsOnReadyNodes() {
    Cluster.create(client, Cluster.load("pod-running.json", Pod.class));
    startController();
    Cluster.await("the running pod is in the cache", () -> engine.hubs().stream()
        .anyMatch(h -> h.pool().equals("north") && h.usedCpus() > 0));
    // north-1: 7910m allocatable -> 7 whole CPUs; the running pod takes max(init 3, 1 + 0.25) = 3 CPUs.
    // south-1: 15890m -> 15 CPUs and 1 GPU; south-2 is not ready and counts nothing; the control plane has no hub.
    assertThat(engine.hubs()).containsExactly(
        new HubCapacity("north", 7, 3, 0, 0, true),
        new HubCapacity("south", 15, 0, 1, 0, true));
  }

  @Test
  void informerEventsOfFairshiftsObjectsWakeTheLoop() throws Exception {
    startController();
    CountDownLatch woken = new CountDownLatch(1);
    try (AutoCloseable handle = engine.onChange(woken::countDown)) {
      Cluster.create(client, Cluster.load("pod-running.json", Pod.class));   // not Fairshift's: no wake-up
      assertThat(woken.await(300, TimeUnit.MILLISECONDS)).isFalse();
      Cluster.create(client, Cluster.gatedPod("new", Map.of()));
      assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
