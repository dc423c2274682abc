package dev.fairshift.benchmarks.referee;

/** How a {@link CpSatReferee} solve ended. */
public enum CpSatStatus {
  /**
   * CP-SAT proved the schedule optimal: no schedule meeting every hard rule and guaranteed quota
   * places more priority, and none placing as much emits less (within {@link CpSatResult#roundingGrams()}).
   */
  OPTIMAL,
  /** CP-SAT found a schedule but its time ran out before it proved it optimal. */
  FEASIBLE,
  /** CP-SAT proved that no schedule meets every hard rule and guaranteed quota; every job is left out. */
  INFEASIBLE,
  /** CP-SAT found no schedule in its time (and had no usable hint); every job is left out. */
  UNKNOWN,
  /** The model would exceed the configured size limits, so it was not built; every job is left out. */
  MODEL_TOO_LARGE
}
