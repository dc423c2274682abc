package dev.fairshift.integrations;

import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import java.time.Instant;
import java.util.Objects;

/**
 * A schedule the planning loop publishes, with the problem it is a schedule of: the current plan
 * ({@link PlanningLoop#currentPlan()}) or what the engine actually ran ({@link PlanningLoop#whatRan()}).
 * Hand it to the transparency page as {@code Published.of(s.problem(), s.schedule())}.
 *
 * @param at the instant of the pass that made it
 * @param problem the problem: for the plan, the held jobs on the configured hubs over the horizon; for what
 *     ran, the jobs that started in the lookback window, each with its earliest start as its release
 * @param schedule the plan (solver {@code greedy} or {@code optaplanner}), or what ran (solver
 *     {@value PlanningLoop#RAN_SOLVER}: each job at the hub and the slot the engine started it)
 */
public record LoopSchedule(Instant at, Problem problem, Schedule schedule) {
  public LoopSchedule {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(schedule, "schedule");
  }
}
