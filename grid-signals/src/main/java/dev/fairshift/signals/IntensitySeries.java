package dev.fairshift.signals;

import dev.fairshift.core.SignalKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A time series of carbon intensity for one zone, as a source delivered it (before resampling to a
 * horizon's slots). Points are ordered by start and do not overlap; they may have gaps and
 * irregular lengths.
 *
 * @param zone the zone id as the caller asked for it
 * @param signal average or marginal: never mixed silently
 * @param source which source produced it (e.g. {@code electricitymaps}, {@code file:de.csv},
 *     {@code fallback:watttime}); a fallback chain records the one that answered
 * @param points the readings, ordered by start
 * @param metadata provider details worth keeping (region, units converted from, warnings,
 *     emission factor type, ...)
 */
public record IntensitySeries(
    String zone, SignalKind signal, String source, List<IntensityPoint> points, Map<String, String> metadata) {

  public IntensitySeries {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(source, "source");
    points = List.copyOf(points);
    metadata = Map.copyOf(metadata);
    for (int i = 1; i < points.size(); i++) {
      if (points.get(i).start().isBefore(points.get(i - 1).end())) {
        throw new IllegalArgumentException("Intensity series for zone '" + zone + "' from " + source
            + " has overlapping or unordered points at " + points.get(i - 1).start() + " and "
            + points.get(i).start() + ". Sort the points and drop duplicates.");
      }
    }
  }

  /** The start of the first point, or {@code null} when empty. */
  public Instant first() {
    return points.isEmpty() ? null : points.get(0).start();
  }

  /** Whether the series has no points. */
  public boolean isEmpty() {
    return points.isEmpty();
  }

  /** A copy recording another source name, e.g. the member of a fallback chain that answered. */
  public IntensitySeries withSource(String newSource) {
    return new IntensitySeries(zone, signal, newSource, points, metadata);
  }
}
