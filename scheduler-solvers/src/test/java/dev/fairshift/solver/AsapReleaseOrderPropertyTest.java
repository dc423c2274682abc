package dev.fairshift.solver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Problem;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * ASAP takes jobs by release instant, then problem order. {@link AsapScheduler#releaseOrder} sorts on
 * primitives; on seeded random problems (releases off the slot boundaries included) it must give the
 * order of the plain comparator sort it replaced.
 */
class AsapReleaseOrderPropertyTest {
  @Test
  void releaseOrderIsTheComparatorsOrder() {
    int offBoundary = 0;
    for (long seed = 52_000; seed < 52_300; seed++) {
      Problem problem = RandomProblems.generate(new Random(seed), 80);
      int[] expected = IntStream.range(0, problem.jobs().size()).boxed()
          .sorted(Comparator.comparing((Integer j) -> problem.jobs().get(j).release()).thenComparing(j -> j))
          .mapToInt(Integer::intValue).toArray();
      assertThat(AsapScheduler.releaseOrder(problem)).as("seed %d", seed).containsExactly(expected);
      offBoundary += (int) problem.jobs().stream().filter(j -> j.release().getEpochSecond() % 1800 != 0).count();
    }
    assertThat(offBoundary).as("releases off a slot boundary").isPositive();
  }

  @Test
  void byInstantOrdersAnyInstantsBySecondsNanosThenIndex() {
    Random rnd = new Random(52_999);
    for (int round = 0; round < 400; round++) {
      int n = rnd.nextInt(60);
      long[] seconds = new long[n];
      int[] nanos = new int[n];
      // Near each other (the key path) or spread over Instant's whole range (the merge sort path).
      long spread = round % 2 == 0 ? 5_000 : 31_556_889_864_403_199L;
      for (int i = 0; i < n; i++) {
        seconds[i] = rnd.nextInt(4) == 0 && i > 0 ? seconds[i - 1] : Math.floorMod(rnd.nextLong(), spread) - spread / 2;
        nanos[i] = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(1_000_000_000);
      }
      int[] expected = IntStream.range(0, n).boxed()
          .sorted(Comparator.comparingLong((Integer i) -> seconds[i]).thenComparingInt(i -> nanos[i])
              .thenComparingInt(i -> i))
          .mapToInt(Integer::intValue).toArray();
      assertThat(AsapScheduler.byInstant(seconds, nanos)).as("round %d", round).containsExactly(expected);
    }
  }
}
