package dev.fairshift.solver.optaplanner.internal;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

/**
 * One test group per constraint: each checks the penalty on a hand-made fixture (so a changed
 * weight function fails) and the whole score of the same fixture, in which only that constraint
 * fires (so a constraint removed or moved to another level fails).
 */
class FairshiftConstraintsTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");
  private static final ConstraintVerifier<FairshiftConstraints, PlanSolution> VERIFIER =
      ConstraintVerifier.build(new FairshiftConstraints(), PlanSolution.class, JobAssignment.class, JobSlot.class);

  private static Instant slot(int i) {
    return T0.plusSeconds(3600L * i);
  }

  /** 6 hourly slots, zero intensity, one hub 'a' of 2 units (total capacity 12 unit-slots). */
  private static Problem.Builder quiet() {
    return Problem.builder()
        .horizon(Horizon.hourly(T0, 6))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(0, 0, 0, 0, 0, 0)))
        .hub(Hub.builder("a", "Z").capacityUnits(2).build())
        .tenant(Tenant.of("t", "research"));
  }

  private static Job.Builder job(String id, int duration, double kw) {
    return Job.builder(id, "t").durationSlots(duration).powerKw(kw).window(slot(0), slot(6));
  }

  @Nested
  class HubCapacity {
    @Test
    void hubCapacity_overloadedSlot() {
      PlanFixture f = new PlanFixture(quiet()
          .job(job("big", 2, 1).units(2).build())
          .job(job("small", 1, 1).units(1).build())
          .build());
      JobAssignment big = f.placed("big", "a", 0);
      JobAssignment small = f.placed("small", "a", 1);
      // Slot 1 runs 3 units on 2: one unit over, at the rule weight of 12 + 1.
      VERIFIER.verifyThat(FairshiftConstraints::hubCapacity).given(big, small).penalizesBy(13);
      VERIFIER.verifyThat().given(big, small).scores(HardMediumSoftLongScore.of(-13, 0, 0));
    }

    @Test
    void hubCapacity_withinCapacity() {
      PlanFixture f = new PlanFixture(quiet()
          .job(job("big", 2, 1).units(2).build())
          .job(job("small", 1, 1).units(1).build())
          .build());
      VERIFIER.verifyThat(FairshiftConstraints::hubCapacity)
          .given(f.placed("big", "a", 0), f.placed("small", "a", 2)).penalizesBy(0);
    }
  }

  @Nested
  class HubPowerCap {
    private Problem capped() {
      return quiet()
          .hub(Hub.builder("p", "Z").capacityUnits(4).pue(1.5).powerCapKw(30).build())
          .job(job("x", 1, 12).build())
          .job(job("y", 1, 10).build())
          .job(job("z", 1, 8.1).build())
          .build();
    }

    @Test
    void hubPowerCap_overByThreeKw() {
      PlanFixture f = new PlanFixture(capped());
      JobAssignment x = f.placed("x", "p", 0);
      JobAssignment y = f.placed("y", "p", 0);
      // (12 + 10) kW x PUE 1.5 = 33 kW on a 30 kW cap: 3 kW over; capacity 12 + 24 = 36, weight 37.
      VERIFIER.verifyThat(FairshiftConstraints::hubPowerCap).given(x, y).penalizesBy(3 * 37);
      VERIFIER.verifyThat().given(x, y).scores(HardMediumSoftLongScore.of(-3 * 37, 0, 0));
    }

    @Test
    void hubPowerCap_fractionOverRoundsUpToOneKw() {
      PlanFixture f = new PlanFixture(capped());
      // (12 + 8.1) x 1.5 = 30.15 kW: 0.15 kW over, counted as 1 kW.
      VERIFIER.verifyThat(FairshiftConstraints::hubPowerCap)
          .given(f.placed("x", "p", 2), f.placed("z", "p", 2)).penalizesBy(37);
    }

    @Test
    void hubPowerCap_separateSlotsWithinCap() {
      PlanFixture f = new PlanFixture(capped());
      VERIFIER.verifyThat(FairshiftConstraints::hubPowerCap)
          .given(f.placed("x", "p", 0), f.placed("y", "p", 1)).penalizesBy(0);
    }
  }

  @Nested
  class ReleaseAndDeadline {
    private Problem windowed() {
      return quiet()
          .job(job("w", 2, 1).window(slot(2), slot(5)).build())
          .job(job("i", 2, 1).window(slot(2), slot(5)).interruptible(true).build())
          .build();
    }

    @Test
    void releaseAndDeadline_oneSlotAfterDeadline() {
      PlanFixture f = new PlanFixture(windowed());
      JobAssignment late = f.placed("w", "a", 4);
      // Slots 4 and 5; the deadline is slot 5, so one slot is late.
      VERIFIER.verifyThat(FairshiftConstraints::releaseAndDeadline).given(late).penalizesBy(13);
      VERIFIER.verifyThat().given(late).scores(HardMediumSoftLongScore.of(-13, 0, 0));
    }

    @Test
    void releaseAndDeadline_twoSlotsBeforeRelease() {
      PlanFixture f = new PlanFixture(windowed());
      VERIFIER.verifyThat(FairshiftConstraints::releaseAndDeadline).given(f.placed("w", "a", 0)).penalizesBy(2 * 13);
    }

    @Test
    void releaseAndDeadline_interruptibleSlotBeforeRelease() {
      PlanFixture f = new PlanFixture(windowed());
      VERIFIER.verifyThat(FairshiftConstraints::releaseAndDeadline)
          .given(f.interruptible("i", "a"), f.slot("i", 0, "a", 1), f.slot("i", 1, "a", 4)).penalizesBy(13);
    }

    @Test
    void releaseAndDeadline_insideWindow() {
      PlanFixture f = new PlanFixture(windowed());
      VERIFIER.verifyThat(FairshiftConstraints::releaseAndDeadline).given(f.placed("w", "a", 3)).penalizesBy(0);
    }
  }

  @Nested
  class DataResidency {
    @Test
    void dataResidency_hubNotAllowed() {
      PlanFixture f = new PlanFixture(quiet()
          .hub(Hub.builder("b", "Z").capacityUnits(2).build())
          .job(job("eu", 1, 1).allowedHubs("a").build())
          .build());
      JobAssignment outside = f.placed("eu", "b", 0);
      // Two hubs of 2 units over 6 slots: weight 24 + 1.
      VERIFIER.verifyThat(FairshiftConstraints::dataResidency).given(outside).penalizesBy(25);
      VERIFIER.verifyThat().given(outside).scores(HardMediumSoftLongScore.of(-25, 0, 0));
      VERIFIER.verifyThat(FairshiftConstraints::dataResidency).given(f.placed("eu", "a", 0)).penalizesBy(0);
    }
  }

  @Nested
  class SlotUsedTwice {
    private final PlanFixture f = new PlanFixture(quiet()
        .job(job("i", 3, 1).interruptible(true).build())
        .build());

    @Test
    void slotUsedTwice_allThreePartsInOneSlot() {
      JobAssignment i = f.interruptible("i", "a");
      JobSlot p0 = f.slot("i", 0, "a", 1);
      JobSlot p1 = f.slot("i", 1, "a", 1);
      JobSlot p2 = f.slot("i", 2, "a", 1);
      // Three pairs share slot 1.
      VERIFIER.verifyThat(FairshiftConstraints::slotUsedTwice).given(i, p0, p1, p2).penalizesBy(3 * 13);
      // Slot 1 also runs 3 units on 2: one over.
      VERIFIER.verifyThat().given(i, p0, p1, p2).scores(HardMediumSoftLongScore.of(-4 * 13, 0, 0));
    }

    @Test
    void slotUsedTwice_distinctSlots() {
      VERIFIER.verifyThat(FairshiftConstraints::slotUsedTwice)
          .given(f.interruptible("i", "a"), f.slot("i", 0, "a", 1), f.slot("i", 1, "a", 3), f.slot("i", 2, "a", 5))
          .penalizesBy(0);
    }

    @Test
    void slotUsedTwice_unscheduledJobIgnored() {
      VERIFIER.verifyThat(FairshiftConstraints::slotUsedTwice)
          .given(f.unscheduled("i"), f.slot("i", 0, null, 1), f.slot("i", 1, null, 1), f.slot("i", 2, null, 2))
          .penalizesBy(0);
    }
  }

  @Nested
  class TenantMaxShare {
    private Problem capped(double maxShare) {
      return quiet()
          .tenant(Tenant.of("small", "newcomer").withMaxShare(maxShare))
          .job(Job.builder("s1", "small").durationSlots(2).powerKw(1).window(slot(0), slot(6)).build())
          .job(Job.builder("s2", "small").durationSlots(2).powerKw(1).window(slot(0), slot(6)).build())
          .build();
    }

    @Test
    void tenantMaxShare_oneUnitSlotOver() {
      PlanFixture f = new PlanFixture(capped(0.25));
      JobAssignment s1 = f.placed("s1", "a", 0);
      JobAssignment s2 = f.placed("s2", "a", 2);
      // 4 unit-slots against 0.25 x 12 = 3.
      VERIFIER.verifyThat(FairshiftConstraints::tenantMaxShare).given(s1, s2).penalizesBy(13);
      VERIFIER.verifyThat().given(s1, s2).scores(HardMediumSoftLongScore.of(-13, 0, 0));
    }

    @Test
    void tenantMaxShare_fractionOverRoundsUp() {
      PlanFixture f = new PlanFixture(capped(0.2));
      // 4 unit-slots against 0.2 x 12 = 2.4: 1.6 over, counted as 2.
      VERIFIER.verifyThat(FairshiftConstraints::tenantMaxShare)
          .given(f.placed("s1", "a", 0), f.placed("s2", "a", 2)).penalizesBy(2 * 13);
    }

    @Test
    void tenantMaxShare_withinShare() {
      PlanFixture f = new PlanFixture(capped(0.25));
      VERIFIER.verifyThat(FairshiftConstraints::tenantMaxShare)
          .given(f.placed("s1", "a", 0), f.unscheduled("s2")).penalizesBy(0);
    }

    /**
     * Tenant small, maxShare 0.5 per window of 3 slots (6 unit-slots each: cap 3); 1 unit each: s1, s2
     * of 2 slots, s3 interruptible of 3, s4 of 1.
     */
    private Problem cappedPerWindow() {
      return quiet()
          .tenant(Tenant.of("small", "newcomer").withMaxShare(0.5).withFairnessWindowSlots(3))
          .job(Job.builder("s1", "small").durationSlots(2).powerKw(1).window(slot(0), slot(6)).build())
          .job(Job.builder("s2", "small").durationSlots(2).powerKw(1).window(slot(0), slot(6)).build())
          .job(Job.builder("s3", "small").durationSlots(3).powerKw(1).window(slot(0), slot(6)).interruptible(true)
              .build())
          .job(Job.builder("s4", "small").durationSlots(1).powerKw(1).window(slot(0), slot(6)).build())
          .build();
    }

    @Test
    void tenantMaxShare_overInOneWindowOnly() {
      PlanFixture f = new PlanFixture(cappedPerWindow());
      // s1 at 0-1 and s2 at 1-2: 4 unit-slots in window 0 (slots 0-2) against 3; window 1 empty.
      // Over the horizon 4 of 0.5 x 12 = 6 would be fine: only the window breaks the rule.
      JobAssignment s1 = f.placed("s1", "a", 0);
      JobAssignment s2 = f.placed("s2", "a", 1);
      VERIFIER.verifyThat(FairshiftConstraints::tenantMaxShare).given(s1, s2, f.unscheduled("s3"))
          .penalizesBy(13);
      VERIFIER.verifyThat(FairshiftConstraints::tenantMaxShare).given(s1, s2, f.unscheduled("s3"))
          .penalizes(1);
    }

    @Test
    void tenantMaxShare_runAcrossTheWindowBoundaryCountsInBoth() {
      PlanFixture f = new PlanFixture(cappedPerWindow());
      // s1 at 0-1 (window 0: 2), s2 at 2-3 (window 0: 1, window 1: 1): 3 and 1, both within 3.
      VERIFIER.verifyThat(FairshiftConstraints::tenantMaxShare)
          .given(f.placed("s1", "a", 0), f.placed("s2", "a", 2), f.unscheduled("s3")).penalizesBy(0);
    }

    @Test
    void tenantMaxShare_overInTwoWindowsIsTwoMatches() {
      PlanFixture f = new PlanFixture(cappedPerWindow());
      // s1 at 0-1 and s4 at 2 (window 0: 3), s3 in slots 2, 3, 4 (window 0: 1, window 1: 2), s2 at
      // 4-5 (window 1: 2): 4 in each window, 1 over in each.
      JobAssignment s3 = f.interruptible("s3", "a");
      VERIFIER.verifyThat(FairshiftConstraints::tenantMaxShare)
          .given(f.placed("s1", "a", 0), f.placed("s4", "a", 2), f.placed("s2", "a", 4), s3,
              f.slot("s3", 0, "a", 2), f.slot("s3", 1, "a", 3), f.slot("s3", 2, "a", 4))
          .penalizesBy(2 * 13);
      VERIFIER.verifyThat(FairshiftConstraints::tenantMaxShare)
          .given(f.placed("s1", "a", 0), f.placed("s4", "a", 2), f.placed("s2", "a", 4), s3,
              f.slot("s3", 0, "a", 2), f.slot("s3", 1, "a", 3), f.slot("s3", 2, "a", 4))
          .penalizes(2);
    }
  }

  @Nested
  class GuaranteedQuota {
    private Problem guaranteed(double share, int jobs) {
      Problem.Builder b = quiet().tenant(Tenant.of("civic", "civic").withGuaranteedShare(share));
      for (int i = 0; i < jobs; i++) {
        b.job(Job.builder("c" + i, "civic").durationSlots(2).powerKw(1).window(slot(0), slot(6)).build());
      }
      return b.build();
    }

    @Test
    void guaranteedQuota_partlyServed() {
      PlanFixture f = new PlanFixture(guaranteed(0.5, 3));
      JobAssignment c0 = f.placed("c0", "a", 0);
      JobAssignment c1 = f.unscheduled("c1");
      JobAssignment c2 = f.unscheduled("c2");
      // Guarantee min(6 demanded, 0.5 x 12) = 6 unit-slots; 2 held: 4 missing, 1 hard point each.
      VERIFIER.verifyThat(FairshiftConstraints::guaranteedQuota).given(c0, c1, c2).penalizesBy(4);
      VERIFIER.verifyThat().given(c0, c1, c2).scores(HardMediumSoftLongScore.of(-4, -2, 0));
    }

    @Test
    void guaranteedQuota_nothingScheduledDemandBelowShare() {
      PlanFixture f = new PlanFixture(guaranteed(0.5, 2));
      // Guarantee min(4 demanded, 6) = 4, none held.
      VERIFIER.verifyThat(FairshiftConstraints::guaranteedQuota)
          .given(f.unscheduled("c0"), f.unscheduled("c1")).penalizesBy(4);
    }

    @Test
    void guaranteedQuota_met() {
      PlanFixture f = new PlanFixture(guaranteed(0.5, 2));
      VERIFIER.verifyThat(FairshiftConstraints::guaranteedQuota)
          .given(f.placed("c0", "a", 0), f.placed("c1", "a", 2)).penalizesBy(0);
    }

    /**
     * Tenant civic, guaranteedShare 0.25 per window of 2 slots (4 unit-slots each: guarantee
     * min(demand, 1)): c0 and c1 released in window 0, c2 in window 1, c3 in window 2, each 1 slot x
     * 1 unit, deadline the horizon's end.
     */
    private Problem guaranteedPerWindow() {
      Problem.Builder b = quiet().tenant(Tenant.of("civic", "civic").withGuaranteedShare(0.25)
          .withFairnessWindowSlots(2));
      int[] release = {0, 0, 2, 4};
      for (int i = 0; i < release.length; i++) {
        b.job(Job.builder("c" + i, "civic").durationSlots(1).powerKw(1).window(slot(release[i]), slot(6)).build());
      }
      return b.build();
    }

    @Test
    void guaranteedQuota_metInOneWindowMissedInTwo() {
      PlanFixture f = new PlanFixture(guaranteedPerWindow());
      // Window 0 gets c0 (1 of 1); c2 and c3 are left out: windows 1 and 2 miss 1 each. Over the
      // horizon min(4, 0.25 x 12 = 3) would miss 2 as well, but as one match.
      VERIFIER.verifyThat(FairshiftConstraints::guaranteedQuota)
          .given(f.placed("c0", "a", 0), f.unscheduled("c1"), f.unscheduled("c2"), f.unscheduled("c3"))
          .penalizesBy(2);
      VERIFIER.verifyThat(FairshiftConstraints::guaranteedQuota)
          .given(f.placed("c0", "a", 0), f.unscheduled("c1"), f.unscheduled("c2"), f.unscheduled("c3"))
          .penalizes(2);
    }

    @Test
    void guaranteedQuota_countsAJobInTheWindowItIsReleasedInWhereverItRuns() {
      PlanFixture f = new PlanFixture(guaranteedPerWindow());
      // c0 runs in slot 5 (window 2) yet serves window 0; c2 in slot 4 serves window 1; c3 in slot 5
      // serves window 2. Nothing missing though window 0 runs nothing.
      VERIFIER.verifyThat(FairshiftConstraints::guaranteedQuota)
          .given(f.placed("c0", "a", 5), f.unscheduled("c1"), f.placed("c2", "a", 4), f.placed("c3", "a", 5))
          .penalizesBy(0);
    }
  }

  @Nested
  class UnscheduledJob {
    @Test
    void unscheduledJob_weightedByPriority() {
      PlanFixture f = new PlanFixture(quiet()
          .job(job("urgent", 1, 1).priority(3).build())
          .job(job("normal", 1, 1).build())
          .job(job("placed", 1, 1).priority(5).build())
          .build());
      JobAssignment urgent = f.unscheduled("urgent");
      JobAssignment normal = f.unscheduled("normal");
      JobAssignment placed = f.placed("placed", "a", 0);
      VERIFIER.verifyThat(FairshiftConstraints::unscheduledJob).given(urgent, normal, placed).penalizesBy(4);
      VERIFIER.verifyThat().given(urgent, normal, placed).scores(HardMediumSoftLongScore.of(0, -4, 0));
    }
  }

  @Nested
  class GridEmissions {
    /** 30-minute slots, 100 then 200 g/kWh; hub PUE 1.2 with 5 kW of renewables in slot 0. */
    private Problem sunny() {
      return Problem.builder()
          .horizon(Horizon.of(T0, 30, 4))
          .zone(ZoneIntensity.of("Z", SlotSeries.of(100, 200, 300, 400)))
          .hub(Hub.builder("a", "Z").capacityUnits(4).pue(1.2).renewableKw(SlotSeries.of(5, 0, 40, 0)).build())
          .tenant(Tenant.of("t", "research"))
          .job(Job.builder("ten", "t").durationSlots(2).powerKw(10).window(T0, T0.plusSeconds(7200)).build())
          .job(Job.builder("five", "t").durationSlots(1).powerKw(5).window(T0, T0.plusSeconds(7200)).build())
          .build();
    }

    @Test
    void gridEmissions_renewablesFirstThenGrid() {
      PlanFixture f = new PlanFixture(sunny());
      JobAssignment ten = f.placed("ten", "a", 0);
      JobAssignment five = f.placed("five", "a", 0);
      // Slot 0: 1.2 x 15 kW x 0.5 h = 9 kWh, 2.5 kWh renewable, 6.5 kWh x 100 g = 650 g.
      // Slot 1: 1.2 x 10 kW x 0.5 h = 6 kWh x 200 g = 1200 g. Total 1850 g.
      VERIFIER.verifyThat(FairshiftConstraints::gridEmissions).given(ten, five).penalizesBy(1_850_000L);
      VERIFIER.verifyThat().given(ten, five).scores(HardMediumSoftLongScore.of(0, 0, -1_850_000L));
    }

    @Test
    void gridEmissions_renewablesCoverTheLoad() {
      PlanFixture f = new PlanFixture(sunny());
      // Slot 2 has 40 kW x 0.5 h = 20 kWh of renewables for 3 kWh; slot 3 is grid: 3 kWh x 400 g.
      VERIFIER.verifyThat(FairshiftConstraints::gridEmissions).given(f.placed("five", "a", 2)).penalizesBy(0);
      VERIFIER.verifyThat(FairshiftConstraints::gridEmissions).given(f.placed("five", "a", 3)).penalizesBy(1_200_000L);
    }
  }

  @Nested
  class TransferEmissions {
    private Problem twoZones() {
      return Problem.builder()
          .horizon(Horizon.hourly(T0, 4))
          .transferKwhPerGb(0.02)
          .zone(ZoneIntensity.of("A", SlotSeries.of(0, 0, 0, 0)))
          .zone(ZoneIntensity.of("B", SlotSeries.of(0, 0, 300, 500)))
          .hub(Hub.builder("a", "A").capacityUnits(2).build())
          .hub(Hub.builder("b", "B").capacityUnits(2).renewableKw(SlotSeries.of(100, 100, 100, 100)).build())
          .tenant(Tenant.of("t", "research"))
          .job(Job.builder("move", "t").durationSlots(1).powerKw(1).window(T0, T0.plusSeconds(4 * 3600))
              .originHub("a").dataGb(100).build())
          .job(Job.builder("split", "t").durationSlots(2).powerKw(1).window(T0, T0.plusSeconds(4 * 3600))
              .interruptible(true).originHub("a").dataGb(50).build())
          .build();
    }

    @Test
    void transferEmissions_atFirstSlotIntensity() {
      PlanFixture f = new PlanFixture(twoZones());
      JobAssignment move = f.placed("move", "b", 2);
      // 100 GB x 0.02 kWh/GB = 2 kWh at 300 g/kWh = 600 g; hub b's renewables cover the run itself.
      VERIFIER.verifyThat(FairshiftConstraints::transferEmissions).given(move).penalizesBy(600_000L);
      VERIFIER.verifyThat().given(move).scores(HardMediumSoftLongScore.of(0, 0, -600_000L));
    }

    @Test
    void transferEmissions_interruptibleUsesItsEarliestSlot() {
      PlanFixture f = new PlanFixture(twoZones());
      // 50 GB x 0.02 = 1 kWh at slot 2's 300 g/kWh (not slot 3's 500), whatever the part order.
      VERIFIER.verifyThat(FairshiftConstraints::transferEmissions)
          .given(f.interruptible("split", "b"), f.slot("split", 0, "b", 3), f.slot("split", 1, "b", 2))
          .penalizesBy(300_000L);
    }

    @Test
    void transferEmissions_atOriginHubFree() {
      PlanFixture f = new PlanFixture(twoZones());
      VERIFIER.verifyThat(FairshiftConstraints::transferEmissions).given(f.placed("move", "a", 2)).penalizesBy(0);
    }
  }

  @Nested
  class EnergyCost {
    private Problem priced(double carbonPrice) {
      return Problem.builder()
          .horizon(Horizon.hourly(T0, 2))
          .carbonPricePerTonne(carbonPrice)
          .zone(ZoneIntensity.of("Z", SlotSeries.of(0, 0)))
          .hub(Hub.builder("a", "Z").capacityUnits(2).pue(1.5).pricePerKwh(SlotSeries.of(0.2, 0.4)).build())
          .tenant(Tenant.of("t", "research"))
          .job(Job.builder("j", "t").durationSlots(1).powerKw(10).window(T0, T0.plusSeconds(7200)).build())
          .build();
    }

    @Test
    void energyCost_convertedAtCarbonPrice() {
      PlanFixture f = new PlanFixture(priced(50));
      JobAssignment j = f.placed("j", "a", 1);
      // 15 kWh x 0.4 = 6 currency; at 50 per tonne one currency unit is 20 000 g: 120 000 g.
      VERIFIER.verifyThat(FairshiftConstraints::energyCost).given(j).penalizesBy(120_000_000L);
      VERIFIER.verifyThat().given(j).scores(HardMediumSoftLongScore.of(0, 0, -120_000_000L));
    }

    @Test
    void energyCost_ignoredWithoutCarbonPrice() {
      PlanFixture f = new PlanFixture(priced(0));
      VERIFIER.verifyThat(FairshiftConstraints::energyCost).given(f.placed("j", "a", 1)).penalizesBy(0);
    }
  }

  @Nested
  class FairShare {
    private Problem weighted(double guarantee) {
      return quiet()
          .tenant(new Tenant("w", "civic", guarantee, 1.0, 2.0))
          .job(Job.builder("w1", "w").durationSlots(2).powerKw(1).window(slot(0), slot(6)).build())
          .job(Job.builder("w2", "w").durationSlots(2).powerKw(1).window(slot(0), slot(6)).build())
          .build();
    }

    @Test
    void fairShare_quadraticInUsageBeyondGuarantee() {
      PlanFixture f = new PlanFixture(weighted(0), 1000);
      JobAssignment w1 = f.placed("w1", "a", 0);
      JobAssignment w2 = f.placed("w2", "a", 2);
      // 1000 g x 4^2 / (weight 2 x capacity 12) = 666.667 g.
      VERIFIER.verifyThat(FairshiftConstraints::fairShare).given(w1, w2).penalizesBy(666_667L);
      VERIFIER.verifyThat().given(w1, w2).scores(HardMediumSoftLongScore.of(0, 0, -666_667L));
    }

    @Test
    void fairShare_onlyBeyondTheGuarantee() {
      PlanFixture f = new PlanFixture(weighted(0.25), 1000);
      // Guarantee min(4, 3) = 3 unit-slots; 1 beyond: 1000 g x 1 / 24 = 41.667 g.
      VERIFIER.verifyThat(FairshiftConstraints::fairShare)
          .given(f.placed("w1", "a", 0), f.placed("w2", "a", 2)).penalizesBy(41_667L);
    }
  }
}
