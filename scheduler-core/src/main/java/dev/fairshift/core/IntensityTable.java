package dev.fairshift.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Zone x slot &rarr; grams CO2e per kWh, with the forecast (what solvers plan on) and the actuals
 * (what schedules are evaluated on) kept apart. Immutable and thread-safe.
 */
public final class IntensityTable {
  private final List<ZoneIntensity> zones;
  private final Map<String, ZoneIntensity> byId;

  private IntensityTable(List<ZoneIntensity> zones) {
    this.zones = List.copyOf(zones);
    Map<String, ZoneIntensity> map = new LinkedHashMap<>();
    for (ZoneIntensity zone : this.zones) {
      map.putIfAbsent(zone.zone(), zone);
    }
    this.byId = Map.copyOf(map);
  }

  /** A table of the given zones, in order. */
  public static IntensityTable of(List<ZoneIntensity> zones) {
    return new IntensityTable(zones);
  }

  /** A table of the given zones, in order. */
  public static IntensityTable of(ZoneIntensity... zones) {
    return new IntensityTable(List.of(zones));
  }

  /** The zones, in the order they were given. */
  public List<ZoneIntensity> zones() {
    return zones;
  }

  /** Whether {@code zoneId} is in the table. */
  public boolean contains(String zoneId) {
    return byId.containsKey(zoneId);
  }

  /**
   * The zone {@code zoneId}.
   *
   * @throws NoSuchElementException if there is no such zone
   */
  public ZoneIntensity zone(String zoneId) {
    ZoneIntensity zone = byId.get(zoneId);
    if (zone == null) {
      throw new NoSuchElementException("No zone '" + zoneId + "' in the intensity table; zones are "
          + byId.keySet() + ".");
    }
    return zone;
  }

  /** The signal kind shared by every zone ({@link SignalKind#AVERAGE} for an empty table). */
  public SignalKind signal() {
    return zones.isEmpty() ? SignalKind.AVERAGE : zones.get(0).signal();
  }

  /** Whether any zone has a forecast distinct from its actuals. */
  public boolean hasForecast() {
    return zones.stream().anyMatch(z -> z.forecastGramsPerKwh().isPresent());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntensityTable other && zones.equals(other.zones);
  }

  @Override
  public int hashCode() {
    return zones.hashCode();
  }

  @Override
  public String toString() {
    return "IntensityTable" + byId.keySet();
  }
}
