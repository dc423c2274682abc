package dev.fairshift.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Fairness windows: how {@link Problem} cuts the horizon, and the {@link Evaluator}'s per-window
 * guarantee and cap, on cases computed by hand.
 */
class FairnessWindowsTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  private static Instant at(int hours) {
    return T0.plus(Duration.ofHours(hours));
  }

  /** 6 hourly slots, one hub 'h' of 4 units (8 unit-slots per 2-slot window, 24 in all). */
  private static Problem.Builder sixSlots(Tenant tenant) {
    return Problem.builder()
        .horizon(Horizon.hourly(T0, 6))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(1, 1, 1, 1, 1, 1)))
        .hub(Hub.builder("h", "Z").capacityUnits(4).build())
        .tenant(tenant);
  }

  private static Job job(String id, int releaseHour, int duration, int units) {
    return Job.builder(id, "w").durationSlots(duration).powerKw(1).units(units).window(at(releaseHour), at(6))
        .build();
  }

  /**
   * Tenant w (guaranteedShare 0.25, maxShare 0.5, windows of 2 slots: guarantee min(D, 2) and cap 4
   * per window): a (released 0, 2 slots x 2 units) at 0-1; d (released 0, 2 x 1) at 3-4; b
   * (released 2, 1 x 1) left out; c (released 4, 2 x 2) at 4-5.
   */
  private static Problem threeWindows(Tenant tenant) {
    return sixSlots(tenant)
        .job(job("a", 0, 2, 2))
        .job(job("d", 0, 2, 1))
        .job(job("b", 2, 1, 1))
        .job(job("c", 4, 2, 2))
        .build();
  }

  private static final Schedule THREE_WINDOWS = new Schedule("test", List.of(
      Assignment.contiguous("a", "h", 0, 2),
      Assignment.contiguous("d", "h", 3, 2),
      Assignment.contiguous("c", "h", 4, 2)),
      List.of(new Unscheduled("b", "test")));

  private static Tenant windowed() {
    return Tenant.of("w", "newcomer").withGuaranteedShare(0.25).withMaxShare(0.5).withFairnessWindowSlots(2);
  }

  @Test
  void tenant_withersKeepTheWindow_andTheOldConstructorHasNone() {
    Tenant t = Tenant.of("w", "x").withFairnessWindowSlots(24);

    assertThat(t.withGuaranteedShare(0.1).withMaxShare(0.5).withWeight(2).fairnessWindowSlots())
        .isEqualTo(OptionalInt.of(24));
    assertThat(t.withWholeHorizonWindow().fairnessWindowSlots()).isEmpty();
    assertThat(new Tenant("w", "x", 0.0, 1.0, 1.0)).isEqualTo(Tenant.of("w", "x"));
    assertThat(Tenant.of("w", "x").fairnessWindowSlots()).isEmpty();
    assertThat(t.windowSlotsIn(168)).isEqualTo(24);
    assertThat(t.windowSlotsIn(12)).isEqualTo(12);
    assertThat(Tenant.of("w", "x").windowSlotsIn(168)).isEqualTo(168);
  }

  @Test
  void fairnessWindows_consecutiveBlocksFromSlotZero_lastOneShorter() {
    Problem p = Problem.builder()
        .horizon(Horizon.hourly(T0, 5))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(1, 1, 1, 1, 1)))
        .hub(Hub.builder("h1", "Z").capacityUnits(SlotSeries.of(4, 4, 2, 2, 3)).build())
        .hub(Hub.builder("h2", "Z").capacityUnits(1).build())
        .tenant(Tenant.of("w", "x").withFairnessWindowSlots(2))
        .tenant(Tenant.of("whole", "x"))
        .build();

    // Per slot 5, 5, 3, 3, 4: windows [0,2) = 10, [2,4) = 6, [4,5) = 4.
    assertThat(p.fairnessWindows("w")).containsExactly(
        new FairnessWindow(0, 0, 2, at(0), at(2), 10),
        new FairnessWindow(1, 2, 4, at(2), at(4), 6),
        new FairnessWindow(2, 4, 5, at(4), at(5), 4));
    assertThat(p.fairnessWindowAt(0, 3).index()).isEqualTo(1);
    assertThat(p.fairnessWindowAt(0, 4).index()).isEqualTo(2);
    assertThat(p.fairnessWindows("whole")).containsExactly(new FairnessWindow(0, 0, 5, at(0), at(5), 20));
  }

  @Test
  void fairnessWindows_longerThanTheHorizon_isTheHorizon() {
    Problem p = sixSlots(Tenant.of("w", "x").withFairnessWindowSlots(1000)).build();

    assertThat(p.fairnessWindows("w")).containsExactly(new FairnessWindow(0, 0, 6, at(0), at(6), 24));
  }

  @Test
  void evaluate_guaranteeMetInOneWindowMissedInAnother_capExceededInOneWindowOnly() {
    Problem p = threeWindows(windowed());

    Evaluation e = Evaluator.evaluate(p, THREE_WINDOWS);

    TenantResult w = e.tenant("w");
    assertThat(w.hasFairnessWindows()).isTrue();
    assertThat(w.windows()).hasSize(3);
    // Window 0, slots 0-1: a and d released there, 4 + 2 = 6 demanded, all scheduled (d runs
    // later, in windows 1 and 2, and still counts here); guarantee min(6, 0.25 x 8) = 2: met.
    // Running: a's 4 unit-slots, exactly the cap 0.5 x 8 = 4.
    TenantWindowResult w0 = w.windows().get(0);
    assertThat(w0.window()).isEqualTo(new FairnessWindow(0, 0, 2, at(0), at(2), 8));
    assertThat(w0.demandedUnitSlots()).isEqualTo(6);
    assertThat(w0.guaranteedUnitSlots()).isEqualTo(2.0);
    assertThat(w0.scheduledUnitSlots()).isEqualTo(6);
    assertThat(w0.quotaMet()).isTrue();
    assertThat(w0.runningUnitSlots()).isEqualTo(4);
    assertThat(w0.maxUnitSlots()).isEqualTo(4.0);
    assertThat(w0.overMaxShare()).isFalse();
    // Window 1, slots 2-3: b released there (1 unit-slot) and left out: guarantee min(1, 2) = 1,
    // got 0: missed. Running: d's slot 3.
    TenantWindowResult w1 = w.windows().get(1);
    assertThat(w1.demandedUnitSlots()).isEqualTo(1);
    assertThat(w1.guaranteedUnitSlots()).isEqualTo(1.0);
    assertThat(w1.scheduledUnitSlots()).isZero();
    assertThat(w1.quotaMet()).isFalse();
    assertThat(w1.runningUnitSlots()).isEqualTo(1);
    // Window 2, slots 4-5: c released there, 4 demanded and scheduled: met. Running: d's slot 4
    // (1) and c (4) = 5 > 4.
    TenantWindowResult w2 = w.windows().get(2);
    assertThat(w2.demandedUnitSlots()).isEqualTo(4);
    assertThat(w2.guaranteedUnitSlots()).isEqualTo(2.0);
    assertThat(w2.quotaMet()).isTrue();
    assertThat(w2.runningUnitSlots()).isEqualTo(5);
    assertThat(w2.overMaxShare()).isTrue();
    assertThat(w.unmetWindows()).containsExactly(w1);

    // Whole-horizon fields: every unit-slot, the sum of the guarantees, met only in every window.
    assertThat(w.demandedUnitSlots()).isEqualTo(11);
    assertThat(w.scheduledUnitSlots()).isEqualTo(10);
    assertThat(w.guaranteedUnitSlots()).isEqualTo(5.0);
    assertThat(w.quotaMet()).isFalse();
    assertThat(w.maxUnitSlots()).isEqualTo(12.0);
    assertThat(e.allQuotasMet()).isFalse();

    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.rule()).isEqualTo(HardRule.MAX_SHARE);
      assertThat(v.subject()).isEqualTo("w");
      assertThat(v.slot()).isEqualTo(-1);
      assertThat(v.message()).contains("Tenant 'w'", "runs 5 unit-slots", "window 2 (slots 4..5",
          "2021-03-01T04:00:00Z to 2021-03-01T06:00:00Z", "maxShare 0.5", "8 unit-slots", "(4)");
    });
  }

  @Test
  void evaluate_sameScheduleWithoutWindows_isFormatsWholeHorizonRule() {
    Problem p = threeWindows(windowed().withWholeHorizonWindow());

    Evaluation e = Evaluator.evaluate(p, THREE_WINDOWS);

    // One window: guarantee min(11, 0.25 x 24) = 6, got 10: met; 10 unit-slots within 0.5 x 24 = 12.
    TenantResult w = e.tenant("w");
    assertThat(w.hasFairnessWindows()).isFalse();
    assertThat(w.windows()).singleElement().satisfies(r -> {
      assertThat(r.window()).isEqualTo(new FairnessWindow(0, 0, 6, at(0), at(6), 24));
      assertThat(r.demandedUnitSlots()).isEqualTo(11);
      assertThat(r.scheduledUnitSlots()).isEqualTo(10);
      assertThat(r.runningUnitSlots()).isEqualTo(10);
    });
    assertThat(w.guaranteedUnitSlots()).isEqualTo(6.0);
    assertThat(w.quotaMet()).isTrue();
    assertThat(e.violations()).isEmpty();
  }

  @Test
  void evaluate_windowLongerThanHorizon_isTheWholeHorizonRuleWithItsMessage() {
    Tenant capped = Tenant.of("w", "x").withMaxShare(0.25).withFairnessWindowSlots(10);
    Problem p = sixSlots(capped).job(job("a", 0, 2, 4)).build();

    Evaluation e = Evaluator.evaluate(p, new Schedule("test", List.of(Assignment.contiguous("a", "h", 0, 2)),
        List.of()));

    // 8 unit-slots against 0.25 x 24 = 6, reported exactly as without a window.
    Evaluation without = Evaluator.evaluate(sixSlots(capped.withWholeHorizonWindow()).job(job("a", 0, 2, 4)).build(),
        new Schedule("test", List.of(Assignment.contiguous("a", "h", 0, 2)), List.of()));
    assertThat(e.violations()).singleElement().extracting(Violation::message)
        .isEqualTo("Tenant 'w' holds 8 unit-slots, more than its maxShare 0.25 of the 24 unit-slots of capacity (6).");
    assertThat(e.violations()).isEqualTo(without.violations());
    assertThat(e.tenants()).isEqualTo(without.tenants());
  }

  @Test
  void evaluate_jobAcrossTwoWindows_countsInEach() {
    // Windows of 3 slots (12 unit-slots, cap 0.25 x 12 = 3); a (3 units) over slots 2-3 runs 3 in
    // window 0 and 3 in window 1: within both, though 6 in one window would not be. b (1 unit) in
    // slot 5 then takes window 1 to 4.
    Problem p = sixSlots(Tenant.of("w", "x").withMaxShare(0.25).withFairnessWindowSlots(3))
        .job(job("a", 0, 2, 3))
        .job(job("b", 0, 1, 1))
        .build();
    Evaluation within = Evaluator.evaluate(p, new Schedule("test",
        List.of(Assignment.contiguous("a", "h", 2, 2)), List.of(new Unscheduled("b", "x"))));
    assertThat(within.violations()).isEmpty();
    assertThat(within.tenant("w").windows()).extracting(TenantWindowResult::runningUnitSlots).containsExactly(3L, 3L);

    Evaluation over = Evaluator.evaluate(p, new Schedule("test",
        List.of(Assignment.contiguous("a", "h", 2, 2), Assignment.contiguous("b", "h", 5, 1)), List.of()));
    assertThat(over.violations()).singleElement().extracting(Violation::message).asString()
        .contains("runs 4 unit-slots", "window 1 (slots 3..5");
  }

  @Test
  void evaluate_windowWithoutCapacity_guaranteesNothingThere() {
    // Slots 2-3 have no capacity: window 1 guarantees min(1, 0.5 x 0) = 0, so leaving b (released
    // there) out misses nothing; window 0 guarantees min(2, 0.5 x 8) = 2 and a gets it.
    Problem p = Problem.builder()
        .horizon(Horizon.hourly(T0, 6))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(1, 1, 1, 1, 1, 1)))
        .hub(Hub.builder("h", "Z").capacityUnits(SlotSeries.of(4, 4, 0, 0, 4, 4)).build())
        .tenant(Tenant.of("w", "x").withGuaranteedShare(0.5).withFairnessWindowSlots(2))
        .job(Job.builder("a", "w").durationSlots(2).powerKw(1).window(at(0), at(2)).build())
        .job(Job.builder("b", "w").durationSlots(1).powerKw(1).window(at(2), at(6)).build())
        .build();

    Evaluation e = Evaluator.evaluate(p, new Schedule("test", List.of(Assignment.contiguous("a", "h", 0, 2)),
        List.of(new Unscheduled("b", "x"))));

    assertThat(e.tenant("w").windows()).extracting(TenantWindowResult::guaranteedUnitSlots)
        .containsExactly(2.0, 0.0, 0.0);
    assertThat(e.tenant("w").windows()).extracting(TenantWindowResult::demandedUnitSlots)
        .containsExactly(2L, 1L, 0L);
    assertThat(e.tenant("w").quotaMet()).isTrue();
  }
}
