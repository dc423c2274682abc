package dev.fairshift.solver;

import static dev.fairshift.solver.ScheduleLookups.reason;
import static dev.fairshift.solver.ScheduleLookups.slots;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Greedy and ASAP with fairness windows, on hand-made problems (PUE 1, hourly slots, 10 kW jobs). */
class FairnessWindowsSchedulerTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  private static Instant at(int hours) {
    return T0.plus(Duration.ofHours(hours));
  }

  private static Problem.Builder base(Tenant tenant, int capacity, double... gramsPerKwh) {
    return Problem.builder()
        .horizon(Horizon.hourly(T0, gramsPerKwh.length))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(gramsPerKwh)))
        .hub(Hub.builder("h", "Z").capacityUnits(capacity).build())
        .tenant(tenant);
  }

  private static Job.Builder job(String id, String tenant, int duration, int from, int to) {
    return Job.builder(id, tenant).durationSlots(duration).powerKw(10).window(at(from), at(to));
  }

  private static Schedule feasible(Problem p, Schedule s) {
    assertThat(Evaluator.evaluate(p, s).violations()).isEmpty();
    return s;
  }

  @Test
  void greedy_capPerWindow_movesTheSecondJobToTheNextWindow() {
    // Windows of 2 slots hold 4 unit-slots: cap 0.5 x 4 = 2. Slots 0-1 are cleanest and have room
    // for both jobs, but a (problem order first) fills window 0's cap, so b goes to 2-3 (a run over
    // 1-2 would put 3 in window 0).
    Tenant w = Tenant.of("w", "x").withMaxShare(0.5).withFairnessWindowSlots(2);
    Problem p = base(w, 2, 10, 10, 500, 500)
        .job(job("a", "w", 2, 0, 4).build())
        .job(job("b", "w", 2, 0, 4).build())
        .build();

    Schedule s = feasible(p, Scheduler.greedy().schedule(p));

    assertThat(slots(s, "a")).containsExactly(0, 1);
    assertThat(slots(s, "b")).containsExactly(2, 3);
    // Over the whole horizon (cap 0.5 x 8 = 4) both take the clean slots.
    Problem whole = base(w.withWholeHorizonWindow(), 2, 10, 10, 500, 500)
        .jobs(p.jobs()).build();
    Schedule t = feasible(whole, Scheduler.greedy().schedule(whole));
    assertThat(slots(t, "a")).containsExactly(0, 1);
    assertThat(slots(t, "b")).containsExactly(0, 1);
  }

  @Test
  void greedy_interruptibleUnderACap_takesTheCheapestSlotsWindowByWindow() {
    // Windows of 2 slots hold 4 unit-slots: cap 0.25 x 4 = 1 slot of the job per window. The three
    // cheapest slots overall are 1, 0, 4; within the cap: the cheapest of each window, 1, 3, 4
    // (10 kWh x (5 + 40 + 30) = 750 g).
    Tenant w = Tenant.of("w", "x").withMaxShare(0.25).withFairnessWindowSlots(2);
    Problem p = base(w, 2, 10, 5, 50, 40, 30, 60)
        .job(job("c", "w", 3, 0, 6).interruptible(true).build())
        .build();

    Schedule s = feasible(p, Scheduler.greedy().schedule(p));

    assertThat(slots(s, "c")).containsExactly(1, 3, 4);
    assertThat(Evaluator.evaluate(p, s).emissionsGrams()).isEqualTo(750.0);
  }

  @Test
  void greedy_interruptibleUnderACapWithTransfer_triesEveryFirstSlot() {
    // Hubs h and 'home' make windows of 8 unit-slots: cap 0.25 x 8 = 2 of the job's slots per
    // window. Slot costs are 10 kWh x intensity: 100, 50, 500, 400, 300, 600. Without transfer the
    // cheapest set within the cap is 0, 1, 4 (450 g). The job is moved from 'home' (not allowed)
    // with 100 kWh of transfer at its first slot's intensity: first slot 0 adds 1000 g (1450), first
    // slot 1 leaves one slot of window 0 and takes 3, 4 after it: 750 + 500 = 1250, the least.
    Tenant w = Tenant.of("w", "x").withMaxShare(0.25).withFairnessWindowSlots(2);
    Problem.Builder b = base(w, 2, 10, 5, 50, 40, 30, 60)
        .hub(Hub.builder("home", "Z").capacityUnits(2).build());
    Problem near = b.job(job("c", "w", 3, 0, 6).interruptible(true).allowedHubs("h").build()).build();
    Problem moved = b.clearJobs().transferKwhPerGb(0.01)
        .job(job("c", "w", 3, 0, 6).interruptible(true).allowedHubs("h").originHub("home").dataGb(10_000).build())
        .build();

    assertThat(slots(feasible(near, Scheduler.greedy().schedule(near)), "c")).containsExactly(0, 1, 4);
    Schedule s = feasible(moved, Scheduler.greedy().schedule(moved));
    assertThat(slots(s, "c")).containsExactly(1, 3, 4);
    assertThat(Evaluator.evaluate(moved, s).emissionsGrams()).isEqualTo(1250.0);
  }

  @Test
  void greedy_quotaPerWindow_reservesTheLaterWindowToo() {
    // Hub of 1 unit; tenant g guaranteed 0.5 per window of 2 slots (1 unit-slot each). g0a and g0b
    // are released in window 0 (due by slot 2), g1 in window 1; four high-priority jobs of tenant
    // big could fill every slot. Per window, the quota phase places g0a (window 0) and g1 (window
    // 1). Over the whole horizon the guarantee min(3, 2) = 2 is met by g0a and g0b, and g1 is left
    // to the main phase, where big fills the later slots first.
    Tenant g = Tenant.of("g", "newcomer").withGuaranteedShare(0.5).withFairnessWindowSlots(2);
    Problem.Builder b = base(g, 1, 100, 100, 100, 100).tenant(Tenant.of("big", "commercial"))
        .job(job("g0a", "g", 1, 0, 2).build())
        .job(job("g0b", "g", 1, 0, 2).build())
        .job(job("g1", "g", 1, 2, 4).build());
    for (int i = 0; i < 4; i++) {
      b.job(job("big" + i, "big", 1, 0, 4).priority(3).build());
    }
    Problem p = b.build();

    Schedule s = feasible(p, Scheduler.greedy().schedule(p));

    assertThat(s.assignment("g0a")).isPresent();
    assertThat(s.assignment("g1")).isPresent();
    assertThat(s.assignment("g0b")).isEmpty();
    assertThat(Evaluator.evaluate(p, s).tenant("g").quotaMet()).isTrue();

    Problem whole = base(g.withWholeHorizonWindow(), 1, 100, 100, 100, 100).tenant(Tenant.of("big", "commercial"))
        .jobs(p.jobs()).build();
    Schedule t = feasible(whole, Scheduler.greedy().schedule(whole));
    assertThat(t.assignment("g0a")).isPresent();
    assertThat(t.assignment("g0b")).isPresent();
    assertThat(t.assignment("g1")).isEmpty();
    assertThat(Evaluator.evaluate(whole, t).tenant("g").quotaMet()).isTrue();
    // The same schedule misses window 1's guarantee when measured per window.
    assertThat(Evaluator.evaluate(p, t).tenant("g").unmetWindows()).singleElement()
        .satisfies(w -> assertThat(w.window().index()).isEqualTo(1));
  }

  @Test
  void greedyAndAsap_jobAboveTheCapOfEveryWindow_reasonNamesTheWindows() {
    // Cap 0.25 x 4 = 1 unit-slot per window of 2 slots; the job holds 2 units in any slot.
    Tenant w = Tenant.of("w", "x").withMaxShare(0.25).withFairnessWindowSlots(2);
    Problem p = base(w, 2, 10, 10, 10, 10)
        .job(job("x", "w", 1, 0, 4).units(2).build())
        .build();

    for (Scheduler scheduler : List.of(Scheduler.greedy(), Scheduler.asap())) {
      Schedule s = feasible(p, scheduler.schedule(p));

      assertThat(reason(s, "x")).as(scheduler.name()).isEqualTo("Tenant 'w' would exceed its maxShare 0.25 in a "
          + "fairness window of 2 slots with job 'x' (2 units for 1 slots), wherever the hubs have room for it "
          + "between 2021-03-01T00:00:00Z and 2021-03-01T04:00:00Z: window 0 (slots 0..1, 2021-03-01T00:00:00Z to "
          + "2021-03-01T02:00:00Z) already runs 0 of its 1 (0.25 x 4); window 1 (slots 2..3, 2021-03-01T02:00:00Z to "
          + "2021-03-01T04:00:00Z) already runs 0 of its 1 (0.25 x 4) unit-slots. Maybe raise the tenant's maxShare "
          + "or fairnessWindowSlots, or widen the job's window.");
    }
  }

  @Test
  void asap_capPerWindow_startsWhereTheCapAllows() {
    // As in the greedy case: a at 0-1 fills window 0's cap of 2, so b's earliest start is 2.
    Tenant w = Tenant.of("w", "x").withMaxShare(0.5).withFairnessWindowSlots(2);
    Problem p = base(w, 2, 10, 10, 500, 500)
        .job(job("a", "w", 2, 0, 4).build())
        .job(job("b", "w", 2, 0, 4).build())
        .job(job("c", "w", 2, 0, 4).interruptible(true).build())
        .build();

    Schedule s = feasible(p, Scheduler.asap().schedule(p));

    assertThat(slots(s, "a")).containsExactly(0, 1);
    assertThat(slots(s, "b")).containsExactly(2, 3);
    assertThat(s.assignment("c")).isEmpty();
    assertThat(reason(s, "c")).startsWith("Tenant 'w' would exceed its maxShare 0.5 in a fairness window of 2 slots");
  }
}
