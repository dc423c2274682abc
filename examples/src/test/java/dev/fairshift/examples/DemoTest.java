package dev.fairshift.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Hub;
import dev.fairshift.core.HubResult;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.json.ProblemJson;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.bound.EmissionsBound;
import dev.fairshift.solver.bound.LowerBound;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemoTest {
  @Test
  void problem_isDeterministicForASeedAndDiffersAcrossSeeds() {
    Problem a = Demo.problem(42, Duration.ofHours(24));
    Problem b = Demo.problem(42, Duration.ofHours(24));
    Problem c = Demo.problem(7, Duration.ofHours(24));

    assertThat(ProblemJson.write(a)).isEqualTo(ProblemJson.write(b));
    assertThat(a).isNotEqualTo(c);
    assertThat(a.intensities().zones()).extracting(z -> z.zone()).containsExactly("DE", "GB", "FR");
  }

  @Test
  void problem_holdsEveryTraceJobOfAtMost64GpusAndNoOther() throws IOException {
    Problem problem = Demo.problem(Demo.DEFAULT_SEED, Duration.ofHours(24));

    // Counted from the shipped CSV itself: rows whose cpus column is 1..64. Every one of them fits
    // the ten-day horizon (arrivals end after seven days, runs last at most 72 h).
    long expected = 0;
    try (InputStream in = WorkloadTrace.class.getResourceAsStream("workloads/pai_100k_head5k.csv")) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      expected = reader.lines().skip(1).map(l -> Integer.parseInt(l.split(",")[2].strip()))
          .filter(cpus -> cpus <= 64).count();
    }
    assertThat(expected).isBetween(4900L, 5000L);
    assertThat(problem.jobs()).hasSize((int) expected);
    for (Job job : problem.jobs()) {
      assertThat(job.units()).as(job.id()).isBetween(1, 64);
      assertThat(job.powerKw()).as(job.id()).isCloseTo(0.7 * job.units(), org.assertj.core.data.Offset.offset(1e-9));
      assertThat(job.release()).as(job.id())
          .isBeforeOrEqualTo(DemoScenario.DEFAULT_START.plus(Duration.ofDays(7)).plus(Duration.ofHours(1)));
    }
  }

  @Test
  void hubs_areCampusClustersToAMegawattDataCentre() {
    Problem problem = Demo.problem(Demo.DEFAULT_SEED, Duration.ofHours(24));
    int slots = problem.horizon().slots();
    double largestFacilityKw = 0;
    for (Hub hub : problem.hubs()) {
      int most = IntStream.range(0, slots).map(hub::capacityUnitsAt).max().orElseThrow();
      assertThat(most).as(hub.id()).isBetween(256, 2048);
      assertThat(hub.pue()).as(hub.id()).isBetween(1.1, 1.5);
      largestFacilityKw = Math.max(largestFacilityKw, most * 0.7 * hub.pue());
    }
    assertThat(largestFacilityKw).isGreaterThan(1000.0);
    // Thousands of jobs: a week's work in GPU-hours is large against a 256-GPU hub's week (43,008 GPU-h).
    long gpuHours = problem.jobs().stream().mapToLong(Job::unitSlots).sum();
    assertThat(gpuHours).isGreaterThan(43_008L);
  }

  @Test
  void everySolver_isFeasible_optaPlannerAtMostGreedyAtMostAsap_andTheBoundBelowEach() {
    Problem problem = Demo.problem(Demo.DEFAULT_SEED, Duration.ofHours(24));

    Evaluation asap = Evaluator.evaluate(problem, Scheduler.asap().schedule(problem));
    Evaluation greedy = Evaluator.evaluate(problem, Scheduler.greedy().schedule(problem));
    Evaluation opta = Evaluator.evaluate(problem,
        Solvers.optaPlanner(new SolverOptions(Duration.ofSeconds(2), Demo.DEFAULT_SEED)).schedule(problem));

    for (Evaluation e : List.of(asap, greedy, opta)) {
      assertThat(e.violations()).as(e.solver()).isEmpty();
      assertThat(e.scheduledJobs()).as(e.solver()).isEqualTo(problem.jobs().size());
    }
    // Planned and judged on the same intensities: OptaPlanner starts from greedy and keeps its best.
    assertThat(opta.emissionsGrams()).isLessThanOrEqualTo(greedy.emissionsGrams() * (1 + 1e-9));
    assertThat(greedy.emissionsGrams()).isLessThan(asap.emissionsGrams());
    EmissionsBound bound = LowerBound.forSchedule(problem, greedy);
    assertThat(bound.everyJobCanRun()).isTrue();
    for (Evaluation e : List.of(asap, greedy, opta)) {
      assertThat(bound.gramsCo2e()).as(e.solver()).isLessThanOrEqualTo(e.emissionsGrams() * (1 + 1e-9));
    }
    // Bigger hubs with proportionally more work: capacity still binds somewhere in greedy's schedule.
    assertThat(greedy.hubs()).extracting(HubResult::peakUtilisation).anySatisfy(u -> assertThat(u).isEqualTo(1.0));
  }

  @Test
  void greedy_savesAgainstAsapOnTheRealWeekWithoutBreakingARule() {
    Problem problem = Demo.problem(Demo.DEFAULT_SEED, Duration.ofHours(24));

    Evaluation asap = Evaluator.evaluate(problem, Scheduler.asap().schedule(problem));
    Evaluation greedy = Evaluator.evaluate(problem, Scheduler.greedy().schedule(problem));

    assertThat(asap.violations()).isEmpty();
    assertThat(greedy.violations()).isEmpty();
    assertThat(greedy.scheduledJobs()).isEqualTo(problem.jobs().size());
    assertThat(greedy.allQuotasMet()).isTrue();
    assertThat(greedy.savingVersus(asap)).isGreaterThan(0.10);
  }

  @Test
  void forecastProblem_plansOnAForecastMadeBeforeTheHorizonAndStillSaves() {
    Problem planned = Demo.forecastProblem(Demo.DEFAULT_SEED, Duration.ofHours(24));
    Problem actual = Demo.problem(Demo.DEFAULT_SEED, Duration.ofHours(24));

    // Same actuals to be judged on, a different series to plan on.
    for (int z = 0; z < 3; z++) {
      assertThat(planned.intensities().zones().get(z).gramsPerKwh())
          .isEqualTo(actual.intensities().zones().get(z).gramsPerKwh());
      assertThat(planned.intensities().zones().get(z).forecastGramsPerKwh()).isPresent()
          .get().isNotEqualTo(actual.intensities().zones().get(z).gramsPerKwh());
    }
    Evaluation asap = Evaluator.evaluate(planned, Scheduler.asap().schedule(planned));
    Evaluation greedy = Evaluator.evaluate(planned, Scheduler.greedy().schedule(planned));
    assertThat(greedy.violations()).isEmpty();
    assertThat(greedy.plannedEmissionsGrams()).isPresent();
    assertThat(greedy.savingVersus(asap)).isGreaterThan(0.10);
  }

  @Test
  void moreSlack_givesGreedyMoreRoomToSave() {
    assertThat(saving(Duration.ZERO)).isLessThan(saving(Duration.ofHours(24)));
  }

  /** Greedy's saving against ASAP on the demo week with {@code slack}, checking both are feasible. */
  private static double saving(Duration slack) {
    Problem problem = Demo.problem(Demo.DEFAULT_SEED, slack);
    Evaluation asap = Evaluator.evaluate(problem, Scheduler.asap().schedule(problem));
    Evaluation greedy = Evaluator.evaluate(problem, Scheduler.greedy().schedule(problem));
    assertThat(asap.violations()).isEmpty();
    assertThat(greedy.violations()).isEmpty();
    return greedy.savingVersus(asap);
  }

  @Test
  void run_printsTheComparisonAndTheReport() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), Demo.DEFAULT_SEED, Duration.ofHours(24));
    String text = bytes.toString(StandardCharsets.UTF_8);

    assertThat(text).contains("Solvers compared", "asap", "greedy", "greedy, perfect foresight", "lyon-dc",
        "students", "Jain", "Forecast error cost greedy", "on the forecast it was planned on");
  }
}
