package dev.fairshift.solver.optaplanner.internal;

import java.util.Objects;
import org.optaplanner.core.api.score.stream.ConstraintJustification;

/**
 * Why a per-tenant constraint costs what it does.
 *
 * @param tenant the tenant id
 * @param description a sentence with the numbers
 */
public record TenantJustification(String tenant, String description) implements ConstraintJustification {
  public TenantJustification {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(description, "description");
  }
}
