package dev.fairshift.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One test per rule of {@link ProblemValidator}: the path of the error and the key words of its message. */
class ProblemValidatorTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");
  private static final SlotSeries DE_GRAMS = SlotSeries.of(300, 280, 250, 200, 180, 220, 260, 300);

  private static Instant hour(double hours) {
    return T0.plus(Duration.ofSeconds((long) (hours * 3600)));
  }

  /** 8 hourly slots, zone DE, tenant lab; no hubs or jobs. */
  private static Problem.Builder base() {
    return Problem.builder()
        .horizon(Horizon.hourly(T0, 8))
        .zone(ZoneIntensity.of("DE", DE_GRAMS))
        .tenant(Tenant.of("lab", "research"));
  }

  private static Hub.Builder berlin() {
    return Hub.builder("berlin", "DE").pue(1.2).capacityUnits(8).pricePerKwh(0.2);
  }

  /** A job of lab: 2 slots, 10 kW, 2 units, window = the whole horizon. */
  private static Job.Builder job(String id) {
    return Job.builder(id, "lab").durationSlots(2).powerKw(10).units(2).window(hour(0), hour(8));
  }

  /** The base with hub berlin and one valid job. */
  private static Problem.Builder valid() {
    return base().hub(berlin().build()).job(job("train-1").build());
  }

  private static List<ProblemError> errors(Problem.Builder builder) {
    Throwable thrown = catchThrowable(builder::build);
    assertThat(thrown).isInstanceOf(InvalidProblemException.class);
    return ((InvalidProblemException) thrown).errors();
  }

  private static ProblemError onlyError(Problem.Builder builder) {
    List<ProblemError> errors = errors(builder);
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }

  @Test
  void build_validProblem_passes() {
    Problem p = valid().build();

    assertThat(p.jobs()).hasSize(1);
    assertThat(p.totalCapacityUnitSlots()).isEqualTo(64);
  }

  // ---------------------------------------------------------------- problem-wide

  @Test
  void build_noHorizon_isAnError() {
    ProblemError error = onlyError(Problem.builder().zone(ZoneIntensity.of("DE", DE_GRAMS)));

    assertThat(error.path()).isEqualTo("horizon");
    assertThat(error.message()).contains("no horizon", "Horizon.hourly");
  }

  @Test
  void build_negativeCarbonPrice_isAnError() {
    ProblemError error = onlyError(valid().carbonPricePerTonne(-5));

    assertThat(error.path()).isEqualTo("carbonPricePerTonne");
    assertThat(error.message()).contains("-5.0", ">= 0", "Maybe use 0");
  }

  @Test
  void build_nanTransferEnergy_isAnError() {
    ProblemError error = onlyError(valid().transferKwhPerGb(Double.NaN));

    assertThat(error.path()).isEqualTo("transferKwhPerGb");
    assertThat(error.message()).contains("NaN", "finite");
  }

  // ---------------------------------------------------------------- zones

  @Test
  void build_noZonesAndNoHubs_areErrors() {
    List<ProblemError> errors = errors(Problem.builder().horizon(Horizon.hourly(T0, 8)));

    assertThat(errors).extracting(ProblemError::path).containsExactly("zones", "hubs");
    assertThat(errors.get(0).message()).contains("no zones", "carbon intensity");
  }

  @Test
  void build_duplicateZone_isAnError() {
    ProblemError error = onlyError(valid().zone(ZoneIntensity.of("DE", DE_GRAMS)));

    assertThat(error.path()).isEqualTo("zones[1].id");
    assertThat(error.message()).contains("Zone 'DE'", "listed twice (also zones[0])", "unique");
  }

  @Test
  void build_nanIntensity_namesTheSlot() {
    SlotSeries grams = SlotSeries.of(300, 280, Double.NaN, 200, 180, 220, 260, 300);

    ProblemError error = onlyError(base().zone(ZoneIntensity.of("FR", grams))
        .hub(berlin().build()).job(job("j").build()));

    assertThat(error.path()).isEqualTo("zones[1].gramsPerKwh[2]");
    assertThat(error.message()).contains("Zone 'FR'", "NaN", "slot 2", "2021-03-01T02:00:00Z", "Maybe fill the gap");
  }

  @Test
  void build_negativeForecastIntensity_namesTheSlot() {
    ZoneIntensity fr = ZoneIntensity.withForecast("FR", DE_GRAMS, SlotSeries.of(1, 2, 3, 4, 5, 6, -7, 8));

    ProblemError error = onlyError(valid().zone(fr));

    assertThat(error.path()).isEqualTo("zones[1].forecastGramsPerKwh[6]");
    assertThat(error.message()).contains("forecastGramsPerKwh", "-7.0", "slot 6", ">= 0");
  }

  @Test
  void build_intensitySeriesTooShort_namesTheMissingSlots() {
    ProblemError error = onlyError(valid().zone(ZoneIntensity.of("FR", SlotSeries.of(50, 60, 70, 80, 90))));

    assertThat(error.path()).isEqualTo("zones[1].gramsPerKwh");
    assertThat(error.message()).contains("5 values", "8 slots", "slots 5..7", "2021-03-01T05:00:00Z", "are missing",
        "exactly one value per slot");
  }

  @Test
  void build_intensitySeriesTooLong_countsTheExtraValues() {
    SlotSeries nine = SlotSeries.of(1, 2, 3, 4, 5, 6, 7, 8, 9);

    ProblemError error = onlyError(valid().zone(ZoneIntensity.of("FR", nine)));

    assertThat(error.message()).contains("9 values", "8 slots", "1 too many");
  }

  @Test
  void build_scalarIntensity_isAnError() {
    ProblemError error = onlyError(valid().zone(ZoneIntensity.of("FR", SlotSeries.scalar(56))));

    assertThat(error.path()).isEqualTo("zones[1].gramsPerKwh");
    assertThat(error.message()).contains("single number", "one value per slot (8 values)");
  }

  @Test
  void build_mixedSignalKinds_isAnError() {
    ZoneIntensity marginal = new ZoneIntensity("CAISO_NORTH", SignalKind.MARGINAL, DE_GRAMS, Optional.empty());

    ProblemError error = onlyError(valid().zone(marginal));

    assertThat(error.path()).isEqualTo("zones[1].signal");
    assertThat(error.message()).contains("'CAISO_NORTH'", "'marginal'", "'DE'", "'average'", "cannot be mixed");
  }

  // ---------------------------------------------------------------- hubs

  @Test
  void build_noHubs_isAnError() {
    ProblemError error = onlyError(base());

    assertThat(error.path()).isEqualTo("hubs");
    assertThat(error.message()).contains("no hubs");
  }

  @Test
  void build_duplicateHub_isAnError() {
    ProblemError error = onlyError(valid().hub(berlin().build()));

    assertThat(error.path()).isEqualTo("hubs[1].id");
    assertThat(error.message()).contains("Hub 'berlin'", "listed twice (also hubs[0])");
  }

  @Test
  void build_hubInUnknownZone_listsKnownZones() {
    ProblemError error = onlyError(valid().hub(Hub.builder("lyon", "FR").capacityUnits(4).build()));

    assertThat(error.path()).isEqualTo("hubs[1].zone");
    assertThat(error.message()).contains("Hub 'lyon'", "zone 'FR'", "no intensity series", "Known zones: [DE]", "Maybe");
  }

  @Test
  void build_pueBelowOne_isAnError() {
    ProblemError error = onlyError(base().hub(berlin().pue(0.95).build()));

    assertThat(error.path()).isEqualTo("hubs[0].pue");
    assertThat(error.message()).contains("Hub 'berlin'", "0.95", ">= 1.0");
  }

  @Test
  void build_fractionalCapacity_isAnError() {
    ProblemError error = onlyError(base().hub(berlin().capacityUnits(SlotSeries.of(8, 8, 7.5, 8, 8, 8, 8, 8)).build()));

    assertThat(error.path()).isEqualTo("hubs[0].capacityUnits");
    assertThat(error.message()).contains("7.5", "whole units");
  }

  @Test
  void build_negativeCapacityInOneSlot_namesTheSlot() {
    ProblemError error = onlyError(base().hub(berlin().capacityUnits(SlotSeries.of(8, 8, 8, -1, 8, 8, 8, 8)).build()));

    assertThat(error.path()).isEqualTo("hubs[0].capacityUnits[3]");
    assertThat(error.message()).contains("capacityUnits", "-1.0", "slot 3", ">= 0");
  }

  @Test
  void build_capacitySeriesOfWrongLength_isAnError() {
    ProblemError error = onlyError(base().hub(berlin().capacityUnits(SlotSeries.of(8, 8)).build()));

    assertThat(error.path()).isEqualTo("hubs[0].capacityUnits");
    assertThat(error.message()).contains("2 values", "8 slots");
  }

  @Test
  void build_negativeScalarPrice_pointsAtTheField() {
    ProblemError error = onlyError(base().hub(berlin().pricePerKwh(-0.1).build()));

    assertThat(error.path()).isEqualTo("hubs[0].pricePerKwh");
    assertThat(error.message()).contains("pricePerKwh is -0.1", ">= 0");
  }

  @Test
  void build_negativePowerCapOrRenewables_isAnError() {
    Hub hub = berlin().powerCapKw(-100).renewableKw(SlotSeries.of(0, 0, 5, -5, 0, 0, 0, 0)).build();

    List<ProblemError> errors = errors(base().hub(hub));

    assertThat(errors).extracting(ProblemError::path).containsExactly("hubs[0].powerCapKw", "hubs[0].renewableKw[3]");
  }

  // ---------------------------------------------------------------- tenants

  @Test
  void build_duplicateTenant_isAnError() {
    ProblemError error = onlyError(valid().tenant(Tenant.of("lab", "civic")));

    assertThat(error.path()).isEqualTo("tenants[1].id");
    assertThat(error.message()).contains("Tenant 'lab'", "listed twice (also tenants[0])");
  }

  @Test
  void build_guaranteeAboveMaxShare_isAnError() {
    Tenant tenant = Tenant.of("students", "newcomer").withGuaranteedShare(0.4).withMaxShare(0.3);

    ProblemError error = onlyError(valid().tenant(tenant));

    assertThat(error.path()).isEqualTo("tenants[1].guaranteedShare");
    assertThat(error.message()).contains("'students'", "0.4", "above its maxShare 0.3", "Maybe");
  }

  @Test
  void build_sharesOutOfRange_areErrors() {
    List<ProblemError> errors = errors(valid()
        .tenant(Tenant.of("a", "x").withGuaranteedShare(-0.1))
        .tenant(Tenant.of("b", "x").withMaxShare(0))
        .tenant(Tenant.of("c", "x").withMaxShare(1.5)));

    assertThat(errors).extracting(ProblemError::path)
        .containsExactly("tenants[1].guaranteedShare", "tenants[2].maxShare", "tenants[3].maxShare");
    assertThat(errors.get(1).message()).contains("maxShare 0.0", "above 0 and at most 1");
  }

  @Test
  void build_guaranteesSummingAboveOne_isAnError() {
    Problem.Builder b = valid()
        .tenant(Tenant.of("students", "newcomer").withGuaranteedShare(0.7))
        .tenant(Tenant.of("civic", "civic").withGuaranteedShare(0.4));

    ProblemError error = onlyError(b);

    assertThat(error.path()).isEqualTo("tenants");
    assertThat(error.message()).contains("add up to 1.1 (students 0.7, civic 0.4)", "more than all the capacity",
        "Maybe lower");
  }

  @Test
  void build_guaranteesSummingAboveOne_showsARoundedSum() {
    Problem.Builder b = valid()
        .tenant(Tenant.of("a", "x").withGuaranteedShare(0.35))
        .tenant(Tenant.of("b", "x").withGuaranteedShare(0.35))
        .tenant(Tenant.of("c", "x").withGuaranteedShare(0.35));

    ProblemError error = onlyError(b);

    // 0.35 + 0.35 + 0.35 is 1.0499999999999998 in doubles; the message shows 1.05.
    assertThat(error.message()).contains("add up to 1.05 (a 0.35, b 0.35, c 0.35)");
  }

  @Test
  void build_guaranteesSummingToExactlyOne_passes() {
    Problem.Builder b = valid()
        .tenant(Tenant.of("students", "newcomer").withGuaranteedShare(0.7))
        .tenant(Tenant.of("civic", "civic").withGuaranteedShare(0.2))
        .tenant(Tenant.of("elders", "civic").withGuaranteedShare(0.1));

    assertThat(b.build().tenants()).hasSize(4);
  }

  @Test
  void build_nonPositiveWeight_isAnError() {
    List<ProblemError> errors = errors(valid()
        .tenant(Tenant.of("a", "x").withWeight(0))
        .tenant(Tenant.of("b", "x").withWeight(-1)));

    assertThat(errors).extracting(ProblemError::path).containsExactly("tenants[1].weight", "tenants[2].weight");
    assertThat(errors.get(0).message()).contains("Tenant 'a'", "weight 0.0", "> 0");
  }

  @Test
  void build_nonPositiveFairnessWindow_isAnErrorWithTheValueAndAFix() {
    List<ProblemError> errors = errors(valid()
        .tenant(Tenant.of("a", "x").withFairnessWindowSlots(0))
        .tenant(Tenant.of("b", "x").withFairnessWindowSlots(-3)));

    assertThat(errors).extracting(ProblemError::path)
        .containsExactly("tenants[1].fairnessWindowSlots", "tenants[2].fairnessWindowSlots");
    assertThat(errors.get(0).message()).isEqualTo("Tenant 'a' has fairnessWindowSlots 0; a fairness window is at "
        + "least 1 slot. Maybe use 24 (one day of 60-minute slots), or leave it out to measure the tenant's shares "
        + "over the whole horizon.");
    assertThat(errors.get(1).message()).contains("Tenant 'b'", "fairnessWindowSlots -3");
  }

  @Test
  void build_nonPositiveFairnessWindowWithSlotsNotDividingADay_suggestsTheHorizon() {
    Problem.Builder b = Problem.builder()
        .horizon(Horizon.of(T0, 7, 8))
        .zone(ZoneIntensity.of("DE", DE_GRAMS))
        .tenant(Tenant.of("lab", "research").withFairnessWindowSlots(0));

    ProblemError error = onlyError(b.hub(berlin().build()));

    assertThat(error.path()).isEqualTo("tenants[0].fairnessWindowSlots");
    assertThat(error.message()).contains("Maybe use 8 (the whole horizon)");
  }

  @Test
  void build_fairnessWindowOfOneSlotOrLongerThanTheHorizon_passes() {
    Problem p = valid()
        .tenant(Tenant.of("hourly", "x").withFairnessWindowSlots(1))
        .tenant(Tenant.of("long", "x").withFairnessWindowSlots(9))
        .build();

    assertThat(p.fairnessWindows("hourly")).hasSize(8);
    assertThat(p.fairnessWindows("long")).hasSize(1);
  }

  // ---------------------------------------------------------------- jobs: references and values

  @Test
  void build_duplicateJob_namesTheFirst() {
    ProblemError error = onlyError(valid().job(job("train-1").build()));

    assertThat(error.path()).isEqualTo("jobs[1].id");
    assertThat(error.message()).contains("Job 'train-1'", "listed twice", "also jobs[0]");
  }

  @Test
  void build_unknownTenant_listsKnownTenants() {
    ProblemError error = onlyError(valid().job(Job.builder("j", "nobody").durationSlots(1).powerKw(1)
        .window(hour(0), hour(8)).build()));

    assertThat(error.path()).isEqualTo("jobs[1].tenant");
    assertThat(error.message()).contains("Job 'j'", "tenant 'nobody'", "Known tenants: [lab]");
  }

  @Test
  void build_unknownAllowedHub_listsKnownHubs() {
    ProblemError error = onlyError(valid().job(job("j").allowedHubs("berlin", "lyon").build()));

    assertThat(error.path()).isEqualTo("jobs[1].allowedHubs[1]");
    assertThat(error.message()).contains("Job 'j'", "hub 'lyon'", "Known hubs: [berlin]");
  }

  @Test
  void build_unknownOriginHub_isAnError() {
    ProblemError error = onlyError(valid().job(job("j").originHub("lyon").build()));

    assertThat(error.path()).isEqualTo("jobs[1].originHub");
    assertThat(error.message()).contains("originHub 'lyon'", "Known hubs: [berlin]");
  }

  @Test
  void build_zeroOrNegativeDuration_isAnError() {
    List<ProblemError> errors = errors(valid()
        .job(job("zero").durationSlots(0).build())
        .job(job("negative").durationSlots(-2).build()));

    assertThat(errors).extracting(ProblemError::path).containsExactly("jobs[1].durationSlots", "jobs[2].durationSlots");
    assertThat(errors.get(0).message()).contains("Job 'zero'", "durationSlots 0", "at least 1 slot");
    assertThat(errors.get(1).message()).contains("durationSlots -2");
  }

  @Test
  void build_badPowerUnitsDataOrPriority_areErrors() {
    List<ProblemError> errors = errors(valid()
        .job(job("a").powerKw(-1).build())
        .job(job("b").units(0).build())
        .job(job("c").dataGb(Double.NaN).build())
        .job(job("d").priority(0).build()));

    assertThat(errors).extracting(ProblemError::path).containsExactly(
        "jobs[1].powerKw", "jobs[2].units", "jobs[3].dataGb", "jobs[4].priority");
    assertThat(errors.get(1).message()).contains("units 0", "at least 1 unit");
  }

  // ---------------------------------------------------------------- jobs: windows

  @Test
  void build_deadlineBeforeReleasePlusDuration_isAnError() {
    ProblemError error = onlyError(valid().job(job("j").durationSlots(3).window(hour(2), hour(4)).build()));

    assertThat(error.path()).isEqualTo("jobs[1].deadline");
    assertThat(error.message()).contains("Job 'j'", "deadline 2021-03-01T04:00:00Z",
        "before release + duration (2021-03-01T05:00:00Z)", "Maybe extend the deadline or shorten the job");
  }

  @Test
  void build_windowThatRoundsToTooFewSlots_isAnError() {
    // 01:30 .. 03:30 is 2 hours long, but only slot 2 (02:00..03:00) lies whole inside it.
    ProblemError error = onlyError(valid().job(job("j").window(hour(1.5), hour(3.5)).build()));

    assertThat(error.path()).isEqualTo("jobs[1].deadline");
    assertThat(error.message()).contains("needs 2 slots but only 1 whole slots", "rounded up (2021-03-01T02:00:00Z)",
        "(2021-03-01T03:00:00Z)", "align the window to slot boundaries");
  }

  @Test
  void build_windowBeyondTheHorizon_isAnError() {
    // The job may not run past the horizon's end (08:00) even if its deadline is later.
    ProblemError error = onlyError(valid().job(job("j").durationSlots(3).window(hour(6), hour(12)).build()));

    assertThat(error.path()).isEqualTo("jobs[1].deadline");
    assertThat(error.message()).contains("needs 3 slots but only 2", "within the horizon", "extend the deadline or the horizon");
  }

  @Test
  void build_releaseAtOrAfterHorizonEnd_isAnError() {
    ProblemError error = onlyError(valid().job(job("j").window(hour(8), hour(12)).build()));

    assertThat(error.path()).isEqualTo("jobs[1].release");
    assertThat(error.message()).contains("released at 2021-03-01T08:00:00Z", "horizon ends (2021-03-01T08:00:00Z)",
        "Maybe extend the horizon");
  }

  @Test
  void build_releaseBeforeHorizonStart_isClampedAndPasses() {
    Problem p = valid().job(job("j").window(hour(-3), hour(2)).build()).build();

    assertThat(p.releaseSlot(1)).isZero();
    assertThat(p.deadlineSlot(1)).isEqualTo(2);
  }

  // ---------------------------------------------------------------- jobs: fitting a hub

  @Test
  void build_jobNeedingMoreUnitsThanAnyHub_isAnError() {
    ProblemError error = onlyError(valid().job(job("big").units(16).build()));

    assertThat(error.path()).isEqualTo("jobs[1]");
    assertThat(error.message()).contains("Job 'big' fits no allowed hub", "needs 16 units", "berlin offers at most 8 units",
        "enough in 0 consecutive slots", "Maybe allow another hub");
  }

  @Test
  void build_jobAbovePowerCapTimesPue_isAnError() {
    // 90 kW x PUE 1.2 = 108 kW facility power, above the 100 kW cap.
    Problem.Builder b = base().hub(berlin().powerCapKw(100).build()).job(job("hot").powerKw(90).build());

    ProblemError error = onlyError(b);

    assertThat(error.path()).isEqualTo("jobs[0]");
    assertThat(error.message()).contains("needs 2 units and 90 kW (times the hub's PUE)", "8 units and 100 kW",
        "enough in 0 consecutive slots");
  }

  @Test
  void build_jobJustWithinPowerCapTimesPue_passes() {
    // 83 kW x 1.2 = 99.6 kW <= 100 kW.
    assertThat(base().hub(berlin().powerCapKw(100).build()).job(job("warm").powerKw(83).build()).build().jobs()).hasSize(1);
  }

  @Test
  void build_capacityFreeOnlyInSeparateSlots_fitsOnlyAnInterruptibleJob() {
    // 4 units free in slots 1, 3 and 5 only: no 2 consecutive slots, but 3 separate ones.
    Hub gappy = berlin().capacityUnits(SlotSeries.of(0, 4, 0, 4, 0, 4, 0, 0)).build();

    ProblemError error = onlyError(base().hub(gappy).job(job("straight").build()));
    Problem p = base().hub(gappy).job(job("split").interruptible(true).build()).build();

    assertThat(error.path()).isEqualTo("jobs[0]");
    assertThat(error.message()).contains("for 2 consecutive slots", "enough in 1 consecutive slots");
    assertThat(p.job("split").interruptible()).isTrue();
  }

  @Test
  void build_interruptibleJobWithTooFewFreeSlots_isAnErrorCountingSlots() {
    Hub gappy = berlin().capacityUnits(SlotSeries.of(0, 4, 0, 0, 0, 0, 0, 0)).build();

    ProblemError error = onlyError(base().hub(gappy).job(job("split").interruptible(true).build()));

    assertThat(error.message()).contains("for 2 slots", "berlin offers at most 4 units", "enough in 1 slots");
  }

  @Test
  void build_jobFitsOnlyAHubItIsNotAllowed_isAnError() {
    Problem.Builder b = base()
        .hub(berlin().capacityUnits(1).build())
        .hub(Hub.builder("big", "DE").capacityUnits(64).build())
        .job(job("j").allowedHubs("berlin").build());

    ProblemError error = onlyError(b);

    assertThat(error.message()).contains("berlin offers at most 1 units").doesNotContain("big");
  }

  @Test
  void build_jobFitsOneOfTwoAllowedHubs_passes() {
    Problem.Builder b = base()
        .hub(berlin().capacityUnits(1).build())
        .hub(Hub.builder("big", "DE").capacityUnits(64).build())
        .job(job("j").build());

    assertThat(b.build().jobs()).hasSize(1);
  }

  // ---------------------------------------------------------------- all together

  @Test
  void build_manyBrokenRules_reportsEveryOneInOrder() {
    Problem.Builder b = Problem.builder()
        .horizon(Horizon.hourly(T0, 8))
        .carbonPricePerTonne(-1)
        .zone(ZoneIntensity.of("DE", SlotSeries.of(1, 2, 3)))
        .hub(berlin().pue(0.5).build())
        .tenant(Tenant.of("lab", "research").withWeight(0))
        .job(Job.builder("j", "ghost").durationSlots(1).powerKw(1).window(hour(0), hour(8)).build())
        .job(job("k").durationSlots(0).build());

    InvalidProblemException e = (InvalidProblemException) catchThrowable(b::build);

    assertThat(e.errors()).extracting(ProblemError::path).containsExactly(
        "carbonPricePerTonne", "zones[0].gramsPerKwh", "hubs[0].pue", "tenants[0].weight", "jobs[0].tenant",
        "jobs[1].durationSlots");
    assertThat(e.getMessage()).startsWith("Problem has 6 errors:\n  - carbonPricePerTonne: ");
  }
}
