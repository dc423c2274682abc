package dev.fairshift.solver.optaplanner.internal;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.core.Violation;
import dev.fairshift.solver.PriorityStage;
import dev.fairshift.solver.optaplanner.OptaPlannerResult;
import dev.fairshift.solver.optaplanner.SolverStatistics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.optaplanner.core.api.score.ScoreExplanation;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.SolverFactory;

/**
 * One solve from problem to checked result: map, solve, read the schedule with reasons, check it
 * with the {@link Evaluator} (falling back when it breaks a rule), place more priority where greedy's
 * priority stage can ({@link PriorityStage}), explain its score and diagnose unmet quotas. Stateless
 * and thread-safe.
 */
public final class Solve {
  private Solve() {}

  private static void unschedule(PlanSolution solution, JobAssignment assignment) {
    assignment.setHub(null);
    if (assignment.job().interruptible()) {
      int first = assignment.job().firstJobSlotIndex();
      solution.getJobSlots().subList(first, first + assignment.job().durationSlots()).forEach(p -> p.setHub(null));
    }
  }

  /**
   * Solves {@code problem}.
   *
   * @param solverName the name written into the schedule
   * @param initial the schedule to start from, if any
   * @param settings termination, seed, threads and environment mode
   * @param fairnessGramsPerUnitSlot the fair-share scale
   * @param explanationLimit how many matches to keep per constraint
   */
  public static OptaPlannerResult run(String solverName, Problem problem, Optional<Schedule> initial,
      SolverRun.Settings settings, double fairnessGramsPerUnitSlot, int explanationLimit) {
    return run(solverName, problem, initial, settings, fairnessGramsPerUnitSlot, explanationLimit, SolveHooks.NONE);
  }

  /** Solves {@code problem} like {@link #run(String, Problem, Optional, SolverRun.Settings, double, int)}, observed and stoppable through {@code hooks}. */
  public static OptaPlannerResult run(String solverName, Problem problem, Optional<Schedule> initial,
      SolverRun.Settings settings, double fairnessGramsPerUnitSlot, int explanationLimit, SolveHooks hooks) {
    PlanBuilder.Plan plan = PlanBuilder.build(problem, fairnessGramsPerUnitSlot, initial);
    PlanSolution solution = plan.solution();
    SolverFactory<PlanSolution> factory = SolverRun.factory(settings, solution);
    SolverRun.Outcome outcome = solution.getAssignments().isEmpty()
        ? new SolverRun.Outcome(solution, Duration.ZERO, 0)
        : SolverRun.solve(factory, solution, hooks,
            best -> PlanBuilder.read(solverName, problem, best, plan.excluded(), Map.of()));

    List<JobAssignment> inserted = InsertionPass.run(outcome.best());
    Schedule unexplained = PlanBuilder.read(solverName, problem, outcome.best(), plan.excluded(), Map.of());
    Evaluation evaluation = Evaluator.evaluate(problem, unexplained);
    if (!evaluation.feasible() && !inserted.isEmpty()) {
      // The Evaluator has the last word: take the insertions back (the search's own rules apply below).
      inserted.forEach(a -> unschedule(outcome.best(), a));
      unexplained = PlanBuilder.read(solverName, problem, outcome.best(), plan.excluded(), Map.of());
    }
    Schedule schedule = PlanBuilder.read(solverName, problem, outcome.best(), plan.excluded(),
        Diagnostics.unscheduledReasons(problem, unexplained));
    evaluation = Evaluator.evaluate(problem, schedule);
    Optional<String> fallback = Optional.empty();
    PlanSolution explained = outcome.best();
    if (!evaluation.feasible()) {
      Violation first = evaluation.violations().get(0);
      String broken = "The solver's best schedule broke " + evaluation.violations().size()
          + " hard rule(s) per the Evaluator (first: " + first + ")";
      Optional<Schedule> warm = initial.map(s -> new Schedule(solverName, s.assignments(), s.unscheduled()))
          .filter(s -> Evaluator.evaluate(problem, s).feasible());
      if (warm.isPresent()) {
        schedule = warm.get();
        fallback = Optional.of(broken + "; the warm-start schedule is returned instead. Maybe raise the time limit.");
      } else {
        schedule = ScheduleRepair.repair(problem, schedule);
        fallback = Optional.of(broken + "; the jobs involved were unscheduled until none was broken. Maybe raise "
            + "the time limit or warm-start from the greedy schedule.");
      }
      evaluation = Evaluator.evaluate(problem, schedule);
      explained = PlanBuilder.build(problem, fairnessGramsPerUnitSlot, Optional.of(schedule)).solution();
    }
    if (fallback.isEmpty() && settings.scoreCalculationLimit().orElse(1) > 0) {
      // Greedy's priority stage on the best schedule: ejection chains place jobs that moving one or two
      // jobs at a time does not (congested hubs with no slack); kept only when it places more priority
      // and leaves no quota further short (PriorityStage's contract). Not with a score-calculation limit of zero
      // (that returns the schedule given, to explain it).
      Schedule traded = PriorityStage.improve(problem, schedule, solverName);
      if (traded != schedule) {
        Map<String, String> reasons = Diagnostics.unscheduledReasons(problem, traded);
        schedule = new Schedule(solverName, traded.assignments(), traded.unscheduled().stream()
            .map(u -> new Unscheduled(u.job(), reasons.getOrDefault(u.job(), u.reason()))).toList());
        evaluation = Evaluator.evaluate(problem, schedule);
        explained = PlanBuilder.build(problem, fairnessGramsPerUnitSlot, Optional.of(schedule)).solution();
      }
    }
    ScoreExplanation<PlanSolution, HardMediumSoftLongScore> explanation = SolverRun.explain(explained);
    return new OptaPlannerResult(schedule, Explanations.score(explanation.getScore()),
        Explanations.constraints(explanation, explained, explanationLimit),
        Diagnostics.quotaShortfalls(problem, schedule, evaluation), evaluation, fallback,
        new SolverStatistics(outcome.timeSpent(), outcome.scoreCalculationCount()));
  }
}
