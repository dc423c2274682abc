package dev.fairshift.solver;

import static dev.fairshift.solver.ScheduleLookups.hub;
import static dev.fairshift.solver.ScheduleLookups.reason;
import static dev.fairshift.solver.ScheduleLookups.slots;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.core.ZoneIntensity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The ASAP baseline on small hand-made problems. */
class AsapSchedulerTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");
  private static final int SLOTS = 8;

  private static Instant at(int hours) {
    return T0.plus(Duration.ofHours(hours));
  }

  private static Problem.Builder base() {
    return Problem.builder()
        .horizon(Horizon.hourly(T0, SLOTS))
        // Dirtiest first: a carbon-aware scheduler would wait, ASAP does not.
        .zone(ZoneIntensity.of("Z1", SlotSeries.of(800, 700, 600, 500, 400, 300, 200, 100)))
        .zone(ZoneIntensity.of("Z2", SlotSeries.of(10, 10, 10, 10, 10, 10, 10, 10)))
        .tenant(Tenant.of("t", "research"));
  }

  private static Job.Builder job(String id) {
    return Job.builder(id, "t").durationSlots(2).powerKw(10).window(T0, at(SLOTS));
  }

  private static Schedule asap(Problem problem) {
    Schedule schedule = Scheduler.asap().schedule(problem);
    Evaluation evaluation = Evaluator.evaluate(problem, schedule);
    assertThat(evaluation.violations()).isEmpty();
    return schedule;
  }

  @Test
  void schedule_firstComeFirstServedByReleaseThenProblemOrder() {
    Problem p = base()
        .hub(Hub.builder("h1", "Z1").capacityUnits(1).build())
        .job(job("late").window(at(2), at(SLOTS)).build())
        .job(job("early").build())
        .job(job("tie").build())
        .build();

    Schedule s = asap(p);

    // One unit per slot: "early" and "tie" are released together, "early" is listed first.
    assertThat(s.solver()).isEqualTo("asap");
    assertThat(slots(s, "early")).containsExactly(0, 1);
    assertThat(slots(s, "tie")).containsExactly(2, 3);
    assertThat(slots(s, "late")).containsExactly(4, 5);
  }

  @Test
  void schedule_startsAtReleaseIgnoringCarbon() {
    Problem p = base()
        .hub(Hub.builder("h1", "Z1").capacityUnits(4).build())
        .job(job("a").window(at(1), at(SLOTS)).build())
        .build();

    assertThat(slots(asap(p), "a")).containsExactly(1, 2);
  }

  @Test
  void schedule_releaseBetweenSlotBoundaries_roundsUp() {
    Problem p = base()
        .hub(Hub.builder("h1", "Z1").capacityUnits(4).build())
        .job(job("a").window(at(1).plusSeconds(60), at(SLOTS)).build())
        .build();

    assertThat(slots(asap(p), "a")).containsExactly(2, 3);
  }

  @Test
  void schedule_runsAtOriginHub_evenWhenAnotherHubIsCleaner() {
    Problem p = base()
        .hub(Hub.builder("clean", "Z2").capacityUnits(4).build())
        .hub(Hub.builder("home", "Z1").capacityUnits(4).build())
        .job(job("a").originHub("home").dataGb(100).build())
        .build();

    Schedule s = asap(p);

    assertThat(hub(s, "a")).isEqualTo("home");
    assertThat(slots(s, "a")).containsExactly(0, 1);
  }

  @Test
  void schedule_withoutOrigin_takesTheEarliestStartingHub_tiesByHubOrder() {
    Problem p = base()
        .hub(Hub.builder("h1", "Z1").capacityUnits(SlotSeries.of(0, 0, 1, 1, 1, 1, 1, 1)).build())
        .hub(Hub.builder("h2", "Z1").capacityUnits(SlotSeries.of(0, 1, 1, 1, 1, 1, 1, 1)).build())
        .hub(Hub.builder("h3", "Z1").capacityUnits(SlotSeries.of(0, 1, 1, 1, 1, 1, 1, 1)).build())
        .job(job("a").build())
        .build();

    Schedule s = asap(p);

    // h2 and h3 can both start in slot 1; h2 is listed first.
    assertThat(hub(s, "a")).isEqualTo("h2");
    assertThat(slots(s, "a")).containsExactly(1, 2);
  }

  @Test
  void schedule_originNotAllowed_takesTheEarliestAllowedHub() {
    Problem p = base()
        .hub(Hub.builder("home", "Z1").capacityUnits(4).build())
        .hub(Hub.builder("late", "Z1").capacityUnits(SlotSeries.of(0, 0, 0, 1, 1, 1, 1, 1)).build())
        .hub(Hub.builder("soon", "Z1").capacityUnits(SlotSeries.of(0, 1, 1, 1, 1, 1, 1, 1)).build())
        .job(job("a").originHub("home").allowedHubs("late", "soon").build())
        .build();

    Schedule s = asap(p);

    assertThat(hub(s, "a")).isEqualTo("soon");
    assertThat(slots(s, "a")).containsExactly(1, 2);
  }

  @Test
  void schedule_originFullUntilDeadline_overflowsToAnotherAllowedHub() {
    Problem p = base()
        .hub(Hub.builder("home", "Z1").capacityUnits(1).build())
        .hub(Hub.builder("other", "Z1").capacityUnits(1).build())
        .job(job("first").durationSlots(4).originHub("home").build())
        .job(job("second").window(T0, at(4)).originHub("home").build())
        .build();

    Schedule s = asap(p);

    assertThat(hub(s, "first")).isEqualTo("home");
    assertThat(hub(s, "second")).isEqualTo("other");
    assertThat(slots(s, "second")).containsExactly(0, 1);
  }

  @Test
  void schedule_capacityContention_pushesTheLaterJob() {
    Problem p = base()
        .hub(Hub.builder("h1", "Z1").capacityUnits(4).build())
        .job(job("a").units(3).durationSlots(3).build())
        .job(job("b").units(2).window(at(1), at(SLOTS)).build())
        .build();

    Schedule s = asap(p);

    // a holds 3 of 4 units in slots 0-2; b needs 2, so it starts when a ends.
    assertThat(slots(s, "a")).containsExactly(0, 1, 2);
    assertThat(slots(s, "b")).containsExactly(3, 4);
  }

  @Test
  void schedule_powerCap_pushesTheLaterJob() {
    Problem p = base()
        .hub(Hub.builder("h1", "Z1").capacityUnits(10).pue(1.5).powerCapKw(30).build())
        .job(job("a").powerKw(15).build())
        .job(job("b").powerKw(10).build())
        .job(job("c").powerKw(5).build())
        .build();

    Schedule s = asap(p);

    // a draws 22.5 kW; b would add 15 kW (37.5 > 30) and waits; c adds 7.5 kW (30 <= 30) and fits.
    assertThat(slots(s, "a")).containsExactly(0, 1);
    assertThat(slots(s, "b")).containsExactly(2, 3);
    assertThat(slots(s, "c")).containsExactly(0, 1);
  }

  @Test
  void schedule_interruptible_takesTheEarliestFeasibleSlots() {
    Problem p = base()
        .hub(Hub.builder("h1", "Z1").capacityUnits(SlotSeries.of(1, 0, 1, 0, 1, 1, 1, 1)).build())
        .job(job("a").durationSlots(3).interruptible(true).build())
        .build();

    assertThat(slots(asap(p), "a")).containsExactly(0, 2, 4);
  }

  @Test
  void schedule_maxShareRespected_andNamedAsTheReason() {
    // Total capacity 2 units x 8 slots = 16 unit-slots; maxShare 0.4 allows 6.4.
    Problem p = base()
        .hub(Hub.builder("h1", "Z1").capacityUnits(2).build())
        .tenant(Tenant.of("acme", "commercial").withMaxShare(0.4))
        .job(Job.builder("a1", "acme").durationSlots(3).powerKw(1).window(T0, at(SLOTS)).build())
        .job(Job.builder("a2", "acme").durationSlots(3).powerKw(1).window(T0, at(SLOTS)).build())
        .job(Job.builder("a3", "acme").durationSlots(1).powerKw(1).window(T0, at(SLOTS)).build())
        .job(job("other").build())
        .build();

    Schedule s = asap(p);

    assertThat(s.assignment("a1")).isPresent();
    assertThat(s.assignment("a2")).isPresent();
    assertThat(s.assignment("a3")).isEmpty();
    assertThat(s.assignment("other")).isPresent();
    assertThat(reason(s, "a3"))
        .contains("Tenant 'acme' would exceed its maxShare 0.4")
        .contains("already holds 6 unit-slots")
        .contains("needs 1")
        .contains("cap is 6");
  }

  @Test
  void schedule_noRoomBeforeDeadline_reasonNamesUnitsSlotsWindowAndBlocker() {
    Instant release = Instant.parse("2021-03-01T02:00:00Z");
    Problem p = base()
        .hub(Hub.builder("h1", "Z1").capacityUnits(20).build())
        .job(job("hog").units(10).durationSlots(4).window(at(2), at(SLOTS)).build())
        .job(job("big").units(16).durationSlots(6).window(release, at(SLOTS)).build())
        .build();

    Schedule s = asap(p);

    assertThat(s.assignment("big")).isEmpty();
    assertThat(reason(s, "big"))
        .contains("No allowed hub has 16 free units")
        .contains("for 6 consecutive slots between 2021-03-01T02:00:00Z and 2021-03-01T08:00:00Z")
        .contains("h1: capacity, 16 free units in at most 2 consecutive slots");
  }

  @Test
  void schedule_powerCapBlocks_reasonNamesThePowerCap() {
    Problem p = base()
        .hub(Hub.builder("h1", "Z1").capacityUnits(10).pue(1.2).powerCapKw(30).build())
        .job(job("a").powerKw(20).durationSlots(SLOTS).build())
        .job(job("b").powerKw(10).build())
        .build();

    Schedule s = asap(p);

    // 1.2 x (20 + 10) = 36 kW > 30 kW in every slot.
    assertThat(reason(s, "b")).contains("h1: power cap, 12 kW of headroom in at most 0 consecutive slots");
  }

  @Test
  void schedule_everyJobOnceAndDeterministic() {
    Problem p = base()
        .hub(Hub.builder("h1", "Z1").capacityUnits(1).build())
        .job(job("a").build())
        .job(job("b").build())
        .job(job("c").durationSlots(5).build())
        .build();

    Schedule first = asap(p);

    assertThat(first.assignments().stream().map(Assignment::job)).containsExactly("a", "b");
    assertThat(first.unscheduled().stream().map(Unscheduled::job)).containsExactly("c");
    assertThat(Scheduler.asap().schedule(p)).isEqualTo(first);
  }

  @Test
  void schedule_problemWithoutJobs_givesAnEmptySchedule() {
    Problem p = base().hub(Hub.builder("h1", "Z1").capacityUnits(1).build()).build();

    Schedule s = Scheduler.asap().schedule(p);

    assertThat(s.assignments()).isEmpty();
    assertThat(s.unscheduled()).isEmpty();
    assertThat(s.solver()).isEqualTo("asap");
  }
}
