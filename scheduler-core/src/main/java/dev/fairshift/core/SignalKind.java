package dev.fairshift.core;

import java.util.Locale;

/**
 * What a carbon-intensity series measures. Average and marginal intensities answer different
 * questions and are never mixed in one problem.
 */
public enum SignalKind {
  /** Average intensity of the electricity consumed in the zone (e.g. Electricity Maps, UK NGESO). */
  AVERAGE,
  /** Marginal operating emissions rate: the intensity of the next kWh (e.g. WattTime MOER). */
  MARGINAL;

  /** The JSON name: {@code average} or {@code marginal}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code average} or {@code marginal}, ignoring case. */
  public static SignalKind parse(String text) {
    for (SignalKind kind : values()) {
      if (kind.jsonName().equalsIgnoreCase(text)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "Unknown signal '" + text + "'. Use 'average' or 'marginal'.");
  }
}
