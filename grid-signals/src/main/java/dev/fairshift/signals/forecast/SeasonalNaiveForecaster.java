package dev.fairshift.signals.forecast;

import java.time.Duration;
import java.time.Instant;

/**
 * {@link Forecaster#seasonalNaive(Duration)}: slot {@code t} takes the value of the last observed
 * slot a whole number of seasons before it. Immutable and thread-safe.
 */
final class SeasonalNaiveForecaster extends SlotForecaster {
  private final Duration season;

  SeasonalNaiveForecaster(Duration season) {
    this.season = positive(season, "season");
  }

  @Override
  public String name() {
    return "seasonal-naive-" + label(season);
  }

  @Override
  int requiredSlots(Duration slotLength, int steps) {
    return slotsIn(season, slotLength, "season of " + name());
  }

  @Override
  double[] forecastValues(double[] history, Instant start, Duration slotLength, int steps) {
    int period = history.length;
    double[] out = new double[steps];
    for (int h = 0; h < steps; h++) {
      out[h] = history[h % period];
    }
    return out;
  }
}
