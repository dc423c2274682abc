package dev.fairshift.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.FairshiftException;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.Problem;
import dev.fairshift.core.ProblemError;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.json.ProblemJson;
import dev.fairshift.core.json.ScheduleJson;
import dev.fairshift.solver.bound.EmissionsBound;
import dev.fairshift.solver.bound.LowerBound;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Fairshift over HTTP, so that Kubernetes, Slurm, Nomad or in-house schedulers can call it. JSON in,
 * JSON out, in the documented format:
 *
 * <ul>
 *   <li>{@code GET /v1/health} &rarr; {@code {"status":"ok","solvers":[...]}}
 *   <li>{@code POST /v1/schedule?solver=greedy&timeLimit=10s&seed=0} with a problem &rarr;
 *       {@code {"schedule": {...}, "evaluation": {...}, "lowerBound": {...}}}
 *   <li>{@code POST /v1/evaluate} with {@code {"problem": {...}, "schedule": {...}}} &rarr;
 *       {@code {"evaluation": {...}}}
 * </ul>
 *
 * Invalid input answers 400 with {@code {"errors":[{"path":...,"message":...}]}}, listing every error.
 * Thread-safe; requests are served by a small fixed pool.
 */
public final class HttpEndpoint implements AutoCloseable {
  /** The largest request body accepted, 64 MiB. */
  public static final int MAX_BODY_BYTES = 64 << 20;

  private final HttpServer server;
  private final ExecutorService executor;
  private final ObjectMapper mapper = new ObjectMapper();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private HttpEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts serving on {@code port} of every interface ({@code 0} picks a free port). */
  public static HttpEndpoint start(int port) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
      ExecutorService executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
      HttpEndpoint endpoint = new HttpEndpoint(server, executor);
      server.createContext("/", endpoint::handle);
      server.setExecutor(executor);
      server.start();
      return endpoint;
    } catch (IOException e) {
      throw new FairshiftException("Cannot listen on port " + port + ": " + e.getMessage()
          + ". Maybe another process uses it; try --port 0 for a free one.", e);
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Blocks until {@link #close()} is called (or the JVM exits). */
  public void awaitTermination() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    stopped.countDown();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      try {
        switch (path) {
          case "/v1/health" -> {
            requireMethod(method, "GET");
            ObjectNode body = mapper.createObjectNode().put("status", "ok");
            ArrayNode solvers = body.putArray("solvers");
            Solvers.NAMES.forEach(solvers::add);
            send(exchange, 200, body);
          }
          case "/v1/schedule" -> {
            requireMethod(method, "POST");
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            SolverOptions options = new SolverOptions(
                query.containsKey("timeLimit") ? Cli.duration(query.get("timeLimit")) : SolverOptions.DEFAULT_TIME_LIMIT,
                query.containsKey("seed") ? parseLong(query.get("seed"), "seed") : 0);
            Problem problem = ProblemJson.read(body(exchange));
            Schedule schedule = Solvers.byName(query.getOrDefault("solver", "greedy"), options).schedule(problem);
            Evaluation evaluation = Evaluator.evaluate(problem, schedule);
            ObjectNode out = mapper.createObjectNode();
            out.set("schedule", mapper.readTree(ScheduleJson.write(schedule)));
            out.set("evaluation", EvaluationJson.toJson(mapper, evaluation));
            out.set("lowerBound", boundJson(problem, evaluation));
            send(exchange, 200, out);
          }
          case "/v1/evaluate" -> {
            requireMethod(method, "POST");
            JsonNode request = parse(body(exchange));
            JsonNode problemNode = request.get("problem");
            JsonNode scheduleNode = request.get("schedule");
            if (problemNode == null || scheduleNode == null) {
              throw new HttpError(400, "The body must be {\"problem\": {...}, \"schedule\": {...}}.");
            }
            Problem problem = prefixed("problem", () -> ProblemJson.read(problemNode.toString()));
            Schedule schedule = prefixed("schedule", () -> ScheduleJson.read(scheduleNode.toString()));
            ObjectNode out = mapper.createObjectNode();
            Evaluation evaluation = Evaluator.evaluate(problem, schedule);
            out.set("evaluation", EvaluationJson.toJson(mapper, evaluation));
            out.set("lowerBound", boundJson(problem, evaluation));
            send(exchange, 200, out);
          }
          default -> throw new HttpError(404, "No endpoint " + path + ". Try GET /v1/health, POST /v1/schedule "
              + "or POST /v1/evaluate.");
        }
      } catch (InvalidProblemException e) {
        sendErrors(exchange, 400, e.errors());
      } catch (HttpError e) {
        sendErrors(exchange, e.status, List.of(new ProblemError("$", e.getMessage())));
      } catch (Cli.UsageException | FairshiftException | IllegalArgumentException e) {
        sendErrors(exchange, 400, List.of(new ProblemError("$", e.getMessage())));
      } catch (RuntimeException e) {
        sendErrors(exchange, 500, List.of(new ProblemError("$", "Internal error: " + e)));
      }
    }
  }

  /**
   * {@code {"gramsCo2e", "scope", "method", "gap", ...}}: the bound that applies to this schedule
   * ({@link LowerBound#forSchedule}) and which schedules it bounds.
   */
  private ObjectNode boundJson(Problem problem, Evaluation evaluation) {
    EmissionsBound bound = LowerBound.forSchedule(problem, evaluation);
    ObjectNode node = mapper.createObjectNode();
    node.put("everyJobCanRun", bound.everyJobCanRun());
    if (bound.hasValue()) {
      node.put("gramsCo2e", bound.gramsCo2e());
    }
    node.put("scope", bound.scope().name().toLowerCase(java.util.Locale.ROOT));
    node.put("boundedJobs", bound.boundedJobs());
    node.put("millis", bound.time().toMillis());
    node.put("method", bound.method().name().toLowerCase(java.util.Locale.ROOT));
    // JSON has no infinity: a zero bound under positive emissions leaves "gap" out.
    bound.gapTo(evaluation).stream().filter(Double::isFinite).forEach(gap -> node.put("gap", gap));
    return node;
  }

  private static <T> T prefixed(String prefix, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidProblemException e) {
      throw new InvalidProblemException("Request", e.errors().stream()
          .map(err -> new ProblemError(prefix + (err.path().equals("$") ? "" : "." + err.path()), err.message()))
          .toList());
    }
  }

  private JsonNode parse(String body) {
    try {
      return mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new HttpError(400, "The body is not JSON: " + e.getOriginalMessage());
    }
  }

  private static void requireMethod(String actual, String expected) {
    if (!actual.equals(expected)) {
      throw new HttpError(405, "Use " + expected + ", not " + actual + ".");
    }
  }

  private static long parseLong(String value, String name) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new HttpError(400, "Query parameter " + name + " takes a whole number, not '" + value + "'.");
    }
  }

  private static String body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new HttpError(413, "The body is larger than " + (MAX_BODY_BYTES >> 20) + " MiB.");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(key, value);
    }
    return out;
  }

  private void sendErrors(HttpExchange exchange, int status, List<ProblemError> errors) {
    ObjectNode body = mapper.createObjectNode();
    ArrayNode list = body.putArray("errors");
    for (ProblemError e : errors) {
      list.addObject().put("path", e.path()).put("message", e.message());
    }
    send(exchange, status, body);
  }

  private void send(HttpExchange exchange, int status, JsonNode body) {
    try {
      byte[] bytes = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request the endpoint refuses, with its HTTP status. */
  private static final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    HttpError(int status, String message) {
      super(message);
      this.status = status;
    }
  }
}
