package dev.fairshift.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one job got and what it cost, per the {@link Evaluator}'s accounting.
 *
 * @param job the job id
 * @param tenant its tenant id
 * @param hub where it runs, or empty when unscheduled
 * @param start the start of its first slot, or empty when unscheduled
 * @param end the end of its last slot, or empty when unscheduled
 * @param waitTime its start minus its release (zero when it starts at release), or empty when unscheduled
 * @param energyKwh facility energy of its run: powerKw x slot hours x PUE, per slot
 * @param gridKwh its share of the hub's grid energy, after on-site renewables
 * @param emissionsGrams its share of grid emissions plus its own transfer emissions, grams CO2e
 * @param transferKwh energy to move its data away from its origin hub (0 when not moved)
 * @param cost its share of energy cost plus the carbon price of its emissions
 * @param baselineEmissionsGrams the carbon-agnostic reference for this job: what it alone would emit
 *     on grid power running contiguously from its release (rounded up to a slot) in its origin hub,
 *     or, without an origin, in the hub it was assigned (the first allowed hub when unscheduled)
 */
public record JobResult(
    String job,
    String tenant,
    Optional<String> hub,
    Optional<Instant> start,
    Optional<Instant> end,
    Optional<Duration> waitTime,
    double energyKwh,
    double gridKwh,
    double emissionsGrams,
    double transferKwh,
    double cost,
    double baselineEmissionsGrams) {

  public JobResult {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(hub, "hub");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(waitTime, "waitTime");
  }

  /** Whether the job was placed. */
  public boolean scheduled() {
    return hub.isPresent();
  }
}
