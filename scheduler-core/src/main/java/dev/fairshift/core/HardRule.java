package dev.fairshift.core;

/** The hard rules a schedule must never break, as checked by the {@link Evaluator}. */
public enum HardRule {
  /** Per hub and slot, the units of the jobs running there exceed {@code capacityUnits}. */
  CAPACITY,
  /** Per hub and slot, facility power (IT power x PUE) exceeds {@code powerCapKw}. */
  POWER_CAP,
  /** A job runs before its release or after its deadline (rounded to slots). */
  RELEASE_DEADLINE,
  /** A job runs in a hub outside its {@code allowedHubs} (data residency). */
  RESIDENCY,
  /** A job has not exactly {@code durationSlots} distinct slots, or a non-interruptible one has gaps. */
  DURATION,
  /**
   * A tenant holds more unit-slots than {@code maxShare} of the total capacity, or, with a
   * {@code fairnessWindowSlots}, runs more unit-slots in one of its fairness windows than
   * {@code maxShare} of that window's capacity.
   */
  MAX_SHARE,
  /** The schedule does not match the problem: unknown or repeated job, unknown hub, slot outside the horizon, job missing. */
  SCHEDULE_STRUCTURE
}
