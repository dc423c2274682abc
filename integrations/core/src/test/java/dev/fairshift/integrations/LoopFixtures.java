package dev.fairshift.integrations;

import dev.fairshift.core.SignalKind;
import dev.fairshift.signals.CarbonIntensitySources;
import dev.fairshift.signals.IntensityPoint;
import dev.fairshift.signals.IntensitySeries;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;

/** Test fixtures shared by the loop tests: configs with one-minute slots and synthetic intensity series. */
final class LoopFixtures {

  static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  private LoopFixtures() {
  }

  /** One-minute slots, a one-hour horizon, 15 s ticks, hubs a (zone XA) and b (zone XB), 1 kW per CPU. */
  static String yaml(String tenants) {
    return """
        slot: 1m
        horizon: 60m
        tick: 15s
        defaults:
          slack: 30m
          timeLimit: 5m
        hubs:
          - {id: hub-a, pool: a, zone: XA, pue: 1.0, wattsPerCpu: 1000}
          - {id: hub-b, pool: b, zone: XB, pue: 1.0, wattsPerCpu: 1000}
        """ + tenants + """
        transparency:
          lookback: 2h
        """;
  }

  static final String TENANTS = """
      tenants:
        - {account: physics, class: research, guaranteedShare: 0.2, maxShare: 1.0, weight: 1}
        - {account: civic, class: civic, guaranteedShare: 0.25, maxShare: 1.0, weight: 2}
      """;

  static LoopConfig config(String tenants) {
    return LoopConfigReader.parse(yaml(tenants), "test.yaml", true, Path.of("."));
  }

  /** Minute values from T0 - 1 day to T0 + 1 day: {@code valueAtMinute} gets minutes relative to T0. */
  static IntensitySeries series(String zone, IntToDoubleFunction valueAtMinute) {
    List<IntensityPoint> points = new ArrayList<>();
    for (int m = -24 * 60; m < 24 * 60; m++) {
      points.add(IntensityPoint.of(T0.plus(Duration.ofMinutes(m)), Duration.ofMinutes(1), valueAtMinute.applyAsDouble(m)));
    }
    return new IntensitySeries(zone, SignalKind.AVERAGE, "synthetic", points, Map.of());
  }

  /** XA: 400 g/kWh except 100 in minutes [20, 25) after T0; XB: 300 flat. Clean minutes known in advance. */
  static IntensityFeed cleanMinutesFeed() {
    return IntensityFeed.of(Optional.of(CarbonIntensitySources.of("synthetic", List.of(
        series("XA", m -> m >= 20 && m < 25 ? 100 : 400),
        series("XB", m -> 300)))), "persistence", false);
  }

  static JobRequest request(Duration limit, int cpus, Instant deadline, String... pools) {
    return new JobRequest(Optional.of(limit), Optional.empty(), Optional.of(deadline), List.of(pools), cpus, 0);
  }
}
