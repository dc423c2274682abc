package dev.fairshift.integrations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairshift.core.Horizon;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine-independent reconciling planning loop: on every tick and on every engine change it reads the
 * engine's whole state, computes what should be, and applies the difference.
 *
 * <p>One pass ({@link #reconcile()}):
 * <ol>
 *   <li>Read the engine's hubs and jobs. If that fails, nothing is done; the next pass retries.
 *   <li>Release at once, untouched, every held job whose fields cannot be mapped (reason logged), and, on its
 *       recorded (or first) pool, every held job whose deadline can no longer be met (reported).
 *   <li>Build a {@link dev.fairshift.core.Problem}: hubs from the config with the engine's capacity (less work
 *       outside Fairshift, less Fairshift's released and running jobs, which are thereby pinned); the held jobs;
 *       intensities from the {@link IntensityFeed}. Plan with greedy, then improve with OptaPlanner for at most
 *       {@code planning.improveFor}.
 *   <li>For every held job: the planned decision, or, when it could not be planned (or planning failed), its
 *       recorded decision if still valid, else its latest feasible start. Release it when that time has come
 *       or its latest start is less than one tick away; otherwise record the decision on the engine if it
 *       differs from the one recorded there.
 *   <li>Evaluate what actually ran against the ASAP baseline, update the metrics and the status document.
 * </ol>
 * All state is in the engine, so a pass is idempotent and a restarted loop carries on where the last one
 * stopped; a released job is never released again because the engine no longer reports it as held.
 *
 * <pre>{@code
 * PlanningLoop loop = PlanningLoop.builder(engine, LoopConfigReader.read(Path.of("slurm.yaml"))).build();
 * loop.start();                      // ticks every config.tick() and on engine changes
 * String metrics = loop.scrape();    // Prometheus text, for /metrics
 * String status = loop.statusJson(); // the transparency document
 * }</pre>
 *
 * <p>Thread-safe: passes are serialised; {@link #scrape()} and {@link #statusJson()} may be called from any
 * thread at any time and never wait for a pass.
 */
public final class PlanningLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PlanningLoop.class);
  private static final int RECENT = 100;
  /** The solver name of the schedule of what the engine actually ran ({@link #whatRan()}). */
  public static final String RAN_SOLVER = "engine";

  private final Engine engine;
  private final LoopConfig config;
  private final Clock clock;
  private final IntensityFeed feed;
  private final PrometheusMeterRegistry registry;
  private final LoopMetrics metrics;
  private final JobMapper mapper;
  private final Planner planner;
  private final Transparency transparency;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Deque<ObjectNode> recent = new ArrayDeque<>();
  private final AtomicBoolean changePending = new AtomicBoolean();
  private final Map<String, String> zoneSources = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile String status;
  private String lastPlanningError;
  private volatile TickReport lastReport;
  private volatile Optional<Transparency.Figures> lastFigures = Optional.empty();
  private volatile Optional<LoopSchedule> currentPlan = Optional.empty();
  private final Object lifecycle = new Object();
  private ScheduledExecutorService executor;
  private volatile Thread passThread; // the executor's one thread, joined on close so none outlives the loop
  private AutoCloseable changeListener;

  private PlanningLoop(Builder b) {
    this.engine = b.engine;
    this.config = b.config;
    this.clock = b.clock;
    this.feed = b.feed != null ? b.feed : IntensityFeed.fromConfig(config.intensity(), clock, b.env);
    this.registry = b.registry != null ? b.registry : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.metrics = new LoopMetrics(registry, engine.name());
    this.mapper = new JobMapper(config);
    this.planner = new Planner(config, b.scheduler);
    this.transparency = new Transparency(config, feed);
    this.status = "{\"engine\": \"" + engine.name() + "\", \"ticks\": 0}";
  }

  /** Starts a loop over {@code engine} configured by {@code config}. */
  public static Builder builder(Engine engine, LoopConfig config) {
    return new Builder(engine, config);
  }

  /** The Micrometer registry holding the loop's meters; a service mounts its {@code scrape()} on /metrics. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The meters in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  /** The transparency document of the last pass (JSON; see the README). */
  public String statusJson() {
    return status;
  }

  /**
   * The current plan with its problem: the held jobs planned by the last pass that read the engine. Empty
   * before the first such pass, and when that pass had no held job to plan or its planning failed (the jobs
   * then keep their recorded decisions). A pass that cannot read the engine leaves it as it was. Each pass
   * publishes a new object, so a reader can cache its page by identity. Never waits for a pass.
   */
  public Optional<LoopSchedule> currentPlan() {
    return currentPlan;
  }

  /**
   * What the engine actually ran in the lookback window ({@code transparency.lookback}), as a problem and a
   * schedule: every job under Fairshift's control that started in the window, at the hub of the pool it ran
   * on, from the slot it started in for as many slots as it ran (or has run so far), on the zones' actual
   * intensities; each job's release is its earliest start (its begin time or submission), so waits show.
   * These are the "ran" figures of {@link #statusJson()} and the metrics. Empty before the first pass and
   * while nothing has run in the window; kept from the last pass that computed it. Never waits for a pass.
   */
  public Optional<LoopSchedule> whatRan() {
    return lastFigures.flatMap(Transparency.Figures::ran);
  }

  /** The last pass's report, or empty before the first. */
  public Optional<TickReport> lastReport() {
    return Optional.ofNullable(lastReport);
  }

  /**
   * Starts passes every {@code config.tick()} and on every engine change, on one daemon thread. Errors of a
   * pass are logged and counted; the next pass runs anyway.
   *
   * @throws IllegalStateException if already started
   */
  public void start() {
    synchronized (lifecycle) {
      startLocked();
    }
  }

  private void startLocked() {
    if (executor != null) {
      throw new IllegalStateException("The planning loop for " + engine.name() + " is already started.");
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "fairshift-loop-" + engine.name());
      t.setDaemon(true);
      passThread = t;
      return t;
    });
    ScheduledExecutorService passes = executor;
    passes.scheduleWithFixedDelay(this::safePass, 0, config.tick().toMillis(), TimeUnit.MILLISECONDS);
    changeListener = engine.onChange(() -> {
      if (changePending.compareAndSet(false, true)) {
        try {
          passes.execute(() -> {
            changePending.set(false);
            safePass();
          });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
          changePending.set(false); // the loop was closed: nothing to do
        }
      }
    });
  }

  /** Stops the passes (waiting up to 30 s for one under way); the engine keeps every decision. */
  @Override
  public void close() {
    synchronized (lifecycle) {
      closeLocked();
    }
  }

  private void closeLocked() {
    if (changeListener != null) {
      try {
        changeListener.close();
      } catch (Exception e) {
        LOG.warn("Closing the {} change listener failed: {}", engine.name(), e.toString());
      }
    }
    if (executor != null) {
      executor.shutdownNow();
      try {
        // the pool counts as terminated a moment before its thread exits: join it too, so close() returns
        // only when no loop thread is left
        if (executor.awaitTermination(30, TimeUnit.SECONDS) && passThread != null) {
          passThread.join(TimeUnit.SECONDS.toMillis(5));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      executor = null;
      passThread = null;
    }
  }

  private void safePass() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      metrics.tick("error");
      LOG.error("Planning pass for {} failed: {}", engine.name(), e.toString(), e);
    }
  }

  /** Runs one pass now (see the class comment) and reports what it did. */
  public synchronized TickReport reconcile() {
    Instant now = clock.instant();
    List<String> problems = new ArrayList<>();
    List<TickReport.Released> released = new ArrayList<>();
    List<HubCapacity> hubs;
    List<EngineJob> jobs;
    try {
      hubs = engine.hubs();
      jobs = engine.jobs();
    } catch (EngineException e) {
      metrics.engineError(e.operation(), e);
      problems.add(e.getClass().getSimpleName() + " on " + e.operation() + ": " + e.getMessage());
      LOG.warn("Cannot read {} ({}): {}. Nothing done; retrying on the next pass.", engine.name(), e.operation(),
          e.getMessage());
      return finish(new TickReport(now, TickReport.Outcome.ENGINE_ERROR, 0, 0, released, problems));
    }
    Map<String, HubCapacity> capacities = new LinkedHashMap<>();
    hubs.forEach(h -> capacities.put(h.pool(), h));
    for (LoopConfig.HubConfig h : config.hubs()) {
      if (!capacities.containsKey(h.pool())) {
        problems.add("hub " + h.id() + ": the engine reports no pool '" + h.pool() + "'; planned with no capacity");
      }
    }
    Horizon horizon = new Horizon(Transparency.floor(now, config.slot()), config.slot(), config.horizonSlots());
    Actions actions = new Actions(now, released, problems);

    List<JobMapper.Mapped> candidates = new ArrayList<>();
    List<EngineJob> active = new ArrayList<>();
    int held = 0;
    for (EngineJob job : jobs) {
      if (job.state() == JobState.PENDING || job.state() == JobState.RUNNING) {
        active.add(job);
      }
      if (job.state() != JobState.HELD) {
        continue;
      }
      held++;
      JobMapper.Result r;
      try {
        r = mapper.map(job, now, horizon, capacities);
      } catch (RuntimeException e) {
        r = new JobMapper.Result(Optional.empty(), "its fields cannot be mapped: " + e.getMessage());
      }
      if (r.mapped().isEmpty()) {
        actions.release(job, Release.untouched(Release.Kind.UNMAPPED, "left to " + engine.name() + ": "
            + r.problem()), "-");
        continue;
      }
      JobMapper.Mapped m = r.mapped().get();
      if (m.latestStart().isBefore(now)) {
        String why = "deadline " + m.deadline() + " can no longer be met (latest start " + m.latestStart()
            + "): released at once";
        actions.release(job, Release.on(m.fallbackPool(), Release.Kind.DEADLINE_UNREACHABLE, why), "deadline");
        continue;
      }
      candidates.add(m);
    }

    Map<String, ZoneSignal> zones = new LinkedHashMap<>();
    boolean degraded = false;
    for (LoopConfig.HubConfig h : config.hubs()) {
      if (!zones.containsKey(h.zone())) {
        ZoneSignal z = feed.forecast(h.zone(), horizon);
        zones.put(h.zone(), z);
        metrics.gauge("fairshift.loop.intensity.degraded", "1 when a zone is planned on stand-in data",
            Tags.of("zone", h.zone()), z.degraded() ? 1 : 0);
        String line = "zone " + h.zone() + ": planning on " + z.source()
            + (z.note().isEmpty() ? "" : " because " + z.note());
        if (z.degraded()) {
          degraded = true;
          problems.add(line);
        }
        String before = zoneSources.put(h.zone(), z.source());
        if (!z.source().equals(before)) {
          if (z.degraded()) {
            LOG.warn("{}", line);
          } else {
            LOG.info("{}", line);
          }
        }
      }
    }

    Optional<Planner.Plan> plan = Optional.empty();
    if (!candidates.isEmpty() && !actions.stopped) {
      try {
        plan = Optional.of(planner.plan(horizon, candidates, active, capacities, zones));
      } catch (RuntimeException e) {
        degraded = true;
        metrics.planningFailed();
        problems.add("planning failed: " + e.getMessage());
        String message = String.valueOf(e.getMessage());
        if (message.equals(lastPlanningError)) {
          LOG.warn("Planning failed again ({}); jobs keep their recorded decisions and are released by their"
              + " latest start.", e.getClass().getSimpleName());
        } else {
          LOG.error("Planning failed ({}); jobs keep their recorded decisions and are released by their latest"
              + " start.", e.toString(), e);
        }
        lastPlanningError = message;
      }
    }

    for (JobMapper.Mapped m : candidates) {
      if (actions.stopped) {
        break;
      }
      Optional<Decision> recorded = m.engineJob().decision();
      Optional<Planner.Choice> choice = plan.map(p -> p.choices().get(m.id()));
      Decision target;
      String constraint;
      if (choice.isPresent()) {
        target = choice.get().decision();
        constraint = choice.get().constraint();
      } else if (recorded.isPresent() && !recorded.get().plannedStart().isAfter(m.latestStart())
          && m.hubs().stream().anyMatch(h -> h.pool().equals(recorded.get().pool()))) {
        target = recorded.get();
        constraint = "recorded";
      } else {
        String why = plan.isEmpty() ? (candidates.isEmpty() ? "" : "no plan this pass")
            : plan.get().notPlaced().getOrDefault(m.id(), m.whyNotPlanned());
        target = new Decision(m.fallbackPool(), m.latestStart(),
            oneLine("not placed by the planner (" + why + "): released by its latest start"), 0);
        constraint = "latest start";
      }
      boolean duePlanned = !now.isBefore(target.plannedStart());
      boolean dueLatest = !now.isBefore(m.latestStart().minus(config.tick()));
      if (duePlanned || dueLatest) {
        Release.Kind kind = duePlanned && !constraint.equals("latest start") ? Release.Kind.PLANNED
            : Release.Kind.LATEST_START;
        String reason;
        if (kind == Release.Kind.LATEST_START) {
          reason = "latest feasible start " + m.latestStart() + " has come";
        } else if (recorded.isPresent() && !now.isBefore(recorded.get().plannedStart())) {
          reason = "planned slot " + recorded.get().plannedStart() + " has come (" + recorded.get().reason() + ")";
          constraint = "planned slot";
        } else {
          reason = target.reason();
        }
        actions.release(m.engineJob(), Release.on(target.pool(), kind, reason), constraint);
      } else if (recorded.isEmpty() || !target.sameAs(recorded.get())) {
        actions.apply(m, target, choice.map(Planner.Choice::hub).orElse(hubId(target.pool())), constraint);
      }
    }

    currentPlan = plan.map(p -> new LoopSchedule(now, p.problem(), p.schedule()));
    Optional<Transparency.Figures> figures = Optional.empty();
    try {
      figures = Optional.of(transparency.compute(now, jobs, plan.map(Planner.Plan::evaluation), capacities));
      lastFigures = figures;
    } catch (RuntimeException e) {
      problems.add("transparency figures unavailable this pass: " + e.getMessage());
      LOG.warn("Transparency figures unavailable this pass: {}", e.toString());
    }
    metrics.gauge("fairshift.loop.held.jobs", "Held jobs seen in the last pass", Tags.empty(), held);
    metrics.gauge("fairshift.loop.last.pass.timestamp.seconds", "When the last pass started (epoch seconds)",
        Tags.empty(), now.getEpochSecond());
    figures.ifPresent(this::publish);

    TickReport.Outcome outcome = actions.stopped ? TickReport.Outcome.ENGINE_ERROR
        : degraded ? TickReport.Outcome.DEGRADED : TickReport.Outcome.OK;
    TickReport report = new TickReport(now, outcome, held, actions.decisions, released, problems);
    status = statusDocument(report, zones, plan);
    return finish(report);
  }

  private TickReport finish(TickReport report) {
    metrics.tick(report.outcome().name().toLowerCase(Locale.ROOT));
    lastReport = report;
    if (report.outcome() == TickReport.Outcome.ENGINE_ERROR) {
      status = statusDocument(report, Map.of(), Optional.empty());
    }
    return report;
  }

  private String hubId(String pool) {
    return config.hubForPool(pool).map(LoopConfig.HubConfig::id).orElse(pool);
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }

  private void publish(Transparency.Figures f) {
    metrics.gauge("fairshift.emissions.grams", "Grams CO2e of the jobs that ran in the lookback window",
        Tags.of("schedule", "actual"), f.emissionsGrams());
    metrics.gauge("fairshift.emissions.grams", "Grams CO2e of the jobs that ran in the lookback window",
        Tags.of("schedule", "asap"), f.asapEmissionsGrams());
    for (TenantFigures t : f.tenants()) {
      Tags tenant = Tags.of("tenant", t.tenant());
      metrics.gauge("fairshift.tenant.wait.seconds", "Wait of the tenant's jobs that ran (start - earliest start)",
          tenant.and("quantile", "0.5"), t.waitP50().map(d -> (double) d.toSeconds()).orElse(Double.NaN));
      metrics.gauge("fairshift.tenant.wait.seconds", "Wait of the tenant's jobs that ran (start - earliest start)",
          tenant.and("quantile", "0.95"), t.waitP95().map(d -> (double) d.toSeconds()).orElse(Double.NaN));
      metrics.gauge("fairshift.tenant.acceptance.ratio", "Placed / held jobs of the tenant in the current plan",
          tenant, t.acceptanceRate().orElse(Double.NaN));
      metrics.gauge("fairshift.tenant.guaranteed.share.met", "1 when the current plan meets the tenant's guarantee",
          tenant, t.guaranteedShareMet() ? 1 : 0);
      metrics.gauge("fairshift.tenant.emissions.grams", "Grams CO2e of the tenant's jobs that ran",
          tenant.and("schedule", "actual"), t.emissionsGrams());
      metrics.gauge("fairshift.tenant.emissions.grams", "Grams CO2e of the tenant's jobs that ran",
          tenant.and("schedule", "asap"), t.asapEmissionsGrams());
    }
  }

  private String statusDocument(TickReport report, Map<String, ZoneSignal> zones, Optional<Planner.Plan> plan) {
    ObjectNode root = json.createObjectNode();
    root.put("engine", engine.name());
    root.put("at", report.at().toString());
    root.put("outcome", report.outcome().name().toLowerCase(Locale.ROOT));
    root.put("heldJobs", report.heldJobs());
    root.put("decisionsWritten", report.decisionsWritten());
    ArrayNode rel = root.putArray("released");
    for (TickReport.Released r : report.released()) {
      ObjectNode n = rel.addObject();
      n.put("job", r.jobId());
      n.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
      n.put("pool", r.pool().orElse(null));
    }
    ArrayNode probs = root.putArray("problems");
    report.problems().forEach(probs::add);
    ObjectNode intensity = root.putObject("intensity");
    zones.forEach((zone, z) -> {
      ObjectNode n = intensity.putObject(zone);
      n.put("source", z.source());
      n.put("degraded", z.degraded());
      if (!z.note().isEmpty()) {
        n.put("note", z.note());
      }
    });
    plan.ifPresent(p -> {
      ObjectNode n = root.putObject("plan");
      n.put("solver", p.schedule().solver());
      n.put("jobs", p.problem().jobs().size());
      n.put("placed", p.schedule().assignments().size());
      n.put("plannedEmissionsGrams", p.evaluation().emissionsGrams());
      n.put("allGuaranteesMet", p.evaluation().allQuotasMet());
    });
    lastFigures.ifPresent(f -> {
      ObjectNode ran = root.putObject("ran");
      ran.put("lookback", config.transparency().lookback().toString());
      ran.put("jobs", f.jobsRan());
      ran.put("emissionsGrams", round(f.emissionsGrams()));
      ran.put("asapEmissionsGrams", round(f.asapEmissionsGrams()));
      ran.put("savedGrams", round(f.asapEmissionsGrams() - f.emissionsGrams()));
      ArrayNode tenants = root.putArray("tenants");
      for (TenantFigures t : f.tenants()) {
        ObjectNode n = tenants.addObject();
        n.put("tenant", t.tenant());
        n.put("class", t.tenantClass());
        n.put("jobsRan", t.jobsRan());
        n.put("waitP50Seconds", t.waitP50().map(Duration::toSeconds).orElse(null));
        n.put("waitP95Seconds", t.waitP95().map(Duration::toSeconds).orElse(null));
        n.put("acceptanceRate", t.acceptanceRate().isPresent() ? t.acceptanceRate().getAsDouble() : null);
        n.put("guaranteedShareMet", t.guaranteedShareMet());
        n.put("emissionsGrams", round(t.emissionsGrams()));
        n.put("asapEmissionsGrams", round(t.asapEmissionsGrams()));
      }
    });
    ArrayNode decisions = root.putArray("recentDecisions");
    synchronized (recent) {
      recent.forEach(decisions::add);
    }
    try {
      return json.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the status document: " + e.getOriginalMessage(), e);
    }
  }

  private static double round(double grams) {
    return Math.round(grams * 10) / 10.0;
  }

  private void remember(ObjectNode entry) {
    synchronized (recent) {
      recent.addFirst(entry);
      while (recent.size() > RECENT) {
        recent.removeLast();
      }
    }
  }

  /** Engine calls of one pass: each all-or-nothing; an unreachable or slow engine stops the rest of the pass. */
  private final class Actions {
    private final Instant now;
    private final List<TickReport.Released> released;
    private final List<String> problems;
    private boolean stopped;
    private int decisions;

    Actions(Instant now, List<TickReport.Released> released, List<String> problems) {
      this.now = now;
      this.released = released;
      this.problems = problems;
    }

    void release(EngineJob job, Release release, String constraint) {
      if (stopped) {
        return;
      }
      try {
        boolean did = engine.release(job.id(), release);
        if (!did) {
          return;
        }
        metrics.released(release.kind());
        released.add(new TickReport.Released(job.id(), release.kind(), release.pool()));
        String kind = release.kind().name().toLowerCase(Locale.ROOT);
        if (release.kind() == Release.Kind.PLANNED || release.kind() == Release.Kind.LATEST_START) {
          LOG.info("release job={} tenant={} kind={} pool={} reason=\"{}\"", job.id(), job.tenant(), kind,
              release.pool().orElse("-"), release.reason());
        } else {
          LOG.warn("release job={} tenant={} kind={} pool={} reason=\"{}\"", job.id(), job.tenant(), kind,
              release.pool().orElse("-"), release.reason());
          problems.add("job " + job.id() + " released (" + kind + "): " + release.reason());
        }
        ObjectNode n = json.createObjectNode();
        n.put("at", now.toString());
        n.put("action", "release");
        n.put("job", job.id());
        n.put("tenant", job.tenant());
        n.put("kind", kind);
        n.put("pool", release.pool().orElse(null));
        n.put("constraint", constraint);
        n.put("reason", release.reason());
        remember(n);
      } catch (EngineException e) {
        failed(job.id(), e);
      }
    }

    void apply(JobMapper.Mapped m, Decision d, String hub, String constraint) {
      if (stopped) {
        return;
      }
      try {
        engine.applyDecision(m.id(), d);
        decisions++;
        metrics.decision();
        LOG.info("decision job={} tenant={} hub={} pool={} start={} savedGramsVsNow={} constraint={} reason=\"{}\"",
            m.id(), m.engineJob().tenant(), hub, d.pool(), d.plannedStart(),
            String.format(Locale.ROOT, "%.1f", d.gramsSaved()), constraint, d.reason());
        ObjectNode n = json.createObjectNode();
        n.put("at", now.toString());
        n.put("action", "decide");
        n.put("job", m.id());
        n.put("tenant", m.engineJob().tenant());
        n.put("hub", hub);
        n.put("pool", d.pool());
        n.put("plannedStart", d.plannedStart().toString());
        n.put("savedGrams", d.gramsSaved());
        n.put("constraint", constraint);
        n.put("reason", d.reason());
        remember(n);
      } catch (EngineException e) {
        failed(m.id(), e);
      }
    }

    private void failed(String jobId, EngineException e) {
      metrics.engineError(e.operation(), e);
      problems.add(e.getClass().getSimpleName() + " on " + e.operation() + " of job " + jobId + ": " + e.getMessage());
      if (e instanceof JobGoneException) {
        LOG.info("Job {} is gone or no longer held ({}); it leaves the plan.", jobId, e.getMessage());
      } else if (e instanceof EngineRejectedException) {
        LOG.warn("{} rejected {} of job {}: {}. Retrying on the next pass.", engine.name(), e.operation(), jobId,
            e.getMessage());
      } else {
        stopped = true;
        LOG.warn("{} failed on {} of job {}: {}. The rest of this pass is left for the next.", engine.name(),
            e.operation(), jobId, e.getMessage());
      }
    }
  }

  /** Builds a {@link PlanningLoop}; not thread-safe. */
  public static final class Builder {
    private final Engine engine;
    private final LoopConfig config;
    private Clock clock = Clock.systemUTC();
    private IntensityFeed feed;
    private PrometheusMeterRegistry registry;
    private Function<String, String> env = System::getenv;
    private dev.fairshift.solver.Scheduler scheduler = dev.fairshift.solver.Scheduler.greedy();

    private Builder(Engine engine, LoopConfig config) {
      this.engine = Objects.requireNonNull(engine, "engine");
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The clock every decision is timed by; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Intensities from {@code feed} instead of the config's sources. */
    public Builder intensityFeed(IntensityFeed feed) {
      this.feed = Objects.requireNonNull(feed, "feed");
      return this;
    }

    /** Meters into {@code registry} (e.g. the service's) instead of a registry of the loop's own. */
    public Builder registry(PrometheusMeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * The fast scheduler run on every pass (OptaPlanner then improves its plan when {@code planning.improveFor}
     * is positive); default {@code Scheduler.greedy()}.
     */
    public Builder scheduler(dev.fairshift.solver.Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Where API tokens named by the config's {@code tokenEnv} are looked up; default the environment. */
    public Builder env(Function<String, String> env) {
      this.env = Objects.requireNonNull(env, "env");
      return this;
    }

    /**
     * Builds the loop (not started).
     *
     * @throws ConfigException an intensity source of the config cannot be used
     */
    public PlanningLoop build() {
      return new PlanningLoop(this);
    }
  }
}
