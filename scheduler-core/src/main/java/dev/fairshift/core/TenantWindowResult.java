package dev.fairshift.core;

import java.util.Objects;

/**
 * What one tenant got in one of its fairness windows (see {@link Tenant}): the guarantee, measured
 * on the jobs released in the window, and the cap, measured on the unit-slots running in it.
 * Immutable and thread-safe.
 *
 * @param window the window: its slots, instants and capacity
 * @param demandedUnitSlots the unit-slots of the tenant's jobs released in the window (release slot
 *     in it), scheduled or not
 * @param guaranteedUnitSlots what its guarantee entitles it to there: min(demandedUnitSlots,
 *     guaranteedShare x the window's capacity); 0 without a guarantee
 * @param scheduledUnitSlots the unit-slots of those jobs that are scheduled, wherever they run in time
 * @param quotaMet whether {@code scheduledUnitSlots} reaches {@code guaranteedUnitSlots} (always true
 *     without a guarantee)
 * @param runningUnitSlots the unit-slots of all the tenant's jobs running in the window's slots,
 *     whenever they were released
 * @param maxUnitSlots what its maxShare allows there: maxShare x the window's capacity
 */
public record TenantWindowResult(
    FairnessWindow window,
    long demandedUnitSlots,
    double guaranteedUnitSlots,
    long scheduledUnitSlots,
    boolean quotaMet,
    long runningUnitSlots,
    double maxUnitSlots) {

  /** Tolerance of the cap comparison, unit-slots: the {@link Evaluator}'s. */
  private static final double EPS = 1e-9;

  public TenantWindowResult {
    Objects.requireNonNull(window, "window");
  }

  /** Whether the tenant runs more unit-slots in the window than its maxShare allows (a hard-rule violation). */
  public boolean overMaxShare() {
    return runningUnitSlots > maxUnitSlots + EPS;
  }
}
