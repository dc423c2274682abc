package dev.fairshift.signals.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SignalKind;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.signals.CarbonIntensitySource;
import dev.fairshift.signals.CarbonIntensitySources;
import dev.fairshift.signals.EmbeddedData;
import dev.fairshift.signals.GridSignalException;
import dev.fairshift.signals.IntensityPoint;
import dev.fairshift.signals.IntensitySeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForecastsTest {
  private static final Instant T0 = Instant.parse("2023-01-02T00:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration DAY = Duration.ofDays(1);

  /** An hourly in-memory source for zone DE: {@code days} days of noisy daily pattern from T0. */
  private static CarbonIntensitySource source(int days, long seed, double afterHours, double future) {
    Random random = new Random(seed);
    List<IntensityPoint> points = new ArrayList<>();
    for (int i = 0; i < days * 24; i++) {
      double value = i >= afterHours ? future
          : 300 + 100 * Math.sin(2 * Math.PI * i / 24) + 25 * random.nextGaussian();
      points.add(IntensityPoint.of(T0.plus(HOUR.multipliedBy(i)), HOUR, value));
    }
    return CarbonIntensitySources.of("memory", List.of(
        new IntensitySeries("DE", SignalKind.AVERAGE, "memory", points, Map.of())));
  }

  private static List<Forecaster> models() {
    return List.of(Forecaster.persistence(), Forecaster.seasonalNaive(DAY),
        Forecaster.seasonalNaive(Duration.ofDays(7)), Forecaster.regression(Duration.ofDays(28)),
        Forecaster.holtWinters(DAY, Duration.ofDays(28)));
  }

  @Test
  void zoneIntensity_changingFutureActualsDoesNotChangeTheForecast() {
    // Same seed: identical history before day 40; afterwards one source reads 300, the other 900.
    int origin = 40 * 24;
    CarbonIntensitySource calm = source(45, 5, origin, 300);
    CarbonIntensitySource wild = source(45, 5, origin, 900);
    Horizon horizon = Horizon.hourly(T0.plus(HOUR.multipliedBy(origin)), 72);

    for (Forecaster model : models()) {
      ZoneIntensity a = Forecasts.zoneIntensity(calm, "DE", horizon, model);
      ZoneIntensity b = Forecasts.zoneIntensity(wild, "DE", horizon, model);

      assertThat(a.forecastGramsPerKwh()).as(model.name()).isPresent();
      assertThat(a.forecastGramsPerKwh()).as(model.name()).isEqualTo(b.forecastGramsPerKwh());
      assertThat(a.gramsPerKwh().values()).containsOnly(300.0);
      assertThat(b.gramsPerKwh().values()).containsOnly(900.0);
    }
  }

  @Test
  void zoneIntensity_seasonalNaiveForecastIsYesterdayAndActualsAreToday() {
    CarbonIntensitySource source = source(10, 9, Double.MAX_VALUE, 0);
    Horizon today = Horizon.hourly(T0.plus(Duration.ofDays(5)), 24);
    double[] yesterday = values(source.history("DE", T0.plus(Duration.ofDays(4)), today.start()));
    double[] actual = values(source.history("DE", today.start(), today.end()));

    ZoneIntensity zone = Forecasts.zoneIntensity(source, "DE", today, Forecaster.seasonalNaive(DAY));

    assertThat(zone.zone()).isEqualTo("DE");
    assertThat(zone.signal()).isEqualTo(SignalKind.AVERAGE);
    // Resampling hourly readings onto hourly slots may round in the last bit.
    assertThat(zone.gramsPerKwh().values()).containsExactly(actual, within(1e-9));
    assertThat(zone.planningGramsPerKwh().values()).containsExactly(yesterday, within(1e-9));
  }

  @Test
  void zoneIntensity_evaluatorReportsPlannedAndActualEmissions() {
    // A 10 kW job in hour 3 of 2023-06-01 in DE: evaluated on the actual intensity of that hour,
    // planned on the seasonal-naive forecast, i.e. the same hour the day before.
    Horizon day = Horizon.hourly(Instant.parse("2023-06-01T00:00:00Z"), 24);
    ZoneIntensity de = Forecasts.zoneIntensity(EmbeddedData.electricityMaps(), "DE", day,
        Forecaster.seasonalNaive(DAY));
    double actual = valueAt("2023-06-01T03:00:00Z");
    double dayBefore = valueAt("2023-05-31T03:00:00Z");
    Problem problem = Problem.builder()
        .horizon(day)
        .zone(de)
        .tenant(Tenant.of("t", "research"))
        .hub(Hub.builder("berlin", "DE").capacityUnits(1).build())
        .job(Job.builder("j", "t").window(day.start(), day.end()).durationSlots(1).powerKw(10).build())
        .build();

    Evaluation e = Evaluator.evaluate(problem, new Schedule("test",
        List.of(Assignment.contiguous("j", "berlin", 3, 1)), List.of()));

    assertThat(e.emissionsGrams()).isCloseTo(10 * actual, within(1e-6));
    assertThat(e.plannedEmissionsGrams()).hasValueSatisfying(
        planned -> assertThat(planned).isCloseTo(10 * dayBefore, within(1e-6)));
  }

  @Test
  void forecast_sourceWithoutEnoughHistory() {
    // Embedded DE data starts 2019-12-20; a regression on 2020-01-01 needs history from 2019-11-27.
    Horizon horizon = Horizon.hourly(Instant.parse("2020-01-01T00:00:00Z"), 72);

    assertThatThrownBy(() -> Forecasts.forecast(EmbeddedData.source(), "DE", horizon,
        Forecaster.regression(Duration.ofDays(28))))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("does not cover zone 'DE' for 2019-11-27T00:00Z..2020-01-01T00:00Z");
  }

  @Test
  void forecast_planningAheadWithoutActuals() {
    CarbonIntensitySource source = source(30, 1, Double.MAX_VALUE, 0);
    Horizon nextWeek = Horizon.hourly(T0.plus(Duration.ofDays(30)), 168);

    IntensitySeries forecast = Forecasts.forecast(source, "DE", nextWeek, Forecaster.holtWinters(DAY, Duration.ofDays(28)));

    assertThat(forecast.points()).hasSize(168);
    assertThat(forecast.first()).isEqualTo(nextWeek.start());
    assertThat(forecast.points()).allSatisfy(p -> {
      assertThat(p.flag()).isEqualTo(IntensityPoint.Flag.FORECAST);
      assertThat(p.gramsPerKwh()).isBetween(100.0, 500.0);
    });
  }

  private static double[] values(IntensitySeries series) {
    return series.points().stream().mapToDouble(IntensityPoint::gramsPerKwh).toArray();
  }

  private static double valueAt(String instant) {
    Instant at = Instant.parse(instant);
    return EmbeddedData.electricityMaps().history("DE", at, at.plus(HOUR)).points().get(0).gramsPerKwh();
  }
}
