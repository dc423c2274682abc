package dev.fairshift.solver.optaplanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Problem;
import dev.fairshift.solver.bound.EmissionsBound;
import dev.fairshift.solver.bound.LowerBound;
import dev.fairshift.solver.fixtures.ScaleProblems;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Longer end-to-end runs on a week-long, 300-job problem over 6 hubs; not run by a plain {@code mvn verify}
 * but by the {@code it} profile: {@code mvn -B -pl scheduler-solvers -am verify -Pit}.
 */
class OptaPlannerSchedulerIT {

  @Test
  void solve_weekLongProblemFeasibleAgreesWithEvaluatorAndAboveBound() {
    Problem problem = ScaleProblems.week(11, 300, 6, 168, false);
    for (SearchStrategy strategy : SearchStrategy.values()) {
      OptaPlannerResult result = OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
          .timeLimit(Duration.ofSeconds(20)).unimprovedTimeLimit(Duration.ofSeconds(5)).searchStrategy(strategy)
          .moveThreads(MoveThreads.auto()).build()).solve(problem);
      Evaluation evaluation = result.evaluation();
      assertThat(evaluation.violations()).isEmpty();
      assertThat(result.fallback()).isEmpty();
      long gridAndTransferMg = -result.constraint("Grid emissions").orElseThrow().impact()
          - result.constraint("Data transfer emissions").map(ConstraintCost::impact).orElse(0L);
      assertThat(gridAndTransferMg / 1000.0).isCloseTo(evaluation.emissionsGrams(),
          within(0.0005 * (problem.hubs().size() * 168 + problem.jobs().size())));
      EmissionsBound bound = LowerBound.of(problem);
      assertThat(bound.gramsCo2e()).isLessThanOrEqualTo(evaluation.emissionsGrams());
      System.out.printf("%s: %d/%d jobs, %.1f kg, bound %.1f kg (%s), gap %s, %d calc/s%n", strategy,
          evaluation.scheduledJobs(), problem.jobs().size(), evaluation.emissionsKg(), bound.gramsCo2e() / 1000,
          bound.method(), bound.gapTo(evaluation), result.statistics().scoreCalculationsPerSecond());
    }
  }
}
