package dev.fairshift.signals;

import static dev.fairshift.signals.ProviderTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fairshift.core.SignalKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client's credentials never appear in toString() or in any exception message (causes and
 * suppressed ones included), whatever the provider echoes back.
 */
class SecretsTest {
  private static final String EM_TOKEN = "em-Tok3n-4b1d2c";
  private static final String WT_PASSWORD = "wt-Passw0rd-9z8y";
  private static final String WT_TOKEN = "wt-bearer-77aa55";
  private static final String SDK_KEY = "sdk-k3y-c0ffee";
  private static final String WT_BASIC =
      Base64.getEncoder().encodeToString(("user:" + WT_PASSWORD).getBytes(StandardCharsets.ISO_8859_1));
  private static final List<String> SECRETS = List.of(EM_TOKEN, WT_PASSWORD, WT_TOKEN, SDK_KEY, WT_BASIC);
  private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
  private static final Instant T1 = T0.plus(Duration.ofHours(1));

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Error answers that quote {@code secrets}, in the body and in headers. */
  private static List<MockResponse> echoingFailures(List<String> secrets) {
    String all = String.join(" ", secrets);
    Headers headers = Headers.of("Content-Type", "application/json", "X-Echo", all);
    List<MockResponse> answers = new ArrayList<>();
    for (int code : new int[] {400, 401, 403, 404, 422, 500, 501}) {
      answers.add(new MockResponse(code, headers, "{\"message\":\"rejected " + all + "\"}"));
    }
    answers.add(new MockResponse(429, Headers.of("Retry-After", "9999", "X-Echo", all), "slow down " + all));
    answers.add(new MockResponse(200, headers, "not json " + all));
    answers.add(new MockResponse(200, headers, "{\"unexpected\":\"" + all + "\"}"));
    return answers;
  }

  private static List<String> messages(Throwable thrown) {
    List<String> messages = new ArrayList<>();
    collect(thrown, messages);
    return messages;
  }

  private static void collect(Throwable thrown, List<String> messages) {
    if (thrown == null) {
      return;
    }
    messages.add(String.valueOf(thrown));
    for (Throwable suppressed : thrown.getSuppressed()) {
      collect(suppressed, messages);
    }
    collect(thrown.getCause(), messages);
  }

  private void assertNoSecretInFailures(Function<MockWebServer, CarbonIntensitySource> factory,
      String zone, boolean loginFirst, List<String> secrets) {
    for (MockResponse failure : echoingFailures(secrets)) {
      // Logins (when the data call is meant to fail) always succeed; everything else gets the failure.
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          boolean login = request.getUrl().encodedPath().equals("/login");
          return loginFirst && login ? json("{\"token\":\"" + WT_TOKEN + "\"}") : failure;
        }
      });
      CarbonIntensitySource source = factory.apply(server);
      Throwable thrown = catchThrowable(() -> source.history(zone, T0, T1));
      assertThat(thrown).as("answer %s", failure).isInstanceOf(ProviderException.class);
      for (String message : messages(thrown)) {
        for (String secret : secrets) {
          assertThat(message).as("message after %s", failure).doesNotContain(secret);
        }
      }
    }
  }

  private static <B extends ProviderConfig.Builder<B>> B quick(B builder, MockWebServer server) {
    return builder.baseUrl(server.url("/").uri()).clock(Clock.fixed(T1, ZoneOffset.UTC))
        .retryPolicy(RetryPolicy.none()).sleeper(new ProviderTestSupport.RecordingSleeper());
  }

  @Test
  void electricityMaps_failures_neverShowTheToken() {
    assertNoSecretInFailures(s -> CarbonIntensitySources.electricityMaps(
        quick(ElectricityMapsConfig.builder(EM_TOKEN), s).build()), "DE", false, List.of(EM_TOKEN));
  }

  @Test
  void wattTime_failures_neverShowPasswordOrToken() {
    assertNoSecretInFailures(s -> CarbonIntensitySources.wattTime(
        quick(WattTimeConfig.builder("user", WT_PASSWORD), s).build()), "CAISO_NORTH", true, List.of(WT_PASSWORD, WT_TOKEN, WT_BASIC));
  }

  @Test
  void wattTime_loginFailures_neverShowThePassword() {
    assertNoSecretInFailures(s -> CarbonIntensitySources.wattTime(
        quick(WattTimeConfig.builder("user", WT_PASSWORD), s).build()), "CAISO_NORTH", false, List.of(WT_PASSWORD, WT_BASIC));
  }

  @Test
  void carbonAwareSdk_failures_neverShowTheKey() {
    assertNoSecretInFailures(s -> CarbonIntensitySources.carbonAwareSdk(
        quick(CarbonAwareSdkConfig.builder(s.url("/").uri(), SignalKind.MARGINAL).apiKey("x-api-key", SDK_KEY), s)
            .build()), "eastus", false, List.of(SDK_KEY));
  }

  @Test
  void configs_toString_neverShowSecrets() {
    List<ProviderConfig> configs = List.of(
        ElectricityMapsConfig.builder(EM_TOKEN).build(),
        WattTimeConfig.builder("user", WT_PASSWORD).build(),
        CarbonAwareSdkConfig.builder("http://localhost:8080", SignalKind.AVERAGE).apiKey("x-api-key", SDK_KEY).build(),
        UkCarbonIntensityConfig.defaults());
    for (ProviderConfig config : configs) {
      for (String secret : SECRETS) {
        assertThat(config.toString()).doesNotContain(secret);
      }
      assertThat(config.toString()).contains("baseUrl=").contains("readTimeout=PT30S").contains("retryPolicy=");
    }
  }

  @Test
  void credentialsAnHttpHeaderCannotCarry_areRejectedWithoutBeingShown() {
    String token = EM_TOKEN + "\n";
    Throwable em = catchThrowable(() -> ElectricityMapsConfig.builder(token));
    assertThat(em).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trailing newline")
        .hasMessageNotContaining(EM_TOKEN);
    Throwable sdk = catchThrowable(() -> CarbonAwareSdkConfig.builder("http://localhost:8080", SignalKind.AVERAGE)
        .apiKey("x-api-key", SDK_KEY + "\u00e9"));
    assertThat(sdk).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-ASCII")
        .hasMessageNotContaining(SDK_KEY);
  }
}
