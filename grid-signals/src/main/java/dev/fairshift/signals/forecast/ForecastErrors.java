package dev.fairshift.signals.forecast;

import java.time.Duration;
import java.util.Objects;

/**
 * How far forecasts were from what happened, over every slot of {@code horizon} after each of
 * {@code origins} forecast origins. Immutable and thread-safe.
 *
 * <ul>
 *   <li>MAE = mean over the points of |actual - forecast|, in grams CO2e per kWh.
 *   <li>MAPE = 100 × mean over the points of |actual - forecast| / actual, in percent. Points whose
 *       actual is 0 have no percentage error and are left out of the MAPE only.
 * </ul>
 *
 * @param horizon how far ahead: the points are the slots {@code [origin, origin + horizon)}
 * @param origins how many forecast origins contributed
 * @param points how many (origin, slot) pairs were scored
 * @param maeGramsPerKwh mean absolute error, g/kWh; NaN when there are no points
 * @param mapePercent mean absolute percentage error, %; NaN when no point has a non-zero actual
 */
public record ForecastErrors(Duration horizon, int origins, long points, double maeGramsPerKwh,
    double mapePercent) {

  public ForecastErrors {
    Objects.requireNonNull(horizon, "horizon");
    if (origins < 0 || points < 0) {
      throw new IllegalArgumentException("ForecastErrors origins " + origins + " and points " + points
          + " must not be negative.");
    }
  }

  /**
   * The errors of one forecast against the actuals of the same slots, e.g. to score a single
   * forecast by hand.
   *
   * @param horizon the horizon the arrays cover
   * @param actualGramsPerKwh what happened, one value per slot
   * @param forecastGramsPerKwh what was forecast, one value per slot
   * @throws IllegalArgumentException if the arrays differ in length or hold a non-finite value
   */
  public static ForecastErrors of(Duration horizon, double[] actualGramsPerKwh,
      double[] forecastGramsPerKwh) {
    Objects.requireNonNull(actualGramsPerKwh, "actualGramsPerKwh");
    Objects.requireNonNull(forecastGramsPerKwh, "forecastGramsPerKwh");
    if (actualGramsPerKwh.length != forecastGramsPerKwh.length) {
      throw new IllegalArgumentException("Cannot score " + forecastGramsPerKwh.length
          + " forecast values against " + actualGramsPerKwh.length + " actual values. Maybe cut "
          + "both to the same slots.");
    }
    ErrorSum sum = new ErrorSum();
    for (int i = 0; i < actualGramsPerKwh.length; i++) {
      if (!Double.isFinite(actualGramsPerKwh[i]) || !Double.isFinite(forecastGramsPerKwh[i])) {
        throw new IllegalArgumentException("Slot " + i + " has actual " + actualGramsPerKwh[i]
            + " and forecast " + forecastGramsPerKwh[i] + "; both must be finite.");
      }
      sum.add(actualGramsPerKwh[i], forecastGramsPerKwh[i]);
    }
    sum.origin();
    return sum.toErrors(horizon);
  }

  /** The horizon in whole hours, for tables. */
  public long horizonHours() {
    return horizon.toHours();
  }

  /** Running sums behind a {@link ForecastErrors}; not thread-safe. */
  static final class ErrorSum {
    private int origins;
    private long points;
    private double absolute;
    private long percentPoints;
    private double percent;

    void add(double actual, double forecast) {
      double error = Math.abs(actual - forecast);
      points++;
      absolute += error;
      if (actual != 0) {
        percentPoints++;
        percent += error / Math.abs(actual);
      }
    }

    void origin() {
      origins++;
    }

    void addAll(ErrorSum other) {
      origins += other.origins;
      points += other.points;
      absolute += other.absolute;
      percentPoints += other.percentPoints;
      percent += other.percent;
    }

    ForecastErrors toErrors(Duration horizon) {
      return new ForecastErrors(horizon, origins, points,
          points == 0 ? Double.NaN : absolute / points,
          percentPoints == 0 ? Double.NaN : 100 * percent / percentPoints);
    }
  }
}
