package dev.fairshift.signals.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * {@link Forecaster#regression(Duration, ZoneId)}: one ridge-stabilized least-squares model per lead
 * time, fitted on the training window at every origin. Immutable and thread-safe.
 *
 * <p>For a target slot {@code t} forecast {@code h} slots ahead (h = 1 is the slot starting at the
 * origin), the features are {@code y[t-h]} (the last value observed at the origin), {@code
 * y[t-day*ceil(h/day)]} (same time of day, last observed day), {@code y[t-week*ceil(h/week)]} (same
 * time, last observed week) and the harmonics of the target's local time. The training rows are
 * the targets of the last {@code trainingWindow}, each with the features it had {@code h} slots
 * earlier. Fitting one model per lead keeps errors from compounding and lets the weight move from
 * the last value (short leads) to the daily profile (long leads).
 */
final class RegressionForecaster extends SlotForecaster {
  private static final int DAILY_HARMONICS = 3;
  private static final int WEEKLY_HARMONICS = 2;
  private static final int LAGS = 3;
  private static final int TIME_FEATURES = 2 * (DAILY_HARMONICS + WEEKLY_HARMONICS);
  private static final int FEATURES = LAGS + TIME_FEATURES;
  /** Ridge penalty per training row, on standardized features. */
  private static final double RIDGE = 1e-6;

  private final Duration trainingWindow;
  private final ZoneId localTime;

  RegressionForecaster(Duration trainingWindow, ZoneId localTime) {
    positive(trainingWindow, "trainingWindow");
    Objects.requireNonNull(localTime, "localTime");
    if (trainingWindow.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException("Regression trainingWindow " + trainingWindow + " is "
          + "shorter than one day; the model fits " + (FEATURES + 1) + " coefficients. Maybe use "
          + "Duration.ofDays(28).");
    }
    this.trainingWindow = trainingWindow;
    this.localTime = localTime;
  }

  @Override
  public String name() {
    return "regression-" + label(trainingWindow);
  }

  @Override
  int requiredSlots(Duration slotLength, int steps) {
    int week = 7 * day(slotLength);
    return training(slotLength) + week * ceilDiv(steps, week);
  }

  private int training(Duration slotLength) {
    return slotsIn(trainingWindow, slotLength, "training window of " + name());
  }

  private int day(Duration slotLength) {
    return slotsIn(Duration.ofDays(1), slotLength, "day (" + name() + " needs slots that divide a day)");
  }

  @Override
  double[] forecastValues(double[] y, Instant start, Duration slotLength, int steps) {
    int n = y.length;
    int rows = training(slotLength);
    int day = day(slotLength);
    int week = 7 * day;
    int first = n - rows;
    double[][] time = new double[rows + steps][];
    for (int i = 0; i < time.length; i++) {
      time[i] = timeFeatures(start.plus(slotLength.multipliedBy(first + i)));
    }
    // Sums over the training rows of the time features, which every lead shares.
    double[] timeSum = new double[TIME_FEATURES];
    double[][] timeGram = new double[TIME_FEATURES][TIME_FEATURES];
    double[] timeY = new double[TIME_FEATURES];
    double ySum = 0;
    for (int r = 0; r < rows; r++) {
      double target = y[first + r];
      ySum += target;
      for (int a = 0; a < TIME_FEATURES; a++) {
        double xa = time[r][a];
        timeSum[a] += xa;
        timeY[a] += xa * target;
        for (int b = a; b < TIME_FEATURES; b++) {
          timeGram[a][b] += xa * time[r][b];
        }
      }
    }
    double[] out = new double[steps];
    double[] sum = new double[FEATURES];
    double[][] gram = new double[FEATURES][FEATURES];
    double[] xy = new double[FEATURES];
    int[] lags = new int[LAGS];
    double[] lag = new double[LAGS];
    for (int h = 1; h <= steps; h++) {
      lags[0] = h;
      lags[1] = day * ceilDiv(h, day);
      lags[2] = week * ceilDiv(h, week);
      for (int a = 0; a < FEATURES; a++) {
        sum[a] = a < LAGS ? 0 : timeSum[a - LAGS];
        xy[a] = a < LAGS ? 0 : timeY[a - LAGS];
        for (int b = a; b < FEATURES; b++) {
          gram[a][b] = a < LAGS ? 0 : timeGram[a - LAGS][b - LAGS];
        }
      }
      for (int r = 0; r < rows; r++) {
        int t = first + r;
        double target = y[t];
        for (int k = 0; k < LAGS; k++) {
          lag[k] = y[t - lags[k]];
        }
        double[] tf = time[r];
        for (int a = 0; a < LAGS; a++) {
          double xa = lag[a];
          sum[a] += xa;
          xy[a] += xa * target;
          for (int b = a; b < LAGS; b++) {
            gram[a][b] += xa * lag[b];
          }
          for (int b = 0; b < TIME_FEATURES; b++) {
            gram[a][LAGS + b] += xa * tf[b];
          }
        }
      }
      int t = n + h - 1;
      double[] x = new double[FEATURES];
      for (int k = 0; k < LAGS; k++) {
        x[k] = y[t - lags[k]];
      }
      System.arraycopy(time[rows + h - 1], 0, x, LAGS, TIME_FEATURES);
      out[h - 1] = fitAndPredict(rows, sum, gram, xy, ySum, x);
    }
    return out;
  }

  /**
   * Ridge regression on standardized features from the raw sums of the training rows, evaluated at
   * {@code x}. Constant features get a zero coefficient.
   */
  private static double fitAndPredict(int rows, double[] sum, double[][] gram, double[] xy,
      double ySum, double[] x) {
    double yMean = ySum / rows;
    double[] mean = new double[FEATURES];
    double[] scale = new double[FEATURES];
    for (int a = 0; a < FEATURES; a++) {
      mean[a] = sum[a] / rows;
      double variance = gram[a][a] / rows - mean[a] * mean[a];
      double tiny = 1e-12 * Math.max(1.0, mean[a] * mean[a]);
      scale[a] = variance > tiny ? Math.sqrt(variance) : 0.0;
    }
    Array2DRowRealMatrix normal = new Array2DRowRealMatrix(FEATURES, FEATURES);
    RealVector rhs = new ArrayRealVector(FEATURES);
    for (int a = 0; a < FEATURES; a++) {
      if (scale[a] == 0.0) {
        normal.setEntry(a, a, 1.0);
        continue;
      }
      for (int b = a; b < FEATURES; b++) {
        if (scale[b] == 0.0) {
          continue;
        }
        double centered = (gram[a][b] - rows * mean[a] * mean[b]) / (scale[a] * scale[b]);
        normal.setEntry(a, b, centered);
        normal.setEntry(b, a, centered);
      }
      normal.addToEntry(a, a, RIDGE * rows);
      rhs.setEntry(a, (xy[a] - rows * mean[a] * yMean) / scale[a]);
    }
    RealVector beta = new CholeskyDecomposition(normal).getSolver().solve(rhs);
    double prediction = yMean;
    for (int a = 0; a < FEATURES; a++) {
      if (scale[a] != 0.0) {
        prediction += beta.getEntry(a) * (x[a] - mean[a]) / scale[a];
      }
    }
    return prediction;
  }

  private double[] timeFeatures(Instant instant) {
    ZonedDateTime local = instant.atZone(localTime);
    double dayFraction = local.toLocalTime().toNanoOfDay() / 86_400e9;
    double weekFraction = (local.getDayOfWeek().getValue() - 1 + dayFraction) / 7.0;
    double[] f = new double[TIME_FEATURES];
    int i = 0;
    for (int k = 1; k <= DAILY_HARMONICS; k++) {
      f[i++] = Math.sin(2 * Math.PI * k * dayFraction);
      f[i++] = Math.cos(2 * Math.PI * k * dayFraction);
    }
    for (int k = 1; k <= WEEKLY_HARMONICS; k++) {
      f[i++] = Math.sin(2 * Math.PI * k * weekFraction);
      f[i++] = Math.cos(2 * Math.PI * k * weekFraction);
    }
    return f;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
