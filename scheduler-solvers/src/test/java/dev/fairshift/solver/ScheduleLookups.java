package dev.fairshift.solver;

import dev.fairshift.core.Schedule;
import dev.fairshift.core.Unscheduled;
import java.util.List;

/** Reading one job's outcome from a schedule, for the scheduler tests. */
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
}
