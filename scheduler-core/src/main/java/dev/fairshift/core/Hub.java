package dev.fairshift.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A site that runs jobs: a campus cluster, a community node, a data centre.
 *
 * @param id unique hub id
 * @param zone the grid zone it draws power from (a key of the problem's {@link IntensityTable})
 * @param pue power usage effectiveness, at least 1: facility energy = IT energy x PUE
 * @param capacityUnits resource units free per slot (whole numbers; may vary for maintenance or a
 *     node free only at night)
 * @param powerCapKw maximum facility power per slot in kW, if capped
 * @param renewableKw on-site renewable supply per slot in kW (used before grid power)
 * @param pricePerKwh energy price per slot, in the problem's currency per kWh of grid energy
 */
public record Hub(
    String id,
    String zone,
    double pue,
    SlotSeries capacityUnits,
    Optional<SlotSeries> powerCapKw,
    SlotSeries renewableKw,
    SlotSeries pricePerKwh) {

  public Hub {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(capacityUnits, "capacityUnits");
    Objects.requireNonNull(powerCapKw, "powerCapKw");
    Objects.requireNonNull(renewableKw, "renewableKw");
    Objects.requireNonNull(pricePerKwh, "pricePerKwh");
  }

  /** Starts a hub in {@code zone}; PUE 1, no power cap, no renewables, price 0 unless set. */
  public static Builder builder(String id, String zone) {
    return new Builder(id, zone);
  }

  /** Capacity units free in {@code slot}. */
  public int capacityUnitsAt(int slot) {
    return (int) capacityUnits.at(slot);
  }

  /** The facility power cap in {@code slot} in kW, or positive infinity when uncapped. */
  public double powerCapKwAt(int slot) {
    return powerCapKw.isPresent() ? powerCapKw.get().at(slot) : Double.POSITIVE_INFINITY;
  }

  /** A builder of {@link Hub}s. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final String zone;
    private double pue = 1.0;
    private SlotSeries capacityUnits;
    private SlotSeries powerCapKw;
    private SlotSeries renewableKw = SlotSeries.scalar(0.0);
    private SlotSeries pricePerKwh = SlotSeries.scalar(0.0);

    private Builder(String id, String zone) {
      this.id = Objects.requireNonNull(id, "id");
      this.zone = Objects.requireNonNull(zone, "zone");
    }

    public Builder pue(double pue) {
      this.pue = pue;
      return this;
    }

    public Builder capacityUnits(int units) {
      this.capacityUnits = SlotSeries.scalar(units);
      return this;
    }

    public Builder capacityUnits(SlotSeries units) {
      this.capacityUnits = Objects.requireNonNull(units, "units");
      return this;
    }

    public Builder powerCapKw(double kw) {
      this.powerCapKw = SlotSeries.scalar(kw);
      return this;
    }

    public Builder powerCapKw(SlotSeries kw) {
      this.powerCapKw = Objects.requireNonNull(kw, "kw");
      return this;
    }

    public Builder renewableKw(SlotSeries kw) {
      this.renewableKw = Objects.requireNonNull(kw, "kw");
      return this;
    }

    public Builder pricePerKwh(double price) {
      this.pricePerKwh = SlotSeries.scalar(price);
      return this;
    }

    public Builder pricePerKwh(SlotSeries price) {
      this.pricePerKwh = Objects.requireNonNull(price, "price");
      return this;
    }

    /**
     * Builds the hub.
     *
     * @throws IllegalStateException if capacity units were not set
     */
    public Hub build() {
      if (capacityUnits == null) {
        throw new IllegalStateException("Hub '" + id + "' has no capacityUnits. Call capacityUnits(...).");
      }
      return new Hub(id, zone, pue, capacityUnits, Optional.ofNullable(powerCapKw), renewableKw, pricePerKwh);
    }
  }
}
