package dev.fairshift.signals;

import static dev.fairshift.signals.ProviderTestSupport.fixture;
import static dev.fairshift.signals.ProviderTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.SignalKind;
import dev.fairshift.signals.IntensityPoint.Flag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WattTimeSourceTest {
  private static final String USER = "fairshift-ci";
  private static final String PASSWORD = "wt-pa55-Secret!";
  private static final Instant MIDNIGHT = Instant.parse("2022-07-15T00:00:00Z");
  private static final Duration FIVE = Duration.ofMinutes(5);
  /** g/kWh per lbs/MWh: 453.59237 g per lb, 1000 kWh per MWh. */
  private static final double G_PER_KWH = 0.45359237;

  private final MockWebServer server = new MockWebServer();
  private final ProviderTestSupport.MutableClock clock = new ProviderTestSupport.MutableClock(MIDNIGHT);

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private WattTimeConfig.Builder config() {
    return WattTimeConfig.builder(USER, PASSWORD).baseUrl(server.url("/").uri()).clock(clock)
        .sleeper(new ProviderTestSupport.RecordingSleeper())
        .retryPolicy(RetryPolicy.defaults().withMaxAttempts(2).withJitterSeed(3));
  }

  private CarbonIntensitySource source() {
    return CarbonIntensitySources.wattTime(config().build());
  }

  private static String login(String token) {
    return "{\"token\":\"" + token + "\"}";
  }

  @Test
  void history_logsInWithBasicAuthAndConvertsPoundsPerMwh() throws Exception {
    server.enqueue(json(fixture("watttime/login.json")));
    server.enqueue(json(fixture("watttime/historical_CAISO_NORTH.json")));

    IntensitySeries series = source().history("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(Duration.ofMinutes(20)));

    RecordedRequest login = server.takeRequest();
    assertThat(login.getUrl().encodedPath()).isEqualTo("/login");
    assertThat(login.getHeaders().get("Authorization")).isEqualTo(Credentials.basic(USER, PASSWORD));
    RecordedRequest data = server.takeRequest();
    assertThat(data.getUrl().encodedPath()).isEqualTo("/v3/historical");
    assertThat(data.getUrl().queryParameter("region")).isEqualTo("CAISO_NORTH");
    assertThat(data.getUrl().queryParameter("start")).isEqualTo("2022-07-15T00:00:00Z");
    assertThat(data.getUrl().queryParameter("end")).isEqualTo("2022-07-15T00:20:00Z");
    assertThat(data.getUrl().queryParameter("signal_type")).isEqualTo("co2_moer");
    assertThat(data.getHeaders().get("Authorization")).isEqualTo("Bearer wt-token-1-abcdef");

    assertThat(series.signal()).isEqualTo(SignalKind.MARGINAL);
    assertThat(series.source()).isEqualTo("watttime");
    assertThat(series.points()).extracting(IntensityPoint::start)
        .containsExactly(MIDNIGHT, MIDNIGHT.plus(FIVE), MIDNIGHT.plus(FIVE.multipliedBy(2)), MIDNIGHT.plus(FIVE.multipliedBy(3)));
    assertThat(series.points()).extracting(IntensityPoint::length).containsOnly(FIVE);
    assertThat(series.points()).extracting(IntensityPoint::flag).containsOnly(Flag.MEASURED);
    // 1000 lbs/MWh = 453.59237 g/kWh; 950.5 → 431.139547685; 870 → 394.6253619; 0 stays 0.
    assertThat(series.points().get(0).gramsPerKwh()).isCloseTo(453.59237, within(1e-9));
    assertThat(series.points().get(1).gramsPerKwh()).isCloseTo(431.139547685, within(1e-9));
    assertThat(series.points().get(2).gramsPerKwh()).isCloseTo(394.6253619, within(1e-9));
    assertThat(series.points().get(3).gramsPerKwh()).isZero();
    assertThat(series.metadata()).containsEntry("region", "CAISO_NORTH").containsEntry("signalType", "co2_moer")
        .containsEntry("convertedFrom", "lbs_co2_per_mwh").containsEntry("modelDate", "2023-03-01")
        .containsEntry("warnings", "EXAMPLE_WARNING: This is just an example")
        .containsEntry("dataPointPeriodSeconds", "300");
  }

  @Test
  void forecast_readsGeneratedAtAndFlagsForecasts() throws Exception {
    server.enqueue(json(login("t1")));
    server.enqueue(json(fixture("watttime/forecast_CAISO_NORTH.json")));

    IntensitySeries series = source().forecast("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(Duration.ofMinutes(10)));

    server.takeRequest();
    RecordedRequest data = server.takeRequest();
    assertThat(data.getUrl().encodedPath()).isEqualTo("/v3/forecast");
    assertThat(data.getUrl().queryParameter("region")).isEqualTo("CAISO_NORTH");
    assertThat(data.getUrl().queryParameter("signal_type")).isEqualTo("co2_moer");
    assertThat(data.getUrl().queryParameter("horizon_hours")).isNull();
    assertThat(series.points()).hasSize(2).extracting(IntensityPoint::flag).containsOnly(Flag.FORECAST);
    assertThat(series.points().get(0).gramsPerKwh()).isCloseTo(1048.4131919701972 * G_PER_KWH, within(1e-9));
    assertThat(series.metadata()).containsEntry("generatedAt", "2022-07-15T00:00:00+00:00")
        .doesNotContainKey("warnings");
  }

  @Test
  void forecast_beyond24Hours_asksForALongerHorizonUpTo72() throws Exception {
    server.enqueue(json(login("t1")));
    server.enqueue(json(fixture("watttime/forecast_CAISO_NORTH.json")));
    server.enqueue(json(fixture("watttime/forecast_CAISO_NORTH.json")));
    CarbonIntensitySource source = source();

    source.forecast("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(Duration.ofHours(47).plusMinutes(10)));
    source.forecast("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(Duration.ofDays(5)));

    server.takeRequest();
    assertThat(server.takeRequest().getUrl().queryParameter("horizon_hours")).isEqualTo("48");
    assertThat(server.takeRequest().getUrl().queryParameter("horizon_hours")).isEqualTo("72");
  }

  @Test
  void history_averageSignalConfigured_isAverage() throws Exception {
    server.enqueue(json(login("t1")));
    server.enqueue(json(fixture("watttime/historical_CAISO_NORTH.json").replace("co2_moer", "co2_aoer")));
    CarbonIntensitySource source = CarbonIntensitySources.wattTime(config().signalType(WattTimeConfig.CO2_AOER).build());

    IntensitySeries series = source.history("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(FIVE));

    server.takeRequest();
    assertThat(server.takeRequest().getUrl().queryParameter("signal_type")).isEqualTo("co2_aoer");
    assertThat(series.signal()).isEqualTo(SignalKind.AVERAGE);
  }

  @Test
  void history_signalTypeDiffersFromRequested_isMalformedNotMixed() {
    server.enqueue(json(login("t1")));
    server.enqueue(json(fixture("watttime/historical_CAISO_NORTH.json").replace("co2_moer", "co2_aoer")));

    assertThatThrownBy(() -> source().history("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(FIVE)))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("meta.signal_type is 'co2_aoer' but 'co2_moer' was asked for");
  }

  @Test
  void history_wrongUnits_isMalformed() {
    server.enqueue(json(login("t1")));
    server.enqueue(json(fixture("watttime/historical_CAISO_NORTH.json").replace("lbs_co2_per_mwh", "kg_co2_per_mwh")));

    assertThatThrownBy(() -> source().history("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(FIVE)))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("meta.units is 'kg_co2_per_mwh' but 'lbs_co2_per_mwh' was expected");
  }

  @Test
  void history_implausibleValueAfterConversion_isRejectedNamingBothUnits() {
    server.enqueue(json(login("t1")));
    server.enqueue(json(fixture("watttime/historical_CAISO_NORTH.json").replace("1000.0", "5000.0")));

    assertThatThrownBy(() -> source().history("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(FIVE)))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("has 2267.96185 g/kWh (converted from 5000.0 lbs_co2_per_mwh)")
        .hasMessageContaining("above 2000 g/kWh");
  }

  @Test
  void history_otherRegionAnswered_isUnknownZone() {
    server.enqueue(json(login("t1")));
    server.enqueue(json(fixture("watttime/historical_CAISO_NORTH.json")));

    assertThatThrownBy(() -> source().history("PJM_DC", MIDNIGHT, MIDNIGHT.plus(FIVE)))
        .isInstanceOf(UnknownZoneException.class).hasMessageContaining("answered for region 'CAISO_NORTH'");
  }

  @Test
  void history_nullValue_isAGap() {
    server.enqueue(json(login("t1")));
    server.enqueue(json(fixture("watttime/historical_CAISO_NORTH.json").replace("950.5", "null")));

    IntensitySeries series = source().history("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(Duration.ofMinutes(20)));

    assertThat(series.points()).hasSize(3);
    assertThat(series.metadata()).containsEntry("nullValues", "1");
  }

  @Test
  void history_missingMeta_isMalformed() {
    server.enqueue(json(login("t1")));
    server.enqueue(json("{\"data\":[]}"));

    assertThatThrownBy(() -> source().history("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(FIVE)))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("field 'meta' is missing");
  }

  @Test
  void token_withinLifetime_isReused() throws Exception {
    server.enqueue(json(login("t1")));
    server.enqueue(json(fixture("watttime/historical_CAISO_NORTH.json")));
    server.enqueue(json(fixture("watttime/historical_CAISO_NORTH.json")));
    CarbonIntensitySource source = source();

    source.history("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(FIVE));
    clock.advance(Duration.ofMinutes(28));
    source.history("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(FIVE));

    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/login");
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer t1");
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer t1");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void token_afterLifetime_isRefreshedBeforeTheCall() throws Exception {
    server.enqueue(json(login("t1")));
    server.enqueue(json(fixture("watttime/historical_CAISO_NORTH.json")));
    server.enqueue(json(login("t2")));
    server.enqueue(json(fixture("watttime/historical_CAISO_NORTH.json")));
    CarbonIntensitySource source = source();

    source.history("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(FIVE));
    clock.advance(Duration.ofMinutes(29));
    source.history("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(FIVE));

    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/login");
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer t1");
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/login");
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer t2");
  }

  @Test
  void token_rejectedWith401_isRefreshedAndTheCallRetriedOnce() throws Exception {
    server.enqueue(json(login("t1")));
    server.enqueue(json(401, "{\"error\":\"token expired\"}"));
    server.enqueue(json(login("t2")));
    server.enqueue(json(fixture("watttime/historical_CAISO_NORTH.json")));

    IntensitySeries series = source().history("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(FIVE));

    assertThat(series.points()).hasSize(1);
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/login");
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer t1");
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/login");
    RecordedRequest retried = server.takeRequest();
    assertThat(retried.getUrl().encodedPath()).isEqualTo("/v3/historical");
    assertThat(retried.getHeaders().get("Authorization")).isEqualTo("Bearer t2");
  }

  @Test
  void token_rejectedTwice_isAuthenticationErrorWithoutSecrets() {
    server.enqueue(json(login("t1")));
    server.enqueue(json(401, "{\"error\":\"invalid token t1\"}"));
    server.enqueue(json(login("t2")));
    server.enqueue(json(401, "{\"error\":\"invalid token t2\"}"));

    assertThatThrownBy(() -> source().history("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(FIVE)))
        .isInstanceOfSatisfying(AuthenticationException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(401);
          assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain("t2\"")
              .contains("invalid token ***").contains("Maybe check the WattTime username and password");
        });
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void token_concurrentCallsWithoutToken_logInOnce() throws Exception {
    AtomicInteger logins = new AtomicInteger();
    String historical = fixture("watttime/historical_CAISO_NORTH.json");
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getUrl().encodedPath().equals("/login")) {
          return json(login("t" + logins.incrementAndGet()));
        }
        return json(historical);
      }
    });
    CarbonIntensitySource source = source();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<IntensitySeries>> answers = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        answers.add(pool.submit(() -> source.history("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(FIVE))));
      }
      for (Future<IntensitySeries> answer : answers) {
        assertThat(answer.get(10, TimeUnit.SECONDS).points()).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(logins.get()).isEqualTo(1);
    assertThat(server.getRequestCount()).isEqualTo(13);
  }

  @Test
  void login_refused_isAuthenticationErrorWithoutThePassword() {
    server.enqueue(json(401, "{\"error\":\"bad credentials for password " + PASSWORD + "\"}"));

    assertThatThrownBy(() -> source().history("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(FIVE)))
        .isInstanceOfSatisfying(AuthenticationException.class, e -> {
          assertThat(e.getMessage()).contains("login HTTP 401").doesNotContain(PASSWORD)
              .doesNotContain(Credentials.basic(USER, PASSWORD).substring(6));
          assertThat(e.provider()).isEqualTo("watttime");
          assertThat(e.zone()).isEqualTo("CAISO_NORTH");
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void login_failingWith500_isRetriedThenUnavailable() {
    server.enqueue(json(500, "{}"));
    server.enqueue(json(500, "{}"));

    assertThatThrownBy(() -> source().history("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(FIVE)))
        .isInstanceOfSatisfying(ProviderUnavailableException.class, e -> {
          assertThat(e.attempts()).isEqualTo(2);
          assertThat(e.statusCode()).hasValue(500);
          assertThat(e.getMessage()).contains("login HTTP 500").contains("after 2 attempts");
        });
  }

  @Test
  void login_withoutToken_isMalformed() {
    server.enqueue(json("{\"note\":\"no token here\"}"));

    assertThatThrownBy(() -> source().history("CAISO_NORTH", MIDNIGHT, MIDNIGHT.plus(FIVE)))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("without a readable token");
  }

  @Test
  void config_toString_hidesThePassword() {
    String text = config().build().toString();

    assertThat(text).doesNotContain(PASSWORD).contains("password=***").contains("username=" + USER);
  }
}
