package dev.fairshift.signals.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.SignalKind;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.signals.IntensityPoint;
import dev.fairshift.signals.IntensitySeries;
import dev.fairshift.signals.ResampledSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class ForecasterTest {
  /** A Monday, so slot 0 is hour 0 of day 0 of the week in UTC. */
  private static final Instant T0 = Instant.parse("2023-01-02T00:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration WEEK = Duration.ofDays(7);

  /** Hourly history of {@code slots} slots from {@code T0} with value {@code f(slot)}. */
  static ResampledSeries hourly(int slots, IntToDoubleFunction f) {
    double[] values = new double[slots];
    for (int i = 0; i < slots; i++) {
      values[i] = f.applyAsDouble(i);
    }
    return series(T0, HOUR, values);
  }

  static ResampledSeries series(Instant start, Duration slotLength, double[] values) {
    return new ResampledSeries("DE", SignalKind.AVERAGE, "test", new Horizon(start, slotLength,
        values.length), SlotSeries.of(values), new BitSet(), new BitSet(), List.of());
  }

  static double[] values(IntensitySeries series) {
    return series.points().stream().mapToDouble(IntensityPoint::gramsPerKwh).toArray();
  }

  /** A daily and weekly pattern: 300 + 80 sin(day) + 30 cos(2 day) + 20 sin(week). */
  private static double periodic(int slot) {
    return 300 + 80 * Math.sin(2 * Math.PI * slot / 24) + 30 * Math.cos(4 * Math.PI * slot / 24)
        + 20 * Math.sin(2 * Math.PI * slot / 168);
  }

  @Test
  void seasonalNaive_dailyPeriodicSeriesIsExact() {
    double[] day = new double[24];
    Random random = new Random(7);
    for (int i = 0; i < 24; i++) {
      day[i] = 100 + 400 * random.nextDouble();
    }
    ResampledSeries history = hourly(24 * 5, slot -> day[slot % 24]);

    double[] forecast = values(Forecaster.seasonalNaive(DAY).forecast(history, Duration.ofHours(72)));

    assertThat(forecast).hasSize(72);
    for (int h = 0; h < 72; h++) {
      assertThat(forecast[h]).as("lead %d", h).isEqualTo(day[(24 * 5 + h) % 24]);
    }
  }

  @Test
  void seasonalNaive_weeklySeasonRepeatsTheLastWeek() {
    ResampledSeries history = hourly(200, slot -> slot);

    double[] forecast = values(Forecaster.seasonalNaive(WEEK).forecast(history, Duration.ofHours(200)));

    // The last week is slots 32..199; slot 200 + h takes slot 32 + (h mod 168).
    assertThat(forecast[0]).isEqualTo(32);
    assertThat(forecast[167]).isEqualTo(199);
    assertThat(forecast[168]).isEqualTo(32);
    assertThat(forecast[199]).isEqualTo(63);
  }

  @Test
  void seasonalNaive_halfHourSlotsUseFortyEightSlotSeason() {
    double[] values = new double[96];
    for (int i = 0; i < 96; i++) {
      values[i] = i % 48;
    }
    IntensitySeries forecast = Forecaster.seasonalNaive(DAY)
        .forecast(series(T0, Duration.ofMinutes(30), values), Duration.ofHours(2));

    assertThat(values(forecast)).containsExactly(0, 1, 2, 3);
    assertThat(forecast.points().get(1).start()).isEqualTo(T0.plus(Duration.ofMinutes(48 * 60 + 30)));
    assertThat(forecast.points().get(1).length()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void seasonalNaive_seasonNotWholeSlots() {
    assertThatThrownBy(() -> Forecaster.seasonalNaive(Duration.ofMinutes(90))
        .forecast(hourly(48, slot -> 1), DAY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT1H30M")
        .hasMessageContaining("not a whole number of 60-minute slots");
    assertThatThrownBy(() -> Forecaster.seasonalNaive(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("season PT0S must be positive");
  }

  @Test
  void persistence_repeatsTheLastValue() {
    double[] forecast = values(Forecaster.persistence().forecast(hourly(3, slot -> 10 * (slot + 1)), DAY));

    assertThat(forecast).hasSize(24).containsOnly(30.0);
  }

  @Test
  void forecast_flaggedPointsFromTheOrigin() {
    ResampledSeries history = hourly(48, slot -> 200);

    IntensitySeries forecast = Forecaster.seasonalNaive(DAY).forecast(history, Duration.ofHours(3));

    Instant origin = T0.plus(Duration.ofHours(48));
    assertThat(forecast.points()).containsExactly(
        new IntensityPoint(origin, HOUR, 200, IntensityPoint.Flag.FORECAST),
        new IntensityPoint(origin.plus(HOUR), HOUR, 200, IntensityPoint.Flag.FORECAST),
        new IntensityPoint(origin.plus(Duration.ofHours(2)), HOUR, 200, IntensityPoint.Flag.FORECAST));
    assertThat(forecast.zone()).isEqualTo("DE");
    assertThat(forecast.signal()).isEqualTo(SignalKind.AVERAGE);
    assertThat(forecast.source()).isEqualTo("forecast:seasonal-naive-24h(test)");
    assertThat(forecast.metadata()).containsEntry("origin", "2023-01-04T00:00Z")
        .containsEntry("forecaster", "seasonal-naive-24h")
        .containsEntry("historyFrom", "2023-01-03T00:00Z");
  }

  @Test
  void forecast_neverNegative() {
    ResampledSeries history = hourly(2, slot -> slot == 0 ? 5 : -3);

    assertThat(values(Forecaster.persistence().forecast(history, Duration.ofHours(2)))).containsExactly(0, 0);
  }

  @Test
  void forecast_historyTooShort_namesRequiredAndGivenLength() {
    ResampledSeries history = hourly(100, slot -> 300);

    // 28 days of training rows plus one week of lags for a 72 h horizon: 672 + 168 = 840 slots.
    assertThatThrownBy(() -> Forecaster.regression(Duration.ofDays(28)).forecast(history, Duration.ofHours(72)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("regression-28d needs 840 slots (840 h) of history")
        .hasMessageContaining("has 100 slots (2023-01-02T00:00Z..2023-01-06T04:00Z)")
        .hasMessageContaining("Maybe fetch history from 2022-12-02T04:00Z");
    assertThatThrownBy(() -> Forecaster.holtWinters(DAY, Duration.ofDays(28)).forecast(history, DAY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs 672 slots");
  }

  @Test
  void forecast_badHorizonOrHistoryValues() {
    ResampledSeries history = hourly(48, slot -> 300);
    assertThatThrownBy(() -> Forecaster.persistence().forecast(history, Duration.ofMinutes(90)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("horizon PT1H30M must be a positive whole number of slots of 60 min");
    assertThatThrownBy(() -> Forecaster.persistence().forecast(history, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    ResampledSeries withNaN = hourly(48, slot -> slot == 30 ? Double.NaN : 300);
    assertThatThrownBy(() -> Forecaster.seasonalNaive(DAY).forecast(withNaN, DAY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value NaN at 2023-01-03T06:00Z")
        .hasMessageContaining("Maybe resample with GapPolicy.FILL_LINEAR");
  }

  @Test
  void requiredHistory_perModel() {
    assertThat(Forecaster.persistence().requiredHistory(HOUR, DAY)).isEqualTo(HOUR);
    assertThat(Forecaster.seasonalNaive(WEEK).requiredHistory(HOUR, Duration.ofHours(72))).isEqualTo(WEEK);
    assertThat(Forecaster.regression(Duration.ofDays(28)).requiredHistory(HOUR, Duration.ofHours(72)))
        .isEqualTo(Duration.ofDays(35));
    // A horizon beyond a week needs the week-lag two weeks back.
    assertThat(Forecaster.regression(Duration.ofDays(28)).requiredHistory(HOUR, Duration.ofDays(8)))
        .isEqualTo(Duration.ofDays(42));
    assertThat(Forecaster.holtWinters(DAY, Duration.ofDays(28)).requiredHistory(
        Duration.ofMinutes(15), DAY)).isEqualTo(Duration.ofDays(28));
  }

  @Test
  void factories_rejectUnusableWindows() {
    assertThatThrownBy(() -> Forecaster.regression(Duration.ofHours(12)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trainingWindow PT12H is shorter than one day");
    assertThatThrownBy(() -> Forecaster.holtWinters(DAY, Duration.ofDays(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shorter than three seasons");
    assertThatThrownBy(() -> Forecaster.regression(Duration.ofDays(28)).requiredHistory(
        Duration.ofMinutes(7), Duration.ofMinutes(70)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs slots that divide a day");
  }

  @Test
  void names() {
    assertThat(Forecaster.persistence().name()).isEqualTo("persistence");
    assertThat(Forecaster.seasonalNaive(DAY).name()).isEqualTo("seasonal-naive-24h");
    assertThat(Forecaster.seasonalNaive(WEEK).name()).isEqualTo("seasonal-naive-168h");
    assertThat(Forecaster.regression(Duration.ofDays(28)).name()).isEqualTo("regression-28d");
    assertThat(Forecaster.holtWinters(DAY, Duration.ofDays(28)).name()).isEqualTo("holt-winters-24h-28d");
  }

  @Test
  void regression_noiselessPeriodicSignalIsReproduced() {
    // Lags and harmonics are collinear here; the ridge term keeps the fit well defined.
    int slots = 35 * 24;
    ResampledSeries history = hourly(slots, ForecasterTest::periodic);

    double[] forecast = values(Forecaster.regression(Duration.ofDays(28)).forecast(history, Duration.ofHours(72)));

    for (int h = 0; h < 72; h++) {
      assertThat(forecast[h]).as("lead %d", h).isCloseTo(periodic(slots + h), within(0.1));
    }
  }

  @Test
  void regression_recoversHarmonicsPlusAutoregressiveNoise() {
    // y = mean(t) + e(t), e(t) = 0.8 e(t-1) + N(0, 1), ending on a shock e = 15: the best forecast
    // h slots ahead is mean(t+h) + 0.8^h * 15, which lies in the model (a shifted harmonic is a
    // harmonic). A model that missed the last value would be 12 g/kWh off one slot ahead.
    Random random = new Random(42);
    int slots = 35 * 24;
    double[] noise = new double[slots];
    for (int i = 1; i < slots; i++) {
      noise[i] = 0.8 * noise[i - 1] + random.nextGaussian();
    }
    noise[slots - 1] = 15;
    ResampledSeries history = hourly(slots, slot -> periodic(slot) + noise[slot]);

    double[] forecast = values(Forecaster.regression(Duration.ofDays(28)).forecast(history, Duration.ofHours(72)));

    double total = 0;
    for (int h = 1; h <= 72; h++) {
      double best = periodic(slots + h - 1) + Math.pow(0.8, h) * noise[slots - 1];
      // The shock dominates the first leads; later, estimation noise (the errors are
      // autocorrelated, so 28 days hold few independent samples) times the shock remains.
      assertThat(forecast[h - 1]).as("lead %d", h).isCloseTo(best, within(h <= 3 ? 1.0 : 5.0));
      total += Math.abs(forecast[h - 1] - best);
    }
    assertThat(total / 72).isLessThan(1.5);
  }

  @Test
  void holtWinters_dailyPatternIsReproduced() {
    ResampledSeries history = hourly(28 * 24, slot -> 250 + 60 * Math.sin(2 * Math.PI * slot / 24));

    double[] forecast = values(Forecaster.holtWinters(DAY, Duration.ofDays(28)).forecast(history, Duration.ofHours(72)));

    for (int h = 0; h < 72; h++) {
      assertThat(forecast[h]).isCloseTo(250 + 60 * Math.sin(2 * Math.PI * (28 * 24 + h) / 24), within(1e-6));
    }
  }

  @Test
  void forecast_shortHorizonIsPrefixOfLongAndDeterministic() {
    Random random = new Random(3);
    double[] noise = new double[40 * 24];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = 30 * random.nextGaussian();
    }
    ResampledSeries history = hourly(noise.length, slot -> periodic(slot) + noise[slot]);
    for (Forecaster model : List.of(Forecaster.persistence(), Forecaster.seasonalNaive(DAY),
        Forecaster.seasonalNaive(WEEK), Forecaster.regression(Duration.ofDays(28)),
        Forecaster.holtWinters(DAY, Duration.ofDays(28)))) {
      double[] day = values(model.forecast(history, DAY));
      double[] threeDays = values(model.forecast(history, Duration.ofHours(72)));

      assertThat(threeDays).as(model.name()).startsWith(day);
      assertThat(values(model.forecast(history, Duration.ofHours(72)))).as(model.name()).containsExactly(threeDays);
    }
  }

  @Test
  void forecast_readsOnlyTheRequiredHistory() {
    Random random = new Random(11);
    double[] base = new double[50 * 24];
    for (int i = 0; i < base.length; i++) {
      base[i] = periodic(i) + 20 * random.nextGaussian();
    }
    for (Forecaster model : List.of(Forecaster.regression(Duration.ofDays(28)),
        Forecaster.holtWinters(DAY, Duration.ofDays(28)), Forecaster.seasonalNaive(WEEK))) {
      int required = (int) model.requiredHistory(HOUR, Duration.ofHours(72)).toHours();
      double[] changed = base.clone();
      for (int i = 0; i < base.length - required; i++) {
        changed[i] = 5000;
      }

      assertThat(values(model.forecast(series(T0, HOUR, changed), Duration.ofHours(72))))
          .as(model.name())
          .containsExactly(values(model.forecast(series(T0, HOUR, base), Duration.ofHours(72))));
    }
  }
}
