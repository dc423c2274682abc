package dev.fairshift.signals.forecast;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.signals.IntensityPoint;
import dev.fairshift.signals.ResampledSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A rolling-origin backtest: forecasts made at origins every {@code originEvery} from {@code
 * firstOrigin} on, each from the history before its origin only, scored against the actuals of the
 * following slots with {@link ForecastErrors} (MAE and MAPE) per horizon, per zone and pooled over
 * all zones.
 *
 * <p>The origins are {@code firstOrigin + k * originEvery} for every {@code k >= 0} whose longest
 * horizon ends by {@code end}, so every horizon is scored on the same origins. Each origin is
 * forecast once, for the longest horizon, and a shorter horizon scores its first slots (which the
 * {@link Forecaster} contract makes equal to a forecast for that horizon). Actual slots the
 * resampler flagged as filled (gaps or partial coverage) are not scored. The result is
 * deterministic.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * ForecastEvaluation backtest = ForecastEvaluation.rollingOrigin(
 *     Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z"),
 *     Duration.ofDays(1), List.of(Duration.ofHours(24), Duration.ofHours(72)));
 * ForecastEvaluation.Result result = backtest.evaluate(Forecaster.regression(Duration.ofDays(28)),
 *     List.of(deHourly, gbHourly));  // ResampledSeries from late 2022 to 2024-01-01
 * double mape24 = result.overall(Duration.ofHours(24)).mapePercent();
 * }</pre>
 */
public final class ForecastEvaluation {
  private final Instant firstOrigin;
  private final Instant end;
  private final Duration originEvery;
  private final List<Duration> horizons;

  private ForecastEvaluation(Instant firstOrigin, Instant end, Duration originEvery,
      List<Duration> horizons) {
    this.firstOrigin = firstOrigin;
    this.end = end;
    this.originEvery = originEvery;
    this.horizons = horizons;
  }

  /**
   * A backtest with origins every {@code originEvery} from {@code firstOrigin}, scoring each of
   * {@code horizons}; the last forecast ends by {@code end}.
   *
   * @throws IllegalArgumentException if {@code originEvery} or a horizon is not positive, there are
   *     no horizons, or not even the first origin's longest horizon ends by {@code end}
   */
  public static ForecastEvaluation rollingOrigin(Instant firstOrigin, Instant end,
      Duration originEvery, List<Duration> horizons) {
    Objects.requireNonNull(firstOrigin, "firstOrigin");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(originEvery, "originEvery");
    Objects.requireNonNull(horizons, "horizons");
    if (originEvery.isNegative() || originEvery.isZero()) {
      throw new IllegalArgumentException("Backtest originEvery " + originEvery + " must be positive. "
          + "Maybe use Duration.ofDays(1).");
    }
    if (horizons.isEmpty()) {
      throw new IllegalArgumentException("Backtest needs at least one horizon. Maybe use "
          + "List.of(Duration.ofHours(24), Duration.ofHours(72)).");
    }
    TreeSet<Duration> sorted = new TreeSet<>();
    for (Duration horizon : horizons) {
      Objects.requireNonNull(horizon, "horizon");
      if (horizon.isNegative() || horizon.isZero()) {
        throw new IllegalArgumentException("Backtest horizon " + horizon + " must be positive. Maybe "
            + "use Duration.ofHours(24).");
      }
      sorted.add(horizon);
    }
    if (firstOrigin.plus(sorted.last()).isAfter(end)) {
      throw new IllegalArgumentException("Backtest from " + format(firstOrigin) + " to "
          + format(end) + " has no origin: the longest horizon " + sorted.last() + " from the first "
          + "origin ends after " + format(end) + ". Maybe move the end later.");
    }
    return new ForecastEvaluation(firstOrigin, end, originEvery, List.copyOf(sorted));
  }

  /** The first forecast origin. */
  public Instant firstOrigin() {
    return firstOrigin;
  }

  /** No forecast reaches beyond this instant. */
  public Instant end() {
    return end;
  }

  /** The time between origins. */
  public Duration originEvery() {
    return originEvery;
  }

