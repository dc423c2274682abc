package dev.fairshift.signals.forecast;

import java.time.Duration;
import java.time.Instant;

/**
 * {@link Forecaster#holtWinters(Duration, Duration)}: additive seasonal exponential smoothing
 * (Holt-Winters without a trend, which only hurts a day or more ahead). Immutable and thread-safe.
 *
 * <p>With season length {@code m}, level {@code l} and seasonal terms {@code s}:
 *
 * <pre>
 * l[t] = alpha (y[t] - s[t-m]) + (1 - alpha) l[t-1]
 * s[t] = gamma (y[t] - l[t]) + (1 - gamma) s[t-m]
 * y^[T+h] = l[T] + s[T+h-m*ceil(h/m)]
 * </pre>
 *
 * The state starts from the first two seasons of the training window (level = mean of the second,
 * seasonal terms = each slot's mean deviation from its season's mean) and runs over the rest.
 * {@code (alpha, gamma)} are chosen from a fixed grid (so the result is deterministic) to minimize
 * the squared error of the forecasts for the next season (leads 1 to {@code m}) made at every slot
 * from the third season on: the error the model is used for, rather than the one-step error, which
 * favours a large {@code alpha} that behaves like persistence a day ahead.
 */
final class HoltWintersForecaster extends SlotForecaster {
  private static final double[] ALPHAS = {0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6, 0.8};
  private static final double[] GAMMAS = {0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6};

  private final Duration season;
  private final Duration trainingWindow;

  HoltWintersForecaster(Duration season, Duration trainingWindow) {
    this.season = positive(season, "season");
    this.trainingWindow = positive(trainingWindow, "trainingWindow");
    if (trainingWindow.compareTo(season.multipliedBy(3)) < 0) {
      throw new IllegalArgumentException("Holt-Winters trainingWindow " + trainingWindow + " is "
          + "shorter than three seasons of " + season + "; two start the state and the rest fits "
          + "the parameters. Maybe use Duration.ofDays(28) for a daily season.");
    }
  }

  @Override
  public String name() {
    return "holt-winters-" + label(season) + "-" + label(trainingWindow);
  }

  @Override
  int requiredSlots(Duration slotLength, int steps) {
    slotsIn(season, slotLength, "season of " + name());
    return slotsIn(trainingWindow, slotLength, "training window of " + name());
  }

  @Override
  double[] forecastValues(double[] y, Instant start, Duration slotLength, int steps) {
    int m = slotsIn(season, slotLength, "season of " + name());
    State state = new State(m);
    double bestAlpha = ALPHAS[0];
    double bestGamma = GAMMAS[0];
    double bestError = Double.POSITIVE_INFINITY;
    for (double alpha : ALPHAS) {
      for (double gamma : GAMMAS) {
        double error = state.run(y, m, alpha, gamma);
        if (error < bestError) {
          bestError = error;
          bestAlpha = alpha;
          bestGamma = gamma;
        }
      }
    }
    state.run(y, m, bestAlpha, bestGamma);
    double[] out = new double[steps];
    int n = y.length;
    for (int h = 1; h <= steps; h++) {
      out[h - 1] = state.level + state.seasonal[(n - 1 + h) % m];
    }
    return out;
  }

  /** The smoothing state, reused across the grid. Not thread-safe; one per forecast. */
  private static final class State {
    final double[] seasonal;
    double level;

    State(int m) {
      seasonal = new double[m];
    }

    /**
     * Runs the recursions over {@code y} and returns the sum of squared errors of the next-season
     * forecasts made before each slot from the third season on. The seasonal term of slot {@code t}
     * lives at {@code seasonal[t mod m]}.
     */
    double run(double[] y, int m, double alpha, double gamma) {
      double first = 0;
      double second = 0;
      for (int i = 0; i < m; i++) {
        first += y[i];
        second += y[m + i];
      }
      first /= m;
      second /= m;
      for (int i = 0; i < m; i++) {
        seasonal[i] = (y[i] - first + y[m + i] - second) / 2;
      }
      level = second;
      int n = y.length;
      double error = 0;
      for (int t = 2 * m; t < n; t++) {
        int leads = Math.min(m, n - t);
        for (int j = 0; j < leads; j++) {
          double e = y[t + j] - level - seasonal[(t + j) % m];
          error += e * e;
        }
        int k = t % m;
        level = alpha * (y[t] - seasonal[k]) + (1 - alpha) * level;
        seasonal[k] = gamma * (y[t] - level) + (1 - gamma) * seasonal[k];
      }
      return Double.isFinite(error) ? error : Double.POSITIVE_INFINITY;
    }
  }
}
