package dev.fairshift.solver.bound;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.IntensityBasis;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A lower bound on the emissions of a set of schedules, saying which ({@link #scope()}).
 *
 * <ul>
 *   <li>{@link LowerBound#of(dev.fairshift.core.Problem)}: every feasible schedule that runs every job
 *       ({@link BoundScope#EVERY_JOB_UNPROVEN}: whether one exists is not known), or
 *       {@link BoundScope#NO_SCHEDULE_RUNS_EVERY_JOB} when it is proven that none does;
 *   <li>{@link LowerBound#forSchedule}: the bound that applies to a given schedule: on every schedule that
 *       runs every job when it runs every job ({@link BoundScope#EVERY_JOB_PROVEN}), else on every
 *       schedule that runs at least the jobs it places ({@link BoundScope#PLACED_JOBS}), or
 *       {@link BoundScope#NONE} when it breaks a rule.
 * </ul>
 * A schedule's gap ({@link #gapTo(Evaluation)}) is only given where the bound applies to it.
 *
 * @param gramsCo2e the bound in grams CO2e (data transfer included); positive infinity when no
 *     feasible schedule runs every job; NaN when no bound applies ({@link BoundScope#NONE})
 * @param method how it was computed
 * @param basis the intensities it is on: {@link IntensityBasis#ACTUAL} compares with
 *     {@link Evaluation#emissionsGrams()}, {@link IntensityBasis#FORECAST} with
 *     {@link Evaluation#plannedEmissionsGrams()}
 * @param detail the size of the relaxation or the reason it is infeasible, for reports
 * @param scope which schedules it bounds
 * @param boundedJobs how many jobs the bounded schedules run at least (all of the problem's, or the
 *     placed ones for {@link BoundScope#PLACED_JOBS})
 * @param time how long computing it took
 */
public record EmissionsBound(double gramsCo2e, BoundMethod method, IntensityBasis basis, String detail,
    BoundScope scope, int boundedJobs, Duration time) {
  public EmissionsBound {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(time, "time");
  }

  /**
   * Whether it is known that a feasible schedule runs every job: only when the bound was computed for
   * such a schedule ({@link BoundScope#EVERY_JOB_PROVEN}).
   */
  public boolean everyJobCanRun() {
    return scope == BoundScope.EVERY_JOB_PROVEN;
  }

  /** Whether the bound is a finite number that applies to some schedules (a value to print). */
  public boolean hasValue() {
    return Double.isFinite(gramsCo2e);
  }

  /**
   * How far above the bound {@code evaluation}'s emissions are, as a fraction of the bound: 0.1 means
   * the schedule emits at most 10 % more than the best schedule of the bound's scope. Empty when the
   * bound does not apply to it: it breaks a hard rule, or it leaves a job out of a bound on schedules
   * that run every job, or it places other jobs than a {@link BoundScope#PLACED_JOBS} bound's.
   * Positive infinity when the bound is 0 and the schedule emits.
   */
  public OptionalDouble gapTo(Evaluation evaluation) {
    if (!hasValue() || !evaluation.feasible()) {
      return OptionalDouble.empty();
    }
    if (scope == BoundScope.PLACED_JOBS) {
      if (evaluation.scheduledJobs() < boundedJobs) {
        return OptionalDouble.empty();
      }
      double grams = basis == IntensityBasis.ACTUAL ? evaluation.emissionsGrams()
          : evaluation.plannedEmissionsGrams().orElse(evaluation.emissionsGrams());
      if (grams <= gramsCo2e) {
        return OptionalDouble.of(0.0);
      }
      return gramsCo2e <= 0 ? OptionalDouble.of(Double.POSITIVE_INFINITY)
          : OptionalDouble.of((grams - gramsCo2e) / gramsCo2e);
    }
    return evaluation.gapAbove(gramsCo2e, basis);
  }

  /** One sentence for reports: value, scope, method and time. */
  public String describe() {
    String value = String.format(Locale.ROOT, "%.1f kg CO2e", gramsCo2e / 1000);
    String what = switch (scope) {
      case EVERY_JOB_PROVEN -> "on every feasible schedule that runs every job (this one does)";
      case EVERY_JOB_UNPROVEN -> "on every feasible schedule that runs every job (whether one exists is not proven)";
      case PLACED_JOBS -> "on every feasible schedule that runs at least the " + boundedJobs
          + " jobs this one places (it leaves jobs out; no bound on running every job is claimed)";
      case NO_SCHEDULE_RUNS_EVERY_JOB -> "no feasible schedule runs every job";
      case NONE -> "no bound applies (the schedule breaks a hard rule)";
    };
    return (hasValue() ? "Lower bound " + value + " " : "No lower bound: ") + what + "; " + method.name().toLowerCase(Locale.ROOT).replace('_', ' ')
        + ", " + detail + ", " + time.toMillis() + " ms";
  }
}
