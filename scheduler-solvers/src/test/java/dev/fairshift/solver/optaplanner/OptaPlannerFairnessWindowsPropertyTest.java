package dev.fairshift.solver.optaplanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.TenantResult;
import dev.fairshift.core.TenantWindowResult;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.fixtures.GeneratedProblems;
import dev.fairshift.solver.fixtures.RandomWindows;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * OptaPlanner on {@value #PROBLEMS} seeded random problems whose tenants have random fairness
 * windows and often tight maxShares, with a short score-calculation limit and three starts (greedy,
 * ASAP, its own construction): the search itself never ends breaking a per-window cap (no fallback,
 * no violation per the Evaluator), and its hard score is exactly the Evaluator's per-window quota
 * shortfalls, so the constraints measure the windows as the Evaluator does.
 */
class OptaPlannerFairnessWindowsPropertyTest {
  private static final int PROBLEMS = 200;

  @Test
  void solve_neverBreaksAPerWindowCap_andHardScoreIsTheEvaluatorsPerWindowShortfall() {
    int windowed = 0;
    int unmetWindows = 0;
    for (int seed = 0; seed < PROBLEMS; seed++) {
      Random random = new Random(50_000 + seed);
      Problem problem = RandomWindows.of(GeneratedProblems.random(random, 8), random);
      OptaPlannerScheduler.Config.Builder config = OptaPlannerScheduler.Config.builder()
          .timeLimit(Duration.ofSeconds(5)).scoreCalculationLimit(150).seed(seed);
      switch (seed % 3) {
        case 0 -> config.warmStart(Scheduler.greedy());
        case 1 -> config.warmStart(Scheduler.asap());
        default -> config.noWarmStart();
      }
      OptaPlannerResult result = OptaPlannerScheduler.create(config.build()).solve(problem);
      String context = "seed " + seed + ": " + problem + "\n" + result.explanation();

      Evaluation evaluation = Evaluator.evaluate(problem, result.schedule());
      assertThat(evaluation.violations()).as(context).isEmpty();
      assertThat(result.fallback()).as(context).isEmpty();
      long shortfall = 0;
      int unmet = 0;
      for (TenantResult t : evaluation.tenants()) {
        windowed += t.hasFairnessWindows() ? 1 : 0;
        for (TenantWindowResult w : t.windows()) {
          if (!w.quotaMet()) {
            shortfall += (long) Math.ceil(w.guaranteedUnitSlots() - w.scheduledUnitSlots() - 1e-9);
            unmet++;
          }
        }
      }
      unmetWindows += unmet;
      assertThat(result.score().hard()).as(context).isEqualTo(-shortfall);
      assertThat(result.unmetQuotas()).as(context).hasSize(unmet);
    }
    assertThat(windowed).isGreaterThan(PROBLEMS / 2);
    assertThat(unmetWindows).as("some window quotas cannot be met, and the score says so").isGreaterThan(0);
  }
}
