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
 * {@link PriorityStage}: the trades on a schedule from elsewhere, and its contract: more priority or
 * the schedule as given, no hard rule broken, no quota further short.
 */
class PriorityStageTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  private static Instant at(int hours) {
    return T0.plus(Duration.ofHours(hours));
  }

  private static Problem.Builder oneHub(Tenant... tenants) {
    Problem.Builder b = Problem.builder()
        .horizon(Horizon.hourly(T0, 8))
        .zone(ZoneIntensity.of("Z1", SlotSeries.of(100, 100, 100, 100, 100, 100, 100, 100)))
        .hub(Hub.builder("h1", "Z1").capacityUnits(1).build());
    for (Tenant t : tenants) {
      b.tenant(t);
    }
    return b;
  }

  /** A priority-3 job takes the slots of a priority-1 job that fits nowhere else. */
  @Test
  void placesMorePriority_onAScheduleFromAnotherSolver() {
    Problem p = oneHub(Tenant.of("t", "research"))
        .job(Job.builder("low", "t").durationSlots(2).powerKw(10).window(T0, at(2)).build())
        .job(Job.builder("high", "t").durationSlots(2).powerKw(10).priority(3).window(T0, at(2)).build())
        .build();

    Schedule s = PriorityStage.improve(p, handPlan(p, "other", Assignment.contiguous("low", "h1", 0, 2)), "optaplanner");

    assertThat(s.solver()).isEqualTo("optaplanner");
    assertThat(s.assignments()).containsExactly(Assignment.contiguous("high", "h1", 0, 2));
    assertThat(s.unscheduled()).extracting(Unscheduled::job).containsExactly("low");
    assertThat(Evaluator.evaluate(p, s).violations()).isEmpty();
  }

  /**
   * One 1-unit hub, 8 slots. Tenant g is guaranteed half of them: 4 unit-slots of the 8 it asks for
   * ("mine" in [0, 2) and "more", 6 slots in [2, 8), where t's "fill" runs), so with only "mine"
   * placed it is short by 2. The trades would swap "mine" for t's priority-3 "other" (no met quota
   * breaks: g's was not met), leaving g short by 4; the stage keeps the schedule as given.
   */
  @Test
  void keepsTheScheduleAsGiven_whenTheTradeLeavesAQuotaFurtherShort() {
    Problem p = oneHub(Tenant.of("t", "research"), Tenant.of("g", "newcomer").withGuaranteedShare(0.5))
        .job(Job.builder("mine", "g").durationSlots(2).powerKw(10).window(T0, at(2)).build())
        .job(Job.builder("more", "g").durationSlots(6).powerKw(10).window(at(2), at(8)).build())
        .job(Job.builder("fill", "t").durationSlots(6).powerKw(10).window(at(2), at(8)).build())
        .job(Job.builder("other", "t").durationSlots(2).powerKw(10).priority(3).window(T0, at(2)).build())
        .build();
    Schedule given = handPlan(p, "other", Assignment.contiguous("mine", "h1", 0, 2), Assignment.contiguous("fill", "h1", 2, 6));
    TenantWindowResult g = Evaluator.evaluate(p, given).tenant("g").windows().get(0);
    assertThat(g.quotaMet()).isFalse();
    assertThat(g.guaranteedUnitSlots() - g.scheduledUnitSlots()).isEqualTo(2.0);
    Schedule traded = PriorityTrades.improve(p, given, "other");
    assertThat(placedPriority(p, traded)).as("the trades alone take the swap").isEqualTo(4);

    assertThat(PriorityStage.improve(p, given, "other")).isSameAs(given);
  }

  @Test
  void everyJobPlaced_theScheduleComesBackAsItIs() {
    Problem p = oneHub(Tenant.of("t", "research"))
        .job(Job.builder("a", "t").durationSlots(2).powerKw(10).window(T0, at(8)).build())
        .build();
    Schedule given = handPlan(p, "other", Assignment.contiguous("a", "h1", 3, 2));
    assertThat(PriorityStage.improve(p, given, "other")).isSameAs(given);
  }

  /**
   * On 60 seeded random problems, from ASAP's schedule: the result is the schedule given or places more
   * priority; it breaks no hard rule; no fairness window is further below its guarantee; every job
   * appears once; the same input gives the same schedule. Some must improve.
   */
  @Test
  void property_morePriorityOrAsGiven_noRuleBroken_noQuotaFurtherShort_deterministic() {
    int improved = 0;
    for (long seed = 7400; seed < 7460; seed++) {
      Problem p = RandomProblems.generate(seed);
      Schedule asap = Scheduler.asap().schedule(p);
      Schedule s = PriorityStage.improve(p, asap, "asap");
      if (s == asap) {
        continue;
      }
      improved++;
      assertThat(placedPriority(p, s)).as("seed %d", seed).isGreaterThan(placedPriority(p, asap));
      Evaluation before = Evaluator.evaluate(p, asap);
      Evaluation after = Evaluator.evaluate(p, s);
      assertThat(after.violations()).as("seed %d", seed).isEmpty();
      assertThat(s.assignments().size() + s.unscheduled().size()).as("seed %d", seed).isEqualTo(p.jobs().size());
      List<TenantWindowResult> was = before.tenants().stream().flatMap(t -> t.windows().stream()).toList();
      List<TenantWindowResult> now = after.tenants().stream().flatMap(t -> t.windows().stream()).toList();
      for (int i = 0; i < was.size(); i++) {
        double shortBefore = Math.max(0, was.get(i).guaranteedUnitSlots() - was.get(i).scheduledUnitSlots());
        double shortAfter = Math.max(0, now.get(i).guaranteedUnitSlots() - now.get(i).scheduledUnitSlots());
        assertThat(shortAfter).as("seed %d, window %d", seed, i).isLessThanOrEqualTo(shortBefore + 1e-9);
      }
      assertThat(PriorityStage.improve(p, asap, "asap")).as("seed %d", seed).isEqualTo(s);
    }
    assertThat(improved).as("ASAP leaves out jobs the stage places on some seeds").isPositive();
  }
}
