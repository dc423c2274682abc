package dev.fairshift.signals.internal.files;

import dev.fairshift.signals.IntensityPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Not API. The readings of one zone in compact arrays: start (epoch milliseconds), length
 * (milliseconds), grams CO2e per kWh and the flag, ordered by start and not overlapping.
 * Immutable and thread-safe; {@link IntensityPoint}s are only made for the slice asked for.
 */
public final class ZoneData {
  private final String zone;
  private final long[] startMillis;
  private final long[] lengthMillis;
  private final double[] gramsPerKwh;
  private final IntensityPoint.Flag[] flags;
  private final Duration interval;

  /**
   * Takes ownership of the arrays (callers must not change them afterwards).
   *
   * @param interval the longest length of one reading (given or inferred)
   */
  public ZoneData(String zone, long[] startMillis, long[] lengthMillis, double[] gramsPerKwh,
      IntensityPoint.Flag[] flags, Duration interval) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.startMillis = Objects.requireNonNull(startMillis, "startMillis");
    this.lengthMillis = Objects.requireNonNull(lengthMillis, "lengthMillis");
    this.gramsPerKwh = Objects.requireNonNull(gramsPerKwh, "gramsPerKwh");
    this.flags = Objects.requireNonNull(flags, "flags");
    this.interval = Objects.requireNonNull(interval, "interval");
    int n = startMillis.length;
    if (n == 0 || lengthMillis.length != n || gramsPerKwh.length != n || flags.length != n) {
      throw new IllegalArgumentException("Zone '" + zone + "' needs equally long, non-empty arrays.");
    }
    for (int i = 0; i < n; i++) {
      Objects.requireNonNull(flags[i], "flag");
      if (lengthMillis[i] <= 0 || (i > 0 && startMillis[i] < startMillis[i - 1] + lengthMillis[i - 1])) {
        throw new IllegalArgumentException("Zone '" + zone + "' has an empty or overlapping reading at "
            + Instant.ofEpochMilli(startMillis[i]) + ".");
      }
    }
  }

  /**
   * Readings of {@code length} starting at each of {@code startMillis}, each lasting until the next
   * start but at most {@code interval}.
   */
  public static ZoneData capped(String zone, long[] startMillis, double[] gramsPerKwh,
      IntensityPoint.Flag[] flags, Duration interval) {
    long cap = interval.toMillis();
    long[] lengths = new long[startMillis.length];
    for (int i = 0; i < startMillis.length; i++) {
      long toNext = i + 1 < startMillis.length ? startMillis[i + 1] - startMillis[i] : cap;
      lengths[i] = Math.min(toNext, cap);
    }
    return new ZoneData(zone, startMillis, lengths, gramsPerKwh, flags, interval);
  }

  /** Copies the points of one series into arrays; {@code interval} is the longest point. */
  public static ZoneData of(String zone, List<IntensityPoint> points) {
    int n = points.size();
    long[] start = new long[n];
    long[] length = new long[n];
    double[] value = new double[n];
    IntensityPoint.Flag[] flag = new IntensityPoint.Flag[n];
    long longest = 0;
    for (int i = 0; i < n; i++) {
      IntensityPoint p = points.get(i);
      start[i] = p.start().toEpochMilli();
      length[i] = p.length().toMillis();
      value[i] = p.gramsPerKwh();
      flag[i] = p.flag();
      longest = Math.max(longest, length[i]);
    }
    return new ZoneData(zone, start, length, value, flag, Duration.ofMillis(longest));
  }

  /** The zone id. */
  public String zone() {
    return zone;
  }

  /** The number of readings. */
  public int size() {
    return startMillis.length;
  }

  /** The longest time one reading holds. */
  public Duration interval() {
    return interval;
  }

  /** The start of the first reading. */
  public Instant first() {
    return Instant.ofEpochMilli(startMillis[0]);
  }

  /** The end of the last reading (exclusive). */
  public Instant end() {
    int last = startMillis.length - 1;
    return Instant.ofEpochMilli(startMillis[last] + lengthMillis[last]);
  }

  /** The value of reading {@code i} in grams CO2e per kWh. */
  public double gramsPerKwh(int i) {
    return gramsPerKwh[i];
  }

  /** The start of reading {@code i}. */
  public Instant start(int i) {
    return Instant.ofEpochMilli(startMillis[i]);
  }

  /** How reading {@code i} was obtained. */
  public IntensityPoint.Flag flag(int i) {
    return flags[i];
  }

  /** The index of the reading starting exactly at {@code instant}, or -1. */
  public int indexOf(Instant instant) {
    int i = Arrays.binarySearch(startMillis, instant.toEpochMilli());
    return i >= 0 ? i : -1;
  }

  /** A copy with reading {@code i} flagged {@code newFlags[i]} (one flag per reading). */
  public ZoneData withFlags(IntensityPoint.Flag[] newFlags) {
    if (newFlags.length != flags.length) {
      throw new IllegalArgumentException("Zone '" + zone + "' has " + flags.length
          + " readings but " + newFlags.length + " flags.");
    }
    return new ZoneData(zone, startMillis, lengthMillis, gramsPerKwh, newFlags.clone(), interval);
  }

  /** The start times in epoch milliseconds (a copy). */
  public long[] startMillis() {
    return startMillis.clone();
  }

  /** The readings overlapping {@code [from, to)}, whole (not clipped), in order. */
  public List<IntensityPoint> points(Instant from, Instant to) {
    long fromMillis = from.toEpochMilli();
    long toMillis = to.toEpochMilli();
    int lo = Arrays.binarySearch(startMillis, fromMillis);
    if (lo < 0) {
      lo = -lo - 1;
      if (lo > 0 && startMillis[lo - 1] + lengthMillis[lo - 1] > fromMillis) {
        lo--;
      }
    }
    List<IntensityPoint> out = new ArrayList<>();
    Duration lastLength = null;
    for (int i = lo; i < startMillis.length && startMillis[i] < toMillis; i++) {
      if (lastLength == null || lastLength.toMillis() != lengthMillis[i]) {
        lastLength = Duration.ofMillis(lengthMillis[i]);
      }
      out.add(new IntensityPoint(Instant.ofEpochMilli(startMillis[i]), lastLength, gramsPerKwh[i],
          flags[i]));
    }
    return out;
  }
}
