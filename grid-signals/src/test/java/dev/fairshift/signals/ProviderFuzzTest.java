package dev.fairshift.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairshift.core.SignalKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of provider answers against MockWebServer: the real-shaped fixture of each
 * provider (and WattTime's login) is mutated in its JSON structure (types, magnitudes, missing,
 * duplicated, reordered and nested nodes, odd timestamps and durations), its text (truncation,
 * deleted or repeated spans, stray bytes, other encodings), its size, and its HTTP envelope
 * (status codes, headers, lying encodings, redirects, cut connections, trickles). Every case must
 * end within its time bound in either a valid series or a {@link ProviderException} that names
 * provider, zone and interval, shows no credential and is not the "bug in Fairshift" safety net.
 *
 * <p>{@code mvn verify} runs {@value #DEFAULT_CASES} cases; more with
 * {@code mvn -pl grid-signals -am verify -Pfuzz} (5,000) or {@code -Dfairshift.fuzz.cases=N}, with
 * another seed by {@code -Dfairshift.fuzz.seed=S}. A failure names its case and seed; rerun one
 * case with {@code -Dfairshift.fuzz.only=<case>}.
 */
class ProviderFuzzTest {
  static final int DEFAULT_CASES = 240;
  private static final long DEFAULT_SEED = 20261204L;
  private static final Duration CALL_TIMEOUT = Duration.ofMillis(1500);
  private static final Duration CASE_LIMIT = Duration.ofSeconds(20);
  private static final long MAX_BYTES = 256 * 1024;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final MockWebServer server = new MockWebServer();
  private final ExecutorService runner = Executors.newSingleThreadExecutor();
  private volatile MockResponse dataAnswer;
  private volatile MockResponse loginAnswer;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return request.getUrl().encodedPath().equals("/login") ? loginAnswer : dataAnswer;
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    runner.shutdownNow();
    server.close();
  }

  /** One generated case: what was done, for the failure report. */
  private record Case(int index, ProviderCase provider, List<String> steps, List<String> secrets) {
  }

  @Test
  void mutatedAnswers_endInAValidSeriesOrATypedError() throws Exception {
    int cases = Integer.getInteger("fairshift.fuzz.cases", DEFAULT_CASES);
    long seed = Long.getLong("fairshift.fuzz.seed", DEFAULT_SEED);
    Integer only = Integer.getInteger("fairshift.fuzz.only");
    List<ProviderCase> providers = ProviderCase.all();
    int valid = 0;
    int typed = 0;
    for (int i = 0; i < cases; i++) {
      if (only != null && only != i) {
        continue;
      }
      Random random = new Random(seed * 1_000_003L + i);
      ProviderCase provider = providers.get(i % providers.size());
      boolean fuzzLogin = provider.login() && random.nextInt(8) == 0;
      // The credentials the client holds: WattTime's token only when its login is not fuzzed.
      List<String> secrets = fuzzLogin ? List.of(ProviderCase.WT_PASSWORD, ProviderCase.WT_BASIC) : provider.secrets();
      Case fuzz = new Case(i, provider, new ArrayList<>(), secrets);
      loginAnswer = ProviderTestSupport.json(ProviderCase.loginAnswer());
      dataAnswer = answer(fuzz, random, provider.fixture());
      if (fuzzLogin) {
        fuzz.steps().add("login:");
        loginAnswer = answer(fuzz, random, ProviderCase.loginAnswer());
      }
      Object outcome = run(fuzz, seed);
      if (outcome instanceof IntensitySeries series) {
        checkSeries(series, fuzz, seed);
        valid++;
      } else {
        checkError((ProviderException) outcome, fuzz, seed);
        typed++;
      }
    }
    System.out.printf(Locale.ROOT, "Provider fuzz: %d cases (seed %d): %d valid series, %d typed errors%n",
        valid + typed, seed, valid, typed);
    if (only == null) {
      assertThat(valid).as("some mutations keep the answer valid").isPositive();
      assertThat(typed).as("most mutations break it").isGreaterThan(valid / 2);
    }
  }

  private Object run(Case fuzz, long seed) throws Exception {
    ProviderCase provider = fuzz.provider();
    CarbonIntensitySource source = provider.source(server, b -> b.callTimeout(CALL_TIMEOUT)
        .readTimeout(Duration.ofMillis(700)).connectTimeout(Duration.ofSeconds(2)).maxResponseBytes(MAX_BYTES)
        .retryPolicy(RetryPolicy.defaults().withMaxAttempts(2).withJitterSeed(seed)));
    Future<Object> result = runner.submit(() -> {
      try {
        return provider.equals(ProviderCase.CARBON_AWARE_SDK) || fuzz.index() % 3 != 0
            ? source.history(provider.zone(), provider.from(), provider.to())
            : source.forecast(provider.zone(), provider.from(), provider.to());
      } catch (ProviderException e) {
        return e;
      } catch (Throwable e) {
        return new AssertionError(describe(fuzz, seed) + " ended in " + e, e);
      }
    });
    Object outcome;
    try {
      outcome = result.get(CASE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      throw new AssertionError(describe(fuzz, seed) + " did not end within " + CASE_LIMIT);
    }
    if (outcome instanceof AssertionError error) {
      throw error;
    }
    return outcome;
  }

  private static String describe(Case fuzz, long seed) {
    return "Fuzz case " + fuzz.index() + " (seed " + seed + ", " + fuzz.provider() + ": " + String.join(", ", fuzz.steps())
        + "; rerun with -Dfairshift.fuzz.seed=" + seed + " -Dfairshift.fuzz.only=" + fuzz.index() + ")";
  }

  private static void checkSeries(IntensitySeries series, Case fuzz, long seed) {
    ProviderCase provider = fuzz.provider();
    String what = describe(fuzz, seed);
    assertThat(series.zone()).as(what).isEqualTo(provider.zone());
    assertThat(series.source()).as(what).isEqualTo(provider.name());
    assertThat(series.signal()).as(what).isIn(SignalKind.AVERAGE, SignalKind.MARGINAL);
    for (IntensityPoint point : series.points()) {
      assertThat(point.gramsPerKwh()).as(what).isBetween(0.0, InvalidValuePolicy.MAX_GRAMS_PER_KWH);
      assertThat(point.start()).as(what).isBefore(provider.to());
      assertThat(point.end()).as(what).isAfter(provider.from());
    }
    assertNoSecret(series.toString(), fuzz.secrets(), what);
  }

  private static void checkError(ProviderException e, Case fuzz, long seed) {
    ProviderCase provider = fuzz.provider();
    String what = describe(fuzz, seed) + " ended in " + e;
    assertThat(e.provider()).as(what).isEqualTo(provider.name());
    assertThat(e.zone()).as(what).isEqualTo(provider.zone());
    assertThat(e.from()).as(what).isEqualTo(provider.from());
    assertThat(e.to()).as(what).isEqualTo(provider.to());
    assertThat(e.getMessage()).as(what)
        .startsWith(provider.name() + ", zone '" + provider.zone() + "', [")
        .doesNotContain("bug in Fairshift")
        .contains("Maybe");
    assertThat(e.getMessage().length()).as(what).isLessThan(Query_MAX + 200);
    assertThat(e.getMessage().chars().noneMatch(c -> c < 0x20)).as(what + ": no raw control characters").isTrue();
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertNoSecret(String.valueOf(t), fuzz.secrets(), what);
    }
  }

  private static final int Query_MAX = dev.fairshift.signals.internal.http.Query.MAX_DETAIL_CHARS;

  private static void assertNoSecret(String text, List<String> secrets, String what) {
    for (String secret : secrets) {
      assertThat(text.toLowerCase(Locale.ROOT)).as(what).doesNotContain(secret.toLowerCase(Locale.ROOT));
    }
  }

  // --- generators ---------------------------------------------------------------------------

  private MockResponse answer(Case fuzz, Random random, String fixture) {
    List<String> steps = fuzz.steps();
    String body = fixture;
    int family = random.nextInt(10);
    if (family < 5) {
      body = mutateTree(body, random, steps, 1 + random.nextInt(4));
    } else if (family < 7) {
      body = mutateText(body, random, steps);
    } else if (family < 8) {
      body = mutateTree(body, random, steps, 1 + random.nextInt(3));
      body = mutateText(body, random, steps);
    } else {
      steps.add("fixture as is");
    }
    if (random.nextInt(10) == 0) {
      body = secretsIn(body, random, fuzz.secrets(), steps);
    }
    return envelope(body, random, steps);
  }

  /** The body with one of the provider's credentials echoed somewhere, literally or escaped. */
  private static String secretsIn(String body, Random random, List<String> secrets, List<String> steps) {
    if (secrets.isEmpty()) {
      return body;
    }
    String secret = secrets.get(random.nextInt(secrets.size()));
    String form = switch (random.nextInt(3)) {
      case 0 -> secret;
      case 1 -> java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8);
      default -> secret.chars().collect(StringBuilder::new,
          (b, c) -> b.append(String.format(Locale.ROOT, "\\u%04x", c)), StringBuilder::append).toString();
    };
    int at = random.nextInt(body.length() + 1);
    steps.add("credential echoed at " + at);
    return body.substring(0, at) + form + body.substring(at);
  }

  private static String mutateTree(String json, Random random, List<String> steps, int count) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      return json;
    }
    for (int k = 0; k < count; k++) {
      List<JsonNode> containers = new ArrayList<>();
      collectContainers(root, containers);
      JsonNode parent = containers.get(random.nextInt(containers.size()));
      if (parent instanceof ObjectNode object && object.size() > 0) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        int op = random.nextInt(10);
        if (op == 0) {
          object.remove(name);
          steps.add("removed field " + name);
        } else if (op == 1) {
          JsonNode value = object.remove(name);
          object.set(name.toUpperCase(Locale.ROOT) + "_", value);
          steps.add("renamed field " + name);
        } else {
          JsonNode value = value(random, object.get(name));
          object.set(name, value);
          steps.add(name + " := " + abbreviate(value.toString()));
        }
      } else if (parent instanceof ArrayNode array && array.size() > 0) {
        int index = random.nextInt(array.size());
        switch (random.nextInt(6)) {
          case 0 -> {
            array.remove(index);
            steps.add("removed element " + index);
          }
          case 1 -> {
            int copies = random.nextInt(4) == 0 ? 2_000 : 1 + random.nextInt(3);
            for (int c = 0; c < copies; c++) {
              array.insert(index, array.get(index).deepCopy());
            }
            steps.add("repeated element " + index + " x" + copies);
          }
          case 2 -> {
            List<JsonNode> elements = new ArrayList<>();
            array.elements().forEachRemaining(elements::add);
            java.util.Collections.shuffle(elements, random);
            array.removeAll();
            array.addAll(elements);
            steps.add("shuffled an array");
          }
          default -> {
            JsonNode value = value(random, array.get(index));
            array.set(index, value);
            steps.add("element " + index + " := " + abbreviate(value.toString()));
          }
        }
      }
    }
    return random.nextBoolean() ? root.toString() : root.toPrettyString();
  }

  private static void collectContainers(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        collectContainers(it.next(), out);
      }
    }
  }

  private static final String[] TIMES = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
      "1970-01-01T00:00:00Z", "2024-05-01T08:00:00+14:00", "2022-07-15T00:05:00.123456789-18:00", "2024-05-01",
      "2021-03-01T00:30", "2021-03-01T00:30Z", "2022-05-17T20:05:00+00:00", "24:00", "", "2024-02-30T00:00:00Z"};
  private static final String[] DURATIONS = {"00:00:00", "-00:05:00", "99999999.23:59:59", "P1D", "PT0S",
      "PT-5M", "00:05:00.1234567", "1.00:00:00", "99:99:99", "PT9999999999999H"};
  private static final String[] WORDS = {"hourly", "5_minutes", "15_minutes", "daily", "lbs_co2_per_mwh",
      "co2_moer", "co2_aoer", "DE", "CAISO_NORTH", "GB", "eastus", "NaN", "Infinity", "null", "\u0000",
      "\u202e\u001b[2J", "é", "\ud83d\ude00", "\ud800"};

  private static JsonNode value(Random random, JsonNode old) {
    switch (random.nextInt(12)) {
      case 0:
        return NODES.nullNode();
      case 1:
        return NODES.booleanNode(random.nextBoolean());
      case 2: {
        double[] magnitudes = {0, -0.0, -1, 1e308, -1e308, Double.MIN_VALUE, 2000, 2000.0001, 1e-300, 453.59237,
            Long.MAX_VALUE, Integer.MIN_VALUE};
        return NODES.numberNode(magnitudes[random.nextInt(magnitudes.length)]);
      }
      case 3:
        return random.nextBoolean() ? NODES.numberNode(BigInteger.TEN.pow(20 + random.nextInt(400)))
            : NODES.numberNode(new BigDecimal("1e" + (random.nextInt(1000) - 500)));
      case 4:
        return NODES.textNode(TIMES[random.nextInt(TIMES.length)]);
      case 5:
        return NODES.textNode(DURATIONS[random.nextInt(DURATIONS.length)]);
      case 6:
        return NODES.textNode(WORDS[random.nextInt(WORDS.length)]);
      case 7:
        return NODES.textNode("x".repeat(random.nextInt(4) == 0 ? 100_000 : random.nextInt(50)));
      case 8:
        return NODES.objectNode();
      case 9:
        return NODES.arrayNode();
      case 10: {
        JsonNode nested = old.deepCopy();
        for (int d = random.nextInt(200); d > 0; d--) {
          nested = NODES.arrayNode().add(nested);
        }
        return nested;
      }
      default:
        if (old.isNumber()) {
          return NODES.numberNode(old.doubleValue() * (random.nextBoolean() ? -1 : 1e6));
        }
        if (old.isTextual()) {
          return NODES.numberNode(random.nextInt(1000));
        }
        return NODES.textNode(old.toString());
    }
  }

  private static String mutateText(String text, Random random, List<String> steps) {
    int length = text.length();
    switch (random.nextInt(8)) {
      case 0: {
        int at = random.nextInt(length + 1);
        steps.add("truncated at " + at);
        return text.substring(0, at);
      }
      case 1: {
        int from = random.nextInt(length + 1);
        int to = Math.min(length, from + random.nextInt(40));
        steps.add("deleted " + from + ".." + to);
        return text.substring(0, from) + text.substring(to);
      }
      case 2: {
        int from = random.nextInt(length + 1);
        int to = Math.min(length, from + random.nextInt(60));
        steps.add("repeated " + from + ".." + to);
        return text.substring(0, to) + text.substring(from, to) + text.substring(to);
      }
      case 3: {
        StringBuilder b = new StringBuilder(text);
        int flips = 1 + random.nextInt(5);
        for (int f = 0; f < flips && b.length() > 0; f++) {
          String alphabet = "{}[]\",:0123456789.-eE \\\u0000";
          b.setCharAt(random.nextInt(b.length()), alphabet.charAt(random.nextInt(alphabet.length())));
        }
        steps.add(flips + " characters flipped");
        return b.toString();
      }
      case 4:
        steps.add("replaced digits with huge numbers");
        return text.replaceAll("(?<=: )(\\d+)(?=[,}\\s])", "9".repeat(1 + random.nextInt(400)));
      case 5:
        steps.add("byte order mark");
        return "\ufeff" + text;
      case 6:
        steps.add("nested 5000 deep");
        return "[".repeat(5000) + text + "]".repeat(5000);
      default:
        steps.add("wrapped in an array");
        return "[" + text + "]";
    }
  }

  private static MockResponse envelope(String body, Random random, List<String> steps) {
    MockResponse.Builder b = new MockResponse.Builder().addHeader("Content-Type", "application/json");
    int op = random.nextInt(24);
    switch (op) {
      case 0, 1, 2, 3 -> {
        int[] codes = {100 + 99, 202, 204, 206, 300, 304, 400, 401, 403, 404, 405, 409, 410, 418, 422, 429,
            451, 500, 501, 502, 503, 504, 599, 999};
        int code = codes[random.nextInt(codes.length)];
        steps.add("status " + code);
        b.code(code);
        if (code == 429 || code == 503) {
          String[] waits = {"0", "1", "-5", "99999999999999999999", "soon", "Wed, 21 Oct 2015 07:28:00 GMT",
              "Fri, 31 Dec 9999 23:59:59 GMT", ""};
          String wait = waits[random.nextInt(waits.length)];
          b.addHeader("Retry-After", wait);
          steps.add("Retry-After '" + wait + "'");
        }
        if (code >= 300 && code < 400 && random.nextBoolean()) {
          b.addHeader("Location", random.nextBoolean() ? "/elsewhere" : "http://other.invalid:1/x");
        }
        b.body(body);
      }
      case 4 -> {
        steps.add("text/html; charset=utf-16");
        b.setHeader("Content-Type", "text/html; charset=utf-16").body(new Buffer().writeString(body, StandardCharsets.UTF_16));
      }
      case 5 -> {
        steps.add("latin-1 bytes");
        b.body(new Buffer().write(body.getBytes(StandardCharsets.ISO_8859_1)));
      }
      case 6 -> {
        steps.add("invalid UTF-8 bytes");
        b.body(new Buffer().write(new byte[] {(byte) 0xff, (byte) 0xc3, 0x28, (byte) 0xa0})
            .write(body.getBytes(StandardCharsets.UTF_8)));
      }
      case 7 -> {
        steps.add("Content-Encoding gzip, not gzipped");
        b.addHeader("Content-Encoding", "gzip").body(body);
      }
      case 8 -> {
        steps.add("gzipped");
        b.addHeader("Content-Encoding", "gzip").body(gzip(body));
      }
      case 9 -> {
        steps.add("connection cut in the body");
        b.body(body + " ".repeat(2048)).onResponseBody(new SocketEffect.CloseSocket(true, false, false));
      }
      case 10 -> {
        steps.add("trickled past the call timeout");
        b.body(body + " ".repeat(4096)).throttleBody(256, 100, TimeUnit.MILLISECONDS);
      }
      case 11 -> {
        steps.add("larger than maxResponseBytes");
        b.body(body + " ".repeat((int) MAX_BYTES));
      }
      case 12 -> {
        steps.add("chunked");
        b.chunkedBody(body, 1 + random.nextInt(64));
      }
      case 13 -> {
        steps.add("empty body");
        b.body("");
      }
      case 14 -> {
        steps.add("no Content-Type");
        b.removeHeader("Content-Type").body(body);
      }
      default -> b.body(body);
    }
    return b.build();
  }

  private static Buffer gzip(String body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      fail("gzip", e);
    }
    return new Buffer().write(bytes.toByteArray());
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }

  @Test
  void theGenerator_isReproducible() {
    ProviderCase provider = ProviderCase.WATTTIME;
    for (int i = 0; i < 20; i++) {
      List<String> first = new ArrayList<>();
      List<String> second = new ArrayList<>();
      String a = mutateTree(provider.fixture(), new Random(i), first, 3);
      String b = mutateTree(provider.fixture(), new Random(i), second, 3);
      assertThat(a).isEqualTo(b);
      assertThat(first).isEqualTo(second).isNotEmpty();
    }
  }
}
