package dev.fairshift.solver.optaplanner.internal;

import dev.fairshift.core.AccountingKernel;
import java.util.List;
import java.util.Objects;
import org.optaplanner.core.api.domain.lookup.PlanningId;

/**
 * A job with everything the constraints and value ranges need, precomputed from the core
 * {@link dev.fairshift.core.Job}. A problem fact. Immutable and thread-safe.
 *
 * <p>The value ranges are restricted to values that can be feasible: {@link #hubRange()} holds only
 * allowed hubs where the job fits on its own (capacity and power cap) somewhere in its window;
 * {@link #startRange()} only starts where it fits on its own in at least one of those hubs for its
 * whole run; {@link #slotRange()} (interruptible jobs) only slots where it fits on its own in at
 * least one of those hubs.
 */
public final class JobFact {
  private final int index;
  // Lets a real-time planning change look the fact up to replace it.
  @PlanningId
  private final String id;
  private final TenantFact tenant;
  private final int durationSlots;
  private final int units;
  private final long itMicroWatts;
  private final int priority;
  private final boolean interruptible;
  private final int releaseSlot;
  private final int deadlineSlot;
  private final boolean[] allowedHub;
  private final boolean[] movedToHub;
  private final double transferKwh;
  private final List<HubFact> hubRange;
  private final List<Integer> startRange;
  private final List<Integer> slotRange;
  private final int firstJobSlotIndex;

  /**
   * @param allowedHub per hub index: whether the job may run there (data residency)
   * @param movedToHub per hub index: whether running there moves the job away from its origin hub
   * @param transferKwh energy to move its data when moved: dataGb x transferKwhPerGb
   * @param firstJobSlotIndex position of its first {@link JobSlot} in the solution's list
   *     (interruptible jobs), -1 otherwise
   */
  public JobFact(int index, String id, TenantFact tenant, int durationSlots, int units, long itMicroWatts,
      int priority, boolean interruptible, int releaseSlot, int deadlineSlot, boolean[] allowedHub,
      boolean[] movedToHub, double transferKwh, List<HubFact> hubRange, List<Integer> startRange,
      List<Integer> slotRange, int firstJobSlotIndex) {
    this.index = index;
    this.id = Objects.requireNonNull(id, "id");
    this.tenant = Objects.requireNonNull(tenant, "tenant");
    this.durationSlots = durationSlots;
    this.units = units;
    this.itMicroWatts = itMicroWatts;
    this.priority = priority;
    this.interruptible = interruptible;
    this.releaseSlot = releaseSlot;
    this.deadlineSlot = deadlineSlot;
    this.allowedHub = allowedHub.clone();
    this.movedToHub = movedToHub.clone();
    this.transferKwh = transferKwh;
    this.hubRange = List.copyOf(hubRange);
    this.startRange = List.copyOf(startRange);
    this.slotRange = List.copyOf(slotRange);
    this.firstJobSlotIndex = firstJobSlotIndex;
  }

  /** Position in the problem's job list. */
  public int index() {
    return index;
  }

  public String id() {
    return id;
  }

  public TenantFact tenant() {
    return tenant;
  }

  /** The problem constants. */
  public PlanContext context() {
    return tenant.context();
  }

  public int durationSlots() {
    return durationSlots;
  }

  public int units() {
    return units;
  }

  /** IT power in micro-watts: powerKw x 10^9, rounded. */
  public long itMicroWatts() {
    return itMicroWatts;
  }

  public int priority() {
    return priority;
  }

  public boolean interruptible() {
    return interruptible;
  }

  /** First slot it may run in. */
  public int releaseSlot() {
    return releaseSlot;
  }

  /** Slot boundary it must finish by (exclusive). */
  public int deadlineSlot() {
    return deadlineSlot;
  }

  /** Capacity it holds over its whole run, unit-slots. */
  public long unitSlots() {
    return (long) units * durationSlots;
  }

  /** Whether it may run in {@code hub}. */
  public boolean allows(HubFact hub) {
    return allowedHub[hub.index()];
  }

  /** Whether running in {@code hub} moves it away from its origin hub. */
  public boolean movedTo(HubFact hub) {
    return movedToHub[hub.index()];
  }

  /** Energy to move its data away from its origin hub, kWh. */
  public double transferKwh() {
    return transferKwh;
  }

  /**
   * Transfer emissions in milligrams CO2e when it runs in {@code hub} from {@code firstSlot}: 0
   * unless moved; else transferKwh x the hub zone's intensity in the first slot.
   */
  public long transferEmissionsMg(HubFact hub, int firstSlot) {
    if (!movedTo(hub)) {
      return 0;
    }
    return AccountingKernel.milligrams(AccountingKernel.emissionsGrams(transferKwh, hub.slot(firstSlot).gramsPerKwh()));
  }

  /** The hubs it can be assigned to. */
  public List<HubFact> hubRange() {
    return hubRange;
  }

  /** The starts a non-interruptible job can take; {@code [releaseSlot]} for an interruptible one. */
  public List<Integer> startRange() {
    return startRange;
  }

  /** The slots a part of an interruptible job can take; empty for other jobs. */
  public List<Integer> slotRange() {
    return slotRange;
  }

  /** Position of its first {@link JobSlot} in the solution's list, -1 when not interruptible. */
  public int firstJobSlotIndex() {
    return firstJobSlotIndex;
  }

  @Override
  public String toString() {
    return id;
  }
}
