package dev.fairshift.solver.optaplanner.internal;

import java.util.Objects;
import org.optaplanner.core.api.score.stream.ConstraintJustification;

/**
 * Why a per-(hub, slot) constraint costs what it does.
 *
 * @param hub the hub id
 * @param slot the slot index
 * @param description a sentence with the numbers
 */
public record HubSlotJustification(String hub, int slot, String description) implements ConstraintJustification {
  public HubSlotJustification {
    Objects.requireNonNull(hub, "hub");
    Objects.requireNonNull(description, "description");
  }
}
