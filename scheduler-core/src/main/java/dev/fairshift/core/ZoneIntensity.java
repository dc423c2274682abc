package dev.fairshift.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The carbon intensity of one grid zone over the horizon, in grams CO2-equivalent per kWh.
 *
 * @param zone the zone id (e.g. {@code DE}, {@code GB}, {@code US-CAL-CISO})
 * @param signal whether the series are average or marginal intensities
 * @param gramsPerKwh what a schedule is <em>evaluated</em> on: actual intensities where known
 * @param forecastGramsPerKwh what solvers <em>plan</em> on when present; solvers never read
 *     {@code gramsPerKwh} when a forecast is present
 */
public record ZoneIntensity(
    String zone, SignalKind signal, SlotSeries gramsPerKwh, Optional<SlotSeries> forecastGramsPerKwh) {

  public ZoneIntensity {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(gramsPerKwh, "gramsPerKwh");
    Objects.requireNonNull(forecastGramsPerKwh, "forecastGramsPerKwh");
  }

  /** An average-intensity zone known by one series, used both to plan and to evaluate. */
  public static ZoneIntensity of(String zone, SlotSeries gramsPerKwh) {
    return new ZoneIntensity(zone, SignalKind.AVERAGE, gramsPerKwh, Optional.empty());
  }

  /** An average-intensity zone planned on a forecast and evaluated on actuals. */
  public static ZoneIntensity withForecast(String zone, SlotSeries actualGramsPerKwh, SlotSeries forecastGramsPerKwh) {
    return new ZoneIntensity(zone, SignalKind.AVERAGE, actualGramsPerKwh, Optional.of(forecastGramsPerKwh));
  }

  /** The series a solver plans on: the forecast when there is one, else {@link #gramsPerKwh()}. */
  public SlotSeries planningGramsPerKwh() {
    return forecastGramsPerKwh.orElse(gramsPerKwh);
  }
}
