package dev.fairshift.signals;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.ZoneIntensity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts an {@link IntensitySeries} (any step: 5, 15, 30, 60 minutes, mixed or irregular) onto the
 * slots of a {@link Horizon}.
 *
 * <p>Each slot's value is the time-weighted mean of the readings overlapping it: an hourly reading
 * gives its value to both 30-minute slots it covers, and four 15-minute readings give their mean to
 * one hourly slot. A slot covered over its whole length is plain data. A slot covered over part of
 * its length takes the mean over the covered part and is flagged ({@link
 * ResampledSeries#filled()}). A slot with no reading at all is a gap, handled by the {@link
 * GapPolicy}: fail with a message listing the gaps, or fill and flag. Gaps are never filled
 * silently.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Horizon week = Horizon.hourly(Instant.parse("2020-03-01T00:00:00Z"), 168);
 * IntensitySeries de = source.history("DE", week.start(), week.end());
 * ZoneIntensity zone = Resampler.of(GapPolicy.FILL_LINEAR).toZoneIntensity(de, week);
 * }</pre>
 */
public final class Resampler {
  private static final int GAPS_LISTED = 10;

  private final GapPolicy policy;
  private final Duration maxFill;

  private Resampler(GapPolicy policy, Duration maxFill) {
    this.policy = policy;
    this.maxFill = maxFill;
  }

  /** A resampler handling gaps by {@code policy}, filling gaps of any length. */
  public static Resampler of(GapPolicy policy) {
    return new Resampler(Objects.requireNonNull(policy, "policy"), null);
  }

