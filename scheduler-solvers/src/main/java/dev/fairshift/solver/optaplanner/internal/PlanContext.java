package dev.fairshift.solver.optaplanner.internal;

import dev.fairshift.core.AccountingKernel;

/**
 * Problem-wide constants the constraints need, shared by every fact of one planning solution.
 * Immutable and thread-safe.
 *
 * @param slotHours slot length in hours (the accounting's {@code t})
 * @param carbonPricePerTonne the problem's carbon price, currency per tonne CO2e (0 when unpriced)
 * @param gramsPerCurrency grams CO2e-equivalent of one currency unit of energy cost: 10^6 / carbon
 *     price, or 0 when emissions are unpriced (energy cost then has no exchange rate to grams and is
 *     left out of the soft score)
 * @param hardRuleWeight hard penalty per unit of a broken Evaluator rule (capacity, power cap,
 *     window, residency, maxShare): total capacity in unit-slots + 1, so that breaking any such rule
 *     always costs more than any guaranteed-quota shortfall (at most the total capacity)
 * @param totalCapacityUnitSlots total capacity of all hubs over the horizon, unit-slots
 * @param fairnessGramsPerUnitSlot scale of the fair-share term, see {@link TenantFact#fairnessMg}
 */
public record PlanContext(
    double slotHours,
    double carbonPricePerTonne,
    double gramsPerCurrency,
    long hardRuleWeight,
    long totalCapacityUnitSlots,
    double fairnessGramsPerUnitSlot) {

  /** The context of a problem with these prices and capacity. */
  public static PlanContext of(double slotHours, double carbonPricePerTonne, long totalCapacityUnitSlots,
      double fairnessGramsPerUnitSlot) {
    double gramsPerCurrency = AccountingKernel.gramsPerCurrency(carbonPricePerTonne);
    return new PlanContext(slotHours, carbonPricePerTonne, gramsPerCurrency, totalCapacityUnitSlots + 1,
        totalCapacityUnitSlots, fairnessGramsPerUnitSlot);
  }
}
