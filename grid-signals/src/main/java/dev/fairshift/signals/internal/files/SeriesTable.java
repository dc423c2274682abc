package dev.fairshift.signals.internal.files;

import dev.fairshift.core.SignalKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Not API. The parsed content of one file or dataset: every zone's readings, of one signal kind.
 * Immutable and thread-safe.
 *
 * @param signal average or marginal, for every zone
 * @param zones zone id &rarr; readings, in file order
 * @param metadata details copied into every series (file, interval, licence, ...)
 */
public record SeriesTable(SignalKind signal, Map<String, ZoneData> zones, Map<String, String> metadata) {

  public SeriesTable {
    Objects.requireNonNull(signal, "signal");
    zones = Collections.unmodifiableMap(new LinkedHashMap<>(zones));
    metadata = Map.copyOf(metadata);
  }

  /** The zone ids in file order. */
  public List<String> zoneIds() {
    return List.copyOf(zones.keySet());
  }
}
