package dev.fairshift.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import java.time.Duration;
import java.time.Instant;
import dev.fairshift.solver.bound.ShadowPrices;
import dev.fairshift.solver.fixtures.ScarceRoom;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RegretConstruction}: on a hand-made problem where cheapest-first in greedy's order gives the
 * one clean unit to the wrong job, and, as a property on seeded random problems, that it keeps every
 * hard rule, leaves out only jobs that fit nowhere, and is deterministic; and the same with the room
 * priced by {@link ShadowPrices}, with a hand-made case where that gives the room to the right jobs.
 */
class RegretConstructionTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  private static Job job(String id, double kw, String... hubs) {
    return Job.builder(id, "t").units(1).durationSlots(1).powerKw(kw).allowedHubs(hubs)
        .window(T0, T0.plus(Duration.ofHours(1))).build();
  }

  /** One hourly slot, PUE 1: hub "clean" (10 g/kWh, one unit), "mid" (20 g/kWh) and "dirty" (500 g/kWh). */
  private static Problem.Builder threeHubs() {
    return Problem.builder()
        .horizon(Horizon.hourly(T0, 1))
        .zone(ZoneIntensity.of("CLEAN", SlotSeries.of(10)))
        .zone(ZoneIntensity.of("MID", SlotSeries.of(20)))
        .zone(ZoneIntensity.of("DIRTY", SlotSeries.of(500)))
        .tenant(Tenant.of("t", "research"))
        .hub(Hub.builder("clean", "CLEAN").capacityUnits(1).pue(1.0).build())
        .hub(Hub.builder("mid", "MID").capacityUnits(4).pue(1.0).build())
        .hub(Hub.builder("dirty", "DIRTY").capacityUnits(4).pue(1.0).build());
  }

  /**
   * One hourly slot, PUE 1. Hub "clean" (10 g/kWh) has one unit; "mid" (20 g/kWh) and "dirty"
   * (500 g/kWh) have plenty. Job y (2 kW) may run anywhere; job x (1 kW) only at clean or dirty.
   * Greedy's order takes y first (more energy), so cheapest-first puts y at clean (20 g) and x at
   * dirty (500 g): 520 g. Regret: y loses 2 x (20 - 10) = 20 g by not getting clean, x loses
   * 1 x (500 - 10) = 490 g, so x goes first to clean (10 g) and y to mid (40 g): 50 g.
   */
  @Test
  void regret_givesTheScarceCleanUnitToTheJobThatLosesMostWithout() {
    Problem p = threeHubs()
        .job(job("x", 1, "clean", "dirty"))
        .job(job("y", 2, "clean", "mid", "dirty"))
        .build();

    PlanState byOrder = new PlanState(p);
    int[] order = GreedyScheduler.mainOrder(byOrder);
    assertThat(order).as("greedy's order: more energy first").containsExactly(1, 0);
    GreedyScheduler.construct(byOrder, new CheapestPlacement(byOrder), order);
    Schedule cheapestFirst = byOrder.toSchedule("greedy", new String[2]);
    assertThat(cheapestFirst.assignments()).containsExactlyInAnyOrder(Assignment.contiguous("y", "clean", 0, 1),
        Assignment.contiguous("x", "dirty", 0, 1));
    assertThat(Evaluator.evaluate(p, cheapestFirst).emissionsGrams()).isCloseTo(520, within(1e-9));

    PlanState st = new PlanState(p);
    int[] sequence = RegretConstruction.construct(st, new CheapestPlacement(st), order);

    assertThat(sequence).containsExactly(0, 1);
    Schedule s = st.toSchedule("greedy", new String[2]);
    assertThat(s.assignments()).containsExactlyInAnyOrder(Assignment.contiguous("x", "clean", 0, 1),
        Assignment.contiguous("y", "mid", 0, 1));
    assertThat(Evaluator.evaluate(p, s).emissionsGrams()).isCloseTo(50, within(1e-9));
    // And greedy, which keeps the better of its constructions after improving both, returns it.
    assertThat(Evaluator.evaluate(p, Scheduler.greedy().schedule(p)).emissionsGrams()).isCloseTo(50, within(1e-9));
  }

  /**
   * A job of a higher priority class is placed before any regret of a lower one counts: the clean unit
   * goes to the priority-2 job although the priority-1 job would lose more without it.
   */
  @Test
  void regret_ordersWithinAPriorityClass_neverAcrossClasses() {
    Problem p = threeHubs()
        .job(job("x", 1, "clean", "dirty"))
        .job(Job.builder("y", "t").units(1).durationSlots(1).powerKw(2).priority(2)
            .window(T0, T0.plus(Duration.ofHours(1))).build())
        .build();
    PlanState st = new PlanState(p);
    RegretConstruction.construct(st, new CheapestPlacement(st), GreedyScheduler.mainOrder(st));
    assertThat(st.toSchedule("greedy", new String[2]).assignments()).containsExactlyInAnyOrder(
        Assignment.contiguous("y", "clean", 0, 1), Assignment.contiguous("x", "dirty", 0, 1));
  }

  /** Where regret alone gives the scarce room to the wrong job and priced room does not ({@link ScarceRoom}). */
  @Test
  void pricedRegret_givesScarceRoomToTheJobsThatSaveMostPerUnit() {
    Problem p = ScarceRoom.problem();

    PlanState plain = new PlanState(p);
    RegretConstruction.construct(plain, new CheapestPlacement(plain), GreedyScheduler.mainOrder(plain));
    Schedule byRegret = plain.toSchedule("greedy", new String[3]);
    assertThat(byRegret.assignments()).contains(Assignment.contiguous("a", "clean", 0, 1));
    assertThat(Evaluator.evaluate(p, byRegret).emissionsGrams()).isCloseTo(ScarceRoom.REGRET_GRAMS, within(1e-9));

    ShadowPrices prices = ShadowPrices.of(p, GreedyOptions.PRICE_ITERATIONS, OptionalDouble.empty()).orElseThrow();
    assertThat(prices.unitSlotGrams(0, 0)).as("the clean unit's price").isBetween(490.0, 735.0);
    assertThat(prices.unitSlotGrams(1, 0)).as("dirty has room to spare").isZero();
    PlanState st = new PlanState(p);
    RegretConstruction.construct(st, new CheapestPlacement(st), GreedyScheduler.mainOrder(st), prices);
    Schedule priced = st.toSchedule("greedy", new String[3]);
    assertThat(priced.assignments()).containsExactlyInAnyOrder(Assignment.contiguous("a", "dirty", 0, 1),
        Assignment.contiguous("b", "clean", 0, 1), Assignment.contiguous("c", "clean", 0, 1));
    assertThat(Evaluator.evaluate(p, priced).emissionsGrams()).isCloseTo(ScarceRoom.OPTIMUM_GRAMS, within(1e-9));
  }

  /**
   * On 200 seeded random problems of up to 60 jobs (congested, power-capped, solar-fed, with share
   * caps and quotas): no hard rule broken (the Evaluator), every job tried once, every job left out
   * fits nowhere as the plan ends, and the same problem gives the same plan.
   */
  @Test
  void property_keepsHardRules_leavesOutOnlyJobsThatFitNowhere_deterministic() {
    assertContract(false);
  }

  /** The same contract with the room priced, on the same 200 problems (where they have prices). */
  @Test
  void property_priced_keepsHardRules_leavesOutOnlyJobsThatFitNowhere_deterministic() {
    assertContract(true);
  }

  private static int[] construct(PlanState st, CheapestPlacement search, Problem p, boolean priced) {
    if (!priced) {
      return RegretConstruction.construct(st, search, GreedyScheduler.mainOrder(st));
    }
    ShadowPrices prices = ShadowPrices.of(p, 50, OptionalDouble.empty()).orElseThrow();
    return RegretConstruction.construct(st, search, GreedyScheduler.mainOrder(st), prices);
  }

  private static void assertContract(boolean priced) {
    int leftOut = 0;
    int problems = 0;
    for (long seed = 7100; seed < 7300; seed++) {
      Problem p = RandomProblems.generate(new Random(seed), 60);
      if (priced && ShadowPrices.of(p, 1, OptionalDouble.empty()).isEmpty()) {
        continue;
      }
      problems++;
      PlanState st = new PlanState(p);
      CheapestPlacement search = new CheapestPlacement(st);
      int[] sequence = construct(st, search, p, priced);
      int[] sorted = sequence.clone();
      Arrays.sort(sorted);
      int[] all = new int[st.jobCount];
      Arrays.setAll(all, j -> j);
      assertThat(sorted).as("seed %d: every job tried once", seed).containsExactly(all);
      String[] reasons = new String[st.jobCount];
      Arrays.fill(reasons, "out");
      Schedule s = st.toSchedule("greedy", reasons);
      assertThat(Evaluator.evaluate(p, s).violations()).as("seed %d", seed).isEmpty();
      for (int j = 0; j < st.jobCount; j++) {
        if (!st.placed(j)) {
          leftOut++;
          assertThat(st.shareAllows(j) && search.find(j)).as("seed %d: job %d left out but fits", seed, j).isFalse();
        }
      }
      PlanState again = new PlanState(p);
      construct(again, new CheapestPlacement(again), p, priced);
      assertThat(again.toSchedule("greedy", reasons)).as("seed %d", seed).isEqualTo(s);
    }
    assertThat(problems).as("problems tried").isGreaterThan(100);
    assertThat(leftOut).as("the problems must leave jobs out for this to test anything").isGreaterThan(100);
  }
}
