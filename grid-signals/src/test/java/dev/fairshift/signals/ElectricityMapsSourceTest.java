package dev.fairshift.signals;

import static dev.fairshift.signals.ProviderTestSupport.fixture;
import static dev.fairshift.signals.ProviderTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.fairshift.core.SignalKind;
import dev.fairshift.signals.IntensityPoint.Flag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ElectricityMapsSourceTest {
  private static final String TOKEN = "em-secret-token-7f3a9c";
  private static final Instant EIGHT = Instant.parse("2024-05-01T08:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Clock NOW = Clock.fixed(Instant.parse("2024-05-01T13:00:00Z"), ZoneOffset.UTC);

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ElectricityMapsConfig.Builder config() {
    return ElectricityMapsConfig.builder(TOKEN).baseUrl(server.url("/").uri()).clock(NOW)
        .sleeper(new ProviderTestSupport.RecordingSleeper()).retryPolicy(RetryPolicy.defaults().withJitterSeed(7));
  }

  private CarbonIntensitySource source() {
    return CarbonIntensitySources.electricityMaps(config().build());
  }

  @Test
  void history_lastDay_usesHistoryEndpointWithAuthToken() throws Exception {
    server.enqueue(json(fixture("electricitymaps/history_DE.json")));

    IntensitySeries series = source().history("DE", EIGHT, EIGHT.plus(Duration.ofHours(5)));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v3/carbon-intensity/history");
    assertThat(request.getUrl().queryParameterNames()).containsExactly("zone");
    assertThat(request.getUrl().queryParameter("zone")).isEqualTo("DE");
    assertThat(request.getHeaders().get("auth-token")).isEqualTo(TOKEN);
    assertThat(request.getHeaders().get("Authorization")).isNull();
    // null carbonIntensity at 10:00 is a gap, not a zero; isEstimated gives ESTIMATED.
    assertThat(series.points()).containsExactly(
        new IntensityPoint(EIGHT, HOUR, 412, Flag.MEASURED),
        new IntensityPoint(EIGHT.plus(HOUR), HOUR, 398, Flag.MEASURED),
        new IntensityPoint(EIGHT.plus(Duration.ofHours(3)), HOUR, 371, Flag.ESTIMATED),
        new IntensityPoint(EIGHT.plus(Duration.ofHours(4)), HOUR, 365, Flag.ESTIMATED));
    assertThat(series.signal()).isEqualTo(SignalKind.AVERAGE);
    assertThat(series.source()).isEqualTo("electricitymaps");
    assertThat(series.metadata()).containsEntry("emissionFactorType", "lifecycle")
        .containsEntry("estimatedPoints", "2").containsEntry("estimationMethods", "TIME_SLICER_AVERAGE")
        .containsEntry("nullValues", "1");
  }

  @Test
  void history_olderThanADay_usesPastRangeInTenDayChunks() throws Exception {
    server.enqueue(json(fixture("electricitymaps/past_range_DE.json")));
    server.enqueue(json("{\"zone\":\"DE\",\"data\":[]}"));
    Instant from = Instant.parse("2023-01-10T00:00:00Z");

    IntensitySeries series = source().history("DE", from, from.plus(Duration.ofDays(12)));

    RecordedRequest first = server.takeRequest();
    assertThat(first.getUrl().encodedPath()).isEqualTo("/v3/carbon-intensity/past-range");
    assertThat(first.getUrl().queryParameter("zone")).isEqualTo("DE");
    assertThat(first.getUrl().queryParameter("start")).isEqualTo("2023-01-10T00:00:00Z");
    assertThat(first.getUrl().queryParameter("end")).isEqualTo("2023-01-20T00:00:00Z");
    RecordedRequest second = server.takeRequest();
    assertThat(second.getUrl().queryParameter("start")).isEqualTo("2023-01-20T00:00:00Z");
    assertThat(second.getUrl().queryParameter("end")).isEqualTo("2023-01-22T00:00:00Z");
    assertThat(second.getHeaders().get("auth-token")).isEqualTo(TOKEN);
    assertThat(series.points()).extracting(IntensityPoint::gramsPerKwh).containsExactly(350.0, 344.0, 339.0);
    assertThat(series.points()).extracting(IntensityPoint::flag).containsOnly(Flag.MEASURED);
  }

  @Test
  void history_emissionFactorTypeConfigured_isSentAsQueryParameter() throws Exception {
    server.enqueue(json("{\"zone\":\"FR\",\"history\":[{\"zone\":\"FR\",\"carbonIntensity\":31,"
        + "\"datetime\":\"2024-05-01T09:00:00.000Z\",\"emissionFactorType\":\"direct\",\"isEstimated\":false}]}"));
    CarbonIntensitySource source = CarbonIntensitySources.electricityMaps(config().emissionFactorType("direct").build());

    IntensitySeries series = source.history("FR", EIGHT, EIGHT.plus(Duration.ofHours(2)));

    assertThat(server.takeRequest().getUrl().queryParameter("emissionFactorType")).isEqualTo("direct");
    assertThat(series.metadata()).containsEntry("emissionFactorType", "direct");
  }

  @Test
  void history_subHourlyGranularity_setsPointLength() {
    server.enqueue(json("{\"zone\":\"DE\",\"temporalGranularity\":\"15_minutes\",\"history\":["
        + "{\"zone\":\"DE\",\"carbonIntensity\":400,\"datetime\":\"2024-05-01T08:00:00.000Z\",\"isEstimated\":false},"
        + "{\"zone\":\"DE\",\"carbonIntensity\":390,\"datetime\":\"2024-05-01T08:15:00.000Z\",\"isEstimated\":false}]}"));

    IntensitySeries series = source().history("DE", EIGHT, EIGHT.plus(HOUR));

    assertThat(series.points()).extracting(IntensityPoint::length).containsOnly(Duration.ofMinutes(15));
  }

  @Test
  void forecast_mapsForecastArrayAndUpdatedAt() throws Exception {
    server.enqueue(json(fixture("electricitymaps/forecast_DE.json")));
    Instant one = Instant.parse("2024-05-01T13:00:00Z");

    IntensitySeries series = source().forecast("DE", one, one.plus(Duration.ofHours(3)));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v3/carbon-intensity/forecast");
    assertThat(request.getUrl().queryParameter("zone")).isEqualTo("DE");
    assertThat(request.getHeaders().get("auth-token")).isEqualTo(TOKEN);
    assertThat(series.points()).containsExactly(
        new IntensityPoint(one, HOUR, 318, Flag.FORECAST),
        new IntensityPoint(one.plus(HOUR), HOUR, 301, Flag.FORECAST),
        new IntensityPoint(one.plus(Duration.ofHours(2)), HOUR, 296, Flag.FORECAST));
    assertThat(series.metadata()).containsEntry("updatedAt", "2024-05-01T12:03:43.712Z");
  }

  @Test
  void history_answerForAnotherZone_isUnknownZone() {
    server.enqueue(json(fixture("electricitymaps/history_DE.json")));

    assertThatThrownBy(() -> source().history("XX-NOWHERE", EIGHT, EIGHT.plus(HOUR)))
        .isInstanceOf(UnknownZoneException.class)
        .hasMessageContaining("answered for zone 'DE' instead")
        .hasMessageContaining("Maybe check the zone key");
  }

  @Test
  void history_notFound_isUnknownZone() {
    server.enqueue(json(404, "{\"status\":\"error\",\"message\":\"Zone 'XX' does not exist.\"}"));

    assertThatThrownBy(() -> source().history("XX", EIGHT, EIGHT.plus(HOUR)))
        .isInstanceOf(UnknownZoneException.class).hasMessageContaining("HTTP 404")
        .hasMessageContaining("Zone 'XX' does not exist.");
  }

  @Test
  void history_badRequestAboutZone_isUnknownZone() {
    server.enqueue(json(400, "{\"status\":\"error\",\"message\":\"Unknown zone key: XX\"}"));

    assertThatThrownBy(() -> source().history("XX", EIGHT, EIGHT.plus(HOUR)))
        .isInstanceOf(UnknownZoneException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void history_unauthorized_isAuthenticationErrorWithoutTheToken() {
    server.enqueue(json(401, "{\"status\":\"error\",\"message\":\"Invalid auth-token " + TOKEN + "\"}"));

    assertThatThrownBy(() -> source().history("DE", EIGHT, EIGHT.plus(HOUR)))
        .isInstanceOfSatisfying(AuthenticationException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(401);
          assertThat(e.getMessage()).doesNotContain(TOKEN).contains("Invalid auth-token ***")
              .contains("Maybe check the Electricity Maps API token");
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void history_valueAbove2000_isRejectedWithItsTimestamp() {
    server.enqueue(json("{\"zone\":\"DE\",\"history\":[{\"zone\":\"DE\",\"carbonIntensity\":4120,"
        + "\"datetime\":\"2024-05-01T08:00:00.000Z\",\"isEstimated\":false}]}"));

    assertThatThrownBy(() -> source().history("DE", EIGHT, EIGHT.plus(HOUR)))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("'history[0].carbonIntensity' at 2024-05-01T08:00:00Z has 4120.0 g/kWh, which is above 2000 g/kWh");
  }

  @Test
  void history_nanValueFromLenientMapper_isRejected() {
    server.enqueue(json("{\"zone\":\"DE\",\"history\":[{\"zone\":\"DE\",\"carbonIntensity\":NaN,"
        + "\"datetime\":\"2024-05-01T08:00:00.000Z\",\"isEstimated\":false}]}"));
    JsonMapper lenient = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    CarbonIntensitySource source = CarbonIntensitySources.electricityMaps(config().objectMapper(lenient).build());

    assertThatThrownBy(() -> source.history("DE", EIGHT, EIGHT.plus(HOUR)))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("which is not a number");
  }

  @Test
  void history_valueAsText_isMalformed() {
    server.enqueue(json("{\"zone\":\"DE\",\"history\":[{\"zone\":\"DE\",\"carbonIntensity\":\"412 g\","
        + "\"datetime\":\"2024-05-01T08:00:00.000Z\"}]}"));

    assertThatThrownBy(() -> source().history("DE", EIGHT, EIGHT.plus(HOUR)))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("'history[0].carbonIntensity' is the text '412 g', not a number");
  }

  @Test
  void history_missingArray_isMalformed() {
    server.enqueue(json("{\"zone\":\"DE\"}"));

    assertThatThrownBy(() -> source().history("DE", EIGHT, EIGHT.plus(HOUR)))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("field 'history' is missing");
  }

  @Test
  void history_emptyHistory_isAnEmptySeries() {
    server.enqueue(json("{\"zone\":\"DE\",\"history\":[]}"));

    assertThat(source().history("DE", EIGHT, EIGHT.plus(HOUR)).points()).isEmpty();
  }

  @Test
  void config_toString_hidesTheToken() {
    String text = config().build().toString();

    assertThat(text).doesNotContain(TOKEN).contains("apiToken=***").contains("baseUrl=http://");
  }
}
