package dev.fairshift.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One carbon-intensity reading covering {@code [start, start + length)}.
 *
 * @param start the start of the interval the value covers (UTC)
 * @param length how long the value holds (5, 15, 30 or 60 minutes for the usual providers)
 * @param gramsPerKwh grams CO2e per kWh over the interval
 * @param flag how the value was obtained: measured, estimated by the provider, or filled by
 *     Fairshift to close a gap
 */
public record IntensityPoint(Instant start, Duration length, double gramsPerKwh, Flag flag) {

  /** How a value was obtained. */
  public enum Flag {
    /** As reported by the source. */
    MEASURED,
    /** Estimated or modelled by the provider itself (e.g. Electricity Maps {@code isEstimated}). */
    ESTIMATED,
    /** Not in the source: filled by Fairshift to close a gap. */
    FILLED,
    /** A forecast value, not yet an observation. */
    FORECAST
  }

  public IntensityPoint {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(length, "length");
    Objects.requireNonNull(flag, "flag");
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("IntensityPoint at " + start + " has length " + length
          + "; it must be positive.");
    }
  }

  /** A measured point. */
  public static IntensityPoint of(Instant start, Duration length, double gramsPerKwh) {
    return new IntensityPoint(start, length, gramsPerKwh, Flag.MEASURED);
  }

  /** The end of the interval (exclusive). */
  public Instant end() {
    return start.plus(length);
  }
}
