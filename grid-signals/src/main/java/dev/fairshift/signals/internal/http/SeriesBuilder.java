package dev.fairshift.signals.internal.http;

import dev.fairshift.core.SignalKind;
import dev.fairshift.signals.IntensityPoint;
import dev.fairshift.signals.IntensityPoint.Flag;
import dev.fairshift.signals.IntensitySeries;
import dev.fairshift.signals.InvalidValuePolicy;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Collects a provider's points into an {@link IntensitySeries}: keeps points that overlap the
 * asked interval, treats null values as gaps, checks values against
 * {@link InvalidValuePolicy#MAX_GRAMS_PER_KWH}, drops duplicates (the first wins, e.g. where two
 * request chunks meet) and fails on overlapping points. Not thread-safe: one per call.
 */
final class SeriesBuilder {
  private final Query query;
  private final InvalidValuePolicy policy;
  private final TreeMap<Instant, IntensityPoint> points = new TreeMap<>();
  private final List<String> dropped = new ArrayList<>();
  private int nullValues;

  SeriesBuilder(Query query, InvalidValuePolicy policy) {
    this.query = query;
    this.policy = policy;
  }

  /**
   * Adds one reading.
   *
   * @param gramsPerKwh the value in g/kWh (after unit conversion), empty for a gap
   * @param where the JSON path of the value, for messages
   * @param unitNote how the value was converted, for messages ({@code ""} when not)
   */
  void add(Instant start, Duration length, OptionalDouble gramsPerKwh, Flag flag, String where,
      String unitNote) {
    if (length.isNegative() || length.isZero()) {
      throw query.malformed("point '" + where + "' at " + start + " covers " + length
          + ", not a positive duration. Maybe the provider changed its API.");
    }
    Instant end;
    try {
      end = start.plus(length);
    } catch (DateTimeException | ArithmeticException e) {
      throw query.malformed("point '" + where + "' at " + start + " covers " + length
          + ", which ends beyond the last representable instant. Maybe the provider changed its API.");
    }
    if (!start.isBefore(query.to()) || !end.isAfter(query.from())) {
      return;
    }
    if (gramsPerKwh.isEmpty()) {
      nullValues++;
      return;
    }
    double value = gramsPerKwh.getAsDouble() + 0.0; // -0.0 becomes 0.0
    String problem = Double.isNaN(value) ? "is not a number"
        : value < 0 ? "is negative"
        : value > InvalidValuePolicy.MAX_GRAMS_PER_KWH ? "is above " + (int) InvalidValuePolicy.MAX_GRAMS_PER_KWH
            + " g/kWh" : null;
    if (problem != null) {
      if (policy == InvalidValuePolicy.REJECT) {
        throw query.malformed("point '" + where + "' at " + start + " has " + value + " g/kWh" + unitNote
            + ", which " + problem + ". Maybe check the units, or use InvalidValuePolicy.DROP to "
            + "drop such points and keep the rest.");
      }
      dropped.add(start + "=" + value);
      return;
    }
    points.putIfAbsent(start, new IntensityPoint(start, length, value, flag));
  }

  /** The kept points so far, ordered by start. */
  List<IntensityPoint> points() {
    return List.copyOf(points.values());
  }

  /**
   * The series, with {@code metadata} plus {@code nullValues} and {@code droppedInvalidValues}
   * when there were any.
   */
  IntensitySeries build(SignalKind signal, String source, Map<String, String> metadata) {
    IntensityPoint previous = null;
    for (IntensityPoint point : points.values()) {
      if (previous != null && point.start().isBefore(previous.end())) {
        throw query.malformed("points at " + previous.start() + " (" + previous.length() + ") and "
            + point.start() + " overlap. Maybe the provider mixed resolutions in one answer.");
      }
      previous = point;
    }
    Map<String, String> all = new LinkedHashMap<>();
    // Values come from the provider's answer: cleaned like messages, since toString() shows them.
    metadata.forEach((key, value) -> all.put(key, query.redactor().clip(value, 2_000)));
    all.put("provider", query.provider());
    all.put("units", "gCO2eq/kWh");
    if (nullValues > 0) {
      all.put("nullValues", Integer.toString(nullValues));
    }
    if (!dropped.isEmpty()) {
      all.put("droppedInvalidValues", String.join(", ", dropped));
    }
    return new IntensitySeries(query.zone(), signal, source, List.copyOf(points.values()), all);
  }
}
