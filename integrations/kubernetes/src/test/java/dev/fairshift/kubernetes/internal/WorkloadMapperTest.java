package dev.fairshift.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.integrations.EngineJob;
import dev.fairshift.integrations.FieldProblem;
import dev.fairshift.integrations.JobState;
import dev.fairshift.kubernetes.FairshiftKeys;
import dev.fairshift.kubernetes.KubernetesOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How pods and Jobs read as engine jobs: requests, annotations, pinned pools, states; and a seeded fuzz. */
class WorkloadMapperTest {

  private static final Instant CREATED = Instant.parse("2026-12-05T00:00:00Z");
  private final WorkloadMapper mapper = new WorkloadMapper(KubernetesOptions.defaults());

  private static <T> T load(String name, Class<T> type) throws Exception {
    try (InputStream in = WorkloadMapperTest.class.getResourceAsStream("/k8s-v1/" + name)) {
      return Serialization.unmarshal(in, type);
    }
  }

  private static Pod gated(Map<String, String> annotations) throws Exception {
    Pod pod = load("pod-gated.json", Pod.class);
    pod.getMetadata().setAnnotations(new java.util.HashMap<>(annotations));
    return pod;
  }

  private EngineJob map(Pod pod) {
    return mapper.pod(pod, n -> Optional.empty());
  }

  @Test
  void theFixturesGatedPodReadsAsItsAnnotationsSay() throws Exception {
    EngineJob job = map(load("pod-gated.json", Pod.class));
    assertThat(job.id()).isEqualTo("pods/physics/train-42");
    assertThat(job.state()).isEqualTo(JobState.HELD);
    assertThat(job.tenant()).isEqualTo("physics");
    assertThat(job.submittedAt()).isEqualTo(CREATED);
    assertThat(job.request().cpus()).isEqualTo(2);
    assertThat(job.request().timeLimit()).contains(Duration.ofHours(1));
    assertThat(job.request().deadline()).contains(Instant.parse("2026-12-05T10:00:00Z"));
    assertThat(job.fieldProblems()).isEmpty();
    assertThat(job.decision()).isEmpty();
  }

  @Test
  void effectiveCpuRequestIsTheLargerOfInitAndAppContainersRoundedUp() throws Exception {
    Pod running = load("pod-running.json", Pod.class);
    // init 3 CPUs against app 1 + 0.25: 3000m
    assertThat(Resources.cpuMillis(running.getSpec())).isEqualTo(3000);
    running.getSpec().setInitContainers(List.of());
    assertThat(Resources.cpuMillis(running.getSpec())).isEqualTo(1250);
    running.getSpec().setOverhead(Map.of("cpu", new Quantity("250m")));
    assertThat(Resources.cpuMillis(running.getSpec())).isEqualTo(1500);
    assertThat(Resources.wholeCpus(1500)).isEqualTo(2);
    assertThat(Resources.wholeCpus(2000)).isEqualTo(2);
    assertThat(Resources.wholeCpus(1)).isEqualTo(1);
  }

  @Test
  void aContainerWithOnlyALimitRequestsItsLimit() throws Exception {
    Pod pod = gated(Map.of());
    pod.getSpec().getContainers().get(0).getResources().setRequests(Map.of());
    pod.getSpec().getContainers().get(0).getResources().setLimits(Map.of("cpu", new Quantity("3"),
        "nvidia.com/gpu", new Quantity("2")));
    EngineJob job = map(pod);
    assertThat(job.request().cpus()).isEqualTo(3);
    assertThat(job.request().gpus()).isEqualTo(2);
  }

