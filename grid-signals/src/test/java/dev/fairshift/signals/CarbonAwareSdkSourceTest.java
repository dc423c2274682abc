package dev.fairshift.signals;

import static dev.fairshift.signals.ProviderTestSupport.fixture;
import static dev.fairshift.signals.ProviderTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.core.SignalKind;
import dev.fairshift.signals.IntensityPoint.Flag;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CarbonAwareSdkSourceTest {
  private static final String KEY = "gateway-key-31337";
  private static final Instant EIGHT_PM = Instant.parse("2022-05-17T20:00:00Z");
  private static final Duration FIVE = Duration.ofMinutes(5);

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CarbonAwareSdkConfig.Builder config(SignalKind signal) {
    return CarbonAwareSdkConfig.builder(server.url("/").uri(), signal)
        .sleeper(new ProviderTestSupport.RecordingSleeper()).retryPolicy(RetryPolicy.defaults().withJitterSeed(5));
  }

  private CarbonIntensitySource source() {
    return CarbonIntensitySources.carbonAwareSdk(config(SignalKind.MARGINAL).build());
  }

  @Test
  void history_byLocations_mapsRatingsAndTimeSpanDurations() throws Exception {
    server.enqueue(json(fixture("carbonawaresdk/bylocations_eastus.json")));

    IntensitySeries series = source().history("eastus", EIGHT_PM, EIGHT_PM.plus(Duration.ofMinutes(20)));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/emissions/bylocations");
    assertThat(request.getUrl().queryParameter("location")).isEqualTo("eastus");
    assertThat(request.getUrl().queryParameter("time")).isEqualTo("2022-05-17T20:00:00Z");
    assertThat(request.getUrl().queryParameter("toTime")).isEqualTo("2022-05-17T20:20:00Z");
    assertThat(series.points()).containsExactly(
        new IntensityPoint(EIGHT_PM, FIVE, 426.7, Flag.MEASURED),
        new IntensityPoint(EIGHT_PM.plus(FIVE), FIVE, 431.25, Flag.MEASURED),
        new IntensityPoint(EIGHT_PM.plus(FIVE.multipliedBy(2)), FIVE, 418.0, Flag.MEASURED),
        new IntensityPoint(EIGHT_PM.plus(FIVE.multipliedBy(3)), FIVE, 409.5, Flag.MEASURED));
    assertThat(series.signal()).isEqualTo(SignalKind.MARGINAL);
    assertThat(series.source()).isEqualTo("carbonawaresdk");
    assertThat(series.metadata()).containsEntry("sdkLocations", "eastus");
  }

  @Test
  void history_signalIsTheConfiguredOne() {
    server.enqueue(json(fixture("carbonawaresdk/bylocations_eastus.json")));
    CarbonIntensitySource average = CarbonIntensitySources.carbonAwareSdk(config(SignalKind.AVERAGE).build());

    assertThat(average.history("eastus", EIGHT_PM, EIGHT_PM.plus(FIVE)).signal()).isEqualTo(SignalKind.AVERAGE);
  }

  @Test
  void history_noContent_isAnEmptySeries() {
    server.enqueue(new MockResponse.Builder().code(204).build());

    IntensitySeries series = source().history("eastus", EIGHT_PM, EIGHT_PM.plus(FIVE));

    assertThat(series.isEmpty()).isTrue();
  }

  @Test
  void history_zeroOrMissingDurations_lastUntilTheNextPoint() {
    server.enqueue(json("["
        + "{\"location\":\"eastus\",\"time\":\"2022-05-17T20:00:00+00:00\",\"rating\":400,\"duration\":\"00:00:00\"},"
        + "{\"location\":\"eastus\",\"time\":\"2022-05-17T20:30:00+00:00\",\"rating\":380},"
        + "{\"location\":\"eastus\",\"time\":\"2022-05-17T20:10:00+00:00\",\"rating\":390,\"duration\":\"00:00:00\"}]"));

    IntensitySeries series = source().history("eastus", EIGHT_PM, EIGHT_PM.plus(Duration.ofHours(1)));

    assertThat(series.points()).containsExactly(
        new IntensityPoint(EIGHT_PM, Duration.ofMinutes(10), 400, Flag.MEASURED),
        new IntensityPoint(EIGHT_PM.plus(Duration.ofMinutes(10)), Duration.ofMinutes(20), 390, Flag.MEASURED),
        new IntensityPoint(EIGHT_PM.plus(Duration.ofMinutes(30)), Duration.ofMinutes(20), 380, Flag.MEASURED));
  }

  @Test
  void history_isoAndDayDurations_areRead() {
    server.enqueue(json("["
        + "{\"location\":\"eastus\",\"time\":\"2022-05-17T20:00:00Z\",\"rating\":400,\"duration\":\"PT15M\"},"
        + "{\"location\":\"eastus\",\"time\":\"2022-05-17T20:15:00Z\",\"rating\":390,\"duration\":\"1.00:00:00\"}]"));

    IntensitySeries series = source().history("eastus", EIGHT_PM, EIGHT_PM.plus(Duration.ofDays(2)));

    assertThat(series.points()).extracting(IntensityPoint::length)
        .containsExactly(Duration.ofMinutes(15), Duration.ofDays(1));
  }

  @Test
  void history_unreadableDuration_isMalformed() {
    server.enqueue(json("[{\"location\":\"eastus\",\"time\":\"2022-05-17T20:00:00Z\",\"rating\":400,"
        + "\"duration\":\"five minutes\"}]"));

    assertThatThrownBy(() -> source().history("eastus", EIGHT_PM, EIGHT_PM.plus(FIVE)))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("'[0].duration' is 'five minutes', not a duration");
  }

  @Test
  void history_objectInsteadOfArray_isMalformed() {
    server.enqueue(json("{\"location\":\"eastus\"}"));

    assertThatThrownBy(() -> source().history("eastus", EIGHT_PM, EIGHT_PM.plus(FIVE)))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("should be an array");
  }

  @Test
  void forecast_current_mapsForecastDataAndKeepsOptimalPoints() throws Exception {
    server.enqueue(json(fixture("carbonawaresdk/forecasts_current_northeurope.json")));
    Instant two = Instant.parse("2022-07-19T14:00:00Z");

    IntensitySeries series = source().forecast("northeurope", two, two.plus(Duration.ofMinutes(20)));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/emissions/forecasts/current");
    assertThat(request.getUrl().queryParameterNames()).containsExactly("location");
    assertThat(request.getUrl().queryParameter("location")).isEqualTo("northeurope");
    assertThat(series.points()).containsExactly(
        new IntensityPoint(two, FIVE, 532.02293146, Flag.FORECAST),
        new IntensityPoint(two.plus(FIVE), FIVE, 501.5, Flag.FORECAST),
        new IntensityPoint(two.plus(FIVE.multipliedBy(2)), FIVE, 448.4451043375, Flag.FORECAST),
        new IntensityPoint(two.plus(FIVE.multipliedBy(3)), FIVE, 470.0, Flag.FORECAST));
    assertThat(series.metadata())
        .containsEntry("optimalDataPoints", "2022-07-19T14:10:00Z=448.4451043375 (5 min)")
        .containsEntry("generatedAt", "2022-07-19T13:35:00+00:00")
        .containsEntry("windowSize", "5")
        .containsEntry("sdkLocations", "northeurope");
  }

  @Test
  void forecast_notImplemented_isRejectedNotRetried() {
    server.enqueue(json(501, "{\"title\":\"NotImplementedException\",\"status\":501,"
        + "\"detail\":\"The data source does not support forecasts\"}"));

    assertThatThrownBy(() -> source().forecast("eastus", EIGHT_PM, EIGHT_PM.plus(FIVE)))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.statusCode()).isEqualTo(501))
        .hasMessageContaining("does not support forecasts");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void history_badRequestAboutLocation_isUnknownZone() {
    server.enqueue(json(400, "{\"title\":\"ArgumentException\",\"status\":400,"
        + "\"detail\":\"Unknown location: 'mars-north' not found\"}"));

    assertThatThrownBy(() -> source().history("mars-north", EIGHT_PM, EIGHT_PM.plus(FIVE)))
        .isInstanceOf(UnknownZoneException.class).hasMessageContaining("mars-north");
  }

  @Test
  void apiKey_isSentAsHeaderAndHiddenEverywhere() throws Exception {
    server.enqueue(json(403, "{\"title\":\"Forbidden\",\"detail\":\"key " + KEY + " is not allowed\"}"));
    CarbonAwareSdkConfig config = config(SignalKind.MARGINAL).apiKey("x-api-key", KEY).build();

    assertThatThrownBy(() -> CarbonIntensitySources.carbonAwareSdk(config).history("eastus", EIGHT_PM, EIGHT_PM.plus(FIVE)))
        .isInstanceOfSatisfying(AuthenticationException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(403);
          assertThat(e.getMessage()).doesNotContain(KEY).contains("key *** is not allowed");
        });
    assertThat(server.takeRequest().getHeaders().get("x-api-key")).isEqualTo(KEY);
    assertThat(config.toString()).doesNotContain(KEY).contains("apiKey=x-api-key: ***");
  }

  @Test
  void config_withoutUsableBaseUrl_isRejected() {
    assertThatThrownBy(() -> CarbonAwareSdkConfig.builder("ftp://example.org", SignalKind.MARGINAL))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an absolute http or https URL");
    assertThatThrownBy(() -> CarbonAwareSdkConfig.builder("https://user:pw@example.org", SignalKind.MARGINAL))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not carry user info")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw"));
  }
}
