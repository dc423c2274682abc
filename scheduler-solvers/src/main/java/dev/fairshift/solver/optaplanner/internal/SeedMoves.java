package dev.fairshift.solver.optaplanner.internal;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * The move iterators of the factories whose moves grow from one seed job (ruin-and-recreate, hub-slot ruin,
 * ejection): every seed in order, each with a random generator of its own, or seeds drawn at random.
 */
final class SeedMoves {
  private SeedMoves() {}

  /**
   * One move per seed, in order, the i-th drawn with {@code new Random(i)} (so a seed's move does not depend
   * on the others); {@code name} names the moves in the message once all are used.
   */
  static <M> Iterator<M> inOrder(List<JobAssignment> seeds, BiFunction<JobAssignment, Random, M> move,
      String name) {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < seeds.size();
      }

      @Override
      public M next() {
        if (!hasNext()) {
          throw new NoSuchElementException("All " + seeds.size() + " " + name + " seeds were used.");
        }
        JobAssignment seed = seeds.get(next);
        return move.apply(seed, new Random(next++));
      }
    };
  }

  /** Moves from seeds drawn with {@code random}, endlessly; {@code none} says why there is none when empty. */
  static <M> Iterator<M> atRandom(List<JobAssignment> seeds, Random random,
      BiFunction<JobAssignment, Random, M> move, String none) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !seeds.isEmpty();
      }

      @Override
      public M next() {
        if (seeds.isEmpty()) {
          throw new NoSuchElementException(none);
        }
        return move.apply(seeds.get(random.nextInt(seeds.size())), random);
      }
    };
  }
}
