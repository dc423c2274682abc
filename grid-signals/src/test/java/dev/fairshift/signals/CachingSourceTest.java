package dev.fairshift.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.core.SignalKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CachingSourceTest {
  private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
  private static final Instant T1 = T0.plus(Duration.ofHours(6));
  private static final Duration TTL = Duration.ofMinutes(15);

  private final ProviderTestSupport.MutableClock clock = new ProviderTestSupport.MutableClock(T0);
  private final ScriptedSource delegate = new ScriptedSource("electricitymaps")
      .always(() -> ScriptedSource.series("DE", SignalKind.AVERAGE, "electricitymaps", T0, 400));

  @Test
  void history_sameQuestionWithinTtl_isAnsweredFromCache() {
    CachingSource cached = CachingSource.of(delegate, TTL, 10, clock);

    IntensitySeries first = cached.history("DE", T0, T1);
    clock.advance(TTL.minusSeconds(1));
    IntensitySeries second = cached.history("DE", T0, T1);

    assertThat(second).isSameAs(first);
    assertThat(delegate.questions()).hasSize(1);
    assertThat(cached.size()).isEqualTo(1);
  }

  @Test
  void history_afterTtl_asksAgain() {
    CachingSource cached = CachingSource.of(delegate, TTL, 10, clock);

    cached.history("DE", T0, T1);
    clock.advance(TTL);
    cached.history("DE", T0, T1);

    assertThat(delegate.questions()).hasSize(2);
  }

  @Test
  void lookups_differingInZoneIntervalOrKind_areSeparateEntries() {
    CachingSource cached = CachingSource.of(delegate, TTL, 10, clock);

    cached.history("DE", T0, T1);
    cached.history("FR", T0, T1);
    cached.history("DE", T0, T1.plusSeconds(1));
    cached.history("DE", T0.minusSeconds(1), T1);
    cached.forecast("DE", T0, T1);
    cached.history("DE", T0, T1);
    cached.forecast("DE", T0, T1);

    assertThat(delegate.questions()).containsExactly(
        "history DE " + T0 + " " + T1,
        "history FR " + T0 + " " + T1,
        "history DE " + T0 + " " + T1.plusSeconds(1),
        "history DE " + T0.minusSeconds(1) + " " + T1,
        "forecast DE " + T0 + " " + T1);
    assertThat(cached.size()).isEqualTo(5);
  }

  @Test
  void lookups_beyondMaxEntries_keepAtMostMaxEntries() {
    CachingSource cached = CachingSource.of(delegate, TTL, 2, clock);

    for (String zone : List.of("A", "B", "C", "D")) {
      cached.history(zone, T0, T1);
    }
    assertThat(cached.size()).isEqualTo(2);
    for (String zone : List.of("A", "B", "C", "D")) {
      cached.history(zone, T0, T1);
    }

    assertThat(delegate.questions().size()).as("at least two of four had to be asked again").isGreaterThanOrEqualTo(6);
    assertThat(cached.size()).isEqualTo(2);
  }

  /** A delegate whose calls block until released, counting them. */
  private static final class GatedSource implements CarbonIntensitySource {
    final AtomicInteger calls = new AtomicInteger();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final Supplier<IntensitySeries> answer;

    GatedSource(Supplier<IntensitySeries> answer) {
      this.answer = answer;
    }

    @Override
    public String name() {
      return "watttime";
    }

    @Override
    public IntensitySeries history(String zone, Instant from, Instant to) {
      calls.incrementAndGet();
      entered.countDown();
      try {
        if (!release.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return answer.get();
    }
  }

  /** Runs {@code threads} callers of {@code call} at once; returns their outcomes once the gate opens. */
  private static List<Object> concurrently(int threads, GatedSource gate, Supplier<Object> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch arrived = new CountDownLatch(threads);
      List<Future<Object>> outcomes = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        outcomes.add(pool.submit(() -> {
          arrived.countDown();
          try {
            return call.get();
          } catch (RuntimeException e) {
            return e;
          }
        }));
      }
      assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(200); // let every caller reach the cache while the first call is still running
      gate.release.countDown();
      List<Object> results = new ArrayList<>();
      for (Future<Object> outcome : outcomes) {
        results.add(outcome.get(10, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void manyThreadsMissingTheSameKey_makeOneCall_andShareItsAnswer() throws Exception {
    IntensitySeries answer = ScriptedSource.series("CAISO_NORTH", SignalKind.MARGINAL, "watttime", T0, 420);
    GatedSource gate = new GatedSource(() -> answer);
    CachingSource cached = CachingSource.of(gate, TTL, 10, clock);

    List<Object> results = concurrently(16, gate, () -> cached.history("CAISO_NORTH", T0, T1));

    assertThat(gate.calls).hasValue(1);
    assertThat(results).hasSize(16).allSatisfy(r -> assertThat(r).isSameAs(answer));
    assertThat(cached.size()).isEqualTo(1);
  }

  @Test
  void manyThreadsMissingAFailingKey_makeOneCall_shareTheFailure_andDoNotCacheIt() throws Exception {
    GatedSource gate = new GatedSource(() -> {
      throw new GridSignalException("down");
    });
    CachingSource cached = CachingSource.of(gate, TTL, 10, clock);

    List<Object> results = concurrently(8, gate, () -> cached.history("CAISO_NORTH", T0, T1));

    assertThat(gate.calls).hasValue(1);
    assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(GridSignalException.class).hasFieldOrPropertyWithValue("message", "down"));
    assertThat(cached.size()).isZero();
    assertThatThrownBy(() -> cached.history("CAISO_NORTH", T0, T1)).hasMessage("down");
    assertThat(gate.calls).hasValue(2);
  }

  @Test
  void aSlowCall_doesNotHoldUpOtherKeys() throws Exception {
    IntensitySeries answer = ScriptedSource.series("A", SignalKind.AVERAGE, "watttime", T0, 1);
    GatedSource gate = new GatedSource(() -> answer);
    CachingSource cached = CachingSource.of(new CarbonIntensitySource() {
      @Override
      public String name() {
        return "mixed";
      }

      @Override
      public IntensitySeries history(String zone, Instant from, Instant to) {
        return zone.equals("SLOW") ? gate.history(zone, from, to) : delegate.history(zone, from, to);
      }
    }, TTL, 10, clock);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<IntensitySeries> slow = pool.submit(() -> cached.history("SLOW", T0, T1));
      assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();

      assertThat(cached.history("DE", T0, T1).zone()).isEqualTo("DE");
      assertThat(slow.isDone()).isFalse();

      gate.release.countDown();
      assertThat(slow.get(10, TimeUnit.SECONDS)).isSameAs(answer);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void history_failure_isNotCached() {
    ScriptedSource flaky = new ScriptedSource("watttime")
        .then(() -> {
          throw new GridSignalException("down");
        })
        .always(() -> ScriptedSource.series("CAISO_NORTH", SignalKind.MARGINAL, "watttime", T0, 420));
    CachingSource cached = CachingSource.of(flaky, TTL, 10, clock);

    assertThatThrownBy(() -> cached.history("CAISO_NORTH", T0, T1)).hasMessage("down");
    IntensitySeries series = cached.history("CAISO_NORTH", T0, T1);

    assertThat(series.points()).hasSize(1);
    assertThat(flaky.questions()).hasSize(2);
  }

  @Test
  void invalidateAll_forgetsEverything() {
    CachingSource cached = CachingSource.of(delegate, TTL, 10, clock);
    cached.history("DE", T0, T1);

    cached.invalidateAll();
    cached.history("DE", T0, T1);

    assertThat(delegate.questions()).hasSize(2);
  }

  @Test
  void name_andSeriesSource_stayTheDelegates() {
    CachingSource cached = CarbonIntensitySources.cached(delegate, TTL, 10, clock);

    assertThat(cached.name()).isEqualTo("electricitymaps");
    assertThat(cached.history("DE", T0, T1).source()).isEqualTo("electricitymaps");
  }

  @Test
  void of_invalidSettings_areRejected() {
    assertThatThrownBy(() -> CachingSource.of(delegate, Duration.ZERO, 10, clock))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl").hasMessageContaining("electricitymaps");
    assertThatThrownBy(() -> CachingSource.of(delegate, TTL, 0, clock))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEntries");
    assertThatThrownBy(() -> CachingSource.of(null, TTL, 1, clock)).isInstanceOf(NullPointerException.class);
  }
}
