package dev.fairshift.signals.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.SignalKind;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.signals.EmbeddedData;
import dev.fairshift.signals.GapPolicy;
import dev.fairshift.signals.ResampledSeries;
import dev.fairshift.signals.Resampler;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastEvaluationTest {
  private static final Instant T0 = Instant.parse("2023-01-02T00:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration THREE_DAYS = Duration.ofHours(72);
  private static final List<Duration> HORIZONS = List.of(THREE_DAYS, DAY);

  private static Instant hour(int hours) {
    return T0.plus(Duration.ofHours(hours));
  }

  /** An hourly ramp: slot i has value {@code 1000 + slope * i}. */
  private static ResampledSeries ramp(String zone, double slope, int slots, BitSet filled) {
    double[] values = new double[slots];
    for (int i = 0; i < slots; i++) {
      values[i] = 1000 + slope * i;
    }
    return new ResampledSeries(zone, SignalKind.AVERAGE, "test", Horizon.hourly(T0, slots),
        SlotSeries.of(values), filled, new BitSet(), List.of());
  }

  @Test
  void errors_handComputed() {
    // |errors| = 10, 50, 0, 10; MAE = 70 / 4. MAPE leaves the zero actual out:
    // (10/100 + 50/200 + 0/50) / 3 = 0.35 / 3.
    ForecastErrors e = ForecastErrors.of(Duration.ofHours(4), new double[] {100, 200, 50, 0},
        new double[] {110, 150, 50, 10});

    assertThat(e.maeGramsPerKwh()).isCloseTo(17.5, within(1e-12));
    assertThat(e.mapePercent()).isCloseTo(100 * 0.35 / 3, within(1e-12));
    assertThat(e.points()).isEqualTo(4);
    assertThat(e.origins()).isEqualTo(1);
    assertThat(e.horizonHours()).isEqualTo(4);
  }

  @Test
  void errors_noPointsOrMismatchedArrays() {
    ForecastErrors none = ForecastErrors.of(DAY, new double[0], new double[0]);
    assertThat(none.maeGramsPerKwh()).isNaN();
    assertThat(none.mapePercent()).isNaN();
    assertThat(ForecastErrors.of(DAY, new double[] {0}, new double[] {5}).mapePercent()).isNaN();
    assertThatThrownBy(() -> ForecastErrors.of(DAY, new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot score 1 forecast values against 2 actual values");
  }

  @Test
  void rollingOrigin_originsAndSortedHorizons() {
    ForecastEvaluation e = ForecastEvaluation.rollingOrigin(hour(24), hour(24 + 72 + 48), DAY, HORIZONS);

    assertThat(e.horizons()).containsExactly(DAY, THREE_DAYS);
    // Origins at 24, 48 and 72 h: the last one's 72 h forecast ends exactly at the end.
    assertThat(e.origins()).containsExactly(hour(24), hour(48), hour(72));
    assertThatThrownBy(() -> ForecastEvaluation.rollingOrigin(hour(24), hour(72), DAY, HORIZONS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no origin");
    assertThatThrownBy(() -> ForecastEvaluation.rollingOrigin(hour(24), hour(200), Duration.ZERO, HORIZONS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("originEvery PT0S must be positive");
    assertThatThrownBy(() -> ForecastEvaluation.rollingOrigin(hour(24), hour(200), DAY, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one horizon");
  }

  @Test
  void evaluate_persistenceOnRampHasHandComputedErrors() {
    // Persistence repeats the value of slot o-1, so lead i (1-based) misses by slope * i:
    // MAE over 24 leads = mean(1..24) = 12.5, over 72 leads = 36.5 (times the slope).
    ForecastEvaluation e = ForecastEvaluation.rollingOrigin(hour(24), hour(24 + 72 + 48), DAY, HORIZONS);

    ForecastEvaluation.ZoneErrors zone = e.evaluate(Forecaster.persistence(), ramp("A", 1, 24 + 72 + 48, new BitSet()));

    assertThat(zone.at(DAY).maeGramsPerKwh()).isCloseTo(12.5, within(1e-9));
    assertThat(zone.at(THREE_DAYS).maeGramsPerKwh()).isCloseTo(36.5, within(1e-9));
    assertThat(zone.at(DAY).origins()).isEqualTo(3);
    assertThat(zone.at(DAY).points()).isEqualTo(3 * 24);
    assertThat(zone.at(THREE_DAYS).points()).isEqualTo(3 * 72);
    // MAPE at the first origin (slot 24, last value 1023): mean over i of i / (1023 + i).
    ForecastEvaluation single = ForecastEvaluation.rollingOrigin(hour(24), hour(48), DAY, List.of(DAY));
    double expected = 0;
    for (int i = 1; i <= 24; i++) {
      expected += i / (1023.0 + i);
    }
    assertThat(single.evaluate(Forecaster.persistence(), ramp("A", 1, 48, new BitSet())).at(DAY).mapePercent())
        .isCloseTo(100 * expected / 24, within(1e-9));
  }

  @Test
  void evaluate_poolsZonesByPoints() {
    ForecastEvaluation e = ForecastEvaluation.rollingOrigin(hour(24), hour(24 + 72 + 48), DAY, HORIZONS);

    ForecastEvaluation.Result result = e.evaluate(Forecaster.persistence(),
        List.of(ramp("A", 1, 144, new BitSet()), ramp("B", 2, 144, new BitSet())));

    assertThat(result.forecaster()).isEqualTo("persistence");
    assertThat(result.zones()).extracting(ForecastEvaluation.ZoneErrors::zone).containsExactly("A", "B");
    assertThat(result.zones().get(1).at(DAY).maeGramsPerKwh()).isCloseTo(25, within(1e-9));
    assertThat(result.overall(DAY).maeGramsPerKwh()).isCloseTo((12.5 + 25) / 2, within(1e-9));
    assertThat(result.overall(DAY).points()).isEqualTo(2 * 3 * 24);
    assertThat(result.overall(DAY).origins()).isEqualTo(6);
    assertThatThrownBy(() -> result.overall(Duration.ofHours(48)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No errors for horizon PT48H");
  }

  @Test
  void evaluate_filledActualsAreNotScored() {
    BitSet filled = new BitSet();
    filled.set(24, 28);
    ForecastEvaluation e = ForecastEvaluation.rollingOrigin(hour(24), hour(48), DAY, List.of(DAY));

    ForecastErrors errors = e.evaluate(Forecaster.persistence(), ramp("A", 1, 48, filled)).at(DAY);

    // Leads 1-4 are filled: the mean of leads 5..24 is 14.5.
    assertThat(errors.points()).isEqualTo(20);
    assertThat(errors.maeGramsPerKwh()).isCloseTo(14.5, within(1e-9));
  }

  @Test
  void evaluate_seriesTooShortNamesTheNeededRange() {
    ForecastEvaluation e = ForecastEvaluation.rollingOrigin(hour(24), hour(144), DAY, HORIZONS);

    assertThatThrownBy(() -> e.evaluate(Forecaster.seasonalNaive(Duration.ofDays(7)), ramp("A", 1, 144, new BitSet())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("on zone 'A' needs its series to cover 2022-12-27T00:00Z..2023-01-08T00:00Z")
        .hasMessageContaining("(168 h of history before the first origin)")
        .hasMessageContaining("but it covers 2023-01-02T00:00Z..2023-01-08T00:00Z");
    assertThat(e.historyStart(Forecaster.seasonalNaive(Duration.ofDays(7)), Duration.ofHours(1)))
        .isEqualTo(Instant.parse("2022-12-27T00:00:00Z"));
  }

  @Test
  void evaluate_realData_regressionBeatsPersistenceOnGermanyInMarch() {
    // DE, March 2023: origins every 24 h, 24 and 72 h ahead, trained on the 28 days before each.
    ForecastEvaluation march = ForecastEvaluation.rollingOrigin(Instant.parse("2023-03-01T00:00:00Z"),
        Instant.parse("2023-04-01T00:00:00Z"), DAY, HORIZONS);
    Forecaster regression = Forecaster.regression(Duration.ofDays(28));
    Instant from = march.historyStart(regression, Duration.ofHours(1));
    Horizon hours = Horizon.hourly(from, (int) Duration.between(from, march.end()).toHours());
    ResampledSeries de = Resampler.of(GapPolicy.FAIL).resample(
        EmbeddedData.electricityMaps().history("DE", from, march.end()), hours);

    ForecastEvaluation.ZoneErrors persistence = march.evaluate(Forecaster.persistence(), de);
    ForecastEvaluation.ZoneErrors fitted = march.evaluate(regression, de);
    ForecastEvaluation.ZoneErrors holtWinters = march.evaluate(Forecaster.holtWinters(DAY, Duration.ofDays(28)), de);

    for (ForecastEvaluation.ZoneErrors zone : List.of(persistence, fitted, holtWinters)) {
      for (ForecastErrors e : zone.errors()) {
        assertThat(e.maeGramsPerKwh()).as(zone.forecaster()).isFinite().isPositive();
        assertThat(e.mapePercent()).as(zone.forecaster()).isFinite().isPositive();
        assertThat(e.origins()).isEqualTo(29);
      }
    }
    assertThat(fitted.at(DAY).maeGramsPerKwh()).isLessThanOrEqualTo(persistence.at(DAY).maeGramsPerKwh());
    assertThat(fitted.at(THREE_DAYS).maeGramsPerKwh())
        .isLessThanOrEqualTo(persistence.at(THREE_DAYS).maeGramsPerKwh());
  }
}
