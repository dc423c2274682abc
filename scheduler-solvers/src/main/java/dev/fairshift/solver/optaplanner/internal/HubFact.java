package dev.fairshift.solver.optaplanner.internal;

import java.util.List;
import java.util.Objects;
import org.optaplanner.core.api.domain.lookup.PlanningId;

/**
 * A hub as a planning value of {@link JobAssignment#getHub()}: its id, position and its
 * {@link HubSlot}s. Immutable and thread-safe.
 */
public final class HubFact {
  @PlanningId
  private final String id;
  private final int index;
  private final List<HubSlot> slots;

  public HubFact(String id, int index, List<HubSlot> slots) {
    this.id = Objects.requireNonNull(id, "id");
    this.index = index;
    this.slots = List.copyOf(slots);
  }

  public String id() {
    return id;
  }

  /** Position in the problem's hub list. */
  public int index() {
    return index;
  }

  /** The hub in {@code slot}. */
  public HubSlot slot(int slot) {
    return slots.get(slot);
  }

  public List<HubSlot> slots() {
    return slots;
  }

  @Override
  public String toString() {
    return id;
  }
}
