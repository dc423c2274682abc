package dev.fairshift.signals.forecast;

import dev.fairshift.signals.IntensityPoint;
import dev.fairshift.signals.IntensitySeries;
import dev.fairshift.signals.ResampledSeries;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A carbon-intensity forecast model for horizons beyond what a provider forecasts: it reads a
 * regular history (one value per slot, as {@link dev.fairshift.signals.Resampler} makes it) and
 * forecasts the slots that follow it.
 *
 * <p>The contract every implementation keeps:
 *
 * <ul>
 *   <li>The forecast starts where the history ends (the <em>origin</em>) and uses nothing else: no
 *       value at or after the origin is read.
 *   <li>It has one point per slot of the history's slot length, flagged {@link
 *       IntensityPoint.Flag#FORECAST}, in grams CO2e per kWh, never negative (clamped at 0).
 *   <li>It is deterministic, and the first {@code n} slots do not depend on the horizon asked for, so
 *       a 72-hour forecast starts with the 24-hour one.
 *   <li>A history shorter than {@link #requiredHistory} is an {@link IllegalArgumentException}
 *       naming the length needed and the length given.
 * </ul>
 *
 * <p>The built-in models are immutable and thread-safe:
 *
 * <pre>{@code
 * Forecaster model = Forecaster.regression(Duration.ofDays(28));
 * Horizon next3Days = Horizon.hourly(Instant.parse("2023-06-01T00:00:00Z"), 72);
 * ZoneIntensity de = Forecasts.zoneIntensity(EmbeddedData.source(), "DE", next3Days, model);
 * // solvers plan on de.forecastGramsPerKwh(); the Evaluator scores on de.gramsPerKwh()
 * }</pre>
 *
 * @see Forecasts
 * @see ForecastEvaluation
 */
public interface Forecaster {

  /**
   * Repeats the last observed value: the simplest baseline, good for an hour, poor for a day. Needs
   * one slot of history.
   */
  static Forecaster persistence() {
    return new PersistenceForecaster();
  }

  /**
   * Seasonal naive: each slot takes the value one {@code season} earlier, repeating the last
   * observed season over longer horizons. {@code Duration.ofDays(1)} is "same hour yesterday",
   * {@code Duration.ofDays(7)} "same hour last week". Needs one season of history.
   *
   * @param season a positive duration; at forecast time it must be a whole number of slots
   * @throws IllegalArgumentException if {@code season} is not positive
   */
  static Forecaster seasonalNaive(Duration season) {
    return new SeasonalNaiveForecaster(season);
  }

  /**
   * As {@link #regression(Duration, ZoneId)} with hour-of-day and day-of-week in UTC.
   *
   * @throws IllegalArgumentException if {@code trainingWindow} is shorter than one day
   */
  static Forecaster regression(Duration trainingWindow) {
    return new RegressionForecaster(trainingWindow, ZoneOffset.UTC);
  }

  /**
   * Linear regression fitted afresh at every origin on the last {@code trainingWindow} of history,
   * one model per lead time (the "direct" strategy, so errors do not compound over the horizon).
   * The features for a slot {@code h} slots ahead are the last observed value, the value at the
   * same time of day on the last observed day, the value at the same time on the last observed week,
   * and three daily and two weekly harmonics (sin/cos) of the local time in {@code localTime}. Fitted
   * by least squares on standardized features with a tiny ridge penalty (10<sup>-6</sup> of the
   * sample count), which leaves real data unaffected and keeps perfectly collinear inputs (a
   * strictly periodic series) solvable. Needs {@code trainingWindow} plus one week of history per
   * started week of horizon; the slot length must divide a day.
   *
   * @param trainingWindow how much recent history the model is fitted on, at least one day; 28 days
   *     is a good default
   * @param localTime the time zone whose clock drives demand, for the harmonics
   * @throws IllegalArgumentException if {@code trainingWindow} is shorter than one day
   */
  static Forecaster regression(Duration trainingWindow, ZoneId localTime) {
    return new RegressionForecaster(trainingWindow, localTime);
  }

  /**
   * Additive seasonal exponential smoothing (Holt-Winters with a level and a seasonal profile of
   * length {@code season}, no trend), with its two smoothing parameters chosen at every origin from a
   * fixed grid to minimize the squared error of the next-season forecasts made across the last
   * {@code trainingWindow} of history. Needs {@code trainingWindow} of history, which must span at
   * least three seasons.
   *
   * @param season the seasonal period, e.g. {@code Duration.ofDays(1)}; at forecast time a whole
   *     number of slots
   * @param trainingWindow history the state starts from and the parameters are fitted on, e.g. 28
   *     days
   * @throws IllegalArgumentException if either is not positive or the window is shorter than three
   *     seasons
   */
  static Forecaster holtWinters(Duration season, Duration trainingWindow) {
    return new HoltWintersForecaster(season, trainingWindow);
  }

  /** A short name for tables and series sources, e.g. {@code seasonal-naive-24h}. */
  String name();

  /**
   * How much history, ending at the origin, this model needs to forecast {@code horizon} at slots
   * of {@code slotLength}: a whole number of slots.
   *
   * @throws IllegalArgumentException if the model cannot work at this slot length (e.g. a season
   *     that is not a whole number of slots) or the horizon is not a positive whole number of slots
   */
  Duration requiredHistory(Duration slotLength, Duration horizon);

  /**
   * Forecasts the {@code horizon} following {@code history}: the first point starts at {@code
   * history.horizon().end()}. The series keeps the history's zone and signal; its source is {@code
   * forecast:<name>(<history source>)} and its metadata name the model and the origin.
   *
   * @param history regular history ending at the origin, at least {@link #requiredHistory} long;
   *     only its last {@code requiredHistory} is read
   * @param horizon a positive whole number of the history's slots
   * @throws IllegalArgumentException if the history is too short, holds a non-finite value or the
   *     horizon is not a positive whole number of slots
   */
  IntensitySeries forecast(ResampledSeries history, Duration horizon);
}
