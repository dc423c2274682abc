package dev.fairshift.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.json.ProblemJson;
import dev.fairshift.core.json.ScheduleJson;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SolveJobsTest extends ServiceTestBase {
  private static final String WEEK = TestProblems.weekJson(3, 150, 4);

  private JsonNode await(String location, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = client.get(location);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      last = ServiceClient.json(r);
      if (condition.test(last)) {
        return last;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("Condition never met; last: " + last);
  }

  @Test
  void postReturns202AndLocation_getReportsProgressAndBestSoFar_deleteStops() throws Exception {
    start(ServiceConfig.builder());

    HttpResponse<String> created = client.post("/v1/solves?solver=optaplanner&timeLimit=2m&seed=1", WEEK);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    JsonNode job = ServiceClient.json(created);
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(location).isEqualTo("/v1/solves/" + job.get("id").asText()).matches("/v1/solves/[0-9a-f]{32}");
    assertThat(job.get("status").asText()).isEqualTo("solving");

    // While it solves: progress, and the best schedule so far with its evaluation.
    JsonNode running = await(location, n -> n.get("improvements").asLong() > 0 && n.has("schedule"));
    assertThat(running.get("status").asText()).isEqualTo("solving");
    assertThat(running.get("progress").asDouble()).isBetween(0.0, 0.99);
    assertThat(running.get("bestScore").asText()).contains("hard/");
    assertThat(running.at("/evaluation/feasible").isBoolean()).isTrue();
    Problem problem = ProblemJson.read(WEEK);
    assertThat(Evaluator.evaluate(problem, ScheduleJson.fromTree(running.get("schedule"))).scheduledJobs()).isPositive();
    JsonNode list = ServiceClient.json(client.get("/v1/solves"));
    assertThat(list.at("/jobs/0/id").asText()).isEqualTo(job.get("id").asText());

    // DELETE stops it long before its two minutes: cancelled, keeping its best schedule, feasible.
    long stopAt = System.nanoTime();
    assertThat(client.delete(location).statusCode()).isEqualTo(200);
    JsonNode cancelled = await(location, n -> n.get("status").asText().equals("cancelled"));
    assertThat(Duration.ofNanos(System.nanoTime() - stopAt)).isLessThan(Duration.ofSeconds(10));
    assertThat(cancelled.get("progress").asDouble()).isEqualTo(1.0);
    assertThat(cancelled.at("/evaluation/feasible").asBoolean()).isTrue();
    assertThat(cancelled.at("/lowerBound/method").isTextual()).isTrue();
    assertThat(ServiceClient.json(client.get("/v1/ready")).get("solvesRunning").asInt()).isZero();

    // A second DELETE forgets the finished job.
    assertThat(client.delete(location).statusCode()).isEqualTo(200);
    FairshiftServiceTest.assertErrorJson(client.get(location), 404);
  }

  @Test
  void greedyJobCompletesWithTheSameAnswerAsTheSynchronousSolve() throws Exception {
    start(ServiceConfig.builder());

    HttpResponse<String> created = client.post("/v1/solves?solver=greedy", TestProblems.SMALL);
    String location = created.headers().firstValue("Location").orElseThrow();
    JsonNode done = await(location, n -> n.get("status").asText().equals("completed"));

    JsonNode sync = ServiceClient.json(client.post("/v1/schedule?solver=greedy", TestProblems.SMALL));
    assertThat(done.get("schedule")).isEqualTo(sync.get("schedule"));
    assertThat(done.get("evaluation")).isEqualTo(sync.get("evaluation"));
    assertThat(done.get("finishedAt").asText()).isNotBlank();
  }

  @Test
  void onSolvedHearsEverySolvedScheduleAndAFailingListenerChangesNoAnswer() throws Exception {
    java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    start(ServiceConfig.builder().onSolved((problem, schedule) -> {
      heard.add(schedule.solver() + ":" + problem.jobs().size() + ":" + ScheduleJson.write(schedule).hashCode());
      throw new IllegalStateException("listener broke");
    }));
    Problem small = ProblemJson.read(TestProblems.SMALL);

    JsonNode sync = ServiceClient.json(client.post("/v1/schedule?solver=greedy", TestProblems.SMALL));
    assertThat(sync.get("schedule")).isNotNull();
    assertThat(heard).hasSize(1);
    String location = client.post("/v1/solves?solver=asap", TestProblems.SMALL).headers().firstValue("Location")
        .orElseThrow();
    JsonNode done = await(location, n -> n.get("status").asText().equals("completed"));
    assertThat(client.post("/v1/evaluate", "{\"problem\": " + TestProblems.SMALL + ", \"schedule\": "
        + sync.get("schedule") + "}").statusCode()).isEqualTo(200);

    assertThat(heard).as("evaluate solves nothing").containsExactly(
        "greedy:" + small.jobs().size() + ":" + ScheduleJson.write(ScheduleJson.fromTree(sync.get("schedule"))).hashCode(),
        "asap:" + small.jobs().size() + ":" + ScheduleJson.write(ScheduleJson.fromTree(done.get("schedule"))).hashCode());
  }

  @Test
  void concurrentSolvesBeyondTheLimitAre503WithRetryAfter() throws Exception {
    start(ServiceConfig.builder().maxConcurrentSolves(1).retryAfter(Duration.ofSeconds(7)));
    String location = client.post("/v1/solves?solver=optaplanner&timeLimit=2m", WEEK).headers()
        .firstValue("Location").orElseThrow();

    HttpResponse<String> sync = client.post("/v1/schedule?solver=greedy", TestProblems.SMALL);
    FairshiftServiceTest.assertErrorJson(sync, 503);
    assertThat(sync.headers().firstValue("Retry-After")).hasValue("7");
    HttpResponse<String> job = client.post("/v1/solves?solver=greedy", TestProblems.SMALL);
    FairshiftServiceTest.assertErrorJson(job, 503);
    assertThat(job.headers().firstValue("Retry-After")).hasValue("7");
    // Evaluation and health are not solves.
    assertThat(client.get("/v1/health").statusCode()).isEqualTo(200);

    client.delete(location);
    await(location, n -> !n.get("status").asText().equals("solving"));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int status = 0;
    while (System.nanoTime() < deadline && (status = client.post("/v1/schedule", TestProblems.SMALL).statusCode()) == 503) {
      Thread.sleep(20);
    }
    assertThat(status).isEqualTo(200);
  }

  @Test
  void retainedJobsAreBoundedAndFinishedOnesExpire() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));
    start(ServiceConfig.builder().maxConcurrentSolves(4).maxRetainedJobs(2).jobRetention(Duration.ofMinutes(10)).clock(clock));
    String first = client.post("/v1/solves", TestProblems.SMALL).headers().firstValue("Location").orElseThrow();
    await(first, n -> n.get("status").asText().equals("completed"));
    String second = client.post("/v1/solves?solver=optaplanner&timeLimit=2m", WEEK).headers().firstValue("Location").orElseThrow();

    // Full: the oldest finished job makes room.
    String third = client.post("/v1/solves?solver=optaplanner&timeLimit=2m", WEEK).headers().firstValue("Location").orElseThrow();
    FairshiftServiceTest.assertErrorJson(client.get(first), 404);
    // Full of running jobs: 503.
    HttpResponse<String> fourth = client.post("/v1/solves", TestProblems.SMALL);
    FairshiftServiceTest.assertErrorJson(fourth, 503);
    assertThat(fourth.body()).contains("still running");

    client.delete(second);
    client.delete(third);
    await(second, n -> n.get("status").asText().equals("cancelled"));
    await(third, n -> n.get("status").asText().equals("cancelled"));
    clock.advance(Duration.ofMinutes(9));
    assertThat(client.get(second).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(2));
    FairshiftServiceTest.assertErrorJson(client.get(second), 404);
    FairshiftServiceTest.assertErrorJson(client.get(third), 404);
  }

  @Test
  void closeStopsRunningJobsAndReleasesThePort() throws Exception {
    start(ServiceConfig.builder().shutdownGrace(Duration.ofSeconds(5)));
    client.post("/v1/solves?solver=optaplanner&timeLimit=2m", WEEK);
    int port = service.port();

    long t0 = System.nanoTime();
    service.close();

    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    try (java.net.ServerSocket again = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
    service = null;
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
