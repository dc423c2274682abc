package dev.fairshift.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.solver.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each peer policy on problems small enough to work out by hand: hourly slots from T0, hub "a" in
 * zone A (the jobs' origin unless said otherwise) and hub "b" in zone B. The expected slots are
 * computed in the comments, not by the code under test.
 */
class PeersTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  // ---------------------------------------------------------------- Carbon Aware SDK

  @Test
  void carbonAwareSdk_lowestRollingAverage() {
    // A averages over 2 slots: s0 (5+3)/2=4, s1 3.5, s2 (4+1)/2=2.5, s3 5, s4 5.5; B: 4 everywhere.
    Problem p = problem(new double[] {5, 3, 4, 1, 9, 2}, new double[] {4, 4, 4, 4, 4, 4}, 4, job("j", 2, 0, 6));

    assertPlaced(p, Peers.carbonAwareSdk(), "j", "a", 2, 3);
  }

  @Test
  void carbonAwareSdk_movesToTheCleanerLocation() {
    // A's best average is 2.5 (s2); B's s0 is (1+1)/2 = 1: the SDK runs the job at b although it comes from a.
    Problem p = problem(new double[] {5, 3, 4, 1, 9, 2}, new double[] {1, 1, 9, 9, 9, 9}, 4, job("j", 2, 0, 6));

    assertPlaced(p, Peers.carbonAwareSdk(), "j", "b", 0, 1);
  }

  @Test
  void carbonAwareSdk_tiesGoToTheEarliestStartThenTheFirstLocation() {
    // A: s2 (1+2)/2 = 1.5 is its best; B: s1 (1+2)/2 = 1.5 is its best. Equal: the earlier start, B's s1.
    Problem p = problem(new double[] {3, 3, 1, 2, 9, 9}, new double[] {9, 1, 2, 9, 9, 9}, 4, job("j", 2, 0, 6));
    assertPlaced(p, Peers.carbonAwareSdk(), "j", "b", 1, 2);

    // Same series in both zones: every window averages 1.5, so s0, at a (listed first).
    double[] flat = {2, 1, 2, 1, 2, 1};
    assertPlaced(problem(flat, flat, 4, job("j", 2, 0, 6)), Peers.carbonAwareSdk(), "j", "a", 0, 1);
  }

  @Test
  void carbonAwareSdk_interruptibleJobStillRunsInOneWindow() {
    // A sums over 2 slots: s0 10, s1 18, s2 10, s3 10, s4 18; B is 9 everywhere (18). Earliest best: a s0.
    Problem p = problem(new double[] {1, 9, 9, 1, 9, 9}, new double[] {9, 9, 9, 9, 9, 9}, 4,
        job("j", 2, 0, 6).interruptible(true));

    assertPlaced(p, Peers.carbonAwareSdk(), "j", "a", 0, 1);
  }

  // ---------------------------------------------------------------- Let's Wait Awhile

  @Test
  void letsWaitAwhile_staysAtItsOriginHubInItsBestWindow() {
    // B is free of carbon, but LWA only shifts in time: at a, window sums s0 8, s1 7, s2 5, s3 10, s4 11.
    Problem p = problem(new double[] {5, 3, 4, 1, 9, 2}, new double[] {0, 0, 0, 0, 0, 0}, 4, job("j", 2, 0, 6));

    assertPlaced(p, Peers.letsWaitAwhile(), "j", "a", 2, 3);
  }

  @Test
  void letsWaitAwhile_interruptibleTakesTheCheapestSlots() {
    // the three lowest of [5,3,4,1,9,2]: 1 (s3), 2 (s5), 3 (s1)
    Problem p = problem(new double[] {5, 3, 4, 1, 9, 2}, new double[] {0, 0, 0, 0, 0, 0}, 4,
        job("j", 3, 0, 6).interruptible(true));

    assertPlaced(p, Peers.letsWaitAwhile(), "j", "a", 1, 3, 5);
  }

  @Test
  void letsWaitAwhile_interruptibleTiesGoToEarlierSlots() {
    // 1 at s1, s3, s5: two of them, the earlier ones
    Problem p = problem(new double[] {2, 1, 2, 1, 2, 1}, new double[] {0, 0, 0, 0, 0, 0}, 4,
        job("j", 2, 0, 6).interruptible(true));

    assertPlaced(p, Peers.letsWaitAwhile(), "j", "a", 1, 3);
  }

  @Test
  void letsWaitAwhile_withoutOriginRunsAtTheFirstAllowedHub() {
    // only b is allowed; B sums over 2 slots: s0 13, s1 8, s2 5, s3 3, s4 7
    Problem p = problem(new double[] {0, 0, 0, 0, 0, 0}, new double[] {9, 4, 4, 1, 2, 5}, 4,
        Job.builder("j", "t").durationSlots(2).powerKw(1).window(T0, hours(6)).allowedHubs("b"));

    assertPlaced(p, Peers.letsWaitAwhile(), "j", "b", 3, 4);
  }

  // ---------------------------------------------------------------- GAIA

  @Test
  void gaiaLowestWindow_runsInterruptibleJobsInOneBlock() {
    // sums over 2 slots at a: s0 10, s1 18, s2 10, s3 10, s4 18: the earliest 10
    Problem p = problem(new double[] {1, 9, 9, 1, 9, 9}, new double[] {0, 0, 0, 0, 0, 0}, 4,
        job("j", 2, 0, 6).interruptible(true));

    assertPlaced(p, Peers.gaiaLowestWindow(), "j", "a", 0, 1);
  }

  @Test
  void gaiaCarbonTime_prefersAnEarlySavingToALateBetterOne() {
    // C(s) over 2 slots of [6,2,2,9,9,9,1,1]: C0 8, C1 4, C2 11, C3 18, C4 18, C5 10, C6 2.
    // score (C0 - Cs) / (s + 2): s1 4/3 = 1.33, s6 6/8 = 0.75, the rest negative -> s1.
    // Lowest-Window takes s6 (C6 = 2), the cleanest.
    double[] a = {6, 2, 2, 9, 9, 9, 1, 1};
    Problem p = problem(a, new double[8], 4, job("j", 2, 0, 8));

    assertPlaced(p, Peers.gaiaCarbonTime(), "j", "a", 1, 2);
    assertPlaced(p, Peers.gaiaLowestWindow(), "j", "a", 6, 7);
  }

  @Test
  void gaiaCarbonTime_countsFromTheRelease() {
    // released at s2: C2 = 11; s3 (11-18)/3 < 0, s4 (11-18)/4 < 0, s5 (11-10)/5 = 0.2, s6 (11-2)/6 = 1.5 -> s6
    double[] a = {6, 2, 2, 9, 9, 9, 1, 1};
    Problem p = problem(a, new double[8], 4, job("j", 2, 2, 8));

    assertPlaced(p, Peers.gaiaCarbonTime(), "j", "a", 6, 7);
  }

  @Test
  void gaiaCarbonTime_startsAtOnceWhenWaitingSavesNothing() {
    // rising intensity: every later start costs more, every score is negative -> the release, s0
    Problem p = problem(new double[] {1, 2, 3, 4, 5, 6}, new double[6], 4, job("j", 2, 0, 6));

    assertPlaced(p, Peers.gaiaCarbonTime(), "j", "a", 0, 1);
  }

  // ---------------------------------------------------------------- threshold (Compute Gardener)

  @Test
  void threshold_startsAtTheFirstSlotAtOrBelowIt() {
    // 300, 250 above 200; 180 at s2 is the first at or below
    Problem p = problem(new double[] {300, 250, 180, 150, 300, 300}, new double[6], 4, job("j", 2, 0, 6));
    assertPlaced(p, Peers.computeGardener(), "j", "a", 2, 3);

    // exactly 200 at s1 counts
    Problem at = problem(new double[] {250, 200, 100, 100, 300, 300}, new double[6], 4, job("j", 2, 0, 6));
    assertPlaced(at, Peers.computeGardener(), "j", "a", 1, 2);
  }

  @Test
  void threshold_givesUpAfterTheMaximumDelay() {
    // never at or below 200: release 0 + 2 h = s2
    Problem p = problem(new double[] {300, 300, 300, 300, 300, 300}, new double[6], 4, job("j", 2, 0, 6));

    assertPlaced(p, Peers.threshold(200, Duration.ofHours(2)), "j", "a", 2, 3);
  }

  @Test
  void threshold_neverWaitsPastTheLastStartThatMeetsTheDeadline() {
    // deadline s4, 2 slots: latest start s2 although 24 h of delay are allowed
    Problem p = problem(new double[] {300, 300, 300, 300, 300, 300}, new double[6], 4, job("j", 2, 0, 4));

    assertPlaced(p, Peers.computeGardener(), "j", "a", 2, 3);
  }

  @Test
  void threshold_badArguments_sayWhatIsWrong() {
    assertThatThrownBy(() -> Peers.threshold(-1, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1.0 g/kWh");
    assertThatThrownBy(() -> Peers.threshold(Double.NaN, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> Peers.threshold(200, Duration.ofHours(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
  }

  // ---------------------------------------------------------------- admission into real capacity

  @Test
  void admission_secondComerWaitsForTheNextFreeSlot() {
    // capacity 1; both want the window s2-s3 (sums over 2: s0 18, s1 10, s2 2, s3 10, s4 18, ...).
    // 'late' is listed first but released an hour later, so 'early' is served first and gets s2-s3;
    // 'late' waits: s3 is taken, so its first start with two free slots is s4.
    double[] a = {9, 9, 1, 1, 9, 9, 9, 9};
    Problem p = problem(a, new double[8], 1, job("late", 2, 1, 8), job("early", 2, 0, 8));

    Schedule s = assertFeasible(p, Peers.letsWaitAwhile());
    assertThat(slots(s, "early")).containsExactly(2, 3);
    assertThat(slots(s, "late")).containsExactly(4, 5);
  }

  @Test
  void admission_noRoomBeforeTheDeadline_isADeadlineMissWithAReason() {
    // as above, but 'late' must finish by s5: starts s2 and s3 overlap 'early', so it cannot run
    double[] a = {9, 9, 1, 1, 9, 9, 9, 9};
    Problem p = problem(a, new double[8], 1, job("early", 2, 0, 8), job("late", 2, 1, 5));

    Schedule s = assertFeasible(p, Peers.gaiaLowestWindow());
    assertThat(slots(s, "early")).containsExactly(2, 3);
    assertThat(s.unscheduled()).singleElement().satisfies(u -> {
      assertThat(u.job()).isEqualTo("late");
      assertThat(u.reason()).contains("Deadline miss", "gaia-lowest-window", "hub 'a'", "capacity",
          "Maybe give it more slack");
    });
  }

  @Test
  void admission_respectsThePowerCap() {
    // 10 units, cap 10 kW, PUE 1.25: one 6 kW job draws 7.5 kW, two would draw 15 kW. The second waits.
    double[] a = {9, 9, 1, 1, 9, 9, 9, 9};
    Problem p = Problem.builder()
        .horizon(dev.fairshift.core.Horizon.hourly(T0, 8))
        .zone(ZoneIntensity.of("A", SlotSeries.of(a)))
        .hub(Hub.builder("a", "A").capacityUnits(10).powerCapKw(10).pue(1.25).build())
        .tenant(Tenant.of("t", "research"))
        .job(job("one", 2, 0, 8).powerKw(6).build())
        .job(job("two", 2, 0, 8).powerKw(6).build())
        .build();

    Schedule s = assertFeasible(p, Peers.carbonAwareSdk());
    assertThat(slots(s, "one")).containsExactly(2, 3);
    assertThat(slots(s, "two")).containsExactly(4, 5);
  }

  @Test
  void admission_respectsTheTenantsMaxShare() {
    // capacity 2 x 8 slots = 16 unit-slots; maxShare 0.25 = 4. 'one' holds 2, 'two' would add 3 -> 5 > 4:
    // no start helps (the share is over the whole horizon), so 'two' is left out naming the maxShare.
    Problem p = Problem.builder()
        .horizon(dev.fairshift.core.Horizon.hourly(T0, 8))
        .zone(ZoneIntensity.of("A", SlotSeries.of(9, 9, 1, 1, 9, 9, 9, 9)))
        .hub(Hub.builder("a", "A").capacityUnits(2).build())
        .tenant(Tenant.of("t", "commercial").withMaxShare(0.25))
        .job(job("one", 2, 0, 8).build())
        .job(job("two", 3, 0, 8).build())
        .build();

    Schedule s = assertFeasible(p, Peers.letsWaitAwhile());
    assertThat(slots(s, "one")).containsExactly(2, 3);
    assertThat(s.unscheduled()).singleElement().satisfies(u -> assertThat(u.reason()).contains("maxShare 0.25"));
  }

  @Test
  void admission_interruptibleJobReplacesAFullSlotByTheNextFreeOne() {
    // capacity 1. 'block' (1 slot) takes the cheapest slot s3 (intensity 1). 'pieces' wants the three
    // cheapest, s3 (1), s5 (2), s1 (3): s3 is full, so it takes the next free slot after it, s4.
    double[] a = {5, 3, 4, 1, 9, 2};
    Problem p = problem(a, new double[6], 1, job("block", 1, 0, 6), job("pieces", 3, 0, 6).interruptible(true));

    Schedule s = assertFeasible(p, Peers.letsWaitAwhile());
    assertThat(slots(s, "block")).containsExactly(3);
    assertThat(slots(s, "pieces")).containsExactly(1, 4, 5);
  }

  @Test
  void admission_interruptibleJobWithConsecutiveWish_isStillAdmittedSlotBySlot() {
    // capacity 1, [9,2,1,9,5,9]. 'block' (1 slot) takes s2 (1). 'pieces' (2 slots, interruptible) wants
    // its two cheapest, s2 (1) and s1 (2), which happen to be consecutive: s1 fits, s2 is full and is
    // replaced by the next free slot, s3, giving s1 and s3 (as one block it would have waited until s3-s4).
    double[] a = {9, 2, 1, 9, 5, 9};
    Problem p = problem(a, new double[6], 1, job("block", 1, 0, 6), job("pieces", 2, 0, 6).interruptible(true));

    Schedule s = assertFeasible(p, Peers.letsWaitAwhile());
    assertThat(slots(s, "block")).containsExactly(2);
    assertThat(slots(s, "pieces")).containsExactly(1, 3);
  }

  @Test
  void admission_interruptibleJobThatCannotFinish_releasesWhatItHeld() {
    // capacity 1, intensities [5,3,4,1,9,2]; served by release, then problem order:
    // 'x' (1 slot, s0-s3) takes the cheapest, s3. 'y' (1 slot, s0-s5) wants s3 too, waits: s4.
    // 'pieces' (3 slots, s1-s5) wants s3 (1), s5 (2), s1 (3): s1 fits, s3 is full and s4 after it too,
    // s5 fits: 2 of 3 before the deadline, so it is left out and gives s1 and s5 back.
    // 'late' (1 slot, only s1) then finds s1 free; 'z' (1 slot, s2-s5) wants s3, waits past s4 to s5.
    double[] a = {5, 3, 4, 1, 9, 2};
    Problem p = problem(a, new double[6], 1, job("x", 1, 0, 4), job("y", 1, 0, 6),
        job("pieces", 3, 1, 6).interruptible(true), job("late", 1, 1, 2), job("z", 1, 2, 6));

    Schedule s = assertFeasible(p, Peers.letsWaitAwhile());
    assertThat(slots(s, "x")).containsExactly(3);
    assertThat(slots(s, "y")).containsExactly(4);
    assertThat(slots(s, "late")).containsExactly(1);
    assertThat(slots(s, "z")).containsExactly(5);
    assertThat(s.unscheduled()).singleElement().satisfies(u -> {
      assertThat(u.job()).isEqualTo("pieces");
      assertThat(u.reason()).contains("Deadline miss", "capacity");
    });
  }

  // ---------------------------------------------------------------- helpers

  private static Instant hours(int h) {
    return T0.plus(Duration.ofHours(h));
  }

  private static Job.Builder job(String id, int slots, int releaseHour, int deadlineHour) {
    return Job.builder(id, "t").durationSlots(slots).powerKw(1).originHub("a")
        .window(hours(releaseHour), hours(deadlineHour));
  }

  private static Problem problem(double[] a, double[] b, int capacity, Job.Builder... jobs) {
    Problem.Builder p = Problem.builder()
        .horizon(dev.fairshift.core.Horizon.hourly(T0, a.length))
        .zone(ZoneIntensity.of("A", SlotSeries.of(a)))
        .zone(ZoneIntensity.of("B", SlotSeries.of(b)))
        .hub(Hub.builder("a", "A").capacityUnits(capacity).build())
        .hub(Hub.builder("b", "B").capacityUnits(capacity).build())
        .tenant(Tenant.of("t", "research"));
    List<Job> built = new ArrayList<>();
    for (Job.Builder job : jobs) {
      built.add(job.build());
    }
    return p.jobs(built).build();
  }

  private static void assertPlaced(Problem p, Scheduler scheduler, String job, String hub, Integer... slots) {
    Schedule s = assertFeasible(p, scheduler);
    Assignment a = s.assignment(job).orElseThrow(() -> new AssertionError(job + " unscheduled: " + s.unscheduled()));
    assertThat(a.hub()).isEqualTo(hub);
    assertThat(a.slots()).containsExactly(slots);
  }

  private static Schedule assertFeasible(Problem p, Scheduler scheduler) {
    Schedule s = scheduler.schedule(p);
    Evaluation e = Evaluator.evaluate(p, s);
    assertThat(e.violations()).isEmpty();
    assertThat(s.solver()).isEqualTo(scheduler.name());
    assertThat(s.assignments().size() + s.unscheduled().size()).isEqualTo(p.jobs().size());
    return s;
  }

  private static List<Integer> slots(Schedule s, String job) {
    return s.assignment(job).orElseThrow(() -> new AssertionError(job + " unscheduled: " + s.unscheduled())).slots();
  }
}
