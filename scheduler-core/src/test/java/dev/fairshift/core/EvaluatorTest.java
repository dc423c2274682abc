package dev.fairshift.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Evaluator on cases computed by hand from FORMAT.md's accounting. */
class EvaluatorTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  private static Instant at(int hours) {
    return T0.plus(Duration.ofHours(hours));
  }

  private static Job.Builder job(String id, String tenant) {
    return Job.builder(id, tenant).window(T0, at(4));
  }

  private static Problem.Builder base() {
    return Problem.builder()
        .horizon(Horizon.hourly(T0, 4))
        .zone(ZoneIntensity.of("Z1", SlotSeries.of(100, 200, 300, 400)))
        .zone(ZoneIntensity.of("Z2", SlotSeries.of(50, 60, 70, 80)))
        .tenant(Tenant.of("t", "research"));
  }

  private static Schedule schedule(Assignment... assignments) {
    return new Schedule("test", List.of(assignments), List.of());
  }

  @Test
  void evaluate_energyEmissionsAndCostOfOneJob() {
    Problem p = base()
        .carbonPricePerTonne(80)
        .hub(Hub.builder("h1", "Z1").capacityUnits(4).pue(1.5).pricePerKwh(0.2).build())
        .job(job("a", "t").durationSlots(2).powerKw(10).build())
        .build();

    Evaluation e = Evaluator.evaluate(p, schedule(Assignment.contiguous("a", "h1", 1, 2)));

    // E = 1.5 * 10 kW * 1 h = 15 kWh per slot; emissions = 15*200 + 15*300 = 7500 g.
    assertThat(e.violations()).isEmpty();
    assertThat(e.energyKwh()).isCloseTo(30, within(1e-9));
    assertThat(e.gridKwh()).isCloseTo(30, within(1e-9));
    assertThat(e.emissionsGrams()).isCloseTo(7500, within(1e-9));
    // cost = 30 kWh * 0.2 + 80 * 7500 / 1e6 = 6 + 0.6
    assertThat(e.cost()).isCloseTo(6.6, within(1e-9));
    assertThat(e.job("a").emissionsGrams()).isCloseTo(7500, within(1e-9));
    assertThat(e.job("a").cost()).isCloseTo(6.6, within(1e-9));
    // The carbon-agnostic reference starts at release (slot 0): 15*100 + 15*200.
    assertThat(e.job("a").baselineEmissionsGrams()).isCloseTo(4500, within(1e-9));
    assertThat(e.job("a").waitTime()).contains(Duration.ofHours(1));
    assertThat(e.job("a").start()).contains(at(1));
    assertThat(e.job("a").end()).contains(at(3));
    assertThat(e.plannedEmissionsGrams()).isEmpty();
  }

  @Test
  void evaluate_renewablesFirstThenGrid_sharedInProportionToEnergy() {
    Problem p = base()
        .hub(Hub.builder("h1", "Z1").capacityUnits(4).renewableKw(SlotSeries.of(0, 10, 0, 0)).build())
        .job(job("a", "t").durationSlots(1).powerKw(10).build())
        .job(job("b", "t").durationSlots(1).powerKw(5).build())
        .build();

    Evaluation e = Evaluator.evaluate(p, schedule(
        Assignment.contiguous("a", "h1", 1, 1), Assignment.contiguous("b", "h1", 1, 1)));

    // Slot 1: E = 15 kWh, renewables 10 kWh, grid 5 kWh at 200 g/kWh = 1000 g.
    assertThat(e.energyKwh()).isCloseTo(15, within(1e-9));
    assertThat(e.renewableKwh()).isCloseTo(10, within(1e-9));
    assertThat(e.gridKwh()).isCloseTo(5, within(1e-9));
    assertThat(e.emissionsGrams()).isCloseTo(1000, within(1e-9));
    assertThat(e.renewableShare()).isCloseTo(10.0 / 15, within(1e-12));
    // a holds 10/15 of the energy, so 10/15 of the grid share.
    assertThat(e.job("a").gridKwh()).isCloseTo(5 * 10.0 / 15, within(1e-9));
    assertThat(e.job("a").emissionsGrams()).isCloseTo(1000 * 10.0 / 15, within(1e-9));
    assertThat(e.job("b").emissionsGrams()).isCloseTo(1000 * 5.0 / 15, within(1e-9));
    assertThat(e.hubs().get(0).renewableKwh()).isCloseTo(10, within(1e-9));
  }

  @Test
  void evaluate_renewableSurplusIsNotNegativeEmission() {
    Problem p = base()
        .hub(Hub.builder("h1", "Z1").capacityUnits(4).renewableKw(SlotSeries.of(100, 100, 100, 100)).build())
        .job(job("a", "t").durationSlots(2).powerKw(10).build())
        .build();

    Evaluation e = Evaluator.evaluate(p, schedule(Assignment.contiguous("a", "h1", 0, 2)));

    assertThat(e.emissionsGrams()).isZero();
    assertThat(e.renewableKwh()).isCloseTo(20, within(1e-9));
    assertThat(e.renewableShare()).isEqualTo(1.0);
  }

  @Test
  void evaluate_transferToAnotherZoneUsesTheDestinationsFirstSlotIntensity() {
    Problem p = base()
        .transferKwhPerGb(0.03)
        .hub(Hub.builder("h1", "Z1").capacityUnits(4).build())
        .hub(Hub.builder("h2", "Z2").capacityUnits(4).build())
        .job(job("a", "t").durationSlots(2).powerKw(10).originHub("h1").dataGb(100).build())
        .build();

    Evaluation e = Evaluator.evaluate(p, schedule(Assignment.contiguous("a", "h2", 2, 2)));

    // Run: 10 kWh * 70 + 10 kWh * 80 = 1500 g. Transfer: 100 GB * 0.03 kWh/GB = 3 kWh * 70 = 210 g.
    assertThat(e.transferKwh()).isCloseTo(3, within(1e-9));
    assertThat(e.transferEmissionsGrams()).isCloseTo(210, within(1e-9));
    assertThat(e.emissionsGrams()).isCloseTo(1710, within(1e-9));
    assertThat(e.job("a").transferKwh()).isCloseTo(3, within(1e-9));
    // Baseline: at its origin h1 from slot 0: 10*100 + 10*200.
    assertThat(e.job("a").baselineEmissionsGrams()).isCloseTo(3000, within(1e-9));
    assertThat(e.hubs().get(1).emissionsGrams()).isCloseTo(1500, within(1e-9));
  }

  @Test
  void evaluate_subHourlySlotsScaleEnergyBySlotLength() {
    Problem p = Problem.builder()
        .horizon(Horizon.of(T0, 30, 4))
        .zone(ZoneIntensity.of("Z1", SlotSeries.of(100, 200, 300, 400)))
        .tenant(Tenant.of("t", "research"))
        .hub(Hub.builder("h1", "Z1").capacityUnits(1).pue(1.2).build())
        .job(Job.builder("a", "t").durationSlots(2).powerKw(10).window(T0, at(2)).build())
        .build();

    Evaluation e = Evaluator.evaluate(p, schedule(Assignment.contiguous("a", "h1", 2, 2)));

    // 1.2 * 10 kW * 0.5 h = 6 kWh per slot: 6*300 + 6*400 = 4200 g.
    assertThat(e.energyKwh()).isCloseTo(12, within(1e-9));
    assertThat(e.emissionsGrams()).isCloseTo(4200, within(1e-9));
  }

  @Test
  void evaluate_forecastIsReportedAsPlannedEmissionsNextToActuals() {
    Problem p = Problem.builder()
        .horizon(Horizon.hourly(T0, 4))
        .zone(ZoneIntensity.withForecast("Z1", SlotSeries.of(100, 200, 300, 400), SlotSeries.of(90, 90, 90, 90)))
        .tenant(Tenant.of("t", "research"))
        .hub(Hub.builder("h1", "Z1").capacityUnits(1).build())
        .job(job("a", "t").durationSlots(1).powerKw(10).build())
        .build();

    Evaluation e = Evaluator.evaluate(p, schedule(Assignment.contiguous("a", "h1", 3, 1)));

    assertThat(e.basis()).isEqualTo(IntensityBasis.ACTUAL);
    assertThat(e.emissionsGrams()).isCloseTo(4000, within(1e-9));
    assertThat(e.plannedEmissionsGrams()).hasValueSatisfying(g -> assertThat(g).isCloseTo(900, within(1e-9)));
  }

  @Test
  void evaluate_capacityAndPowerCapViolationsNameHubAndSlot() {
    Problem p = base()
        .hub(Hub.builder("h1", "Z1").capacityUnits(10).powerCapKw(17).pue(1.2).build())
        .job(job("a", "t").durationSlots(1).powerKw(10).units(6).build())
        .job(job("b", "t").durationSlots(1).powerKw(5).units(6).build())
        .build();

    Evaluation e = Evaluator.evaluate(p, schedule(
        Assignment.contiguous("a", "h1", 2, 1), Assignment.contiguous("b", "h1", 2, 1)));

    assertThat(e.feasible()).isFalse();
    assertThat(e.violations()).extracting(Violation::rule)
        .containsExactlyInAnyOrder(HardRule.CAPACITY, HardRule.POWER_CAP);
    Violation capacity = e.violations().stream().filter(v -> v.rule() == HardRule.CAPACITY).findFirst().orElseThrow();
    assertThat(capacity.subject()).isEqualTo("h1");
    assertThat(capacity.slot()).isEqualTo(2);
    assertThat(capacity.message()).contains("12 units", "capacity 10");
    Violation power = e.violations().stream().filter(v -> v.rule() == HardRule.POWER_CAP).findFirst().orElseThrow();
    // 15 kW IT * 1.2 = 18 kW above the 17 kW cap.
    assertThat(power.message()).contains("18.0 kW", "IT 15.0 kW", "17.0 kW");
  }

  @Test
  void evaluate_windowResidencyDurationAndContiguityViolations() {
    Problem p = base()
        .hub(Hub.builder("h1", "Z1").capacityUnits(10).build())
        .hub(Hub.builder("h2", "Z2").capacityUnits(10).build())
        .job(Job.builder("early", "t").durationSlots(1).powerKw(1).window(at(2), at(4)).build())
        .job(Job.builder("late", "t").durationSlots(2).powerKw(1).window(T0, at(2)).build())
        .job(job("resident", "t").durationSlots(1).powerKw(1).allowedHubs("h1").build())
        .job(job("short", "t").durationSlots(3).powerKw(1).build())
        .job(job("gappy", "t").durationSlots(2).powerKw(1).build())
        .job(job("flexible", "t").durationSlots(2).powerKw(1).interruptible(true).build())
        .build();

    Evaluation e = Evaluator.evaluate(p, schedule(
        Assignment.contiguous("early", "h1", 1, 1),
        Assignment.contiguous("late", "h1", 1, 2),
        Assignment.contiguous("resident", "h2", 0, 1),
        Assignment.contiguous("short", "h1", 0, 2),
        new Assignment("gappy", "h1", List.of(0, 2)),
        new Assignment("flexible", "h1", List.of(0, 3))));

    assertThat(e.violations()).extracting(v -> v.rule() + ":" + v.subject()).containsExactlyInAnyOrder(
        "RELEASE_DEADLINE:early", "RELEASE_DEADLINE:late", "RESIDENCY:resident", "DURATION:short",
        "DURATION:gappy");
    assertThat(e.violations()).filteredOn(v -> v.subject().equals("late")).first()
        .extracting(Violation::message).asString().contains("deadline", "2021-03-01T02:00:00Z");
  }

  @Test
  void evaluate_maxShareIsAHardRule() {
    Problem p = base()
        .tenant(Tenant.of("greedy-tenant", "commercial").withMaxShare(0.25))
        .hub(Hub.builder("h1", "Z1").capacityUnits(4).build())
        .job(job("a", "greedy-tenant").durationSlots(2).powerKw(1).units(3).build())
        .build();

    // Total capacity 16 unit-slots; max 4; the job holds 6.
    Evaluation e = Evaluator.evaluate(p, schedule(Assignment.contiguous("a", "h1", 0, 2)));

    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.rule()).isEqualTo(HardRule.MAX_SHARE);
      assertThat(v.subject()).isEqualTo("greedy-tenant");
      assertThat(v.message()).contains("6 unit-slots", "0.25", "16");
    });
  }

  @Test
  void evaluate_structureErrorsAreViolationsNotExceptions() {
    Problem p = base()
        .hub(Hub.builder("h1", "Z1").capacityUnits(4).build())
        .job(job("a", "t").durationSlots(1).powerKw(1).build())
        .job(job("b", "t").durationSlots(1).powerKw(1).build())
        .job(job("c", "t").durationSlots(1).powerKw(1).build())
        .job(job("d", "t").durationSlots(1).powerKw(1).build())
        .build();

    Schedule s = new Schedule("test", List.of(
        Assignment.contiguous("a", "h1", 0, 1),
        Assignment.contiguous("a", "h1", 1, 1),
        Assignment.contiguous("ghost", "h1", 0, 1),
        Assignment.contiguous("b", "nowhere", 0, 1),
        Assignment.contiguous("c", "h1", 7, 1)),
        List.of());

    Evaluation e = Evaluator.evaluate(p, s);

    assertThat(e.violations()).allMatch(v -> v.rule() == HardRule.SCHEDULE_STRUCTURE);
    assertThat(e.violations()).extracting(Violation::message).anySatisfy(m -> assertThat(m).contains("'a'", "more than once"))
        .anySatisfy(m -> assertThat(m).contains("'ghost'", "not in the problem"))
        .anySatisfy(m -> assertThat(m).contains("'nowhere'"))
        .anySatisfy(m -> assertThat(m).contains("slot 7", "0..3"))
        .anySatisfy(m -> assertThat(m).contains("'d'", "missing"));
    // Only the valid assignment of a is accounted: 1 kWh at 100 g.
    assertThat(e.emissionsGrams()).isCloseTo(100, within(1e-9));
  }

  @Test
  void evaluate_tenantSharesWaitsAcceptanceAndQuota() {
    Problem p = Problem.builder()
        .horizon(Horizon.hourly(T0, 10))
        .zone(ZoneIntensity.of("Z1", SlotSeries.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)))
        .tenant(Tenant.of("new", "newcomer").withGuaranteedShare(0.2))
        .tenant(Tenant.of("old", "research"))
        .hub(Hub.builder("h1", "Z1").capacityUnits(2).build())
        // "new" demands 1 job x 2 slots x 2 units = 4 unit-slots; guarantee = min(4, 0.2*20) = 4.
        .job(Job.builder("n1", "new").durationSlots(2).powerKw(1).units(2).window(T0, at(10)).build())
        // "old" submits 4 one-slot jobs released at 0; they start at 0, 1, 3, 9 (waits 0,1,3,9 h).
        .job(Job.builder("o1", "old").durationSlots(1).powerKw(1).window(T0, at(10)).build())
        .job(Job.builder("o2", "old").durationSlots(1).powerKw(1).window(T0, at(10)).build())
        .job(Job.builder("o3", "old").durationSlots(1).powerKw(1).window(T0, at(10)).build())
        .job(Job.builder("o4", "old").durationSlots(1).powerKw(1).window(T0, at(10)).build())
        .job(Job.builder("o5", "old").durationSlots(1).powerKw(1).window(T0, at(10)).build())
        .build();

    Schedule s = new Schedule("test", List.of(
        Assignment.contiguous("o1", "h1", 0, 1),
        Assignment.contiguous("o2", "h1", 1, 1),
        Assignment.contiguous("o3", "h1", 3, 1),
        Assignment.contiguous("o4", "h1", 9, 1)),
        List.of(new Unscheduled("n1", "test"), new Unscheduled("o5", "test")));

    Evaluation e = Evaluator.evaluate(p, s);

    TenantResult old = e.tenant("old");
    assertThat(old.jobs()).isEqualTo(5);
    assertThat(old.scheduledJobs()).isEqualTo(4);
    assertThat(old.acceptanceRate()).isEqualTo(0.8);
    assertThat(old.scheduledUnitSlots()).isEqualTo(4);
    assertThat(old.shareOfCapacity()).isEqualTo(0.2);
    assertThat(old.shareOfScheduled()).isEqualTo(1.0);
    // Nearest rank: p50 of [0,1,3,9] is the 2nd = 1 h; p95 is the 4th = 9 h.
    assertThat(old.waitP50()).contains(Duration.ofHours(1));
    assertThat(old.waitP95()).contains(Duration.ofHours(9));
    TenantResult newcomer = e.tenant("new");
    assertThat(newcomer.guaranteedUnitSlots()).isEqualTo(4.0);
    assertThat(newcomer.quotaMet()).isFalse();
    assertThat(newcomer.waitP50()).isEmpty();
    assertThat(e.allQuotasMet()).isFalse();
    // Jain over served fractions old = 4/5, new = 0: (0.8)^2 / (2 * 0.64) = 0.5.
    assertThat(e.jainIndex()).isCloseTo(0.5, within(1e-12));

    Schedule fair = new Schedule("test", List.of(
        Assignment.contiguous("n1", "h1", 4, 2),
        Assignment.contiguous("o1", "h1", 0, 1)),
        List.of(new Unscheduled("o2", "x"), new Unscheduled("o3", "x"), new Unscheduled("o4", "x"),
            new Unscheduled("o5", "x")));
    Evaluation e2 = Evaluator.evaluate(p, fair);
    assertThat(e2.tenant("new").quotaMet()).isTrue();
    assertThat(e2.tenant("new").waitP95()).contains(Duration.ofHours(4));
    // served fractions 1 and 0.2: (1.2)^2 / (2 * 1.04)
    assertThat(e2.jainIndex()).isCloseTo(1.44 / 2.08, within(1e-12));
  }

  @Test
  void evaluate_hubUtilisationAndPeaks() {
    Problem p = base()
        .hub(Hub.builder("h1", "Z1").capacityUnits(SlotSeries.of(4, 4, 0, 4)).pue(1.5).build())
        .job(job("a", "t").durationSlots(2).powerKw(10).units(3).build())
        .build();

    Evaluation e = Evaluator.evaluate(p, schedule(Assignment.contiguous("a", "h1", 0, 2)));

    HubResult hub = e.hubs().get(0);
    assertThat(hub.capacityUnitSlots()).isEqualTo(12);
    assertThat(hub.unitSlots()).isEqualTo(6);
    assertThat(hub.utilisation()).isEqualTo(0.5);
    assertThat(hub.peakUtilisation()).isEqualTo(0.75);
    assertThat(hub.peakPowerKw()).isCloseTo(15, within(1e-12));
  }

  @Test
  void savingVersus_isTheFractionOfBaselineEmissionsAvoided() {
    Problem p = base()
        .hub(Hub.builder("h1", "Z1").capacityUnits(4).build())
        .job(job("a", "t").durationSlots(1).powerKw(10).build())
        .build();
    Evaluation asap = Evaluator.evaluate(p, schedule(Assignment.contiguous("a", "h1", 3, 1)));
    Evaluation clean = Evaluator.evaluate(p, schedule(Assignment.contiguous("a", "h1", 0, 1)));

    assertThat(clean.savingVersus(asap)).isCloseTo(0.75, within(1e-12));
  }
}
