package dev.fairshift.transparency;

import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import java.util.Objects;

/**
 * A schedule as it is published: the problem and the schedule of it (the current plan, or what
 * actually ran).
 *
 * @param problem the problem
 * @param schedule a schedule of it
 */
public record Published(Problem problem, Schedule schedule) {
  public Published {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(schedule, "schedule");
  }

  /** The pair. */
  public static Published of(Problem problem, Schedule schedule) {
    return new Published(problem, schedule);
  }
}
