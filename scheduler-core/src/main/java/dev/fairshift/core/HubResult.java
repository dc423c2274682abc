package dev.fairshift.core;

import java.util.Objects;

/**
 * The load on one hub.
 *
 * @param hub the hub id
 * @param zone its grid zone
 * @param energyKwh facility energy of the jobs it runs
 * @param gridKwh grid energy after on-site renewables
 * @param renewableKwh on-site renewable energy used
 * @param emissionsGrams grid emissions (without transfers), grams CO2e
 * @param unitSlots capacity used over the horizon, in unit-slots
 * @param capacityUnitSlots capacity offered over the horizon, in unit-slots
 * @param peakUtilisation the highest units used over capacity of any slot (0 when it offers none)
 * @param peakPowerKw the highest facility power of any slot, kW
 */
public record HubResult(
    String hub,
    String zone,
    double energyKwh,
    double gridKwh,
    double renewableKwh,
    double emissionsGrams,
    long unitSlots,
    long capacityUnitSlots,
    double peakUtilisation,
    double peakPowerKw) {

  public HubResult {
    Objects.requireNonNull(hub, "hub");
    Objects.requireNonNull(zone, "zone");
  }

  /** Capacity used over capacity offered across the horizon (0 when none offered). */
  public double utilisation() {
    return capacityUnitSlots == 0 ? 0 : (double) unitSlots / capacityUnitSlots;
  }
}
