package dev.fairshift.signals;

import static dev.fairshift.signals.ProviderTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries, backoff, Retry-After and timeouts, shown through the UK client (the retry interceptor is shared). */
class RetryTest {
  private static final Instant MIDNIGHT = Instant.parse("2021-03-01T00:00:00Z");
  private static final Instant HALF_PAST = MIDNIGHT.plus(Duration.ofMinutes(30));
  private static final String EMPTY = "{\"data\":[]}";
  private static final Clock CLOCK = Clock.fixed(MIDNIGHT, ZoneOffset.UTC);

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

  private UkCarbonIntensityConfig.Builder config(RetryPolicy policy) {
    return UkCarbonIntensityConfig.builder().baseUrl(server.url("/").uri()).clock(CLOCK).sleeper(sleeper)
        .retryPolicy(policy);
  }

  private CarbonIntensitySource source(RetryPolicy policy) {
    return CarbonIntensitySources.ukCarbonIntensity(config(policy).build());
  }

  private static RetryPolicy seeded() {
    return RetryPolicy.defaults().withJitterSeed(42);
  }

  private static MockResponse status(int code, String... headers) {
    return new MockResponse(code, Headers.of(headers), "{\"error\":{\"code\":\"" + code + "\",\"message\":\"busy\"}}");
  }

  /** Asserts a jittered wait lies in [(1 - jitter) × backoff, backoff]. */
  private static void assertJittered(Duration wait, Duration backoff, double jitter) {
    long nanos = backoff.toNanos();
    assertThat(wait.toNanos()).isBetween(Math.round(nanos * (1 - jitter)), nanos);
  }

  @Test
  void retry_429WithRetryAfterSeconds_waitsThatLongThenSucceeds() {
    server.enqueue(status(429, "Retry-After", "3"));
    server.enqueue(json(EMPTY));

    IntensitySeries series = source(seeded()).history("GB", MIDNIGHT, HALF_PAST);

    assertThat(series.isEmpty()).isTrue();
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(3));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void retry_429WithRetryAfterDate_waitsUntilThatDateOnTheInjectedClock() {
    server.enqueue(status(429, "Retry-After", "Mon, 01 Mar 2021 00:00:07 GMT"));
    server.enqueue(json(EMPTY));

    source(seeded()).history("GB", MIDNIGHT, HALF_PAST);

    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void retry_503WithRetryAfter_isHonouredToo() {
    server.enqueue(status(503, "Retry-After", "1"));
    server.enqueue(json(EMPTY));

    source(seeded()).history("GB", MIDNIGHT, HALF_PAST);

    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void retry_retryAfterAboveCap_failsAtOnceCarryingTheProvidersWait() {
    server.enqueue(status(429, "Retry-After", "600"));

    assertThatThrownBy(() -> source(seeded().withMaxRetryAfter(Duration.ofMinutes(2))).history("GB", MIDNIGHT, HALF_PAST))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(10));
          assertThat(e.attempts()).isEqualTo(1);
          assertThat(e.getMessage()).contains("HTTP 429").contains("wait PT10M").contains("Maybe");
        });
    assertThat(sleeper.waits()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retry_429Forever_isRateLimitedAfterMaxAttemptsWithTheNextBackoff() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(status(429));
    }

