package dev.fairshift.benchmarks.referee;

/**
 * The size of a CP-SAT model, counted before it is built. Immutable and thread-safe.
 *
 * @param booleans Boolean variables: one per (job, hub, start) of a non-interruptible job; per
 *     (job, hub) of an interruptible job one "runs here" literal, one per usable slot and, when the job
 *     is moved there and pays a transfer, one "started by this slot" literal per usable slot
 * @param occupancyTerms (literal, hub-slot) pairs: a start literal of a d-slot job occupies d
 *     hub-slots; each pair appears in up to three rows (capacity, power cap, grid energy), so this
 *     drives the model's memory
 */
public record ModelSize(long booleans, long occupancyTerms) {
  public ModelSize {
    if (booleans < 0 || occupancyTerms < 0) {
      throw new IllegalArgumentException("ModelSize has booleans " + booleans + " and occupancyTerms "
          + occupancyTerms + ". Maybe count again: both are at least 0.");
    }
  }
}
