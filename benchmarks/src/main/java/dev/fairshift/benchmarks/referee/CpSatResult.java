package dev.fairshift.benchmarks.referee;

import dev.fairshift.core.Schedule;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What one {@link CpSatReferee#solve} produced. Emissions are on the intensities solvers plan on
 * (the forecast when the problem has one, else {@code gramsPerKwh}), in grams CO2e, grid plus data
 * transfer, exactly as the {@link dev.fairshift.core.Evaluator} accounts them up to
 * {@link #roundingGrams()}. Immutable and thread-safe.
 *
 * @param schedule the schedule (solver name {@code cp-sat}); every job once, assigned or unscheduled
 *     with a reason
 * @param status how the solve ended
 * @param objectiveGrams the model's emissions of {@link #schedule()} (CP-SAT's objective with each
 *     hub-slot's grid energy at its least): its planning emissions within {@code roundingGrams}; empty
 *     without a schedule
 * @param bestBoundGrams CP-SAT's own proven lower bound ({@code CpSolver.bestObjectiveBound()}) minus
 *     {@code roundingGrams}, at least 0: no schedule that meets every hard rule and guaranteed quota and
 *     places at least {@link #placedPriority()} priority emits less on the planning intensities. When
 *     the schedule places every job this is a bound on every schedule that runs every job, like
 *     {@code LowerBound}. Empty when there is no schedule, or when CP-SAT stopped before its search
 *     began (in presolve) and returned the hint
 * @param roundingGrams how far the model's emissions of any schedule it allows can be from the exact
 *     planning emissions, from rounding emissions to the objective unit (at most about a milligram per
 *     job) and, where hubs have renewables, energy to milliwatt-hours
 * @param hintGrams the model's emissions of the greedy hint when it was used and meets every rule and
 *     quota of the model, else empty; {@link #objectiveGrams()} is never above it when both place the
 *     same priority
 * @param placedPriority the sum of the placed jobs' priorities
 * @param priorityProven whether no schedule meeting every hard rule and quota places more priority
 *     (always true when the schedule places every job)
 * @param size the model's size
 * @param solveTime the time CP-SAT ran, over both stages (model building and the hint excluded)
 * @param detail one line for reports: status, size, times, objective, bound and hint
 */
public record CpSatResult(
    Schedule schedule,
    CpSatStatus status,
    OptionalDouble objectiveGrams,
    OptionalDouble bestBoundGrams,
    double roundingGrams,
    OptionalDouble hintGrams,
    long placedPriority,
    boolean priorityProven,
    ModelSize size,
    Duration solveTime,
    String detail) {

  public CpSatResult {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(objectiveGrams, "objectiveGrams");
    Objects.requireNonNull(bestBoundGrams, "bestBoundGrams");
    Objects.requireNonNull(hintGrams, "hintGrams");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(solveTime, "solveTime");
    Objects.requireNonNull(detail, "detail");
  }

  /** Whether the solve produced a schedule ({@link CpSatStatus#OPTIMAL} or {@link CpSatStatus#FEASIBLE}). */
  public boolean hasSolution() {
    return status == CpSatStatus.OPTIMAL || status == CpSatStatus.FEASIBLE;
  }

  /**
   * CP-SAT's bound when it applies to every schedule that runs every job (the schedule places every
   * job), comparable with {@code LowerBound.of(problem)} on a problem without forecasts; else empty.
   */
  public OptionalDouble everyJobBoundGrams() {
    return schedule.unscheduled().isEmpty() && hasSolution() ? bestBoundGrams : OptionalDouble.empty();
  }
}
