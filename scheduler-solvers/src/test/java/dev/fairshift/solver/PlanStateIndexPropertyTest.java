package dev.fairshift.solver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of {@link PlanState} against plain scans of its arrays, after every step of random
 * sequences of placements and removals on random problems (seeded): the free-units segment tree that
 * lets searches skip full hubs, and the per hub-slot job lists the ejection repair picks what to move
 * from. Since the searches only skip hubs where no slot has the units free, and the repair picks the
 * same job from a list as from a scan of every job, equal answers here mean equal schedules.
 */
class PlanStateIndexPropertyTest {
  private static final int PROBLEMS = 300;
  private static final long FIRST_SEED = 91_000;

  @Test
  void freeUnitsTreeAndJobListsMatchPlainScansAfterEveryStep() {
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROBLEMS; seed++) {
      Random rnd = new Random(seed);
      Problem problem = RandomProblems.generate(rnd, 60);
      PlanState st = new PlanState(problem);
      boolean indexed = rnd.nextBoolean();
      if (indexed) {
        st.indexJobs();
      }
      int[] slots = new int[st.slotCount];
      for (int step = 0; step < 4 * st.jobCount; step++) {
        String where = "seed " + seed + ", step " + step;
        int j = rnd.nextInt(st.jobCount);
        if (st.placed(j)) {
          st.remove(j);
        } else {
          // Any slots of its window: the structures must follow the load whether or not it fits.
          int h = st.allowed[j][rnd.nextInt(st.allowed[j].length)];
          int d = st.duration[j];
          int start = st.release[j] + rnd.nextInt(st.deadline[j] - st.release[j] - d + 1);
          for (int i = 0; i < d; i++) {
            slots[i] = start + i;
          }
          st.place(j, h, slots, d);
        }
        if (!indexed && step == st.jobCount) {
          st.indexJobs(); // switched on midway: built from the plan as it stands
          indexed = true;
        }
        assertTreeMatches(st, rnd, where);
        if (indexed) {
          assertListsMatch(st, where);
        }
      }
    }
  }

  @Test
  void aDroppedIndexIsNotKeptAndCanBeRebuilt() {
    Random rnd = new Random(7);
    Problem problem = RandomProblems.generate(rnd, 40);
    PlanState st = new PlanState(problem);
    int[] slots = new int[st.slotCount];
    st.indexJobs();
    st.dropJobIndex();
    for (int j = 0; j < st.jobCount; j += 2) {
      for (int i = 0; i < st.duration[j]; i++) {
        slots[i] = st.release[j] + i;
      }
      st.place(j, st.allowed[j][0], slots, st.duration[j]);
    }
    st.indexJobs();
    assertListsMatch(st, "rebuilt after placing " + (st.jobCount + 1) / 2 + " jobs without the index");
  }

  private static void assertTreeMatches(PlanState st, Random rnd, String where) {
    for (int q = 0; q < 20; q++) {
      int h = rnd.nextInt(st.hubCount);
      int from = rnd.nextInt(st.slotCount);
      int to = from + 1 + rnd.nextInt(st.slotCount - from);
      int naive = Integer.MIN_VALUE;
      for (int s = from; s < to; s++) {
        naive = Math.max(naive, st.capacityUnits[h][s] - st.usedUnits[h][s]);
      }
      assertThat(st.maxFreeUnits(h, from, to)).as(where + ", hub " + h + " [" + from + ", " + to + ")").isEqualTo(naive);
    }
  }

  private static void assertListsMatch(PlanState st, String where) {
    for (int h = 0; h < st.hubCount; h++) {
      for (int s = 0; s < st.slotCount; s++) {
        List<Integer> naive = new ArrayList<>();
        for (int k = 0; k < st.jobCount; k++) {
          if (st.hubOf[k] == h && Arrays.binarySearch(st.slotsOf[k], s) >= 0) {
            naive.add(k);
          }
        }
        List<Integer> listed = new ArrayList<>();
        for (int node = st.firstNode(h, s); node >= 0; node = st.nextNode(node)) {
          listed.add(st.jobOfNode(node));
        }
        assertThat(listed).as(where + ", hub " + h + " slot " + s).containsExactlyInAnyOrderElementsOf(naive);
      }
    }
  }
}
