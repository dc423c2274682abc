package dev.fairshift.service;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FairshiftServiceTest extends ServiceTestBase {

  /** The error JSON: every error with path and message, the request id of the header, no library text. */
  static JsonNode assertErrorJson(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode body = ServiceClient.json(response);
    assertThat(body.get("errors")).isNotEmpty();
    for (JsonNode e : body.get("errors")) {
      assertThat(e.get("path").isTextual()).isTrue();
      assertThat(e.get("message").asText()).isNotBlank();
    }
    assertThat(body.get("requestId").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow())
        .matches("[0-9a-f]{16}");
    assertThat(response.body()).doesNotContain("Exception", "jetty", "Jetty", "fasterxml", "at dev.", "at org.");
    return body;
  }

  @Test
  void schedule_answersScheduleEvaluationAndBound() throws Exception {
    start(ServiceConfig.builder());

    HttpResponse<String> response = client.post("/v1/schedule?solver=greedy", TestProblems.SMALL);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    assertThat(response.headers().firstValue("Server")).isEmpty();
    JsonNode body = ServiceClient.json(response);
    assertThat(body.at("/schedule/assignments/0/slots").toString()).isEqualTo("[2,3]");
    // 15 kWh x (100 + 200) g/kWh
    assertThat(body.at("/evaluation/emissionsGrams").asDouble()).isEqualTo(4500.0);
    assertThat(body.at("/lowerBound/gramsCo2e").asDouble()).isCloseTo(4500.0, within(1e-3));
    // the schedule runs its one job, which proves that every job can run; the bound covers such schedules
    assertThat(body.at("/lowerBound/scope").asText()).isEqualTo("every_job_proven");
    assertThat(body.at("/lowerBound/everyJobCanRun").asBoolean()).isTrue();
    assertThat(body.at("/lowerBound/boundedJobs").asInt()).isEqualTo(1);
  }

  @Test
  void schedule_invalidProblemListsEveryErrorInTheErrorJson() throws Exception {
    start(ServiceConfig.builder());
    String broken = TestProblems.SMALL.replace("\"durationSlots\": 2", "\"durationSlots\": -1")
        .replace("\"pue\": 1.5", "\"pue\": 0.5");

    JsonNode body = assertErrorJson(client.post("/v1/schedule", broken), 400);

    assertThat(body.get("errors")).hasSize(2);
    assertThat(body.toString()).contains("jobs[0].durationSlots", "hubs[0].pue");
  }

  @Test
  void duplicateKeysAndUnknownFieldsAreRejectedInEveryEndpoint() throws Exception {
    start(ServiceConfig.builder());
    String duplicate = TestProblems.SMALL.replace("\"version\": 1,", "\"version\": 1, \"version\": 1,");
    String unknown = TestProblems.SMALL.replace("\"version\": 1,", "\"version\": 1, \"colour\": \"red\",");
    String schedule = "{\"version\":1,\"solver\":\"x\",\"assignments\":[{\"job\":\"train-1\",\"hub\":\"berlin\",\"slots\":[0,1]}],\"unscheduled\":[]}";

    assertThat(assertErrorJson(client.post("/v1/schedule", duplicate), 400).toString()).contains("Duplicate field 'version'");
    assertThat(assertErrorJson(client.post("/v1/schedule", unknown), 400).toString()).contains("colour");
    assertThat(assertErrorJson(client.post("/v1/solves", duplicate), 400).toString()).contains("version");
    assertThat(assertErrorJson(client.post("/v1/evaluate",
        "{\"problem\": " + TestProblems.SMALL + ", \"schedule\": " + schedule + ", \"problem\": {}}"), 400).toString())
        .contains("twice");
    assertThat(assertErrorJson(client.post("/v1/evaluate",
        "{\"problem\": " + duplicate + ", \"schedule\": " + schedule + "}"), 400).toString()).contains("problem");
    JsonNode extra = assertErrorJson(client.post("/v1/evaluate",
        "{\"problem\": " + TestProblems.SMALL + ", \"schedule\": " + schedule + ", \"options\": 1}"), 400);
    assertThat(extra.at("/errors/0/path").asText()).isEqualTo("options");
    assertThat(assertErrorJson(client.post("/v1/evaluate",
        "{\"problem\": " + unknown + ", \"schedule\": " + schedule + "}"), 400).at("/errors/0/path").asText())
        .startsWith("problem.");
    // Unknown and repeated query parameters too.
    assertThat(assertErrorJson(client.post("/v1/schedule?tmeLimit=1s", TestProblems.SMALL), 400).toString())
        .contains("tmeLimit", "Maybe timeLimit?");
    assertThat(assertErrorJson(client.post("/v1/schedule?seed=1&seed=2", TestProblems.SMALL), 400).toString())
        .contains("twice");
    assertErrorJson(client.post("/v1/evaluate?x=1", "{}"), 400);
  }

  @Test
  void evaluate_evaluatesAndPrefixesErrorPaths() throws Exception {
    start(ServiceConfig.builder());
    String request = "{\"problem\": " + TestProblems.SMALL + ", \"schedule\": {\"version\":1,\"solver\":\"x\","
        + "\"assignments\":[{\"job\":\"train-1\",\"hub\":\"berlin\",\"slots\":[0,1]}],\"unscheduled\":[]}}";

    HttpResponse<String> ok = client.post("/v1/evaluate", request);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    // 15 kWh x (400 + 300) g/kWh
    assertThat(ServiceClient.json(ok).at("/evaluation/emissionsGrams").asDouble()).isEqualTo(10500.0);

    JsonNode bad = assertErrorJson(client.post("/v1/evaluate", request.replace("\"slotMinutes\": 60", "\"slotMinutes\": \"x\"")), 400);
    assertThat(bad.toString()).contains("problem.horizon.slotMinutes");
    assertThat(assertErrorJson(client.post("/v1/evaluate", "[1,2]"), 400).toString()).contains("must be a JSON object");
    assertThat(assertErrorJson(client.post("/v1/evaluate", "{\"problem\": {"), 400).toString()).contains("malformed JSON");
    assertThat(assertErrorJson(client.post("/v1/evaluate", ""), 400).toString()).contains("empty");
  }

  @Test
  void malformedAndNonUtf8BodiesAre400() throws Exception {
    start(ServiceConfig.builder());

    assertErrorJson(client.post("/v1/schedule", "{\"version\": 1,"), 400);
    assertErrorJson(client.post("/v1/schedule", "nonsense"), 400);
    byte[] latin1 = "{\"version\": 1, \"x\": \"\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    JsonNode body = assertErrorJson(client.send(client.request("/v1/schedule")
        .POST(HttpRequest.BodyPublishers.ofByteArray(latin1))), 400);
    assertThat(body.toString()).contains("not UTF-8");
  }

  @Test
  void unknownPathsAndWrongMethodsAnswerTheErrorJson() throws Exception {
    start(ServiceConfig.builder());

    assertThat(assertErrorJson(client.post("/v2/nothing", "{}"), 404).toString()).contains("POST /v1/schedule");
    HttpResponse<String> get = client.get("/v1/schedule");
    assertErrorJson(get, 405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertErrorJson(client.post("/v1/health", "{}"), 405);
    assertErrorJson(client.get("/v1/solves/0123456789abcdef"), 404);
  }

  @Test
  void timeLimitAboveTheCapIs400NamingTheCap() throws Exception {
    start(ServiceConfig.builder().maxTimeLimit(Duration.ofSeconds(30)));

    JsonNode body = assertErrorJson(client.post("/v1/schedule?solver=optaplanner&timeLimit=31s", TestProblems.SMALL), 400);
    assertThat(body.at("/errors/0/path").asText()).isEqualTo("query.timeLimit");
    assertThat(body.at("/errors/0/message").asText()).contains("30s");
    assertErrorJson(client.post("/v1/solves?solver=optaplanner&timeLimit=PT1H", TestProblems.SMALL), 400);
    assertErrorJson(client.post("/v1/schedule?timeLimit=0s", TestProblems.SMALL), 400);
    assertErrorJson(client.post("/v1/schedule?timeLimit=-5s", TestProblems.SMALL), 400);
    assertErrorJson(client.post("/v1/schedule?timeLimit=99999999999999h", TestProblems.SMALL), 400);
    assertErrorJson(client.post("/v1/schedule?timeLimit=PT-1S", TestProblems.SMALL), 400);
    assertErrorJson(client.post("/v1/schedule?solver=simplex", TestProblems.SMALL), 400);
    assertErrorJson(client.post("/v1/schedule?seed=1.5", TestProblems.SMALL), 400);
    String badEscape = client.raw(("POST /v1/schedule?seed=%zz HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
        + "Connection: close\r\n\r\n{}").getBytes(US_ASCII), Duration.ofSeconds(10));
    assertThat(badEscape).startsWith("HTTP/1.1 400");
    assertThat(ServiceClient.body(badEscape)).contains("\"requestId\"");
    assertThat(client.post("/v1/schedule?solver=optaplanner&timeLimit=500ms", TestProblems.SMALL).statusCode()).isEqualTo(200);
  }

  @Test
  void bodyOverTheLimitIs413_declaredOrChunked() throws Exception {
    start(ServiceConfig.builder().maxBodyBytes(4096));
    String big = "{\"version\": 1, \"pad\": \"" + "x".repeat(10_000) + "\"}";

    JsonNode declared = assertErrorJson(client.post("/v1/schedule", big), 413);
    assertThat(declared.toString()).contains("4096 bytes");
    // Without Content-Length: chunked, counted as it arrives.
    String chunked = client.raw(("POST /v1/schedule HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        + Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n").getBytes(US_ASCII), Duration.ofSeconds(10));
    assertThat(chunked).startsWith("HTTP/1.1 413");
    assertThat(ServiceClient.body(chunked)).contains("\"requestId\"");
    // A client still sending past the limit receives the answer, not a reset connection, as long as the body is
    // within the drain allowance (8x the limit: 6x here). Far beyond it the service cuts the connection, so
    // whether such a client reads the 413 first is a race; it is not asserted.
    byte[] sixTimesTheLimit = new byte[6 * 4096];
    java.util.Arrays.fill(sixTimesTheLimit, (byte) ' ');
    assertErrorJson(client.send(client.request("/v1/schedule")
        .POST(HttpRequest.BodyPublishers.ofByteArray(sixTimesTheLimit))), 413);
    // The service still answers.
    assertThat(client.get("/v1/health").statusCode()).isEqualTo(200);
  }

  @Test
  void bodyOverTheLimitIsReadAndDiscardedBefore413() throws Exception {
    start(ServiceConfig.builder().maxBodyBytes(1 << 20));
    byte[] twoMegabytes = new byte[2 << 20];
    java.util.Arrays.fill(twoMegabytes, (byte) ' ');

    for (int i = 0; i < 3; i++) {
      assertErrorJson(client.send(client.request("/v1/schedule").POST(HttpRequest.BodyPublishers.ofByteArray(twoMegabytes))), 413);
    }
    assertThat(client.get("/v1/health").statusCode()).isEqualTo(200);
  }

  @Test
  void healthAndReadiness() throws Exception {
    start(ServiceConfig.builder().maxConcurrentSolves(3));

    JsonNode health = ServiceClient.json(client.get("/v1/health"));
    assertThat(health.get("status").asText()).isEqualTo("ok");
    assertThat(health.get("solvers").toString()).contains("greedy", "optaplanner");
    JsonNode ready = ServiceClient.json(client.get("/v1/ready"));
    assertThat(ready.get("status").asText()).isEqualTo("ready");
    assertThat(ready.get("maxConcurrentSolves").asInt()).isEqualTo(3);
    assertThat(ready.get("solvesRunning").asInt()).isZero();
  }

  @Test
  void malformedHttpIsAnsweredWithTheErrorJsonByJettyToo() throws Exception {
    start(ServiceConfig.builder().maxHeaderBytes(1024));

    String garbage = client.raw("GARBAGE\u0001 / HTTP/1.1\r\n\r\n".getBytes(US_ASCII), Duration.ofSeconds(10));
    assertThat(garbage).startsWith("HTTP/1.1 400");
    assertThat(ServiceClient.body(garbage)).contains("\"errors\"", "\"requestId\"").doesNotContain("Illegal character");

    String hugeHeader = client.raw(("GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(4000) + "\r\n\r\n")
        .getBytes(US_ASCII), Duration.ofSeconds(10));
    assertThat(hugeHeader).startsWith("HTTP/1.1 431");
    assertThat(ServiceClient.body(hugeHeader)).contains("\"errors\"").doesNotContain("<html");

    String version = client.raw("GET /v1/health HTTP/7.0\r\nHost: x\r\n\r\n".getBytes(US_ASCII), Duration.ofSeconds(10));
    assertThat(version).matches("(?s)HTTP/1.1 (400|505).*");
    assertThat(ServiceClient.body(version)).contains("\"errors\"");
  }

  @Test
  void refusesToBindBeyondLoopbackWithoutAToken() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FairshiftService.start(
            ServiceConfig.builder().host("0.0.0.0").port(0).build()))
        .isInstanceOf(dev.fairshift.core.FairshiftException.class)
        .hasMessageContaining("without an auth token").hasMessageContaining("127.0.0.1");
  }

  @Test
  void busyPortIsAClearError() {
    RunningService first = FairshiftService.start(ServiceConfig.builder().port(0).build());
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> FairshiftService.start(
              ServiceConfig.builder().port(first.port()).build()))
          .isInstanceOf(dev.fairshift.core.FairshiftException.class)
          .hasMessageContaining("Cannot listen on 127.0.0.1:" + first.port()).hasMessageContaining("port 0")
          .hasMessageNotContaining("Exception");
    } finally {
      first.close();
    }
  }
}
