package dev.fairshift.examples;

import java.time.Duration;
import java.util.Objects;

/**
 * What the CLI and the HTTP endpoint pass to a solver.
 *
 * @param timeLimit the longest a search-based solver may run
 * @param seed the random seed of search-based solvers (same seed, same schedule)
 */
public record SolverOptions(Duration timeLimit, long seed) {
  /** Ten seconds. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(10);

  public SolverOptions {
    Objects.requireNonNull(timeLimit, "timeLimit");
    if (timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("timeLimit must be positive but was " + timeLimit + ".");
    }
  }

  /** The defaults: ten seconds, seed 0. */
  public static SolverOptions defaults() {
    return new SolverOptions(DEFAULT_TIME_LIMIT, 0);
  }
}
