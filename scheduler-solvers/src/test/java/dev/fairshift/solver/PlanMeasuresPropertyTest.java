package dev.fairshift.solver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.TenantWindowResult;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.solver.fixtures.RandomWindows;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Greedy's portfolio compares its candidates on their plans ({@link PlanState#quotasMet},
 * {@link PlanState#placedPriority}, {@link PlanState#plannedGrams}) instead of evaluating each as a
 * schedule. Those must be the Evaluator's numbers exactly, bit for bit, or the portfolio could pick
 * another schedule than it did through the Evaluator: checked on seeded random problems (with and
 * without fairness windows and forecasts), on ASAP plans, greedy plans, and plans with jobs removed
 * again (so IT power summed and taken away in place has drifted).
 */
class PlanMeasuresPropertyTest {
  private static final int PROBLEMS = 300;
  private static final long FIRST_SEED = 77_000;

  @Test
  void planMeasuresAreTheEvaluatorsNumbersExactly() {
    int withForecast = 0;
    int withLeftOut = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROBLEMS; seed++) {
      Random rnd = new Random(seed);
      Problem generated = rnd.nextBoolean() ? RandomProblems.generate(rnd, 40)
          : RandomWindows.of(RandomProblems.generate(rnd, 40), rnd);
      if (rnd.nextBoolean()) {
        generated = withForecast(generated, rnd);
        withForecast++;
      }
      Problem problem = generated;
      for (int variant = 0; variant < 3; variant++) {
        PlanState st = new PlanState(problem);
        if (variant == 0) {
          AsapScheduler.plan(st, null);
        } else {
          GreedyScheduler.construct(st, new CheapestPlacement(st), GreedyScheduler.mainOrder(st));
        }
        if (variant == 2) {
          for (int j = 0; j < st.jobCount; j++) {
            if (st.placed(j) && rnd.nextInt(3) == 0) {
              st.remove(j);
            }
          }
        }
        String[] reasons = new String[st.jobCount];
        for (int j = 0; j < st.jobCount; j++) {
          if (!st.placed(j)) {
            reasons[j] = "left out";
            withLeftOut++;
          }
        }
        Schedule schedule = st.toSchedule("x", reasons);
        Evaluation e = Evaluator.evaluate(problem, schedule);
        String where = "seed " + seed + ", variant " + variant;
        assertThat(e.violations()).as(where).isEmpty();

        List<TenantWindowResult> windows = e.tenants().stream().flatMap(t -> t.windows().stream()).toList();
        boolean[] expected = new boolean[windows.size()];
        for (int i = 0; i < expected.length; i++) {
          expected[i] = windows.get(i).quotaMet();
        }
        assertThat(st.quotasMet()).as(where).containsExactly(expected);
        long priority = schedule.assignments().stream().mapToLong(a -> problem.job(a.job()).priority()).sum();
        assertThat(st.placedPriority()).as(where).isEqualTo(priority);
        double grams = e.plannedEmissionsGrams().orElse(e.emissionsGrams());
        assertThat(Double.doubleToLongBits(st.plannedGrams())).as(where + ": " + st.plannedGrams() + " vs " + grams)
            .isEqualTo(Double.doubleToLongBits(grams));
      }
    }
    assertThat(withForecast).as("problems with a forecast").isGreaterThan(PROBLEMS / 4);
    assertThat(withLeftOut).as("jobs left out").isGreaterThan(PROBLEMS);
  }

  /** The problem with every zone given a forecast that differs from its actuals. */
  private static Problem withForecast(Problem problem, Random rnd) {
    Problem.Builder b = Problem.builder().horizon(problem.horizon())
        .carbonPricePerTonne(problem.carbonPricePerTonne()).transferKwhPerGb(problem.transferKwhPerGb());
    problem.hubs().forEach(b::hub);
    problem.tenants().forEach(b::tenant);
    problem.jobs().forEach(b::job);
    for (ZoneIntensity z : problem.intensities().zones()) {
      double[] actual = z.gramsPerKwh().toArray(problem.horizon().slots());
      double[] forecast = new double[actual.length];
      for (int s = 0; s < actual.length; s++) {
        forecast[s] = Math.max(1, actual[s] * (0.7 + 0.6 * rnd.nextDouble()));
      }
      b.zone(ZoneIntensity.withForecast(z.zone(), z.gramsPerKwh(), SlotSeries.of(forecast)));
    }
    return b.build();
  }
}
