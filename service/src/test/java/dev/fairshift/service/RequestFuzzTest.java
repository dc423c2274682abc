package dev.fairshift.service;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of every input boundary of the service: bodies of /v1/schedule, /v1/solves and
 * /v1/evaluate mutated in types, magnitudes, structure, encodings and sizes; query strings; raw
 * request lines and headers. Every case must end in a result or the error JSON with a request id,
 * never a hang, an HTML page, a stack trace or library text. {@code -Dfairshift.fuzz.cases=N}
 * runs more (default 150 per boundary).
 */
class RequestFuzzTest {
  private static final int CASES = Integer.getInteger("fairshift.fuzz.cases", 150);
  private static RunningService service;
  private static ServiceClient client;
  private final Map<String, Integer> outcomes = new TreeMap<>();

  @BeforeAll
  static void start() {
    service = FairshiftService.start(ServiceConfig.builder().port(0).maxBodyBytes(64 << 10).maxConcurrentSolves(2)
        .readTimeout(Duration.ofSeconds(2)).defaultTimeLimit(Duration.ofMillis(500)).maxTimeLimit(Duration.ofSeconds(1)).build());
    client = new ServiceClient(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private void check(HttpResponse<String> response) throws Exception {
    int status = response.statusCode();
    outcomes.merge(Integer.toString(status), 1, Integer::sum);
    assertThat(status).as(response.body()).isIn(200, 202, 400, 404, 405, 413, 500, 503);
    assertThat(response.body()).doesNotContain("Exception", "<html", "jetty", "fasterxml", "\tat ");
    if (status >= 400) {
      JsonNode body = ServiceClient.json(response);
      assertThat(body.get("errors")).as(response.body()).isNotEmpty();
      assertThat(body.get("requestId").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
      for (JsonNode e : body.get("errors")) {
        // Control characters of the input are never echoed raw.
        assertThat(e.get("message").asText()).doesNotContain("\u0007", "\u001b");
      }
      if (status == 500) {
        assertThat(body.at("/errors/0/message").asText()).startsWith("Internal error. The service log has the details");
      }
    }
  }

  @Test
  void mutatedBodies() throws Exception {
    Random random = new Random(42);
    String schedule = "{\"version\":1,\"solver\":\"x\",\"assignments\":[{\"job\":\"train-1\",\"hub\":\"berlin\",\"slots\":[0,1]}],\"unscheduled\":[]}";
    for (int i = 0; i < CASES; i++) {
      byte[] problem = Mutations.mutate(TestProblems.SMALL.getBytes(UTF_8), random);
      String path = switch (i % 3) {
        case 0 -> "/v1/schedule?solver=" + (random.nextBoolean() ? "greedy" : "optaplanner&timeLimit=100ms");
        case 1 -> "/v1/solves?solver=greedy";
        default -> "/v1/evaluate";
      };
      byte[] body = problem;
      if (path.equals("/v1/evaluate")) {
        byte[] scheduleBytes = random.nextBoolean() ? schedule.getBytes(UTF_8) : Mutations.mutate(schedule.getBytes(UTF_8), random);
        body = concat("{\"problem\": ".getBytes(UTF_8), problem, ", \"schedule\": ".getBytes(UTF_8), scheduleBytes, "}".getBytes(UTF_8));
      }
      check(client.send(client.request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body))));
    }
    System.out.println("fuzz bodies: " + outcomes);
    assertThat(outcomes).containsKey("400");
  }

  @Test
  void fuzzedQueries() throws Exception {
    Random random = new Random(7);
    String[] names = {"solver", "timeLimit", "seed", "SOLVER", "timelimit", "x", "", "=", "%00", "%zz", "a%20b", "seed[]"};
    String[] values = {"greedy", "optaplanner", "asap", "10s", "0s", "-1s", "PT0.0001S", "1ms", "99999999999h", "PT1H",
        "%FF%FE", "%0d%0aX-Injected:%201", "1e3", "-9223372036854775808", "9223372036854775808", "", "%", "%e2%80%ae"};
    for (int i = 0; i < CASES; i++) {
      StringBuilder query = new StringBuilder();
      for (int k = random.nextInt(4); k >= 0; k--) {
        query.append(k == 0 ? "" : "&").append(names[random.nextInt(names.length)]).append('=')
            .append(values[random.nextInt(values.length)]);
      }
      String path = (random.nextBoolean() ? "/v1/schedule?" : "/v1/solves?") + query;
      String raw = "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + TestProblems.SMALL.length()
          + "\r\nConnection: close\r\n\r\n" + TestProblems.SMALL;
      String answer = client.raw(raw.getBytes(ISO_8859_1), Duration.ofSeconds(20));
      assertThat(answer).as(path).matches("(?s)HTTP/1.1 (200|202|400|503) .*");
      // An encoded CR LF in the query never becomes a header of the answer.
      assertThat(answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")))).doesNotContainIgnoringCase("X-Injected");
      outcomes.merge(answer.substring(9, 12), 1, Integer::sum);
      if (!answer.startsWith("HTTP/1.1 2")) {
        assertThat(ServiceClient.body(answer)).contains("\"errors\"", "\"requestId\"").doesNotContain("Exception");
      }
    }
    System.out.println("fuzz queries: " + outcomes);
    assertThat(outcomes).containsKeys("200", "400");
  }

  @Test
  void fuzzedRequestHeads() throws Exception {
    Random random = new Random(99);
    String valid = "GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    for (int i = 0; i < CASES; i++) {
      byte[] bytes = valid.getBytes(ISO_8859_1);
      switch (random.nextInt(4)) {
        case 0 -> bytes[random.nextInt(bytes.length - 4)] = (byte) random.nextInt(256);
        case 1 -> bytes = concat(java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length - 4)), "\r\n\r\n".getBytes(ISO_8859_1));
        case 2 -> bytes = ("GET /v1/health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + (random.nextBoolean() ? "chunked, gzip" : "x")
            + "\r\nContent-Length: 5\r\nConnection: close\r\n\r\n").getBytes(ISO_8859_1);
        default -> {
          byte[] noise = new byte[1 + random.nextInt(200)];
          random.nextBytes(noise);
          bytes = concat(noise, "\r\n\r\n".getBytes(ISO_8859_1));
        }
      }
      String answer = client.raw(bytes, Duration.ofSeconds(5));
      // An answer with the error JSON (or health's 200), or a closed connection: never silence (the read
      // timeout answers an incomplete head within 2 s), HTML or library text.
      assertThat(answer).as(new String(bytes, ISO_8859_1)).isNotEqualTo("TIMEOUT").doesNotContain("<html", "Exception");
      if (answer.startsWith("HTTP/1.1 4") || answer.startsWith("HTTP/1.1 5")) {
        assertThat(ServiceClient.body(answer)).contains("\"errors\"", "\"requestId\"");
      }
      outcomes.merge(answer.length() >= 12 ? answer.substring(9, 12) : "closed", 1, Integer::sum);
    }
    System.out.println("fuzz heads: " + outcomes);
    assertThat(outcomes).containsKey("400");
    assertThat(client.get("/v1/health").statusCode()).isEqualTo(200);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
