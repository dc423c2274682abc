package dev.fairshift.slurm.internal;

import static dev.fairshift.slurm.internal.SlurmOutputTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.integrations.EngineJob;
import dev.fairshift.integrations.JobState;
import dev.fairshift.slurm.SlurmOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Mapping the recorded squeue jobs to the engine SPI. */
class JobMapperTest {

  private final JobMapper mapper = new JobMapper(SlurmOptions.defaults());

  private Map<String, EngineJob> controlled(String fixture) {
    return SlurmOutput.squeueJobs(fixture(fixture)).stream()
        .filter(mapper::controlled)
        .map(mapper::toEngineJob)
        .collect(Collectors.toMap(EngineJob::id, Function.identity()));
  }

  @Test
  void onlyOptedInJobsAreFairshifts() {
    // 2, 5 and 8 were submitted without --comment=fairshift.
    assertThat(controlled("squeue-all-states.json").keySet())
        .containsExactlyInAnyOrder("1", "3", "4", "6", "7", "9");
  }

  @Test
  void mapsTimeLimitBeginDeadlinePartitionsCpusGpusAndAccount() {
    Map<String, EngineJob> jobs = controlled("squeue-all-states.json");
    EngineJob render = jobs.get("3");
    assertThat(render.state()).isEqualTo(JobState.HELD);
    assertThat(render.tenant()).isEqualTo("alice");
    assertThat(render.name()).isEqualTo("render");
    assertThat(render.request().timeLimit()).contains(Duration.ofMinutes(10));
    assertThat(render.request().begin()).contains(Instant.ofEpochSecond(1796420271L));
    assertThat(render.request().deadline()).contains(Instant.ofEpochSecond(1796427171L));
    assertThat(render.request().allowedPools()).containsExactly("north", "south");
    assertThat(render.request().cpus()).isEqualTo(2);
    assertThat(render.request().gpus()).isZero();
    assertThat(render.fieldProblems()).isEmpty();
    assertThat(render.decision()).isEmpty();

    EngineJob train = jobs.get("4");
    assertThat(train.request().gpus()).isEqualTo(1);
    assertThat(train.request().allowedPools()).containsExactly("south");
    assertThat(train.request().begin()).isEmpty();
  }

  @Test
  void aJobWithoutTimeLimitCarriesAFieldProblem() {
    EngineJob nolimit = controlled("squeue-all-states.json").get("9");
    assertThat(nolimit.fieldProblems()).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("TimeLimit");
      assertThat(p.reason()).contains("job 9").contains("Maybe submit it with --time");
    });
  }

  @Test
  void cancelledWhilePendingHasNoStart() {
    EngineJob cancelled = controlled("squeue-all-states.json").get("7");
    assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    assertThat(cancelled.startedAt()).isEmpty();
    assertThat(cancelled.endedAt()).contains(Instant.ofEpochSecond(1796419971L));
  }

  @Test
  void readsBackTheDecisionAndWhatTheJobAskedFor() {
    EngineJob planned = controlled("squeue-with-decision.json").get("10");
    assertThat(planned.state()).as("released, waiting for its StartTime").isEqualTo(JobState.PENDING);
    assertThat(planned.decision()).hasValueSatisfying(d -> {
      assertThat(d.pool()).isEqualTo("south");
      assertThat(d.plannedStart()).isEqualTo(Instant.parse("2026-12-04T21:38:23Z"));
      assertThat(d.gramsSaved()).isEqualTo(1.0);
    });
    // Slurm's partition is now "south" only; the job asked for both.
    assertThat(planned.request().allowedPools()).containsExactly("north", "south");
    assertThat(planned.request().begin()).as("asked begin=none, not the StartTime Fairshift set").isEmpty();
  }

  @Test
  void aDecisionWhoseStartTimeIsAheadHoldsTheJob() {
    // Job 10 was released from its priority hold with StartTime 21:38:23: held until then, pending after.
    Instant planned = Instant.parse("2026-12-04T21:38:23Z");
    JobMapper before = new JobMapper(SlurmOptions.defaults().withClock(
        java.time.Clock.fixed(planned.minusSeconds(60), java.time.ZoneOffset.UTC)));
    JobMapper after = new JobMapper(SlurmOptions.defaults().withClock(
        java.time.Clock.fixed(planned.plusSeconds(1), java.time.ZoneOffset.UTC)));
    SqueueJob job = SlurmOutput.squeueJobs(fixture("squeue-with-decision.json")).stream()
        .filter(j -> j.jobId().equals("10")).findFirst().orElseThrow();
    assertThat(before.state(job)).isEqualTo(JobState.HELD);
    assertThat(after.state(job)).isEqualTo(JobState.PENDING);
    // Without Fairshift's marker a future begin time is the user's own --begin: Slurm's, not a hold.
    SqueueJob render = SlurmOutput.squeueJobs(fixture("squeue-all-states.json")).stream()
        .filter(j -> j.jobId().equals("5")).findFirst().orElseThrow();
    assertThat(before.state(render)).isEqualTo(JobState.RUNNING);
  }

  @Test
  void optInByQosAndPartitionWhenConfigured() {
    JobMapper byPartition = new JobMapper(SlurmOptions.defaults().withOptIn(List.of(), List.of(), List.of("south")));
    List<String> ids = SlurmOutput.squeueJobs(fixture("squeue-all-states.json")).stream()
        .filter(j -> j.adminComment().isEmpty())
        .filter(byPartition::controlled).map(SqueueJob::jobId).toList();
    assertThat(ids).isEmpty();   // the plain jobs 2, 5, 8 ran on north
    JobMapper byNorth = new JobMapper(SlurmOptions.defaults().withOptIn(List.of(), List.of(), List.of("north")));
    assertThat(SlurmOutput.squeueJobs(fixture("squeue-all-states.json")).stream()
        .filter(j -> j.adminComment().isEmpty()).filter(byNorth::controlled).map(SqueueJob::jobId))
        .containsExactlyInAnyOrder("2", "5", "8");
  }

  @Test
  void askedRecordRoundTrips() {
    AskedRecord asked = new AskedRecord(List.of("north", "south"), Optional.of(Instant.parse("2026-12-04T22:00:00Z")));
    String comment = asked.appendTo("fairshift:intake");
    assertThat(comment).isEqualTo("fairshift:intake fairshift:asked partitions=north,south begin=2026-12-04T22:00:00Z");
    assertThat(AskedRecord.parse(comment)).contains(asked);
    assertThat(asked.appendTo(comment)).as("written once").isEqualTo(comment);
  }
}
