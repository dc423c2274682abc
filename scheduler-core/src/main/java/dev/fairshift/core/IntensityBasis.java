package dev.fairshift.core;

/** Which carbon intensities an evaluation used. */
public enum IntensityBasis {
  /** The zones' {@code gramsPerKwh}: actuals where known. Every reported emission uses this. */
  ACTUAL,
  /** The zones' {@code forecastGramsPerKwh} (or {@code gramsPerKwh} where no forecast): what solvers planned on. */
  FORECAST
}
