package dev.fairshift.solver.optaplanner.internal;

import java.util.Objects;

/**
 * One fairness window of a tenant, with its guarantee and cap in unit-slots: the key the per-window
 * tenant constraints group by. Part of a {@link TenantFact}. Immutable and thread-safe.
 *
 * <p>The guarantee counts the tenant's jobs released in the window (release slot in
 * {@code [startSlot, endSlot)}), wherever they run; the cap counts the unit-slots running in the
 * window's slots (the Evaluator's rules, see {@link dev.fairshift.core.Tenant}).
 *
 * @param tenantId the tenant's id
 * @param index 0-based position among the tenant's windows
 * @param startSlot its first slot
 * @param endSlot the slot after its last one (exclusive)
 * @param demandUnitSlots unit-slots of the tenant's jobs released in the window
 * @param guaranteedUnitSlots min(demandUnitSlots, guaranteedShare x the window's capacity)
 * @param maxUnitSlots maxShare x the window's capacity
 * @param wholeHorizon whether it is the tenant's only window, the whole horizon (no
 *     {@code fairnessWindowSlots}, or one at least as long as the horizon)
 * @param context the problem constants
 */
public record TenantWindow(
    String tenantId,
    int index,
    int startSlot,
    int endSlot,
    long demandUnitSlots,
    double guaranteedUnitSlots,
    double maxUnitSlots,
    boolean wholeHorizon,
    PlanContext context) {
  private static final double EPS = 1e-9;

  public TenantWindow {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(context, "context");
  }

  /** Unit-slots missing to meet the window's guarantee, rounded up; 0 when met (the Evaluator's rule). */
  public long quotaShortfall(long scheduledUnitSlots) {
    double missing = guaranteedUnitSlots - scheduledUnitSlots;
    return missing > EPS ? (long) Math.ceil(missing - EPS) : 0;
  }

  /** Unit-slots running in the window above its cap, rounded up; 0 when within it (the Evaluator's rule). */
  public long unitSlotsOverMaxShare(long runningUnitSlots) {
    double over = runningUnitSlots - maxUnitSlots;
    return over > EPS ? Math.max(1, (long) Math.ceil(over - EPS)) : 0;
  }

  /** " in fairness window 2 (slots 48..71)", or "" for the whole horizon: for justifications. */
  public String describe() {
    return wholeHorizon ? "" : " in fairness window " + index + " (slots " + startSlot + ".." + (endSlot - 1) + ")";
  }

  /** By tenant and index only: cheap, as the constraint streams hash it on every change. */
  @Override
  public int hashCode() {
    return 31 * tenantId.hashCode() + index;
  }

  @Override
  public String toString() {
    return tenantId + "#" + index;
  }
}
