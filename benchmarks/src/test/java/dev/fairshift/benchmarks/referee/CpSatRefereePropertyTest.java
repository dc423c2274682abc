package dev.fairshift.benchmarks.referee;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.JobResult;
import dev.fairshift.core.Problem;
import dev.fairshift.core.TenantResult;
import dev.fairshift.solver.GreedyOptions;
import dev.fairshift.solver.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CpSatRefereePropertyTest {
  private static final CpSatReferee REFEREE = CpSatReferee.create(CpSatReferee.Config.defaults()
      .withTimeLimit(Duration.ofSeconds(20)).withDeterministic(true));

  @BeforeAll
  static void cpSatRunsHere() {
    CpSatPlatform.assumeSupported();
  }

  @Test
  void solve_randomSmallProblems_keepsEveryRule_neverLosesToGreedy_beatsItsConstruction() {
    int optimal = 0;
    int solvedBelowConstruction = 0;
    for (long seed = 1; seed <= 20; seed++) {
      Problem p = SmallProblems.generate(seed);
      CpSatResult r = REFEREE.solve(p);
      Evaluation e = Evaluator.evaluate(p, r.schedule());
      Evaluation greedy = Evaluator.evaluate(p, Scheduler.greedy().schedule(p));
      // Greedy's construction alone, without its improvements: what an exact solver should beat.
      Evaluation construction = Evaluator.evaluate(p,
          Scheduler.greedy(GreedyOptions.defaults().withImprovementRounds(0)).schedule(p));
      String at = "seed " + seed + ": " + r.detail();

      // Every job once, no hard rule broken, whatever the status.
      List<String> ids = new ArrayList<>();
      r.schedule().assignments().forEach(a -> ids.add(a.job()));
      r.schedule().unscheduled().forEach(u -> ids.add(u.job()));
      assertThat(ids).as(at).containsExactlyInAnyOrderElementsOf(p.jobs().stream().map(j -> j.id()).toList());
      assertThat(e.violations()).as(at).isEmpty();
      boolean greedyMeetsQuotas = greedy.tenants().stream().allMatch(TenantResult::quotaMet);
      if (!r.hasSolution()) {
        // Only a quota no schedule can meet may stop the referee on problems this small.
        assertThat(r.status()).as(at).isEqualTo(CpSatStatus.INFEASIBLE);
        assertThat(greedyMeetsQuotas).as(at).isFalse();
        continue;
      }
      assertThat(r.status()).as(at).isEqualTo(CpSatStatus.OPTIMAL);
      optimal++;
      assertThat(e.tenants()).as(at).allSatisfy(t -> assertThat(t.quotaMet()).isTrue());
      // The model's emissions are the Evaluator's (on the planning intensities) within the stated rounding,
      // and the proven bound is below them.
      double planned = CpSatRefereeTest.planned(e);
      assertThat(Math.abs(r.objectiveGrams().getAsDouble() - planned)).as(at)
          .isLessThanOrEqualTo(r.roundingGrams() + 1e-6);
      assertThat(r.bestBoundGrams().getAsDouble()).as(at).isLessThanOrEqualTo(planned + 1e-6);
      long placedPriority = e.jobs().stream().filter(JobResult::scheduled)
          .mapToLong(j -> p.job(j.job()).priority()).sum();
      assertThat(placedPriority).as(at).isEqualTo(r.placedPriority());
      boolean constructionMeetsQuotas = construction.tenants().stream().allMatch(TenantResult::quotaMet);
      if (constructionMeetsQuotas && placedPriority == construction.jobs().stream().filter(JobResult::scheduled)
          .mapToLong(j -> p.job(j.job()).priority()).sum()) {
        solvedBelowConstruction += planned < CpSatRefereeTest.planned(construction) - 1e-6 ? 1 : 0;
      }
      if (greedyMeetsQuotas) {
        long greedyPriority = greedy.jobs().stream().filter(JobResult::scheduled)
            .mapToLong(j -> p.job(j.job()).priority()).sum();
        assertThat(placedPriority).as(at).isGreaterThanOrEqualTo(greedyPriority);
        if (placedPriority == greedyPriority) {
          double greedyPlanned = CpSatRefereeTest.planned(greedy);
          assertThat(planned).as(at).isLessThanOrEqualTo(greedyPlanned + r.roundingGrams() + 1e-6);
          // Greedy's schedule is one of those the bound covers.
          assertThat(r.bestBoundGrams().getAsDouble()).as(at).isLessThanOrEqualTo(greedyPlanned + 1e-6);
        }
      }
    }
    assertThat(optimal).isGreaterThanOrEqualTo(15);
    // Not vacuous: the referee finds better plans than greedy's construction alone (greedy with its exact
    // improvements reaches the optimum on many problems this small).
    assertThat(solvedBelowConstruction).as("problems where the referee beats greedy's construction").isPositive();
  }
}
