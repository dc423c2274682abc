package dev.fairshift.signals;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.SignalKind;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.ZoneIntensity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link IntensitySeries} resampled onto the slots of a {@link Horizon} by {@link Resampler}:
 * one value per slot, in grams CO2e per kWh, with a record of what was not plain data.
 *
 * <p>Immutable and thread-safe: the bit sets are copied in and out.
 *
 * @param zone the zone id
 * @param signal average or marginal
 * @param source the source that delivered the series
 * @param horizon the slots the values are aligned to
 * @param gramsPerKwh one value per slot: the time-weighted mean of the readings overlapping it
 * @param filled slots whose value is not a mean over the whole slot: only partly covered (mean over
 *     the covered part), in a gap and filled by the {@link GapPolicy}, or touching a reading the
 *     source itself flagged {@link IntensityPoint.Flag#FILLED}
 * @param estimated slots overlapping at least one reading the provider estimated
 * @param gaps the runs of slots no reading covered at all, before filling, in time order
 */
public record ResampledSeries(String zone, SignalKind signal, String source, Horizon horizon,
    SlotSeries gramsPerKwh, BitSet filled, BitSet estimated, List<Gap> gaps) {

  /**
   * A run of consecutive slots without any reading, {@code [from, to)} on slot boundaries.
   *
   * @param from the start of the first uncovered slot
   * @param to the end of the last uncovered slot
   */
  public record Gap(Instant from, Instant to) {
    public Gap {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("Gap " + from + ".." + to + " is empty; 'from' must be "
            + "before 'to'.");
      }
    }

    /** As {@code 2021-03-02T05:00Z..2021-03-02T07:00Z}. */
    @Override
    public String toString() {
      return from.atOffset(ZoneOffset.UTC) + ".." + to.atOffset(ZoneOffset.UTC);
    }
  }

  public ResampledSeries {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(horizon, "horizon");
    Objects.requireNonNull(gramsPerKwh, "gramsPerKwh");
    if (gramsPerKwh.isScalar() || gramsPerKwh.size() != horizon.slots()) {
      throw new IllegalArgumentException("Resampled series of zone '" + zone + "' has "
          + gramsPerKwh.size() + " values for " + horizon.slots() + " slots.");
    }
    filled = (BitSet) filled.clone();
    estimated = (BitSet) estimated.clone();
    gaps = List.copyOf(gaps);
  }

  /** The slots not covered by data over their whole length, as a copy. */
  @Override
  public BitSet filled() {
    return (BitSet) filled.clone();
  }

  /** The slots touching provider-estimated readings, as a copy. */
  @Override
  public BitSet estimated() {
    return (BitSet) estimated.clone();
  }

  /** Whether slot {@code slot} was only partly covered or filled. */
  public boolean isFilled(int slot) {
    return filled.get(slot);
  }

  /** How many slots were only partly covered or filled. */
  public int filledCount() {
    return filled.cardinality();
  }

  /** How many slots lay in gaps (no reading at all). */
  public int gapSlots() {
    int count = 0;
    for (Gap gap : gaps) {
      count += horizon.slotAtOrAfter(gap.to()) - horizon.slotAtOrBefore(gap.from());
    }
    return count;
  }

  /** The values as the core type, evaluated and planned on (no separate forecast). */
  public ZoneIntensity toZoneIntensity() {
    return new ZoneIntensity(zone, signal, gramsPerKwh, Optional.empty());
  }
}
