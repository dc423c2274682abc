package dev.fairshift.solver.bound;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.IntensityBasis;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A lower bound on the emissions of every feasible schedule that runs every job of a problem.
 *
 * <p>It says nothing about schedules that leave jobs out: they emit less simply by running less.
 * So a schedule's gap to the bound ({@link #gapTo(Evaluation)}) is only defined when the schedule
 * is feasible and runs every job.
 *
 * @param gramsCo2e the bound in grams CO2e (data transfer included); positive infinity when no
 *     feasible schedule runs every job
 * @param method how it was computed
 * @param basis the intensities it is on: {@link IntensityBasis#ACTUAL} compares with
 *     {@link Evaluation#emissionsGrams()}, {@link IntensityBasis#FORECAST} with
 *     {@link Evaluation#plannedEmissionsGrams()}
 * @param detail the size of the relaxation or the reason it is infeasible, for reports
 */
public record EmissionsBound(double gramsCo2e, BoundMethod method, IntensityBasis basis, String detail) {
  public EmissionsBound {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(detail, "detail");
  }

  /** Whether some feasible schedule may run every job (the bound is finite). */
  public boolean everyJobCanRun() {
    return gramsCo2e != Double.POSITIVE_INFINITY;
  }

  /**
   * How far above the bound {@code evaluation}'s emissions are, as a fraction of the bound: 0.1 means
   * the schedule emits at most 10 % more than the best possible one. Empty when the schedule breaks
   * a hard rule or leaves a job out; 0 when it emits nothing.
   */
  public OptionalDouble gapTo(Evaluation evaluation) {
    return everyJobCanRun() ? evaluation.gapAbove(gramsCo2e, basis) : OptionalDouble.empty();
  }

}