  /** The horizons scored, shortest first. */
  public List<Duration> horizons() {
    return horizons;
  }

  /** The forecast origins, in time order. */
  public List<Instant> origins() {
    Duration longest = horizons.get(horizons.size() - 1);
    List<Instant> origins = new ArrayList<>();
    for (Instant origin = firstOrigin; !origin.plus(longest).isAfter(end);
        origin = origin.plus(originEvery)) {
      origins.add(origin);
    }
    return origins;
  }

  /**
   * The history a series needs for {@code forecaster}: from {@code firstOrigin} minus the model's
   * required history, to {@code end}.
   */
  public Instant historyStart(Forecaster forecaster, Duration slotLength) {
    Objects.requireNonNull(forecaster, "forecaster");
    Objects.requireNonNull(slotLength, "slotLength");
    return firstOrigin.minus(forecaster.requiredHistory(slotLength, horizons.get(horizons.size() - 1)));
  }

  /**
   * Backtests {@code forecaster} on several zones; {@link Result#overall()} pools every scored
   * point of every zone.
   *
   * @throws IllegalArgumentException as {@link #evaluate(Forecaster, ResampledSeries)}, for the first
   *     zone that fails
   */
  public Result evaluate(Forecaster forecaster, List<ResampledSeries> zones) {
    Objects.requireNonNull(forecaster, "forecaster");
    Objects.requireNonNull(zones, "zones");
    List<ZoneErrors> perZone = new ArrayList<>();
    ForecastErrors.ErrorSum[] pooled = newSums();
    for (ResampledSeries zone : zones) {
      ForecastErrors.ErrorSum[] sums = newSums();
      perZone.add(run(forecaster, Objects.requireNonNull(zone, "zone"), sums));
      for (int i = 0; i < sums.length; i++) {
        pooled[i].addAll(sums[i]);
      }
    }
    return new Result(forecaster.name(), perZone, toErrors(pooled));
  }

  /**
   * Backtests {@code forecaster} on one zone's regular series, which must cover {@link
   * #historyStart} to {@link #end()}.
   *
   * @throws IllegalArgumentException if the series is too short or not aligned with the origins and
   *     horizons, naming what it needs
   */
  public ZoneErrors evaluate(Forecaster forecaster, ResampledSeries series) {
    Objects.requireNonNull(forecaster, "forecaster");
    Objects.requireNonNull(series, "series");
    return run(forecaster, series, newSums());
  }

  private ZoneErrors run(Forecaster forecaster, ResampledSeries series, ForecastErrors.ErrorSum[] sums) {
    Horizon slots = series.horizon();
    Duration slotLength = slots.slotLength();
    Duration longest = horizons.get(horizons.size() - 1);
    int[] horizonSlots = new int[horizons.size()];
    for (int i = 0; i < horizonSlots.length; i++) {
      horizonSlots[i] = SlotForecaster.slotsIn(horizons.get(i), slotLength, "backtest horizon");
    }
    SlotForecaster.slotsIn(originEvery, slotLength, "backtest originEvery");
    SlotForecaster.slotsIn(Duration.between(slots.start(), firstOrigin).abs(), slotLength,
        "offset of the first origin " + format(firstOrigin) + " from the series start "
            + format(slots.start()));
    Duration required = forecaster.requiredHistory(slotLength, longest);
    int requiredSlots = SlotForecaster.slotsIn(required, slotLength, "required history");
    Instant needFrom = firstOrigin.minus(required);
    List<Instant> origins = origins();
    Instant needTo = origins.get(origins.size() - 1).plus(longest);
    if (needFrom.isBefore(slots.start()) || needTo.isAfter(slots.end())) {
      throw new IllegalArgumentException("Backtest of " + forecaster.name() + " on zone '"
          + series.zone() + "' needs its series to cover " + format(needFrom) + ".." + format(needTo)
          + " (" + required.toHours() + " h of history before the first origin), but it covers "
          + format(slots.start()) + ".." + format(slots.end()) + ". Maybe resample a longer "
          + "interval or start the backtest later.");
    }
    double[] values = series.gramsPerKwh().values();
    BitSet filled = series.filled();
    BitSet estimated = series.estimated();
    int maxSlots = horizonSlots[horizonSlots.length - 1];
    for (Instant origin : origins) {
      int o = (int) (Duration.between(slots.start(), origin).toNanos() / slotLength.toNanos());
      int from = o - requiredSlots;
      ResampledSeries history = new ResampledSeries(series.zone(), series.signal(), series.source(),
          new Horizon(slots.slotStart(from), slotLength, requiredSlots),
          SlotSeries.of(Arrays.copyOfRange(values, from, o)), filled.get(from, o),
          estimated.get(from, o), List.of());
      List<IntensityPoint> forecast = forecaster.forecast(history, longest).points();
      if (forecast.size() != maxSlots) {
        throw new IllegalStateException("Forecaster " + forecaster.name() + " returned "
            + forecast.size() + " points for " + maxSlots + " slots at origin " + format(origin)
            + "; it breaks the Forecaster contract.");
      }
      for (int h = 0; h < horizonSlots.length; h++) {
        sums[h].origin();
        for (int i = 0; i < horizonSlots[h]; i++) {
          if (!filled.get(o + i)) {
            sums[h].add(values[o + i], forecast.get(i).gramsPerKwh());
          }
        }
      }
    }
    return new ZoneErrors(series.zone(), series.source(), forecaster.name(), toErrors(sums));
  }

