package dev.fairshift.benchmarks.referee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.bound.LowerBound;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CpSatRefereeTest {
  private static final Instant T0 = SmallProblems.T0;
  private static final CpSatReferee REFEREE = CpSatReferee.create(CpSatReferee.Config.defaults()
      .withTimeLimit(Duration.ofSeconds(20)).withDeterministic(true));

  @BeforeAll
  static void cpSatRunsHere() {
    CpSatPlatform.assumeSupported();
  }

  /** One hub in zone Z with the given intensities (g/kWh), capacity {@code capacity}, PUE 1. */
  private static Problem.Builder oneHub(int capacity, double... grams) {
    return Problem.builder()
        .horizon(Horizon.hourly(T0, grams.length))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(grams)))
        .hub(Hub.builder("H", "Z").capacityUnits(capacity).build())
        .tenant(Tenant.of("T", "research"));
  }

  private static Job job(String id, String tenant, int duration, double kw, int from, int to) {
    return Job.builder(id, tenant).durationSlots(duration).powerKw(kw)
        .window(T0.plus(Duration.ofHours(from)), T0.plus(Duration.ofHours(to))).build();
  }

  /** Solves, then checks what every optimal answer must satisfy, and returns the evaluation. */
  private static Evaluation solveOptimal(Problem problem, CpSatResult[] out) {
    CpSatResult r = REFEREE.solve(problem);
    out[0] = r;
    assertThat(r.status()).isEqualTo(CpSatStatus.OPTIMAL);
    Evaluation e = Evaluator.evaluate(problem, r.schedule());
    assertThat(e.violations()).isEmpty();
    assertThat(r.objectiveGrams().getAsDouble()).isCloseTo(e.emissionsGrams(), within(r.roundingGrams() + 1e-6));
    assertThat(r.bestBoundGrams().getAsDouble()).isLessThanOrEqualTo(e.emissionsGrams() + 1e-6);
    return e;
  }

  @Test
  void solve_oneJob_takesTheCleanestSlot() {
    Problem p = oneHub(1, 500, 100, 300, 400).job(job("J", "T", 1, 10, 0, 4)).build();
    CpSatResult[] r = new CpSatResult[1];
    Evaluation e = solveOptimal(p, r);
    // 10 kW for one hour at 100 g/kWh.
    assertThat(e.emissionsGrams()).isCloseTo(1000, within(1e-6));
    assertThat(r[0].schedule().assignment("J").orElseThrow().slots()).containsExactly(1);
    assertThat(r[0].size()).isEqualTo(new ModelSize(4, 4));
    assertThat(r[0].everyJobBoundGrams().getAsDouble()).isCloseTo(1000, within(1e-3));
  }

  @Test
  void solve_tenantWithFairnessWindows_isRefusedByName() {
    Problem p = oneHub(1, 500, 100, 300, 400)
        .tenant(Tenant.of("W", "newcomer").withMaxShare(0.5).withFairnessWindowSlots(2))
        .job(job("J", "W", 1, 10, 0, 4)).build();
    assertThatThrownBy(() -> REFEREE.solve(p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Tenant 'W' has fairness windows of 2 slots");
  }

  @Test
  void solve_capacityOne_givesTheCleanSlotToTheBiggerJob() {
    Problem p = oneHub(1, 500, 100, 300, 400)
        .job(job("small", "T", 1, 10, 0, 4)).job(job("big", "T", 1, 20, 0, 4)).build();
    CpSatResult[] r = new CpSatResult[1];
    Evaluation e = solveOptimal(p, r);
    // big at 100 g/kWh, small at 300: 2000 + 3000 (the other way round: 1000 + 6000).
    assertThat(e.emissionsGrams()).isCloseTo(5000, within(1e-6));
    assertThat(r[0].schedule().assignment("big").orElseThrow().slots()).containsExactly(1);
  }

  @Test
  void solve_interruptibleMovedJob_paysTransferAtItsFirstSlot() {
    Problem p = Problem.builder()
        .horizon(Horizon.hourly(T0, 4))
        .transferKwhPerGb(0.1)
        .zone(ZoneIntensity.of("ZA", SlotSeries.of(400, 400, 400, 400)))
        .zone(ZoneIntensity.of("ZB", SlotSeries.of(500, 20, 500, 10)))
        .hub(Hub.builder("A", "ZA").capacityUnits(1).build())
        .hub(Hub.builder("B", "ZB").capacityUnits(1).build())
        .tenant(Tenant.of("T", "research"))
        .job(Job.builder("J", "T").durationSlots(2).powerKw(1).interruptible(true)
            .window(T0, T0.plus(Duration.ofHours(4))).originHub("A").dataGb(100).build())
        .build();
    CpSatResult[] r = new CpSatResult[1];
    Evaluation e = solveOptimal(p, r);
    // In B at slots 1 and 3: 1 kWh x (20 + 10) plus 10 kWh of transfer at the first slot's 20 g/kWh = 230 g
    // (staying in A: 800 g; a transfer charged at the cheapest slot would claim 130 g).
    assertThat(r[0].schedule().assignment("J").orElseThrow()).isEqualTo(new Assignment("J", "B", List.of(1, 3)));
    assertThat(e.emissionsGrams()).isCloseTo(230, within(1e-6));
    // A: runs-here + 4 slots; B: runs-here + 4 slots + 4 started-by literals.
    assertThat(r[0].size()).isEqualTo(new ModelSize(14, 8));
  }

  @Test
  void solve_renewablesAreSharedPerHubSlot() {
    Problem p = Problem.builder()
        .horizon(Horizon.hourly(T0, 2))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(300, 200)))
        .hub(Hub.builder("H", "Z").capacityUnits(2).renewableKw(SlotSeries.of(10, 0)).build())
        .tenant(Tenant.of("T", "research"))
        .job(job("J1", "T", 1, 10, 0, 2)).job(job("J2", "T", 1, 10, 0, 2))
        .build();
    CpSatResult[] r = new CpSatResult[1];
    Evaluation e = solveOptimal(p, r);
    // One job on the 10 kW of solar in slot 0 (0 g), the other in slot 1 (2000 g); both in slot 0 would
    // draw 10 kWh from the grid at 300 g/kWh (3000 g).
    assertThat(e.emissionsGrams()).isCloseTo(2000, within(1e-6));
    assertThat(r[0].schedule().assignments()).extracting(Assignment::firstSlot).containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void solve_powerCap_keepsTwoJobsApart() {
    Problem p = Problem.builder()
        .horizon(Horizon.hourly(T0, 2))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(100, 400)))
        .hub(Hub.builder("H", "Z").capacityUnits(10).pue(1.5).powerCapKw(15).build())
        .tenant(Tenant.of("T", "research"))
        .job(job("J1", "T", 1, 6, 0, 2)).job(job("J2", "T", 1, 6, 0, 2))
        .build();
    CpSatResult[] r = new CpSatResult[1];
    Evaluation e = solveOptimal(p, r);
    // Each draws 9 kW of facility power; together 18 kW > 15 kW. 9 kWh x 100 + 9 kWh x 400.
    assertThat(e.emissionsGrams()).isCloseTo(4500, within(1e-6));
  }

  @Test
  void solve_maxShare_placesTheHigherPriority() {
    // Two unit-slots of capacity; maxShare 0.5 lets the tenant hold one.
    Problem p = Problem.builder()
        .horizon(Horizon.hourly(T0, 2))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(100, 200)))
        .hub(Hub.builder("H", "Z").capacityUnits(1).build())
        .tenant(Tenant.of("T", "commercial").withMaxShare(0.5))
        .job(job("low", "T", 1, 1, 0, 2))
        .job(Job.builder("high", "T").durationSlots(1).powerKw(5).priority(3)
            .window(T0, T0.plus(Duration.ofHours(2))).build())
        .build();
    CpSatResult[] r = new CpSatResult[1];
    Evaluation e = solveOptimal(p, r);
    assertThat(r[0].schedule().assignment("high")).isPresent();
    assertThat(r[0].schedule().unscheduled()).singleElement()
        .satisfies(u -> assertThat(u.job()).isEqualTo("low"))
        .satisfies(u -> assertThat(u.reason()).contains("maxShare"));
    assertThat(r[0].placedPriority()).isEqualTo(3);
    assertThat(r[0].priorityProven()).isTrue();
    assertThat(e.emissionsGrams()).isCloseTo(500, within(1e-6));
    assertThat(r[0].everyJobBoundGrams()).isEmpty();
  }

  @Test
  void solve_guaranteedQuota_beatsPriority() {
    // One unit-slot; the newcomer is guaranteed all of it, so its job runs although the other's priority is 5.
    Problem p = Problem.builder()
        .horizon(Horizon.hourly(T0, 1))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(100)))
        .hub(Hub.builder("H", "Z").capacityUnits(1).build())
        .tenant(Tenant.of("N", "newcomer").withGuaranteedShare(1.0))
        .tenant(Tenant.of("C", "commercial"))
        .job(job("newcomer", "N", 1, 1, 0, 1))
        .job(Job.builder("urgent", "C").durationSlots(1).powerKw(1).priority(5)
            .window(T0, T0.plus(Duration.ofHours(1))).build())
        .build();
    CpSatResult[] r = new CpSatResult[1];
    Evaluation e = solveOptimal(p, r);
    assertThat(r[0].schedule().assignment("newcomer")).isPresent();
    assertThat(e.tenant("N").quotaMet()).isTrue();
  }

  @Test
  void solve_quotaNoScheduleCanMeet_isInfeasibleAndSaysWhy() {
    // The newcomer is guaranteed both unit-slots, but both its jobs need slot 0 of a one-unit hub.
    Problem p = Problem.builder()
        .horizon(Horizon.hourly(T0, 2))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(100, 100)))
        .hub(Hub.builder("H", "Z").capacityUnits(1).build())
        .tenant(Tenant.of("N", "newcomer").withGuaranteedShare(1.0))
        .job(job("a", "N", 1, 1, 0, 1)).job(job("b", "N", 1, 1, 0, 1))
        .build();
    CpSatResult r = REFEREE.solve(p);
    assertThat(r.status()).isEqualTo(CpSatStatus.INFEASIBLE);
    assertThat(r.hasSolution()).isFalse();
    assertThat(r.schedule().assignments()).isEmpty();
    assertThat(r.schedule().unscheduled()).hasSize(2)
        .allSatisfy(u -> assertThat(u.reason()).contains("guaranteed quota").contains("Maybe"));
    assertThat(r.objectiveGrams()).isEmpty();
    assertThat(r.bestBoundGrams()).isEmpty();
  }

  @Test
  void solve_modelAboveTheLimits_isNotBuiltAndSaysSo() {
    Problem p = oneHub(1, 500, 100, 300, 400).job(job("J", "T", 1, 10, 0, 4)).build();
    CpSatResult r = CpSatReferee.create(CpSatReferee.Config.defaults().withMaxSize(3, 100)).solve(p);
    assertThat(r.status()).isEqualTo(CpSatStatus.MODEL_TOO_LARGE);
    assertThat(r.size()).isEqualTo(new ModelSize(4, 4));
    assertThat(r.detail()).contains("4 Booleans").contains("limits of 3").contains("Maybe");
    assertThat(r.schedule().unscheduled()).singleElement().satisfies(u -> assertThat(u.reason()).isEqualTo(r.detail()));
  }

  @Test
  void solve_tinyTimeLimit_stillReturnsTheGreedyHint() {
    Problem p = SmallProblems.generate(3);
    CpSatResult r = CpSatReferee.create(CpSatReferee.Config.defaults().withTimeLimit(Duration.ofNanos(1000))).solve(p);
    Evaluation greedy = Evaluator.evaluate(p, Scheduler.greedy().schedule(p));
    Evaluation e = Evaluator.evaluate(p, r.schedule());
    assertThat(r.hasSolution()).isTrue();
    assertThat(e.violations()).isEmpty();
    assertThat(e.scheduledJobs()).isEqualTo(greedy.scheduledJobs());
    assertThat(planned(e)).isLessThanOrEqualTo(planned(greedy) + r.roundingGrams() + 1e-6);
  }

  @Test
  void solve_deterministic_sameScheduleTwice() {
    Problem p = SmallProblems.generate(11);
    assertThat(REFEREE.solve(p).schedule()).isEqualTo(REFEREE.solve(p).schedule());
  }

  @Test
  void solve_optimum_isNeverBelowFairshiftsLowerBound() {
    for (long seed = 100; seed < 105; seed++) {
      Problem p = SmallProblems.generate(seed);
      CpSatResult r = REFEREE.solve(p);
      if (r.status() == CpSatStatus.OPTIMAL && r.schedule().unscheduled().isEmpty() && !p.intensities().hasForecast()) {
        assertThat(r.objectiveGrams().getAsDouble())
            .as("seed %d", seed).isGreaterThanOrEqualTo(LowerBound.of(p).gramsCo2e() - r.roundingGrams() - 1e-6);
      }
    }
  }

  @Test
  void config_badValues_areRejectedWithAFix() {
    CpSatReferee.Config c = CpSatReferee.Config.defaults();
    assertThatThrownBy(() -> c.withTimeLimit(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeLimit").hasMessageContaining("Maybe");
    assertThatThrownBy(() -> c.withWorkers(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workers is 0");
    Problem p = oneHub(1, 100).job(job("J", "T", 1, 1, 0, 1)).build();
    assertThatThrownBy(() -> CpSatReferee.create(c.withSatParameters("no_such_parameter: 3")).solve(p))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no_such_parameter");
  }

  /** The emissions the solvers plan on: forecast when present, else actual. */
  static double planned(Evaluation e) {
    return e.plannedEmissionsGrams().orElse(e.emissionsGrams());
  }
}
