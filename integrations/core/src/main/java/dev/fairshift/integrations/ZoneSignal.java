package dev.fairshift.integrations;

import dev.fairshift.core.ZoneIntensity;
import java.util.Objects;

/**
 * The intensities the loop plans (or accounts) a zone on, and where they came from.
 *
 * @param intensity the zone's values on the horizon's slots
 * @param source what answered, e.g. {@code forecast:electricitymaps}, {@code file:grid.json},
 *     {@code forecast:persistence(ukcarbonintensity)}, {@code embedded:electricitymaps 2024 (same weekday)} or
 *     {@code flat (no data)}
 * @param degraded whether it is a stand-in (embedded data of another year, or flat) because the configured
 *     sources failed
 * @param note why, when degraded or when a source was skipped; empty otherwise
 */
public record ZoneSignal(ZoneIntensity intensity, String source, boolean degraded, String note) {
  public ZoneSignal {
    Objects.requireNonNull(intensity, "intensity");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(note, "note");
  }
}
