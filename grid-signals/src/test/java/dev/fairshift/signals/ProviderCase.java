package dev.fairshift.signals;


import dev.fairshift.core.SignalKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import mockwebserver3.MockWebServer;

/**
 * One provider client set up against a MockWebServer the way the provider tests need it: its
 * config (credentials, clock, no real sleeping), the zone and interval of a question its
 * real-shaped fixture answers, and the credentials that must never leak.
 *
 * @param name the provider's short name
 * @param zone the zone asked for
 * @param from the start of the question
 * @param to the end of the question
 * @param dataPath the path prefix of the data request
 * @param fixture the real-shaped answer to the question
 * @param login whether the client logs in first (WattTime)
 * @param secrets every credential the client holds, in the forms it sends them
 * @param credentialHeader the request header that carries the credential, or null
 */
record ProviderCase(String name, String zone, Instant from, Instant to, String dataPath, String fixture,
    boolean login, List<String> secrets, String credentialHeader, Factory factory) {

  static final String EM_TOKEN = "em-Tok3n-4b1d2c9e";
  static final String WT_USER = "fairshift-ci";
  static final String WT_PASSWORD = "wt-Passw0rd-9z8y7x";
  static final String WT_TOKEN = "wt-bearer-77aa55ee";
  static final String WT_BASIC = Base64.getEncoder()
      .encodeToString((WT_USER + ":" + WT_PASSWORD).getBytes(StandardCharsets.ISO_8859_1));
  static final String SDK_KEY = "sdk-k3y-c0ffee42";

  /** Builds the client for a server, after {@code tweak} has adjusted the shared settings. */
  interface Factory {
    CarbonIntensitySource create(MockWebServer server, Clock clock, UnaryOperator<ProviderConfig.Builder<?>> tweak);
  }

  /** The client for {@code server} with test defaults: no retries, no real sleeping. */
  CarbonIntensitySource source(MockWebServer server) {
    return source(server, b -> b);
  }

  /** The client for {@code server} with test defaults and {@code tweak} applied. */
  CarbonIntensitySource source(MockWebServer server, UnaryOperator<ProviderConfig.Builder<?>> tweak) {
    return factory.create(server, Clock.fixed(clockInstant(), ZoneOffset.UTC), b -> tweak.apply(
        b.retryPolicy(RetryPolicy.none()).sleeper(new ProviderTestSupport.RecordingSleeper())));
  }

  /** The answer to the login (WattTime), with the test's token. */
  static String loginAnswer() {
    return "{\"token\": \"" + WT_TOKEN + "\"}";
  }

  private Instant clockInstant() {
    return name.equals("electricitymaps") ? Instant.parse("2024-05-01T13:00:00Z") : to;
  }

  @Override
  public String toString() {
    return name;
  }

  @SuppressWarnings("unchecked")
  private static <B extends ProviderConfig.Builder<B>> B apply(B builder, MockWebServer server, Clock clock,
      UnaryOperator<ProviderConfig.Builder<?>> tweak) {
    return (B) tweak.apply(builder.baseUrl(server.url("/").uri()).clock(clock));
  }

  static final ProviderCase ELECTRICITY_MAPS = new ProviderCase("electricitymaps", "DE",
      Instant.parse("2024-05-01T08:00:00Z"), Instant.parse("2024-05-01T13:00:00Z"), "/v3/carbon-intensity/history",
      ProviderTestSupport.fixture("electricitymaps/history_DE.json"), false, List.of(EM_TOKEN), "auth-token",
      (server, clock, tweak) -> CarbonIntensitySources.electricityMaps(
          apply(ElectricityMapsConfig.builder(EM_TOKEN), server, clock, tweak).build()));

  static final ProviderCase WATTTIME = new ProviderCase("watttime", "CAISO_NORTH",
      Instant.parse("2022-07-15T00:00:00Z"), Instant.parse("2022-07-15T00:20:00Z"), "/v3/historical",
      ProviderTestSupport.fixture("watttime/historical_CAISO_NORTH.json"), true, List.of(WT_PASSWORD, WT_TOKEN, WT_BASIC),
      "Authorization",
      (server, clock, tweak) -> CarbonIntensitySources.wattTime(
          apply(WattTimeConfig.builder(WT_USER, WT_PASSWORD), server, clock, tweak).build()));

  static final ProviderCase UK = new ProviderCase("ukcarbonintensity", "GB",
      Instant.parse("2021-03-01T00:00:00Z"), Instant.parse("2021-03-01T03:00:00Z"), "/intensity/",
      ProviderTestSupport.fixture("ukcarbonintensity/national_history.json"), false, List.of(), null,
      (server, clock, tweak) -> CarbonIntensitySources.ukCarbonIntensity(
          apply(UkCarbonIntensityConfig.builder(), server, clock, tweak).build()));

  static final ProviderCase CARBON_AWARE_SDK = new ProviderCase("carbonawaresdk", "eastus",
      Instant.parse("2022-05-17T20:00:00Z"), Instant.parse("2022-05-17T20:20:00Z"), "/emissions/bylocations",
      ProviderTestSupport.fixture("carbonawaresdk/bylocations_eastus.json"), false, List.of(SDK_KEY), "x-api-key",
      (server, clock, tweak) -> CarbonIntensitySources.carbonAwareSdk(apply(
          CarbonAwareSdkConfig.builder(server.url("/").uri(), SignalKind.MARGINAL).apiKey("x-api-key", SDK_KEY),
          server, clock, tweak).build()));

  /** Every provider. */
  static List<ProviderCase> all() {
    return List.of(ELECTRICITY_MAPS, WATTTIME, UK, CARBON_AWARE_SDK);
  }

  /** The providers that send credentials. */
  static List<ProviderCase> withCredentials() {
    return List.of(ELECTRICITY_MAPS, WATTTIME, CARBON_AWARE_SDK);
  }

  /** How long the question is. */
  Duration length() {
    return Duration.between(from, to);
  }
}