  @Test
  void deadlineIsAnInstantWithAnyOffsetOrADurationAfterCreation() throws Exception {
    assertThat(map(gated(Map.of(FairshiftKeys.DEADLINE, "2026-12-05T12:00:00+01:00"))).request().deadline())
        .contains(Instant.parse("2026-12-05T11:00:00Z"));
    assertThat(map(gated(Map.of(FairshiftKeys.DEADLINE, "1h30m"))).request().deadline())
        .contains(CREATED.plus(Duration.ofMinutes(90)));
    assertThat(map(gated(Map.of(FairshiftKeys.DEADLINE, "PT2H"))).request().deadline())
        .contains(CREATED.plus(Duration.ofHours(2)));
    assertThat(map(gated(Map.of(FairshiftKeys.DEADLINE, "0s"))).fieldProblems()).singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("positive"));
  }

  @Test
  void aNodeSelectorOnTheHubLabelPinsThePoolAndMustAgreeWithAllowedHubs() throws Exception {
    Pod pinned = gated(Map.of());
    pinned.getSpec().setNodeSelector(Map.of(FairshiftKeys.HUB_LABEL, "south"));
    assertThat(map(pinned).request().allowedPools()).containsExactly("south");
    assertThat(map(pinned).pool()).contains("south");

    Pod conflicting = gated(Map.of(FairshiftKeys.ALLOWED_HUBS, "north"));
    conflicting.getSpec().setNodeSelector(Map.of(FairshiftKeys.HUB_LABEL, "south"));
    assertThat(map(conflicting).fieldProblems()).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo(FairshiftKeys.ALLOWED_HUBS);
      assertThat(p.reason()).contains("south").contains("Maybe");
    });
  }

  @Test
  void recordedDecisionIsReadBackAndAnEditedOneIsAProblem() throws Exception {
    EngineJob decided = map(gated(Map.of(FairshiftKeys.PLANNED_START, "2026-12-05T03:00:00Z",
        FairshiftKeys.HUB, "north", FairshiftKeys.REASON, "cleaner slot", FairshiftKeys.GRAMS_SAVED, "12.5")));
    assertThat(decided.decision()).hasValueSatisfying(d -> {
      assertThat(d.pool()).isEqualTo("north");
      assertThat(d.plannedStart()).isEqualTo(Instant.parse("2026-12-05T03:00:00Z"));
      assertThat(d.reason()).isEqualTo("cleaner slot");
      assertThat(d.gramsSaved()).isEqualTo(12.5);
    });
    EngineJob edited = map(gated(Map.of(FairshiftKeys.PLANNED_START, "at three", FairshiftKeys.HUB, "north")));
    assertThat(edited.decision()).isEmpty();
    assertThat(edited.fieldProblems()).extracting(FieldProblem::field).containsExactly(FairshiftKeys.PLANNED_START);
    // half removed by hand: no decision, no problem (the loop writes it again)
    assertThat(map(gated(Map.of(FairshiftKeys.HUB, "north"))).decision()).isEmpty();
  }

  @Test
  void jobStatesFollowTheJobControllersConditions() throws Exception {
    Job job = load("job-suspended.json", Job.class);
    assertThat(mapper.isOurs(job)).isTrue();
    assertThat(mapper.job(job).state()).isEqualTo(JobState.HELD);

    job.getSpec().setSuspend(false);
    job.getMetadata().getAnnotations().put(FairshiftKeys.RELEASED_AT, "2026-12-05T03:00:00Z");
    assertThat(mapper.job(job).state()).isEqualTo(JobState.PENDING);
    job.getStatus().setStartTime("2026-12-05T03:00:02Z");
    job.getStatus().setActive(2);
    assertThat(mapper.job(job).state()).isEqualTo(JobState.RUNNING);
    assertThat(mapper.job(job).startedAt()).contains(Instant.parse("2026-12-05T03:00:02Z"));
    job.getStatus().setActive(0);
    job.getStatus().setCompletionTime("2026-12-05T03:40:00Z");
    job.getStatus().setConditions(List.of(new io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder()
        .withType("Complete").withStatus("True").withLastTransitionTime("2026-12-05T03:40:00Z").build()));
    assertThat(mapper.job(job).state()).isEqualTo(JobState.FINISHED);
    assertThat(mapper.job(job).endedAt()).contains(Instant.parse("2026-12-05T03:40:00Z"));

    Job unmanaged = load("job-suspended.json", Job.class);
    unmanaged.getMetadata().getLabels().remove(FairshiftKeys.MANAGED);
    assertThat(mapper.isOurs(unmanaged)).isFalse();
    Job notSuspended = load("job-suspended.json", Job.class);
    notSuspended.getSpec().setSuspend(false);
    assertThat(mapper.isOurs(notSuspended)).as("never touched: not Fairshift's").isFalse();
  }

  @Test
  void podsOfOtherNamespacesAreLeftAloneWhenNamespacesAreListed() throws Exception {
    WorkloadMapper only = new WorkloadMapper(KubernetesOptions.defaults().withNamespaces(List.of("civic")));
    assertThat(only.isOurs(gated(Map.of()))).isFalse();
    assertThat(mapper.isOurs(gated(Map.of()))).isTrue();
    assertThat(mapper.isOurs(load("pod-running.json", Pod.class))).isFalse();
  }

  @Test
  void tenantComesFromTheConfiguredLabelElseTheNamespace() throws Exception {
    WorkloadMapper byLabel = new WorkloadMapper(KubernetesOptions.defaults().withTenantLabel("team"));
    Pod pod = gated(Map.of());
    assertThat(byLabel.pod(pod, n -> Optional.empty()).tenant()).isEqualTo("physics");
    pod.getMetadata().getLabels().put("team", "astro");
    assertThat(byLabel.pod(pod, n -> Optional.empty()).tenant()).isEqualTo("astro");
  }

  /** Any text in any user annotation or request: never an exception, only a problem naming that field. */
  @Test
  void fuzzedAnnotationsAndRequestsNeverThrowAndProblemsNameTheirField() throws Exception {
    Random random = new Random(20261205L);
    String alphabet = "0123456789hmsdPTZ:-+.,/ _eEiKMGn\u00e9\u2028north";
    List<String> keys = List.of(FairshiftKeys.DEADLINE, FairshiftKeys.DURATION, FairshiftKeys.INTERRUPTIBLE,
        FairshiftKeys.ALLOWED_HUBS, FairshiftKeys.PLANNED_START, FairshiftKeys.GRAMS_SAVED);
    Set<String> fields = Set.of(FairshiftKeys.DEADLINE, FairshiftKeys.DURATION, FairshiftKeys.INTERRUPTIBLE,
        FairshiftKeys.ALLOWED_HUBS, FairshiftKeys.PLANNED_START, FairshiftKeys.GRAMS_SAVED, "resources.requests");
    Pod base = gated(Map.of());
    for (int i = 0; i < 3000; i++) {
      String key = keys.get(random.nextInt(keys.size()));
      StringBuilder value = new StringBuilder();
      int length = random.nextInt(24);
      for (int c = 0; c < length; c++) {
        value.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      Pod pod = new PodBuilder(base).build();
      pod.getMetadata().setAnnotations(new java.util.HashMap<>(Map.of(key, value.toString(),
          FairshiftKeys.HUB, "north")));
      if (random.nextInt(4) == 0) {
        Quantity raw = new Quantity();   // as deserialised: the text unchecked
        raw.setAmount(value.toString());
        pod.getSpec().getContainers().get(0).getResources().setRequests(Map.of("cpu", raw));
      }
      EngineJob job = map(pod);
      assertThat(job.fieldProblems()).as("%s=%s", key, value)
          .allSatisfy(p -> assertThat(fields).contains(p.field()));
      if (job.fieldProblems().isEmpty() && key.equals(FairshiftKeys.DURATION)) {
        assertThat(job.request().timeLimit()).as("a readable duration %s is used", value).isPresent();
      }
      if (job.fieldProblems().isEmpty() && key.equals(FairshiftKeys.DEADLINE)) {
        assertThat(job.request().deadline()).as("a readable deadline %s is used", value).isPresent();
      }
    }
  }
}
