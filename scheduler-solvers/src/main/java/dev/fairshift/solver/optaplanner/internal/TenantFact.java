package dev.fairshift.solver.optaplanner.internal;

import java.util.List;
import java.util.Objects;
import org.optaplanner.core.api.domain.lookup.PlanningId;

/**
 * A tenant and its shares in unit-slots, over the horizon and per fairness window. A problem fact.
 * Immutable and thread-safe.
 *
 * <p>The whole-horizon amounts ({@link #guaranteedUnitSlots}, {@link #maxUnitSlots} and the methods
 * on them) are what the fair-share term uses; the hard rules are per window ({@link #windows()},
 * {@link #windowAt(int)}): a tenant without a {@code fairnessWindowSlots} has one window, the whole
 * horizon, whose guarantee and cap are the whole-horizon ones.
 *
 * @param id tenant id
 * @param weight weight in the fair share of what remains after guarantees, &gt; 0
 * @param demandUnitSlots unit-slots all its jobs ask for
 * @param guaranteedUnitSlots the sum over its windows of their guarantees; with one window
 *     min(demand, guaranteedShare x total capacity)
 * @param maxUnitSlots maxShare x total capacity
 * @param context the problem constants
 * @param windowSlots the length of its windows in slots: window k covers [k x windowSlots,
 *     (k+1) x windowSlots), the last one possibly shorter
 * @param windows its fairness windows in order, at least one
 */
public record TenantFact(
    String id,
    double weight,
    long demandUnitSlots,
    double guaranteedUnitSlots,
    double maxUnitSlots,
    PlanContext context,
    int windowSlots,
    List<TenantWindow> windows) {
  private static final double EPS = 1e-9;

  public TenantFact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(context, "context");
    windows = List.copyOf(windows);
    if (windows.isEmpty() || windowSlots < 1) {
      throw new IllegalArgumentException("Tenant '" + id + "' needs at least one window of at least one slot.");
    }
  }

  /**
   * A tenant measured over the whole horizon: one window that covers every slot, with the
   * whole-horizon guarantee and cap.
   */
  public TenantFact(String id, double weight, long demandUnitSlots, double guaranteedUnitSlots, double maxUnitSlots,
      PlanContext context) {
    this(id, weight, demandUnitSlots, guaranteedUnitSlots, maxUnitSlots, context, Integer.MAX_VALUE,
        List.of(new TenantWindow(id, 0, 0, Integer.MAX_VALUE, demandUnitSlots, guaranteedUnitSlots, maxUnitSlots,
            true, context)));
  }

  /** OptaPlanner's id of the fact (the tenant id), so that a real-time planning change can replace it. */
  @PlanningId
  public String planningId() {
    return id;
  }

  /** Whether the tenant has a guarantee to meet (in some window). */
  public boolean hasGuarantee() {
    return guaranteedUnitSlots > EPS;
  }

  /** Whether its shares are measured in more than one window. */
  public boolean windowed() {
    return windows.size() > 1;
  }

  /** The window that holds slot {@code slot} (the window a job released in that slot counts for). */
  public TenantWindow windowAt(int slot) {
    return windows.get(Math.min(windows.size() - 1, slot / windowSlots));
  }

  /** Unit-slots missing to meet the whole-horizon guarantee, rounded up; 0 when met. */
  public long quotaShortfall(long scheduledUnitSlots) {
    double missing = guaranteedUnitSlots - scheduledUnitSlots;
    return missing > EPS ? (long) Math.ceil(missing - EPS) : 0;
  }

  /** Unit-slots above maxShare of the total capacity, rounded up; 0 when within it. */
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

  /** By id only: cheap, as the constraint streams hash it on every change. */
  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return id;
  }
}
