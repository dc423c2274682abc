package dev.fairshift.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.SignalKind;
import dev.fairshift.core.ZoneIntensity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResamplerTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");
  private static final Resampler STRICT = Resampler.of(GapPolicy.FAIL);

  /** Points of {@code minutes} each, back to back from {@code start}, with the given values. */
  private static List<IntensityPoint> steps(Instant start, int minutes, double... values) {
    List<IntensityPoint> points = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      points.add(IntensityPoint.of(start.plus(Duration.ofMinutes((long) minutes * i)),
          Duration.ofMinutes(minutes), values[i]));
    }
    return points;
  }

  private static IntensitySeries series(List<IntensityPoint> points) {
    return new IntensitySeries("DE", SignalKind.AVERAGE, "test", points, Map.of());
  }

  private static IntensityPoint at(int startMinute, int minutes, double value) {
    return IntensityPoint.of(T0.plus(Duration.ofMinutes(startMinute)), Duration.ofMinutes(minutes), value);
  }

  @Test
  void resample_quarterHoursToHours() {
    IntensitySeries s = series(steps(T0, 15, 100, 200, 300, 400, 10, 20, 30, 40));

    ResampledSeries r = STRICT.resample(s, Horizon.hourly(T0, 2));

    assertThat(r.gramsPerKwh().values()).containsExactly(250.0, 25.0);
    assertThat(r.filledCount()).isZero();
    assertThat(r.gaps()).isEmpty();
  }

  @Test
  void resample_halfHoursToHours() {
    ResampledSeries r = STRICT.resample(series(steps(T0, 30, 100, 300, 50, 51)), Horizon.hourly(T0, 2));

    assertThat(r.gramsPerKwh().values()).containsExactly(200.0, 50.5);
  }

  @Test
  void resample_fiveMinutesToQuarterHours() {
    ResampledSeries r = STRICT.resample(series(steps(T0, 5, 1, 2, 6, 10, 10, 40)), Horizon.of(T0, 15, 2));

    assertThat(r.gramsPerKwh().values()).containsExactly(3.0, 20.0);
  }

  @Test
  void resample_hourlyPointGivesItsValueToBothHalfHourSlots() {
    ResampledSeries r = STRICT.resample(series(steps(T0, 60, 380, 420)), Horizon.of(T0, 30, 4));

    assertThat(r.gramsPerKwh().values()).containsExactly(380.0, 380.0, 420.0, 420.0);
    assertThat(r.filledCount()).isZero();
  }

  @Test
  void resample_mixedAndIrregularStepsAreTimeWeighted() {
    // minutes [0,45) 100, [45,60) 200, [60,75) 400, [75,135) 700 (straddles two slots), [135,180) 100
    // slot 0: (100*45 + 200*15) / 60 = 125; slot 1: (400*15 + 700*45) / 60 = 625;
    // slot 2: (700*15 + 100*45) / 60 = 250
    IntensitySeries s = series(List.of(at(0, 45, 100), at(45, 15, 200), at(60, 15, 400), at(75, 60, 700),
        at(135, 45, 100)));

    ResampledSeries r = STRICT.resample(s, Horizon.hourly(T0, 3));

    assertThat(r.gramsPerKwh().values()).containsExactly(125.0, 625.0, 250.0);
  }

  @Test
  void resample_horizonStartingInsideAPoint() {
    // horizon starts at 00:20 with 20-minute slots; the 00:00-01:00 point covers slots 0 and 1
    IntensitySeries s = series(steps(T0, 60, 300, 600));

    ResampledSeries r = STRICT.resample(s, Horizon.of(T0.plus(Duration.ofMinutes(20)), 20, 4));

    // slot 2 is 01:00-01:20 (600); slot 3 01:20-01:40 (600)
    assertThat(r.gramsPerKwh().values()).containsExactly(300.0, 300.0, 600.0, 600.0);
  }

  @Test
  void resample_partlyCoveredSlotAveragesCoveredPartAndIsFlagged() {
    // slot 0 covered 00:00-00:15 (100) and 00:30-00:45 (300); slot 1 fully covered
    IntensitySeries s = series(List.of(at(0, 15, 100), at(30, 15, 300), at(60, 60, 50)));

    ResampledSeries r = STRICT.resample(s, Horizon.hourly(T0, 2));

    assertThat(r.gramsPerKwh().values()).containsExactly(200.0, 50.0);
    assertThat(r.isFilled(0)).isTrue();
    assertThat(r.isFilled(1)).isFalse();
    assertThat(r.gaps()).isEmpty();
  }

  @Test
  void resample_failListsEveryGap() {
    // hourly horizon of 8 slots; data for slots 0-1, 4, 7 -> gaps 02:00-04:00 and 05:00-07:00
    IntensitySeries s = series(List.of(at(0, 120, 10), at(240, 60, 20), at(420, 60, 30)));

    assertThatThrownBy(() -> STRICT.resample(s, Horizon.hourly(T0, 8)))
        .isInstanceOf(GridSignalException.class)
        .hasMessage("Zone DE (test) has 2 gaps in 2021-03-01T00:00Z..2021-03-01T08:00Z: "
            + "2021-03-01T02:00Z..2021-03-01T04:00Z, 2021-03-01T05:00Z..2021-03-01T07:00Z. "
            + "Maybe use GapPolicy.FILL_LINEAR or FILL_PREVIOUS, or a source that covers the horizon.");
  }

  @Test
  void resample_fillLinearInterpolatesAndFlags() {
    // values 100 | gap | gap | 400 | gap -> 200, 300 between; trailing gap takes 400
    IntensitySeries s = series(List.of(at(0, 60, 100), at(180, 60, 400)));

    ResampledSeries r = Resampler.of(GapPolicy.FILL_LINEAR).resample(s, Horizon.hourly(T0, 5));

    assertThat(r.gramsPerKwh().values()).containsExactly(new double[] {100, 200, 300, 400, 400}, within(1e-9));
    assertThat(r.filled()).isEqualTo(bits(1, 2, 4));
    assertThat(r.gaps()).containsExactly(
        new ResampledSeries.Gap(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(3))),
        new ResampledSeries.Gap(T0.plus(Duration.ofHours(4)), T0.plus(Duration.ofHours(5))));
    assertThat(r.gapSlots()).isEqualTo(3);
  }

  @Test
  void resample_fillLinearLeadingGapTakesFirstValue() {
    IntensitySeries s = series(List.of(at(120, 60, 70), at(180, 60, 10)));

    ResampledSeries r = Resampler.of(GapPolicy.FILL_LINEAR).resample(s, Horizon.hourly(T0, 4));

    assertThat(r.gramsPerKwh().values()).containsExactly(70.0, 70.0, 70.0, 10.0);
    assertThat(r.filled()).isEqualTo(bits(0, 1));
  }

  @Test
  void resample_fillPreviousRepeatsLastValueAndBackfillsTheStart() {
    IntensitySeries s = series(List.of(at(60, 60, 100), at(240, 60, 400)));

    ResampledSeries r = Resampler.of(GapPolicy.FILL_PREVIOUS).resample(s, Horizon.hourly(T0, 6));

    assertThat(r.gramsPerKwh().values()).containsExactly(100.0, 100.0, 100.0, 100.0, 400.0, 400.0);
    assertThat(r.filled()).isEqualTo(bits(0, 2, 3, 5));
  }

  @Test
  void resample_maxFillRejectsLongGapsEvenWhenFilling() {
    IntensitySeries s = series(List.of(at(0, 60, 100), at(240, 60, 400)));
    Resampler resampler = Resampler.of(GapPolicy.FILL_LINEAR).withMaxFill(Duration.ofHours(2));

    assertThatThrownBy(() -> resampler.resample(s, Horizon.hourly(T0, 5)))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("1 longer than the maximum fill PT2H: 2021-03-01T01:00Z..2021-03-01T04:00Z");
    IntensitySeries shortGap = series(List.of(at(0, 60, 100), at(180, 60, 400)));
    assertThat(resampler.resample(shortGap, Horizon.hourly(T0, 4)).gapSlots()).isEqualTo(2);
  }

  @Test
  void resample_noDataInHorizonCannotBeFilled() {
    IntensitySeries s = series(steps(T0, 60, 1, 2));

    assertThatThrownBy(() -> Resampler.of(GapPolicy.FILL_PREVIOUS)
        .resample(s, Horizon.hourly(T0.plus(Duration.ofDays(1)), 3)))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("no reading in 2021-03-02T00:00Z..2021-03-02T03:00Z")
        .hasMessageContaining("readings only for 2021-03-01T00:00Z..2021-03-01T02:00Z");
  }

  @Test
  void resample_estimatedReadingsFlagTheirSlots() {
    IntensitySeries s = series(List.of(at(0, 30, 100),
        new IntensityPoint(T0.plus(Duration.ofMinutes(30)), Duration.ofMinutes(30), 200, IntensityPoint.Flag.ESTIMATED),
        at(60, 60, 300)));

    ResampledSeries r = STRICT.resample(s, Horizon.hourly(T0, 2));

    assertThat(r.estimated()).isEqualTo(bits(0));
    assertThat(r.gramsPerKwh().values()).containsExactly(150.0, 300.0);
  }

  @Test
  void resampledSeries_bitSetsAreCopies() {
    ResampledSeries r = Resampler.of(GapPolicy.FILL_LINEAR)
        .resample(series(List.of(at(0, 60, 1), at(120, 60, 3))), Horizon.hourly(T0, 3));

    r.filled().clear();
    r.estimated().set(0, 3);

    assertThat(r.filled()).isEqualTo(bits(1));
    assertThat(r.estimated().isEmpty()).isTrue();
  }

  @Test
  void toZoneIntensity_actualAndForecast() {
    IntensitySeries actual = series(steps(T0, 30, 100, 200, 300, 500));
    IntensitySeries forecast = new IntensitySeries("DE", SignalKind.AVERAGE, "forecaster",
        steps(T0, 60, 180, 380), Map.of());

    ZoneIntensity zone = STRICT.toZoneIntensity(actual, forecast, Horizon.hourly(T0, 2));

    assertThat(zone.zone()).isEqualTo("DE");
    assertThat(zone.gramsPerKwh().values()).containsExactly(150.0, 400.0);
    assertThat(zone.forecastGramsPerKwh()).isPresent();
    assertThat(zone.planningGramsPerKwh().values()).containsExactly(180.0, 380.0);
    assertThat(STRICT.toZoneIntensity(actual, Horizon.hourly(T0, 2)).forecastGramsPerKwh()).isEmpty();
  }

  @Test
  void toZoneIntensity_keepsMarginalSignalAndRejectsMismatch() {
    IntensitySeries marginal = new IntensitySeries("DE", SignalKind.MARGINAL, "moer", steps(T0, 60, 500), Map.of());
    IntensitySeries otherZone = new IntensitySeries("FR", SignalKind.AVERAGE, "x", steps(T0, 60, 50), Map.of());

    assertThat(STRICT.toZoneIntensity(marginal, Horizon.hourly(T0, 1)).signal()).isEqualTo(SignalKind.MARGINAL);
    assertThatThrownBy(() -> STRICT.toZoneIntensity(series(steps(T0, 60, 1)), otherZone, Horizon.hourly(T0, 1)))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("Forecast of zone 'FR'")
        .hasMessageContaining("actuals of zone 'DE'");
    assertThatThrownBy(() -> STRICT.toZoneIntensity(series(steps(T0, 60, 1)), marginal, Horizon.hourly(T0, 1)))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("marginal");
  }

  /**
   * Random irregular series (whole-minute boundaries, gaps, 1 to 90 minute points) against a
   * minute-by-minute reference: each slot's value is the mean over its covered minutes.
   */
  @Test
  void resample_matchesMinuteByMinuteReferenceOnRandomSeries() {
    Random random = new Random(20210301);
    int[] slotMinutes = {5, 15, 30, 60};
    for (int round = 0; round < 200; round++) {
      List<IntensityPoint> points = new ArrayList<>();
      int minute = random.nextInt(120) - 60;
      while (minute < 24 * 60) {
        int length = 1 + random.nextInt(90);
        points.add(at(minute, length, Math.round(random.nextDouble() * 8000) / 10.0));
        minute += length + (random.nextInt(4) == 0 ? random.nextInt(120) : 0);
      }
      int slot = slotMinutes[random.nextInt(slotMinutes.length)];
      Horizon horizon = Horizon.of(T0.plus(Duration.ofMinutes(5L * random.nextInt(12))), slot, 10 + random.nextInt(40));
      int startMinute = (int) Duration.between(T0, horizon.start()).toMinutes();
      double[] expected = new double[horizon.slots()];
      int[] coveredMinutes = new int[horizon.slots()];
      for (int s = 0; s < horizon.slots(); s++) {
        double sum = 0;
        for (int m = startMinute + s * slot; m < startMinute + (s + 1) * slot; m++) {
          for (IntensityPoint p : points) {
            int from = (int) Duration.between(T0, p.start()).toMinutes();
            if (m >= from && m < from + p.length().toMinutes()) {
              sum += p.gramsPerKwh();
              coveredMinutes[s]++;
            }
          }
        }
        expected[s] = coveredMinutes[s] == 0 ? Double.NaN : sum / coveredMinutes[s];
      }
      for (int s = 0; s < expected.length; s++) {
        if (Double.isNaN(expected[s])) {
          // FILL_PREVIOUS: the last covered slot before, else the first covered slot after
          for (int k = s - 1; k >= 0 && Double.isNaN(expected[s]); k--) {
            expected[s] = coveredMinutes[k] > 0 ? expected[k] : Double.NaN;
          }
          for (int k = s + 1; k < expected.length && Double.isNaN(expected[s]); k++) {
            expected[s] = coveredMinutes[k] > 0 ? expected[k] : Double.NaN;
          }
        }
      }
      boolean anyCovered = false;
      for (int c : coveredMinutes) {
        anyCovered |= c > 0;
      }
      IntensitySeries s = series(points);
      if (!anyCovered) {
        assertThatThrownBy(() -> Resampler.of(GapPolicy.FILL_PREVIOUS).resample(s, horizon))
            .isInstanceOf(GridSignalException.class);
        continue;
      }
      ResampledSeries r = Resampler.of(GapPolicy.FILL_PREVIOUS).resample(s, horizon);
      assertThat(r.gramsPerKwh().values()).as("round %d", round).containsExactly(expected, within(1e-9));
      for (int i = 0; i < expected.length; i++) {
        assertThat(r.isFilled(i)).as("round %d slot %d", round, i).isEqualTo(coveredMinutes[i] < slot);
      }
    }
  }

  private static BitSet bits(int... indexes) {
    BitSet set = new BitSet();
    for (int i : indexes) {
      set.set(i);
    }
    return set;
  }
}
