package dev.fairshift.service.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.json.ProblemJson;
import dev.fairshift.core.json.ScheduleJson;
import dev.fairshift.service.RouteException;
import dev.fairshift.service.RouteHandler;
import dev.fairshift.service.RouteRequest;
import dev.fairshift.service.RouteResponse;
import dev.fairshift.service.ServiceConfig;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.bound.EmissionsBound;
import dev.fairshift.solver.bound.LowerBound;
import dev.fairshift.solver.optaplanner.OptaPlannerScheduler;
import dev.fairshift.solver.optaplanner.SolveControl;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SelectableChannelEndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's endpoints on Jetty's core API, non-blocking: bodies are read asynchronously (no
 * thread waits for a slow client), parsing and evaluation are capped at {@code maxConcurrentRequests}
 * so that request threads stay free for health, and solves run on their own pool of
 * {@code maxConcurrentSolves} threads. Every refusal is the error JSON with the request id.
 */
public final class ServiceHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceHandler.class);
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> SOLVE_PARAMS = List.of("solver", "timeLimit", "seed");
  private static final String JSON = "application/json; charset=utf-8";
  /** Bodies up to this many times the limit are read and discarded before the 413; larger ones are cut off. */
  private static final long DRAIN_FACTOR = 8;

  private final ServiceConfig config;
  private final ExecutorService solvers;
  private final ScheduledExecutorService timers;
  private final Semaphore solveSlots;
  private final Semaphore workSlots;
  private final SolveJobs jobs;
  private final Set<SolveControl> running = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  public ServiceHandler(ServiceConfig config, ExecutorService solvers, ScheduledExecutorService timers) {
    this.config = config;
    this.solvers = solvers;
    this.timers = timers;
    this.solveSlots = new Semaphore(config.maxConcurrentSolves());
    this.workSlots = new Semaphore(config.maxConcurrentRequests());
    this.jobs = new SolveJobs(config.maxRetainedJobs(), config.jobRetention(), config.clock());
  }

  /** Refuses new work, answers readiness 503 and stops every running solve (each answers its best so far). */
  public void beginShutdown() {
    stopping = true;
    running.forEach(SolveControl::stop);
  }

  /** Solves running now, synchronous and jobs. */
  public int solvesRunning() {
    return config.maxConcurrentSolves() - solveSlots.availablePermits();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Exchange ex = new Exchange(request, response, callback, RequestIds.next());
    try {
      route(ex);
    } catch (ApiError e) {
      refuseUnread(ex, e);
    } catch (Throwable t) {
      ex.fail(t);
    }
    return true;
  }

  /**
   * Answers an error raised before the body was read (401, 404, 405, a bad query): a body of declared length
   * within {@code maxBodyBytes} is read and discarded first (without a thread, within the read timeout), so
   * that a client still sending it receives the answer rather than a reset connection, which it would see as
   * a response of no bytes; a larger or chunked one closes the connection after the answer.
   */
  private void refuseUnread(Exchange ex, ApiError e) {
    long declared = ex.request.getLength();
    boolean chunked = ex.request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    if (e.closeConnection || (declared <= 0 && !chunked)) {
      ex.error(e);
      return;
    }
    if (chunked || declared > config.maxBodyBytes()) {
      ex.error(e.closing());
      return;
    }
    long elapsedNanos = System.nanoTime() - ex.request.getBeginNanoTime();
    long remainingMillis = Math.max(1, config.readTimeout().toMillis() - TimeUnit.NANOSECONDS.toMillis(elapsedNanos));
    ScheduledFuture<?> deadline = timers.schedule(() -> ex.error(e.closing()), remainingMillis, TimeUnit.MILLISECONDS);
    Content.Source.consumeAll(ex.request, Callback.from(() -> {
      deadline.cancel(false);
      ex.error(e);
    }, failure -> {
      deadline.cancel(false);
      ex.error(e.closing());
    }));
  }

  private void route(Exchange ex) {
    String path = Request.getPathInContext(ex.request);
    String method = ex.request.getMethod();
    if (path.equals("/v1/health")) {
      ex.method(method, "GET", "HEAD");
      ObjectNode body = MAPPER.createObjectNode().put("status", "ok");
      ArrayNode names = body.putArray("solvers");
      Solvers.NAMES.forEach(names::add);
      ex.json(200, body);
      return;
    }
    if (path.equals("/v1/ready")) {
      ex.method(method, "GET", "HEAD");
      if (stopping) {
        throw new ApiError(503, "The service is shutting down and takes no new work.");
      }
      ex.json(200, MAPPER.createObjectNode().put("status", "ready").put("solvesRunning", solvesRunning())
          .put("maxConcurrentSolves", config.maxConcurrentSolves()).put("jobsRetained", jobs.size()));
      return;
    }
    authenticate(ex);
    if (path.equals("/v1/schedule")) {
      ex.method(method, "POST");
      schedule(ex);
    } else if (path.equals("/v1/evaluate")) {
      ex.method(method, "POST");
      evaluate(ex);
    } else if (path.equals("/v1/solves")) {
      ex.method(method, "POST", "GET");
      if (method.equals("POST")) {
        submit(ex);
      } else {
        Params.parse(ex.request.getHttpURI().getQuery(), List.of());
        ArrayNode list = MAPPER.createArrayNode();
        jobs.all().forEach(j -> list.add(summary(j, j.snapshot())));
        ex.json(200, MAPPER.createObjectNode().set("jobs", list));
      }
    } else if (path.startsWith("/v1/solves/")) {
      ex.method(method, "GET", "DELETE");
      String id = path.substring("/v1/solves/".length());
      Params.parse(ex.request.getHttpURI().getQuery(), List.of());
      SolveJobs.Job job = jobs.get(id).orElseThrow(() -> new ApiError(404, "No solve job " + Text.safe(id)
          + ". It may have finished more than " + Text.duration(config.jobRetention()) + " ago and been forgotten, or "
          + "been evicted by newer jobs. Maybe list the jobs with GET /v1/solves."));
      if (method.equals("DELETE")) {
        if (job.snapshot().finished()) {
          jobs.remove(id);
        } else {
          job.control.stop();
        }
      }
      work(() -> ex.json(200, view(job)));
    } else if (config.routes().containsKey(path)) {
      ex.method(method, "GET", "HEAD");
      mounted(ex, path, config.routes().get(path));
    } else {
      List<String> known = new ArrayList<>(List.of("GET /v1/health", "GET /v1/ready", "POST /v1/schedule",
          "POST /v1/evaluate", "POST /v1/solves", "GET /v1/solves", "GET|DELETE /v1/solves/{id}"));
      config.routes().keySet().forEach(r -> known.add("GET " + r));
      throw new ApiError(404, "No endpoint " + Text.safe(path) + ". Known: " + String.join(", ", known) + ".");
    }
  }

  private void authenticate(Exchange ex) {
    if (config.token().isEmpty()) {
      return;
    }
    String header = ex.request.getHeaders().get(HttpHeader.AUTHORIZATION);
    String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    if (!config.token().get().matches(presented)) {
      throw new ApiError(401, header == null
          ? "This service needs a token: send 'Authorization: Bearer <token>'."
          : "The token is not valid. Maybe check the token file or environment variable the service was started with.")
          .header("WWW-Authenticate", "Bearer realm=\"fairshift\"");
    }
  }

  // --- endpoints -------------------------------------------------------------------------------

  private void schedule(Exchange ex) {
    Params.Solve params = Params.solve(Params.parse(ex.request.getHttpURI().getQuery(), SOLVE_PARAMS),
        config.defaultTimeLimit(), config.maxTimeLimit());
    refuseWhenStopping();
    readBody(ex, body -> {
      Problem problem = work(() -> ProblemJson.read(Envelope.utf8(body)));
      acquireSolveSlot();
      SolveControl control = SolveControl.create();
      running.add(control);
      submitSolve(() -> {
        ScheduledFuture<?> probe = watchDisconnect(ex, control);
        try {
          Schedule schedule = solve(params, problem, control);
          if (ex.gone()) {
            return null;
          }
          ObjectNode out = answer(problem, schedule);
          solved(problem, schedule);
          return () -> ex.json(200, out);
        } finally {
          probe.cancel(false);
        }
      }, ex, control);
    });
  }

  private void evaluate(Exchange ex) {
    Params.parse(ex.request.getHttpURI().getQuery(), List.of());
    readBody(ex, body -> work(() -> {
      JsonNode request = Envelope.object(Envelope.utf8(body), List.of("problem", "schedule"));
      Problem problem = Envelope.part("problem", () -> ProblemJson.fromTree(request.get("problem")));
      Schedule schedule = Envelope.part("schedule", () -> ScheduleJson.fromTree(request.get("schedule")));
      Evaluation evaluation = Evaluator.evaluate(problem, schedule);
      ObjectNode out = MAPPER.createObjectNode();
      out.set("evaluation", EvaluationJson.toJson(MAPPER, evaluation));
      out.set("lowerBound", boundJson(problem, evaluation));
      ex.json(200, out);
      return null;
    }));
  }

  private void submit(Exchange ex) {
    Params.Solve params = Params.solve(Params.parse(ex.request.getHttpURI().getQuery(), SOLVE_PARAMS),
        config.defaultTimeLimit(), config.maxTimeLimit());
    refuseWhenStopping();
    readBody(ex, body -> {
      Problem problem = work(() -> ProblemJson.read(Envelope.utf8(body)));
      acquireSolveSlot();
      SolveJobs.Job job;
      try {
        job = jobs.create(params, problem, config.retryAfter());
      } catch (RuntimeException e) {
        solveSlots.release();
        throw e;
      }
      running.add(job.control);
      if (stopping) {
        job.control.stop();
      }
      submitSolve(() -> {
        job.started(jobs.clock().instant());
        try {
          Schedule schedule = solve(params, problem, job.control);
          ObjectNode out = answer(problem, schedule);
          solved(problem, schedule);
          return () -> job.finished(jobs.clock().instant(), out);
        } catch (RuntimeException | Error e) {
          LOG.error("Solve job {} (request {}) failed", job.id, ex.requestId, e);
          return () -> job.failed(jobs.clock().instant(), "The solve failed inside the service. The service log has the "
              + "details under job " + job.id + ".");
        }
      }, null, job.control);
      String location = "/v1/solves/" + job.id;
      ex.response.getHeaders().put(HttpHeader.LOCATION, location);
      ex.json(202, MAPPER.createObjectNode().put("id", job.id).put("status", "solving").put("location", location));
    });
  }

  private void mounted(Exchange ex, String path, RouteHandler handler) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    String raw = ex.request.getHttpURI().getQuery();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = decodeOrFail(eq < 0 ? pair : pair.substring(0, eq));
        query.computeIfAbsent(name, k -> new ArrayList<>()).add(eq < 0 ? "" : decodeOrFail(pair.substring(eq + 1)));
      }
    }
    // Not counted in maxConcurrentRequests: a scrape of /metrics must answer under load, like health.
    RouteResponse answer;
    try {
      answer = handler.handle(new RouteRequest(path, query, ex.requestId));
    } catch (RouteException e) {
      throw new ApiError(e.status(), e.getMessage() == null ? "Refused." : e.getMessage());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new CompletionException(e);
    }
    if (answer == null) {
      throw new IllegalStateException("Route " + path + " answered null");
    }
    ex.send(answer.status(), answer.contentType(), answer.body());
  }

  private static String decodeOrFail(String s) {
    try {
      return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "query", "The query has a malformed %-escape. Maybe encode '%' as %25.");
    }
  }

  // --- solving ---------------------------------------------------------------------------------

  private static Schedule solve(Params.Solve params, Problem problem, SolveControl control) {
    Scheduler scheduler = Solvers.byName(params.solver(), params.timeLimit(), params.seed());
    if (scheduler instanceof OptaPlannerScheduler opta) {
      return opta.solve(problem, control).schedule();
    }
    return scheduler.schedule(problem);
  }

  /** Tells the configured listener; its failure is logged and changes no answer. */
  private void solved(Problem problem, Schedule schedule) {
    try {
      config.onSolved().solved(problem, schedule);
    } catch (RuntimeException e) {
      LOG.warn("The onSolved listener failed; the answer is unchanged", e);
    }
  }

  private void refuseWhenStopping() {
    if (stopping) {
      throw new ApiError(503, "The service is shutting down and takes no new solves. Maybe retry on another instance.")
          .header("Retry-After", Long.toString(config.retryAfter().getSeconds()));
    }
  }

  private void acquireSolveSlot() {
    refuseWhenStopping();
    if (!solveSlots.tryAcquire()) {
      throw new ApiError(503, "All " + config.maxConcurrentSolves() + " solve slots are busy. Retry after "
          + config.retryAfter().getSeconds() + " s.")
          .header("Retry-After", Long.toString(config.retryAfter().getSeconds()));
    }
  }

  /**
   * Runs a solve holding a slot (already acquired), releasing it and the control whatever happens;
   * then runs what the solve returned (the answer), so that a client answered can at once solve again.
   */
  private void submitSolve(java.util.concurrent.Callable<Runnable> solve, Exchange ex, SolveControl control) {
    try {
      solvers.execute(() -> {
        Runnable then = null;
        try {
          then = solve.call();
        } catch (Throwable t) {
          then = ex != null ? () -> ex.fail(t) : () -> LOG.error("Solve failed", t);
        } finally {
          running.remove(control);
          solveSlots.release();
        }
        if (then != null) {
          try {
            then.run();
          } catch (RuntimeException e) {
            if (ex != null) {
              ex.fail(e);
            }
          }
        }
      });
    } catch (RejectedExecutionException e) {
      running.remove(control);
      solveSlots.release();
      throw new ApiError(503, "The service is shutting down and takes no new solves.")
          .header("Retry-After", Long.toString(config.retryAfter().getSeconds()));
    }
  }

  /**
   * Stops {@code control}'s solve when the client of a synchronous solve goes away: every 200 ms a
   * non-blocking read of the idle connection; end of stream means the client closed it. (A pipelined
   * byte read here is lost, so such a connection closes after its answer.)
   */
  private ScheduledFuture<?> watchDisconnect(Exchange ex, SolveControl control) {
    EndPoint endPoint = ex.request.getConnectionMetaData().getConnection().getEndPoint();
    return timers.scheduleWithFixedDelay(() -> {
      if (ex.done.get() || control.stopRequested()) {
        return;
      }
      boolean gone = !endPoint.isOpen();
      if (!gone && endPoint instanceof SelectableChannelEndPoint channelEndPoint
          && channelEndPoint.getChannel() instanceof SocketChannel channel && !ex.closeAfter) {
        try {
          int read = channel.read(ByteBuffer.allocate(1));
          if (read < 0) {
            gone = true;
          } else if (read > 0) {
            ex.closeAfter = true;
          }
        } catch (IOException e) {
          gone = true;
        }
      }
      if (gone) {
        ex.abandon();
        control.stop();
      }
    }, 200, 200, TimeUnit.MILLISECONDS);
  }

  // --- answers ---------------------------------------------------------------------------------

  private static ObjectNode answer(Problem problem, Schedule schedule) {
    Evaluation evaluation = Evaluator.evaluate(problem, schedule);
    ObjectNode out = MAPPER.createObjectNode();
    out.set("schedule", ScheduleJson.toTree(schedule));
    out.set("evaluation", EvaluationJson.toJson(MAPPER, evaluation));
    out.set("lowerBound", boundJson(problem, evaluation));
    return out;
  }

  private ObjectNode summary(SolveJobs.Job job, SolveJobs.Snapshot s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", job.id);
    n.put("status", s.status() == SolveJobs.Status.SOLVING && job.control.stopRequested() ? "stopping"
        : s.status().name().toLowerCase(Locale.ROOT));
    n.put("solver", job.params.solver());
    n.put("timeLimit", job.params.timeLimit().toString());
    n.put("seed", job.params.seed());
    n.put("submittedAt", job.submittedAt.toString());
    Optional.ofNullable(s.startedAt()).ifPresent(t -> n.put("startedAt", t.toString()));
    Optional.ofNullable(s.finishedAt()).ifPresent(t -> n.put("finishedAt", t.toString()));
    Instant start = s.startedAt() == null ? job.submittedAt : s.startedAt();
    Instant end = s.finishedAt() == null ? jobs.clock().instant() : s.finishedAt();
    long elapsed = Math.max(0, Duration.between(start, end).toMillis());
    n.put("elapsedMillis", elapsed);
    double progress = s.finished() ? 1.0 : Math.min(0.99, (double) elapsed / Math.max(1, job.params.timeLimit().toMillis()));
    n.put("progress", Math.round(progress * 100) / 100.0);
    n.put("improvements", job.control.improvements());
    job.control.bestScore().ifPresent(score -> n.put("bestScore", score.toString()));
    return n;
  }

  /** A job with its best schedule so far, evaluated, or its final answer. */
  private ObjectNode view(SolveJobs.Job job) {
    SolveJobs.Snapshot s = job.snapshot();
    ObjectNode n = summary(job, s);
    if (s.answer() != null) {
      n.setAll(s.answer());
    } else if (s.failure() != null) {
      ArrayNode errors = n.putArray("errors");
      errors.addObject().put("path", "$").put("message", s.failure());
    } else {
      Optional<Problem> problem = job.problem();
      Optional<Schedule> best = job.control.bestSchedule();
      if (problem.isPresent() && best.isPresent()) {
        n.setAll(answer(problem.get(), best.get()));
      }
    }
    return n;
  }

  /**
   * {@code {"everyJobCanRun", "gramsCo2e", "scope", "boundedJobs", "millis", "method", "gap"}}: the bound that
   * applies to this schedule ({@link LowerBound#forSchedule}) and which schedules it bounds.
   */
  private static ObjectNode boundJson(Problem problem, Evaluation evaluation) {
    EmissionsBound bound = LowerBound.forSchedule(problem, evaluation);
    ObjectNode node = MAPPER.createObjectNode();
    node.put("everyJobCanRun", bound.everyJobCanRun());
    if (bound.hasValue()) {
      node.put("gramsCo2e", bound.gramsCo2e());
    }
    node.put("scope", bound.scope().name().toLowerCase(Locale.ROOT));
    node.put("boundedJobs", bound.boundedJobs());
    node.put("millis", bound.time().toMillis());
    node.put("method", bound.method().name().toLowerCase(Locale.ROOT));
    // JSON has no infinity: a zero bound under positive emissions leaves "gap" out.
    bound.gapTo(evaluation).stream().filter(Double::isFinite).forEach(gap -> node.put("gap", gap));
    return node;
  }

  // --- plumbing --------------------------------------------------------------------------------

  /** Runs CPU work (parsing, evaluating) holding one of {@code maxConcurrentRequests} slots. */
  private <T> T work(Supplier<T> task) {
    if (!workSlots.tryAcquire()) {
      throw new ApiError(503, "The service is busy with " + config.maxConcurrentRequests() + " requests. Retry after "
          + config.retryAfter().getSeconds() + " s.").header("Retry-After", Long.toString(config.retryAfter().getSeconds()));
    }
    try {
      return task.get();
    } finally {
      workSlots.release();
    }
  }

  private void work(Runnable task) {
    work(() -> {
      task.run();
      return null;
    });
  }

  /**
   * Reads the whole body without holding a thread, then runs {@code then}: 413 beyond
   * {@code maxBodyBytes} (at once when Content-Length says so), 408 when it has not all arrived within
   * {@code readTimeout} of the request's start or the connection idles, nothing when the client left.
   */
  private void readBody(Exchange ex, Consumer<byte[]> then) {
    long declared = ex.request.getLength();
    long elapsedNanos = System.nanoTime() - ex.request.getBeginNanoTime();
    long remainingMillis = Math.max(1, config.readTimeout().toMillis() - TimeUnit.NANOSECONDS.toMillis(elapsedNanos));
    AtomicReference<ApiError> onDeadline = new AtomicReference<>(slow());
    ScheduledFuture<?> deadline = timers.schedule(() -> ex.error(onDeadline.get()), remainingMillis, TimeUnit.MILLISECONDS);
    if (declared > config.maxBodyBytes()) {
      if (declared > DRAIN_FACTOR * config.maxBodyBytes()) {
        deadline.cancel(false);
        throw tooLarge().closing();
      }
      drainThen(ex, deadline, onDeadline);
      return;
    }
    Content.Source.asByteArrayAsync(ex.request, (int) config.maxBodyBytes()).whenComplete((bytes, failure) -> {
      if (ex.done.get()) {
        deadline.cancel(false);
        return;
      }
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof IllegalStateException) {
          // Over the limit without a Content-Length (chunked): read the rest, then answer.
          drainThen(ex, deadline, onDeadline);
          return;
        }
        deadline.cancel(false);
        if (cause instanceof TimeoutException) {
          ex.error(slow());
        } else if (cause instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
          ex.error(new ApiError(http.getCode(), "The request body is not valid HTTP/1.1 content (e.g. bad chunked "
              + "encoding). Maybe let your HTTP client frame the body.").closing());
        } else {
          ex.abandon();
        }
        return;
      }
      deadline.cancel(false);
      try {
        then.accept(bytes);
      } catch (Throwable t) {
        ex.fail(t);
      }
    });
  }

  /**
   * Answers 413 after reading and discarding the rest of a body that is too large (within the read
   * deadline), so that a client still sending it receives the answer instead of a reset connection.
   */
  private void drainThen(Exchange ex, ScheduledFuture<?> deadline, AtomicReference<ApiError> onDeadline) {
    onDeadline.set(tooLarge().closing());
    Content.Source.consumeAll(ex.request, Callback.from(() -> {
      deadline.cancel(false);
      ex.error(tooLarge());
    }, failure -> {
      deadline.cancel(false);
      ex.error(tooLarge().closing());
    }));
  }

  private ApiError tooLarge() {
    return new ApiError(413, "The body is larger than this service's limit of " + config.maxBodyBytes() + " bytes. "
        + "Maybe split the problem, or start the service with a higher maxBodyBytes.");
  }

  private ApiError slow() {
    return new ApiError(408, "The request did not arrive within " + Text.duration(config.readTimeout())
        + ". Maybe check the network, or send the body at once rather than in pieces.").closing();
  }

  /** One request and its answer, sent at most once. */
  final class Exchange {
    final Request request;
    final Response response;
    final Callback callback;
    final String requestId;
    final AtomicBoolean done = new AtomicBoolean();
    volatile boolean closeAfter;

    Exchange(Request request, Response response, Callback callback, String requestId) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.requestId = requestId;
      response.getHeaders().put(RequestIds.HEADER, requestId);
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      response.getHeaders().put("X-Content-Type-Options", "nosniff");
      // A synchronous solve keeps its connection quiet for as long as it runs (at most maxTimeLimit).
      request.addIdleTimeoutListener(t -> false);
    }

    void method(String actual, String... allowed) {
      if (!List.of(allowed).contains(actual)) {
        throw new ApiError(405, "Use " + String.join(" or ", allowed) + " here, not " + Text.safe(actual) + ".")
            .header("Allow", String.join(", ", allowed));
      }
    }

    boolean gone() {
      return done.get();
    }

    void json(int status, JsonNode body) {
      byte[] bytes;
      try {
        bytes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
      } catch (IOException e) {
        throw new IllegalStateException("Cannot write JSON", e);
      }
      send(status, JSON, bytes);
    }

    void send(int status, String contentType, byte[] bytes) {
      if (!done.compareAndSet(false, true)) {
        return;
      }
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
      if (closeAfter) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
      }
      response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    void error(ApiError e) {
      error(e, false);
    }

    private void error(ApiError e, boolean logged) {
      if (done.get()) {
        return;
      }
      if (e.status >= 500 && !logged) {
        LOG.warn("{} {} answered {} (request id {}): {}", request.getMethod(),
            Text.safe(Request.getPathInContext(request)), e.status, requestId, e.getMessage());
      }
      e.headers.forEach((k, v) -> response.getHeaders().put(k, v));
      if (e.closeConnection) {
        closeAfter = true;
      }
      json(e.status, ErrorBodies.body(e.errors, requestId));
    }

    void fail(Throwable t) {
      if (t instanceof ApiError e) {
        error(e);
      } else if (t instanceof InvalidProblemException e) {
        error(new ApiError(400, e.errors()));
      } else {
        LOG.error("{} {} failed (request id {})", request.getMethod(), Text.safe(Request.getPathInContext(request)),
            requestId, t);
        error(new ApiError(500, ErrorBodies.internal(requestId)), true);
      }
    }

    /** The client left: complete quietly, nothing to send. */
    void abandon() {
      if (done.compareAndSet(false, true)) {
        callback.failed(new IOException("The client closed the connection"));
      }
    }
  }
}
