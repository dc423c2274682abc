package dev.fairshift.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.core.SignalKind;
import java.time.Duration;
import java.time.Instant;
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
  void lookups_beyondMaxEntries_evictTheLeastRecentlyUsed() {
    CachingSource cached = CachingSource.of(delegate, TTL, 2, clock);

    cached.history("A", T0, T1);
    cached.history("B", T0, T1);
    cached.history("A", T0, T1); // A is now the most recently used
    cached.history("C", T0, T1); // evicts B
    cached.history("A", T0, T1);
    cached.history("B", T0, T1);

    assertThat(delegate.questions()).extracting(q -> q.split(" ")[1]).containsExactly("A", "B", "C", "B");
    assertThat(cached.size()).isEqualTo(2);
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
