package dev.fairshift.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.integrations.Decision;
import dev.fairshift.integrations.EngineJob;
import dev.fairshift.integrations.EngineTimeoutException;
import dev.fairshift.integrations.EngineUnavailableException;
import dev.fairshift.integrations.HubCapacity;
import dev.fairshift.integrations.JobGoneException;
import dev.fairshift.integrations.JobState;
import dev.fairshift.integrations.Release;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter against the real single-node Slurm of .ci/slurm/start.sh (skipped without it). */
class SlurmEngineRealTest {

  @TempDir
  Path tmp;

  private SlurmEngine engine;

  @BeforeEach
  void cluster() {
    RealSlurm.assumeAvailable();
    RealSlurm.cancelAll();
    engine = new SlurmEngine(SlurmOptions.defaults());
  }

  private EngineJob job(SlurmEngine e, String id) {
    return e.jobs().stream().filter(j -> j.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void hubsAreThePartitionsWithTheirOwnShareOfTheNode() {
    List<HubCapacity> hubs = engine.hubs();
    assertThat(hubs).extracting(HubCapacity::pool).containsExactly("north", "south");
    assertThat(hubs).allSatisfy(h -> {
      assertThat(h.totalCpus()).isEqualTo(8);   // MaxCPUsPerNode=8 of the 16-CPU node
      assertThat(h.totalGpus()).isEqualTo(2);
      assertThat(h.up()).isTrue();
    });
  }

  @Test
  void anOptedInJobIsHeldAtSubmissionAndMapped() {
    String id = RealSlurm.sbatch("sleep 30", "--comment=fairshift", "-A", "alice", "-p", "north,south",
        "-t", "3", "-c", "2", "--gres=gpu:1", "--deadline=now+2hours");
    String plain = RealSlurm.sbatch("sleep 1", "-A", "bob", "-t", "1");
    EngineJob job = job(engine, id);
    assertThat(job.state()).isEqualTo(JobState.HELD);
    assertThat(job.tenant()).isEqualTo("alice");
    assertThat(job.request().timeLimit()).contains(Duration.ofMinutes(3));
    assertThat(job.request().allowedPools()).containsExactly("north", "south");
    assertThat(job.request().cpus()).isEqualTo(2);
    assertThat(job.request().gpus()).isEqualTo(1);
    assertThat(job.request().deadline()).isPresent();
    assertThat(job.fieldProblems()).isEmpty();
    assertThat(engine.jobs()).extracting(EngineJob::id).doesNotContain(plain);
  }

  @Test
  void aDecisionIsRecordedOnTheJobReadBackAndReappliedWithoutChange() throws Exception {
    Path bin = RealSlurm.wrapperDirectory(tmp);
    SlurmEngine wrapped = new SlurmEngine(SlurmOptions.defaults().withBinDirectory(bin.toString()));
    String id = RealSlurm.sbatch("sleep 30", "--comment=fairshift", "-A", "alice", "-p", "north,south",
        "-t", "2");
    Instant start = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
    Decision decision = new Decision("south", start, "cleaner slot: 120 vs 300 g/kWh", 42.5);

    wrapped.applyDecision(id, decision);
    int callsAfterFirst = RealSlurm.calls(bin).size();
    assertThat(RealSlurm.squeueField(id, "%P")).isEqualTo("south");
    assertThat(RealSlurm.squeueField(id, "%T %Q")).as("held by its StartTime alone, priority hold lifted")
        .isNotEqualTo("PENDING 0").startsWith("PENDING");
    assertThat(RealSlurm.squeueField(id, "%S")).isEqualTo(SlurmEngine.scontrolTime(start));
    EngineJob read = job(wrapped, id);
    assertThat(read.state()).isEqualTo(JobState.HELD);
    assertThat(read.decision()).hasValueSatisfying(d -> assertThat(d.sameAs(decision)).isTrue());
    assertThat(read.request().allowedPools()).as("what the job asked, not the decision")
        .containsExactly("north", "south");

    wrapped.applyDecision(id, decision);
    assertThat(RealSlurm.calls(bin)).as("same decision again: no scontrol call").hasSize(callsAfterFirst);

    Decision moved = new Decision("north", start.plus(Duration.ofMinutes(5)), "re-plan", 10);
    wrapped.applyDecision(id, moved);
    assertThat(RealSlurm.squeueField(id, "%P")).isEqualTo("north");
    assertThat(job(wrapped, id).decision()).hasValueSatisfying(d -> assertThat(d.sameAs(moved)).isTrue());
    assertThat(job(wrapped, id).request().allowedPools()).containsExactly("north", "south");
  }

  @Test
  void releaseStartsTheJobOnItsPoolOnceAndNeverTouchesItAgain() {
    String id = RealSlurm.sbatch("sleep 20", "--comment=fairshift", "-A", "bob", "-p", "north,south", "-t", "1");
    engine.applyDecision(id, new Decision("south", Instant.now().plus(Duration.ofHours(1)), "later", 0));
    assertThat(engine.release(id, Release.on("south", Release.Kind.PLANNED, "slot came"))).isTrue();
    for (int i = 0; i < 60 && !RealSlurm.squeueField(id, "%T").equals("RUNNING"); i++) {
      RealSlurm.sleep(250);
    }
    assertThat(RealSlurm.squeueField(id, "%T %P")).as("StartTime brought back to now").isEqualTo("RUNNING south");
    EngineJob running = job(engine, id);
    assertThat(running.state()).isEqualTo(JobState.RUNNING);
    assertThat(running.pool()).contains("south");
    assertThat(running.startedAt()).isPresent();
    assertThat(engine.release(id, Release.on("north", Release.Kind.PLANNED, "again"))).isFalse();
    assertThatThrownBy(() -> engine.applyDecision(id, new Decision("north", Instant.now(), "x", 0)))
        .isInstanceOf(JobGoneException.class).hasMessageContaining(id);
    assertThat(RealSlurm.squeueField(id, "%P")).isEqualTo("south");
  }

  @Test
  void aJobCancelledByItsUserIsReportedCancelledAndRefusesDecisions() {
    String id = RealSlurm.sbatch("sleep 30", "--comment=fairshift", "-A", "carol", "-t", "2");
    engine.applyDecision(id, new Decision("north", Instant.now().plus(Duration.ofHours(1)), "later", 0));
    RealSlurm.scancel(id);
    assertThat(job(engine, id).state()).isEqualTo(JobState.CANCELLED);
    assertThatThrownBy(() -> engine.release(id, Release.untouched(Release.Kind.PLANNED, "x")))
        .isInstanceOf(JobGoneException.class);
  }

  @Test
  void aFailingOrHangingScontrolIsATypedErrorAndLeavesNoDecisionHalfRecorded() throws Exception {
    Path bin = RealSlurm.wrapperDirectory(tmp);
    SlurmEngine wrapped = new SlurmEngine(SlurmOptions.defaults().withBinDirectory(bin.toString())
        .withTimeout(Duration.ofSeconds(2)));
    String id = RealSlurm.sbatch("sleep 30", "--comment=fairshift", "-A", "alice", "-p", "north,south",
        "-t", "2");
    Decision decision = new Decision("south", Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS),
        "cleaner later", 5);

    RealSlurm.mode(bin, "fail");
    assertThatThrownBy(() -> wrapped.applyDecision(id, decision))
        .isInstanceOf(EngineUnavailableException.class)
        .hasMessageContaining("Unable to contact slurm controller").hasMessageContaining("Maybe");
    assertThat(job(wrapped, id).decision()).isEmpty();

    RealSlurm.mode(bin, "hang-on:Partition=");
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> wrapped.applyDecision(id, decision))
        .isInstanceOf(EngineTimeoutException.class).hasMessageContaining("did not finish in 2000 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
    EngineJob afterHang = job(wrapped, id);
    assertThat(afterHang.decision()).as("the marker is written last").isEmpty();
    assertThat(afterHang.state()).isEqualTo(JobState.HELD);
    assertThat(afterHang.request().allowedPools()).containsExactly("north", "south");

    // The decision is recorded but lifting the priority hold fails: the next call finishes it.
    RealSlurm.mode(bin, "fail-on:release");
    assertThatThrownBy(() -> wrapped.applyDecision(id, decision)).isInstanceOf(EngineUnavailableException.class);
    assertThat(RealSlurm.squeueField(id, "%Q")).isEqualTo("0");
    RealSlurm.mode(bin, "ok");
    wrapped.applyDecision(id, decision);   // the next tick
    assertThat(job(wrapped, id).decision()).hasValueSatisfying(d -> assertThat(d.sameAs(decision)).isTrue());
    assertThat(RealSlurm.squeueField(id, "%Q")).as("priority hold lifted").isNotEqualTo("0");
    assertThat(RealSlurm.squeueField(id, "%S")).isEqualTo(SlurmEngine.scontrolTime(decision.plannedStart()));
    assertThat(job(wrapped, id).state()).as("held by its StartTime").isEqualTo(JobState.HELD);

    RealSlurm.mode(bin, "fail-on:StartTime=");
    assertThatThrownBy(() -> wrapped.release(id, Release.on("south", Release.Kind.PLANNED, "slot")))
        .isInstanceOf(EngineUnavailableException.class);
    assertThat(job(wrapped, id).state()).as("still held, retried next tick").isEqualTo(JobState.HELD);
    RealSlurm.mode(bin, "ok");
    assertThat(wrapped.release(id, Release.on("south", Release.Kind.PLANNED, "slot"))).isTrue();
    assertThat(job(wrapped, id).state()).isIn(JobState.PENDING, JobState.RUNNING);
  }

  @Test
  void withFairshiftDownAPlannedJobStillStartsAtItsPlannedStartByItself() {
    String id = RealSlurm.sbatch("sleep 5", "--comment=fairshift", "-A", "alice", "-p", "north,south", "-t", "1");
    Instant planned = Instant.now().plus(Duration.ofSeconds(20)).truncatedTo(ChronoUnit.SECONDS);
    engine.applyDecision(id, new Decision("south", planned, "cleaner soon", 1));
    assertThat(job(engine, id).state()).isEqualTo(JobState.HELD);
    // No loop runs from here on: Slurm's own clock starts the job.
    for (int i = 0; i < 80 && RealSlurm.squeueField(id, "%T").equals("PENDING"); i++) {
      RealSlurm.sleep(500);
    }
    EngineJob ran = job(engine, id);
    assertThat(ran.state()).isIn(JobState.RUNNING, JobState.FINISHED);
    assertThat(ran.pool()).contains("south");
    assertThat(ran.startedAt().orElseThrow()).isBetween(planned, planned.plus(Duration.ofSeconds(10)));
  }

  @Test
  void aMissingCommandIsEngineUnavailable() {
    SlurmEngine broken = new SlurmEngine(SlurmOptions.defaults().withBinDirectory(tmp.toString()));
    assertThatThrownBy(broken::jobs).isInstanceOf(EngineUnavailableException.class)
        .hasMessageContaining("Cannot run").hasMessageContaining("Maybe");
    assertThat(Optional.of(broken.name())).contains("slurm");
  }
}
