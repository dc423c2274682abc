package dev.fairshift.solver;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Unscheduled;
import java.util.ArrayList;
import java.util.List;

/** Reading one job's outcome from a schedule, and hand-made schedules, for the scheduler tests. */
final class ScheduleLookups {
  private ScheduleLookups() {}

  /** The slots job {@code job} was assigned; fails if it was not placed. */
  static List<Integer> slots(Schedule schedule, String job) {
    return schedule.assignment(job).orElseThrow().slots();
  }

  /** The hub job {@code job} was assigned; fails if it was not placed. */
  static String hub(Schedule schedule, String job) {
    return schedule.assignment(job).orElseThrow().hub();
  }

  /** Why job {@code job} was left out; fails if it was placed. */
  static String reason(Schedule schedule, String job) {
    return schedule.unscheduled().stream().filter(u -> u.job().equals(job)).map(Unscheduled::reason)
        .findFirst().orElseThrow();
  }

  /** A schedule by {@code solver} with the given assignments, every other job left out. */
  static Schedule handPlan(Problem p, String solver, Assignment... assignments) {
    List<Unscheduled> out = new ArrayList<>();
    for (Job j : p.jobs()) {
      if (List.of(assignments).stream().noneMatch(a -> a.job().equals(j.id()))) {
        out.add(new Unscheduled(j.id(), "left out by hand"));
      }
    }
    return new Schedule(solver, List.of(assignments), out);
  }

  /** The sum of the placed jobs' priorities. */
  static long placedPriority(Problem p, Schedule s) {
    return s.assignments().stream().mapToLong(a -> p.job(a.job()).priority()).sum();
  }
}
