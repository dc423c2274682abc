package dev.fairshift.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.TenantWindowResult;
import dev.fairshift.solver.fixtures.ScarceRoom;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PricedStarts}: its budget and stop are honoured, a priced plan replaces a worse schedule, and,
 * as a property, the result is never worse than the given schedule by greedy's comparison and breaks
 * no hard rule.
 */
class PricedStartsTest {
  private static Problem scarceCleanRoom() {
    return ScarceRoom.problem();
  }

  @Test
  void replacesAWorseSchedule_withAPricedPlan() {
    Problem p = scarceCleanRoom();
    // a at clean, b and c at dirty: 1,520 g (what regret alone builds).
    Schedule given = ScheduleLookups.handPlan(p, "other", Assignment.contiguous("a", "clean", 0, 1),
        Assignment.contiguous("b", "dirty", 0, 1), Assignment.contiguous("c", "dirty", 0, 1));
    assertThat(Evaluator.evaluate(p, given).emissionsGrams()).isCloseTo(ScarceRoom.REGRET_GRAMS, within(1e-9));

    PricedStarts.Result r = PricedStarts.best(p, given, Duration.ofMinutes(1));

    assertThat(r.improved()).isTrue();
    assertThat(r.plansTried()).isEqualTo(PricedStarts.ITERATIONS.length);
    assertThat(Evaluator.evaluate(p, r.schedule()).emissionsGrams()).isCloseTo(ScarceRoom.OPTIMUM_GRAMS, within(1e-9));
  }

  @Test
  void zeroBudgetOrAStop_returnsTheGivenScheduleUntried() {
    Problem p = scarceCleanRoom();
    Schedule given = Scheduler.asap().schedule(p);
    PricedStarts.Result none = PricedStarts.best(p, given, Duration.ZERO);
    assertThat(none.schedule()).isSameAs(given);
    assertThat(none.plansTried()).isZero();
    assertThat(none.improved()).isFalse();
    PricedStarts.Result stopped = PricedStarts.best(p, given, Duration.ofMinutes(1), () -> true);
    assertThat(stopped.schedule()).isSameAs(given);
    assertThat(stopped.plansTried()).isZero();
  }

  /**
   * On 40 seeded random problems (congested, power-capped, solar-fed, with share caps and quotas),
   * starting from ASAP's schedule: no hard rule broken, every quota window ASAP meets still met, at
   * least ASAP's placed priority, and no more planned emissions at equal priority; and improved on
   * some.
   */
  @Test
  void property_neverWorseThanTheGivenSchedule_keepsHardRules() {
    int improved = 0;
    for (long seed = 8100; seed < 8140; seed++) {
      Problem p = RandomProblems.generate(new Random(seed), 60);
      Schedule given = Scheduler.asap().schedule(p);
      PricedStarts.Result r = PricedStarts.best(p, given, Duration.ofMinutes(1));
      Evaluation before = Evaluator.evaluate(p, given);
      Evaluation after = Evaluator.evaluate(p, r.schedule());
      assertThat(after.violations()).as("seed %d", seed).isEmpty();
      List<TenantWindowResult> was = before.tenants().stream().flatMap(t -> t.windows().stream()).toList();
      List<TenantWindowResult> now = after.tenants().stream().flatMap(t -> t.windows().stream()).toList();
      for (int i = 0; i < was.size(); i++) {
        if (was.get(i).quotaMet()) {
          assertThat(now.get(i).quotaMet()).as("seed %d, window %d", seed, i).isTrue();
        }
      }
      long priorityBefore = ScheduleLookups.placedPriority(p, given);
      long priorityAfter = ScheduleLookups.placedPriority(p, r.schedule());
      assertThat(priorityAfter).as("seed %d", seed).isGreaterThanOrEqualTo(priorityBefore);
      if (priorityAfter == priorityBefore) {
        assertThat(after.plannedEmissionsGrams().orElse(after.emissionsGrams()))
            .as("seed %d", seed).isLessThanOrEqualTo(before.plannedEmissionsGrams().orElse(before.emissionsGrams()));
      }
      if (r.improved()) {
        improved++;
        assertThat(r.schedule()).isNotSameAs(given);
      } else {
        assertThat(r.schedule()).isSameAs(given);
      }
    }
    assertThat(improved).as("problems where a priced plan beat ASAP").isGreaterThan(20);
  }
}
