package dev.fairshift.solver.bound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.IntensityBasis;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.core.ZoneIntensity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Hand-made problems whose optimum (and LP value) is computed by hand in the comments. */
class LowerBoundTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");
  private static final LowerBound.Options LP = LowerBound.Options.defaults().withMethod(BoundMethod.LINEAR_PROGRAM);
  private static final LowerBound.Options LAGRANGIAN = LowerBound.Options.defaults()
      .withMethod(BoundMethod.LAGRANGIAN).withLagrangianIterations(2000);

  private static Instant slot(int i) {
    return T0.plusSeconds(3600L * i);
  }

  private static Problem.Builder oneHub(double[] grams, Hub.Builder hub) {
    return Problem.builder()
        .horizon(Horizon.hourly(T0, grams.length))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(grams)))
        .hub(hub.build())
        .tenant(Tenant.of("t", "research"));
  }

  private static Job.Builder job(String id, int duration, double kw, int slots) {
    return Job.builder(id, "t").durationSlots(duration).powerKw(kw).window(T0, slot(slots));
  }

  @Test
  void of_independentJobsEqualSumOfCheapestWindows() {
    // A (10 kW, 2 slots): cheapest pair is slots 2-3, (200 + 50) x 10 kWh = 2500 g.
    // B (5 kW, 1 slot): slot 3, 50 x 5 = 250 g. Capacity 2 lets them share slot 3: optimum 2750 g.
    Problem problem = oneHub(new double[] {300, 100, 200, 50, 400}, Hub.builder("h", "Z").capacityUnits(2))
        .job(job("a", 2, 10, 5).build())
        .job(job("b", 1, 5, 5).build())
        .build();
    EmissionsBound lp = LowerBound.of(problem, LP);
    assertThat(lp.method()).isEqualTo(BoundMethod.LINEAR_PROGRAM);
    assertThat(lp.gramsCo2e()).isCloseTo(2750, within(1e-3)).isLessThanOrEqualTo(2750);
    assertThat(LowerBound.of(problem, LAGRANGIAN).gramsCo2e()).isCloseTo(2750, within(1e-3)).isLessThanOrEqualTo(2750);
    Schedule optimal = new Schedule("hand", List.of(Assignment.contiguous("a", "h", 2, 2),
        Assignment.contiguous("b", "h", 3, 1)), List.of());
    assertThat(Evaluator.evaluate(problem, optimal).emissionsGrams()).isEqualTo(2750.0);
  }

  @Test
  void of_capacityContendedLpTight() {
    // One unit: both 10 kW jobs want slot 0 (100 g/kWh); one must take slot 1 (200): 1000 + 2000 g.
    Problem problem = oneHub(new double[] {100, 200, 300}, Hub.builder("h", "Z").capacityUnits(1))
        .job(job("a", 1, 10, 3).build())
        .job(job("b", 1, 10, 3).build())
        .build();
    assertThat(LowerBound.of(problem, LP).gramsCo2e()).isCloseTo(3000, within(1e-3)).isLessThanOrEqualTo(3000);
    assertThat(LowerBound.of(problem, LAGRANGIAN.withUpperBoundGrams(3000)).gramsCo2e())
        .isCloseTo(3000, within(1e-3)).isLessThanOrEqualTo(3000);
    assertThat(LowerBound.of(problem, LAGRANGIAN).gramsCo2e()).isBetween(0.98 * 3000, 3000.0);
  }

  @Test
  void of_renewablesSharedNotCountedPerJob() {
    // 10 kW of renewables in slot 0 (100 g/kWh), none in slot 1 (150). Both 10 kW jobs in slot 0:
    // 20 kWh - 10 kWh renewable = 10 kWh x 100 = 1000 g. Split: 0 + 10 x 150 = 1500 g. Optimum 1000 g;
    // a bound that gave each job the renewables would say 0.
    Problem problem = oneHub(new double[] {100, 150},
        Hub.builder("h", "Z").capacityUnits(2).renewableKw(SlotSeries.of(10, 0)))
        .job(job("a", 1, 10, 2).build())
        .job(job("b", 1, 10, 2).build())
        .build();
    assertThat(LowerBound.of(problem, LP).gramsCo2e()).isCloseTo(1000, within(1e-3)).isLessThanOrEqualTo(1000);
    assertThat(LowerBound.of(problem, LAGRANGIAN).gramsCo2e()).isBetween(0.99 * 1000, 1000.0);
  }

  @Test
  void of_powerCapContendedLpBelowOptimum() {
    // A 15 kW cap fits one 10 kW job per slot: optimum 10 x 100 + 10 x 300 = 4000 g. The LP may put
    // 1.5 jobs in slot 0: 1000 + 500 + 1500 = 3000 g, a valid bound that is not tight.
    Problem problem = oneHub(new double[] {100, 300}, Hub.builder("h", "Z").capacityUnits(4).powerCapKw(15))
        .job(job("a", 1, 10, 2).build())
        .job(job("b", 1, 10, 2).build())
        .build();
    assertThat(LowerBound.of(problem, LP).gramsCo2e()).isCloseTo(3000, within(1e-3)).isLessThanOrEqualTo(3000);
    assertThat(LowerBound.of(problem, LAGRANGIAN).gramsCo2e()).isLessThanOrEqualTo(3000.0 + 1e-6);
  }

  @Test
  void of_transferCostCounted() {
    // Home 400 g/kWh: 4000 g. Away 100 g/kWh: 1000 g + 1000 GB x 0.01 kWh/GB x 100 g = 2000 g.
    Problem problem = Problem.builder()
        .horizon(Horizon.hourly(T0, 1))
        .transferKwhPerGb(0.01)
        .zone(ZoneIntensity.of("HOME", SlotSeries.of(400)))
        .zone(ZoneIntensity.of("AWAY", SlotSeries.of(100)))
        .hub(Hub.builder("home", "HOME").capacityUnits(1).build())
        .hub(Hub.builder("away", "AWAY").capacityUnits(1).build())
        .tenant(Tenant.of("t", "research"))
        .job(job("a", 1, 10, 1).originHub("home").dataGb(1000).build())
        .build();
    assertThat(LowerBound.of(problem, LP).gramsCo2e()).isCloseTo(2000, within(1e-3));
    assertThat(LowerBound.of(problem, LAGRANGIAN).gramsCo2e()).isCloseTo(2000, within(1e-3));
  }

  @Test
  void of_interruptibleTakesCheapestSlots() {
    // Three of five slots at 10, 500, 10, 500, 10 g/kWh: 3 x 10 kWh x 10 g = 300 g.
    Problem problem = oneHub(new double[] {10, 500, 10, 500, 10}, Hub.builder("h", "Z").capacityUnits(1))
        .job(job("a", 3, 10, 5).interruptible(true).build())
        .build();
    assertThat(LowerBound.of(problem, LP).gramsCo2e()).isCloseTo(300, within(1e-3));
    assertThat(LowerBound.of(problem, LAGRANGIAN).gramsCo2e()).isCloseTo(300, within(1e-3));
  }

  @Test
  void of_forecastBasisUsesForecast() {
    Problem problem = Problem.builder()
        .horizon(Horizon.hourly(T0, 2))
        .zone(ZoneIntensity.withForecast("Z", SlotSeries.of(100, 200), SlotSeries.of(300, 50)))
        .hub(Hub.builder("h", "Z").capacityUnits(1).build())
        .tenant(Tenant.of("t", "research"))
        .job(job("a", 1, 10, 2).build())
        .build();
    assertThat(LowerBound.of(problem).gramsCo2e()).isCloseTo(1000, within(1e-3));
    EmissionsBound forecast = LowerBound.of(problem, LowerBound.Options.defaults().withBasis(IntensityBasis.FORECAST));
    assertThat(forecast.gramsCo2e()).isCloseTo(500, within(1e-3));
    assertThat(forecast.basis()).isEqualTo(IntensityBasis.FORECAST);
  }

  @Test
  void of_maxShareMakesRunningEveryJobImpossible() {
    // 'small' may hold 0.25 x 12 = 3 unit-slots but asks for 4.
    Problem problem = oneHub(new double[] {1, 1, 1, 1, 1, 1}, Hub.builder("h", "Z").capacityUnits(2))
        .tenant(Tenant.of("small", "newcomer").withMaxShare(0.25))
        .job(Job.builder("s", "small").durationSlots(4).powerKw(1).window(T0, slot(6)).build())
        .build();
    EmissionsBound bound = LowerBound.of(problem);
    assertThat(bound.method()).isEqualTo(BoundMethod.PROVEN_INFEASIBLE);
    assertThat(bound.everyJobCanRun()).isFalse();
    assertThat(bound.hasValue()).isFalse();
    assertThat(bound.scope()).isEqualTo(BoundScope.NO_SCHEDULE_RUNS_EVERY_JOB);
    assertThat(bound.detail()).contains("small", "maxShare");
  }

  @Test
  void of_capacityMakesRunningEveryJobImpossible() {
    // Three unit-slots in total, three jobs, but two of them need slot 0 of a 1-unit hub.
    Problem problem = oneHub(new double[] {1, 1, 1}, Hub.builder("h", "Z").capacityUnits(1))
        .job(job("a", 1, 1, 1).build())
        .job(job("b", 1, 1, 1).build())
        .job(job("c", 1, 1, 3).build())
        .build();
    EmissionsBound bound = LowerBound.of(problem, LP);
    assertThat(bound.gramsCo2e()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(bound.detail()).contains("no schedule runs every job");
  }

  @Test
  void of_automaticMethodPicksLpWhenSmall() {
    Problem problem = oneHub(new double[] {1, 2}, Hub.builder("h", "Z").capacityUnits(1))
        .job(job("a", 1, 1, 2).build())
        .build();
    assertThat(LowerBound.of(problem).method()).isEqualTo(BoundMethod.LINEAR_PROGRAM);
    LowerBound.Options tiny = new LowerBound.Options(IntensityBasis.ACTUAL, Optional.empty(), 1, 1, 100, 50,
        OptionalDouble.empty());
    assertThat(LowerBound.of(problem, tiny).method()).isEqualTo(BoundMethod.LAGRANGIAN);
  }

  @Test
  void gapTo_onlyForFeasibleSchedulesRunningEveryJob() {
    Problem problem = oneHub(new double[] {100, 200, 300}, Hub.builder("h", "Z").capacityUnits(1))
        .job(job("a", 1, 10, 3).build())
        .job(job("b", 1, 10, 3).build())
        .build();
    EmissionsBound bound = LowerBound.of(problem);
    Evaluation good = Evaluator.evaluate(problem, new Schedule("hand",
        List.of(Assignment.contiguous("a", "h", 0, 1), Assignment.contiguous("b", "h", 1, 1)), List.of()));
    Evaluation worse = Evaluator.evaluate(problem, new Schedule("hand",
        List.of(Assignment.contiguous("a", "h", 2, 1), Assignment.contiguous("b", "h", 1, 1)), List.of()));
    Evaluation partial = Evaluator.evaluate(problem, new Schedule("hand",
        List.of(Assignment.contiguous("a", "h", 0, 1)), List.of(new Unscheduled("b", "left out"))));
    assertThat(bound.gapTo(good).getAsDouble()).isCloseTo(0.0, within(1e-6));
    // 5000 g against a bound of 3000 g: 2000 / 3000 above it.
    assertThat(bound.gapTo(worse).getAsDouble()).isCloseTo(2000.0 / 3000, within(1e-6));
    assertThat(bound.gapTo(partial)).isEmpty();
  }

  @Test
  void options_rejectInfeasibleAsMethod() {
    assertThatThrownBy(() -> LowerBound.Options.defaults().withMethod(BoundMethod.PROVEN_INFEASIBLE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PROVEN_INFEASIBLE", "Maybe");
  }

  /**
   * Three 1-unit jobs of 1 slot in a 2-slot window on a 1-unit hub: at most two run. The LP proves that no
   * schedule runs all three; the Lagrangian, with its rows priced, gives a finite number that lies above
   * what the best two-job schedule emits (the congestion case of issue 9). Neither may claim every job can
   * run, and the bound for a schedule leaving one out covers only its placed jobs.
   */
  @Test
  void congested_neverClaimsEveryJobCanRun_andBoundsOnlyThePlacedJobs() {
    // a third slot keeps total capacity (3 unit-slots) above demand, so only the windows make it congested
    Problem problem = oneHub(new double[] {100, 300, 50}, Hub.builder("h", "Z").capacityUnits(1))
        .job(job("a", 1, 10, 2).build())
        .job(job("b", 1, 10, 2).build())
        .job(job("c", 1, 10, 2).build())
        .build();
    EmissionsBound lp = LowerBound.of(problem, LP);
    assertThat(lp.scope()).isEqualTo(BoundScope.NO_SCHEDULE_RUNS_EVERY_JOB);
    EmissionsBound lagrangian = LowerBound.of(problem, LAGRANGIAN);
    assertThat(lagrangian.scope()).isEqualTo(BoundScope.EVERY_JOB_UNPROVEN);
    assertThat(lagrangian.everyJobCanRun()).isFalse();
    // the best two-job schedule emits 100 x 10 + 300 x 10 = 4000 g; the unproven bound may lie above it
    Schedule two = new Schedule("test", List.of(Assignment.contiguous("a", "h", 0, 1), Assignment.contiguous("b", "h", 1, 1)),
        List.of(new Unscheduled("c", "no room")));
    Evaluation e = Evaluator.evaluate(problem, two);
    assertThat(e.emissionsGrams()).isCloseTo(4000, within(1e-6));
    assertThat(lagrangian.gapTo(e)).isEmpty();
    for (LowerBound.Options options : List.of(LowerBound.Options.defaults(), LP, LAGRANGIAN)) {
      EmissionsBound placed = LowerBound.forSchedule(problem, e, options);
      assertThat(placed.scope()).isEqualTo(BoundScope.PLACED_JOBS);
      assertThat(placed.boundedJobs()).isEqualTo(2);
      assertThat(placed.everyJobCanRun()).isFalse();
      // any two jobs need both slots: 4000 g is the optimum of the placed jobs
      assertThat(placed.gramsCo2e()).isLessThanOrEqualTo(4000 + 1e-6).isGreaterThan(3990);
      assertThat(placed.gapTo(e).orElseThrow()).isCloseTo(0, within(1e-3));
      assertThat(placed.describe()).contains("at least the 2 jobs this one places", "no bound on running every job");
    }
  }

  @Test
  void forSchedule_runningEveryJob_provesItAndBoundsEverySuchSchedule() {
    Problem problem = oneHub(new double[] {300, 100, 200, 50, 400}, Hub.builder("h", "Z").capacityUnits(2))
        .job(job("a", 2, 10, 5).build())
        .job(job("b", 1, 5, 5).build())
        .build();
    Schedule s = new Schedule("test", List.of(Assignment.contiguous("a", "h", 0, 2), Assignment.contiguous("b", "h", 4, 1)),
        List.of());
    Evaluation e = Evaluator.evaluate(problem, s);
    EmissionsBound bound = LowerBound.forSchedule(problem, e);
    assertThat(bound.scope()).isEqualTo(BoundScope.EVERY_JOB_PROVEN);
    assertThat(bound.everyJobCanRun()).isTrue();
    assertThat(bound.gramsCo2e()).isCloseTo(2750, within(1e-3));
    assertThat(bound.gapTo(e).orElseThrow()).isCloseTo((e.emissionsGrams() - 2750) / 2750, within(1e-6));
    assertThat(bound.time()).isNotNull();
  }

  @Test
  void forSchedule_breakingARule_noBoundApplies() {
    Problem problem = oneHub(new double[] {300, 100}, Hub.builder("h", "Z").capacityUnits(1))
        .job(job("a", 1, 10, 2).build())
        .job(job("b", 1, 10, 2).build())
        .build();
    Schedule clash = new Schedule("test", List.of(Assignment.contiguous("a", "h", 1, 1), Assignment.contiguous("b", "h", 1, 1)),
        List.of());
    EmissionsBound bound = LowerBound.forSchedule(problem, Evaluator.evaluate(problem, clash));
    assertThat(bound.scope()).isEqualTo(BoundScope.NONE);
    assertThat(bound.hasValue()).isFalse();
    assertThat(bound.gapTo(Evaluator.evaluate(problem, clash))).isEmpty();
    assertThat(bound.describe()).startsWith("No lower bound: no bound applies");
  }

  @Test
  void lagrangianWorkLimit_stopsEarly_andStaysValid() {
    Problem problem = oneHub(new double[] {300, 100, 200, 50, 400, 80, 90, 70}, Hub.builder("h", "Z").capacityUnits(2))
        .job(job("a", 2, 10, 8).build())
        .job(job("b", 3, 5, 8).build())
        .job(job("c", 1, 7, 8).build())
        .build();
    EmissionsBound limited = LowerBound.of(problem, LAGRANGIAN.withMaxLagrangianWork(1));
    assertThat(limited.detail()).contains("(limited by maxLagrangianWork)");
    EmissionsBound full = LowerBound.of(problem, LP);
    assertThat(limited.gramsCo2e()).isLessThanOrEqualTo(full.gramsCo2e() * (1 + 1e-6) + 1e-3);
    assertThatThrownBy(() -> LAGRANGIAN.withMaxLagrangianWork(0)).hasMessageContaining("maxLagrangianWork=0");
  }

  @Test
  void options_copiesKeepTheWorkLimit() {
    // a forecast-basis bound at scale must stay as cheap as an actual-basis one
    LowerBound.Options limited = LowerBound.Options.defaults().withMaxLagrangianWork(1234);
    assertThat(limited.withBasis(IntensityBasis.FORECAST).maxLagrangianWork()).isEqualTo(1234);
    assertThat(limited.withMethod(BoundMethod.LAGRANGIAN).maxLagrangianWork()).isEqualTo(1234);
    assertThat(limited.withLagrangianIterations(7).maxLagrangianWork()).isEqualTo(1234);
    assertThat(limited.withUpperBoundGrams(5).maxLagrangianWork()).isEqualTo(1234);
    assertThat(LowerBound.Options.defaults().withBasis(IntensityBasis.FORECAST).maxLagrangianWork())
        .isEqualTo(LowerBound.Options.DEFAULT_MAX_LAGRANGIAN_WORK);
  }
}
