package dev.fairshift.solver.optaplanner.internal;

import dev.fairshift.core.AccountingKernel;
import java.util.Objects;

/**
 * One hub in one slot: everything the per-slot constraints need, precomputed. A problem fact; one
 * canonical instance per (hub, slot), so it is a cheap group key. Immutable and thread-safe.
 *
 * <p>Power is carried as IT micro-watts ({@code long}, {@link JobFact#itMicroWatts()}) so that sums
 * over jobs are exact and retracting a job never leaves rounding residue in the incremental score.
 */
public final class HubSlot {
  private static final double EPS = 1e-9;

  private final String hubId;
  private final int hubIndex;
  private final int slot;
  private final int capacityUnits;
  private final double powerCapKw;
  private final double pue;
  private final double renewableKwh;
  private final double gramsPerKwh;
  private final double pricePerKwh;
  private final PlanContext context;

  /**
   * @param renewableKwh on-site renewable energy available in the slot: renewableKw x slot hours
   * @param gramsPerKwh the intensity solvers plan on (forecast when present)
   * @param powerCapKw facility power cap in kW, positive infinity when uncapped
   */
  public HubSlot(String hubId, int hubIndex, int slot, int capacityUnits, double powerCapKw, double pue,
      double renewableKwh, double gramsPerKwh, double pricePerKwh, PlanContext context) {
    this.hubId = Objects.requireNonNull(hubId, "hubId");
    this.hubIndex = hubIndex;
    this.slot = slot;
    this.capacityUnits = capacityUnits;
    this.powerCapKw = powerCapKw;
    this.pue = pue;
    this.renewableKwh = renewableKwh;
    this.gramsPerKwh = gramsPerKwh;
    this.pricePerKwh = pricePerKwh;
    this.context = Objects.requireNonNull(context, "context");
  }

  public String hubId() {
    return hubId;
  }

  public int hubIndex() {
    return hubIndex;
  }

  public int slot() {
    return slot;
  }

  public int capacityUnits() {
    return capacityUnits;
  }

  public double powerCapKw() {
    return powerCapKw;
  }

  public double gramsPerKwh() {
    return gramsPerKwh;
  }

  public PlanContext context() {
    return context;
  }

  /** Facility power in kW for {@code itMicroWatts} of IT load: IT kW x PUE. */
  public double facilityKw(long itMicroWatts) {
    return itMicroWatts / 1e9 * pue;
  }

  /** Grid energy in kWh: max(0, facility energy - renewable energy), as the Evaluator computes it. */
  public double gridKwh(long itMicroWatts) {
    double energy = AccountingKernel.facilityKwh(pue, itMicroWatts / 1e9, context.slotHours());
    return AccountingKernel.gridKwh(energy, renewableKwh);
  }

  /** Units above capacity (0 when within it). */
  public int unitsOverCapacity(int units) {
    return Math.max(0, units - capacityUnits);
  }

  /** Whole kW above the power cap, rounded up (0 when within the cap, at least 1 when over it). */
  public long kwOverPowerCap(long itMicroWatts) {
    double over = facilityKw(itMicroWatts) - powerCapKw;
    return over > EPS ? Math.max(1, (long) Math.ceil(over)) : 0;
  }

  /** Grid emissions in milligrams CO2e, rounded to the nearest milligram. */
  public long gridEmissionsMg(long itMicroWatts) {
    return AccountingKernel.milligrams(AccountingKernel.emissionsGrams(gridKwh(itMicroWatts), gramsPerKwh));
  }

  /**
   * Grid energy cost in milligrams CO2e-equivalent at the problem's carbon price (0 when
   * emissions are unpriced), rounded to the nearest milligram.
   */
  public long energyCostMg(long itMicroWatts) {
    return AccountingKernel.milligrams(
        AccountingKernel.energyCost(gridKwh(itMicroWatts), pricePerKwh) * context.gramsPerCurrency());
  }

  @Override
  public String toString() {
    return hubId + "@" + slot;
  }
}
