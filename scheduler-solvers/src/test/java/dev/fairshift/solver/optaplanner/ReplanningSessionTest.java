package dev.fairshift.solver.optaplanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.IntensityTable;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.ProblemError;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.fixtures.GeneratedProblems;
import dev.fairshift.solver.fixtures.RandomChanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.config.solver.EnvironmentMode;

class ReplanningSessionTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  private static Instant slot(int i) {
    return T0.plusSeconds(3600L * i);
  }

  /** Synchronous and reproducible: each re-solve ends after {@code calculations} score calculations. */
  private static ReplanningSession.Config synchronous(long seed, long calculations) {
    return ReplanningSession.Config.builder()
        .mode(ReplanningSession.Mode.SYNCHRONOUS)
        .solver(OptaPlannerScheduler.Config.builder().timeLimit(Duration.ofSeconds(60)).noUnimprovedTimeLimit()
            .scoreCalculationLimit(calculations).seed(seed).build())
        .build();
  }

  /**
   * A synchronous session in FULL_ASSERT mode, warm-started from the greedy schedule: OptaPlanner
   * checks every move's score from scratch, and the session every change's.
   */
  private static ReplanningSession fullAssert(Problem problem, long calculations) {
    return DefaultReplanningSession.start(problem, Optional.of(Scheduler.greedy().schedule(problem)),
        synchronous(7, calculations), EnvironmentMode.FULL_ASSERT);
  }

  /** {@link #fullAssert(Problem, long)} with 500 score calculations per re-solve, plenty for a few jobs. */
  private static ReplanningSession fullAssert(Problem problem) {
    return fullAssert(problem, 500);
  }

  private static void assertFeasible(ReplanningSnapshot snapshot) {
    assertThat(Evaluator.evaluate(snapshot.problem(), snapshot.schedule()).violations()).isEmpty();
    assertThat(snapshot.evaluation().violations()).isEmpty();
    assertThat(snapshot.result().fallback()).isEmpty();
  }

  private static Assignment placed(ReplanningSnapshot snapshot, String job) {
    return snapshot.schedule().assignment(job).orElseThrow(() -> new AssertionError("Job '" + job
        + "' is not scheduled: " + snapshot.schedule().unscheduled()));
  }

  private static Optional<Unscheduled> unscheduled(ReplanningSnapshot snapshot, String job) {
    return snapshot.schedule().unscheduled().stream().filter(u -> u.job().equals(job)).findFirst();
  }

  /** One zone {@code Z} with {@code gramsPerKwh}, one hub {@code h} of {@code capacity} units, tenant {@code t}. */
  private static Problem.Builder oneHub(int capacity, double... gramsPerKwh) {
    return Problem.builder()
        .horizon(Horizon.hourly(T0, gramsPerKwh.length))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(gramsPerKwh)))
        .hub(Hub.builder("h", "Z").capacityUnits(capacity).build())
        .tenant(Tenant.of("t", "research"));
  }

  private static Job.Builder job(String id, int durationSlots, int release, int deadline) {
    return Job.builder(id, "t").durationSlots(durationSlots).powerKw(1).window(slot(release), slot(deadline));
  }

  @Test
  void addJobs_midSession_placesThemWithoutBreakingAnyRule() {
    Problem problem = Problem.builder()
        .horizon(Horizon.hourly(T0, 12))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(300, 250, 200, 150, 100, 50, 50, 100, 150, 200, 250, 300)))
        .zone(ZoneIntensity.of("Y", SlotSeries.of(80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 80)))
        .hub(Hub.builder("h", "Z").capacityUnits(3).build())
        .hub(Hub.builder("g", "Y").capacityUnits(1).powerCapKw(5).build())
        .tenant(Tenant.of("t", "research"))
        .job(job("a", 2, 0, 12).build())
        .job(job("b", 2, 0, 12).build())
        .job(job("c", 3, 0, 12).units(2).build())
        .build();
    try (ReplanningSession session = fullAssert(problem, 600)) {
      session.advanceTo(3);
      session.addJobs(List.of(
          job("late-batch", 3, 0, 12).interruptible(true).build(),
          job("resident", 2, 3, 9).allowedHubs("g").powerKw(4).build(),
          job("wide", 2, 4, 12).units(2).build()));

      ReplanningSnapshot snapshot = session.current();
      assertThat(snapshot.revision()).isEqualTo(2);
      assertThat(snapshot.problem().jobs()).hasSize(6);
      assertFeasible(snapshot);
      assertThat(snapshot.evaluation().unscheduledJobs()).isZero();
      for (String added : List.of("late-batch", "resident", "wide")) {
        assertThat(placed(snapshot, added).firstSlot()).as(added).isGreaterThanOrEqualTo(3);
      }
      assertThat(placed(snapshot, "resident").hub()).isEqualTo("g");
    }
  }

  @Test
  void advanceTo_startedJobsNeverMoveAgain() {
    Problem problem = oneHub(1, 10, 10, 500, 500, 500, 500, 500, 500)
        .job(job("early", 2, 0, 8).build())
        .job(job("late", 2, 0, 8).build())
        .build();
    try (ReplanningSession session = fullAssert(problem)) {
      // Capacity 1: one job takes the clean slots 0-1, the other runs later.
      String first = placed(session.current(), "early").firstSlot() == 0 ? "early" : "late";
      String second = first.equals("early") ? "late" : "early";
      assertThat(placed(session.current(), first).slots()).containsExactly(0, 1);

      session.advanceTo(1);
      assertThat(session.current().startedJobs()).containsExactly(first);
      // A new forecast makes slots 6-7 the cleanest: the started job stays, the other one goes there.
      session.updateForecast("Z", SlotSeries.of(500, 500, 500, 500, 500, 500, 10, 10));
      assertThat(placed(session.current(), first).slots()).containsExactly(0, 1);
      assertThat(placed(session.current(), second).slots()).containsExactly(6, 7);

      session.addJob(job("extra", 1, 0, 8).build());
      session.advanceTo(4);
      session.updateForecast("Z", SlotSeries.of(10, 10, 10, 10, 10, 10, 10, 10));
      session.advanceTo(7);
      ReplanningSnapshot snapshot = session.current();
      assertThat(placed(snapshot, first)).isEqualTo(Assignment.contiguous(first, "h", 0, 2));
      assertThat(placed(snapshot, second)).isEqualTo(Assignment.contiguous(second, "h", 6, 2));
      assertThat(snapshot.startedJobs()).contains(first, second);
      assertFeasible(snapshot);
    }
  }

  @Test
  void updateForecast_muchCleanerSlot_movesFlexibleJobsNotStartedThere() {
    Problem problem = oneHub(2, 300, 300, 100, 300, 300, 300)
        .job(job("flex-a", 1, 0, 6).build())
        .job(job("flex-b", 1, 0, 6).build())
        .job(job("fixed", 1, 3, 4).build())
        .build();
    try (ReplanningSession session = fullAssert(problem, 3_000)) {
      assertThat(placed(session.current(), "flex-a").slots()).containsExactly(2);
      assertThat(placed(session.current(), "flex-b").slots()).containsExactly(2);
      session.advanceTo(1);

      session.updateForecast("Z", SlotSeries.of(300, 300, 300, 300, 20, 300));

      ReplanningSnapshot snapshot = session.current();
      assertThat(placed(snapshot, "flex-a").slots()).containsExactly(4);
      assertThat(placed(snapshot, "flex-b").slots()).containsExactly(4);
      assertThat(placed(snapshot, "fixed").slots()).containsExactly(3);
      // On the forecast: 2 jobs x 1 kWh x 20 g/kWh + 1 kWh x 300 g/kWh.
      assertThat(snapshot.evaluation().plannedEmissionsGrams()).contains(340.0);
      // On the actual intensities, which the forecast left alone: 2 x 300 + 300.
      assertThat(snapshot.evaluation().emissionsGrams()).isEqualTo(900.0);
      assertFeasible(snapshot);
    }
  }

  @Test
  void updateIntensities_newTable_replansOnIt() {
    Problem problem = oneHub(1, 100, 200, 300, 400).job(job("j", 1, 0, 4).build()).build();
    try (ReplanningSession session = fullAssert(problem)) {
      assertThat(placed(session.current(), "j").slots()).containsExactly(0);

      session.updateIntensities(IntensityTable.of(ZoneIntensity.of("Z", SlotSeries.of(400, 300, 200, 100))));

      assertThat(placed(session.current(), "j").slots()).containsExactly(3);
      assertThat(session.current().evaluation().emissionsGrams()).isEqualTo(100.0);
      assertThat(session.current().problem().intensities().zone("Z").gramsPerKwh().at(0)).isEqualTo(400.0);
    }
  }

  @Test
  void removeJob_freesCapacity_unscheduledJobGetsIt() {
    Problem problem = oneHub(1, 100, 100, 100, 100)
        .job(job("big", 4, 0, 4).priority(3).build())
        .job(job("small", 3, 0, 4).priority(1).build())
        .build();
    try (ReplanningSession session = fullAssert(problem)) {
      assertThat(placed(session.current(), "big").slots()).containsExactly(0, 1, 2, 3);
      assertThat(unscheduled(session.current(), "small")).hasValueSatisfying(u ->
          assertThat(u.reason()).contains("Job 'small'", "full"));

      session.removeJob("big");

      ReplanningSnapshot snapshot = session.current();
      assertThat(snapshot.problem().hasJob("big")).isFalse();
      assertThat(placed(snapshot, "small").slots()).hasSize(3);
      assertThat(snapshot.schedule().unscheduled()).isEmpty();
      assertFeasible(snapshot);
    }
  }

  @Test
  void advanceTo_jobThatCanNoLongerFit_isUnscheduledWithReason() {
    Problem problem = oneHub(1, 100, 100, 100, 100, 100, 100)
        .job(job("first", 3, 0, 3).priority(2).build())
        .job(job("second", 2, 0, 3).priority(1).build())
        .build();
    try (ReplanningSession session = fullAssert(problem)) {
      assertThat(unscheduled(session.current(), "second")).isPresent();

      session.advanceTo(2);

      ReplanningSnapshot snapshot = session.current();
      assertThat(snapshot.startedJobs()).containsExactly("first");
      assertThat(unscheduled(snapshot, "second")).hasValueSatisfying(u -> assertThat(u.reason())
          .contains("Job 'second' can no longer run", "needs 2 consecutive slot(s)", "only 1 whole slot(s) remain",
              "now (slot 2, 2021-03-01T02:00:00Z)", "Maybe extend its deadline"));
      assertFeasible(snapshot);
    }
  }

  @Test
  void advanceTo_instantRoundsUpAndClockIsInjected() {
    Problem problem = oneHub(1, 100, 100, 100, 100, 100, 100).job(job("j", 1, 0, 6).build()).build();
    Clock clock = Clock.fixed(slot(2).plusSeconds(30 * 60), ZoneOffset.UTC);
    ReplanningSession.Config config = synchronous(1, 500).toBuilder().clock(clock).build();
    try (ReplanningSession session = ReplanningSession.start(problem, config)) {
      session.advanceToNow();
      assertThat(session.nowSlot()).isEqualTo(3);
      assertThat(session.now()).isEqualTo(slot(3));
      session.advanceTo(slot(3));
      assertThat(session.current().revision()).isEqualTo(1);
      session.advanceTo(slot(3).plusSeconds(1));
      assertThat(session.current().nowSlot()).isEqualTo(4);
      assertThat(session.current().now()).isEqualTo(slot(4));
    }
  }

  @Test
  void addJobs_invalidJobs_specificErrorsAndSessionUnchanged() {
    Problem problem = oneHub(2, 100, 100, 100, 100, 100, 100, 100, 100)
        .job(job("a", 2, 0, 8).build())
        .build();
    try (ReplanningSession session = fullAssert(problem)) {
      session.advanceTo(4);
      ReplanningSnapshot before = session.current();
      Problem problemBefore = session.problem();

      assertRejected(session, List.of(Job.builder("x", "ghost").durationSlots(1).powerKw(1).window(slot(4), slot(8))
          .build()), "jobs[1].tenant", "Job 'x' belongs to tenant 'ghost', which is not in the problem");
      assertRejected(session, List.of(job("a", 1, 4, 8).build()), "jobs[1].id", "Job 'a' is listed twice");
      assertRejected(session, List.of(job("y", 1, 4, 8).allowedHubs("nowhere").build()), "jobs[1].allowedHubs[0]",
          "Job 'y' allows hub 'nowhere'");
      assertRejected(session, List.of(job("z", 3, 5, 6).build()), "jobs[1].deadline",
          "Job 'z' has deadline 2021-03-01T06:00:00Z before release + duration");
      assertRejected(session, List.of(job("gone", 2, 0, 5).build()), "jobs[1].deadline",
          "Job 'gone' can no longer run", "only 1 whole slot(s) remain");
      // All or nothing: a good job next to a bad one is not added either.
      assertRejected(session, List.of(job("good", 1, 4, 8).build(), job("bad", 0, 4, 8).build()),
          "jobs[2].durationSlots", "Job 'bad' has durationSlots 0");

      assertThatThrownBy(() -> session.removeJob("nope")).isInstanceOf(NoSuchElementException.class)
          .hasMessageContaining("No job 'nope'");
      assertThatThrownBy(() -> session.advanceTo(2)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at slot 4").hasMessageContaining("cannot go back to slot 2");
      assertThatThrownBy(() -> session.advanceTo(9)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Slot 9 is outside the horizon");
      assertThatThrownBy(() -> session.updateForecast("Q", SlotSeries.of(1, 2))).isInstanceOf(
          IllegalArgumentException.class).hasMessageContaining("Zone 'Q' is not in").hasMessageContaining("[Z]");
      assertThatThrownBy(() -> session.updateForecast("Z", SlotSeries.of(1, 2)))
          .isInstanceOfSatisfying(InvalidProblemException.class, e -> assertThat(e.errors())
              .extracting(ProblemError::path).containsExactly("zones[0].forecastGramsPerKwh"));
      assertThatThrownBy(() -> session.updateIntensities(IntensityTable.of(ZoneIntensity.of("Q",
          SlotSeries.of(1, 1, 1, 1, 1, 1, 1, 1))))).isInstanceOfSatisfying(InvalidProblemException.class, e ->
          assertThat(e.errors()).extracting(ProblemError::path).containsExactly("hubs[0].zone"));

      assertThat(session.problem()).isSameAs(problemBefore);
      assertThat(session.nowSlot()).isEqualTo(4);
      assertThat(session.current()).isSameAs(before);
      assertThat(session.current().problem().jobs()).extracting(Job::id).containsExactly("a");
    }
  }

  private static void assertRejected(ReplanningSession session, List<Job> jobs, String path, String... message) {
    assertThatThrownBy(() -> session.addJobs(jobs)).isInstanceOfSatisfying(InvalidProblemException.class, e -> {
      assertThat(e.errors()).extracting(ProblemError::path).containsExactly(path);
      assertThat(e.errors().get(0).message()).contains(message);
      assertThat(e.getMessage()).startsWith("Adding job(s) [");
    });
  }

  @Test
  void synchronousMode_sameChangesAndSeed_sameSchedules() {
    List<Schedule> first = script(11);
    List<Schedule> second = script(11);
    assertThat(second).isEqualTo(first);
    assertThat(first).hasSize(7);
  }

  /** A fixed series of changes on a random problem; the schedule after each. */
  private static List<Schedule> script(long seed) {
    Random r = new Random(42);
    Problem problem = GeneratedProblems.random(r, 6);
    List<Schedule> out = new ArrayList<>();
    try (ReplanningSession session = ReplanningSession.start(problem, synchronous(seed, 3_000))) {
      out.add(session.current().schedule());
      for (int step = 0; out.size() < 7; step++) {
        switch (step % 3) {
          case 0 -> {
            try {
              session.addJob(RandomChanges.job(r, session.problem(), "new-" + step, session.nowSlot()));
            } catch (InvalidProblemException e) {
              continue;
            }
          }
          case 1 -> session.updateForecast(problem.intensities().zones().get(0).zone(),
              RandomChanges.series(r, problem.horizon().slots()));
          default -> session.advanceTo(Math.min(problem.horizon().slots(), session.nowSlot() + 1));
        }
        out.add(session.current().schedule());
      }
    }
    return out;
  }

  @Test
  void addListener_calledWithNewBestSchedules() throws InterruptedException {
    Problem problem = oneHub(1, 300, 200, 100, 50).job(job("j", 1, 0, 4).build()).build();
    ReplanningSession.Config config = ReplanningSession.Config.builder()
        .solver(OptaPlannerScheduler.Config.builder().scoreCalculationLimit(500).build()).build();
    BlockingQueue<ReplanningSnapshot> seen = new LinkedBlockingQueue<>();
    try (ReplanningSession session = ReplanningSession.start(problem, config)) {
      session.addListener(seen::add);
      session.addJob(job("k", 1, 0, 4).build());
      ReplanningSnapshot snapshot;
      do {
        snapshot = seen.poll(10, TimeUnit.SECONDS);
        assertThat(snapshot).as("a best schedule with job k within 10 s").isNotNull();
      } while (snapshot.schedule().assignment("k").isEmpty());
      assertThat(snapshot.revision()).isEqualTo(1);
      assertThat(snapshot.problem().hasJob("k")).isTrue();
      assertFeasible(snapshot);
      assertThat(session.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(session.current().schedule().assignments()).extracting(Assignment::job).containsExactlyInAnyOrder(
          "j", "k");
    }
  }

  @Test
  void close_stopsSolverThreadsAndLaterChangesFail() {
    Problem problem = GeneratedProblems.random(new Random(3), 6);
    // Busy for up to a minute unless stopped: no unimproved-time or calculation limit.
    ReplanningSession.Config config = ReplanningSession.Config.builder()
        .solver(OptaPlannerScheduler.Config.builder().timeLimit(Duration.ofSeconds(60)).noUnimprovedTimeLimit().build())
        .build();
    ReplanningSession session = ReplanningSession.start(problem, config);
    Consumer<ReplanningSnapshot> listener = s -> { };
    session.addListener(listener);
    session.advanceTo(1);
    assertThat(sessionThreads()).isNotEmpty();

    long start = System.nanoTime();
    session.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(sessionThreads()).isEmpty();

    Job late = Job.builder("late", "tenant-0").durationSlots(1).powerKw(1).window(slot(2), slot(4)).build();
    assertThatThrownBy(() -> session.addJob(late))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("session is closed");
    assertThatThrownBy(() -> session.removeJob(problem.jobs().get(0).id())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("session is closed");
    assertThatThrownBy(() -> session.advanceTo(2)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("session is closed");
    assertThatThrownBy(() -> session.updateIntensities(problem.intensities()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("session is closed");
    assertThatThrownBy(() -> session.addListener(listener)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("session is closed");
    assertThatThrownBy(() -> session.awaitIdle(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("session is closed");
    // The last best schedule stays readable, and closing again does nothing.
    assertFeasible(session.current());
    session.close();
  }

  private static List<String> sessionThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(DefaultReplanningSession.THREAD_PREFIX))
        .toList();
  }

  @Test
  void backgroundMode_changesFromSeveralThreads_allApplied() throws InterruptedException {
    Problem problem = oneHub(3, 300, 250, 200, 150, 100, 50, 100, 150, 200, 250, 300, 350).build();
    ReplanningSession.Config config = ReplanningSession.Config.builder()
        .solver(OptaPlannerScheduler.Config.builder().scoreCalculationLimit(2_000).build()).build();
    try (ReplanningSession session = ReplanningSession.start(problem, config)) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int thread = t;
        threads.add(new Thread(() -> {
          for (int k = 0; k < 4; k++) {
            session.addJob(job("job-" + thread + "-" + k, 1 + k % 2, 0, 12).build());
          }
        }));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      assertThat(session.awaitIdle(Duration.ofSeconds(20))).isTrue();
      ReplanningSnapshot snapshot = session.current();
      assertThat(snapshot.revision()).isEqualTo(12);
      assertThat(snapshot.problem().jobs()).hasSize(12);
      assertThat(snapshot.evaluation().unscheduledJobs()).isZero();
      assertFeasible(snapshot);
    }
  }
}
