package dev.fairshift.solver.optaplanner.internal;

import java.util.Objects;

/**
 * One job holding one hub in one slot: the element the per-(hub, slot) constraints group.
 *
 * @param hubSlot the hub and slot
 * @param job the job
 */
public record Occupancy(HubSlot hubSlot, JobFact job) {
  public Occupancy {
    Objects.requireNonNull(hubSlot, "hubSlot");
    Objects.requireNonNull(job, "job");
  }

  public int units() {
    return job.units();
  }

  public long itMicroWatts() {
    return job.itMicroWatts();
  }
}
