package dev.fairshift.core;

/**
 * The formulas of Fairshift's accounting (FORMAT.md, "Accounting"), each written once, on primitives:
 * no allocation, no lookup, so hot loops (the {@link Evaluator}, solvers' incremental states, bounds, exact
 * models' coefficients) can call them per hub-slot. The {@link Evaluator} computes every number it reports
 * with these methods; code that must agree with it to the bit calls them with the same arguments in the
 * same order.
 *
 * <p>For hub h with PUE {@code pue}, slot length {@code slotHours} and IT power {@code itKw} running there:
 * <ul>
 *   <li>facility energy E = {@link #facilityKwh pue &middot; itKw &middot; slotHours};
 *   <li>renewable supply R = {@link #renewableSupplyKwh renewableKw &middot; slotHours}, used first:
 *       {@link #renewableUsedKwh min(E, R)};
 *   <li>grid energy G = {@link #gridKwh E &minus; min(E, R)} (= max(0, E &minus; R));
 *   <li>emissions = {@link #emissionsGrams G &middot; gramsPerKwh}, and the integer milligrams solvers
 *       add up exactly, {@link #milligrams};
 *   <li>a moved job's transfer: {@link #transferKwh dataGb &middot; transferKwhPerGb} at the intensity of
 *       its hub's zone in its first slot;
 *   <li>cost = {@link #energyCost G &middot; pricePerKwh} + {@link #carbonCost carbonPricePerTonne
 *       &middot; grams / 10<sup>6</sup>}.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class AccountingKernel {
  private static final double GRAMS_PER_TONNE = 1e6;
  private static final double MILLIGRAMS_PER_GRAM = 1000;

  private AccountingKernel() {}

  /** Facility energy of {@code itKw} of IT power for one slot: {@code pue * itKw * slotHours}, kWh. */
  public static double facilityKwh(double pue, double itKw, double slotHours) {
    return pue * itKw * slotHours;
  }

  /** On-site renewable energy available in one slot: {@code renewableKw * slotHours}, kWh. */
  public static double renewableSupplyKwh(double renewableKw, double slotHours) {
    return renewableKw * slotHours;
  }

  /** The renewable energy a hub uses in one slot: all it needs, up to the supply, kWh. */
  public static double renewableUsedKwh(double facilityKwh, double renewableSupplyKwh) {
    return Math.min(facilityKwh, renewableSupplyKwh);
  }

  /**
   * Grid energy after on-site renewables, never negative: {@code facility - min(facility, supply)}, kWh.
   * Written as the branch {@code facility <= supply ? 0 : facility - supply}, which gives the same double
   * for every finite input (both are {@code >= 0}) without {@code Math.min}'s NaN and signed-zero work, in
   * the incremental score's innermost step.
   */
  public static double gridKwh(double facilityKwh, double renewableSupplyKwh) {
    return facilityKwh <= renewableSupplyKwh ? 0.0 : facilityKwh - renewableSupplyKwh;
  }

  /** Emissions of {@code kwh} of grid (or transfer) energy at {@code gramsPerKwh}, grams CO2e. */
  public static double emissionsGrams(double kwh, double gramsPerKwh) {
    return kwh * gramsPerKwh;
  }

  /** Energy of moving {@code dataGb} to another hub: {@code dataGb * transferKwhPerGb}, kWh. */
  public static double transferKwh(double dataGb, double transferKwhPerGb) {
    return dataGb * transferKwhPerGb;
  }

  /** What {@code gridKwh} costs at {@code pricePerKwh}. */
  public static double energyCost(double gridKwh, double pricePerKwh) {
    return gridKwh * pricePerKwh;
  }

  /** What {@code grams} of CO2e cost at {@code carbonPricePerTonne}: {@code price * grams / 10^6}. */
  public static double carbonCost(double carbonPricePerTonne, double grams) {
    return carbonPricePerTonne * grams / GRAMS_PER_TONNE;
  }

  /**
   * The grams CO2e whose {@link #carbonCost carbon cost} is one currency unit, {@code 10^6 / price}: how
   * scores that count in grams weigh money. 0 when emissions are unpriced ({@code carbonPricePerTonne <= 0}).
   */
  public static double gramsPerCurrency(double carbonPricePerTonne) {
    return carbonPricePerTonne > 0 ? GRAMS_PER_TONNE / carbonPricePerTonne : 0.0;
  }

  /** Grams as whole milligrams (rounded half up), the unit solvers sum exactly. */
  public static long milligrams(double grams) {
    return Math.round(grams * MILLIGRAMS_PER_GRAM);
  }
}
