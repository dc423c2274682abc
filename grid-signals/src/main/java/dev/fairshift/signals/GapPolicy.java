package dev.fairshift.signals;

/**
 * What {@link Resampler} does with slots that no reading covers at all (gaps). Partially covered
 * slots are never gaps: they take the mean over the covered part and are flagged.
 */
public enum GapPolicy {
  /** Throw a {@link GridSignalException} listing every gap. */
  FAIL,
  /**
   * Interpolate linearly between the slots on either side of the gap; a gap at the start or end of
   * the horizon takes the nearest value. Filled slots are flagged.
   */
  FILL_LINEAR,
  /**
   * Repeat the last value before the gap; a gap at the start of the horizon takes the first value
   * after it. Filled slots are flagged.
   */
  FILL_PREVIOUS
}
