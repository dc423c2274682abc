package dev.fairshift.solver.optaplanner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.fixtures.GeneratedProblems;
import dev.fairshift.solver.fixtures.RandomSchedules;
import dev.fairshift.solver.fixtures.RandomWindows;
import dev.fairshift.solver.optaplanner.OptaPlannerResult;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.config.solver.EnvironmentMode;

/**
 * Runs the solver in FULL_ASSERT mode, where OptaPlanner recalculates the score from scratch after
 * every move and undo, and against the constraint streams (the assertion score director), and fails
 * on any difference: the incremental score, with the job-slot hub shadow variable and tenant
 * fairness windows, must never drift.
 */
class SolveFullAssertTest {

  private static SolverRun.Settings fullAssert(long seed, long scoreCalculations) {
    return new SolverRun.Settings(Duration.ofSeconds(20), Optional.empty(), OptionalLong.of(scoreCalculations), seed,
        "NONE", EnvironmentMode.FULL_ASSERT);
  }

  @Test
  void solve_fullAssertFindsNoScoreCorruption() {
    for (int seed = 0; seed < 8; seed++) {
      Random random = new Random(1000 + seed);
      Problem problem = GeneratedProblems.random(random, 6);
      Optional<Schedule> warm = seed % 2 == 0
          ? Optional.empty() : Optional.of(RandomSchedules.random(problem, random));
      OptaPlannerResult result = Solve.run("optaplanner", problem, warm, fullAssert(seed, 400), 700, 3);
      assertThat(result.evaluation().violations()).as("seed " + seed).isEmpty();
    }
  }

  @Test
  void solve_fullAssertWithFairnessWindows_findsNoScoreCorruption() {
    for (int seed = 0; seed < 4; seed++) {
      Random random = new Random(3000 + seed);
      Problem problem = RandomWindows.of(GeneratedProblems.random(random, 6), random);
      OptaPlannerResult result = Solve.run("optaplanner", problem, Optional.empty(), fullAssert(seed, 300), 700, 3);
      assertThat(result.evaluation().violations()).as("seed " + seed).isEmpty();
      assertThat(result.fallback()).as("seed " + seed).isEmpty();
    }
  }

  @Test
  void solve_fullAssertWithInterruptibleJobsAndTwoMoveThreads() {
    Problem problem = GeneratedProblems.random(new Random(77), 6);
    assertThat(problem.jobs()).anyMatch(dev.fairshift.core.Job::interruptible);
    SolverRun.Settings settings = new SolverRun.Settings(Duration.ofSeconds(20), Optional.empty(), OptionalLong.of(300),
        3, "2", EnvironmentMode.FULL_ASSERT);
    OptaPlannerResult result = Solve.run("optaplanner", problem, Optional.empty(), settings, 700, 3);
    assertThat(result.evaluation().violations()).isEmpty();
  }
}
