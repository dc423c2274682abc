package dev.fairshift.solver;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.TenantResult;
import dev.fairshift.core.TenantWindowResult;
import java.util.List;
import java.util.Objects;

/**
 * The priority stage greedy ends with, for a schedule from any solver: jobs left out get room by
 * ejection chains (the jobs in their way moved elsewhere, up to three levels deep) and, on small
 * problems, by a ruin-and-recreate and a packing search; then every job still out that fits is put
 * in. OptaPlanner runs it on its best schedule, where moving one or two jobs at a time stalls on
 * congested hubs with no slack.
 *
 * <p>The contract: the schedule returned is the one given unless the new one places more priority
 * (the sum of the placed jobs' priorities), breaks no hard rule (the {@link Evaluator}), and leaves
 * no tenant's fairness window further below its guarantee than it was. Emissions may rise: placing
 * priority comes first. Work is counted, not timed, so the same input gives the same schedule; above
 * 2,000 jobs the schedule is returned as it is. Stateless and thread-safe.
 */
public final class PriorityStage {
  private static final double EPS = 1e-9;

  private PriorityStage() {}

  /**
   * {@code schedule} with more priority placed, or {@code schedule} itself.
   *
   * @param solver the solver name the returned schedule carries
   */
  public static Schedule improve(Problem problem, Schedule schedule, String solver) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(solver, "solver");
    if (schedule.unscheduled().isEmpty()) {
      return schedule;
    }
    Evaluation before = Evaluator.evaluate(problem, schedule);
    if (!before.feasible()) {
      return schedule;
    }
    Schedule traded = PriorityTrades.improve(problem, schedule, solver);
    if (traded == schedule || placedPriority(problem, traded) <= placedPriority(problem, schedule)) {
      return schedule;
    }
    Evaluation after = Evaluator.evaluate(problem, traded);
    if (!after.feasible() || !noShortfallGrows(before, after)) {
      return schedule;
    }
    return traded;
  }

  /** The sum of the placed jobs' priorities. */
  static long placedPriority(Problem problem, Schedule schedule) {
    long sum = 0;
    for (Assignment a : schedule.assignments()) {
      sum += problem.job(a.job()).priority();
    }
    return sum;
  }

  /** Whether no tenant's fairness window is further below its guarantee after than before. */
  private static boolean noShortfallGrows(Evaluation before, Evaluation after) {
    List<TenantResult> b = before.tenants();
    List<TenantResult> a = after.tenants();
    for (int t = 0; t < b.size(); t++) {
      List<TenantWindowResult> bw = b.get(t).windows();
      List<TenantWindowResult> aw = a.get(t).windows();
      for (int w = 0; w < bw.size(); w++) {
        if (shortfall(aw.get(w)) > shortfall(bw.get(w)) + EPS) {
          return false;
        }
      }
    }
    return true;
  }

  private static double shortfall(TenantWindowResult w) {
    return Math.max(0, w.guaranteedUnitSlots() - w.scheduledUnitSlots());
  }
}
