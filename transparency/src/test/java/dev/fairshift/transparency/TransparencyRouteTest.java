package dev.fairshift.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.service.FairshiftService;
import dev.fairshift.service.RunningService;
import dev.fairshift.service.ServiceConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The route mounted on the real service, read over HTTP on loopback. */
class TransparencyRouteTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicReference<Published> current = new AtomicReference<>();
  private final AtomicInteger supplied = new AtomicInteger();
  private RunningService service;

  @BeforeEach
  void start() {
    TransparencyRoute route = TransparencyRoute.of(() -> {
      supplied.incrementAndGet();
      return Optional.ofNullable(current.get());
    }, PageOptions.builder().title("Live plan").build());
    service = FairshiftService.start(ServiceConfig.builder().port(0).route(TransparencyRoute.PATH, route).build());
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + pathAndQuery))
        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertError(HttpResponse<String> response, int status, String messagePart) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = MAPPER.readTree(response.body());
    assertThat(body.get("errors").get(0).get("message").asText()).contains(messagePart);
    assertThat(response.body()).doesNotContain("Exception", "at dev.");
  }

  @Test
  void beforeAnythingIsPublishedItSaysSo() throws Exception {
    assertError(get("/transparency"), 503, "No schedule is published yet");
    assertThat(get("/v1/health").statusCode()).isEqualTo(200);
  }

  @Test
  void servesThePageAndTheJsonOfTheCurrentScheduleAndFollowsChanges() throws Exception {
    Problem problem = Fixtures.problem(42, 60);
    Schedule greedy = Fixtures.greedy(problem);
    current.set(Published.of(problem, greedy));

    HttpResponse<String> page = get("/transparency");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    Evaluation evaluation = Evaluator.evaluate(problem, greedy);
    Metrics metrics = Metrics.parse(page.body());
    assertThat(metrics.number("total/emissionsGrams")).isEqualTo(evaluation.emissionsGrams());
    assertThat(page.body()).contains("<code>/transparency?format=json</code>").contains("<title>Live plan</title>");

    HttpResponse<String> json = get("/transparency?format=json");
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    JsonNode tree = MAPPER.readTree(json.body());
    assertThat(tree.get("totals").get("emissionsGrams").asDouble()).isEqualTo(evaluation.emissionsGrams());
    assertThat(tree.get("jobs")).hasSize(60);
    assertThat(tree.get("solver").asText()).isEqualTo(greedy.solver());

    // The same pair is rendered once: the bytes are identical.
    assertThat(get("/transparency").body()).isEqualTo(page.body());

    // What actually ran replaces the plan: the page follows.
    Schedule asap = Fixtures.asap(problem);
    current.set(Published.of(problem, asap));
    Metrics after = Metrics.parse(get("/transparency").body());
    assertThat(after.number("total/emissionsGrams")).isEqualTo(Evaluator.evaluate(problem, asap).emissionsGrams());
    assertThat(MAPPER.readTree(get("/transparency?format=json").body()).get("solver").asText()).isEqualTo(asap.solver());
    assertThat(supplied.get()).isEqualTo(5);
  }

  @Test
  void anUnknownOrRepeatedFormatIsRefusedWithTheChoices() throws Exception {
    Problem problem = Fixtures.problem(1, 10);
    current.set(Published.of(problem, Fixtures.greedy(problem)));
    assertError(get("/transparency?format=pdf"), 400, "Use format=html (the default) or format=json");
    assertError(get("/transparency?format=json&format=html"), 400, "Give format once");
    assertThat(get("/transparency?format=html").statusCode()).isEqualTo(200);
  }
}
