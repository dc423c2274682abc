package dev.fairshift.solver.optaplanner.internal;

import java.util.List;

/**
 * A planning entity that holds hub capacity: a non-interruptible {@link JobAssignment} (its whole
 * run) or one {@link JobSlot} of an interruptible job (one slot). The per-(hub, slot) constraints
 * stream over this interface so that both kinds load hubs alike.
 */
public interface Occupant {

  /** The job. */
  JobFact job();

  /** Whether it holds capacity: it has a hub and a slot or start. */
  boolean isPlaced();

  /** Its hub; only meaningful when {@link #isPlaced()}. */
  HubFact placedHub();

  /** The first slot it holds; only meaningful when {@link #isPlaced()}. */
  int firstSlot();

  /** How many consecutive slots it holds. */
  int length();

  /** The (hub, slot)s it holds, empty when not placed. */
  default List<Occupancy> occupancies() {
    if (!isPlaced()) {
      return List.of();
    }
    HubFact hub = placedHub();
    int first = firstSlot();
    int length = length();
    if (length == 1) {
      return List.of(new Occupancy(hub.slot(first), job()));
    }
    Occupancy[] out = new Occupancy[length];
    for (int i = 0; i < length; i++) {
      out[i] = new Occupancy(hub.slot(first + i), job());
    }
    return List.of(out);
  }

  /** How many of the slots it holds lie before the job's release or at or after its deadline. */
  default int slotsOutsideWindow() {
    int first = firstSlot();
    int end = first + length();
    JobFact job = job();
    int early = Math.max(0, Math.min(end, job.releaseSlot()) - first);
    int late = Math.max(0, end - Math.max(first, job.deadlineSlot()));
    return Math.min(length(), early + late);
  }
}
