package dev.fairshift.solver.optaplanner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.fixtures.GeneratedProblems;
import dev.fairshift.solver.fixtures.HardProblems;
import dev.fairshift.solver.fixtures.RandomSchedules;
import dev.fairshift.solver.optaplanner.SearchStrategy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.phase.PhaseConfig;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;

/**
 * Ruin-and-recreate moves under OptaPlanner's FULL_ASSERT mode, which after every move and every
 * undo recalculates the score from scratch and with the constraint streams and fails on any
 * difference, and checks that the undo restores the score: with the moves picked as often as all
 * others together, on hard problems (interruptible jobs, caps, solar, congestion) and the general
 * random ones, single-threaded and with two move threads (moves rebased onto the threads' copies).
 */
class RuinRecreateMoveTest {

  private static SolverRun.Outcome solve(Problem problem, Optional<Schedule> warm, long seed, String threads,
      long calculations) {
    PlanSolution solution = PlanBuilder.build(problem, 700, warm).solution();
    SolverRun.Settings settings = new SolverRun.Settings(Duration.ofSeconds(60), Optional.empty(),
        OptionalLong.of(calculations), seed, threads, EnvironmentMode.FULL_ASSERT,
        seed % 2 == 0 ? SearchStrategy.LATE_ACCEPTANCE : SearchStrategy.SIMULATED_ANNEALING);
    SolverConfig config = SolverRun.config(settings, solution, !solution.getJobSlots().isEmpty());
    for (PhaseConfig<?> phase : config.getPhaseConfigList()) {
      if (phase instanceof LocalSearchPhaseConfig localSearch) {
        localSearch.setMoveSelectorConfig(SolverRun.moves(!solution.getJobSlots().isEmpty(), 6.0));
      }
    }
    return SolverRun.solve(SolverFactory.create(config), solution);
  }

  @Test
  void solve_fullAssertWithRuinAndRecreate_findsNoScoreCorruption() {
    for (int seed = 0; seed < 8; seed++) {
      Random random = new Random(500 + seed);
      Problem problem = seed % 2 == 0 ? HardProblems.random(random, 14) : GeneratedProblems.random(random, 8);
      Optional<Schedule> warm = seed % 4 == 1 ? Optional.of(RandomSchedules.random(problem, random)) : Optional.empty();
      SolverRun.Outcome outcome = solve(problem, warm, seed, "NONE", 1500);
      assertThat(outcome.scoreCalculationCount()).as("seed " + seed).isGreaterThan(0);
    }
  }

  @Test
  void solve_fullAssertWithRuinAndRecreateAndTwoMoveThreads() {
    Problem problem = HardProblems.random(new Random(91), 12);
    SolverRun.Outcome outcome = solve(problem, Optional.empty(), 4, "2", 800);
    assertThat(outcome.best().getScore()).isNotNull();
  }

  @Test
  void move_undoPutsEveryJobBackAndRedoingGivesTheSameSchedule() {
    int changed = 0;
    Problem problem = HardProblems.random(new Random(7), 30);
    PlanSolution solution = PlanBuilder.build(problem, 700,
        Optional.of(dev.fairshift.solver.Scheduler.greedy().schedule(problem))).solution();
    ScoreAccess access = ScoreAccess.of(solution);
    RuinRecreateMoveFactory factory = new RuinRecreateMoveFactory();
    factory.index(solution);
    Random random = new Random(3);
    for (int i = 0; i < 40; i++) {
      List<String> before = placements(solution);
      var score = access.score();
      RuinRecreateMove move = factory.createRandomMoveIterator(null, random).next();
      PlacementMove undo = PlacementMove.current(access, move.order());
      move.apply(access);
      List<String> after = placements(solution);
      changed += after.equals(before) ? 0 : 1;
      var moved = access.score();
      undo.apply(access);
      assertThat(placements(solution)).isEqualTo(before);
      assertThat(access.score()).isEqualTo(score);
      move.apply(access);
      assertThat(placements(solution)).isEqualTo(after);
      assertThat(access.score()).isEqualTo(moved);
      // Keep the better of the two, as a search would, so that the moves start from new places.
      if (moved.compareTo(score) < 0) {
        undo.apply(access);
      }
      ScoreAccess fresh = ScoreAccess.of(solution);
      assertThat(fresh.score()).as("the incremental score against one counted from scratch").isEqualTo(access.score());
    }
    assertThat(changed).as("moves that changed the schedule").isPositive();
  }

  private static List<String> placements(PlanSolution solution) {
    return solution.getAssignments().stream().map(a -> a + "/" + (a.job().interruptible()
        ? java.util.Arrays.toString(BestInsertion.slotsOf(solution.getJobSlots().subList(a.job().firstJobSlotIndex(),
            a.job().firstJobSlotIndex() + a.job().durationSlots()))) : "")).toList();
  }
}
