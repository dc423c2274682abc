package dev.fairshift.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Assignment;
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

/**
 * {@link HubRetime} on a hand-made plan where only moving three jobs at once is optimal (two of them in
 * time, the third onto the clean hub), and, as a property, on greedy's and ASAP's plans of seeded
 * random problems.
 */
class HubRetimeTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  private static Job job(String id, int units, double kw, int duration, int release, int deadline) {
    return Job.builder(id, "t").units(units).durationSlots(duration).powerKw(kw)
        .window(T0.plus(Duration.ofHours(release)), T0.plus(Duration.ofHours(deadline))).build();
  }

  /**
   * Eight hourly slots. Hub "sun": 2 units, 4 kW of on-site supply in slots 5 and 6 only, a grid of
   * 1,000 g/kWh; hub "far": a grid of 2,000 g/kWh. Jobs: a (1 unit, 1 kW, 2 slots in [0, 4)) at sun 2-3,
   * b (2 units, 1 kW, 3 slots in [2, 8)) at sun 4-6, c (1 unit, 4 kW, 2 slots in [3, 8)) at far 5-6:
   * 2,000 + 1,000 + 16,000 g. The best plan moves a to 0-1 and b to 2-4 so that c runs on the supply at
   * sun 5-6: 2,000 + 3,000 + 0 g. Each of those moves alone emits as much or more.
   */
  @Test
  void threeJobRetiming_onTheCleanHub_reachesTheHandReasonedOptimum() {
    Problem p = Problem.builder()
        .horizon(Horizon.hourly(T0, 8))
        .zone(ZoneIntensity.of("SUN_GRID", SlotSeries.of(1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000)))
        .zone(ZoneIntensity.of("FAR_GRID", SlotSeries.of(2000, 2000, 2000, 2000, 2000, 2000, 2000, 2000)))
        .tenant(Tenant.of("t", "research"))
        .hub(Hub.builder("sun", "SUN_GRID").capacityUnits(2).renewableKw(SlotSeries.of(0, 0, 0, 0, 0, 4, 4, 0)).build())
        .hub(Hub.builder("far", "FAR_GRID").capacityUnits(4).build())
        .job(job("a", 1, 1, 2, 0, 4))
        .job(job("b", 2, 1, 3, 2, 8))
        .job(job("c", 1, 4, 2, 3, 8))
        .build();
    Schedule given = new Schedule("greedy", List.of(Assignment.contiguous("a", "sun", 2, 2),
        Assignment.contiguous("b", "sun", 4, 3), Assignment.contiguous("c", "far", 5, 2)), List.of());
    assertThat(Evaluator.evaluate(p, given).emissionsGrams()).isCloseTo(19_000, within(1e-6));
    PlanState st = PlanStates.load(p, given);

    double saved = new HubRetime(st).run(1_000_000);

    Schedule s = st.toSchedule("greedy", new String[3]);
    var e = Evaluator.evaluate(p, s);
    assertThat(e.violations()).isEmpty();
    assertThat(e.emissionsGrams()).isCloseTo(5_000, within(1e-6));
    assertThat(saved).isCloseTo(14_000, within(1e-6));
    assertThat(s.assignments()).containsExactlyInAnyOrder(Assignment.contiguous("a", "sun", 0, 2),
        Assignment.contiguous("b", "sun", 2, 3), Assignment.contiguous("c", "sun", 5, 2));
  }

  /**
   * On 60 random problems of up to 40 jobs, from greedy's plan without its improvement rounds and from
   * ASAP's: emissions never rise, the same jobs stay placed, every hard rule holds (Evaluator, tenants'
   * share caps included), the saving is the one reported, and the same plan gives the same result.
   */
  @Test
  void property_neverMoreEmissions_sameJobsPlaced_hardRulesHold_deterministic() {
    int improved = PlanMoveProperty.check(9700, 60, HubRetime.MAX_JOBS, false, st -> new HubRetime(st).run(2_000_000));
    assertThat(improved).isPositive();
  }
}
