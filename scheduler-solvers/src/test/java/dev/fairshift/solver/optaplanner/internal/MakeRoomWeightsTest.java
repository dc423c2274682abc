package dev.fairshift.solver.optaplanner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Problem;
import dev.fairshift.solver.fixtures.HardProblems;
import dev.fairshift.solver.optaplanner.SearchStrategy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.config.heuristic.selector.move.MoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.factory.MoveIteratorFactoryConfig;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.phase.PhaseConfig;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;

/**
 * The moves that make room are picked at their tuned weights on small problems and less often, in
 * proportion to 300 over the job count, on large ones; the cheap moves keep their weights.
 */
class MakeRoomWeightsTest {

  private static SolverRun.Settings settings(boolean ruinAndRecreate) {
    return new SolverRun.Settings(Duration.ofSeconds(10), Optional.empty(), OptionalLong.empty(), 0, "NONE",
        EnvironmentMode.REPRODUCIBLE, SearchStrategy.LATE_ACCEPTANCE, SolverRun.ScoreCalculation.INCREMENTAL,
        ruinAndRecreate);
  }

  /** The weight of each move-iterator factory in the local search's union of moves, by factory class. */
  private static Map<Class<?>, Double> factoryWeights(SolverConfig config) {
    Map<Class<?>, Double> weights = new HashMap<>();
    for (PhaseConfig<?> phase : config.getPhaseConfigList()) {
      if (phase instanceof LocalSearchPhaseConfig localSearch) {
        UnionMoveSelectorConfig union = (UnionMoveSelectorConfig) localSearch.getMoveSelectorConfig();
        for (MoveSelectorConfig<?> move : union.getMoveSelectorList()) {
          if (move instanceof MoveIteratorFactoryConfig factory) {
            weights.put(factory.getMoveIteratorFactoryClass(), factory.getFixedProbabilityWeight());
          }
        }
      }
    }
    return weights;
  }

  @Test
  void makeRoomScale_fullUpTo300Jobs_thenInverseToTheJobCount() {
    assertThat(SolverRun.makeRoomScale(1)).isEqualTo(1.0);
    assertThat(SolverRun.makeRoomScale(120)).isEqualTo(1.0);
    assertThat(SolverRun.makeRoomScale(300)).isEqualTo(1.0);
    assertThat(SolverRun.makeRoomScale(600)).isEqualTo(0.5);
    assertThat(SolverRun.makeRoomScale(1_000)).isCloseTo(0.3, within(1e-12));
    assertThat(SolverRun.makeRoomScale(10_000)).isCloseTo(0.03, within(1e-12));
  }

  @Test
  void makeRoomScale_positiveAndNeverRisingWithSize() {
    double previous = Double.MAX_VALUE;
    for (int jobs = 0; jobs <= 1_000_000; jobs += 997) {
      double scale = SolverRun.makeRoomScale(jobs);
      assertThat(scale).as("%d jobs", jobs).isPositive().isLessThanOrEqualTo(1.0).isLessThanOrEqualTo(previous);
      previous = scale;
    }
  }

  @Test
  void config_smallProblem_keepsTheTunedWeights() {
    Problem problem = HardProblems.random(new Random(7), 40);
    PlanSolution solution = PlanBuilder.build(problem, 0, Optional.empty()).solution();
    assertThat(solution.getAssignments().size()).isLessThanOrEqualTo(300);

    Map<Class<?>, Double> weights = factoryWeights(SolverRun.config(settings(true), solution, false));

    assertThat(weights.get(RuinRecreateMoveFactory.class)).isCloseTo(0.02, within(1e-12));
    assertThat(weights.get(HubSlotRuinMoveFactory.class)).isCloseTo(0.01, within(1e-12));
    assertThat(weights.get(EjectionMoveFactory.class)).isCloseTo(0.03, within(1e-12));
    assertThat(weights.get(NearbySwapMoveFactory.class)).isEqualTo(2.0);
  }

  @Test
  void config_largeProblem_picksTheMovesThatMakeRoomLessOften() {
    Problem problem = HardProblems.random(new Random(7), 40);
    PlanSolution small = PlanBuilder.build(problem, 0, Optional.empty()).solution();
    // The same facts with 1,000 job entities: only the count matters to the weights.
    java.util.List<JobAssignment> many = new java.util.ArrayList<>();
    while (many.size() < 1_000) {
      for (JobAssignment a : small.getAssignments()) {
        if (many.size() < 1_000) {
          many.add(a);
        }
      }
    }
    PlanSolution large = new PlanSolution(small.getContext(), small.getHubs(), small.getTenants(), small.getJobs(),
        many, small.getJobSlots());

    Map<Class<?>, Double> weights = factoryWeights(SolverRun.config(settings(true), large, false));

    // 300 / 1,000 of 0.02, 0.01 and 0.03.
    assertThat(weights.get(RuinRecreateMoveFactory.class)).isCloseTo(0.006, within(1e-12));
    assertThat(weights.get(HubSlotRuinMoveFactory.class)).isCloseTo(0.003, within(1e-12));
    assertThat(weights.get(EjectionMoveFactory.class)).isCloseTo(0.009, within(1e-12));
    assertThat(weights.get(NearbySwapMoveFactory.class)).isEqualTo(2.0);
  }

  @Test
  void config_withoutRuinAndRecreate_hasNoMovesThatMakeRoomAtAnySize() {
    Problem problem = HardProblems.random(new Random(7), 40);
    PlanSolution solution = PlanBuilder.build(problem, 0, Optional.empty()).solution();

    Map<Class<?>, Double> weights = factoryWeights(SolverRun.config(settings(false), solution, false));

    assertThat(weights).containsOnlyKeys(NearbySwapMoveFactory.class);
  }
}