  private ForecastErrors.ErrorSum[] newSums() {
    ForecastErrors.ErrorSum[] sums = new ForecastErrors.ErrorSum[horizons.size()];
    for (int i = 0; i < sums.length; i++) {
      sums[i] = new ForecastErrors.ErrorSum();
    }
    return sums;
  }

  private List<ForecastErrors> toErrors(ForecastErrors.ErrorSum[] sums) {
    List<ForecastErrors> errors = new ArrayList<>(sums.length);
    for (int i = 0; i < sums.length; i++) {
      errors.add(sums[i].toErrors(horizons.get(i)));
    }
    return List.copyOf(errors);
  }

  private static ForecastErrors at(List<ForecastErrors> errors, Duration horizon) {
    for (ForecastErrors e : errors) {
      if (e.horizon().equals(horizon)) {
        return e;
      }
    }
    List<Duration> known = new ArrayList<>();
    errors.forEach(e -> known.add(e.horizon()));
    throw new IllegalArgumentException("No errors for horizon " + horizon + "; the backtest scored "
        + known + ".");
  }

  private static String format(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toString();
  }

  @Override
  public String toString() {
    return "ForecastEvaluation[origins every " + originEvery + " from " + format(firstOrigin)
        + " to " + format(end) + ", horizons " + horizons + "]";
  }

  /**
   * One zone's backtest errors.
   *
   * @param zone the zone id
   * @param source the source of the series (the actuals)
   * @param forecaster the model's name
   * @param errors one entry per horizon, shortest first
   */
  public record ZoneErrors(String zone, String source, String forecaster, List<ForecastErrors> errors) {
    public ZoneErrors {
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(forecaster, "forecaster");
      errors = List.copyOf(errors);
    }

    /**
     * The errors at {@code horizon}.
     *
     * @throws IllegalArgumentException if that horizon was not scored
     */
    public ForecastErrors at(Duration horizon) {
      return ForecastEvaluation.at(errors, horizon);
    }
  }

  /**
   * A backtest of one model on several zones.
   *
   * @param forecaster the model's name
   * @param zones per zone, in the order given
   * @param overall every scored point of every zone pooled, one entry per horizon, shortest first
   */
  public record Result(String forecaster, List<ZoneErrors> zones, List<ForecastErrors> overall) {
    public Result {
      Objects.requireNonNull(forecaster, "forecaster");
      zones = List.copyOf(zones);
      overall = List.copyOf(overall);
    }

    /**
     * The pooled errors at {@code horizon}.
     *
     * @throws IllegalArgumentException if that horizon was not scored
     */
    public ForecastErrors overall(Duration horizon) {
      return ForecastEvaluation.at(overall, horizon);
    }
  }
}
