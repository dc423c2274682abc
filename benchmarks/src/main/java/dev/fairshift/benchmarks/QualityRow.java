package dev.fairshift.benchmarks;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One line of the quality results: one solver on one scenario, measured by the
 * {@link dev.fairshift.core.Evaluator}. Immutable and thread-safe.
 *
 * @param scenario the scenario name
 * @param season the season of the week (winter, spring, summer, autumn)
 * @param slackHours the jobs' slack, hours
 * @param jobs jobs in the scenario
 * @param hubs hubs in the scenario
 * @param solver the solver label
 * @param scheduledJobs jobs the solver placed
 * @param emissionsKg emissions of the schedule, kg CO2e (actual intensities)
 * @param savedPercent emissions saved versus the ASAP baseline on the same scenario, percent
 * @param gapPercent how far the emissions are above the lower bound, percent of the bound; empty when
 *     there is no bound
 * @param quotasMet tenants with a guarantee whose quota is met
 * @param quotas tenants with a guarantee
 * @param jainIndex Jain's fairness index over the tenants' served fractions (1 = perfectly even)
 * @param waitP95Hours 95th-percentile wait (start minus release) over all placed jobs, hours
 * @param wallMillis the solver's wall time, milliseconds
 * @param feasible whether the schedule keeps every hard rule
 * @param lowerBoundKg Fairshift's lower bound on the scenario's emissions ({@code LowerBound}), kg CO2e;
 *     empty when there is no bound
 * @param ownBoundKg the solver's own proven lower bound on every schedule that runs every job, kg CO2e
 *     (the CP-SAT referee's {@code bestObjectiveBound}); empty for solvers without one, or when its
 *     schedule leaves a job out
 * @param status the solver's own verdict when it gives one (CP-SAT: {@code OPTIMAL}, {@code FEASIBLE},
 *     ...), else empty
 */
public record QualityRow(
    String scenario,
    String season,
    int slackHours,
    int jobs,
    int hubs,
    String solver,
    int scheduledJobs,
    double emissionsKg,
    double savedPercent,
    OptionalDouble gapPercent,
    int quotasMet,
    int quotas,
    double jainIndex,
    double waitP95Hours,
    double wallMillis,
    boolean feasible,
    OptionalDouble lowerBoundKg,
    OptionalDouble ownBoundKg,
    Optional<String> status) {

  public QualityRow {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(season, "season");
    Objects.requireNonNull(solver, "solver");
    Objects.requireNonNull(gapPercent, "gapPercent");
    Objects.requireNonNull(lowerBoundKg, "lowerBoundKg");
    Objects.requireNonNull(ownBoundKg, "ownBoundKg");
    Objects.requireNonNull(status, "status");
  }

  /**
   * How much higher the solver's own bound is than Fairshift's lower bound, percent of the latter
   * (positive: the own bound is tighter); empty unless both are present and the latter is positive.
   */
  public OptionalDouble ownBoundAboveLowerBoundPercent() {
    if (ownBoundKg.isEmpty() || lowerBoundKg.isEmpty() || !(lowerBoundKg.getAsDouble() > 0)) {
      return OptionalDouble.empty();
    }
    double lower = lowerBoundKg.getAsDouble();
    return OptionalDouble.of(100 * (ownBoundKg.getAsDouble() - lower) / lower);
  }
}
