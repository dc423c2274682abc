package dev.fairshift.integrations;

import static dev.fairshift.integrations.LoopFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairshift.signals.CarbonIntensitySource;
import dev.fairshift.signals.GridSignalException;
import dev.fairshift.signals.IntensitySeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanningLoopTest {

  private static final Duration TICK = Duration.ofSeconds(15);

  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryEngineFixture engine = new InMemoryEngineFixture(clock).pool("a", 4).pool("b", 4);

  private PlanningLoop loop(LoopConfig config) {
    return PlanningLoop.builder(engine, config).clock(clock).intensityFeed(LoopFixtures.cleanMinutesFeed()).build();
  }

  /** Ticks, lets the engine work and advances the clock until {@code until}. */
  private void run(PlanningLoop loop, Instant until) {
    while (clock.instant().isBefore(until)) {
      loop.reconcile();
      engine.step();
      clock.advance(TICK);
    }
  }

  private static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  @Test
  void reconcile_jobPlannedInCleanMinutesAndReleasedInItsSlot() throws Exception {
    PlanningLoop loop = loop(LoopFixtures.config(LoopFixtures.TENANTS));
    engine.submit("j1", "physics", LoopFixtures.request(Duration.ofMinutes(3), 4, at(40), "a"));

    TickReport first = loop.reconcile();

    assertThat(first.decisionsWritten()).isEqualTo(1);
    Decision d = engine.job("j1").decision().orElseThrow();
    assertThat(d.pool()).isEqualTo("a");
    assertThat(d.plannedStart()).isEqualTo(at(20));
    // 4 kW for 3 one-minute slots: 400 g/kWh now, 100 in the clean minutes.
    assertThat(d.gramsSaved()).isEqualTo(3 * 4.0 / 60 * (400 - 100), org.assertj.core.data.Offset.offset(0.1));
    assertThat(d.reason()).contains("cleaner slot");

    run(loop, at(19).plusSeconds(45));
    assertThat(engine.releases()).isEmpty();
    run(loop, at(30));

    InMemoryEngineFixture.ReleaseEvent r = engine.releaseOf("j1").orElseThrow();
    assertThat(r.at()).isEqualTo(at(20));
    assertThat(r.release().kind()).isEqualTo(Release.Kind.PLANNED);
    assertThat(r.release().pool()).contains("a");
    assertThat(engine.job("j1").startedAt()).contains(at(20));
    assertThat(engine.violations()).isEmpty();

    JsonNode status = new ObjectMapper().readTree(loop.statusJson());
    // What ran: 3 x 4/60 kWh at 100 g/kWh = 20 g; ASAP at submission: 3 x 4/60 kWh at 400 = 80 g.
    assertThat(status.at("/ran/emissionsGrams").asDouble()).isEqualTo(20.0);
    assertThat(status.at("/ran/asapEmissionsGrams").asDouble()).isEqualTo(80.0);
    assertThat(status.at("/tenants/0/tenant").asText()).isEqualTo("physics");
    assertThat(status.at("/tenants/0/waitP50Seconds").asLong()).isEqualTo(20 * 60);
    String metrics = loop.scrape();
    assertThat(metrics).contains("fairshift_emissions_grams{engine=\"fixture\",schedule=\"actual\"} 20.0");
    assertThat(metrics).contains("fairshift_emissions_grams{engine=\"fixture\",schedule=\"asap\"} 80.0");
    assertThat(metrics).contains("fairshift_loop_releases_total{engine=\"fixture\",kind=\"planned\"} 1.0");
    assertThat(metrics).contains("fairshift_tenant_wait_seconds{engine=\"fixture\",quantile=\"0.5\",tenant=\"physics\"} 1200.0");
  }

  @Test
  void currentPlanAndWhatRan_areTheProblemAndScheduleBehindTheStatusFigures() {
    PlanningLoop loop = loop(LoopFixtures.config(LoopFixtures.TENANTS));
    assertThat(loop.currentPlan()).isEmpty();
    assertThat(loop.whatRan()).isEmpty();
    engine.submit("j1", "physics", LoopFixtures.request(Duration.ofMinutes(3), 4, at(40), "a"));

    loop.reconcile();

    LoopSchedule plan = loop.currentPlan().orElseThrow();
    assertThat(plan.problem().jobs()).extracting(dev.fairshift.core.Job::id).containsExactly("j1");
    assertThat(plan.schedule().assignments()).singleElement().satisfies(a -> {
      assertThat(a.job()).isEqualTo("j1");
      assertThat(plan.problem().horizon().slotStart(a.slots().get(0))).isEqualTo(at(20));
    });
    assertThat(loop.whatRan()).as("nothing has run yet").isEmpty();

    run(loop, at(30));

    assertThat(loop.currentPlan()).as("no held job left to plan").isEmpty();
    LoopSchedule ran = loop.whatRan().orElseThrow();
    assertThat(ran.schedule().solver()).isEqualTo(PlanningLoop.RAN_SOLVER);
    assertThat(ran.schedule().assignments()).singleElement().satisfies(a -> {
      assertThat(a.job()).isEqualTo("j1");
      assertThat(ran.problem().horizon().slotStart(a.slots().get(0))).isEqualTo(at(20));
    });
    // The same figures as the status document: 20 g ran, the job waited 20 minutes from its release.
    dev.fairshift.core.Evaluation e = dev.fairshift.core.Evaluator.evaluate(ran.problem(), ran.schedule());
    assertThat(e.emissionsGrams()).isEqualTo(20.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(e.tenants()).singleElement().satisfies(t -> assertThat(t.waitP50()).contains(Duration.ofMinutes(20)));
  }

  @Test
  void whatRan_hubCapacityIsThePoolsNotTheJobsThatRan() {
    engine.pool("a", 16); // the pool is four times what the job takes
    PlanningLoop loop = loop(LoopFixtures.config(LoopFixtures.TENANTS));
    engine.submit("j1", "physics", LoopFixtures.request(Duration.ofMinutes(3), 4, at(40), "a"));
    run(loop, at(30));

    LoopSchedule ran = loop.whatRan().orElseThrow();
    assertThat(ran.problem().hubs()).filteredOn(h -> h.id().equals("hub-a")).singleElement()
        .satisfies(h -> assertThat(h.capacityUnits().at(0)).isEqualTo(16.0));
    dev.fairshift.core.Evaluation e = dev.fairshift.core.Evaluator.evaluate(ran.problem(), ran.schedule());
    assertThat(e.hubs()).filteredOn(h -> h.hub().equals("hub-a")).singleElement()
        .satisfies(h -> assertThat(h.peakUtilisation()).isEqualTo(0.25, org.assertj.core.data.Offset.offset(1e-9)));
  }

  @Test
  void reconcile_secondPassOnSameStateChangesNothing() {
    PlanningLoop loop = loop(LoopFixtures.config(LoopFixtures.TENANTS));
    engine.submit("j1", "physics", LoopFixtures.request(Duration.ofMinutes(3), 4, at(40), "a"));
    engine.submit("j2", "civic", LoopFixtures.request(Duration.ofMinutes(2), 2, at(50)));

    assertThat(loop.reconcile().decisionsWritten()).isEqualTo(2);
    int calls = engine.applyCalls();
    TickReport again = loop.reconcile();

    assertThat(again.decisionsWritten()).isZero();
    assertThat(again.released()).isEmpty();
    assertThat(engine.applyCalls()).isEqualTo(calls);
  }

  @Test
  void reconcile_restartRereadsDecisionsAndRepeatsNothing() {
    LoopConfig config = LoopFixtures.config(LoopFixtures.TENANTS);
    for (int i = 0; i < 6; i++) {
      engine.submit("j" + i, i % 2 == 0 ? "physics" : "civic",
          LoopFixtures.request(Duration.ofMinutes(2 + i % 3), 2, at(30 + 3 * i)));
    }
    PlanningLoop first = loop(config);
    first.reconcile();
    run(first, at(7));
    int written = engine.applyCalls();

    PlanningLoop restarted = loop(config);
    TickReport resumed = restarted.reconcile();

    assertThat(resumed.decisionsWritten()).as("the restarted loop re-reads every decision").isZero();
    assertThat(engine.applyCalls()).isEqualTo(written);
    run(restarted, at(60));
    assertThat(engine.releases()).extracting(InMemoryEngineFixture.ReleaseEvent::jobId)
        .containsExactlyInAnyOrder("j0", "j1", "j2", "j3", "j4", "j5");
    assertThat(engine.violations()).isEmpty();
  }

  @Test
  void reconcile_restartGivesTheSameReleasesAsAnUninterruptedRun() {
    LoopConfig config = LoopFixtures.config(LoopFixtures.TENANTS);
    MutableClock otherClock = new MutableClock(T0);
    InMemoryEngineFixture other = new InMemoryEngineFixture(otherClock).pool("a", 4).pool("b", 4);
    for (int i = 0; i < 5; i++) {
      JobRequest r = LoopFixtures.request(Duration.ofMinutes(1 + i % 3), 1 + i % 4, at(35 + i));
      engine.submit("j" + i, i % 2 == 0 ? "physics" : "civic", r);
      other.submit("j" + i, i % 2 == 0 ? "physics" : "civic", r);
    }
    PlanningLoop steady = PlanningLoop.builder(other, config).clock(otherClock)
        .intensityFeed(LoopFixtures.cleanMinutesFeed()).build();
    while (otherClock.instant().isBefore(at(60))) {
      steady.reconcile();
      other.step();
      otherClock.advance(TICK);
    }

    PlanningLoop current = loop(config);
    while (clock.instant().isBefore(at(60))) {
      if (clock.instant().getEpochSecond() % 600 == 0) {
        current = loop(config); // a restart every ten minutes
      }
      current.reconcile();
      engine.step();
      clock.advance(TICK);
    }

    assertThat(engine.releases()).isEqualTo(other.releases());
  }

  @Test
  void reconcile_deadlineUnreachableReleasedAtOnceAndReported() {
    PlanningLoop loop = loop(LoopFixtures.config(LoopFixtures.TENANTS));
    clock.advance(Duration.ofMinutes(10));
    engine.submit("late", "physics", LoopFixtures.request(Duration.ofMinutes(5), 1, at(12), "b"));

    TickReport report = loop.reconcile();

    assertThat(report.released()).containsExactly(
        new TickReport.Released("late", Release.Kind.DEADLINE_UNREACHABLE, Optional.of("b")));
    assertThat(report.problems()).anyMatch(p -> p.contains("late") && p.contains("can no longer be met"));
    assertThat(engine.job("late").state()).isEqualTo(JobState.PENDING);
  }

  @Test
  void reconcile_unmappableJobsLeftToTheEngineUntouched() {
    engine.pool("gpu", 8); // a partition the config does not plan
    PlanningLoop loop = loop(LoopFixtures.config(LoopFixtures.TENANTS));
    engine.put(EngineJob.held("bad-field", "physics", T0, JobRequest.of(Duration.ofMinutes(2), 1))
        .withFieldProblems(List.of(new FieldProblem("TimeLimit", "UNLIMITED", "no time limit"))));
    engine.submit("stranger", "unknown-account", JobRequest.of(Duration.ofMinutes(2), 1));
    engine.submit("elsewhere", "physics", LoopFixtures.request(Duration.ofMinutes(2), 1, at(30), "gpu"));
    engine.submit("huge", "physics", LoopFixtures.request(Duration.ofMinutes(2), 64, at(30), "a"));
    engine.submit("fine", "physics", LoopFixtures.request(Duration.ofMinutes(2), 1, at(30), "a"));

    TickReport report = loop.reconcile();

    assertThat(report.released()).extracting(TickReport.Released::jobId)
        .containsExactly("bad-field", "stranger", "elsewhere", "huge");
    assertThat(engine.releaseOf("elsewhere").orElseThrow().release().reason())
        .contains("it may run only in [gpu], none of which is a configured hub");
    assertThat(report.released()).allSatisfy(r -> {
      assertThat(r.kind()).isEqualTo(Release.Kind.UNMAPPED);
      assertThat(r.pool()).isEmpty();
    });
    assertThat(engine.releaseOf("bad-field").orElseThrow().release().reason()).contains("TimeLimit='UNLIMITED'");
    assertThat(engine.releaseOf("stranger").orElseThrow().release().reason())
        .contains("account 'unknown-account'").contains("Maybe");
    assertThat(engine.releaseOf("huge").orElseThrow().release().reason()).contains("64 CPUs");
    assertThat(engine.job("fine").decision()).isPresent();
    assertThat(engine.job("fine").state()).isEqualTo(JobState.HELD);
  }

  @Test
  void reconcile_cancelledJobLeavesThePlan() {
    PlanningLoop loop = loop(LoopFixtures.config(LoopFixtures.TENANTS));
    engine.submit("keep", "physics", LoopFixtures.request(Duration.ofMinutes(3), 2, at(40), "a"));
    engine.submit("drop", "physics", LoopFixtures.request(Duration.ofMinutes(3), 2, at(40), "a"));
    loop.reconcile();
    assertThat(engine.job("drop").decision()).isPresent();

    engine.cancel("drop");
    run(loop, at(45));

    assertThat(engine.releaseOf("drop")).isEmpty();
    assertThat(engine.releaseOf("keep")).isPresent();
    assertThat(engine.job("drop").state()).isEqualTo(JobState.CANCELLED);
    assertThat(engine.violations()).isEmpty();
  }

  @Test
  void reconcile_engineUnreachableDoesNothingAndNextPassRetries() {
    PlanningLoop loop = loop(LoopFixtures.config(LoopFixtures.TENANTS));
    engine.submit("j1", "physics", LoopFixtures.request(Duration.ofMinutes(3), 2, at(40), "a"));
    engine.failAfter(0, () -> new EngineUnavailableException("fixture", "hubs", "slurmctld is not responding"));

    TickReport down = loop.reconcile();

    assertThat(down.outcome()).isEqualTo(TickReport.Outcome.ENGINE_ERROR);
    assertThat(down.problems()).singleElement().asString().contains("EngineUnavailableException");
    assertThat(engine.job("j1").decision()).isEmpty();
    assertThat(loop.scrape()).contains(
        "fairshift_loop_engine_errors_total{engine=\"fixture\",error=\"EngineUnavailableException\",operation=\"hubs\"} 1.0");

    engine.heal();
    TickReport up = loop.reconcile();
    assertThat(up.outcome()).isEqualTo(TickReport.Outcome.OK);
    assertThat(engine.job("j1").decision()).isPresent();
  }

  @Test
  void reconcile_engineTimeoutMidPassLeavesEachJobWholeAndNextPassFinishes() {
    PlanningLoop loop = loop(LoopFixtures.config(LoopFixtures.TENANTS));
    for (String id : List.of("j1", "j2", "j3")) {
      engine.submit(id, "physics", LoopFixtures.request(Duration.ofMinutes(3), 1, at(40), "a"));
    }
    // hubs, jobs and the first applyDecision succeed; the second hangs.
    engine.failAfter(3, () -> new EngineTimeoutException("fixture", "applyDecision", null,
        "scontrol did not answer in 10 s", null));

    TickReport partial = loop.reconcile();

    assertThat(partial.outcome()).isEqualTo(TickReport.Outcome.ENGINE_ERROR);
    assertThat(partial.decisionsWritten()).isEqualTo(1);
    long withDecision = List.of("j1", "j2", "j3").stream().filter(id -> engine.job(id).decision().isPresent()).count();
    assertThat(withDecision).isEqualTo(1);
    assertThat(engine.calls()).containsExactly("hubs", "jobs", "applyDecision", "applyDecision");

    engine.heal();
    TickReport rest = loop.reconcile();
    assertThat(rest.decisionsWritten()).isEqualTo(2);
    assertThat(List.of("j1", "j2", "j3")).allSatisfy(id -> assertThat(engine.job(id).decision()).isPresent());
  }

  @Test
  void reconcile_providerFailsFallsBackToEmbeddedDataAndSaysSo() throws Exception {
    LoopConfig config = LoopConfigReader.parse("""
        slot: 1h
        horizon: 24h
        hubs:
          - {id: berlin, pool: a, zone: DE, pue: 1.1, wattsPerCpu: 10}
          - {id: nowhere, pool: b, zone: XX, pue: 1.1, wattsPerCpu: 10}
        defaultTenant: {class: research}
        """, "fallback.yaml", true, null);
    CarbonIntensitySource failing = new CarbonIntensitySource() {
      @Override
      public String name() {
        return "electricitymaps";
      }

      @Override
      public IntensitySeries history(String zone, Instant from, Instant to) {
        throw new GridSignalException("Electricity Maps answered 503 for zone " + zone);
      }

      @Override
      public IntensitySeries forecast(String zone, Instant from, Instant to) {
        throw new GridSignalException("Electricity Maps answered 503 for zone " + zone);
      }
    };
    PlanningLoop loop = PlanningLoop.builder(engine, config).clock(clock)
        .intensityFeed(IntensityFeed.of(Optional.of(failing), "seasonal-naive", true)).build();
    engine.submit("de", "anyone", LoopFixtures.request(Duration.ofHours(2), 1, T0.plus(Duration.ofHours(10)), "a"));
    engine.submit("xx", "anyone", LoopFixtures.request(Duration.ofHours(1), 1, T0.plus(Duration.ofHours(5)), "b"));

    TickReport report = loop.reconcile();

    assertThat(report.outcome()).isEqualTo(TickReport.Outcome.DEGRADED);
    JsonNode status = new ObjectMapper().readTree(loop.statusJson());
    assertThat(status.at("/intensity/DE/source").asText()).startsWith("embedded:").contains("weeks earlier");
    assertThat(status.at("/intensity/DE/degraded").asBoolean()).isTrue();
    assertThat(status.at("/intensity/DE/note").asText()).contains("503");
    assertThat(status.at("/intensity/XX/source").asText()).isEqualTo("flat (no data)");
    assertThat(loop.scrape()).contains("fairshift_loop_intensity_degraded{engine=\"fixture\",zone=\"DE\"} 1.0");

    Duration hourTick = config.tick();
    while (clock.instant().isBefore(T0.plus(Duration.ofHours(12)))) {
      loop.reconcile();
      engine.step();
      clock.advance(hourTick);
    }
    assertThat(engine.releaseOf("de").orElseThrow().at()).isBeforeOrEqualTo(T0.plus(Duration.ofHours(8)));
    assertThat(engine.releaseOf("xx").orElseThrow().at()).isBeforeOrEqualTo(T0.plus(Duration.ofHours(4)));
    assertThat(engine.job("de").endedAt().orElseThrow()).isBeforeOrEqualTo(T0.plus(Duration.ofHours(10)));
  }

  @Test
  void reconcile_guaranteedShareHoldsUnderPressure() throws Exception {
    // physics asks for far more than hub a can run before the deadline and has no guarantee; civic is
    // guaranteed 25 % of all capacity (2 x 4 CPUs x 60 slots), more than its two jobs need. Without the
    // guarantee physics, first in line, would take every slot of hub a before the deadline.
    PlanningLoop loop = loop(LoopFixtures.config("""
        tenants:
          - {account: physics, class: commercial, guaranteedShare: 0.0, maxShare: 1.0, weight: 1}
          - {account: civic, class: civic, guaranteedShare: 0.25, maxShare: 1.0, weight: 1}
        """));
    for (int i = 0; i < 10; i++) {
      engine.submit("p" + i, "physics", LoopFixtures.request(Duration.ofMinutes(5), 4, at(30), "a"));
    }
    clock.advance(Duration.ofSeconds(1));
    engine.submit("c0", "civic", LoopFixtures.request(Duration.ofMinutes(5), 4, at(30), "a"));
    engine.submit("c1", "civic", LoopFixtures.request(Duration.ofMinutes(5), 4, at(30), "a"));

    loop.reconcile();
    JsonNode status = new ObjectMapper().readTree(loop.statusJson());
    JsonNode civic = null;
    for (JsonNode t : status.get("tenants")) {
      if (t.get("tenant").asText().equals("civic")) {
        civic = t;
      }
    }
    assertThat(civic).isNotNull();
    assertThat(civic.get("guaranteedShareMet").asBoolean()).isTrue();
    assertThat(civic.get("acceptanceRate").asDouble()).isEqualTo(1.0);

    run(loop, at(40));
    for (String c : List.of("c0", "c1")) {
      assertThat(engine.releaseOf(c).orElseThrow().release().kind()).isEqualTo(Release.Kind.PLANNED);
      assertThat(engine.job(c).endedAt().orElseThrow()).isBeforeOrEqualTo(at(30));
    }
  }

  @Test
  void reconcile_jobWithoutDeadlineGetsTheDefaultSlack() {
    PlanningLoop loop = loop(LoopFixtures.config(LoopFixtures.TENANTS));
    engine.submit("open", "physics", new JobRequest(Optional.of(Duration.ofMinutes(2)), Optional.empty(),
        Optional.empty(), List.of("a"), 1, 0));
    loop.reconcile();
    // deadline = submission + 2 min + 30 min slack; the clean minutes 20..25 lie inside.
    assertThat(engine.job("open").decision().orElseThrow().plannedStart()).isEqualTo(at(20));
  }

  @Test
  void reconcile_noSourcesAtAllStillReleasesByLatestStart() {
    LoopConfig config = LoopFixtures.config(LoopFixtures.TENANTS);
    PlanningLoop loop = PlanningLoop.builder(engine, config).clock(clock)
        .intensityFeed(IntensityFeed.of(Optional.empty(), "persistence", false)).build();
    engine.submit("j", "civic", LoopFixtures.request(Duration.ofMinutes(4), 1, at(10), "b"));
    run(loop, at(12));
    assertThat(engine.releaseOf("j").orElseThrow().at()).isBeforeOrEqualTo(at(6));
    assertThat(loop.lastReport().orElseThrow().outcome()).isEqualTo(TickReport.Outcome.DEGRADED);
  }

  @Test
  void reconcile_keepsAnEquivalentRecordedDecisionAndRewritesAWorseOne() {
    PlanningLoop loop = loop(LoopFixtures.config(LoopFixtures.TENANTS));
    // minutes 20..24 are clean: a 3-minute job starting at 21 emits as little as one starting at 20
    engine.put(EngineJob.held("same", "physics", T0, LoopFixtures.request(Duration.ofMinutes(3), 1, at(40), "a"))
        .withDecision(new Decision("a", at(21), "recorded by an earlier pass", 30)));
    engine.put(EngineJob.held("worse", "physics", T0, LoopFixtures.request(Duration.ofMinutes(3), 1, at(40), "a"))
        .withDecision(new Decision("a", at(5), "recorded on dirtier data", 0)));

    TickReport report = loop.reconcile();

    assertThat(report.decisionsWritten()).isEqualTo(1);
    assertThat(engine.job("same").decision().orElseThrow().plannedStart()).isEqualTo(at(21));
    assertThat(engine.job("same").decision().orElseThrow().reason()).isEqualTo("recorded by an earlier pass");
    assertThat(engine.job("worse").decision().orElseThrow().plannedStart()).isBetween(at(20), at(22));
  }

  @Test
  void reconcile_planningFailsRecordedDecisionsAndLatestStartsStillHold() {
    dev.fairshift.solver.Scheduler failing = new dev.fairshift.solver.Scheduler() {
      @Override
      public String name() {
        return "failing";
      }

      @Override
      public dev.fairshift.core.Schedule schedule(dev.fairshift.core.Problem problem) {
        throw new IllegalStateException("solver crashed");
      }
    };
    PlanningLoop loop = PlanningLoop.builder(engine, LoopFixtures.config(LoopFixtures.TENANTS)).clock(clock)
        .intensityFeed(LoopFixtures.cleanMinutesFeed()).scheduler(failing).build();
    engine.put(EngineJob.held("decided", "physics", T0, LoopFixtures.request(Duration.ofMinutes(3), 1, at(40), "a"))
        .withDecision(new Decision("a", at(20), "recorded before the solver broke", 30)));
    engine.submit("undecided", "civic", LoopFixtures.request(Duration.ofMinutes(4), 1, at(30), "b"));

    TickReport first = loop.reconcile();
    assertThat(first.outcome()).isEqualTo(TickReport.Outcome.DEGRADED);
    assertThat(first.problems()).contains("planning failed: solver crashed");
    assertThat(engine.job("undecided").decision().orElseThrow().plannedStart()).isEqualTo(at(26));
    assertThat(engine.job("decided").decision().orElseThrow().plannedStart()).isEqualTo(at(20));
    run(loop, at(40));

    assertThat(engine.releaseOf("decided").orElseThrow().at()).isEqualTo(at(20));
    assertThat(engine.releaseOf("decided").orElseThrow().release().kind()).isEqualTo(Release.Kind.PLANNED);
    InMemoryEngineFixture.ReleaseEvent undecided = engine.releaseOf("undecided").orElseThrow();
    assertThat(undecided.release().kind()).isEqualTo(Release.Kind.LATEST_START);
    assertThat(undecided.at()).isBetween(at(26).minus(TICK), at(26));
    assertThat(loop.scrape()).contains("fairshift_loop_planning_failures_total{engine=\"fixture\"}");
  }

  @Test
  void reconcile_providerAnsweringNaNIsSkippedNotPlannedOn() {
    CarbonIntensitySource nan = new CarbonIntensitySource() {
      @Override
      public String name() {
        return "nan";
      }

      @Override
      public IntensitySeries history(String zone, Instant from, Instant to) {
        return forecast(zone, from, to);
      }

      @Override
      public IntensitySeries forecast(String zone, Instant from, Instant to) {
        List<dev.fairshift.signals.IntensityPoint> points = new java.util.ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(1))) {
          points.add(dev.fairshift.signals.IntensityPoint.of(t, Duration.ofMinutes(1), Double.NaN));
        }
        return new IntensitySeries(zone, dev.fairshift.core.SignalKind.AVERAGE, "nan", points, java.util.Map.of());
      }
    };
    PlanningLoop loop = PlanningLoop.builder(engine, LoopFixtures.config(LoopFixtures.TENANTS)).clock(clock)
        .intensityFeed(IntensityFeed.of(Optional.of(nan), "persistence", false)).build();
    engine.submit("j", "civic", LoopFixtures.request(Duration.ofMinutes(4), 1, at(30), "b"));

    TickReport report = loop.reconcile();

    assertThat(report.problems()).noneMatch(p -> p.startsWith("planning failed"));
    assertThat(report.problems()).anyMatch(p -> p.contains("zone XB: planning on flat (no data)")
        && p.contains("values not finite or negative"));
    // with no carbon signal the earliest slot is as good as any: it runs now, planned
    assertThat(engine.releaseOf("j").orElseThrow().release().kind()).isEqualTo(Release.Kind.PLANNED);
  }

  @Test
  void reconcile_hubTheEngineNoLongerReportsLeavesItsJobsToTheEngine() {
    LoopConfig config = LoopConfigReader.parse(LoopFixtures.yaml(LoopFixtures.TENANTS).replace(
        "  - {id: hub-b, pool: b,", "  - {id: hub-c, pool: c, zone: XB, pue: 1.0, wattsPerCpu: 1000}\n"
            + "  - {id: hub-b, pool: b,"), "c.yaml", true, null);
    PlanningLoop loop = PlanningLoop.builder(engine, config).clock(clock)
        .intensityFeed(LoopFixtures.cleanMinutesFeed()).build();
    engine.submit("on-c", "physics", LoopFixtures.request(Duration.ofMinutes(2), 1, at(30), "c"));

    TickReport report = loop.reconcile();

    assertThat(report.released()).containsExactly(
        new TickReport.Released("on-c", Release.Kind.UNMAPPED, Optional.empty()));
    assertThat(engine.releaseOf("on-c").orElseThrow().release().reason())
        .contains("none of its hubs (pools [c]) is reported by the engine now");
    assertThat(report.problems()).anyMatch(p -> p.contains("hub hub-c: the engine reports no pool 'c'"));
  }
}
