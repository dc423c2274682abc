package dev.fairshift.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything the {@link Evaluator} computes for one schedule of one problem. Every number in every
 * Fairshift report comes from here. Immutable and thread-safe.
 *
 * @param solver the schedule's solver name
 * @param basis the intensities the emissions use: {@link IntensityBasis#ACTUAL} ({@code gramsPerKwh})
 * @param energyKwh total facility energy of the placed jobs (IT energy x PUE), kWh
 * @param gridKwh grid energy after on-site renewables, kWh
 * @param renewableKwh on-site renewable energy used, kWh
 * @param transferKwh energy to move data for jobs placed away from their origin hub, kWh
 * @param emissionsGrams grid emissions plus transfer emissions, grams CO2e, on {@code basis}
 * @param transferEmissionsGrams the part of {@code emissionsGrams} due to data transfer
 * @param plannedEmissionsGrams the same schedule's emissions on the forecast intensities the solvers
 *     planned on, when the problem has a forecast; the difference to {@code emissionsGrams} is what
 *     forecast error cost
 * @param cost energy cost of grid energy plus the carbon price of the emissions, in the problem's currency
 * @param baselineEmissionsGrams the sum of the jobs' carbon-agnostic references
 *     ({@link JobResult#baselineEmissionsGrams()}) over placed jobs
 * @param jobs one result per job, in problem order
 * @param hubs one result per hub, in problem order
 * @param tenants one result per tenant, in problem order
 * @param jainIndex Jain's fairness index over the tenants' served fractions (scheduled over demanded
 *     unit-slots) of tenants with demand: 1 = all served alike, 1/n = one tenant served
 * @param violations every hard rule the schedule breaks, empty for a feasible schedule
 */
public record Evaluation(
    String solver,
    IntensityBasis basis,
    double energyKwh,
    double gridKwh,
    double renewableKwh,
    double transferKwh,
    double emissionsGrams,
    double transferEmissionsGrams,
    Optional<Double> plannedEmissionsGrams,
    double cost,
    double baselineEmissionsGrams,
    List<JobResult> jobs,
    List<HubResult> hubs,
    List<TenantResult> tenants,
    double jainIndex,
    List<Violation> violations) {

  public Evaluation {
    Objects.requireNonNull(solver, "solver");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(plannedEmissionsGrams, "plannedEmissionsGrams");
    jobs = List.copyOf(jobs);
    hubs = List.copyOf(hubs);
    tenants = List.copyOf(tenants);
    violations = List.copyOf(violations);
  }

  /** Whether the schedule breaks no hard rule. */
  public boolean feasible() {
    return violations.isEmpty();
  }

  /** Number of placed jobs. */
  public int scheduledJobs() {
    return (int) jobs.stream().filter(JobResult::scheduled).count();
  }

  /** Number of jobs left unscheduled. */
  public int unscheduledJobs() {
    return jobs.size() - scheduledJobs();
  }

  /** Emissions in kilograms CO2e. */
  public double emissionsKg() {
    return emissionsGrams / 1000.0;
  }

  /** On-site renewable energy over facility energy (0 when nothing runs). */
  public double renewableShare() {
    return energyKwh == 0 ? 0 : renewableKwh / energyKwh;
  }

  /** Whether every tenant's guarantee is met. */
  public boolean allQuotasMet() {
    return tenants.stream().allMatch(TenantResult::quotaMet);
  }

  /** Emissions per kWh of facility energy, grams CO2e per kWh (0 when nothing runs). */
  public double gramsPerKwh() {
    return energyKwh == 0 ? 0 : emissionsGrams / energyKwh;
  }

  /**
   * The fraction of {@code baseline}'s emissions this schedule saves: 0.25 means 25 % less. Both
   * evaluations must be of the same problem.
   */
  public double savingVersus(Evaluation baseline) {
    return baseline.emissionsGrams == 0 ? 0 : 1 - emissionsGrams / baseline.emissionsGrams;
  }

  /**
   * How far above a lower bound on emissions this schedule is, as a fraction of the bound: 0.1 means
   * it emits at most 10 % more than the best possible schedule. A bound on the emissions of every
   * feasible schedule that runs every job says nothing about one that breaks a rule or leaves a job
   * out, so the gap is empty then, and when the bound is infinite (no schedule runs every job). A
   * schedule at or below the bound has gap 0; a bound of 0 under positive emissions gives positive
   * infinity.
   *
   * @param lowerBoundGrams the bound, grams CO2e
   * @param basis which emissions to compare: {@link IntensityBasis#ACTUAL} uses
   *     {@link #emissionsGrams()}, {@link IntensityBasis#FORECAST} {@link #plannedEmissionsGrams()}
   *     (or the actual ones when the problem has no forecast)
   */
  public OptionalDouble gapAbove(double lowerBoundGrams, IntensityBasis basis) {
    if (!feasible() || unscheduledJobs() > 0 || Double.isNaN(lowerBoundGrams) || Double.isInfinite(lowerBoundGrams)) {
      return OptionalDouble.empty();
    }
    double grams = basis == IntensityBasis.ACTUAL ? emissionsGrams : plannedEmissionsGrams.orElse(emissionsGrams);
    if (grams <= lowerBoundGrams) {
      return OptionalDouble.of(0.0);
    }
    if (lowerBoundGrams <= 0) {
      return OptionalDouble.of(Double.POSITIVE_INFINITY);
    }
    return OptionalDouble.of((grams - lowerBoundGrams) / lowerBoundGrams);
  }

  /** {@link #gapAbove(double, IntensityBasis)} on actual emissions. */
  public OptionalDouble gapAbove(double lowerBoundGrams) {
    return gapAbove(lowerBoundGrams, IntensityBasis.ACTUAL);
  }

  /** The result of job {@code jobId}. */
  public JobResult job(String jobId) {
    return jobs.stream().filter(j -> j.job().equals(jobId)).findFirst()
        .orElseThrow(() -> new java.util.NoSuchElementException("No job '" + jobId + "' in the evaluation."));
  }

  /** The result of tenant {@code tenantId}. */
  public TenantResult tenant(String tenantId) {
    return tenants.stream().filter(t -> t.tenant().equals(tenantId)).findFirst()
        .orElseThrow(() -> new java.util.NoSuchElementException("No tenant '" + tenantId + "' in the evaluation."));
  }
}
