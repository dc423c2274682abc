package dev.fairshift.solver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Problem;
import dev.fairshift.solver.fixtures.RandomWindows;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CheapestPlacement} skips hubs whose lower bound cannot beat the best placement found so far.
 * That must be exact: on seeded random problems (with and without fairness windows) the pruned search
 * and the full scan, run side by side on two copies of the same plan, give the same placement (hub,
 * start, slots, emissions and money bit for bit) and the same work count after every step of random
 * place/remove sequences (with window-sum tables for all durations, some or none), and greedy's
 * construction and improvement give the same plan with either.
 */
class PrunedPlacementPropertyTest {
  private static final int PROBLEMS = 400;
  private static final long FIRST_SEED = 31_000;

  @Test
  void prunedSearchFindsWhatTheFullScanFinds() {
    long pruned = 0;
    long searches = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROBLEMS; seed++) {
      Random rnd = new Random(seed);
      Problem generated = RandomProblems.generate(rnd, 60);
      Problem problem = rnd.nextBoolean() ? generated : RandomWindows.of(generated, rnd);
      PlanState a = new PlanState(problem);
      PlanState b = new PlanState(problem);
      // Window-sum tables for every duration, for some, or none (the plain bound).
      long budget = switch (rnd.nextInt(3)) {
        case 0 -> 0;
        case 1 -> 300 + rnd.nextInt(1_000);
        default -> CheapestPlacement.LowerEnvelope.TABLE_BUDGET;
      };
      CheapestPlacement fast = new CheapestPlacement(a, true, budget);
      CheapestPlacement full = new CheapestPlacement(b, false, 0);
      for (int step = 0; step < 4 * a.jobCount; step++) {
        int j = rnd.nextInt(a.jobCount);
        String where = "seed " + seed + ", step " + step + ", job " + j;
        if (a.placed(j)) {
          if (rnd.nextInt(3) == 0) {
            a.remove(j);
            b.remove(j);
          }
          continue;
        }
        boolean found = fast.find(j);
        assertThat(full.find(j)).as(where).isEqualTo(found);
        searches++;
        assertThat(fast.work).as(where).isEqualTo(full.work);
        if (!found) {
          continue;
        }
        assertThat(fast.hub).as(where).isEqualTo(full.hub);
        assertThat(fast.start).as(where).isEqualTo(full.start);
        assertThat(Double.doubleToLongBits(fast.emissionsGrams)).as(where)
            .isEqualTo(Double.doubleToLongBits(full.emissionsGrams));
        assertThat(Double.doubleToLongBits(fast.money)).as(where).isEqualTo(Double.doubleToLongBits(full.money));
        assertThat(fast.count).as(where).isEqualTo(full.count);
        for (int i = 0; i < fast.count; i++) {
          assertThat(fast.slots[i]).as(where + ", slot " + i).isEqualTo(full.slots[i]);
        }
        a.place(j, fast.hub, fast.slots, fast.count);
        b.place(j, full.hub, full.slots, full.count);
      }
      pruned += fast.pruned;
      assertThat(full.pruned).isZero();
    }
    // The comparison means something only if the bound did skip hubs.
    assertThat(pruned).as("hubs pruned in %d searches", searches).isGreaterThan(searches / 20);
  }

  @Test
  void greedyBuildsTheSamePlanWithAndWithoutPruning() {
    GreedyScheduler greedy = new GreedyScheduler(GreedyOptions.defaults());
    long pruned = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROBLEMS; seed++) {
      Random rnd = new Random(seed);
      Problem generated = RandomProblems.generate(rnd, 60);
      Problem problem = rnd.nextBoolean() ? generated : RandomWindows.of(generated, rnd);
      PlanState a = new PlanState(problem);
      PlanState b = new PlanState(problem);
      CheapestPlacement fast = new CheapestPlacement(a, true, CheapestPlacement.LowerEnvelope.TABLE_BUDGET);
      CheapestPlacement full = new CheapestPlacement(b, false, 0);
      int[] order = GreedyScheduler.mainOrder(a);
      int[] sequenceA = GreedyScheduler.construct(a, fast, order);
      int[] sequenceB = GreedyScheduler.construct(b, full, order);
      assertThat(sequenceA).isEqualTo(sequenceB);
      greedy.improve(a, fast, sequenceA, GreedyScheduler.placements(a));
      greedy.improve(b, full, sequenceB, GreedyScheduler.placements(b));
      for (int j = 0; j < a.jobCount; j++) {
        String where = "seed " + seed + ", job " + j;
        assertThat(a.hubOf[j]).as(where).isEqualTo(b.hubOf[j]);
        assertThat(a.slotsOf[j]).as(where).isEqualTo(b.slotsOf[j]);
      }
      assertThat(fast.work).isEqualTo(full.work);
      pruned += fast.pruned;
    }
    assertThat(pruned).isPositive();
  }
}
