package dev.fairshift.solver.bound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** {@link ShadowPrices}: hand-made problems whose dual prices are reasoned out in the comments. */
class ShadowPricesTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  private static Job job(String id, int units, double kw, String... hubs) {
    return Job.builder(id, "t").units(units).durationSlots(1).powerKw(kw).allowedHubs(hubs)
        .window(T0, T0.plus(Duration.ofHours(1))).build();
  }

  /** One hourly slot, PUE 1: "clean" (10 g/kWh), "mid" (100 g/kWh) and "dirty" (500 g/kWh). */
  private static Problem.Builder threeHubs(Hub.Builder clean) {
    return Problem.builder()
        .horizon(Horizon.hourly(T0, 1))
        .zone(ZoneIntensity.of("CLEAN", SlotSeries.of(10)))
        .zone(ZoneIntensity.of("MID", SlotSeries.of(100)))
        .zone(ZoneIntensity.of("DIRTY", SlotSeries.of(500)))
        .tenant(Tenant.of("t", "research"))
        .hub(clean.pue(1.0).build())
        .hub(Hub.builder("mid", "MID").capacityUnits(8).pue(1.0).build())
        .hub(Hub.builder("dirty", "DIRTY").capacityUnits(8).pue(1.0).build());
  }

  @Test
  void roomNobodyContends_isFree() {
    Problem p = threeHubs(Hub.builder("clean", "CLEAN").capacityUnits(4))
        .job(job("a", 1, 2, "clean", "dirty"))
        .job(job("b", 1, 1, "clean", "mid"))
        .build();
    ShadowPrices prices = ShadowPrices.of(p, 300, OptionalDouble.empty()).orElseThrow();
    assertThat(prices.hubCount()).isEqualTo(3);
    assertThat(prices.slotCount()).isEqualTo(1);
    for (int h = 0; h < 3; h++) {
      assertThat(prices.unitSlotGrams(h, 0)).as("hub %d", h).isZero();
      assertThat(prices.facilityKwSlotGrams(h, 0)).as("hub %d", h).isZero();
    }
  }

  /**
   * The clean hub's power cap (3 kW) binds, its units (4) do not. Job a (2 kW) saves 490 g per kW
   * there against dirty; b and c (1.5 kW each) save 90 g per kW against mid. At a kW price p, the
   * relaxation's value is min(20 + 2p, 1,000) + 2 min(15 + 1.5p, 150) - 3p: 50 + 2p up to p = 90, then
   * 320 - p. Its best multiplier is 90 g per kW, what the marginal users (b and c) save per kW; the
   * units are never short, so their price is 0.
   */
  /** The clean hub's power cap (3 kW) binds between job a (2 kW) and jobs b and c (1.5 kW each). */
  private static Problem powerCapped() {
    return threeHubs(Hub.builder("clean", "CLEAN").capacityUnits(4).powerCapKw(3))
        .job(job("a", 1, 2, "clean", "dirty"))
        .job(job("b", 1, 1.5, "clean", "mid"))
        .job(job("c", 1, 1.5, "clean", "mid"))
        .build();
  }

  @Test
  void bindingPowerCap_pricedAtWhatTheMarginalJobSavesPerKw_unitsFree() {
    Problem p = powerCapped();
    ShadowPrices prices = ShadowPrices.of(p, 300, OptionalDouble.of(320)).orElseThrow();
    assertThat(prices.facilityKwSlotGrams(0, 0)).as("the clean hub's kW").isCloseTo(90.0, within(5.0));
    assertThat(prices.unitSlotGrams(0, 0)).as("its units do not bind").isZero();
    assertThat(prices.facilityKwSlotGrams(1, 0)).as("mid is uncapped").isZero();
  }

  /**
   * Sunshine worth contending: hub "sun" (grid 500 g/kWh) has 2 kWh of on-site supply in its one slot.
   * Job a (2 kW) may run at sun or dirty (500 g/kWh), b (2 kW) at sun or mid (100 g/kWh). At an energy
   * price p at sun, the relaxation's value is min(2p, 1,000) + min(2p, 200) - 2p: 2p up to p = 100, then
   * 200 (the optimum: a on the sunshine, b at mid) up to p = 500. So any best multiplier lies in
   * [100, 500] g per kWh; and a hub without supply is charged its grid's intensity.
   */
  @Test
  void contendedSunshine_pricedBetweenWhatItsUsersSave() {
    Problem p = Problem.builder()
        .horizon(Horizon.hourly(T0, 1))
        .zone(ZoneIntensity.of("MID", SlotSeries.of(100)))
        .zone(ZoneIntensity.of("DIRTY", SlotSeries.of(500)))
        .tenant(Tenant.of("t", "research"))
        .hub(Hub.builder("sun", "DIRTY").capacityUnits(4).pue(1.0).renewableKw(SlotSeries.of(2)).build())
        .hub(Hub.builder("mid", "MID").capacityUnits(4).pue(1.0).build())
        .hub(Hub.builder("dirty", "DIRTY").capacityUnits(4).pue(1.0).build())
        .job(job("a", 1, 2, "sun", "dirty"))
        .job(job("b", 1, 2, "sun", "mid"))
        .build();
    ShadowPrices prices = ShadowPrices.of(p, 300, OptionalDouble.of(200)).orElseThrow();
    assertThat(prices.energyKwhGrams(0, 0)).as("sun's energy").isBetween(100.0 - 1e-6, 500.0 + 1e-6);
    assertThat(prices.energyKwhGrams(1, 0)).as("mid: its grid").isEqualTo(100.0);
    assertThat(prices.unitSlotGrams(0, 0)).as("room to spare").isZero();
  }

  /** Tenant s may use a tenth of the 18 unit-slots, and asks for 2: no schedule runs every job. */
  @Test
  void aTenantAskingForMoreThanItsShare_noPrices() {
    Problem p = threeHubs(Hub.builder("clean", "CLEAN").capacityUnits(2))
        .tenant(new Tenant("s", "research", 0, 0.1, 1))
        .job(Job.builder("big", "s").units(2).durationSlots(1).powerKw(1).window(T0, T0.plus(Duration.ofHours(1))).build())
        .build();
    assertThat(ShadowPrices.of(p, 300, OptionalDouble.empty())).isEmpty();
  }

  @Test
  void checkpoints_equalSeparateAscents() {
    Problem p = powerCapped();
    List<ShadowPrices> along = ShadowPrices.along(p, new int[] {3, 10, 40}, OptionalDouble.empty())
        .orElseThrow();
    assertThat(along).extracting(ShadowPrices::iterations).containsExactly(3, 10, 40);
    for (ShadowPrices at : along) {
      ShadowPrices alone = ShadowPrices.of(p, at.iterations(), OptionalDouble.empty()).orElseThrow();
      for (int h = 0; h < 3; h++) {
        assertThat(at.facilityKwSlotGrams(h, 0)).as("%d iterations, hub %d", at.iterations(), h)
            .isEqualTo(alone.facilityKwSlotGrams(h, 0));
        assertThat(at.unitSlotGrams(h, 0)).isEqualTo(alone.unitSlotGrams(h, 0));
      }
    }
    assertThat(along.get(0).facilityKwSlotGrams(0, 0)).as("the ascent moves")
        .isNotEqualTo(along.get(2).facilityKwSlotGrams(0, 0));
  }

  @Test
  void checkpointsNotAscending_rejectedWithTheValues() {
    Problem p = threeHubs(Hub.builder("clean", "CLEAN").capacityUnits(2)).job(job("a", 1, 1, "clean")).build();
    assertThatThrownBy(() -> ShadowPrices.along(p, new int[] {50, 50}, OptionalDouble.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("iterations must ascend strictly, but 50 follows 50");
  }

  @Test
  void iterationsBelowOne_rejectedWithTheValue() {
    Problem p = threeHubs(Hub.builder("clean", "CLEAN").capacityUnits(2)).job(job("a", 1, 1, "clean")).build();
    assertThatThrownBy(() -> ShadowPrices.of(p, 0, OptionalDouble.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("iterations must be at least 1, was 0");
  }
}
