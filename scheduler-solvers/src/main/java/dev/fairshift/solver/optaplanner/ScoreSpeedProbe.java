package dev.fairshift.solver.optaplanner;

import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.optaplanner.internal.PlanBuilder;
import dev.fairshift.solver.optaplanner.internal.PlanSolution;
import dev.fairshift.solver.optaplanner.internal.SolverRun;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.solver.EnvironmentMode;

/**
 * For benchmarks, not planning: OptaPlanner's local search (late acceptance, seed 0, one thread) from a
 * given schedule until a fixed number of score calculations, scored either by the incremental calculator
 * every solver uses or by the constraint streams that define the score, so the two speeds can be compared
 * in one run. To plan, use {@link OptaPlannerScheduler}.
 *
 * <pre>{@code
 * ScoreSpeedProbe probe = ScoreSpeedProbe.of(problem, greedySchedule, ScoreSpeedProbe.Calculation.INCREMENTAL,
 *     500_000);
 * ScoreSpeedProbe.Run run = probe.prepare();   // builds the planning solution (not what you measure)
 * long calculations = run.solve();             // the local search (what you measure)
 * }</pre>
 *
 * <p>The problem is scored as given (its carbon price included); the fair-share scale is {@link
 * OptaPlannerScheduler.Config#defaults()}'.
 */
public final class ScoreSpeedProbe {
  /** How moves are scored. */
  public enum Calculation {
    /** The incremental score calculator: what every solver uses. */
    INCREMENTAL,
    /** The Bavet constraint streams that define the score: the baseline. */
    CONSTRAINT_STREAMS
  }

  private final Problem problem;
  private final Schedule start;
  private final SolverFactory<PlanSolution> factory;

  private ScoreSpeedProbe(Problem problem, Schedule start, SolverFactory<PlanSolution> factory) {
    this.problem = problem;
    this.start = start;
    this.factory = factory;
  }

  /**
   * A probe that searches from {@code start} (a schedule of {@code problem}, e.g. the greedy one) and stops
   * after {@code scoreCalculations} score calculations.
   *
   * @throws IllegalArgumentException if {@code scoreCalculations} is not positive
   */
  public static ScoreSpeedProbe of(Problem problem, Schedule start, Calculation calculation,
      long scoreCalculations) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(calculation, "calculation");
    if (scoreCalculations <= 0) {
      throw new IllegalArgumentException("scoreCalculations is " + scoreCalculations
          + "; it must be positive. Maybe 500000 for the incremental calculator.");
    }
    SolverRun.Settings settings = new SolverRun.Settings(Duration.ofMinutes(10), Optional.empty(),
        OptionalLong.of(scoreCalculations), 0, "NONE", EnvironmentMode.REPRODUCIBLE,
        SearchStrategy.LATE_ACCEPTANCE, SolverRun.ScoreCalculation.valueOf(calculation.name()));
    return new ScoreSpeedProbe(problem, start, SolverRun.factory(settings, solution(problem, start)));
  }

  /** A fresh planning solution at the start schedule, ready to {@link Run#solve()} once. */
  public Run prepare() {
    return new Run(factory, solution(problem, start));
  }

  private static PlanSolution solution(Problem problem, Schedule start) {
    return PlanBuilder.build(problem, OptaPlannerScheduler.Config.defaults().fairnessGramsPerUnitSlot(),
        Optional.of(start)).solution();
  }

  /** One prepared local search. */
  public static final class Run {
    private final SolverFactory<PlanSolution> factory;
    private PlanSolution solution;

    private Run(SolverFactory<PlanSolution> factory, PlanSolution solution) {
      this.factory = factory;
      this.solution = solution;
    }

    /**
     * Runs the local search and returns how many score calculations it made (the limit, unless the
     * search ran out of moves first).
     *
     * @throws IllegalStateException on a second call (the search changed the solution it started from)
     */
    public long solve() {
      PlanSolution mine = solution;
      if (mine == null) {
        throw new IllegalStateException("This run was solved already. Maybe call prepare() for another.");
      }
      solution = null;
      return SolverRun.solve(factory, mine).scoreCalculationCount();
    }
  }
}
