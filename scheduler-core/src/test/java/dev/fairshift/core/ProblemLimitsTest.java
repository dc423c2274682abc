package dev.fairshift.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Absurd but well-formed values are errors naming their field ({@link Limits}), never an overflow, an
 * {@code Infinity} in a report or an exception from java.time; and a value at a limit still builds.
 */
class ProblemLimitsTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");
  private static final SlotSeries GRAMS = SlotSeries.of(300, 280, 250, 200, 180, 220, 260, 300);

  private static Problem.Builder base(UnaryOperator<Hub.Builder> hub, UnaryOperator<Job.Builder> job) {
    return Problem.builder()
        .horizon(Horizon.hourly(T0, 8))
        .zone(ZoneIntensity.of("DE", GRAMS))
        .tenant(Tenant.of("lab", "research"))
        .hub(hub.apply(Hub.builder("berlin", "DE").pue(1.2).capacityUnits(8).pricePerKwh(0.2)).build())
        .job(job.apply(Job.builder("train-1", "lab").durationSlots(2).powerKw(10).units(2)
            .window(T0, T0.plus(Duration.ofHours(8)))).build());
  }

  private static ProblemError onlyError(Problem.Builder builder) {
    Throwable thrown = catchThrowable(builder::build);
    assertThat(thrown).isInstanceOf(InvalidProblemException.class);
    List<ProblemError> errors = ((InvalidProblemException) thrown).errors();
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }

  private static ProblemError onlyError(UnaryOperator<Hub.Builder> hub, UnaryOperator<Job.Builder> job) {
    return onlyError(base(hub, job));
  }

  @Test
  void powerKw_1e308_isAFieldErrorNotInfinity() {
    ProblemError e = onlyError(h -> h, j -> j.powerKw(1e308));

    assertThat(e.path()).isEqualTo("jobs[0].powerKw");
    assertThat(e.message()).contains("Job 'train-1' powerKw is 1.0E308", "at most 1000000");
  }

  @Test
  void powerKw_atTheLimit_builds() {
    Problem p = base(h -> h.capacityUnits(8), j -> j.powerKw(Limits.MAX_JOB_POWER_KW)).build();

    assertThat(Evaluator.evaluate(p, new Schedule("hand", List.of(new Assignment("train-1", "berlin", List.of(0, 1))),
        List.of())).emissionsGrams()).isFinite().isPositive();
  }

  @Test
  void capacity_1e10_isAFieldError() {
    ProblemError e = onlyError(h -> h.capacityUnits(SlotSeries.scalar(1e10)), j -> j);

    assertThat(e.path()).isEqualTo("hubs[0].capacityUnits");
    assertThat(e.message()).contains("1.0E10", "at most 1000000");
  }

  @Test
  void price_perSlot_namesTheSlot() {
    ProblemError e = onlyError(h -> h.pricePerKwh(SlotSeries.of(0.2, 0.2, 0.2, 5e7, 0.2, 0.2, 0.2, 0.2)), j -> j);

    assertThat(e.path()).isEqualTo("hubs[0].pricePerKwh[3]");
    assertThat(e.message()).contains("in slot 3", "5.0E7");
  }

  @Test
  void pue_renewables_powerCap_dataGb_priority_areBounded() {
    assertThat(onlyError(h -> h.pue(11), j -> j).path()).isEqualTo("hubs[0].pue");
    assertThat(onlyError(h -> h.renewableKw(SlotSeries.scalar(1e12)), j -> j).path()).isEqualTo("hubs[0].renewableKw");
    assertThat(onlyError(h -> h.powerCapKw(1e12), j -> j).path()).isEqualTo("hubs[0].powerCapKw");
    assertThat(onlyError(h -> h, j -> j.originHub("berlin").dataGb(1e12)).path()).isEqualTo("jobs[0].dataGb");
    assertThat(onlyError(h -> h, j -> j.priority(Integer.MAX_VALUE)).path()).isEqualTo("jobs[0].priority");
  }

  @Test
  void intensity_carbonPrice_transfer_weight_areBounded() {
    Problem.Builder grams = base(h -> h, j -> j);
    grams = Problem.builder().horizon(Horizon.hourly(T0, 8))
        .zone(ZoneIntensity.of("DE", SlotSeries.of(300, 280, 250, 2e6, 180, 220, 260, 300)))
        .tenant(Tenant.of("lab", "research")).hub(Hub.builder("berlin", "DE").capacityUnits(8).build());
    assertThat(onlyError(grams).path()).isEqualTo("zones[0].gramsPerKwh[3]");
    assertThat(onlyError(base(h -> h, j -> j).carbonPricePerTonne(1e12)).path()).isEqualTo("carbonPricePerTonne");
    assertThat(onlyError(base(h -> h, j -> j).transferKwhPerGb(1e6)).path()).isEqualTo("transferKwhPerGb");
    Problem.Builder light = base(h -> h, j -> j);
    light = Problem.builder().horizon(Horizon.hourly(T0, 8)).zone(ZoneIntensity.of("DE", GRAMS))
        .tenant(Tenant.of("lab", "research").withWeight(1e-300)).hub(Hub.builder("berlin", "DE").capacityUnits(8).build());
    ProblemError weight = onlyError(light);
    assertThat(weight.path()).isEqualTo("tenants[0].weight");
    assertThat(weight.message()).contains("1.0E-300", "Maybe use 1");
  }

  @Test
  void tinyCarbonPrice_withDearEnergy_isAnErrorOnTheCarbonPrice() {
    // 1e-9 per tonne makes one currency unit worth 1e15 g CO2e to the solvers: energy cost would overflow.
    ProblemError e = onlyError(base(h -> h.pricePerKwh(1000), j -> j).carbonPricePerTonne(1e-9));

    assertThat(e.path()).isEqualTo("carbonPricePerTonne");
    assertThat(e.message()).contains("1.0E-9", "Maybe raise the carbon price");
  }

  @Test
  void manyLargeJobs_worstCaseEmissionsBeyondAGigatonne_isAnError() {
    Problem.Builder b = Problem.builder().horizon(Horizon.of(T0, Limits.MAX_SLOT_MINUTES, 8))
        .zone(ZoneIntensity.of("DE", SlotSeries.of(1e5, 1, 1, 1, 1, 1, 1, 1)))
        .tenant(Tenant.of("lab", "research"))
        .hub(Hub.builder("berlin", "DE").pue(10).capacityUnits(1_000_000).build());
    for (int i = 0; i < 200; i++) {
      b.job(Job.builder("big-" + i, "lab").durationSlots(8).powerKw(1e6)
          .window(T0, T0.plus(Limits.MAX_SLOT_LENGTH.multipliedBy(8))).build());
    }

    ProblemError e = onlyError(b);

    assertThat(e.path()).isEqualTo("jobs");
    assertThat(e.message()).contains("1 Gt", "zone 'DE'", "jobs[0] ('big-0'");
  }

  @Test
  void manyJobsAtAGigawatt_onACleanGrid_stillExceedTheTotalPower() {
    // Every intensity 0: no emissions limit can bind, but 2000 GW in one hub-slot would overflow microwatts.
    Problem.Builder b = Problem.builder().horizon(Horizon.hourly(T0, 2))
        .zone(ZoneIntensity.of("DE", SlotSeries.of(0, 0)))
        .tenant(Tenant.of("lab", "research"))
        .hub(Hub.builder("berlin", "DE").capacityUnits(1_000_000).build());
    for (int i = 0; i < 2000; i++) {
      b.job(Job.builder("gw-" + i, "lab").durationSlots(1).powerKw(Limits.MAX_JOB_POWER_KW)
          .window(T0, T0.plus(Duration.ofHours(2))).build());
    }

    ProblemError e = onlyError(b);

    assertThat(e.path()).isEqualTo("jobs");
    assertThat(e.message()).contains("2000000000 kW together", "at most 1000000000 kW");
  }

  @Test
  void releaseNearInstantMax_isAFieldErrorNotADateTimeException() {
    Throwable thrown = catchThrowable(() -> base(h -> h, j -> j.window(Instant.MAX.minusSeconds(10), Instant.MAX)).build());

    // Both instants are out of range, each named; nothing adds slots to them.
    List<ProblemError> errors = ((InvalidProblemException) thrown).errors();
    assertThat(errors).extracting(ProblemError::path).containsExactly("jobs[0].release", "jobs[0].deadline");
    assertThat(errors.get(0).message()).contains("Job 'train-1' is released at +1000000000-12-31T23:59:49.999999999Z",
        "years 1 to 9999");
  }

  @Test
  void jobDuration_enormousOrNotPositive_isAClearArgumentError() {
    Horizon hourly = Horizon.hourly(T0, 8);
    // 300 years: more nanoseconds than a long holds, still a whole number of hours.
    assertThat(Job.builder("j", "lab").duration(Duration.ofDays(365L * 300), hourly).powerKw(1)
        .window(T0, T0.plus(Duration.ofHours(8))).build().durationSlots()).isEqualTo(365 * 300 * 24);
    assertThat(catchThrowable(() -> Job.builder("j", "lab").duration(Duration.ofSeconds(Long.MAX_VALUE), hourly)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a whole number");
    assertThat(catchThrowable(() -> Job.builder("j", "lab").duration(Duration.ofHours(Long.MAX_VALUE / 3600), hourly)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than any horizon holds");
    assertThat(catchThrowable(() -> Job.builder("j", "lab").duration(Duration.ZERO, hourly)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not positive");
    // The enormous but whole duration is then a field error when the problem is built.
    ProblemError e = onlyError(h -> h, j -> j.duration(Duration.ofDays(365L * 300), hourly));
    assertThat(e.path()).isEqualTo("jobs[0].deadline");
  }

  @Test
  void horizon_absurdLengths_areFieldErrors() {
    Problem.Builder b = base(h -> h, j -> j).horizon(new Horizon(T0, Duration.ofDays(365 * 1000), 8));
    assertThat(onlyError(b).path()).isEqualTo("horizon.slotMinutes");
    b = base(h -> h, j -> j).horizon(Horizon.hourly(Instant.parse("9999-12-31T20:00:00Z"), 8));
    ProblemError end = onlyError(b);
    assertThat(end.path()).isEqualTo("horizon.slots");
    assertThat(end.message()).contains("after the end of year 9999");
    b = base(h -> h, j -> j).horizon(Horizon.hourly(Instant.MIN, 8));
    assertThat(onlyError(b).path()).isEqualTo("horizon.start");
  }

  @Test
  void ids_emptyOrWithControlCharacters_areRejectedAndEscaped() {
    Problem.Builder b = Problem.builder().horizon(Horizon.hourly(T0, 8))
        .zone(ZoneIntensity.of("DE", GRAMS))
        .tenant(Tenant.of("lab", "research"))
        .hub(Hub.builder("", "DE").capacityUnits(8).build())
        .hub(Hub.builder("evil\u001B[2J\r", "DE").capacityUnits(8).build());
    Throwable thrown = catchThrowable(b::build);

    List<ProblemError> errors = ((InvalidProblemException) thrown).errors();
    assertThat(errors).extracting(ProblemError::path).containsExactly("hubs[0].id", "hubs[1].id");
    assertThat(errors.get(0).message()).contains("id is empty");
    assertThat(errors.get(1).message()).contains("U+001B at position 4", "evil\\u001B[2J\\r");
    // Neither the errors nor the exception's message print a raw control character.
    assertThat(thrown.getMessage()).doesNotContain("\u001B", "\r").contains("\\u001B");
  }

  @Test
  void printable_escapesControlsFormatCharactersAndLoneSurrogates() {
    assertThat(Printable.escape("a\tb\nc\u0000d\u202Ee\uD800f\u2028")).isEqualTo("a\\tb\\nc\\u0000d\\u202Ee\\uD800f\\u2028");
    assertThat(Printable.escape("Zürich 東京 \uD83D\uDE00")).isEqualTo("Zürich 東京 \uD83D\uDE00");
    assertThat(Printable.firstUnsafe("ok")).isEqualTo(-1);
  }
}
