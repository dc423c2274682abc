package dev.fairshift.solver.bound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The chord cut {@code G >= c (E - a)} ({@link BoundModel#chordCut}) holds at every energy level a
 * hub-slot can have, checked against every subset sum of seeded random job energies; and mutation
 * guards: a chord computed while forgetting a job, and a relaxation that ignores on-site renewables,
 * are each caught by the same checks (so those checks can fail).
 */
class ChordCutPropertyTest {
  private static final int SEEDS = 3000;

  @Test
  void chord_byHand_isTheSegmentBetweenTheLevelsAroundTheRenewables() {
    // levels 0, 10, 20; R = 5: a = 0, b = 10, slope (10 - 5) / (10 - 0) = 0.5 (grid-rounded towards R)
    double[] cut = BoundModel.chord(new double[] {10, 10}, 5);
    assertThat(cut[0]).isBetween(0.49, 0.5);
    assertThat(cut[1]).isBetween(0.0, 0.01);
    // a level exactly at R: no gap, no cut
    assertThat(BoundModel.chord(new double[] {2, 3}, 5)[0]).isZero();
    // no level reaches R: the grid energy is always 0, no cut
    assertThat(BoundModel.chord(new double[] {1, 1}, 5)[0]).isZero();
  }

  @Test
  void chord_holdsAtEverySubsetSum_andOftenCuts() {
    int cuts = 0;
    for (int seed = 0; seed < SEEDS; seed++) {
      Random random = new Random(77_000 + seed);
      double[] items = items(random);
      double r = renewables(random, items);
      double[] cut = BoundModel.chord(items, r);
      assertThat(cut[0]).as("seed %d", seed).isBetween(0.0, 1.0);
      if (cut[0] > 0) {
        cuts++;
        assertThat(cut[1]).as("seed %d", seed).isLessThan(r);
      }
      assertThat(violation(items, r, cut)).as("seed %d: items %s, R %s, cut %s", seed, Arrays.toString(items), r,
          Arrays.toString(cut)).isEmpty();
    }
    // the cut must do something: levels leave a gap around R on a good share of these draws
    assertThat(cuts).isGreaterThan(SEEDS / 5);
  }

  @Test
  void mutationGuard_aChordThatForgetsAJob_isCaught() {
    int caught = 0;
    for (int seed = 0; seed < SEEDS; seed++) {
      Random random = new Random(77_000 + seed);
      double[] items = items(random);
      double r = renewables(random, items);
      double[] wrong = BoundModel.chord(Arrays.copyOf(items, items.length - 1), r);
      caught += violation(items, r, wrong).isPresent() ? 1 : 0;
    }
    assertThat(caught).isGreaterThan(0);
  }

  @Test
  void mutationGuard_aRelaxationIgnoringRenewables_exceedsABruteForceOptimum() {
    // g >= E everywhere renewables matter (slope 1 from 0) prices every kWh as if the hub had no
    // renewables: the LP's certified value must then lie above the true optimum on some problem, which
    // is what LowerBoundPropertyTest checks the real relaxation never does.
    int above = 0;
    int compared = 0;
    for (LowerBoundPropertyTest.BruteForced c : LowerBoundPropertyTest.bruteForced(220)) {
      if (above > 0) {
        break;
      }
      int seed = c.seed();
      BoundModel model = c.model();
      Optional<Double> optimum = Optional.of(c.optimumGrams());
      Optional<LpBound.Result> honest = LpBound.solve(model, 20_000);
      for (int h = 0; h < model.hubs; h++) {
        for (int s = 0; s < model.slots; s++) {
          if (model.renewablesMatter(h, s)) {
            model.chordSlope[h][s] = 1;
            model.chordFromKwh[h][s] = 0;
          }
        }
      }
      Optional<LpBound.Result> mutated = LpBound.solve(model, 20_000);
      if (honest.isPresent() && mutated.isPresent()) {
        compared++;
        assertThat(honest.get().grams()).as("seed %d", seed).isLessThanOrEqualTo(optimum.get());
        above += mutated.get().grams() > optimum.get() * (1 + 1e-6) + 1e-3 ? 1 : 0;
      }
    }
    assertThat(compared).isGreaterThan(0);
    assertThat(above).isGreaterThan(0);
  }

  /** 1-12 job energies, kWh, some repeated (equal jobs leave the widest gaps). */
  private static double[] items(Random random) {
    int n = 1 + random.nextInt(12);
    double[] items = new double[n];
    double base = 0.1 + random.nextDouble() * 20;
    for (int i = 0; i < n; i++) {
      items[i] = random.nextInt(3) == 0 ? base : 0.05 + random.nextDouble() * 20;
    }
    return items;
  }

  /** Renewables between nothing and a little above every job together. */
  private static double renewables(Random random, double[] items) {
    return random.nextDouble() * 1.1 * Arrays.stream(items).sum() + 1e-6;
  }

  /** A subset sum E where {@code max(0, E - R) < c (E - a)}, if any. */
  private static Optional<Double> violation(double[] items, double r, double[] cut) {
    int n = items.length;
    for (int mask = 0; mask < 1 << n; mask++) {
      double e = 0;
      for (int i = 0; i < n; i++) {
        if ((mask & (1 << i)) != 0) {
          e += items[i];
        }
      }
      if (Math.max(0, e - r) < cut[0] * (e - cut[1]) - 1e-12 * (e + r)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
