package dev.fairshift.signals;

import static dev.fairshift.signals.ProviderTestSupport.fixture;
import static dev.fairshift.signals.ProviderTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.core.SignalKind;
import dev.fairshift.signals.IntensityPoint.Flag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UkCarbonIntensitySourceTest {
  private static final Instant MIDNIGHT = Instant.parse("2021-03-01T00:00:00Z");
  private static final Duration HALF_HOUR = Duration.ofMinutes(30);

  private final MockWebServer server = new MockWebServer();
  private final ProviderTestSupport.RecordingSleeper sleeper = new ProviderTestSupport.RecordingSleeper();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private UkCarbonIntensityConfig.Builder config() {
    return UkCarbonIntensityConfig.builder().baseUrl(server.url("/").uri()).sleeper(sleeper)
        .retryPolicy(RetryPolicy.defaults().withJitterSeed(1));
  }

  private CarbonIntensitySource source() {
    return CarbonIntensitySources.ukCarbonIntensity(config().build());
  }

  @Test
  void history_nationalFixture_usesActualsThenForecastsAndDropsPeriodBeforeFrom() throws Exception {
    server.enqueue(json(fixture("ukcarbonintensity/national_history.json")));

    IntensitySeries series = source().history("GB", MIDNIGHT, MIDNIGHT.plus(Duration.ofHours(3)));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/intensity/2021-03-01T00:00Z/2021-03-01T03:00Z");
    assertThat(request.getUrl().query()).isNull();
    assertThat(series.zone()).isEqualTo("GB");
    assertThat(series.signal()).isEqualTo(SignalKind.AVERAGE);
    assertThat(series.source()).isEqualTo("ukcarbonintensity");
    // 23:30-00:00 ends at 'from' and is dropped; actuals where present, forecasts (flagged) after.
    assertThat(series.points()).containsExactly(
        new IntensityPoint(MIDNIGHT, HALF_HOUR, 172, Flag.MEASURED),
        new IntensityPoint(MIDNIGHT.plus(HALF_HOUR), HALF_HOUR, 170, Flag.MEASURED),
        new IntensityPoint(MIDNIGHT.plus(HALF_HOUR.multipliedBy(2)), HALF_HOUR, 165, Flag.MEASURED),
        new IntensityPoint(MIDNIGHT.plus(HALF_HOUR.multipliedBy(3)), HALF_HOUR, 161, Flag.MEASURED),
        new IntensityPoint(MIDNIGHT.plus(HALF_HOUR.multipliedBy(4)), HALF_HOUR, 158, Flag.FORECAST),
        new IntensityPoint(MIDNIGHT.plus(HALF_HOUR.multipliedBy(5)), HALF_HOUR, 155, Flag.FORECAST));
    assertThat(series.metadata()).containsEntry("forecastValuesInHistory", "2")
        .containsEntry("units", "gCO2eq/kWh").containsEntry("provider", "ukcarbonintensity");
  }

  @Test
  void history_regionalFixture_readsNestedRegionObject() throws Exception {
    server.enqueue(json(fixture("ukcarbonintensity/regional_history_regionid_13.json")));

    IntensitySeries series = source().history("GB-13", MIDNIGHT, MIDNIGHT.plus(Duration.ofMinutes(90)));

    assertThat(server.takeRequest().getUrl().encodedPath())
        .isEqualTo("/regional/intensity/2021-03-01T00:00Z/2021-03-01T01:30Z/regionid/13");
    assertThat(series.points()).extracting(IntensityPoint::gramsPerKwh).containsExactly(201.0, 197.0, 190.0);
    assertThat(series.points()).extracting(IntensityPoint::flag).containsOnly(Flag.FORECAST);
    assertThat(series.metadata()).containsEntry("regionId", "13").containsEntry("shortname", "London")
        .containsEntry("dnoregion", "UKPN London").containsEntry("forecastValuesInHistory", "3");
  }

  @Test
  void history_regionAnsweredIsAnother_isUnknownZone() {
    server.enqueue(json(fixture("ukcarbonintensity/regional_history_regionid_13.json")));

    assertThatThrownBy(() -> source().history("GB-12", MIDNIGHT, MIDNIGHT.plus(HALF_HOUR)))
        .isInstanceOf(UnknownZoneException.class).hasMessageContaining("region 13 instead of 12");
  }

  @Test
  void forecast_national_usesFw48hAndKeepsOnlyTheInterval() throws Exception {
    server.enqueue(json(fixture("ukcarbonintensity/national_forecast_fw48h.json")));
    Instant noon = Instant.parse("2021-03-01T12:00:00Z");

    IntensitySeries series = source().forecast("GB", noon, noon.plus(Duration.ofHours(2)));

    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/intensity/2021-03-01T12:00Z/fw48h");
    assertThat(series.points()).extracting(IntensityPoint::gramsPerKwh).containsExactly(137.0, 132.0, 128.0, 126.0);
    assertThat(series.points()).extracting(IntensityPoint::flag).containsOnly(Flag.FORECAST);
    assertThat(series.first()).isEqualTo(noon);
  }

  @Test
  void forecast_regionalLongerThan48Hours_asksOncePer48Hours() throws Exception {
    server.enqueue(json("{\"data\":{\"regionid\":3,\"shortname\":\"North West England\",\"data\":[]}}"));
    server.enqueue(json("{\"data\":{\"regionid\":3,\"shortname\":\"North West England\",\"data\":[]}}"));

    IntensitySeries series = source().forecast("gb-3", MIDNIGHT, MIDNIGHT.plus(Duration.ofHours(60)));

    assertThat(series.isEmpty()).isTrue();
    assertThat(server.takeRequest().getUrl().encodedPath())
        .isEqualTo("/regional/intensity/2021-03-01T00:00Z/fw48h/regionid/3");
    assertThat(server.takeRequest().getUrl().encodedPath())
        .isEqualTo("/regional/intensity/2021-03-03T00:00Z/fw48h/regionid/3");
  }

  @Test
  void history_longerThan14Days_splitsIntoChunksAndKeepsEach() throws Exception {
    server.enqueue(json("{\"data\":[{\"from\":\"2021-03-01T00:00Z\",\"to\":\"2021-03-01T00:30Z\","
        + "\"intensity\":{\"forecast\":100,\"actual\":99,\"index\":\"low\"}}]}"));
    server.enqueue(json("{\"data\":[{\"from\":\"2021-03-15T00:00Z\",\"to\":\"2021-03-15T00:30Z\","
        + "\"intensity\":{\"forecast\":120,\"actual\":121,\"index\":\"low\"}}]}"));

    IntensitySeries series = source().history("GB", MIDNIGHT, MIDNIGHT.plus(Duration.ofDays(20)));

    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/intensity/2021-03-01T00:00Z/2021-03-15T00:00Z");
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/intensity/2021-03-15T00:00Z/2021-03-21T00:00Z");
    assertThat(series.points()).extracting(IntensityPoint::gramsPerKwh).containsExactly(99.0, 121.0);
  }

  @Test
  void history_secondsInInterval_roundOutwardToMinutes() throws Exception {
    server.enqueue(json("{\"data\":[]}"));

    source().history("GB", MIDNIGHT.plusSeconds(10), MIDNIGHT.plusSeconds(70));

    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/intensity/2021-03-01T00:00Z/2021-03-01T00:02Z");
  }

  @Test
  void history_unknownZones_failBeforeAnyRequest() {
    for (String zone : List.of("GB-42", "GB-0", "FR", "GB-", "GB-1a")) {
      assertThatThrownBy(() -> source().history(zone, MIDNIGHT, MIDNIGHT.plus(HALF_HOUR)))
          .isInstanceOf(UnknownZoneException.class)
          .hasMessageContaining("'" + zone + "'")
          .hasMessageContaining("Maybe use 'GB'")
          .satisfies(e -> assertThat(((UnknownZoneException) e).zone()).isEqualTo(zone));
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void history_truncatedJson_isMalformedAndNotRetried() {
    server.enqueue(json("{\"data\":[{\"from\":\"2021-03-01T00:00Z\",\"to\":"));

    assertThatThrownBy(() -> source().history("GB", MIDNIGHT, MIDNIGHT.plus(HALF_HOUR)))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageStartingWith("ukcarbonintensity, zone 'GB', [2021-03-01T00:00:00Z, 2021-03-01T00:30:00Z)")
        .hasMessageContaining("not valid JSON");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void history_missingIntensity_namesTheField() {
    server.enqueue(json("{\"data\":[{\"from\":\"2021-03-01T00:00Z\",\"to\":\"2021-03-01T00:30Z\"}]}"));

    assertThatThrownBy(() -> source().history("GB", MIDNIGHT, MIDNIGHT.plus(HALF_HOUR)))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("'data[0].intensity' is missing");
  }

  @Test
  void history_badTimestamp_namesTheFieldAndValue() {
    server.enqueue(json("{\"data\":[{\"from\":\"yesterday\",\"to\":\"2021-03-01T00:30Z\","
        + "\"intensity\":{\"forecast\":1,\"actual\":1}}]}"));

    assertThatThrownBy(() -> source().history("GB", MIDNIGHT, MIDNIGHT.plus(HALF_HOUR)))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("'data[0].from' is 'yesterday'");
  }

  @Test
  void history_bothValuesNull_isAGapCountedInMetadata() {
    server.enqueue(json("{\"data\":[{\"from\":\"2021-03-01T00:00Z\",\"to\":\"2021-03-01T00:30Z\","
        + "\"intensity\":{\"forecast\":null,\"actual\":null,\"index\":null}},"
        + "{\"from\":\"2021-03-01T00:30Z\",\"to\":\"2021-03-01T01:00Z\","
        + "\"intensity\":{\"forecast\":150,\"actual\":148,\"index\":\"moderate\"}}]}"));

    IntensitySeries series = source().history("GB", MIDNIGHT, MIDNIGHT.plus(Duration.ofHours(1)));

    assertThat(series.points()).containsExactly(new IntensityPoint(MIDNIGHT.plus(HALF_HOUR), HALF_HOUR, 148, Flag.MEASURED));
    assertThat(series.metadata()).containsEntry("nullValues", "1");
  }

  @Test
  void history_emptyData_isAnEmptySeries() {
    server.enqueue(json("{\"data\":[]}"));

    IntensitySeries series = source().history("GB", MIDNIGHT, MIDNIGHT.plus(HALF_HOUR));

    assertThat(series.isEmpty()).isTrue();
    assertThat(series.zone()).isEqualTo("GB");
  }

  @Test
  void history_negativeValue_rejectedByDefault() {
    server.enqueue(json("{\"data\":[{\"from\":\"2021-03-01T00:00Z\",\"to\":\"2021-03-01T00:30Z\","
        + "\"intensity\":{\"forecast\":10,\"actual\":-5,\"index\":\"low\"}}]}"));

    assertThatThrownBy(() -> source().history("GB", MIDNIGHT, MIDNIGHT.plus(HALF_HOUR)))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("'data[0].intensity.actual' at 2021-03-01T00:00:00Z has -5.0 g/kWh, which is negative")
        .hasMessageContaining("InvalidValuePolicy.DROP");
  }

  @Test
  void history_invalidValuesWithDropPolicy_droppedAndReported() {
    server.enqueue(json("{\"data\":["
        + "{\"from\":\"2021-03-01T00:00Z\",\"to\":\"2021-03-01T00:30Z\",\"intensity\":{\"forecast\":10,\"actual\":-5}},"
        + "{\"from\":\"2021-03-01T00:30Z\",\"to\":\"2021-03-01T01:00Z\",\"intensity\":{\"forecast\":10,\"actual\":2500}},"
        + "{\"from\":\"2021-03-01T01:00Z\",\"to\":\"2021-03-01T01:30Z\",\"intensity\":{\"forecast\":10,\"actual\":2000}}]}"));
    CarbonIntensitySource source = CarbonIntensitySources.ukCarbonIntensity(
        config().invalidValues(InvalidValuePolicy.DROP).build());

    IntensitySeries series = source.history("GB", MIDNIGHT, MIDNIGHT.plus(Duration.ofMinutes(90)));

    assertThat(series.points()).containsExactly(
        new IntensityPoint(MIDNIGHT.plus(Duration.ofHours(1)), HALF_HOUR, 2000, Flag.MEASURED));
    assertThat(series.metadata()).containsEntry("droppedInvalidValues",
        "2021-03-01T00:00:00Z=-5.0, 2021-03-01T00:30:00Z=2500.0");
  }

  @Test
  void history_badRequest_isRejectedWithProviderMessageAndNotRetried() {
    server.enqueue(json(400, fixture("ukcarbonintensity/error_400.json")));

    assertThatThrownBy(() -> source().history("GB", MIDNIGHT, MIDNIGHT.plus(HALF_HOUR)))
        .isInstanceOf(RequestRejectedException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("Please enter a valid ISO 8601 datetime")
        .satisfies(e -> assertThat(((RequestRejectedException) e).statusCode()).isEqualTo(400));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void history_emptyInterval_isAnArgumentError() {
    assertThatThrownBy(() -> source().history("GB", MIDNIGHT, MIDNIGHT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is empty");
  }

  @Test
  void exceptions_carryProviderZoneAndInterval() {
    server.enqueue(json(404, "{\"error\":{\"code\":\"404 Not Found\",\"message\":\"not found\"}}"));

    assertThatThrownBy(() -> source().history("GB", MIDNIGHT, MIDNIGHT.plus(HALF_HOUR)))
        .isInstanceOfSatisfying(UnknownZoneException.class, e -> {
          assertThat(e.provider()).isEqualTo("ukcarbonintensity");
          assertThat(e.zone()).isEqualTo("GB");
          assertThat(e.from()).isEqualTo(MIDNIGHT);
          assertThat(e.to()).isEqualTo(MIDNIGHT.plus(HALF_HOUR));
        });
  }
}