    assertThatThrownBy(() -> source(seeded().withMaxAttempts(3)).history("GB", MIDNIGHT, HALF_PAST))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.attempts()).isEqualTo(3);
          assertJittered(e.retryAfter(), Duration.ofSeconds(2), 0.5);
        });
    assertThat(sleeper.waits()).hasSize(2);
    assertJittered(sleeper.waits().get(0), Duration.ofMillis(500), 0.5);
    assertJittered(sleeper.waits().get(1), Duration.ofSeconds(1), 0.5);
  }

  @Test
  void retry_500ThenSuccess_succeedsAfterOneBackoff() {
    server.enqueue(status(500));
    server.enqueue(json(EMPTY));

    source(seeded()).history("GB", MIDNIGHT, HALF_PAST);

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(sleeper.waits()).hasSize(1);
    assertJittered(sleeper.waits().get(0), Duration.ofMillis(500), 0.5);
  }

  @Test
  void retry_500Forever_isUnavailableAfterMaxAttemptsWithExponentialWaits() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(status(502));
    }

    assertThatThrownBy(() -> source(seeded()).history("GB", MIDNIGHT, HALF_PAST))
        .isInstanceOfSatisfying(ProviderUnavailableException.class, e -> {
          assertThat(e.statusCode()).hasValue(502);
          assertThat(e.attempts()).isEqualTo(4);
          assertThat(e.getMessage()).startsWith("ukcarbonintensity, zone 'GB', [2021-03-01T00:00:00Z, 2021-03-01T00:30:00Z)")
              .contains("HTTP 502").contains("after 4 attempts").contains("Maybe");
        });
    assertThat(server.getRequestCount()).isEqualTo(4);
    List<Duration> waits = sleeper.waits();
    assertThat(waits).hasSize(3);
    assertJittered(waits.get(0), Duration.ofMillis(500), 0.5);
    assertJittered(waits.get(1), Duration.ofSeconds(1), 0.5);
    assertJittered(waits.get(2), Duration.ofSeconds(2), 0.5);
  }

  @Test
  void retry_backoff_isCappedAtMaxBackoff() {
    RetryPolicy policy = RetryPolicy.defaults().withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(3)).withJitter(0);

    assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(3));
    assertThat(policy.backoff(40)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void retry_sameSeed_givesTheSameWaitsAndAnotherSeedOthers() {
    List<List<Duration>> runs = new ArrayList<>();
    for (long seed : new long[] {42, 42, 43}) {
      for (int i = 0; i < 4; i++) {
        server.enqueue(status(500));
      }
      ProviderTestSupport.RecordingSleeper own = new ProviderTestSupport.RecordingSleeper();
      CarbonIntensitySource source = CarbonIntensitySources.ukCarbonIntensity(
          config(RetryPolicy.defaults().withJitterSeed(seed)).sleeper(own).build());
      assertThatThrownBy(() -> source.history("GB", MIDNIGHT, HALF_PAST)).isInstanceOf(ProviderUnavailableException.class);
      runs.add(own.waits());
    }

    assertThat(runs.get(0)).hasSize(3).isEqualTo(runs.get(1)).isNotEqualTo(runs.get(2));
  }

  @Test
  void retry_otherClientErrors_areNotRetried() {
    server.enqueue(status(400));
    server.enqueue(status(401));
    server.enqueue(status(404));
    server.enqueue(status(422));
    CarbonIntensitySource source = source(seeded());

    assertThatThrownBy(() -> source.history("GB", MIDNIGHT, HALF_PAST)).isInstanceOf(RequestRejectedException.class);
    assertThatThrownBy(() -> source.history("GB", MIDNIGHT, HALF_PAST)).isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> source.history("GB", MIDNIGHT, HALF_PAST)).isInstanceOf(UnknownZoneException.class);
    assertThatThrownBy(() -> source.history("GB", MIDNIGHT, HALF_PAST)).isInstanceOf(RequestRejectedException.class);
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void retry_readTimeout_isRetriedThenSucceeds() {
    server.enqueue(new MockResponse.Builder().body(EMPTY).headersDelay(2, TimeUnit.SECONDS).build());
    server.enqueue(json(EMPTY));
    CarbonIntensitySource source = CarbonIntensitySources.ukCarbonIntensity(
        config(seeded()).readTimeout(Duration.ofMillis(150)).build());

    assertThat(source.history("GB", MIDNIGHT, HALF_PAST).isEmpty()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(sleeper.waits()).hasSize(1);
  }

  @Test
  void retry_timeoutEveryTime_isUnavailableWithTheTimeoutAsCause() {
    server.enqueue(new MockResponse.Builder().body(EMPTY).headersDelay(2, TimeUnit.SECONDS).build());
    server.enqueue(new MockResponse.Builder().body(EMPTY).headersDelay(2, TimeUnit.SECONDS).build());
    CarbonIntensitySource source = CarbonIntensitySources.ukCarbonIntensity(
        config(seeded().withMaxAttempts(2)).readTimeout(Duration.ofMillis(150)).build());

    assertThatThrownBy(() -> source.history("GB", MIDNIGHT, HALF_PAST))
        .isInstanceOfSatisfying(ProviderUnavailableException.class, e -> {
          assertThat(e.statusCode()).isEmpty();
          assertThat(e.attempts()).isEqualTo(2);
          assertThat(e.getCause()).isInstanceOf(SocketTimeoutException.class);
          assertThat(e.getMessage()).contains("no answer (SocketTimeoutException").contains("after 2 attempts");
        });
  }

  @Test
  void retry_connectionRefused_isRetriedThenUnavailable() throws Exception {
    MockWebServer closed = new MockWebServer();
    closed.start();
    String deadUrl = closed.url("/").toString();
    closed.close();
    CarbonIntensitySource source = CarbonIntensitySources.ukCarbonIntensity(UkCarbonIntensityConfig.builder()
        .baseUrl(deadUrl).sleeper(sleeper).retryPolicy(seeded().withMaxAttempts(3))
        .connectTimeout(Duration.ofMillis(500)).build());

    assertThatThrownBy(() -> source.history("GB", MIDNIGHT, HALF_PAST))
        .isInstanceOfSatisfying(ProviderUnavailableException.class, e -> {
          assertThat(e.statusCode()).isEmpty();
          assertThat(e.attempts()).isEqualTo(3);
          assertThat(e.getCause()).isInstanceOf(ConnectException.class);
        });
    assertThat(sleeper.waits()).hasSize(2);
  }

  @Test
  void retry_bodyCutOffMidway_isRetried() {
    server.enqueue(new MockResponse.Builder().body("{\"data\":[" + " ".repeat(20_000) + "]}")
        .onResponseBody(new SocketEffect.CloseSocket(true, false, false)).build());
    server.enqueue(json(EMPTY));

    assertThat(source(seeded()).history("GB", MIDNIGHT, HALF_PAST).isEmpty()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void retry_noRetriesPolicy_failsOnTheFirstError() {
    server.enqueue(status(500));

    assertThatThrownBy(() -> source(RetryPolicy.none()).history("GB", MIDNIGHT, HALF_PAST))
        .isInstanceOfSatisfying(ProviderUnavailableException.class, e -> assertThat(e.attempts()).isEqualTo(1));
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void retry_logsAtDebugWithoutQueryOrSecrets() {
    String token = "em-log-secret-0042";
    Logger logger = Logger.getLogger("dev.fairshift.signals.internal.http.RetryInterceptor");
    List<String> messages = new ArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        synchronized (messages) {
          messages.add(new SimpleFormatter().formatMessage(record));
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Level previous = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(handler);
    try {
      server.enqueue(status(500));
      server.enqueue(json("{\"zone\":\"DE\",\"history\":[]}"));
      CarbonIntensitySource source = CarbonIntensitySources.electricityMaps(ElectricityMapsConfig.builder(token)
          .baseUrl(server.url("/").uri()).clock(Clock.fixed(MIDNIGHT, ZoneOffset.UTC)).sleeper(sleeper)
          .retryPolicy(seeded()).build());

      source.history("DE", MIDNIGHT.minus(Duration.ofHours(2)), MIDNIGHT);
    } finally {
      logger.removeHandler(handler);
      logger.setLevel(previous);
    }

    assertThat(messages).hasSize(1);
    assertThat(messages.get(0)).contains("electricitymaps").contains("/v3/carbon-intensity/history")
        .contains("HTTP 500").contains("retry 1 of 3").doesNotContain(token).doesNotContain("zone=");
  }

  @Test
  void policy_invalidSettings_areRejectedWithAHint() {
    assertThatThrownBy(() -> RetryPolicy.defaults().withMaxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1").hasMessageContaining("Maybe");
    assertThatThrownBy(() -> RetryPolicy.defaults().withJitter(1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
    assertThatThrownBy(() -> RetryPolicy.defaults().withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than initialBackoff");
  }
}
