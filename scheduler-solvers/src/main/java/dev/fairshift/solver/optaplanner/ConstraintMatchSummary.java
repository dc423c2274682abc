package dev.fairshift.solver.optaplanner;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One match of a constraint: what it costs and whom it concerns.
 *
 * @param impact its score impact on the constraint's level (negative: a penalty)
 * @param jobs the jobs concerned (for a hub and slot: the jobs running there)
 * @param tenant the tenant concerned, if it is about one tenant
 * @param hub the hub concerned, if it is about a hub and slot
 * @param slot the slot concerned, if it is about a hub and slot
 * @param description a sentence with the numbers
 */
public record ConstraintMatchSummary(
    long impact,
    List<String> jobs,
    Optional<String> tenant,
    Optional<String> hub,
    OptionalInt slot,
    String description) {

  public ConstraintMatchSummary {
    jobs = List.copyOf(jobs);
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(hub, "hub");
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(description, "description");
  }

  /** One line: subject, impact and description. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    hub.ifPresent(h -> s.append("hub ").append(h));
    slot.ifPresent(i -> s.append(" slot ").append(i));
    tenant.ifPresent(t -> s.append(s.length() > 0 ? " " : "").append("tenant ").append(t));
    if (!jobs.isEmpty()) {
      s.append(s.length() > 0 ? " " : "").append("jobs ").append(jobs);
    }
    return s + ": " + impact + " (" + description + ")";
  }
}
