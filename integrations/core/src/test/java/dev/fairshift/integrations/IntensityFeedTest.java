package dev.fairshift.integrations;

import static dev.fairshift.integrations.LoopFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.SignalKind;
import dev.fairshift.signals.CarbonIntensitySource;
import dev.fairshift.signals.CarbonIntensitySources;
import dev.fairshift.signals.IntensityPoint;
import dev.fairshift.signals.IntensitySeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntensityFeedTest {

  private static final Horizon TEN_MINUTES = Horizon.of(T0, 1, 10);

  /** A provider that forecasts 50 g/kWh everywhere and whose history is 500. */
  private static final CarbonIntensitySource FORECASTING = new CarbonIntensitySource() {
    @Override
    public String name() {
      return "provider";
    }

    @Override
    public IntensitySeries history(String zone, Instant from, Instant to) {
      return flat(zone, from, to, 500, "provider");
    }

    @Override
    public IntensitySeries forecast(String zone, Instant from, Instant to) {
      return flat(zone, from, to, 50, "provider");
    }
  };

  private static IntensitySeries flat(String zone, Instant from, Instant to, double value, String source) {
    List<IntensityPoint> points = new ArrayList<>();
    for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(1))) {
      points.add(IntensityPoint.of(t, Duration.ofMinutes(1), value));
    }
    return new IntensitySeries(zone, SignalKind.AVERAGE, source, points, Map.of());
  }

  @Test
  void forecast_providerForecastFirst() {
    ZoneSignal z = IntensityFeed.of(Optional.of(FORECASTING), "persistence", false).forecast("GB", TEN_MINUTES);
    assertThat(z.source()).isEqualTo("forecast:provider");
    assertThat(z.degraded()).isFalse();
    assertThat(z.intensity().gramsPerKwh().toArray(10)).containsOnly(50.0);
  }

  @Test
  void forecast_knownValuesWhenTheSourceHasNoForecast() {
    ZoneSignal z = LoopFixtures.cleanMinutesFeed().forecast("XA", Horizon.of(T0.plus(Duration.ofMinutes(18)), 1, 4));
    assertThat(z.source()).isEqualTo("synthetic (known values)");
    assertThat(z.intensity().gramsPerKwh().toArray(4)).containsExactly(400, 400, 100, 100);
    assertThat(z.note()).contains("no forecasts");
  }

  @Test
  void forecast_forecasterOnHistoryWhenTheFutureIsUnknown() {
    // history only before T0: the last hour at 240 g/kWh
    CarbonIntensitySource past = CarbonIntensitySources.of("past", List.of(
        flat("DE", T0.minus(Duration.ofDays(2)), T0, 240, "past")));
    ZoneSignal z = IntensityFeed.of(Optional.of(past), "persistence", false).forecast("DE", TEN_MINUTES);
    assertThat(z.source()).isEqualTo("forecast:persistence(past)");
    assertThat(z.degraded()).isFalse();
    assertThat(z.intensity().gramsPerKwh().toArray(10)).containsOnly(240.0);
  }

  @Test
  void actual_historyOfTheSources() {
    ZoneSignal z = IntensityFeed.of(Optional.of(FORECASTING), "persistence", true).actual("GB", TEN_MINUTES);
    assertThat(z.source()).isEqualTo("provider");
    assertThat(z.intensity().gramsPerKwh().toArray(10)).containsOnly(500.0);
  }

  @Test
  void forecast_embeddedDataOfTheSameWeekdayWhenEverythingFails() {
    ZoneSignal z = IntensityFeed.of(Optional.empty(), "persistence", true)
        .forecast("GB", Horizon.hourly(Instant.parse("2026-12-04T00:00:00Z"), 24));
    assertThat(z.degraded()).isTrue();
    // 104 weeks before Friday 2026-12-04 is Friday 2024-12-06, inside the embedded 2021-2024 data
    assertThat(z.source()).isEqualTo("embedded:electricitymaps from 2024-12-06 (same weekday, 104 weeks earlier)");
    assertThat(z.note()).contains("no intensity sources configured");
    assertThat(java.util.Arrays.stream(z.intensity().gramsPerKwh().toArray(24)).min().orElseThrow()).isPositive();
  }

  @Test
  void fromConfig_fileSourceRelativeToTheConfig(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("grid.json"), """
        {"zone": "XA", "points": [
          {"start": "2026-12-04T10:00:00Z", "minutes": 5, "gramsPerKwh": 310},
          {"start": "2026-12-04T10:05:00Z", "minutes": 5, "gramsPerKwh": 120}]}
        """);
    LoopConfig config = LoopConfigReader.parse("""
        slot: 1m
        hubs: [{id: a, zone: XA, wattsPerCpu: 1}]
        intensity: {sources: [{type: json, path: grid.json}]}
        """, "loop.yaml", true, dir);
    IntensityFeed feed = IntensityFeed.fromConfig(config.intensity(), Clock.systemUTC(), name -> null);
    ZoneSignal z = feed.forecast("XA", TEN_MINUTES);
    assertThat(z.source()).isEqualTo("fallback:file:grid.json (known values)");
    assertThat(z.intensity().gramsPerKwh().toArray(10))
        .containsExactly(310, 310, 310, 310, 310, 120, 120, 120, 120, 120);
  }

  @Test
  void fromConfig_missingTokenVariableNamedNeverTheToken() {
    LoopConfig config = LoopConfigReader.parse("""
        hubs: [{id: a, zone: DE, wattsPerCpu: 1}]
        intensity: {sources: [{type: electricitymaps, tokenEnv: EM_TOKEN}]}
        """, "loop.yaml", true, null);
    assertThatThrownBy(() -> IntensityFeed.fromConfig(config.intensity(), Clock.systemUTC(), name -> null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("environment variable EM_TOKEN is not set").hasMessageContaining("Maybe");
    IntensityFeed feed = IntensityFeed.fromConfig(config.intensity(), Clock.systemUTC(),
        name -> name.equals("EM_TOKEN") ? "s3cret-token" : null);
    assertThat(feed).isNotNull();
  }

  @Test
  void fromConfig_unreadableFileNamesIt(@TempDir Path dir) {
    LoopConfig config = LoopConfigReader.parse("""
        hubs: [{id: a, zone: DE, wattsPerCpu: 1}]
        intensity: {sources: [{type: csv, path: nothing.csv}]}
        """, "loop.yaml", true, dir);
    assertThatThrownBy(() -> IntensityFeed.fromConfig(config.intensity(), Clock.systemUTC(), name -> null))
        .isInstanceOf(ConfigException.class).hasMessageContaining("nothing.csv");
  }

  @Test
  void forecast_lastGoodAnswerWhenTheSourcesFailLater() {
    java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean(true);
    CarbonIntensitySource flaky = new CarbonIntensitySource() {
      @Override
      public String name() {
        return "flaky";
      }

      @Override
      public IntensitySeries history(String zone, Instant from, Instant to) {
        throw new dev.fairshift.signals.GridSignalException("flaky: no history");
      }

      @Override
      public IntensitySeries forecast(String zone, Instant from, Instant to) {
        if (!up.get()) {
          throw new dev.fairshift.signals.GridSignalException("flaky answered 503");
        }
        List<IntensityPoint> points = new ArrayList<>();
        for (int m = 0; m < 20; m++) {
          points.add(IntensityPoint.of(from.plus(Duration.ofMinutes(m)), Duration.ofMinutes(1), 100 + m));
        }
        return new IntensitySeries(zone, SignalKind.AVERAGE, "flaky", points, Map.of());
      }
    };
    IntensityFeed feed = IntensityFeed.of(Optional.of(flaky), "persistence", false);
    Horizon first = Horizon.of(T0, 1, 20);
    assertThat(feed.forecast("GB", first).source()).isEqualTo("forecast:flaky");

    up.set(false);
    ZoneSignal later = feed.forecast("GB", Horizon.of(T0.plus(Duration.ofMinutes(1)), 1, 20));

    assertThat(later.degraded()).isTrue();
    assertThat(later.source()).isEqualTo("last good forecast:flaky of " + T0);
    assertThat(later.note()).contains("503");
    double[] values = later.intensity().gramsPerKwh().toArray(20);
    assertThat(values[0]).isEqualTo(101);
    assertThat(values[18]).isEqualTo(119);
    assertThat(values[19]).isEqualTo(119);
    // too old to cover 90 % of the horizon: flat (the embedded fallback is off here)
    assertThat(feed.forecast("GB", Horizon.of(T0.plus(Duration.ofMinutes(5)), 1, 20)).source())
        .isEqualTo("flat (no data)");
  }
}
