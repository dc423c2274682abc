package dev.fairshift.signals.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.core.SignalKind;
import dev.fairshift.signals.IntensityPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TableSourceTest {
  private static final Instant T0 = Instant.parse("2021-01-01T00:00:00Z");

  private static SeriesTable table() {
    ZoneData de = ZoneData.capped("DE", new long[] {T0.toEpochMilli(), T0.plusSeconds(3600).toEpochMilli()},
        new double[] {1, 2}, new IntensityPoint.Flag[] {IntensityPoint.Flag.MEASURED, IntensityPoint.Flag.ESTIMATED},
        Duration.ofHours(1));
    return new SeriesTable(SignalKind.AVERAGE, Map.of("DE", de), Map.of());
  }

  @Test
  void table_concurrentFirstCallsLoadOnce() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    TableSource source = new TableSource("lazy", () -> {
      loads.incrementAndGet();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return table();
    });
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return source.history("DE", T0, T0.plusSeconds(7200)).points().size();
        }));
      }
      start.countDown();
      for (Future<Integer> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(2);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(loads.get()).isEqualTo(1);
  }

  @Test
  void table_failedLoadIsRetried() {
    AtomicInteger calls = new AtomicInteger();
    TableSource source = new TableSource("flaky", () -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("disk hiccup");
      }
      return table();
    });

    assertThatThrownBy(() -> source.history("DE", T0, T0.plusSeconds(60))).hasMessage("disk hiccup");
    assertThat(source.history("DE", T0, T0.plusSeconds(60)).points()).hasSize(1);
  }

  @Test
  void history_keepsFlagsAndSuggestsCase() {
    TableSource source = TableSource.of("t", table());

    assertThat(source.history("DE", T0, T0.plusSeconds(7200)).points())
        .extracting(IntensityPoint::flag)
        .containsExactly(IntensityPoint.Flag.MEASURED, IntensityPoint.Flag.ESTIMATED);
    assertThatThrownBy(() -> source.history("de", T0, T0.plusSeconds(60)))
        .hasMessageContaining("Maybe 'DE' (zone ids are case-sensitive)");
  }
}
