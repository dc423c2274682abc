package dev.fairshift.solver.optaplanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.solver.fixtures.ScarceRoom;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.fixtures.GeneratedProblems;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OptaPlannerSchedulerTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  private static Instant slot(int i) {
    return T0.plusSeconds(3600L * i);
  }

  /** A short reproducible run: at most 20 000 score calculations. */
  private static OptaPlannerScheduler quick() {
    return OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
        .timeLimit(Duration.ofSeconds(10)).scoreCalculationLimit(20_000).build());
  }

  private static long unitSlotsOf(Problem problem, Schedule schedule, String tenant) {
    return schedule.assignments().stream()
        .filter(a -> problem.job(a.job()).tenant().equals(tenant))
        .mapToLong(a -> (long) problem.job(a.job()).units() * a.slots().size())
        .sum();
  }

  /** One hub of {@code capacity} units over {@code slots} hourly slots at zero intensity. */
  private static Problem.Builder oneHub(int slots, int capacity) {
    return Problem.builder()
        .horizon(Horizon.hourly(T0, slots))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(new double[slots])))
        .hub(Hub.builder("h", "Z").capacityUnits(capacity).build());
  }

  private static Job.Builder oneSlotJob(String id, String tenant, int slots) {
    return Job.builder(id, tenant).durationSlots(1).powerKw(1).window(T0, slot(slots));
  }

  @Test
  void solve_interruptibleJobTakesCleanSlotsWithGaps() {
    Problem problem = Problem.builder()
        .horizon(Horizon.hourly(T0, 5))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(10, 500, 10, 500, 10)))
        .hub(Hub.builder("h", "Z").capacityUnits(1).build())
        .tenant(Tenant.of("t", "research"))
        .job(Job.builder("batch", "t").durationSlots(3).powerKw(10).window(T0, slot(5)).interruptible(true).build())
        .build();
    OptaPlannerResult result = quick().solve(problem);
    assertThat(result.schedule().assignments()).containsExactly(new Assignment("batch", "h", List.of(0, 2, 4)));
    // 3 slots x 10 kWh x 10 g/kWh.
    assertThat(result.evaluation().emissionsGrams()).isEqualTo(300.0);
  }

  private static Problem transfer(double dataGb) {
    return Problem.builder()
        .horizon(Horizon.hourly(T0, 2))
        .transferKwhPerGb(0.01)
        .zone(ZoneIntensity.of("HOME", SlotSeries.of(400, 400)))
        .zone(ZoneIntensity.of("AWAY", SlotSeries.of(100, 100)))
        .hub(Hub.builder("home", "HOME").capacityUnits(1).build())
        .hub(Hub.builder("away", "AWAY").capacityUnits(1).build())
        .tenant(Tenant.of("t", "research"))
        .job(Job.builder("train", "t").durationSlots(1).powerKw(10).window(T0, slot(2)).originHub("home")
            .dataGb(dataGb).build())
        .build();
  }

  @Test
  void solve_movesAwayWhenTransferCostsLessThanItSaves() {
    // Home: 10 kWh x 400 g = 4000 g. Away: 1000 g + 1000 GB x 0.01 kWh/GB x 100 g = 2000 g.
    OptaPlannerResult result = quick().solve(transfer(1000));
    assertThat(result.schedule().assignments().get(0).hub()).isEqualTo("away");
    assertThat(result.evaluation().emissionsGrams()).isEqualTo(2000.0);
    assertThat(result.constraint("Data transfer emissions").orElseThrow().impact()).isEqualTo(-1_000_000L);
  }

  @Test
  void solve_staysHomeWhenTransferCostsMoreThanItSaves() {
    // Away would cost 1000 g + 5000 GB x 0.01 x 100 g = 6000 g against 4000 g at home.
    OptaPlannerResult result = quick().solve(transfer(5000));
    assertThat(result.schedule().assignments().get(0).hub()).isEqualTo("home");
    assertThat(result.evaluation().emissionsGrams()).isEqualTo(4000.0);
  }

  @Test
  void solve_explanationNamesConstraintHubSlotAndJobs() {
    OptaPlannerResult result = quick().solve(transfer(1000));
    ConstraintCost grid = result.constraint("Grid emissions").orElseThrow();
    assertThat(grid.level()).isEqualTo(ScoreLevel.SOFT);
    assertThat(grid.impact()).isEqualTo(-1_000_000L);
    assertThat(grid.topMatches()).singleElement().satisfies(m -> {
      assertThat(m.hub()).contains("away");
      assertThat(m.jobs()).containsExactly("train");
      assertThat(m.impact()).isEqualTo(-1_000_000L);
    });
    assertThat(result.constraint("Data transfer emissions").orElseThrow().topMatches().get(0).tenant()).contains("t");
    assertThat(result.explanation()).contains("Grid emissions", "Data transfer emissions", "feasible");
  }

  @Test
  void solve_fairShareBeyondGuaranteesFollowsWeights() {
    // Six unit-slots for twelve equal jobs: weights 2 and 1 share them 4 and 2.
    Problem.Builder b = oneHub(6, 1)
        .tenant(Tenant.of("double", "research").withWeight(2))
        .tenant(Tenant.of("single", "research"));
    for (int i = 0; i < 6; i++) {
      b.job(oneSlotJob("d" + i, "double", 6).build()).job(oneSlotJob("s" + i, "single", 6).build());
    }
    Problem problem = b.build();
    OptaPlannerResult result = quick().solve(problem);
    assertThat(unitSlotsOf(problem, result.schedule(), "double")).isEqualTo(4);
    assertThat(unitSlotsOf(problem, result.schedule(), "single")).isEqualTo(2);
  }

  @Test
  void solve_guaranteeHonouredBeforeHigherPriorityJobs() {
    // Capacity 4 unit-slots; 'civic' is guaranteed 0.5 of it, 'corp' has higher-priority jobs.
    Problem.Builder b = oneHub(4, 1)
        .tenant(Tenant.of("civic", "civic").withGuaranteedShare(0.5))
        .tenant(Tenant.of("corp", "commercial"));
    for (int i = 0; i < 3; i++) {
      b.job(oneSlotJob("civic-" + i, "civic", 4).build());
    }
    for (int i = 0; i < 4; i++) {
      b.job(oneSlotJob("corp-" + i, "corp", 4).priority(3).build());
    }
    Problem problem = b.build();
    OptaPlannerResult result = quick().solve(problem);
    assertThat(unitSlotsOf(problem, result.schedule(), "civic")).isEqualTo(2);
    assertThat(unitSlotsOf(problem, result.schedule(), "corp")).isEqualTo(2);
    assertThat(result.evaluation().allQuotasMet()).isTrue();
    assertThat(result.score().feasible()).isTrue();
  }

  @Test
  void solve_maxShareNeverExceededEvenWithFreeCapacity() {
    // Capacity 12 unit-slots; 'big' may hold at most 0.25 of it: 3, though 5 would fit.
    Problem.Builder b = oneHub(6, 2).tenant(Tenant.of("big", "commercial").withMaxShare(0.25));
    for (int i = 0; i < 5; i++) {
      b.job(oneSlotJob("big-" + i, "big", 6).build());
    }
    Problem problem = b.build();
    OptaPlannerResult result = quick().solve(problem);
    assertThat(unitSlotsOf(problem, result.schedule(), "big")).isEqualTo(3);
    assertThat(result.schedule().unscheduled()).hasSize(2)
        .allSatisfy(u -> assertThat(u.reason()).contains("maxShare"));
  }

  @Test
  void solve_quotaBeyondWindowCapacityReportedWithReason() {
    // Guarantee min(8 demanded, 0.5 x 12) = 6 unit-slots, but its jobs' window holds only 2 x 2 = 4.
    Problem.Builder b = oneHub(6, 2).tenant(Tenant.of("late", "newcomer").withGuaranteedShare(0.5));
    for (int i = 0; i < 4; i++) {
      b.job(Job.builder("late-" + i, "late").durationSlots(2).powerKw(1).window(T0, slot(2)).build());
    }
    OptaPlannerResult result = quick().solve(b.build());
    assertThat(result.unmetQuotas()).singleElement().satisfies(q -> {
      assertThat(q.tenant()).isEqualTo("late");
      assertThat(q.guaranteedUnitSlots()).isEqualTo(6.0);
      assertThat(q.scheduledUnitSlots()).isEqualTo(4);
      assertThat(q.reason()).contains("only 4 unit-slots");
    });
    assertThat(result.score().hard()).isEqualTo(-2);
    assertThat(result.evaluation().feasible()).isTrue();
  }

  @Test
  void solve_competingGuaranteesReportTheOtherTenant() {
    // Both are guaranteed 0.5 x 8 = 4 unit-slots, but their windows share only 4.
    Problem.Builder b = oneHub(4, 2)
        .tenant(Tenant.of("a", "civic").withGuaranteedShare(0.5))
        .tenant(Tenant.of("b", "civic").withGuaranteedShare(0.5));
    for (int i = 0; i < 4; i++) {
      b.job(oneSlotJob("a-" + i, "a", 2).build()).job(oneSlotJob("b-" + i, "b", 2).build());
    }
    OptaPlannerResult result = quick().solve(b.build());
    assertThat(result.schedule().assignments()).hasSize(4);
    assertThat(result.score().hard()).isEqualTo(-4);
    assertThat(result.unmetQuotas()).isNotEmpty().allSatisfy(q -> assertThat(q.reason()).contains("guarantees of"));
  }

  @Test
  void solve_unscheduledJobExplainsFullHub() {
    Problem problem = oneHub(2, 1)
        .tenant(Tenant.of("t", "research"))
        .job(Job.builder("low", "t").durationSlots(2).powerKw(1).window(T0, slot(2)).build())
        .job(Job.builder("high", "t").durationSlots(2).powerKw(1).window(T0, slot(2)).priority(2).build())
        .build();
    OptaPlannerResult result = quick().solve(problem);
    assertThat(result.schedule().assignments()).extracting(Assignment::job).containsExactly("high");
    assertThat(result.schedule().unscheduled()).singleElement().satisfies(u -> {
      assertThat(u.job()).isEqualTo("low");
      assertThat(u.reason()).contains("'low'", "full", "Maybe");
    });
    assertThat(result.score().medium()).isEqualTo(-1);
  }

  @Test
  void solve_sameSeedSameSchedule() {
    Problem problem = GeneratedProblems.random(new Random(42), 8);
    OptaPlannerScheduler.Config config = OptaPlannerScheduler.Config.builder()
        .timeLimit(Duration.ofSeconds(20)).scoreCalculationLimit(5000).seed(7).build();
    OptaPlannerResult first = OptaPlannerScheduler.create(config).solve(problem);
    OptaPlannerResult second = OptaPlannerScheduler.create(config).solve(problem);
    assertThat(second.schedule()).isEqualTo(first.schedule());
    assertThat(second.score()).isEqualTo(first.score());
  }

  @Test
  void solve_twoMoveThreadsReproducibleAndFeasible() {
    Problem problem = GeneratedProblems.random(new Random(43), 8);
    OptaPlannerScheduler.Config config = OptaPlannerScheduler.Config.builder()
        .timeLimit(Duration.ofSeconds(20)).scoreCalculationLimit(3000).moveThreads(MoveThreads.of(2)).build();
    OptaPlannerResult first = OptaPlannerScheduler.create(config).solve(problem);
    OptaPlannerResult second = OptaPlannerScheduler.create(config).solve(problem);
    assertThat(first.evaluation().feasible()).isTrue();
    assertThat(second.schedule()).isEqualTo(first.schedule());
  }

  @Test
  void solve_brokenWarmStartRepairedAndReported() {
    Problem problem = oneHub(2, 1)
        .tenant(Tenant.of("t", "research"))
        .job(oneSlotJob("keep", "t", 1).priority(2).build())
        .job(oneSlotJob("drop", "t", 1).build())
        .build();
    Schedule overloaded = new Schedule("hand", List.of(Assignment.contiguous("keep", "h", 0, 1),
        Assignment.contiguous("drop", "h", 0, 1)), List.of());
    OptaPlannerScheduler keepAsIs = OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
        .scoreCalculationLimit(0).build());
    OptaPlannerResult result = keepAsIs.solve(problem, overloaded);
    assertThat(result.fallback()).hasValueSatisfying(f -> assertThat(f).contains("CAPACITY", "unscheduled"));
    assertThat(result.evaluation().feasible()).isTrue();
    assertThat(result.schedule().assignments()).extracting(Assignment::job).containsExactly("keep");
    // The score describes the repaired schedule: 'drop' unscheduled (priority 1) and the fair-share
    // term of 1 unit-slot out of 2: 1000 g x 1^2 / (weight 1 x 2) = 500 g.
    assertThat(result.score()).isEqualTo(new SolverScore(0, -1, -500_000));
  }

  @Test
  void solve_warmStartSchedulerIsWhereTheSearchStarts() {
    Problem problem = oneHub(3, 1)
        .tenant(Tenant.of("t", "research"))
        .job(oneSlotJob("a", "t", 3).build())
        .job(oneSlotJob("b", "t", 3).build())
        .build();
    Schedule fixed = new Schedule("fixed", List.of(Assignment.contiguous("a", "h", 2, 1)),
        List.of(new Unscheduled("b", "left out on purpose")));
    Scheduler warm = new Scheduler() {
      @Override
      public String name() {
        return "fixed";
      }

      @Override
      public Schedule schedule(Problem p) {
        return fixed;
      }
    };
    OptaPlannerScheduler solver = OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
        .warmStart(warm).scoreCalculationLimit(0).build());
    Schedule result = solver.schedule(problem);
    assertThat(result.solver()).isEqualTo("optaplanner");
    // 'a' stays where the warm start put it; 'b', left out though it fits, is put in by the last
    // insertion pass, on the first of its equally clean free slots.
    assertThat(result.assignments())
        .containsExactly(Assignment.contiguous("a", "h", 2, 1), Assignment.contiguous("b", "h", 0, 1));
    assertThat(result.unscheduled()).isEmpty();
  }

  /**
   * Priced starts (PricedStarts) run before the local search with a time limit of 2 s or more, and
   * not with a score-calculation limit or when turned off. The problem: two clean units that either
   * job a (2 units, 2 kW) or jobs b and c (1 unit, 1.5 kW each) can have, the rest at a hub 50 times
   * dirtier; the warm start gives them to a (1,520 g), the priced plans to b and c (1,030 g, the optimum).
   */
  @Test
  void solve_pricedStartsWithinTheTimeLimit_onlyWhenOn() {
    Problem problem = ScarceRoom.problem();
    Schedule poor = new Schedule("fixed", List.of(Assignment.contiguous("a", "clean", 0, 1),
        Assignment.contiguous("b", "dirty", 0, 1), Assignment.contiguous("c", "dirty", 0, 1)), List.of());
    OptaPlannerScheduler.Config.Builder config = OptaPlannerScheduler.Config.builder()
        .timeLimit(Duration.ofSeconds(2)).unimprovedTimeLimit(Duration.ofMillis(50));

    OptaPlannerResult on = OptaPlannerScheduler.create(config.build()).solve(problem, poor);
    assertThat(on.statistics().pricedStarts()).isEqualTo(9);
    assertThat(on.statistics().pricedStartsTime()).isPositive().isLessThan(Duration.ofMillis(1400));
    assertThat(on.evaluation().emissionsGrams()).isCloseTo(ScarceRoom.OPTIMUM_GRAMS, within(1e-9));

    OptaPlannerResult off = OptaPlannerScheduler.create(config.pricedStarts(false).build()).solve(problem, poor);
    assertThat(off.statistics().pricedStarts()).isZero();
    assertThat(off.statistics().pricedStartsTime()).isZero();
    OptaPlannerResult counted = OptaPlannerScheduler.create(config.pricedStarts(true).scoreCalculationLimit(1000)
        .build()).solve(problem, poor);
    assertThat(counted.statistics().pricedStarts()).as("a score-calculation limit keeps a run reproducible").isZero();
  }

  /** Five jobs sharing patchy on-site solar, where late acceptance stalls in a local optimum. */
  private static Problem patchySolar() {
    Problem.Builder b = Problem.builder()
        .horizon(Horizon.hourly(T0, 10))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(236, 344, 254, 250, 112, 311, 361, 379, 283, 204)))
        .hub(Hub.builder("h", "Z").capacityUnits(100)
            .renewableKw(SlotSeries.of(5, 0, 9, 0, 0, 22, 27, 4, 38, 0)).build())
        .tenant(Tenant.of("t", "research"));
    int[][] durationAndKw = {{2, 11}, {3, 8}, {1, 24}, {1, 20}, {3, 33}};
    for (int j = 0; j < durationAndKw.length; j++) {
      b.job(Job.builder("j" + j, "t").durationSlots(durationAndKw[j][0]).powerKw(durationAndKw[j][1])
          .window(T0, slot(10)).build());
    }
    return b.build();
  }

  /** The least emissions over every placement of every job (one hub, no capacity limit in play). */
  private static double bruteForceEmissions(Problem problem, int job, List<Assignment> chosen) {
    if (job == problem.jobs().size()) {
      return Evaluator.evaluate(problem, new Schedule("all", chosen, List.of())).emissionsGrams();
    }
    Job j = problem.jobs().get(job);
    double best = Double.POSITIVE_INFINITY;
    for (int start = 0; start + j.durationSlots() <= problem.horizon().slots(); start++) {
      List<Assignment> next = new java.util.ArrayList<>(chosen);
      next.add(Assignment.contiguous(j.id(), "h", start, j.durationSlots()));
      best = Math.min(best, bruteForceEmissions(problem, job + 1, next));
    }
    return best;
  }

  @Test
  void solve_simulatedAnnealingReachesOptimumWhereLateAcceptanceStalls() {
    Problem problem = patchySolar();
    double optimum = bruteForceEmissions(problem, 0, List.of());
    OptaPlannerScheduler.Config.Builder config = OptaPlannerScheduler.Config.builder()
        .timeLimit(Duration.ofSeconds(20)).scoreCalculationLimit(20_000).fairnessGramsPerUnitSlot(0).noWarmStart()
        .ruinAndRecreate(false);
    double annealed = OptaPlannerScheduler.create(config.searchStrategy(SearchStrategy.SIMULATED_ANNEALING).build())
        .solve(problem).evaluation().emissionsGrams();
    double late = OptaPlannerScheduler.create(config.searchStrategy(SearchStrategy.LATE_ACCEPTANCE).build())
        .solve(problem).evaluation().emissionsGrams();
    assertThat(annealed).isEqualTo(optimum);
    assertThat(late).isGreaterThan(optimum);
    // Ruin and recreate takes several jobs out of the solar slots at once, which gets late
    // acceptance out of that local optimum.
    double lateWithRuin = OptaPlannerScheduler.create(config.searchStrategy(SearchStrategy.LATE_ACCEPTANCE)
        .ruinAndRecreate(true).build()).solve(problem).evaluation().emissionsGrams();
    assertThat(lateWithRuin).isEqualTo(optimum);
  }

  @Test
  void solve_problemWithoutJobs() {
    Problem problem = oneHub(2, 1).tenant(Tenant.of("t", "research")).build();
    OptaPlannerResult result = quick().solve(problem);
    assertThat(result.schedule().assignments()).isEmpty();
    assertThat(result.schedule().unscheduled()).isEmpty();
    assertThat(result.score()).isEqualTo(new SolverScore(0, 0, 0));
  }

  @Test
  void schedule_nameAndEvaluatorFeasible() {
    Problem problem = GeneratedProblems.random(new Random(5), 6);
    OptaPlannerScheduler solver = quick();
    Schedule schedule = solver.schedule(problem);
    Evaluation evaluation = Evaluator.evaluate(problem, schedule);
    assertThat(solver.name()).isEqualTo("optaplanner");
    assertThat(schedule.solver()).isEqualTo("optaplanner");
    assertThat(evaluation.violations()).isEmpty();
    assertThat(schedule.assignments().size() + schedule.unscheduled().size()).isEqualTo(problem.jobs().size());
  }

  @Test
  void solve_timeLimitsWithSubMillisecondPartsAreAccepted() {
    Problem problem = GeneratedProblems.random(new Random(9), 4);
    OptaPlannerScheduler solver = OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
        .timeLimit(Duration.ofSeconds(1).dividedBy(3)).unimprovedTimeLimit(Duration.ofNanos(1_500_000)).build());

    assertThat(Evaluator.evaluate(problem, solver.schedule(problem)).violations()).isEmpty();
  }

  @Test
  void config_defaults() {
    OptaPlannerScheduler.Config config = OptaPlannerScheduler.Config.defaults();
    assertThat(config.timeLimit()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.unimprovedTimeLimit()).contains(Duration.ofSeconds(2));
    assertThat(config.scoreCalculationLimit()).isEmpty();
    assertThat(config.moveThreads()).isEqualTo(MoveThreads.none());
    assertThat(config.warmStart()).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("greedy"));
    assertThat(config.searchStrategy()).isEqualTo(SearchStrategy.LATE_ACCEPTANCE);
    assertThat(config.pricedStarts()).isTrue();
    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void config_rejectsNonPositiveTimeLimit() {
    assertThatThrownBy(() -> OptaPlannerScheduler.Config.builder().timeLimit(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeLimit", "PT0S", "Maybe");
    assertThatThrownBy(() -> OptaPlannerScheduler.Config.builder().unimprovedTimeLimit(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unimprovedTimeLimit");
  }

  @Test
  void config_rejectsNegativeLimitsAndWeights() {
    assertThatThrownBy(() -> OptaPlannerScheduler.Config.builder().scoreCalculationLimit(-1))
        .hasMessageContaining("scoreCalculationLimit", "-1");
    assertThatThrownBy(() -> OptaPlannerScheduler.Config.builder().fairnessGramsPerUnitSlot(Double.NaN))
        .hasMessageContaining("fairnessGramsPerUnitSlot", "NaN");
    assertThatThrownBy(() -> OptaPlannerScheduler.Config.builder().explanationLimit(-2))
        .hasMessageContaining("explanationLimit", "-2");
  }

  @Test
  void moveThreads_values() {
    assertThat(MoveThreads.none().moveThreadCount()).isEqualTo("NONE");
    assertThat(MoveThreads.auto().moveThreadCount()).isEqualTo("AUTO");
    assertThat(MoveThreads.of(3).moveThreadCount()).isEqualTo("3");
    assertThatThrownBy(() -> MoveThreads.of(0)).hasMessageContaining("0", "MoveThreads.none()");
  }
}
