package dev.fairshift.solver.optaplanner;

import java.time.Duration;
import java.util.Objects;

/**
 * How much work one solve did.
 *
 * @param timeSpent wall-clock time in the solver's local search
 * @param scoreCalculationCount score calculations (about one per evaluated move)
 * @param pricedStarts priced plans built before the local search ({@link dev.fairshift.solver.PricedStarts})
 * @param pricedStartsTime the time they took, part of the time limit
 */
public record SolverStatistics(Duration timeSpent, long scoreCalculationCount, int pricedStarts,
    Duration pricedStartsTime) {
  public SolverStatistics {
    Objects.requireNonNull(timeSpent, "timeSpent");
    Objects.requireNonNull(pricedStartsTime, "pricedStartsTime");
  }

  /** A solve without priced starts. */
  public SolverStatistics(Duration timeSpent, long scoreCalculationCount) {
    this(timeSpent, scoreCalculationCount, 0, Duration.ZERO);
  }

  /** Score calculations per second (0 when no time was spent). */
  public long scoreCalculationsPerSecond() {
    long millis = timeSpent.toMillis();
    return millis == 0 ? 0 : scoreCalculationCount * 1000 / millis;
  }
}
