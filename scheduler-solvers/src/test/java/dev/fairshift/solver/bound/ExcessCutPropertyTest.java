package dev.fairshift.solver.bound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The excess cut {@code G >= sum_j max(0, e_j - R) x_j} ({@link BoundModel#excessCut}): it holds for every
 * set of jobs a hub-slot can run, checked against every subset of seeded random job energies; on
 * brute-forced problems (on-site solar, power caps, interruptible jobs) it raises the LP on some and never
 * lifts the LP or the Lagrangian above the optimum; and mutation guards: a cut with its threshold at half
 * the renewables, and one that ignores the renewables, are caught by the same checks.
 */
class ExcessCutPropertyTest {
  private static final int SEEDS = 3000;
  private static final int PROBLEMS = 220;

  @Test
  void cut_byHand() {
    // R = 5, one job of 8 kWh: the grid takes 3, the cut says >= 3; half of it in the LP now costs 1.5
    assertThat(excessSum(new double[] {8}, 5)).isEqualTo(3.0);
    // two jobs of 8: the grid takes 11, the cut says >= 6
    assertThat(excessSum(new double[] {8, 8}, 5)).isEqualTo(6.0);
    // jobs below R add nothing
    assertThat(excessSum(new double[] {4, 4, 4}, 5)).isZero();
  }

  @Test
  void cut_holdsForEverySubsetOfJobs() {
    for (int seed = 0; seed < SEEDS; seed++) {
      Random random = new Random(91_000 + seed);
      double[] items = items(random);
      double r = random.nextDouble() * 1.1 * Arrays.stream(items).sum();
      assertThat(violation(items, r, r)).as("seed %d: items %s, R %s", seed, Arrays.toString(items), r).isEmpty();
    }
  }

  @Test
  void mutationGuard_aThresholdBelowTheRenewables_isCaught() {
    int caught = 0;
    for (int seed = 0; seed < SEEDS; seed++) {
      Random random = new Random(91_000 + seed);
      double[] items = items(random);
      double r = random.nextDouble() * 1.1 * Arrays.stream(items).sum();
      caught += violation(items, r, r / 2).isPresent() ? 1 : 0;
    }
    assertThat(caught).isGreaterThan(SEEDS / 20);
  }

  @Test
  void cut_raisesTheLpOnSomeProblems_andNeitherBoundExceedsTheBruteForceOptimum() {
    int optima = 0;
    int raised = 0;
    for (LowerBoundPropertyTest.BruteForced c : LowerBoundPropertyTest.bruteForced(PROBLEMS)) {
      int seed = c.seed();
      BoundModel model = c.model();
      Optional<Double> optimum = Optional.of(c.optimumGrams());
      Optional<LpBound.Result> lp = LpBound.solve(model, 20_000);
      LagrangianBound.Result lagrangian = LagrangianBound.solve(model, 300, OptionalDouble.empty(), Long.MAX_VALUE);
      assertThat(lagrangian.grams()).as("seed %d", seed).isLessThanOrEqualTo(optimum.get());
      if (lp.isEmpty()) {
        continue;
      }
      optima++;
      assertThat(lp.get().grams()).as("seed %d", seed).isLessThanOrEqualTo(optimum.get());
      setThreshold(model, Double.MAX_VALUE); // no excess cut anywhere
      Optional<LpBound.Result> without = LpBound.solve(model, 20_000);
      if (without.isPresent() && lp.get().grams() > without.get().grams() * (1 + 1e-6) + 1e-3) {
        raised++;
      }
    }
    assertThat(optima).isGreaterThan(40);
    assertThat(raised).isGreaterThan(0);
  }

  @Test
  void mutationGuard_aCutIgnoringRenewables_exceedsABruteForceOptimum() {
    // threshold 0: g >= E wherever a job may run, as if the hub had no renewables
    int lpAbove = 0;
    int lagrangianAbove = 0;
    for (LowerBoundPropertyTest.BruteForced c : LowerBoundPropertyTest.bruteForced(PROBLEMS)) {
      if (lpAbove > 0 && lagrangianAbove > 0) {
        break;
      }
      BoundModel model = c.model();
      setThreshold(model, 0);
      Optional<LpBound.Result> lp = LpBound.solve(model, 20_000);
      double lagrangian = LagrangianBound.solve(model, 300, OptionalDouble.empty(), Long.MAX_VALUE).grams();
      double limit = c.optimumGrams() * (1 + 1e-6) + 1e-3;
      lpAbove += lp.isPresent() && lp.get().grams() > limit ? 1 : 0;
      lagrangianAbove += lagrangian > limit ? 1 : 0;
    }
    assertThat(lpAbove).isGreaterThan(0);
    assertThat(lagrangianAbove).isGreaterThan(0);
  }

  private static void setThreshold(BoundModel model, double kwh) {
    for (double[] row : model.excessFromKwh) {
      Arrays.fill(row, kwh);
    }
  }

  private static double excessSum(double[] items, double threshold) {
    double sum = 0;
    for (double e : items) {
      sum += Math.max(0, e - threshold);
    }
    return sum;
  }

  /** 1-12 job energies, kWh. */
  private static double[] items(Random random) {
    int n = 1 + random.nextInt(12);
    double[] items = new double[n];
    for (int i = 0; i < n; i++) {
      items[i] = 0.05 + random.nextDouble() * 20;
    }
    return items;
  }

  /** A subset whose grid energy max(0, E - R) is below the cut's right side with {@code threshold}, if any. */
  private static Optional<Double> violation(double[] items, double r, double threshold) {
    int n = items.length;
    for (int mask = 0; mask < 1 << n; mask++) {
      double e = 0;
      double cut = 0;
      for (int i = 0; i < n; i++) {
        if ((mask & (1 << i)) != 0) {
          e += items[i];
          cut += Math.max(0, items[i] - threshold);
        }
      }
      if (Math.max(0, e - r) < cut - 1e-12 * (e + r)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
