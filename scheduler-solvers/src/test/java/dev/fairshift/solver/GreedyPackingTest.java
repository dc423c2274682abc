package dev.fairshift.solver;

import static dev.fairshift.solver.ScheduleLookups.hub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Greedy's packing of scarce clean capacity: {@link EjectionImprove}'s ejection moves and pairwise
 * exchanges, and the least-flexible-first restart. PUE 1, 1-hour slots, no transfer.
 */
class GreedyPackingTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  /**
   * One slot; hub "clean" (100 g/kWh) has 2 units, hub "dirty" (500 g/kWh) has 4. Job "small" (1
   * unit, 1 kW, priority 5) comes first in greedy's order and takes the clean hub (100 g < 500 g);
   * then "big" (2 units, 3 kW) no longer fits there and goes dirty: 100 + 1,500 = 1,600 g. The optimum
   * swaps them: big clean 300 g + small dirty 500 g = 800 g (the only other assignments with both
   * placed: both dirty 2,000 g; both clean does not fit, 3 units > 2).
   */
  private static Problem cleanHubTooSmallForBoth() {
    return Problem.builder()
        .horizon(Horizon.hourly(T0, 1))
        .zone(ZoneIntensity.of("CLEAN", SlotSeries.of(100)))
        .zone(ZoneIntensity.of("DIRTY", SlotSeries.of(500)))
        .tenant(Tenant.of("t", "research"))
        .hub(Hub.builder("clean", "CLEAN").capacityUnits(2).build())
        .hub(Hub.builder("dirty", "DIRTY").capacityUnits(4).build())
        .job(Job.builder("small", "t").durationSlots(1).units(1).powerKw(1).priority(5)
            .window(T0, T0.plus(Duration.ofHours(1))).build())
        .job(Job.builder("big", "t").durationSlots(1).units(2).powerKw(3).priority(1)
            .window(T0, T0.plus(Duration.ofHours(1))).build())
        .build();
  }

  @Test
  void schedule_packsTheSmallCleanHubWithTheJobThatSavesMost() {
    Problem p = cleanHubTooSmallForBoth();

    Schedule s = Scheduler.greedy().schedule(p);

    assertThat(Evaluator.evaluate(p, s).violations()).isEmpty();
    assertThat(hub(s, "big")).isEqualTo("clean");
    assertThat(hub(s, "small")).isEqualTo("dirty");
    assertThat(Evaluator.evaluate(p, s).emissionsGrams()).isCloseTo(800, within(1e-9));
  }

  @Test
  void schedule_withoutImprovement_keepsTheFirstComeAnswer_soThePackingIsTheImprovementsDoing() {
    Problem p = cleanHubTooSmallForBoth();

    Schedule raw = Scheduler.greedy(GreedyOptions.defaults().withImprovementRounds(0)).schedule(p);
    Schedule oneRun = Scheduler.greedy(GreedyOptions.defaults().withRestarts(0).withPortfolio(false)).schedule(p);

    assertThat(Evaluator.evaluate(p, raw).emissionsGrams()).isCloseTo(1_600, within(1e-9));
    assertThat(Evaluator.evaluate(p, oneRun).emissionsGrams()).isCloseTo(800, within(1e-9));
  }

  /**
   * Six slots of on-site solar at a hub of 1 unit: 2 kWh in slot 2 only, the grid 300 g/kWh
   * everywhere; a second hub without solar at 300 g/kWh. "low" (1 unit, 0.5 kW, priority 5, window
   * slots 0-6) comes first and takes the solar slot (0 g); "high" (1 unit, 2 kW, window slot 2 only,
   * resident at the solar hub) then finds it full. Only moving low makes room: low elsewhere at
   * 0.5 x 300 = 150 g, high on the solar 0 g (2 kWh of 2). Optimum 150 g with both placed; any
   * schedule with high placed has low on the grid (150 g), and leaving high out places less priority.
   */
  @Test
  void schedule_movesAFlexibleJobOffOnSiteSupplyForOneThatCanRunNowhereElse() {
    double[] solar = new double[6];
    solar[2] = 2;
    Problem p = Problem.builder()
        .horizon(Horizon.hourly(T0, 6))
        .zone(ZoneIntensity.of("Z", flat(6, 300)))
        .tenant(Tenant.of("t", "research"))
        .hub(Hub.builder("solar", "Z").capacityUnits(1).renewableKw(SlotSeries.of(solar)).build())
        .hub(Hub.builder("plain", "Z").capacityUnits(1).build())
        .job(Job.builder("low", "t").durationSlots(1).units(1).powerKw(0.5).priority(5)
            .window(T0, T0.plus(Duration.ofHours(6))).build())
        .job(Job.builder("high", "t").durationSlots(1).units(1).powerKw(2).priority(1).allowedHubs("solar")
            .window(T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofHours(3))).build())
        .build();

    Schedule s = Scheduler.greedy().schedule(p);

    assertThat(Evaluator.evaluate(p, s).violations()).isEmpty();
    assertThat(s.unscheduled()).isEmpty();
    assertThat(hub(s, "high")).isEqualTo("solar");
    assertThat(Evaluator.evaluate(p, s).emissionsGrams()).isCloseTo(150, within(1e-9));
  }

  /**
   * On random problems: the ejection moves and exchanges never take a job out, never raise the
   * plan's planned emissions, and leave a plan the Evaluator finds no fault with.
   */
  @Test
  void ejectionImprove_keepsEveryJob_neverEmitsMore_andBreaksNoRule() {
    int improved = 0;
    for (long seed = 7000; seed < 7200; seed++) {
      Problem p = RandomProblems.generate(seed);
      PlanState st = new PlanState(p);
      CheapestPlacement search = new CheapestPlacement(st);
      int[] sequence = GreedyScheduler.construct(st, search, GreedyScheduler.mainOrder(st));
      boolean[] placedBefore = new boolean[st.jobCount];
      for (int j = 0; j < st.jobCount; j++) {
        placedBefore[j] = st.placed(j);
      }
      double before = st.plannedGrams();
      st.indexJobs();
      EjectionImprove improve = new EjectionImprove(st, search, GreedyScheduler.placements(st));
      double saved = improve.run(GreedyOptions.IMPROVEMENT_WORK_BUDGET, true);
      st.dropJobIndex();
      double after = st.plannedGrams();

      String where = "seed " + seed;
      for (int j = 0; j < st.jobCount; j++) {
        assertThat(st.placed(j)).as(where + ", job " + j).isEqualTo(placedBefore[j]);
      }
      assertThat(after).as(where).isLessThanOrEqualTo(before + 1e-6 * Math.max(1, before));
      assertThat(before - after).as(where).isCloseTo(saved, within(1e-6 * Math.max(1, before)));
      Schedule s = GreedyScheduler.finish(st, sequence);
      assertThat(Evaluator.evaluate(p, s).violations()).as(where).isEmpty();
      improved += improve.moves > 0 ? 1 : 0;
    }
    assertThat(improved).as("problems where a move was kept").isGreaterThan(10);
  }

  private static SlotSeries flat(int slots, double value) {
    double[] values = new double[slots];
    Arrays.fill(values, value);
    return SlotSeries.of(values);
  }

  /**
   * The compact order: higher priority first, then fewer unit-slots. One 2-unit hub, one slot: "big"
   * (2 units, most energy) comes first in greedy's main order and fills the hub, leaving both 1-unit
   * jobs out; smallest first places both of them.
   */
  @Test
  void compactOrder_smallestFirstWithinAPriorityClass_fitsMoreJobs() {
    Instant t0 = Instant.parse("2021-03-01T00:00:00Z");
    Problem p = Problem.builder()
        .horizon(Horizon.hourly(t0, 1))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(100)))
        .tenant(Tenant.of("t", "research"))
        .hub(Hub.builder("h", "Z").capacityUnits(2).build())
        .job(Job.builder("big", "t").units(2).durationSlots(1).powerKw(4).window(t0, t0.plus(Duration.ofHours(1))).build())
        .job(Job.builder("s1", "t").units(1).durationSlots(1).powerKw(1).window(t0, t0.plus(Duration.ofHours(1))).build())
        .job(Job.builder("s2", "t").units(1).durationSlots(1).powerKw(1).window(t0, t0.plus(Duration.ofHours(1))).build())
        .job(Job.builder("urgent", "t").units(2).durationSlots(1).powerKw(1).priority(2)
            .window(t0, t0.plus(Duration.ofHours(1))).build())
        .build();
    PlanState st = new PlanState(p);
    assertThat(GreedyScheduler.compactOrder(st)).containsExactly(3, 1, 2, 0);
    assertThat(GreedyScheduler.mainOrder(st)[1]).as("main order: big before the small ones").isEqualTo(0);

    Problem withoutUrgent = p.toBuilder().clearJobs()
        .job(p.job("big")).job(p.job("s1")).job(p.job("s2")).build();
    PlanState byMain = new PlanState(withoutUrgent);
    GreedyScheduler.construct(byMain, new CheapestPlacement(byMain), GreedyScheduler.mainOrder(byMain));
    assertThat(byMain.placedPriority()).isEqualTo(1);
    PlanState compact = new PlanState(withoutUrgent);
    GreedyScheduler.construct(compact, new CheapestPlacement(compact), GreedyScheduler.compactOrder(compact));
    assertThat(compact.placedPriority()).isEqualTo(2);
    assertThat(Evaluator.evaluate(withoutUrgent, Scheduler.greedy().schedule(withoutUrgent)).scheduledJobs())
        .as("greedy keeps the plan that places more").isEqualTo(2);
  }
}
