package dev.fairshift.solver.optaplanner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Problem;
import dev.fairshift.solver.fixtures.HardProblems;
import dev.fairshift.solver.optaplanner.SearchStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.phase.PhaseConfig;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;

/**
 * Late acceptance keeps OptaPlanner's size of 400 on problems of up to 125 jobs and compares with
 * fewer steps ago on larger ones, in proportion to 125 over the job count, never below 5; simulated
 * annealing is not affected.
 */
class LateAcceptanceSizeTest {

  private static SolverRun.Settings settings(SearchStrategy strategy) {
    return new SolverRun.Settings(Duration.ofSeconds(10), Optional.empty(), OptionalLong.empty(), 0, "NONE",
        EnvironmentMode.REPRODUCIBLE, strategy, SolverRun.ScoreCalculation.INCREMENTAL, true);
  }

  private static LocalSearchPhaseConfig localSearch(SolverConfig config) {
    for (PhaseConfig<?> phase : config.getPhaseConfigList()) {
      if (phase instanceof LocalSearchPhaseConfig localSearch) {
        return localSearch;
      }
    }
    throw new AssertionError("no local search phase in " + config);
  }

  /** {@code small}'s facts with {@code jobs} job entities (the first ones repeated): only the count matters here. */
  private static PlanSolution withJobCount(PlanSolution small, int jobs) {
    List<JobAssignment> many = new ArrayList<>();
    while (many.size() < jobs) {
      for (JobAssignment a : small.getAssignments()) {
        if (many.size() < jobs) {
          many.add(a);
        }
      }
    }
    return new PlanSolution(small.getContext(), small.getHubs(), small.getTenants(), small.getJobs(), many,
        small.getJobSlots());
  }

  @Test
  void lateAcceptanceSize_400UpTo125Jobs_thenInverseToTheJobCount_atLeast5() {
    assertThat(SolverRun.lateAcceptanceSize(1)).isEqualTo(400);
    assertThat(SolverRun.lateAcceptanceSize(120)).isEqualTo(400);
    assertThat(SolverRun.lateAcceptanceSize(125)).isEqualTo(400);
    assertThat(SolverRun.lateAcceptanceSize(250)).isEqualTo(200);
    assertThat(SolverRun.lateAcceptanceSize(1_000)).isEqualTo(50);
    assertThat(SolverRun.lateAcceptanceSize(10_000)).isEqualTo(5);
    assertThat(SolverRun.lateAcceptanceSize(1_000_000)).isEqualTo(5);
  }

  @Test
  void lateAcceptanceSize_neverRisingWithSize_within5And400() {
    int previous = Integer.MAX_VALUE;
    for (int jobs = 0; jobs <= 2_000_000; jobs += 613) {
      int size = SolverRun.lateAcceptanceSize(jobs);
      assertThat(size).as("%d jobs", jobs).isBetween(5, 400).isLessThanOrEqualTo(previous);
      previous = size;
    }
  }

  @Test
  void config_lateAcceptance_sizeFollowsTheJobCountAndAcceptsTheFirstMove() {
    Problem problem = HardProblems.random(new Random(7), 40);
    PlanSolution small = PlanBuilder.build(problem, 0, Optional.empty()).solution();
    assertThat(small.getAssignments().size()).isLessThanOrEqualTo(125);

    LocalSearchPhaseConfig atSmall = localSearch(SolverRun.config(settings(SearchStrategy.LATE_ACCEPTANCE), small, false));
    LocalSearchPhaseConfig atLarge = localSearch(SolverRun.config(settings(SearchStrategy.LATE_ACCEPTANCE),
        withJobCount(small, 1_000), false));

    assertThat(atSmall.getAcceptorConfig().getLateAcceptanceSize()).isEqualTo(400);
    assertThat(atLarge.getAcceptorConfig().getLateAcceptanceSize()).isEqualTo(50);
    assertThat(atSmall.getForagerConfig().getAcceptedCountLimit()).isEqualTo(1);
    assertThat(atLarge.getForagerConfig().getAcceptedCountLimit()).isEqualTo(1);
  }

  @Test
  void config_simulatedAnnealing_hasNoLateAcceptance() {
    Problem problem = HardProblems.random(new Random(7), 40);
    PlanSolution small = PlanBuilder.build(problem, 0, Optional.empty()).solution();

    LocalSearchPhaseConfig annealing = localSearch(SolverRun.config(settings(SearchStrategy.SIMULATED_ANNEALING),
        withJobCount(small, 1_000), false));

    assertThat(annealing.getAcceptorConfig().getLateAcceptanceSize()).isNull();
    assertThat(annealing.getAcceptorConfig().getSimulatedAnnealingStartingTemperature()).isNotNull();
  }
}
