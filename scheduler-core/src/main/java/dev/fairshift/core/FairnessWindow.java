package dev.fairshift.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One fairness window of a tenant: the slots {@code [startSlot, endSlot)} in which its guarantee and
 * its cap are measured (see {@link Tenant}). A tenant's windows are the consecutive blocks
 * {@code [k*w, (k+1)*w)} of its window length w from slot 0, the last one possibly shorter; without
 * a {@code fairnessWindowSlots} it has one window, the whole horizon. Immutable and thread-safe.
 *
 * <pre>{@code
 * for (FairnessWindow w : problem.fairnessWindows("students")) {
 *   System.out.println(w.start() + " .. " + w.end() + ": " + w.capacityUnitSlots() + " unit-slots");
 * }
 * }</pre>
 *
 * @param index 0-based position among the tenant's windows
 * @param startSlot its first slot
 * @param endSlot the slot after its last one (exclusive), at most the horizon's slot count
 * @param start the instant its first slot starts
 * @param end the instant its last slot ends
 * @param capacityUnitSlots its capacity: the sum over hubs and its slots of {@code capacityUnits}
 */
public record FairnessWindow(int index, int startSlot, int endSlot, Instant start, Instant end,
    long capacityUnitSlots) {

  public FairnessWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (index < 0 || startSlot < 0 || endSlot <= startSlot) {
      throw new IllegalArgumentException("FairnessWindow " + index + " has slots " + startSlot + ".." + endSlot
          + "; it needs index >= 0 and 0 <= startSlot < endSlot.");
    }
  }

  /** How many slots it has. */
  public int slots() {
    return endSlot - startSlot;
  }

  /** Whether slot {@code slot} lies in it. */
  public boolean contains(int slot) {
    return slot >= startSlot && slot < endSlot;
  }

  /** "window 2 (slots 48..71, 2021-03-03T00:00:00Z to 2021-03-04T00:00:00Z)", for messages. */
  public String describe() {
    return "window " + index + " (slots " + startSlot + ".." + (endSlot - 1) + ", " + start + " to " + end + ")";
  }
}
