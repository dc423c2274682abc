package dev.fairshift.solver;

import static dev.fairshift.solver.ScheduleLookups.hub;
import static dev.fairshift.solver.ScheduleLookups.reason;
import static dev.fairshift.solver.ScheduleLookups.slots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Evaluation;
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

/** The greedy scheduler on small hand-made problems with hand-computed answers (PUE 1, 1-hour slots unless said). */
class GreedySchedulerTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");
  private static final int SLOTS = 8;

  private static Instant at(int hours) {
    return T0.plus(Duration.ofHours(hours));
  }

  private static Problem.Builder base(double... gramsPerKwh) {
    return Problem.builder()
        .horizon(Horizon.hourly(T0, SLOTS))
        .zone(ZoneIntensity.of("Z1", SlotSeries.of(gramsPerKwh)))
        .tenant(Tenant.of("t", "research"));
  }

  private static SlotSeries flat(double value) {
    double[] values = new double[SLOTS];
    Arrays.fill(values, value);
    return SlotSeries.of(values);
  }

  private static Job.Builder job(String id) {
    return Job.builder(id, "t").durationSlots(2).powerKw(10).window(T0, at(SLOTS));
  }

  private static Schedule greedy(Problem problem) {
    return check(problem, Scheduler.greedy().schedule(problem));
  }

  private static Schedule check(Problem problem, Schedule schedule) {
    assertThat(Evaluator.evaluate(problem, schedule).violations()).isEmpty();
    return schedule;
  }

  @Test
  void schedule_picksTheCleanestWindow() {
    Problem p = base(500, 400, 100, 50, 80, 300, 600, 700)
        .hub(Hub.builder("h1", "Z1").capacityUnits(4).build())
        .job(job("a").durationSlots(3).build())
        .build();

    Schedule s = greedy(p);

    // 3-slot sums: 1000, 550, 230, 430, 980, 1600 -> start 2, 10 kWh x 230 g/kWh.
    assertThat(s.solver()).isEqualTo("greedy");
    assertThat(slots(s, "a")).containsExactly(2, 3, 4);
    assertThat(Evaluator.evaluate(p, s).emissionsGrams()).isCloseTo(2300, within(1e-9));
  }

  @Test
  void schedule_movesToACleanerZone_whenAllowed() {
    Problem p = base(400, 400, 400, 400, 400, 400, 400, 400)
        .zone(ZoneIntensity.of("Z2", flat(100)))
        .hub(Hub.builder("dirty", "Z1").capacityUnits(4).build())
        .hub(Hub.builder("clean", "Z2").capacityUnits(4).build())
        .job(job("free").build())
        .job(job("resident").allowedHubs("dirty").build())
        .build();

    Schedule s = greedy(p);

    assertThat(hub(s, "free")).isEqualTo("clean");
    assertThat(hub(s, "resident")).isEqualTo("dirty");
  }

  @Test
  void schedule_transferEmissions_canMakeStayingHomeBetter() {
    // Home: 20 kWh x 300 = 6000 g. Away: 20 kWh x 200 = 4000 g plus the data: 250 GB x 0.05 kWh/GB
    // x 200 g/kWh = 2500 g, so 6500 g: stay home.
    Problem p = base(300, 300, 300, 300, 300, 300, 300, 300)
        .zone(ZoneIntensity.of("Z2", flat(200)))
        .transferKwhPerGb(0.05)
        .hub(Hub.builder("home", "Z1").capacityUnits(4).build())
        .hub(Hub.builder("away", "Z2").capacityUnits(4).build())
        .job(job("a").originHub("home").dataGb(250).build())
        .build();

    Schedule s = greedy(p);

    assertThat(hub(s, "a")).isEqualTo("home");
    assertThat(Evaluator.evaluate(p, s).emissionsGrams()).isCloseTo(6000, within(1e-9));
  }

  @Test
  void schedule_smallTransfer_movesTheJob() {
    // Away with 150 GB: 4000 g + 150 x 0.05 x 200 = 1500 g, so 5500 g < 6000 g at home.
    Problem p = base(300, 300, 300, 300, 300, 300, 300, 300)
        .zone(ZoneIntensity.of("Z2", flat(200)))
        .transferKwhPerGb(0.05)
        .hub(Hub.builder("home", "Z1").capacityUnits(4).build())
        .hub(Hub.builder("away", "Z2").capacityUnits(4).build())
        .job(job("a").originHub("home").dataGb(150).build())
        .build();

    Schedule s = greedy(p);

    assertThat(hub(s, "a")).isEqualTo("away");
    assertThat(Evaluator.evaluate(p, s).emissionsGrams()).isCloseTo(5500, within(1e-9));
  }

  @Test
  void schedule_renewableSurplus_attractsTheJob_untilItIsUsedUp() {
    // 10 kW jobs; 8 kW of solar in slots 2-3 leaves 2 kWh of grid there.
    // Windows for a: [0,1] 1000+1000, [1,2] 1000+600, [2,3] 600+600, [3,4] 600+5000 -> [2,3], 1200 g.
    // Then b sees no solar left: [0,1] 2000, [1,2] 1000+3000, ... -> [0,1], 2000 g.
    Problem p = base(100, 100, 300, 300, 500, 500, 500, 500)
        .hub(Hub.builder("h1", "Z1").capacityUnits(4)
            .renewableKw(SlotSeries.of(0, 0, 8, 8, 0, 0, 0, 0)).build())
        .job(job("a").build())
        .job(job("b").build())
        .build();

    Schedule s = greedy(p);

    assertThat(slots(s, "a")).containsExactly(2, 3);
    assertThat(slots(s, "b")).containsExactly(0, 1);
    Evaluation e = Evaluator.evaluate(p, s);
    assertThat(e.emissionsGrams()).isCloseTo(3200, within(1e-9));
    assertThat(e.renewableKwh()).isCloseTo(16, within(1e-9));
  }

  @Test
  void schedule_interruptible_takesTheCheapestNonContiguousSlots() {
    Problem p = base(100, 900, 50, 900, 70, 900, 900, 900)
        .hub(Hub.builder("h1", "Z1").capacityUnits(4).build())
        .job(job("a").durationSlots(3).interruptible(true).build())
        .build();

    Schedule s = greedy(p);

    assertThat(slots(s, "a")).containsExactly(0, 2, 4);
    assertThat(Evaluator.evaluate(p, s).emissionsGrams()).isCloseTo(10 * 220, within(1e-9));
  }

  @Test
  void schedule_interruptibleAwayFromHome_weighsTheTransferAtTheFirstSlot() {
    // 1 kW for 3 slots; 40 GB x 0.05 kWh/GB = 2 kWh of transfer at the first slot's intensity.
    // First slot 0: {0,1,2} 700 + 2 x 500 = 1700; first slot 1: {1,2,3} 1100 + 2 x 100 = 1300;
    // first slot 2: {2,3,4} 1900 + 200. Without the transfer {0,1,2} (700) would win.
    Problem p = base(0, 0, 0, 0, 0, 0, 0, 0)
        .zone(ZoneIntensity.of("Z2", SlotSeries.of(500, 100, 100, 900, 900, 900, 900, 900)))
        .transferKwhPerGb(0.05)
        .hub(Hub.builder("home", "Z1").capacityUnits(4).build())
        .hub(Hub.builder("away", "Z2").capacityUnits(4).build())
        .job(job("moved").durationSlots(3).powerKw(1).interruptible(true).allowedHubs("away")
            .originHub("home").dataGb(40).build())
        .job(job("local").durationSlots(3).powerKw(1).interruptible(true).allowedHubs("away").build())
        .build();

    Schedule s = greedy(p);

    assertThat(slots(s, "moved")).containsExactly(1, 2, 3);
    assertThat(slots(s, "local")).containsExactly(0, 1, 2);
    assertThat(Evaluator.evaluate(p, s).job("moved").emissionsGrams()).isCloseTo(1300, within(1e-9));
  }

  @Test
  void schedule_plansOnTheForecast_notTheActuals() {
    SlotSeries actual = SlotSeries.of(100, 100, 500, 500, 500, 500, 500, 500);
    SlotSeries forecast = SlotSeries.of(500, 500, 500, 500, 100, 100, 500, 500);
    Problem p = Problem.builder()
        .horizon(Horizon.hourly(T0, SLOTS))
        .zone(ZoneIntensity.withForecast("Z1", actual, forecast))
        .tenant(Tenant.of("t", "research"))
        .hub(Hub.builder("h1", "Z1").capacityUnits(4).build())
        .job(job("a").build())
        .build();

    Schedule s = greedy(p);

    // The forecast says slots 4-5 are clean; in hindsight 0-1 were.
    assertThat(slots(s, "a")).containsExactly(4, 5);
    Evaluation e = Evaluator.evaluate(p, s);
    assertThat(e.plannedEmissionsGrams()).hasValueSatisfying(g -> assertThat(g).isCloseTo(2000, within(1e-9)));
    assertThat(e.emissionsGrams()).isCloseTo(10000, within(1e-9));
  }

  @Test
  void schedule_guaranteedTenantServedFirst_underScarcity() {
    // One unit per slot, 8 unit-slots in all; "small" is guaranteed 0.25 x 8 = 2 unit-slots, its whole
    // demand. Both jobs must run in slots 0-3: only one fits. "big" has no slack and comes first
    // without quotas (and in ASAP's problem order), but the guarantee is served first.
    Problem p = base(800, 700, 600, 500, 400, 300, 200, 100)
        .tenant(Tenant.of("small", "newcomer").withGuaranteedShare(0.25))
        .hub(Hub.builder("h1", "Z1").capacityUnits(1).build())
        .job(job("big").durationSlots(4).window(T0, at(4)).build())
        .job(Job.builder("s", "small").durationSlots(2).powerKw(10).window(T0, at(4)).build())
        .build();

    Schedule s = greedy(p);

    assertThat(slots(s, "s")).containsExactly(2, 3);
    assertThat(s.assignment("big")).isEmpty();
    assertThat(reason(s, "big")).contains("h1: capacity, 1 free units in at most 2 consecutive slots");
    assertThat(Evaluator.evaluate(p, s).tenant("small").quotaMet()).isTrue();
    Schedule asap = check(p, Scheduler.asap().schedule(p));
    assertThat(asap.assignment("s")).isEmpty();
    assertThat(Evaluator.evaluate(p, asap).tenant("small").quotaMet()).isFalse();
  }

  @Test
  void schedule_powerCapRespected_secondJobTakesTheNextCleanestSlot() {
    // 15 kW each under a 20 kW cap: one per slot. Both prefer slot 2 (100), then 3 (200).
    Problem p = base(400, 300, 100, 200, 900, 900, 900, 900)
        .hub(Hub.builder("h1", "Z1").capacityUnits(10).powerCapKw(20).build())
        .job(job("a").durationSlots(1).powerKw(15).window(T0, at(4)).build())
        .job(job("b").durationSlots(1).powerKw(15).window(T0, at(4)).build())
        .build();

    Schedule s = greedy(p);

    assertThat(slots(s, "a")).containsExactly(2);
    assertThat(slots(s, "b")).containsExactly(3);
  }

  @Test
  void schedule_powerCapBlocks_reasonNamesThePowerCap() {
    Problem p = base(400, 300, 100, 200, 900, 900, 900, 900)
        .hub(Hub.builder("h1", "Z1").capacityUnits(10).pue(1.25).powerCapKw(20).build())
        .job(job("a").durationSlots(1).powerKw(15).window(at(2), at(3)).priority(2).build())
        .job(job("b").durationSlots(1).powerKw(4).window(at(2), at(3)).build())
        .build();

    Schedule s = greedy(p);

    // 1.25 x (15 + 4) = 23.75 kW > 20 kW in the only slot; the units would fit. 'a' has the higher priority.
    assertThat(s.assignment("a")).isPresent();
    assertThat(reason(s, "b"))
        .contains("No allowed hub has 1 free units and power headroom for 4 kW")
        .contains("for 1 consecutive slots between 2021-03-01T02:00:00Z and 2021-03-01T03:00:00Z")
        .contains("h1: power cap, 5 kW of headroom in at most 0 consecutive slots");
  }

  @Test
  void schedule_maxShareNeverExceeded_reasonNamesIt() {
    // 4 units x 8 slots = 32 unit-slots; maxShare 0.25 allows 8: one 4-unit, 2-slot job.
    Problem p = base(800, 700, 600, 500, 400, 300, 200, 100)
        .tenant(Tenant.of("acme", "commercial").withMaxShare(0.25))
        .hub(Hub.builder("h1", "Z1").capacityUnits(4).build())
        .job(Job.builder("a1", "acme").units(4).durationSlots(2).powerKw(1).window(T0, at(SLOTS)).build())
        .job(Job.builder("a2", "acme").units(4).durationSlots(2).powerKw(1).window(T0, at(SLOTS)).build())
        .build();

    Schedule s = greedy(p);

    assertThat(s.assignment("a1")).isPresent();
    assertThat(reason(s, "a2")).contains("Tenant 'acme' would exceed its maxShare 0.25").contains("cap is 8");
  }

  @Test
  void schedule_portfolio_keepsAsapWhenTheGreedyOrderBackfires() {
    // One unit per slot. Y (1 kW, 2 slots, slack 1) goes before X (100 kW, 1 slot, slack 2) and takes
    // the clean slots 0-1 (30 g), pushing X to slot 2: 100 kW x 1000 = 100000 g. ASAP runs X in slot 0
    // (1000 g) and Y in 1-2 (1020 g): 2020 g, so the portfolio returns ASAP's placement. (Without
    // improvement: the final polish's exchange of X and Y finds the same.)
    Problem p = base(10, 20, 1000, 1000, 1000, 1000, 1000, 1000)
        .hub(Hub.builder("h1", "Z1").capacityUnits(1).build())
        .job(job("X").durationSlots(1).powerKw(100).window(T0, at(3)).build())
        .job(job("Y").durationSlots(2).powerKw(1).window(T0, at(3)).build())
        .build();

    Schedule raw = check(p,
        Scheduler.greedy(GreedyOptions.defaults().withPortfolio(false).withImprovementRounds(0)).schedule(p));
    Schedule s = greedy(p);

    assertThat(slots(raw, "Y")).containsExactly(0, 1);
    assertThat(slots(raw, "X")).containsExactly(2);
    assertThat(Evaluator.evaluate(p, raw).emissionsGrams()).isCloseTo(100030, within(1e-9));
    assertThat(s.solver()).isEqualTo("greedy");
    assertThat(slots(s, "X")).containsExactly(0);
    assertThat(slots(s, "Y")).containsExactly(1, 2);
    assertThat(Evaluator.evaluate(p, s).emissionsGrams()).isCloseTo(2020, within(1e-9));
  }

  @Test
  void schedule_ejectionRepair_makesRoomForALeftOutJob() {
    // One unit per slot. "wide" has the higher priority, goes first and takes the cleanest slots 2-3;
    // then "fixed" (3 slots in the window 1-4, no slack) cannot fit. Ejecting "wide" to its next
    // cheapest window, 4-5 (600 + 600), places both.
    Problem p = base(900, 500, 100, 100, 600, 600, 900, 900)
        .hub(Hub.builder("h1", "Z1").capacityUnits(1).build())
        .job(job("wide").powerKw(50).priority(2).build())
        .job(job("fixed").durationSlots(3).powerKw(1).window(at(1), at(4)).build())
        .build();

    Schedule raw = check(p, Scheduler.greedy(new GreedyOptions(false, 0)).schedule(p));
    Schedule s = check(p, Scheduler.greedy(new GreedyOptions(false, 1)).schedule(p));

    assertThat(raw.assignment("fixed")).isEmpty();
    assertThat(slots(s, "fixed")).containsExactly(1, 2, 3);
    assertThat(slots(s, "wide")).containsExactly(4, 5);
  }

  @Test
  void schedule_isDeterministic_andListsEveryJobOnce() {
    Problem p = RandomProblems.generate(42);

    Schedule first = greedy(p);

    assertThat(Scheduler.greedy().schedule(p)).isEqualTo(first);
    assertThat(first.assignments().size() + first.unscheduled().size()).isEqualTo(p.jobs().size());
  }

  @Test
  void greedyOptions_rejectNegativeRounds() {
    assertThatThrownBy(() -> GreedyOptions.defaults().withImprovementRounds(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("improvementRounds must be between 0 and 100 but was -1");
  }

  @Test
  void greedy_nameAndOptions() {
    assertThat(Scheduler.greedy().name()).isEqualTo("greedy");
    assertThat(Scheduler.asap().name()).isEqualTo("asap");
    assertThat(GreedyOptions.defaults()).isEqualTo(new GreedyOptions(true, 1, GreedyOptions.DEFAULT_RESTARTS));
    assertThat(new GreedyOptions(true, 1).restarts()).isZero();
    assertThatThrownBy(() -> GreedyOptions.defaults().withRestarts(101))
        .hasMessageContaining("restarts must be between 0 and 100 but was 101");
  }

  @Test
  void schedule_problemWithoutJobs_givesAnEmptySchedule() {
    Problem p = base(1, 2, 3, 4, 5, 6, 7, 8).hub(Hub.builder("h1", "Z1").capacityUnits(1).build()).build();

    Schedule s = Scheduler.greedy().schedule(p);

    assertThat(s.assignments()).isEmpty();
    assertThat(s.unscheduled()).isEmpty();
    assertThat(s.solver()).isEqualTo("greedy");
  }
}
