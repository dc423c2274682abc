package dev.fairshift.signals.forecast;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.signals.CarbonIntensitySource;
import dev.fairshift.signals.GapPolicy;
import dev.fairshift.signals.IntensityPoint;
import dev.fairshift.signals.IntensitySeries;
import dev.fairshift.signals.ResampledSeries;
import dev.fairshift.signals.Resampler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Forecasts from a {@link CarbonIntensitySource}'s history, ready for a problem. The history is
 * fetched for exactly {@link Forecaster#requiredHistory} before the horizon starts and resampled to
 * the horizon's slots, so nothing at or after the start of the horizon is used.
 *
 * <pre>{@code
 * Horizon week = Horizon.hourly(Instant.parse("2023-06-01T00:00:00Z"), 168);
 * ZoneIntensity gb = Forecasts.zoneIntensity(EmbeddedData.source(), "GB", week,
 *     Forecaster.regression(Duration.ofDays(28)));
 * Problem problem = Problem.builder().horizon(week).zone(gb) ... .build();
 * // Evaluator: emissions on actuals, plannedEmissionsGrams on the forecast
 * }</pre>
 *
 * <p>Static methods only; thread-safe when the source is.
 */
public final class Forecasts {
  private static final Resampler DEFAULT = Resampler.of(GapPolicy.FILL_LINEAR);

  private Forecasts() {}

  /**
   * A forecast of {@code zone} over {@code horizon}, made at {@code horizon.start()} from the
   * source's history before it, resampled with {@link GapPolicy#FILL_LINEAR}. For planning ahead,
   * when no actuals exist yet.
   *
   * @throws dev.fairshift.signals.GridSignalException if the source cannot deliver the history
   * @throws IllegalArgumentException if the forecaster cannot work at the horizon's slot length
   */
  public static IntensitySeries forecast(CarbonIntensitySource source, String zone, Horizon horizon,
      Forecaster forecaster) {
    return forecast(source, zone, horizon, forecaster, DEFAULT);
  }

  /** As {@link #forecast(CarbonIntensitySource, String, Horizon, Forecaster)}, resampled by {@code resampler}. */
  public static IntensitySeries forecast(CarbonIntensitySource source, String zone, Horizon horizon,
      Forecaster forecaster, Resampler resampler) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(horizon, "horizon");
    Objects.requireNonNull(forecaster, "forecaster");
    Objects.requireNonNull(resampler, "resampler");
    Duration slotLength = horizon.slotLength();
    Duration required = forecaster.requiredHistory(slotLength, horizon.length());
    int slots = SlotForecaster.slotsIn(required, slotLength, "required history");
    Instant from = horizon.start().minus(required);
    IntensitySeries raw = source.history(zone, from, horizon.start());
    ResampledSeries history = resampler.resample(raw, new Horizon(from, slotLength, slots));
    return forecaster.forecast(history, horizon.length());
  }

  /**
   * A core zone for backtesting a plan: {@code gramsPerKwh} are the source's actuals over {@code
   * horizon} (what schedules are evaluated on), {@code forecastGramsPerKwh} the forecast made at
   * {@code horizon.start()} from history before it only (what solvers plan on). Resampled with
   * {@link GapPolicy#FILL_LINEAR}.
   *
   * @throws dev.fairshift.signals.GridSignalException if the source cannot deliver the history or
   *     the actuals
   * @throws IllegalArgumentException if the forecaster cannot work at the horizon's slot length
   */
  public static ZoneIntensity zoneIntensity(CarbonIntensitySource source, String zone, Horizon horizon,
      Forecaster forecaster) {
    return zoneIntensity(source, zone, horizon, forecaster, DEFAULT);
  }

  /** As {@link #zoneIntensity(CarbonIntensitySource, String, Horizon, Forecaster)}, resampled by {@code resampler}. */
  public static ZoneIntensity zoneIntensity(CarbonIntensitySource source, String zone, Horizon horizon,
      Forecaster forecaster, Resampler resampler) {
    IntensitySeries forecast = forecast(source, zone, horizon, forecaster, resampler);
    ResampledSeries actual = resampler.resample(source.history(zone, horizon.start(), horizon.end()),
        horizon);
    return new ZoneIntensity(zone, actual.signal(), actual.gramsPerKwh(),
        Optional.of(onSlots(forecast.points())));
  }

  /** The values of a forecast already on the horizon's slots. */
  private static SlotSeries onSlots(List<IntensityPoint> points) {
    double[] values = new double[points.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = points.get(i).gramsPerKwh();
    }
    return SlotSeries.of(values);
  }
}
