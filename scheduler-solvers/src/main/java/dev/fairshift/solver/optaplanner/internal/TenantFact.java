package dev.fairshift.solver.optaplanner.internal;

import java.util.Objects;
import org.optaplanner.core.api.domain.lookup.PlanningId;

/**
 * A tenant and its shares in unit-slots. A problem fact. Immutable and thread-safe.
 *
 * @param id tenant id
 * @param weight weight in the fair share of what remains after guarantees, &gt; 0
 * @param demandUnitSlots unit-slots all its jobs ask for
 * @param guaranteedUnitSlots min(demand, guaranteedShare x total capacity)
 * @param maxUnitSlots maxShare x total capacity
 * @param context the problem constants
 */
public record TenantFact(
    String id,
    double weight,
    long demandUnitSlots,
    double guaranteedUnitSlots,
    double maxUnitSlots,
    PlanContext context) {
  private static final double EPS = 1e-9;

  public TenantFact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(context, "context");
  }

  /** OptaPlanner's id of the fact (the tenant id), so that a real-time planning change can replace it. */
  @PlanningId
  public String planningId() {
    return id;
  }

  /** Whether the tenant has a guarantee to meet. */
  public boolean hasGuarantee() {
    return guaranteedUnitSlots > EPS;
  }

  /** Unit-slots missing to meet the guarantee, rounded up; 0 when met (the Evaluator's rule). */
  public long quotaShortfall(long scheduledUnitSlots) {
    double missing = guaranteedUnitSlots - scheduledUnitSlots;
    return missing > EPS ? (long) Math.ceil(missing - EPS) : 0;
  }

  /** Unit-slots above maxShare, rounded up; 0 when within it (the Evaluator's rule). */
  public long unitSlotsOverMaxShare(long scheduledUnitSlots) {
    double over = scheduledUnitSlots - maxUnitSlots;
    return over > EPS ? Math.max(1, (long) Math.ceil(over - EPS)) : 0;
  }

  /**
   * The fair-share penalty in milligrams CO2e-equivalent:
   * {@code fairnessGramsPerUnitSlot x 1000 x x^2 / (weight x C)}, with {@code x} the unit-slots held
   * beyond the guarantee and {@code C} the total capacity. Summed over tenants it is least when the
   * unit-slots beyond the guarantees are shared in proportion to the weights; moving one unit-slot
   * from tenant a to tenant b changes it by about
   * {@code 2 x fairnessGramsPerUnitSlot x (x_b/w_b - x_a/w_a) / C} grams.
   */
  public long fairnessMg(long scheduledUnitSlots) {
    double beyond = Math.max(0.0, scheduledUnitSlots - guaranteedUnitSlots);
    if (beyond <= 0 || context.totalCapacityUnitSlots() == 0) {
      return 0;
    }
    return Math.round(context.fairnessGramsPerUnitSlot() * 1000.0 * beyond * beyond
        / (weight * context.totalCapacityUnitSlots()));
  }

  @Override
  public String toString() {
    return id;
  }
}
