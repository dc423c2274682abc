package dev.fairshift.solver.optaplanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.TenantResult;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.solver.fixtures.GeneratedProblems;
import dev.fairshift.solver.fixtures.RandomSchedules;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * On 60 seeded random problems (renewables, transfers, forecasts, prices, caps, quotas,
 * interruptible jobs; with and without a warm start; both search strategies), the solver's
 * schedule is feasible per the Evaluator and every level of its score is what the Evaluator's
 * accounting of the same schedule gives.
 */
class OptaPlannerSchedulerPropertyTest {
  private static final int PROBLEMS = 60;

  private static long constraintImpact(OptaPlannerResult result, String name) {
    return result.constraint(name).map(ConstraintCost::impact).orElse(0L);
  }

  @Test
  void solve_randomProblemsFeasibleAndScoreEqualsEvaluatorAccounting() {
    for (int seed = 0; seed < PROBLEMS; seed++) {
      Random random = new Random(seed);
      Problem problem = GeneratedProblems.random(random, 8);
      OptaPlannerScheduler solver = OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
          .timeLimit(Duration.ofSeconds(5)).scoreCalculationLimit(3000).seed(seed).fairnessGramsPerUnitSlot(500)
          .searchStrategy(seed % 4 < 2 ? SearchStrategy.LATE_ACCEPTANCE : SearchStrategy.SIMULATED_ANNEALING)
          .objective(OptaPlannerScheduler.Objective.COST).build());
      OptaPlannerResult result = seed % 2 == 0
          ? solver.solve(problem)
          : solver.solve(problem, RandomSchedules.random(problem, random));
      String context = "seed " + seed + ": " + problem + "\n" + result.explanation();

      Evaluation evaluation = Evaluator.evaluate(problem, result.schedule());
      assertThat(evaluation.violations()).as(context).isEmpty();
      assertThat(result.fallback()).as(context).isEmpty();
      assertThat(result.schedule().solver()).isEqualTo("optaplanner");

      // Soft emissions: the Evaluator's, on the intensities the solver planned on, to within a
      // rounding of half a milligram per costed hub-slot and moved job.
      double planned = evaluation.plannedEmissionsGrams().orElse(evaluation.emissionsGrams());
      long gridMg = -constraintImpact(result, "Grid emissions");
      long transferMg = -constraintImpact(result, "Data transfer emissions");
      int roundings = problem.hubs().size() * problem.horizon().slots() + problem.jobs().size();
      assertThat((gridMg + transferMg) / 1000.0).as(context).isCloseTo(planned, within(roundings * 0.0005 + 1e-6));
      if (!problem.intensities().hasForecast()) {
        assertThat(transferMg / 1000.0).as(context)
            .isCloseTo(evaluation.transferEmissionsGrams(), within(problem.jobs().size() * 0.0005 + 1e-6));
      }

      // Energy cost: the Evaluator's grid cost, in grams at the carbon price (none when unpriced).
      long energyMg = -constraintImpact(result, "Energy cost");
      double price = problem.carbonPricePerTonne();
      double gridCost = evaluation.cost() - price * evaluation.emissionsGrams() / 1e6;
      double expectedEnergyGrams = price > 0 ? gridCost * 1e6 / price : 0;
      assertThat(energyMg / 1000.0).as(context)
          .isCloseTo(expectedEnergyGrams, within(roundings * 0.0005 + 1e-6 * Math.abs(expectedEnergyGrams)));

      // Fair share: from the Evaluator's tenant results.
      long fairnessMg = 0;
      long shortfall = 0;
      long total = problem.totalCapacityUnitSlots();
      for (TenantResult t : evaluation.tenants()) {
        double beyond = Math.max(0, t.scheduledUnitSlots() - t.guaranteedUnitSlots());
        fairnessMg += Math.round(500 * 1000.0 * beyond * beyond / (problem.tenant(t.tenant()).weight() * total));
        if (!t.quotaMet()) {
          shortfall += (long) Math.ceil(t.guaranteedUnitSlots() - t.scheduledUnitSlots() - 1e-9);
        }
      }
      assertThat(-constraintImpact(result, "Weighted fair share")).as(context).isEqualTo(fairnessMg);
      assertThat(result.score().soft()).as(context).isEqualTo(-(gridMg + transferMg + energyMg + fairnessMg));

      // Medium: summed priority of unscheduled jobs. Hard: only missed quota unit-slots.
      long unscheduledPriority = 0;
      for (Unscheduled u : result.schedule().unscheduled()) {
        unscheduledPriority += problem.job(u.job()).priority();
        assertThat(u.reason()).as(context).contains(u.job());
      }
      assertThat(result.score().medium()).as(context).isEqualTo(-unscheduledPriority);
      assertThat(result.score().hard()).as(context).isEqualTo(-shortfall);
      assertThat(result.unmetQuotas()).as(context).hasSize((int) evaluation.tenants().stream()
          .filter(t -> !t.quotaMet()).count());
    }
  }

  @Test
  void solve_emissionsObjectiveLeavesEnergyCostOutButReportsTheEvaluatorsCost() {
    for (int seed = 200; seed < 215; seed++) {
      Problem problem = GeneratedProblems.random(new Random(seed), 8);
      OptaPlannerResult result = OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
          .timeLimit(Duration.ofSeconds(5)).scoreCalculationLimit(2000).seed(seed).build()).solve(problem);

      assertThat(constraintImpact(result, "Energy cost")).as("seed " + seed).isZero();
      Evaluation evaluation = Evaluator.evaluate(problem, result.schedule());
      assertThat(result.evaluation().cost()).as("seed " + seed).isEqualTo(evaluation.cost());
      assertThat(result.evaluation().violations()).as("seed " + seed).isEmpty();
    }
  }

  @Test
  void solve_randomProblemsNeverWorseThanWarmStart() {
    for (int seed = 100; seed < 130; seed++) {
      Random random = new Random(seed);
      Problem problem = GeneratedProblems.random(random, 8);
      Schedule warm = RandomSchedules.random(problem, random);
      OptaPlannerScheduler keep = OptaPlannerScheduler.create(
          OptaPlannerScheduler.Config.builder().scoreCalculationLimit(0).build());
      OptaPlannerScheduler improve = OptaPlannerScheduler.create(
          OptaPlannerScheduler.Config.builder().scoreCalculationLimit(3000).timeLimit(Duration.ofSeconds(5)).build());
      OptaPlannerResult start = keep.solve(problem, warm);
      OptaPlannerResult better = improve.solve(problem, warm);
      // With no step the warm start comes back unchanged.
      assertThat(start.schedule().assignments()).as("seed " + seed)
          .containsExactlyInAnyOrderElementsOf(warm.assignments());
      assertThat(compare(better.score(), start.score())).as("seed " + seed).isGreaterThanOrEqualTo(0);
    }
  }

  private static int compare(SolverScore a, SolverScore b) {
    int c = Long.compare(a.hard(), b.hard());
    c = c != 0 ? c : Long.compare(a.medium(), b.medium());
    return c != 0 ? c : Long.compare(a.soft(), b.soft());
  }
}
