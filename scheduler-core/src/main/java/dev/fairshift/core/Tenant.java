package dev.fairshift.core;

import java.util.Objects;

/**
 * Who submits jobs, and what the hubs owe them.
 *
 * <p>Shares are fractions of the total capacity over the horizon, in unit-slots (the sum over hubs
 * and slots of {@code capacityUnits}).
 *
 * @param id unique tenant id
 * @param tenantClass free-form class, e.g. {@code newcomer}, {@code civic}, {@code research},
 *     {@code commercial} (JSON field {@code class})
 * @param guaranteedShare fraction of total capacity guaranteed to this tenant when it has the demand
 *     (0 = none)
 * @param maxShare fraction of total capacity this tenant may never exceed (1 = no cap)
 * @param weight weight in the fair share of what remains after guarantees (default 1)
 */
public record Tenant(String id, String tenantClass, double guaranteedShare, double maxShare, double weight) {

  public Tenant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantClass, "tenantClass");
  }

  /** A tenant of the given class with no guarantee, no cap and weight 1. */
  public static Tenant of(String id, String tenantClass) {
    return new Tenant(id, tenantClass, 0.0, 1.0, 1.0);
  }

  /** A copy with a guaranteed share of capacity. */
  public Tenant withGuaranteedShare(double share) {
    return new Tenant(id, tenantClass, share, maxShare, weight);
  }

  /** A copy with a maximum share of capacity. */
  public Tenant withMaxShare(double share) {
    return new Tenant(id, tenantClass, guaranteedShare, share, weight);
  }

  /** A copy with a fair-share weight. */
  public Tenant withWeight(double newWeight) {
    return new Tenant(id, tenantClass, guaranteedShare, maxShare, newWeight);
  }

  /** Whether this tenant has a guaranteed share. */
  public boolean hasGuarantee() {
    return guaranteedShare > 0;
  }
}
