package dev.fairshift.signals;

/**
 * What a provider client does with a value that cannot be a carbon intensity: negative, not a
 * number, or above {@link #MAX_GRAMS_PER_KWH} g/kWh (after unit conversion).
 *
 * <p>A {@code null} value from a provider is never invalid: it is a gap, left out of the series
 * and counted in the series metadata under {@code nullValues}.
 */
public enum InvalidValuePolicy {
  /**
   * The whole answer is rejected with a {@link MalformedResponseException} naming the point's
   * timestamp and value. The default: a provider sending impossible values is not trusted for the
   * rest of its answer either.
   */
  REJECT,
  /**
   * The point is dropped (it becomes a gap) and reported in the series metadata under
   * {@code droppedInvalidValues} as {@code start=value} pairs; the other points are kept.
   */
  DROP;

  /**
   * The largest plausible intensity, in g CO2e per kWh. Even lignite plants stay below about
   * 1,300 g/kWh on a life-cycle basis, so anything above 2,000 is a unit or data error.
   */
  public static final double MAX_GRAMS_PER_KWH = 2000.0;
}
