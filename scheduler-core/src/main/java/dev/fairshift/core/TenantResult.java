package dev.fairshift.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one tenant got: the transparency the fairness rules promise.
 *
 * @param tenant the tenant id
 * @param tenantClass its class (newcomer, civic, ...)
 * @param jobs how many jobs it submitted
 * @param scheduledJobs how many were placed
 * @param demandedUnitSlots the unit-slots all its jobs ask for
 * @param scheduledUnitSlots the unit-slots its placed jobs hold
 * @param shareOfCapacity scheduled unit-slots over the total capacity of all hubs over the horizon
 * @param shareOfScheduled scheduled unit-slots over all scheduled unit-slots (0 when nothing runs)
 * @param guaranteedUnitSlots what its guarantee entitles it to: the sum over its fairness windows of
 *     min(demand released in the window, guaranteedShare x the window's capacity); with one window (no
 *     {@code fairnessWindowSlots}) that is min(demand, guaranteedShare x total capacity)
 * @param quotaMet whether its guarantee is met in every fairness window (always true without one);
 *     with one window: whether scheduled unit-slots reach the guarantee
 * @param maxUnitSlots what its maxShare allows over the horizon: maxShare x total capacity (the sum
 *     of the windows' caps)
 * @param waitP50 median wait (start minus release) of its placed jobs, empty when none was placed
 * @param waitP95 95th-percentile wait (nearest rank), empty when none was placed
 * @param emissionsGrams emissions of its jobs, grams CO2e
 * @param windows its fairness windows in order, with the guarantee and cap of each; one window, the
 *     whole horizon, for a tenant without {@code fairnessWindowSlots}
 */
public record TenantResult(
    String tenant,
    String tenantClass,
    int jobs,
    int scheduledJobs,
    long demandedUnitSlots,
    long scheduledUnitSlots,
    double shareOfCapacity,
    double shareOfScheduled,
    double guaranteedUnitSlots,
    boolean quotaMet,
    double maxUnitSlots,
    Optional<Duration> waitP50,
    Optional<Duration> waitP95,
    double emissionsGrams,
    List<TenantWindowResult> windows) {

  public TenantResult {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(tenantClass, "tenantClass");
    Objects.requireNonNull(waitP50, "waitP50");
    Objects.requireNonNull(waitP95, "waitP95");
    windows = List.copyOf(windows);
  }

  /** Whether its shares are measured in more than one fairness window (not just the whole horizon). */
  public boolean hasFairnessWindows() {
    return windows.size() > 1;
  }

  /** The windows whose guarantee is not met, in order (empty when {@link #quotaMet()}). */
  public List<TenantWindowResult> unmetWindows() {
    return windows.stream().filter(w -> !w.quotaMet()).toList();
  }

  /** Placed jobs over submitted jobs (1 for a tenant with no jobs). */
  public double acceptanceRate() {
    return jobs == 0 ? 1.0 : (double) scheduledJobs / jobs;
  }

  /** Placed unit-slots over demanded unit-slots (1 for a tenant with no demand). */
  public double servedFraction() {
    return demandedUnitSlots == 0 ? 1.0 : (double) scheduledUnitSlots / demandedUnitSlots;
  }
}
