package dev.fairshift.signals;

import static dev.fairshift.signals.ProviderTestSupport.fixture;
import static dev.fairshift.signals.ProviderTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.core.SignalKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

class FallbackSourceTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");
  private static final Instant T1 = T0.plus(Duration.ofHours(3));

  private static ScriptedSource failing(String name, String message) {
    return new ScriptedSource(name).always(() -> {
      throw new GridSignalException(message);
    });
  }

  private static ScriptedSource answering(String name, SignalKind signal, double grams) {
    return new ScriptedSource(name).always(() -> ScriptedSource.series("GB", signal, name, T0, grams));
  }

  @Test
  void history_firstMemberAnswers_laterMembersAreNotAsked() {
    ScriptedSource first = answering("a", SignalKind.AVERAGE, 100);
    ScriptedSource second = answering("b", SignalKind.AVERAGE, 200);

    IntensitySeries series = FallbackSource.of(SignalKind.AVERAGE, List.of(first, second)).history("GB", T0, T1);

    assertThat(series.points().get(0).gramsPerKwh()).isEqualTo(100);
    assertThat(series.source()).isEqualTo("fallback:a");
    assertThat(series.metadata()).containsEntry("fallback.answeredBy", "a").doesNotContainKey("fallback.skipped")
        .containsEntry("from", "a");
    assertThat(second.questions()).isEmpty();
  }

  @Test
  void history_firstFails_secondAnswersAndTheFailureIsRecorded() {
    ScriptedSource second = answering("b", SignalKind.AVERAGE, 200);

    IntensitySeries series = FallbackSource.of(SignalKind.AVERAGE, List.of(failing("a", "a is down"), second))
        .history("GB", T0, T1);

    assertThat(series.points().get(0).gramsPerKwh()).isEqualTo(200);
    assertThat(series.source()).isEqualTo("fallback:b");
    assertThat(series.metadata()).containsEntry("fallback.answeredBy", "b")
        .containsEntry("fallback.skipped", "a: a is down");
  }

  @Test
  void history_memberOfAnotherSignalKind_isSkippedNotMixed() {
    IntensitySeries series = FallbackSource.of(SignalKind.AVERAGE,
        List.of(answering("watttime", SignalKind.MARGINAL, 450), answering("uk", SignalKind.AVERAGE, 180)))
        .history("GB", T0, T1);

    assertThat(series.signal()).isEqualTo(SignalKind.AVERAGE);
    assertThat(series.source()).isEqualTo("fallback:uk");
    assertThat(series.metadata().get("fallback.skipped"))
        .isEqualTo("watttime: answered marginal intensities, but this chain is average");
  }

  @Test
  void history_emptyAnswer_fallsThroughButIsReturnedIfNothingBetter() {
    ScriptedSource empty = new ScriptedSource("a").always(() -> ScriptedSource.empty("GB", SignalKind.AVERAGE, "a"));
    ScriptedSource full = answering("b", SignalKind.AVERAGE, 200);

    IntensitySeries better = FallbackSource.of(SignalKind.AVERAGE, List.of(empty, full)).history("GB", T0, T1);
    IntensitySeries onlyEmpty = FallbackSource.of(SignalKind.AVERAGE, List.of(failing("x", "x is down"), empty))
        .history("GB", T0, T1);

    assertThat(better.source()).isEqualTo("fallback:b");
    assertThat(onlyEmpty.isEmpty()).isTrue();
    assertThat(onlyEmpty.source()).isEqualTo("fallback:a");
    assertThat(onlyEmpty.metadata()).containsEntry("fallback.skipped", "x: x is down; a: no points");
  }

  @Test
  void history_everyMemberFails_summarisesEachFailure() {
    FallbackSource chain = CarbonIntensitySources.fallback(SignalKind.AVERAGE,
        failing("electricitymaps", "rate limited"), failing("ukcarbonintensity", "HTTP 503"));

    assertThatThrownBy(() -> chain.history("GB", T0, T1))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("No source of fallback:electricitymaps→ukcarbonintensity answered the history of zone 'GB'")
        .hasMessageContaining("electricitymaps: rate limited; ukcarbonintensity: HTTP 503")
        .hasMessageContaining("Maybe")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));
  }

  @Test
  void forecast_isAskedAsForecast() {
    ScriptedSource member = answering("a", SignalKind.AVERAGE, 100);

    FallbackSource.of(SignalKind.AVERAGE, List.of(member)).forecast("GB", T0, T1);

    assertThat(member.questions()).containsExactly("forecast GB " + T0 + " " + T1);
  }

  @Test
  void bugsInMembers_propagateAtOnce() {
    ScriptedSource buggy = new ScriptedSource("buggy").always(() -> {
      throw new IllegalStateException("bug");
    });
    ScriptedSource second = answering("b", SignalKind.AVERAGE, 1);

    assertThatThrownBy(() -> FallbackSource.of(SignalKind.AVERAGE, List.of(buggy, second)).history("GB", T0, T1))
        .isInstanceOf(IllegalStateException.class);
    assertThat(second.questions()).isEmpty();
  }

  @Test
  void of_needsAtLeastOneMember_andNamesTheChain() {
    assertThatThrownBy(() -> FallbackSource.of(SignalKind.AVERAGE, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    FallbackSource chain = FallbackSource.of(SignalKind.MARGINAL,
        List.of(new ScriptedSource("watttime"), new ScriptedSource("carbonawaresdk")));
    assertThat(chain.name()).isEqualTo("fallback:watttime→carbonawaresdk");
    assertThat(chain.signal()).isEqualTo(SignalKind.MARGINAL);
  }

  @Test
  void liveProviders_unauthorizedElectricityMapsFallsBackToUk_withoutLeakingTheToken() throws Exception {
    String token = "em-fallback-secret-99";
    try (MockWebServer em = new MockWebServer(); MockWebServer uk = new MockWebServer()) {
      em.start();
      uk.start();
      em.enqueue(json(401, "{\"message\":\"bad token " + token + "\"}"));
      uk.enqueue(json(fixture("ukcarbonintensity/national_history.json")));
      CarbonIntensitySource electricityMaps = CarbonIntensitySources.electricityMaps(ElectricityMapsConfig
          .builder(token).baseUrl(em.url("/").uri()).clock(Clock.fixed(T1, ZoneOffset.UTC)).build());
      CarbonIntensitySource ukApi = CarbonIntensitySources.ukCarbonIntensity(
          UkCarbonIntensityConfig.builder().baseUrl(uk.url("/").uri()).build());

      IntensitySeries series = CarbonIntensitySources.fallback(SignalKind.AVERAGE, electricityMaps, ukApi)
          .history("GB", T0, T1);

      assertThat(series.source()).isEqualTo("fallback:ukcarbonintensity");
      assertThat(series.points()).hasSize(6);
      assertThat(series.metadata().get("fallback.skipped")).startsWith("electricitymaps: electricitymaps, zone 'GB'")
          .contains("HTTP 401").doesNotContain(token);
    }
  }
}
