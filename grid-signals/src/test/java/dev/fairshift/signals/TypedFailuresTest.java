package dev.fairshift.signals;

import static dev.fairshift.signals.ProviderTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Absurd but well-formed answers (huge durations and periods, timestamps at the end of time,
 * numbers beyond double, reversed periods) and absurd questions end in a typed
 * {@link ProviderException} naming provider, zone and interval; empty and all-null data give an
 * explicit empty series.
 */
class TypedFailuresTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Throwable answer(ProviderCase provider, String body) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return provider.login() && request.getUrl().encodedPath().equals("/login")
            ? json(ProviderCase.loginAnswer()) : json(body);
      }
    });
    return catchThrowable(() -> provider.source(server).history(provider.zone(), provider.from(), provider.to()));
  }

  private static void assertMalformed(Throwable thrown, ProviderCase provider, String... fragments) {
    assertThat(thrown).isInstanceOfSatisfying(MalformedResponseException.class, e -> {
      assertThat(e.provider()).isEqualTo(provider.name());
      assertThat(e.zone()).isEqualTo(provider.zone());
      assertThat(e.from()).isEqualTo(provider.from());
      assertThat(e.to()).isEqualTo(provider.to());
      assertThat(e.getMessage()).startsWith(provider.name() + ", zone '" + provider.zone() + "', [" + provider.from())
          .doesNotContain("bug in Fairshift");
      for (String fragment : fragments) {
        assertThat(e.getMessage()).contains(fragment);
      }
    });
  }

  @Test
  void carbonAwareSdk_hugeDurations_areMalformed() {
    ProviderCase sdk = ProviderCase.CARBON_AWARE_SDK;
    for (String duration : new String[] {"\"99999999999999999999.00:00:00\"", "\"P9999999999999999D\"",
        "\"PT99999999999999999999H\"", "\"-00:05:00\"", "1e308", "-1e308", "9223372036854775807", "\"banana\""}) {
      Throwable thrown = answer(sdk, sdk.fixture().replaceFirst("\"00:05:00\"", duration));
      assertMalformed(thrown, sdk, "[0].");
    }
  }

  @Test
  void wattTime_hugeOrOddPeriods_areMalformed() {
    ProviderCase wt = ProviderCase.WATTTIME;
    for (String period : new String[] {"9223372036854775807", "1e300", "-300", "0", "\"300\"", "true"}) {
      Throwable thrown = answer(wt, wt.fixture().replace("\"data_point_period_seconds\": 300",
          "\"data_point_period_seconds\": " + period));
      assertMalformed(thrown, wt);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.fairshift.signals.ProviderCase#all")
  void timestampsAtTheEndOfTime_areMalformedOrOutside(ProviderCase provider) {
    for (String time : new String[] {"+1000000000-12-31T23:59:59Z", "2024-13-45T99:99:99Z", "20240501T000000Z", ""}) {
      Throwable thrown = answer(provider, provider.fixture().replaceFirst("\"20\\d\\d-\\d\\d-\\d\\dT[^\"]*\"", "\"" + time + "\""));
      assertMalformed(thrown, provider, "not an ISO-8601 date-time");
    }
    // Well-formed but far away: the point lies outside the interval and is left out.
    for (String time : new String[] {"+999999999-12-31T23:00:00+00:00", "-999999999-01-01T00:00:00Z"}) {
      Throwable far = answer(provider, provider.fixture().replaceFirst("\"20\\d\\d-\\d\\d-\\d\\dT[^\"]*\"", "\"" + time + "\""));
      if (provider == ProviderCase.UK && time.startsWith("+")) {
        assertMalformed(far, provider, "not a positive duration"); // its "to" stays in 2021
      } else {
        assertThat(far).as(time).isNull();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dev.fairshift.signals.ProviderCase#all")
  void numbersBeyondDouble_orTooLong_areMalformed(ProviderCase provider) {
    for (String number : new String[] {"1e400", "-1e400", "1" + "0".repeat(1200), "1e-400e5"}) {
      Throwable thrown = answer(provider, provider.fixture().replaceAll(
          "(\"value\"|\"carbonIntensity\"|\"rating\"|\"actual\"): [0-9.]+", "$1: " + number));
      assertThat(thrown).as(number).isInstanceOf(MalformedResponseException.class);
      assertThat(thrown.getMessage()).doesNotContain("bug in Fairshift").doesNotContain("0".repeat(100));
    }
  }

  @Test
  void ukPeriod_endingBeforeItStarts_isMalformed() {
    ProviderCase uk = ProviderCase.UK;
    String fixture = uk.fixture();
    Throwable thrown = answer(uk, fixture.replaceFirst("\"to\": \"2021-03-01T00:30Z\"", "\"to\": \"2020-03-01T00:30Z\""));
    assertMalformed(thrown, uk, "not a positive duration");
  }

  @ParameterizedTest
  @MethodSource("dev.fairshift.signals.ProviderCase#all")
  void absurdQuestions_areRejectedBeforeSending(ProviderCase provider) {
    CarbonIntensitySource source = provider.source(server);
    // The Carbon Aware SDK is asked in one request whatever the length; the others in chunks, at most 500.
    Instant[][] intervals = provider == ProviderCase.CARBON_AWARE_SDK
        ? new Instant[][] {{Instant.MIN, provider.to()}, {provider.from(), Instant.MAX}}
        : new Instant[][] {{Instant.MIN, provider.to()}, {provider.from(), Instant.MAX},
            {Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("9999-01-01T00:00:00Z")}};
    for (Instant[] interval : intervals) {
      Throwable thrown = catchThrowable(() -> source.history(provider.zone(), interval[0], interval[1]));
      assertThat(thrown).isInstanceOfSatisfying(RequestRejectedException.class, e -> {
        assertThat(e.statusCode()).isZero();
        assertThat(e.from()).isEqualTo(interval[0]);
        assertThat(e.getMessage()).contains("not sent").contains("Maybe");
      });
    }
    Throwable control = catchThrowable(() -> source.history("DE\u001b[2J\n", provider.from(), provider.to()));
    assertThat(control).isInstanceOf(RequestRejectedException.class).hasMessageContaining("zone 'DE\\u001b[2J\\u000a'");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void electricityMaps_emptyOrAllNullData_isAnExplicitEmptySeries() throws Exception {
    ProviderCase em = ProviderCase.ELECTRICITY_MAPS;
    String allNull = em.fixture().replaceAll("\"carbonIntensity\": [0-9.]+", "\"carbonIntensity\": null");
    assertThat(allNull).contains("\"carbonIntensity\": null");
    server.setDispatcher(new Dispatcher() {
      int calls;

      @Override
      public synchronized MockResponse dispatch(RecordedRequest request) {
        return json(calls++ == 0 ? allNull : "{\"zone\":\"DE\",\"history\":[]}");
      }
    });
    CarbonIntensitySource source = em.source(server);

    IntensitySeries nulls = source.history(em.zone(), em.from(), em.to());
    IntensitySeries empty = source.history(em.zone(), em.from(), em.to());

    assertThat(nulls.isEmpty()).isTrue();
    assertThat(Integer.parseInt(nulls.metadata().get("nullValues"))).isPositive();
    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.metadata()).doesNotContainKey("nullValues").containsEntry("provider", "electricitymaps");
  }
}
