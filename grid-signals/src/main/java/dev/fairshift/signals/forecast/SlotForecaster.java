package dev.fairshift.signals.forecast;

import dev.fairshift.signals.IntensityPoint;
import dev.fairshift.signals.IntensitySeries;
import dev.fairshift.signals.ResampledSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The shared part of the built-in models: checks the arguments, hands the model exactly the history
 * it asked for as an array, and wraps its values as a flagged, non-negative series. Subclasses are
 * immutable and thread-safe.
 */
abstract class SlotForecaster implements Forecaster {

  /**
   * How many slots of history the model needs for {@code steps} slots of horizon at {@code
   * slotLength}.
   *
   * @throws IllegalArgumentException if the model cannot work at this slot length
   */
  abstract int requiredSlots(Duration slotLength, int steps);

  /**
   * The model: the {@code steps} values following {@code history}, which holds exactly {@link
   * #requiredSlots} finite values, the first starting at {@code start}. May return negative values;
   * they are clamped by the caller.
   */
  abstract double[] forecastValues(double[] history, Instant start, Duration slotLength, int steps);

  @Override
  public final Duration requiredHistory(Duration slotLength, Duration horizon) {
    Objects.requireNonNull(slotLength, "slotLength");
    Objects.requireNonNull(horizon, "horizon");
    positive(slotLength, "slot length");
    return slotLength.multipliedBy(requiredSlots(slotLength, steps(horizon, slotLength)));
  }

  @Override
  public final IntensitySeries forecast(ResampledSeries history, Duration horizon) {
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(horizon, "horizon");
    Duration slotLength = history.horizon().slotLength();
    int steps = steps(horizon, slotLength);
    int required = requiredSlots(slotLength, steps);
    int given = history.horizon().slots();
    Instant origin = history.horizon().end();
    if (given < required) {
      throw new IllegalArgumentException("Forecaster " + name() + " needs " + required + " slots ("
          + slotLength.multipliedBy(required).toHours() + " h) of history before the origin "
          + format(origin) + " to forecast " + steps + " slots of " + slotLength.toMinutes()
          + " min, but the history of zone '" + history.zone() + "' has " + given + " slots ("
          + format(history.horizon().start()) + ".." + format(origin) + "). Maybe fetch history from "
          + format(origin.minus(slotLength.multipliedBy(required))) + ", or choose a model or "
          + "training window that needs less.");
    }
    double[] all = history.gramsPerKwh().values();
    double[] used = Arrays.copyOfRange(all, given - required, given);
    for (int i = 0; i < used.length; i++) {
      if (!Double.isFinite(used[i])) {
        throw new IllegalArgumentException("History of zone '" + history.zone() + "' has value "
            + used[i] + " at " + format(history.horizon().slotStart(given - required + i))
            + "; a forecast needs finite values. Maybe resample with GapPolicy.FILL_LINEAR.");
      }
    }
    Instant start = history.horizon().slotStart(given - required);
    double[] values = forecastValues(used, start, slotLength, steps);
    List<IntensityPoint> points = new ArrayList<>(steps);
    for (int i = 0; i < steps; i++) {
      points.add(new IntensityPoint(origin.plus(slotLength.multipliedBy(i)), slotLength,
          Math.max(0.0, values[i]), IntensityPoint.Flag.FORECAST));
    }
    return new IntensitySeries(history.zone(), history.signal(),
        "forecast:" + name() + "(" + history.source() + ")", points, Map.of(
            "forecaster", name(),
            "origin", format(origin),
            "historyFrom", format(start)));
  }

  @Override
  public String toString() {
    return name();
  }

  /** The horizon as a positive whole number of slots. */
  static int steps(Duration horizon, Duration slotLength) {
    if (horizon.isNegative() || horizon.isZero() || !isMultiple(horizon, slotLength)) {
      throw new IllegalArgumentException("Forecast horizon " + horizon + " must be a positive whole "
          + "number of slots of " + slotLength.toMinutes() + " min. Maybe use Duration.ofHours(24).");
    }
    return Math.toIntExact(horizon.toNanos() / slotLength.toNanos());
  }

  /** {@code length} in slots of {@code slotLength}, or an error naming {@code what}. */
  static int slotsIn(Duration length, Duration slotLength, String what) {
    if (!isMultiple(length, slotLength)) {
      throw new IllegalArgumentException("The " + what + " " + length + " is not a whole number of "
          + slotLength.toMinutes() + "-minute slots. Maybe resample to hourly slots.");
    }
    return Math.toIntExact(length.toNanos() / slotLength.toNanos());
  }

  static boolean isMultiple(Duration length, Duration slotLength) {
    return length.toNanos() % slotLength.toNanos() == 0;
  }

  /** Checks a duration argument: present and positive. */
  static Duration positive(Duration value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("Forecaster " + what + " " + value
          + " must be positive. Maybe use Duration.ofDays(1).");
    }
    return value;
  }

  /** A duration for model names: up to a week in hours ({@code 24h}, {@code 168h}), then days. */
  static String label(Duration length) {
    if (length.toSecondsPart() != 0 || length.toNanosPart() != 0) {
      return length.toString();
    }
    if (length.toMinutesPart() != 0) {
      return length.toMinutes() + "min";
    }
    if (length.toHours() <= 168 || length.toHoursPart() != 0) {
      return length.toHours() + "h";
    }
    return length.toDays() + "d";
  }

  static String format(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toString();
  }
}
