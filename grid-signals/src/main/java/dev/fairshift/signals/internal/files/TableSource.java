package dev.fairshift.signals.internal.files;

import dev.fairshift.signals.CarbonIntensitySource;
import dev.fairshift.signals.GridSignalException;
import dev.fairshift.signals.IntensitySeries;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Not API. A {@link CarbonIntensitySource} over a {@link SeriesTable}, loaded on first use and kept.
 * Thread-safe: the table is loaded at most once (a failed load is retried on the next call).
 */
public final class TableSource implements CarbonIntensitySource {
  private final String name;
  private final Supplier<SeriesTable> loader;
  private volatile SeriesTable table;

  /** A source that loads its table with {@code loader} on first use. */
  public TableSource(String name, Supplier<SeriesTable> loader) {
    this.name = Objects.requireNonNull(name, "name");
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  /** A source over an already loaded table. */
  public static TableSource of(String name, SeriesTable table) {
    Objects.requireNonNull(table, "table");
    TableSource source = new TableSource(name, () -> table);
    source.table = table;
    return source;
  }

  @Override
  public String name() {
    return name;
  }

  /** The table, loading it on the first call. */
  public SeriesTable table() {
    SeriesTable t = table;
    if (t == null) {
      synchronized (this) {
        t = table;
        if (t == null) {
          t = Objects.requireNonNull(loader.get(), "loaded table");
          table = t;
        }
      }
    }
    return t;
  }

  /**
   * The readings of {@code zone}.
   *
   * @throws GridSignalException if the source has no such zone, listing the zones it has
   */
  public ZoneData zone(String zone) {
    Objects.requireNonNull(zone, "zone");
    ZoneData data = table().zones().get(zone);
    if (data == null) {
      String hint = "";
      for (String known : table().zones().keySet()) {
        if (known.equalsIgnoreCase(zone)) {
          hint = " Maybe '" + known + "' (zone ids are case-sensitive).";
        }
      }
      if (hint.isEmpty()) {
        hint = " Maybe use one of those or another source.";
      }
      throw new GridSignalException("Source '" + name + "' has no zone '" + zone + "'; its zones are "
          + table().zoneIds() + "." + hint);
    }
    return data;
  }

  @Override
  public IntensitySeries history(String zone, Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("Interval " + from + ".." + to + " for zone '" + zone
          + "' is empty; 'from' must be before 'to'.");
    }
    ZoneData data = zone(zone);
    if (!from.isBefore(data.end()) || !to.isAfter(data.first())) {
      throw new GridSignalException("Source '" + name + "' has zone '" + zone + "' only for "
          + format(data.first()) + ".." + format(data.end()) + ", not for " + format(from) + ".."
          + format(to) + ". Maybe choose an interval inside that range.");
    }
    SeriesTable t = table();
    Map<String, String> metadata = new HashMap<>(t.metadata());
    metadata.put("interval", data.interval().toString());
    return new IntensitySeries(zone, t.signal(), name, data.points(from, to), metadata);
  }

  /** An instant as {@code 2021-03-01T00:00Z}: short, UTC. */
  public static String format(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toString();
  }

  @Override
  public String toString() {
    return "TableSource[" + name + "]";
  }
}