  /**
   * A copy that fails on any gap longer than {@code maxFill} even when its policy fills, e.g. so a
   * three-day outage is not papered over by interpolation.
   *
   * @throws IllegalArgumentException if not positive
   */
  public Resampler withMaxFill(Duration length) {
    Objects.requireNonNull(length, "length");
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("Resampler maxFill " + length + " must be positive. Maybe "
          + "use Duration.ofHours(3).");
    }
    return new Resampler(policy, length);
  }

  /** The gap policy. */
  public GapPolicy policy() {
    return policy;
  }

  /** The longest gap that is filled, if limited. */
  public Optional<Duration> maxFill() {
    return Optional.ofNullable(maxFill);
  }

  /**
   * Resamples {@code series} onto the slots of {@code horizon}.
   *
   * @throws GridSignalException if there are gaps and the policy is {@link GapPolicy#FAIL}, a gap is
   *     longer than {@link #maxFill()}, or no reading overlaps the horizon at all
   * @throws IllegalArgumentException if the horizon is longer than 292 years
   */
  public ResampledSeries resample(IntensitySeries series, Horizon horizon) {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(horizon, "horizon");
    int slots = horizon.slots();
    long slotNanos = horizon.slotLength().toNanos();
    long horizonNanos;
    try {
      horizonNanos = horizon.length().toNanos();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("Horizon " + horizon + " is too long to resample; it must "
          + "be shorter than 292 years.", e);
    }
    Instant start = horizon.start();
    Instant end = horizon.end();
    double[] weighted = new double[slots];
    long[] covered = new long[slots];
    BitSet estimated = new BitSet(slots);
    BitSet filled = new BitSet(slots);
    List<IntensityPoint> points = series.points();
    for (int p = firstOverlapping(points, start); p < points.size(); p++) {
      IntensityPoint point = points.get(p);
      if (!point.start().isBefore(end)) {
        break;
      }
      long from = point.start().isAfter(start) ? Duration.between(start, point.start()).toNanos() : 0;
      long to = point.end().isBefore(end) ? Duration.between(start, point.end()).toNanos() : horizonNanos;
      for (int slot = (int) (from / slotNanos); slot < slots && (long) slot * slotNanos < to; slot++) {
        long overlap = Math.min(to, (slot + 1) * slotNanos) - Math.max(from, slot * slotNanos);
        if (overlap <= 0) {
          continue;
        }
        weighted[slot] += point.gramsPerKwh() * overlap;
        covered[slot] += overlap;
        if (point.flag() == IntensityPoint.Flag.ESTIMATED) {
          estimated.set(slot);
        }
        if (point.flag() == IntensityPoint.Flag.FILLED) {
          filled.set(slot);
        }
      }
    }
    double[] values = new double[slots];
    List<int[]> runs = new ArrayList<>();
    int runStart = -1;
    for (int slot = 0; slot < slots; slot++) {
      if (covered[slot] == 0) {
        values[slot] = Double.NaN;
        if (runStart < 0) {
          runStart = slot;
        }
        continue;
      }
      if (runStart >= 0) {
        runs.add(new int[] {runStart, slot});
        runStart = -1;
      }
      values[slot] = weighted[slot] / covered[slot];
      if (covered[slot] < slotNanos) {
        filled.set(slot);
      }
    }
    if (runStart >= 0) {
      runs.add(new int[] {runStart, slots});
    }
    List<ResampledSeries.Gap> gaps = new ArrayList<>(runs.size());
    for (int[] run : runs) {
      gaps.add(new ResampledSeries.Gap(horizon.slotStart(run[0]), horizon.slotStart(run[1])));
    }
    if (!runs.isEmpty()) {
      fill(series, horizon, values, filled, runs, gaps);
    }
    return new ResampledSeries(series.zone(), series.signal(), series.source(), horizon,
        SlotSeries.of(values), filled, estimated, gaps);
  }

  /**
   * The actual intensities of {@code actual} on {@code horizon}, evaluated and planned on.
   *
   * @throws GridSignalException as {@link #resample}
   */
  public ZoneIntensity toZoneIntensity(IntensitySeries actual, Horizon horizon) {
    return resample(actual, horizon).toZoneIntensity();
  }

  /**
   * Actual intensities (evaluated on) and a forecast (planned on) of one zone on {@code horizon}.
   *
   * @throws GridSignalException as {@link #resample}, or if the two series differ in zone or signal
   */
  public ZoneIntensity toZoneIntensity(IntensitySeries actual, IntensitySeries forecast, Horizon horizon) {
    Objects.requireNonNull(actual, "actual");
    Objects.requireNonNull(forecast, "forecast");
    if (!actual.zone().equals(forecast.zone()) || actual.signal() != forecast.signal()) {
      throw new GridSignalException("Forecast of zone '" + forecast.zone() + "' ("
          + forecast.signal().jsonName() + ", from " + forecast.source() + ") does not match actuals "
          + "of zone '" + actual.zone() + "' (" + actual.signal().jsonName() + ", from "
          + actual.source() + "). Maybe fetch both for the same zone and signal kind.");
    }
    ResampledSeries actualSlots = resample(actual, horizon);
    ResampledSeries forecastSlots = resample(forecast, horizon);
    return new ZoneIntensity(actual.zone(), actual.signal(), actualSlots.gramsPerKwh(),
        Optional.of(forecastSlots.gramsPerKwh()));
  }

  private void fill(IntensitySeries series, Horizon horizon, double[] values, BitSet filled,
      List<int[]> runs, List<ResampledSeries.Gap> gaps) {
    String where = "zone " + series.zone() + " (" + series.source() + ") has " + gaps.size()
        + (gaps.size() == 1 ? " gap" : " gaps") + " in " + format(horizon.start()) + ".."
        + format(horizon.end());
    if (policy == GapPolicy.FAIL) {
      throw new GridSignalException(capitalize(where) + ": " + list(gaps) + ". Maybe use "
          + "GapPolicy.FILL_LINEAR or FILL_PREVIOUS, or a source that covers the horizon.");
    }
    int slots = values.length;
    if (runs.size() == 1 && runs.get(0)[0] == 0 && runs.get(0)[1] == slots) {
      String has = series.isEmpty() ? "no readings"
          : "readings only for " + format(series.first()) + ".."
              + format(series.points().get(series.points().size() - 1).end());
      throw new GridSignalException("Zone " + series.zone() + " (" + series.source() + ") has no "
          + "reading in " + format(horizon.start()) + ".." + format(horizon.end()) + ", so there is "
          + "nothing to fill from; the series has " + has + ". Maybe choose a horizon inside that "
          + "range.");
    }
    if (maxFill != null) {
      List<ResampledSeries.Gap> tooLong = new ArrayList<>();
      for (ResampledSeries.Gap gap : gaps) {
        if (Duration.between(gap.from(), gap.to()).compareTo(maxFill) > 0) {
          tooLong.add(gap);
        }
      }
      if (!tooLong.isEmpty()) {
        throw new GridSignalException(capitalize(where) + "; " + tooLong.size() + " longer than the "
            + "maximum fill " + maxFill + ": " + list(tooLong) + ". Maybe raise withMaxFill(...) or "
            + "use a source that covers the horizon.");
      }
    }
    for (int[] run : runs) {
      int a = run[0];
      int b = run[1];
      boolean hasLeft = a > 0;
      boolean hasRight = b < slots;
      double left = hasLeft ? values[a - 1] : values[b];
      double right = hasRight ? values[b] : values[a - 1];
      for (int slot = a; slot < b; slot++) {
        if (policy == GapPolicy.FILL_PREVIOUS) {
          values[slot] = left;
        } else if (hasLeft && hasRight) {
          values[slot] = left + (right - left) * (slot - a + 1) / (b - a + 1);
        } else {
          values[slot] = hasLeft ? left : right;
        }
        filled.set(slot);
      }
    }
  }

  private static String list(List<ResampledSeries.Gap> gaps) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < gaps.size() && i < GAPS_LISTED; i++) {
      text.append(i == 0 ? "" : ", ").append(gaps.get(i));
    }
    if (gaps.size() > GAPS_LISTED) {
      text.append(" and ").append(gaps.size() - GAPS_LISTED).append(" more");
    }
    return text.toString();
  }

  private static String capitalize(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static String format(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toString();
  }

  /** The index of the first point ending after {@code instant} (binary search; points are ordered). */
  private static int firstOverlapping(List<IntensityPoint> points, Instant instant) {
    int lo = 0;
    int hi = points.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (points.get(mid).end().isAfter(instant)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  @Override
  public String toString() {
    return "Resampler[" + policy + (maxFill == null ? "" : ", maxFill=" + maxFill) + "]";
  }
}
