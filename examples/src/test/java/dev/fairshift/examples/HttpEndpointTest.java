package dev.fairshift.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpEndpointTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private HttpEndpoint endpoint;

  @BeforeEach
  void start() {
    endpoint = HttpEndpoint.start(0);
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + endpoint.port() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void schedule_returnsScheduleAndEvaluation() throws Exception {
    HttpResponse<String> response = post("/v1/schedule?solver=greedy", CliTest.SMALL_PROBLEM);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = mapper.readTree(response.body());
    assertThat(body.at("/schedule/assignments/0/slots").toString()).isEqualTo("[2,3]");
    assertThat(body.at("/evaluation/emissionsGrams").asDouble()).isEqualTo(4500.0);
    assertThat(body.at("/evaluation/feasible").asBoolean()).isTrue();
    assertThat(body.at("/evaluation/tenants/0/quotaMet").asBoolean()).isTrue();
    assertThat(body.at("/lowerBound/gramsCo2e").asDouble()).isCloseTo(4500.0, org.assertj.core.api.Assertions.within(1e-3));
    assertThat(body.at("/lowerBound/gap").asDouble()).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-6));
    // the schedule runs its one job, which proves that every job can run; the bound covers such schedules
    assertThat(body.at("/lowerBound/scope").asText()).isEqualTo("every_job_proven");
    assertThat(body.at("/lowerBound/everyJobCanRun").asBoolean()).isTrue();
    assertThat(body.at("/lowerBound/boundedJobs").asInt()).isEqualTo(1);
  }

  @Test
  void schedule_invalidProblemAnswers400WithEveryError() throws Exception {
    String broken = CliTest.SMALL_PROBLEM.replace("\"durationSlots\": 2", "\"durationSlots\": -1")
        .replace("\"pue\": 1.5", "\"pue\": 0.5");

    HttpResponse<String> response = post("/v1/schedule", broken);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode errors = mapper.readTree(response.body()).get("errors");
    assertThat(errors).hasSize(2);
    assertThat(response.body()).contains("jobs[0].durationSlots", "hubs[0].pue");
  }

  @Test
  void evaluate_prefixesErrorPathsAndEvaluatesGoodInput() throws Exception {
    String request = "{\"problem\": " + CliTest.SMALL_PROBLEM + ", \"schedule\": {\"version\":1,\"solver\":\"x\","
        + "\"assignments\":[{\"job\":\"train-1\",\"hub\":\"berlin\",\"slots\":[0,1]}],\"unscheduled\":[]}}";

    HttpResponse<String> ok = post("/v1/evaluate", request);
    assertThat(ok.statusCode()).isEqualTo(200);
    // 15 kWh x (400 + 300) g/kWh
    assertThat(mapper.readTree(ok.body()).at("/evaluation/emissionsGrams").asDouble()).isEqualTo(10500.0);

    HttpResponse<String> bad = post("/v1/evaluate", request.replace("\"slotMinutes\": 60", "\"slotMinutes\": \"x\""));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("problem.horizon.slotMinutes");
  }

  @Test
  void unknownPathAndWrongMethod() throws Exception {
    assertThat(post("/v2/nothing", "{}").statusCode()).isEqualTo(404);
    HttpResponse<String> get = client.send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + endpoint.port() + "/v1/schedule")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
  }
}
