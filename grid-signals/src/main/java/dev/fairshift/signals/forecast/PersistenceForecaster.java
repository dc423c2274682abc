package dev.fairshift.signals.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/** {@link Forecaster#persistence()}: the last observed value, repeated. Immutable and thread-safe. */
final class PersistenceForecaster extends SlotForecaster {

  @Override
  public String name() {
    return "persistence";
  }

  @Override
  int requiredSlots(Duration slotLength, int steps) {
    return 1;
  }

  @Override
  double[] forecastValues(double[] history, Instant start, Duration slotLength, int steps) {
    double[] out = new double[steps];
    Arrays.fill(out, history[history.length - 1]);
    return out;
  }
}
