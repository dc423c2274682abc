package dev.fairshift.core;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Who submits jobs, and what the hubs owe them.
 *
 * <p>Shares are fractions of capacity in unit-slots (the sum over hubs and slots of
 * {@code capacityUnits}), measured per fairness window. Without a {@code fairnessWindowSlots} there
 * is one window, the whole horizon, and the shares are fractions of the total capacity (FORMAT.md's
 * Tenant and Quota rules). With {@code fairnessWindowSlots = w} the horizon is cut into consecutive
 * windows {@code [k*w, (k+1)*w)} from slot 0, the last one possibly shorter, and in each window W
 * with capacity C(W) (the sum over hubs and W's slots of {@code capacityUnits}):
 * <ul>
 *   <li><b>guarantee:</b> the tenant's jobs released in W (release slot in W) are its demand there;
 *       the guarantee is met when the unit-slots of those that are scheduled, wherever they run,
 *       reach min(their demanded unit-slots, guaranteedShare x C(W));
 *   <li><b>cap:</b> the tenant's unit-slots running in W's slots never exceed maxShare x C(W) (a hard
 *       rule).
 * </ul>
 * A window at least as long as the horizon is the whole horizon. See {@link FairnessWindow}.
 *
 * <p>Immutable and thread-safe. Values are checked when a {@link Problem} is built.
 *
 * @param id unique tenant id
 * @param tenantClass free-form class, e.g. {@code newcomer}, {@code civic}, {@code research},
 *     {@code commercial} (JSON field {@code class})
 * @param guaranteedShare fraction of each window's capacity guaranteed to this tenant when it has
 *     the demand (0 = none)
 * @param maxShare fraction of each window's capacity this tenant may never exceed (1 = no cap)
 * @param weight weight in the fair share of what remains after guarantees (default 1)
 * @param fairnessWindowSlots length of its fairness windows in slots, at least 1; empty = one
 *     window, the whole horizon
 */
public record Tenant(
    String id,
    String tenantClass,
    double guaranteedShare,
    double maxShare,
    double weight,
    OptionalInt fairnessWindowSlots) {

  public Tenant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantClass, "tenantClass");
    Objects.requireNonNull(fairnessWindowSlots, "fairnessWindowSlots");
  }

  /** A tenant whose shares are measured over the whole horizon (no fairness window). */
  public Tenant(String id, String tenantClass, double guaranteedShare, double maxShare, double weight) {
    this(id, tenantClass, guaranteedShare, maxShare, weight, OptionalInt.empty());
  }

  /** A tenant of the given class with no guarantee, no cap, weight 1 and the whole horizon as its window. */
  public static Tenant of(String id, String tenantClass) {
    return new Tenant(id, tenantClass, 0.0, 1.0, 1.0);
  }

  /** A copy with a guaranteed share of capacity. */
  public Tenant withGuaranteedShare(double share) {
    return new Tenant(id, tenantClass, share, maxShare, weight, fairnessWindowSlots);
  }

  /** A copy with a maximum share of capacity. */
  public Tenant withMaxShare(double share) {
    return new Tenant(id, tenantClass, guaranteedShare, share, weight, fairnessWindowSlots);
  }

  /** A copy with a fair-share weight. */
  public Tenant withWeight(double newWeight) {
    return new Tenant(id, tenantClass, guaranteedShare, maxShare, newWeight, fairnessWindowSlots);
  }

  /**
   * A copy whose guarantee and cap hold in every window of {@code slots} consecutive slots (e.g. 24
   * for a day of hourly slots). Must be at least 1 ({@link Problem.Builder#build()} reports it).
   */
  public Tenant withFairnessWindowSlots(int slots) {
    return new Tenant(id, tenantClass, guaranteedShare, maxShare, weight, OptionalInt.of(slots));
  }

  /** A copy whose guarantee and cap hold over the whole horizon (no fairness window). */
  public Tenant withWholeHorizonWindow() {
    return new Tenant(id, tenantClass, guaranteedShare, maxShare, weight, OptionalInt.empty());
  }

  /** Whether this tenant has a guaranteed share. */
  public boolean hasGuarantee() {
    return guaranteedShare > 0;
  }

  /**
   * The length of this tenant's fairness windows in a horizon of {@code horizonSlots} slots:
   * {@code fairnessWindowSlots} capped at the horizon, or the whole horizon without one.
   */
  public int windowSlotsIn(int horizonSlots) {
    return fairnessWindowSlots.isPresent() ? Math.min(fairnessWindowSlots.getAsInt(), horizonSlots) : horizonSlots;
  }
}
