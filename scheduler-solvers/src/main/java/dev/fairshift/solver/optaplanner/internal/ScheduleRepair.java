package dev.fairshift.solver.optaplanner.internal;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.TenantResult;
import dev.fairshift.core.TenantWindowResult;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.core.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes a schedule feasible per the {@link Evaluator} by unscheduling jobs, the last resort when a
 * solver's schedule breaks a rule: for a violation about a job, that job; for a hub and slot, or a
 * tenant over its maxShare, its job of lowest priority (then most units, then id), for a tenant among
 * those running in a fairness window over the cap. Repeats until no violation is left,
 * which takes at most one round per job. Stateless and thread-safe.
 */
public final class ScheduleRepair {
  private ScheduleRepair() {}

  /** {@code schedule} with as few jobs unscheduled as this rule needs to break no hard rule. */
  public static Schedule repair(Problem problem, Schedule schedule) {
    Schedule current = complete(problem, schedule);
    for (int round = 0; round <= problem.jobs().size(); round++) {
      Evaluation evaluation = Evaluator.evaluate(problem, current);
      if (evaluation.feasible()) {
        return current;
      }
      Set<String> drop = new LinkedHashSet<>();
      for (Violation v : evaluation.violations()) {
        culprit(problem, current, evaluation, v).ifPresent(job -> drop.add(job));
      }
      if (drop.isEmpty()) {
        break;
      }
      Map<String, Assignment> kept = new LinkedHashMap<>();
      current.assignments().forEach(a -> kept.put(a.job(), a));
      List<Unscheduled> unscheduled = new ArrayList<>(current.unscheduled());
      for (String job : drop) {
        if (kept.remove(job) != null && problem.hasJob(job)) {
          unscheduled.add(new Unscheduled(job, "Job '" + job + "' was removed from the solver's schedule, which "
              + "broke a hard rule there; see the fallback note. Maybe raise the time limit."));
        }
      }
      current = new Schedule(current.solver(), List.copyOf(kept.values()), unscheduled);
    }
    // Only unknown or repeated entries can remain; keep nothing but the problem's jobs, unscheduled.
    List<Unscheduled> all = new ArrayList<>();
    for (Job job : problem.jobs()) {
      all.add(new Unscheduled(job.id(), "Job '" + job.id() + "' could not be placed without breaking a hard rule."));
    }
    return new Schedule(current.solver(), List.of(), all);
  }

  /** Adds every job missing from the schedule as unscheduled. */
  private static Schedule complete(Problem problem, Schedule schedule) {
    Set<String> listed = new LinkedHashSet<>();
    schedule.assignments().forEach(a -> listed.add(a.job()));
    schedule.unscheduled().forEach(u -> listed.add(u.job()));
    List<Unscheduled> unscheduled = new ArrayList<>(schedule.unscheduled());
    for (Job job : problem.jobs()) {
      if (!listed.contains(job.id())) {
        unscheduled.add(new Unscheduled(job.id(), "Job '" + job.id() + "' was missing from the schedule."));
      }
    }
    return new Schedule(schedule.solver(), schedule.assignments(), unscheduled);
  }

  /** Whether assignment {@code a} runs in a fairness window where its tenant is over its maxShare. */
  private static boolean runsInWindowOverCap(TenantResult tenant, Assignment a) {
    return tenant.windows().stream().filter(TenantWindowResult::overMaxShare)
        .anyMatch(w -> a.slots().stream().anyMatch(w.window()::contains));
  }

  private static Optional<String> culprit(Problem problem, Schedule schedule, Evaluation evaluation, Violation v) {
    Comparator<Job> leastImportant = Comparator.comparingInt(Job::priority)
        .thenComparing(Comparator.comparingInt(Job::units).reversed())
        .thenComparing(Job::id);
    return switch (v.rule()) {
      case CAPACITY, POWER_CAP -> schedule.assignments().stream()
          .filter(a -> problem.hasJob(a.job()) && a.hub().equals(v.subject()) && a.slots().contains(v.slot()))
          .map(a -> problem.job(a.job()))
          .min(leastImportant)
          .map(Job::id);
      case MAX_SHARE -> schedule.assignments().stream()
          .filter(a -> problem.hasJob(a.job()))
          .filter(a -> problem.job(a.job()).tenant().equals(v.subject()))
          .filter(a -> runsInWindowOverCap(evaluation.tenant(v.subject()), a))
          .map(a -> problem.job(a.job()))
          .min(leastImportant)
          .map(Job::id);
      default -> schedule.assignment(v.subject()).map(Assignment::job);
    };
  }
}
