package dev.fairshift.solver;

import static dev.fairshift.solver.ScheduleLookups.handPlan;
import static dev.fairshift.solver.ScheduleLookups.placedPriority;
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
import dev.fairshift.core.TenantWindowResult;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.core.ZoneIntensity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PriorityTrades} on hand-written plans with hand-reasoned answers (one hub of 4 units, 8 one-hour
 * slots, flat intensity), and, as a property, on the ASAP plans of seeded random problems.
 */
class PriorityTradesTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  private static Instant at(int hours) {
    return T0.plus(Duration.ofHours(hours));
  }

  private static Problem.Builder base() {
    return Problem.builder()
        .horizon(Horizon.hourly(T0, 8))
        .zone(ZoneIntensity.of("Z1", SlotSeries.of(100, 100, 100, 100, 100, 100, 100, 100)))
        .tenant(Tenant.of("t", "research"))
        .hub(Hub.builder("h1", "Z1").capacityUnits(4).build());
  }

  private static Job.Builder job(String id, int units, int duration, int release, int deadline) {
    return Job.builder(id, "t").units(units).durationSlots(duration).powerKw(10).window(at(release), at(deadline));
  }

  @Test
  void trade_ejectsALowerPriorityJobThatCannotGoBack_forAHigherOne() {
    // "high" (priority 3) has the whole hub in its zero-slack window [0, 3); "low" (priority 1, the
    // whole hub for 6 of the 8 slots) is in the way there and fits nowhere else once "high" runs.
    Problem p = base()
        .job(job("low", 4, 6, 0, 8).build())
        .job(job("high", 4, 3, 0, 3).priority(3).build())
        .build();

    Schedule s = PriorityTrades.improve(p, handPlan(p, "hand", Assignment.contiguous("low", "h1", 0, 6)), "greedy");

    assertThat(Evaluator.evaluate(p, s).violations()).isEmpty();
    assertThat(s.assignment("high").orElseThrow().slots()).containsExactly(0, 1, 2);
    assertThat(s.assignment("low")).isEmpty();
    assertThat(s.unscheduled()).extracting(Unscheduled::job).containsExactly("low");
    assertThat(placedPriority(p, s)).isEqualTo(3);
  }

  @Test
  void chain_movesTwoJobsEachBySlotsToInsertOneThatNeedsTheWholeHub() {
    // "wide" needs the whole hub in exactly [2, 6); "early" (window [0, 4)) sits at 2-3 and "late"
    // (window [4, 8)) at 4-5. Only moving both (early to 0-1, late to 6-7) lets all three run.
    Problem p = base()
        .job(job("wide", 4, 4, 2, 6).build())
        .job(job("early", 4, 2, 0, 4).build())
        .job(job("late", 4, 2, 4, 8).build())
        .build();

    Schedule s = PriorityTrades.improve(p,
        handPlan(p, "hand", Assignment.contiguous("early", "h1", 2, 2), Assignment.contiguous("late", "h1", 4, 2)), "greedy");

    assertThat(Evaluator.evaluate(p, s).violations()).isEmpty();
    assertThat(s.unscheduled()).isEmpty();
    assertThat(s.assignment("wide").orElseThrow().slots()).containsExactly(2, 3, 4, 5);
    assertThat(s.assignment("early").orElseThrow().slots()).containsExactly(0, 1);
    assertThat(s.assignment("late").orElseThrow().slots()).containsExactly(6, 7);
  }

  @Test
  void noTrade_whenItWouldBreakAMetQuota_theScheduleComesBackAsItWas() {
    // "g" is guaranteed 0.25 x 8 unit-slots... of a 1-unit hub: 2 unit-slots, exactly its job "mine"
    // (1 unit, slots [0, 2), no slack). "other" (priority 3) wants the same two slots; trading would
    // place more priority but break the guarantee, which ranks above it.
    Problem p = Problem.builder()
        .horizon(Horizon.hourly(T0, 8))
        .zone(ZoneIntensity.of("Z1", SlotSeries.of(100, 100, 100, 100, 100, 100, 100, 100)))
        .tenant(Tenant.of("t", "research"))
        .tenant(Tenant.of("g", "newcomer").withGuaranteedShare(0.25))
        .hub(Hub.builder("h1", "Z1").capacityUnits(1).build())
        .job(Job.builder("mine", "g").durationSlots(2).powerKw(10).window(T0, at(2)).build())
        .job(job("other", 1, 2, 0, 2).priority(3).build())
        .build();
    Schedule given = handPlan(p, "hand", Assignment.contiguous("mine", "h1", 0, 2));
    assertThat(Evaluator.evaluate(p, given).tenant("g").quotaMet()).isTrue();

    Schedule s = PriorityTrades.improve(p, given, "greedy");

    assertThat(s).isSameAs(given);
  }

  @Test
  void nothingLeftOut_theScheduleComesBackAsItWas() {
    Problem p = base().job(job("a", 4, 2, 0, 8).build()).build();
    Schedule given = handPlan(p, "hand", Assignment.contiguous("a", "h1", 3, 2));

    assertThat(PriorityTrades.improve(p, given, "greedy")).isSameAs(given);
  }

  /**
   * Every job placed, on a few jobs: the packing search still looks for a plan that emits less. One hub
   * of 2 units with 10 kW of on-site supply in slot 2 only; "big" (2 units, 10 kW) and "a", "b" (1 unit,
   * 2 kW each), one slot each, windows [0, 4). The plan given runs a and b in slot 0 and big in slot 1
   * (14 kWh from the grid); the best runs big on the supply in slot 2 (4 kWh).
   */
  @Test
  void everyJobPlaced_aFewJobs_thePackingSearchFindsAPlanThatEmitsLess() {
    Problem p = Problem.builder()
        .horizon(Horizon.hourly(T0, 4))
        .zone(ZoneIntensity.of("Z1", SlotSeries.of(500, 500, 500, 500)))
        .tenant(Tenant.of("t", "research"))
        .hub(Hub.builder("h1", "Z1").capacityUnits(2).renewableKw(SlotSeries.of(0, 0, 10, 0)).build())
        .job(Job.builder("big", "t").units(2).durationSlots(1).powerKw(10).window(at(0), at(4)).build())
        .job(Job.builder("a", "t").units(1).durationSlots(1).powerKw(2).window(at(0), at(4)).build())
        .job(Job.builder("b", "t").units(1).durationSlots(1).powerKw(2).window(at(0), at(4)).build())
        .build();
    Schedule given = handPlan(p, "hand", Assignment.contiguous("big", "h1", 1, 1), Assignment.contiguous("a", "h1", 0, 1),
        Assignment.contiguous("b", "h1", 0, 1));
    assertThat(Evaluator.evaluate(p, given).emissionsGrams()).isEqualTo(14 * 500.0);

    Schedule better = PriorityTrades.improve(p, given, "greedy");

    Evaluation e = Evaluator.evaluate(p, better);
    assertThat(e.violations()).isEmpty();
    assertThat(better.unscheduled()).isEmpty();
    assertThat(e.emissionsGrams()).isEqualTo(4 * 500.0);
    assertThat(better.assignments()).contains(Assignment.contiguous("big", "h1", 2, 1));
  }

  /**
   * On {@value #SEEDS} random problems, from ASAP's plan (which leaves jobs out whenever its origin
   * hubs are full): placed priority never goes down, no hard rule breaks, no met quota breaks, every job
   * appears once, and the same input gives the same schedule.
   */
  @Test
  void property_neverLowersPriority_neverBreaksAHardRuleOrAMetQuota_deterministic() {
    int improved = 0;
    for (long seed = 7000; seed < 7000 + SEEDS; seed++) {
      Problem p = RandomProblems.generate(seed);
      Schedule asap = Scheduler.asap().schedule(p);
      Schedule s = PriorityTrades.improve(p, asap, "greedy");
      Evaluation before = Evaluator.evaluate(p, asap);
      Evaluation after = Evaluator.evaluate(p, s);
      assertThat(after.violations()).as("seed %d", seed).isEmpty();
      assertThat(placedPriority(p, s)).as("seed %d", seed).isGreaterThanOrEqualTo(placedPriority(p, asap));
      assertThat(s.assignments().size() + s.unscheduled().size()).as("seed %d", seed).isEqualTo(p.jobs().size());
      List<TenantWindowResult> was = before.tenants().stream().flatMap(t -> t.windows().stream()).toList();
      List<TenantWindowResult> now = after.tenants().stream().flatMap(t -> t.windows().stream()).toList();
      for (int i = 0; i < was.size(); i++) {
        if (was.get(i).quotaMet()) {
          assertThat(now.get(i).quotaMet()).as("seed %d, quota window %d", seed, i).isTrue();
        }
      }
      assertThat(PriorityTrades.improve(p, asap, "greedy")).as("seed %d", seed).isEqualTo(s);
      improved += placedPriority(p, s) > placedPriority(p, asap) ? 1 : 0;
    }
    // The property must not hold vacuously: ASAP leaves jobs out that the trades place on some seeds.
    assertThat(improved).isPositive();
  }

  private static final int SEEDS = 60;

  /**
   * The trades' last step: every job still out that fits as the plan stands is placed, higher priority
   * first. Hub h1 (4 units) holds a 1-unit job; of the two 3-unit jobs left out only one fits beside
   * it, and the priority-2 one gets the room.
   */
  @Test
  void insertLeftOut_placesTheJobsThatFit_higherPriorityFirst() {
    Problem p = base()
        .job(job("held", 1, 2, 0, 2).build())
        .job(job("low", 3, 2, 0, 2).build())
        .job(job("high", 3, 2, 0, 2).priority(2).build())
        .build();
    PlanState st = PlanStates.load(p, handPlan(p, "hand", Assignment.contiguous("held", "h1", 0, 2)));
    assertThat(st.placed(2)).isFalse();

    new PriorityTrades(st, new CheapestPlacement(st)).insertLeftOut();

    assertThat(st.placed(0)).isTrue();
    assertThat(st.placed(1)).as("no room left for the priority-1 job").isFalse();
    assertThat(st.placed(2)).isTrue();
    String[] reasons = {null, "out", null};
    assertThat(Evaluator.evaluate(p, st.toSchedule("greedy", reasons)).violations()).isEmpty();
  }
}
