package dev.fairshift.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SignalKind;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.TenantResult;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.integrations.EngineJob;
import dev.fairshift.integrations.IntensityFeed;
import dev.fairshift.integrations.JobState;
import dev.fairshift.integrations.PlanningLoop;
import dev.fairshift.signals.CarbonIntensitySource;
import dev.fairshift.signals.CarbonIntensitySources;
import dev.fairshift.signals.IntensityPoint;
import dev.fairshift.signals.IntensitySeries;
import dev.fairshift.signals.ProviderUnavailableException;
import dev.fairshift.solver.Scheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fairshift drives the real single-node Slurm of .ci/slurm/start.sh end to end, with one-minute slots and a
 * synthetic intensity series whose clean minutes are known; jobs are submitted with sbatch and everything
 * checked is read back from Slurm. Skipped without a real Slurm (see {@link RealSlurm#HOW_TO_RUN}).
 */
class SlurmLoopEndToEndTest {

  private static final Logger LOG = LoggerFactory.getLogger(SlurmLoopEndToEndTest.class);
  private static final Duration SLOT = Duration.ofMinutes(1);
  /** Release happens on a 5 s tick; Slurm starts a released job within about a second. */
  private static final Duration START_TOLERANCE = Duration.ofSeconds(25);

  @TempDir
  Path tmp;

  @BeforeEach
  void cluster() {
    RealSlurm.assumeAvailable();
    RealSlurm.cancelAll();
  }

  static String config(Path bin, Duration timeout) {
    return """
        slot: 1m
        horizon: 12m
        tick: 5s
        defaults: {slack: 5m, timeLimit: 1m}
        planning: {improveFor: 0s, seed: 7}
        hubs:
          - {id: north, pool: north, zone: XN, pue: 1.0, wattsPerCpu: 100}
          - {id: south, pool: south, zone: XS, pue: 1.0, wattsPerCpu: 100}
        tenants:
          - {account: alice, class: research, guaranteedShare: 0.2, maxShare: 1.0, weight: 1}
          - {account: bob, class: civic, guaranteedShare: 0.2, maxShare: 1.0, weight: 1}
          - {account: carol, class: newcomer, guaranteedShare: 0.2, maxShare: 1.0, weight: 1}
        defaultTenant: {class: research, guaranteedShare: 0.0, maxShare: 1.0, weight: 1}
        intensity: {sources: [], cacheFor: 1m, forecaster: persistence, embeddedFallback: false}
        transparency: {lookback: 1h}
        engine:
          bin: BIN
          timeout: TIMEOUTs
        """.replace("BIN", bin.toString()).replace("TIMEOUT", Long.toString(timeout.toSeconds()));
  }

  /** Minute values from t0 - 1 h to t0 + 1 h; {@code gramsAt} gets the minute relative to t0. */
  static IntensitySeries series(String zone, Instant t0, IntToDoubleFunction gramsAt) {
    List<IntensityPoint> points = new ArrayList<>();
    for (int m = -60; m < 60; m++) {
      points.add(IntensityPoint.of(t0.plus(SLOT.multipliedBy(m)), SLOT, gramsAt.applyAsDouble(m)));
    }
    return new IntensitySeries(zone, SignalKind.AVERAGE, "synthetic", points, Map.of());
  }

  @Test
  void slurmRunsEachJobWhereAndWhenFairshiftPlannedThroughAKilledLoopFailingCommandsAndACancel()
      throws Exception {
    Instant now = Instant.now();
    Instant t0 = now.truncatedTo(ChronoUnit.MINUTES).plus(SLOT);
    if (Duration.between(now, t0).compareTo(Duration.ofSeconds(60)) < 0) {
      t0 = t0.plus(SLOT);
    }
    // Known clean minutes: north (XN) in [t0+1, t0+3), south (XS) in [t0+2, t0+3); dirty elsewhere.
    final Instant start = t0;
    IntToDoubleFunction north = m -> m == 1 || m == 2 ? 60 : 400;
    IntToDoubleFunction south = m -> m == 2 ? 80 : 300;
    CarbonIntensitySource synthetic = CarbonIntensitySources.of("synthetic",
        List.of(series("XN", start, north), series("XS", start, south)));
    IntensityFeed feed = IntensityFeed.of(Optional.of(synthetic), "persistence", false);
    Path bin = RealSlurm.wrapperDirectory(tmp);
    String deadline = "--deadline=" + SlurmEngine.scontrolTime(t0.plus(Duration.ofMinutes(7)));

    // Jobs of three accounts; carol's may only run in south. Each needs 2 CPUs for (at most) a minute.
    Map<String, String> tenantOf = new LinkedHashMap<>();
    for (String account : List.of("alice", "bob", "carol")) {
      for (int i = 0; i < 2; i++) {
        String partitions = account.equals("carol") ? "south" : "north,south";
        tenantOf.put(RealSlurm.sbatch("sleep 20", "--comment=fairshift", "-A", account, "-p", partitions,
            "-t", "1", "-c", "2", "-J", account + i, deadline), account);
      }
    }
    String doomed = RealSlurm.sbatch("sleep 20", "--comment=fairshift", "-A", "dave", "-p", "north,south",
        "-t", "1", "-c", "2", deadline);
    String unmapped = RealSlurm.sbatch("sleep 1", "--comment=fairshift", "-A", "erin", "-J", "nolimit");

    // Phase A: a loop that hangs in the middle of writing a decision is killed there.
    RealSlurm.mode(bin, "hang-on:StartTime=");
    SlurmConfig slow = SlurmConfig.parse(config(bin, Duration.ofSeconds(30)), "e2e.yaml", true, tmp);
    PlanningLoop first = PlanningLoop.builder(new SlurmEngine(slow.options()), slow.loop())
        .clock(Clock.systemUTC()).intensityFeed(feed).build();
    Thread pass = new Thread(first::reconcile, "killed-pass");
    pass.start();
    waitUntil(Duration.ofSeconds(40), () -> RealSlurm.calls(bin).stream().anyMatch(c -> c.contains("StartTime=")));
    long killedAt = System.nanoTime();
    pass.interrupt();   // killed in the middle of writing a decision: the hanging scontrol is killed with it
    pass.join(15_000);
    assertThat(pass.isAlive()).as("the interrupted pass ends").isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).as("well before the 30 s command timeout")
        .isLessThan(Duration.ofSeconds(15));
    first.close();
    SlurmEngine reader = new SlurmEngine(SlurmOptions.defaults());
    Map<String, EngineJob> afterKill = byId(reader.jobs());
    for (String id : tenantOf.keySet()) {
      assertThat(afterKill.get(id).state()).as("job %s after the kill", id).isEqualTo(JobState.HELD);
      assertThat(afterKill.get(id).decision()).as("no half-written decision on %s", id).isEmpty();
    }

    // Phase B: a new loop carries on; then every scontrol fails for a while; then a planned job is cancelled.
    RealSlurm.mode(bin, "ok");
    SlurmConfig config = SlurmConfig.parse(config(bin, Duration.ofSeconds(5)), "e2e.yaml", true, tmp);
    PlanningLoop loop = PlanningLoop.builder(new SlurmEngine(config.options()), config.loop())
        .clock(Clock.systemUTC()).intensityFeed(feed).build();
    loop.start();
    try {
      waitUntil(Duration.ofSeconds(40), () -> {
        Map<String, EngineJob> jobs = byId(reader.jobs());
        return tenantOf.keySet().stream().allMatch(id -> jobs.get(id).decision().isPresent())
            && jobs.get(doomed).decision().isPresent();
      });
      RealSlurm.scancel(doomed);
      RealSlurm.mode(bin, "fail");
      Thread.sleep(12_000);
      RealSlurm.mode(bin, "ok");
      assertThat(Instant.now()).as("the failure window ended before the first clean minute")
          .isBefore(t0.plus(SLOT));

      waitUntil(Duration.between(Instant.now(), t0.plus(Duration.ofMinutes(6))), () -> {
        Map<String, EngineJob> jobs = byId(reader.jobs());
        return tenantOf.keySet().stream().allMatch(id -> jobs.get(id).state() == JobState.FINISHED);
      });
    } finally {
      loop.close();
    }

    // What Slurm actually did.
    Map<String, EngineJob> jobs = byId(reader.jobs());
    Map<String, JsonNode> raw = rawJobs();
    for (String id : tenantOf.keySet()) {
      EngineJob job = jobs.get(id);
      assertThat(job.state()).as("job %s", id).isEqualTo(JobState.FINISHED);
      assertThat(raw.get(id).get("job_state").asText()).as("job %s", id).isEqualTo("COMPLETED");
      assertThat(raw.get(id).get("restart_cnt").asInt()).as("job %s started once", id).isZero();
      var decision = job.decision().orElseThrow();
      Instant started = job.startedAt().orElseThrow();
      assertThat(job.pool()).as("job %s runs where planned", id).contains(decision.pool());
      assertThat(started).as("job %s starts in its planned slot", id)
          .isBetween(decision.plannedStart(), decision.plannedStart().plus(START_TOLERANCE));
      int minute = (int) Duration.between(t0, started).toMinutes();
      double grams = decision.pool().equals("north") ? north.applyAsDouble(minute) : south.applyAsDouble(minute);
      assertThat(grams).as("job %s ran on %s in minute t0+%d, a clean minute", id, decision.pool(), minute)
          .isLessThan(100);
      assertThat(job.endedAt().orElseThrow()).as("job %s meets its deadline", id)
          .isBeforeOrEqualTo(job.request().deadline().orElseThrow());
      if (tenantOf.get(id).equals("carol")) {
        assertThat(decision.pool()).isEqualTo("south");
      }
    }
    assertThat(jobs.get(doomed).state()).isEqualTo(JobState.CANCELLED);
    assertThat(jobs.get(doomed).startedAt()).as("the cancelled job never ran").isEmpty();
    EngineJob left = jobs.get(unmapped);
    assertThat(left.decision()).as("left to Slurm untouched").isEmpty();
    assertThat(left.state()).isEqualTo(JobState.FINISHED);
    assertThat(left.pool()).contains("north");   // Slurm's default partition: where it asked to run
    assertThat(left.startedAt().orElseThrow()).as("released at once, not planned").isBefore(t0.plus(SLOT));

    // Emissions of what Slurm ran, through the Evaluator, against the carbon-agnostic run of the same jobs.
    Horizon horizon = new Horizon(t0.minus(Duration.ofMinutes(3)), SLOT, 12);
    Problem problem = evaluationProblem(horizon, start, north, south, tenantOf, jobs);
    List<Assignment> ran = new ArrayList<>();
    for (String id : tenantOf.keySet()) {
      EngineJob job = jobs.get(id);
      int slot = (int) Duration.between(horizon.start(), job.startedAt().orElseThrow()).toMinutes();
      ran.add(Assignment.contiguous(id, job.pool().orElseThrow(), slot, 1));
    }
    Evaluation actual = Evaluator.evaluate(problem, new Schedule("slurm", ran, List.of()));
    Evaluation agnostic = Evaluator.evaluate(problem, Scheduler.asap().schedule(problem));
    LOG.info("Emissions of what Slurm ran: {} g; carbon-agnostic (ASAP) run of the same jobs: {} g",
        String.format("%.1f", actual.emissionsGrams()), String.format("%.1f", agnostic.emissionsGrams()));
    assertThat(actual.violations()).as("capacity, windows, deadlines").isEmpty();
    assertThat(actual.emissionsGrams()).isLessThan(agnostic.emissionsGrams());
    assertThat(actual.tenants()).extracting(TenantResult::tenant)
        .containsExactlyInAnyOrder("alice", "bob", "carol");
    assertThat(actual.tenants()).allSatisfy(t -> assertThat(t.quotaMet()).as("guarantee of %s", t.tenant()).isTrue());
  }

  @Test
  void whenTheIntensityProviderFailsJobsStillMeetTheirDeadlines() throws Exception {
    CarbonIntensitySource failing = new CarbonIntensitySource() {
      @Override
      public String name() {
        return "provider-down";
      }

      @Override
      public IntensitySeries history(String zone, Instant from, Instant to) {
        throw new ProviderUnavailableException("provider-down", zone, from, to, OptionalInt.of(503), 3,
            "HTTP 503 from the provider (test)", null);
      }
    };
    IntensityFeed feed = IntensityFeed.of(Optional.of(failing), "persistence", false);
    Path bin = RealSlurm.wrapperDirectory(tmp);
    SlurmConfig config = SlurmConfig.parse(config(bin, Duration.ofSeconds(5)), "e2e.yaml", true, tmp);
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.SECONDS);
    List<String> ids = new ArrayList<>();
    for (String account : List.of("alice", "bob", "carol")) {
      ids.add(RealSlurm.sbatch("sleep 10", "--comment=fairshift", "-A", account, "-p", "north,south", "-t", "1",
          "-c", "2", "--deadline=" + SlurmEngine.scontrolTime(deadline)));
    }
    SlurmEngine reader = new SlurmEngine(SlurmOptions.defaults());
    try (PlanningLoop loop = PlanningLoop.builder(new SlurmEngine(config.options()), config.loop())
        .clock(Clock.systemUTC()).intensityFeed(feed).build()) {
      loop.start();
      waitUntil(Duration.between(Instant.now(), deadline.plus(Duration.ofSeconds(30))), () -> {
        Map<String, EngineJob> jobs = byId(reader.jobs());
        return ids.stream().allMatch(id -> jobs.get(id).state() == JobState.FINISHED);
      });
      assertThat(loop.lastReport().orElseThrow().problems())
          .as("the loop says it plans on stand-in data").anyMatch(p -> p.contains("XN") || p.contains("XS"));
    }
    Map<String, EngineJob> jobs = byId(reader.jobs());
    for (String id : ids) {
      assertThat(jobs.get(id).state()).isEqualTo(JobState.FINISHED);
      assertThat(jobs.get(id).endedAt().orElseThrow()).as("job %s meets its deadline", id).isBeforeOrEqualTo(deadline);
    }
  }

  private static Problem evaluationProblem(Horizon horizon, Instant t0, IntToDoubleFunction north,
      IntToDoubleFunction south, Map<String, String> tenantOf, Map<String, EngineJob> jobs) {
    double[] xn = new double[horizon.slots()];
    double[] xs = new double[horizon.slots()];
    for (int s = 0; s < horizon.slots(); s++) {
      int minute = (int) Duration.between(t0, horizon.slotStart(s)).toMinutes();
      xn[s] = north.applyAsDouble(minute);
      xs[s] = south.applyAsDouble(minute);
    }
    Problem.Builder b = Problem.builder().horizon(horizon)
        .zone(ZoneIntensity.of("XN", SlotSeries.of(xn)))
        .zone(ZoneIntensity.of("XS", SlotSeries.of(xs)))
        .hub(Hub.builder("north", "XN").pue(1.0).capacityUnits(8).build())
        .hub(Hub.builder("south", "XS").pue(1.0).capacityUnits(8).build());
    for (String t : Set.copyOf(tenantOf.values())) {
      b.tenant(new Tenant(t, "research", 0.2, 1.0, 1.0));
    }
    for (Map.Entry<String, String> e : tenantOf.entrySet()) {
      EngineJob job = jobs.get(e.getKey());
      b.job(Job.builder(e.getKey(), e.getValue())
          .durationSlots(1).units(2).powerKw(0.2)
          .window(job.submittedAt(), job.request().deadline().orElseThrow())
          .allowedHubs(job.request().allowedPools())
          .build());
    }
    return b.build();
  }

  private static Map<String, EngineJob> byId(List<EngineJob> jobs) {
    return jobs.stream().collect(Collectors.toMap(EngineJob::id, Function.identity()));
  }

  private static Map<String, JsonNode> rawJobs() throws Exception {
    JsonNode root = new ObjectMapper().readTree(RealSlurm.exec(List.of("squeue", "--json")).output());
    Map<String, JsonNode> result = new LinkedHashMap<>();
    for (JsonNode job : root.get("jobs")) {
      result.put(job.get("job_id").asText(), job);
    }
    return result;
  }

  interface Check {
    boolean ok() throws Exception;
  }

  private static void waitUntil(Duration timeout, Check check) throws Exception {
    Instant end = Instant.now().plus(timeout);
    while (!check.ok()) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("Condition not met within " + timeout);
      }
      Thread.sleep(1000);
    }
  }
}
