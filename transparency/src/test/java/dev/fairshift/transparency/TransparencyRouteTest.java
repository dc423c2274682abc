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

  @Test
  void unknownQueryParametersAreRefusedWithTheChoices() throws Exception {
    Problem problem = Fixtures.problem(1, 10);
    current.set(Published.of(problem, Fixtures.greedy(problem)));
    assertError(get("/transparency?formt=json"), 400, "Unknown query parameter 'formt'");
    assertError(get("/transparency?format=status"), 400, "Use format=html (the default) or format=json.");
  }

  @Test
  void hostileIdsInTheLivePageAreShownAsTextNeverAsMarkup() throws Exception {
    Problem p = EscapingFuzzTest.tiny("hub <&>", EscapingFuzzTest.HOSTILE_TENANT, "class \"x\"",
        EscapingFuzzTest.HOSTILE_JOB, "Z<1>");
    Schedule s = Fixtures.greedy(p);
    current.set(Published.of(p, s));

    HttpResponse<String> page = get("/transparency");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).doesNotContain("<script", "<b>", "<i>", "<!-- -->", "]]>");
    Metrics metrics = Metrics.parse(page.body());   // strict XML: an unescaped '<' or '&' would fail here
    assertThat(metrics.document.getElementsByTagName("script").getLength()).isZero();
    assertThat(metrics.number("job/" + EscapingFuzzTest.HOSTILE_JOB + "/price"))
        .isEqualTo(Evaluator.evaluate(p, s).job(EscapingFuzzTest.HOSTILE_JOB).cost());
    JsonNode json = MAPPER.readTree(get("/transparency?format=json").body());
    assertThat(json.get("jobs").get(0).get("id").asText()).isEqualTo(EscapingFuzzTest.HOSTILE_JOB);
    assertThat(json.get("tenants").get(0).get("id").asText()).isEqualTo(EscapingFuzzTest.HOSTILE_TENANT);
  }

  /** A planning loop's route: the plan (default), what ran, and the loop's status document. */
  @Test
  void viewsServeThePlanWhatRanAndTheStatus_eachWithItsOwnMessageUntilPublished() throws Exception {
    AtomicReference<Published> plan = new AtomicReference<>();
    AtomicReference<Published> ran = new AtomicReference<>();
    String statusJson = "{\"engine\": \"slurm\", \"outcome\": \"ok\"}";
    TransparencyRoute route = TransparencyRoute.builder()
        .view("plan", () -> Optional.ofNullable(plan.get()), PageOptions.builder().title("Current plan").build(),
            "No plan yet: the loop has no held job to plan.")
        .view("ran", () -> Optional.ofNullable(ran.get()), PageOptions.builder().title("What ran").build(),
            "Nothing has run in the lookback window yet.")
        .status(() -> statusJson)
        .build();
    service.close();
    service = FairshiftService.start(ServiceConfig.builder().port(0).route(TransparencyRoute.PATH, route).build());

    assertError(get("/transparency"), 503, "No plan yet");
    assertError(get("/transparency?view=ran"), 503, "Nothing has run");
    HttpResponse<String> status = get("/transparency?format=status");
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    assertThat(MAPPER.readTree(status.body()).get("outcome").asText()).isEqualTo("ok");

    Problem problem = Fixtures.problem(7, 30);
    Schedule greedy = Fixtures.greedy(problem);
    Schedule asap = Fixtures.asap(problem);
    plan.set(Published.of(problem, greedy));
    ran.set(Published.of(problem, asap));

    HttpResponse<String> planPage = get("/transparency?view=plan");
    assertThat(planPage.body()).isEqualTo(get("/transparency").body()).contains("<title>Current plan</title>")
        .contains("<code>/transparency?format=json</code>");
    assertThat(Metrics.parse(planPage.body()).number("total/emissionsGrams"))
        .isEqualTo(Evaluator.evaluate(problem, greedy).emissionsGrams());
    HttpResponse<String> ranPage = get("/transparency?view=ran");
    assertThat(ranPage.body()).contains("<title>What ran</title>").contains("<code>/transparency?view=ran&amp;format=json</code>");
    assertThat(Metrics.parse(ranPage.body()).number("total/emissionsGrams"))
        .isEqualTo(Evaluator.evaluate(problem, asap).emissionsGrams());
    assertThat(MAPPER.readTree(get("/transparency?view=ran&format=json").body()).get("solver").asText())
        .isEqualTo(asap.solver());
    assertThat(MAPPER.readTree(get("/transparency?format=json").body()).get("solver").asText())
        .isEqualTo(greedy.solver());

    assertError(get("/transparency?view=later"), 400, "Use view=plan or view=ran");
    assertError(get("/transparency?view=plan&view=ran"), 400, "Give view once");
    assertError(get("/transparency?format=xml"), 400, "format=json or format=status");
  }

  @Test
  void aRouteNeedsAViewAndViewNamesAreChecked() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TransparencyRoute.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least one view");
    TransparencyRoute.Builder b = TransparencyRoute.builder().view("plan", Optional::empty, PageOptions.defaults(), "x");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.view("plan", Optional::empty, PageOptions.defaults(), "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("added twice");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.view("Ran&x", Optional::empty, PageOptions.defaults(), "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lowercase");
  }
}
