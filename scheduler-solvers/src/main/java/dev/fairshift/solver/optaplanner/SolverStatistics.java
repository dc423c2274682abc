package dev.fairshift.solver.optaplanner;

import java.time.Duration;
import java.util.Objects;

/**
 * How much work one solve did.
 *
 * @param timeSpent wall-clock time in the solver
 * @param scoreCalculationCount score calculations (about one per evaluated move)
 */
public record SolverStatistics(Duration timeSpent, long scoreCalculationCount) {
  public SolverStatistics {
    Objects.requireNonNull(timeSpent, "timeSpent");
  }

  /** Score calculations per second (0 when no time was spent). */
  public long scoreCalculationsPerSecond() {
    long millis = timeSpent.toMillis();
    return millis == 0 ? 0 : scoreCalculationCount * 1000 / millis;
  }
}
