package dev.fairshift.solver.optaplanner.internal;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.core.Violation;
import dev.fairshift.solver.optaplanner.OptaPlannerResult;
import dev.fairshift.solver.optaplanner.SolverStatistics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.optaplanner.core.api.score.ScoreExplanation;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.SolverFactory;

/**
 * Reads a re-planning session's best solution into a checked result, as {@link Solve} does for one
 * solve: the schedule, with every job left out that fits as it stands put in by {@link InsertionPass}
 * (on a copy), with a reason for every unscheduled job (including those that can no longer run),
 * checked by the {@link Evaluator} against the session's problem and repaired should it break a
 * rule, its score explained. Also recomputes a solution's score from scratch, to catch an
 * incremental score that a problem change corrupted. Stateless and thread-safe.
 */
public final class SessionResults {
  private SessionResults() {}

  /** The result for {@code solution}, a solution of {@code view}. */
  public static OptaPlannerResult read(String solverName, PlanningView view, PlanSolution solution,
      double fairnessGramsPerUnitSlot, int explanationLimit,
      SolverStatistics statistics) {
    Problem problem = view.problem();
    Problem planning = view.planning();
    Schedule unexplained = PlanBuilder.read(solverName, planning, solution, List.of(), Map.of());
    if (!unexplained.unscheduled().isEmpty()) {
      // The last insertion pass, on a copy: the session's best solution stays as the solver left it.
      PlanSolution copy = PlanBuilder.build(planning, fairnessGramsPerUnitSlot, Optional.of(unexplained)).solution();
      if (!InsertionPass.run(copy).isEmpty()) {
        Schedule inserted = PlanBuilder.read(solverName, planning, copy, List.of(), Map.of());
        boolean othersKept = inserted.assignments().containsAll(unexplained.assignments());
        if (othersKept && Evaluator.evaluate(problem, inProblemOrder(solverName, problem, inserted, view.expired()))
            .feasible()) {
          solution = copy;
          unexplained = inserted;
        }
      }
    }
    Schedule planned = PlanBuilder.read(solverName, planning, solution, List.of(),
        Diagnostics.unscheduledReasons(planning, unexplained));
    Schedule schedule = inProblemOrder(solverName, problem, planned, view.expired());
    Evaluation evaluation = Evaluator.evaluate(problem, schedule);
    Optional<String> fallback = Optional.empty();
    if (!evaluation.feasible()) {
      Violation first = evaluation.violations().get(0);
      schedule = ScheduleRepair.repair(problem, schedule);
      fallback = Optional.of("The solver's best schedule broke " + evaluation.violations().size()
          + " hard rule(s) per the Evaluator (first: " + first + "); the jobs involved were unscheduled until none "
          + "was broken. Maybe raise the time limit.");
      evaluation = Evaluator.evaluate(problem, schedule);
    }
    PlanSolution explained = PlanBuilder.build(planning, fairnessGramsPerUnitSlot, Optional.of(schedule)).solution();
    ScoreExplanation<PlanSolution, HardMediumSoftLongScore> explanation = SolverRun.explain(explained);
    return new OptaPlannerResult(schedule, Explanations.score(explanation.getScore()),
        Explanations.constraints(explanation, explained, explanationLimit),
        Diagnostics.quotaShortfalls(problem, schedule, evaluation), evaluation, fallback, statistics);
  }

  /** {@code planned} plus the expired jobs as unscheduled, both lists in the problem's job order. */
  private static Schedule inProblemOrder(String solverName, Problem problem, Schedule planned,
      Map<String, String> expired) {
    Map<String, Assignment> assigned = new HashMap<>();
    planned.assignments().forEach(a -> assigned.put(a.job(), a));
    Map<String, Unscheduled> left = new HashMap<>();
    planned.unscheduled().forEach(u -> left.put(u.job(), u));
    expired.forEach((job, reason) -> left.put(job, new Unscheduled(job, reason)));
    List<Assignment> assignments = new ArrayList<>();
    List<Unscheduled> unscheduled = new ArrayList<>();
    for (Job job : problem.jobs()) {
      Assignment a = assigned.get(job.id());
      if (a != null) {
        assignments.add(a);
      } else {
        unscheduled.add(left.getOrDefault(job.id(), new Unscheduled(job.id(), "Job '" + job.id()
            + "' was not planned yet.")));
      }
    }
    return new Schedule(solverName, assignments, unscheduled);
  }

  /**
   * {@code solution}'s score computed from scratch on a copy (the solution itself is not touched),
   * to compare with the score the solver reached incrementally.
   */
  public static HardMediumSoftLongScore scoreFromScratch(SolverFactory<PlanSolution> factory, PlanSolution solution) {
    List<JobAssignment> assignments = new ArrayList<>();
    for (JobAssignment a : solution.getAssignments()) {
      JobAssignment copy = new JobAssignment(a.job(), a.getHub(), a.getStart());
      copy.setPinned(a.isPinned());
      assignments.add(copy);
    }
    List<JobSlot> slots = new ArrayList<>();
    for (JobSlot part : solution.getJobSlots()) {
      JobSlot copy = new JobSlot(part.job(), part.part(), part.getHub(), part.getSlot());
      copy.setPinned(part.isPinned());
      slots.add(copy);
    }
    PlanSolution copy = new PlanSolution(solution.getContext(), new ArrayList<>(solution.getHubs()),
        new ArrayList<>(solution.getTenants()), new ArrayList<>(solution.getJobs()), assignments, slots);
    SolutionManager<PlanSolution, HardMediumSoftLongScore> manager = SolutionManager.create(factory);
    return manager.update(copy);
  }
}
