package dev.fairshift.signals;

import static dev.fairshift.signals.ProviderTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a provider echoes, in whatever form (literal, upper case, JSON-escaped, URL-encoded
 * once or twice, HTML character references, whitespace inserted) and wherever (error body,
 * status line, a malformed status line, a header, a field that ends up in a message, a field kept
 * as metadata, the login's error), no credential appears in an exception's message, its causes,
 * the result's {@code toString()} or a log line.
 */
class EchoedSecretsTest {
  private final MockWebServer server = new MockWebServer();
  private final List<String> logLines = new ArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      synchronized (logLines) {
        logLines.add(new SimpleFormatter().format(record));
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };
  private final Logger logger = Logger.getLogger("dev.fairshift.signals");
  private Level previousLevel;

  @BeforeEach
  void start() throws Exception {
    server.start();
    previousLevel = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(handler);
  }

  @AfterEach
  void stop() {
    logger.removeHandler(handler);
    logger.setLevel(previousLevel);
    server.close();
  }

  static List<ProviderCase> providers() {
    return ProviderCase.withCredentials();
  }

  /** The forms a provider might echo {@code secret} in, by name. */
  static Map<String, String> forms(String secret) {
    Map<String, String> forms = new LinkedHashMap<>();
    forms.put("literal", secret);
    forms.put("upper case", secret.toUpperCase(Locale.ROOT));
    StringBuilder unicode = new StringBuilder();
    secret.chars().forEach(c -> unicode.append(String.format(Locale.ROOT, "\\u%04x", c)));
    forms.put("JSON \\u escapes", unicode.toString());
    forms.put("JSON escaped", secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
    forms.put("URL-encoded", URLEncoder.encode(secret, StandardCharsets.UTF_8));
    StringBuilder percent = new StringBuilder();
    for (byte b : secret.getBytes(StandardCharsets.UTF_8)) {
      percent.append(String.format(Locale.ROOT, "%%%02X", b & 0xff));
    }
    forms.put("percent-encoded", percent.toString());
    forms.put("double percent-encoded", percent.toString().replace("%", "%25"));
    StringBuilder html = new StringBuilder();
    secret.chars().forEach(c -> html.append("&#").append(c).append(';'));
    forms.put("HTML references", html.toString());
    StringBuilder spaced = new StringBuilder();
    for (int i = 0; i < secret.length(); i++) {
      spaced.append(secret.charAt(i)).append(i % 4 == 3 ? "\\n  " : i % 5 == 4 ? " " : "");
    }
    forms.put("whitespace changed", spaced.toString());
    return forms;
  }

  /** Where a provider might echo {@code form}: the answers to the data request, by name. */
  private static Map<String, Function<ProviderCase, MockResponse>> places(String form) {
    Map<String, Function<ProviderCase, MockResponse>> places = new LinkedHashMap<>();
    for (int code : new int[] {400, 401, 403, 404, 422, 429, 500, 501}) {
      places.put("HTTP " + code + " body", p -> json(code, "{\"error\":\"bad key " + form + "\"}"));
    }
    places.put("long error body", p -> json(500, "{\"error\":\"" + "x".repeat(230) + form + "\"}"));
    places.put("status line", p -> new MockResponse.Builder().status("HTTP/1.1 500 Bad key " + form.replace("\\n", " "))
        .body("{}").build());
    places.put("malformed status line", p -> new MockResponse.Builder()
        .status("HTTP/1.1 2x0 " + form.replace("\\n", " ")).body("{}").build());
    places.put("header", p -> new MockResponse(500, Headers.of("X-Echo", form.replace("\\n", " ")), "{}"));
    places.put("not JSON", p -> json(200, "not json " + form));
    places.put("JSON cut off", p -> json(200, "{\"zone\": \"" + form));
    places.put("zone field", p -> json(p.fixture().replaceFirst("\"(DE|CAISO_NORTH|eastus)\"", "\"" + form + "\"")));
    places.put("timestamp field", p -> json(p.fixture().replaceFirst("\"20\\d\\d-[^\"]*\"", "\"" + form + "\"")));
    places.put("number field", p -> json(p.fixture().replaceFirst("(\"value\"|\"carbonIntensity\"|\"rating\"): [0-9.]+",
        "$1: \"" + form + "\"")));
    places.put("metadata", p -> json(p.fixture().replace("This is just an example", form)
        .replace("\"eastus\"", "\"" + form + "\"").replace("\"2024-05-01T12:45:00.000Z\"", "\"" + form + "\"")));
    return places;
  }

  private static List<String> texts(Throwable thrown) {
    List<String> texts = new ArrayList<>();
    collect(thrown, texts, 0);
    return texts;
  }

  private static void collect(Throwable thrown, List<String> texts, int depth) {
    if (thrown == null || depth > 10) {
      return;
    }
    texts.add(String.valueOf(thrown));
    texts.add(String.valueOf(thrown.getLocalizedMessage()));
    for (Throwable suppressed : thrown.getSuppressed()) {
      collect(suppressed, texts, depth + 1);
    }
    collect(thrown.getCause(), texts, depth + 1);
  }

  private static void assertNoSecret(List<String> texts, String secret, String form, String what) {
    String lowerSecret = secret.toLowerCase(Locale.ROOT);
    for (String text : texts) {
      String lower = text.toLowerCase(Locale.ROOT);
      assertThat(lower).as(what).doesNotContain(lowerSecret);
      assertThat(lower.replaceAll("\\s+", "")).as(what).doesNotContain(lowerSecret);
      assertThat(lower).as(what).doesNotContain(form.toLowerCase(Locale.ROOT));
    }
  }

  @ParameterizedTest
  @MethodSource("providers")
  void echoedCredentials_neverReachAMessageACauseAResultOrALog(ProviderCase provider) {
    int cases = 0;
    int logged = 0;
    for (String secret : provider.secrets()) {
      // Every form of the first credential; the main ones of the others (WattTime's token and basic auth).
      boolean first = secret.equals(provider.secrets().get(0));
      for (Map.Entry<String, String> form : forms(secret).entrySet()) {
        if (!first && !List.of("literal", "JSON \\u escapes", "URL-encoded", "whitespace changed").contains(form.getKey())) {
          continue;
        }
        for (Map.Entry<String, Function<ProviderCase, MockResponse>> place : places(form.getValue()).entrySet()) {
          MockResponse answer = place.getValue().apply(provider);
          server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return request.getUrl().encodedPath().equals("/login") ? json(ProviderCase.loginAnswer()) : answer;
            }
          });
          String what = provider + ": " + secret + " " + form.getKey() + " in " + place.getKey();
          List<String> texts = new ArrayList<>();
          CarbonIntensitySource source = provider.source(server,
              b -> b.retryPolicy(RetryPolicy.defaults().withMaxAttempts(2).withJitterSeed(1)));
          try {
            IntensitySeries series = source.history(provider.zone(), provider.from(), provider.to());
            texts.add(series.toString());
          } catch (ProviderException e) {
            texts.addAll(texts(e));
          }
          texts.add(source.toString());
          synchronized (logLines) {
            texts.addAll(logLines);
            logged += logLines.size();
            logLines.clear();
          }
          assertNoSecret(texts, secret, form.getValue(), what);
          cases++;
        }
      }
    }
    assertThat(cases).isGreaterThan(100);
    assertThat(logged).as("the retries of 5xx answers were logged (and scanned)").isGreaterThan(10);
  }

  @ParameterizedTest
  @MethodSource("providers")
  void theZoneEcho_isStillReported_withTheSecretMasked(ProviderCase provider) {
    String secret = provider.secrets().get(0);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return request.getUrl().encodedPath().equals("/login") ? json(ProviderCase.loginAnswer())
            : json(400, "{\"error\":\"key " + URLEncoder.encode(secret, StandardCharsets.UTF_8) + " is not valid here\"}");
      }
    });

    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
        () -> provider.source(server).history(provider.zone(), provider.from(), provider.to()));

    assertThat(thrown).isInstanceOf(ProviderException.class).hasMessageContaining("key *** is not valid here");
  }

  @org.junit.jupiter.api.Test
  void wattTime_loginErrorsEchoingThePassword_neverShowIt() {
    ProviderCase wt = ProviderCase.WATTTIME;
    for (String secret : List.of(ProviderCase.WT_PASSWORD, ProviderCase.WT_BASIC)) {
      for (Map.Entry<String, String> form : forms(secret).entrySet()) {
        for (int code : new int[] {400, 401, 403, 500}) {
          server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return json(code, "{\"error\":\"login refused for " + form.getValue() + "\"}");
            }
          });
          Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
              () -> wt.source(server).history(wt.zone(), wt.from(), wt.to()));
          assertThat(thrown).isInstanceOf(ProviderException.class).hasMessageContaining("login");
          assertNoSecret(texts(thrown), secret, form.getValue(), form.getKey() + " " + code);
        }
      }
    }
  }
}
