package dev.fairshift.solver.optaplanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.fixtures.ScaleProblems;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SolveControlTest {
  private static final Problem PROBLEM = ScaleProblems.week(7, 120, 4);

  private static OptaPlannerScheduler longSolver() {
    return OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
        .timeLimit(Duration.ofMinutes(10)).noUnimprovedTimeLimit().warmStart(Scheduler.greedy()).build());
  }

  @Test
  void stop_endsATenMinuteSolveWithItsBestScheduleSoFar() throws Exception {
    SolveControl control = SolveControl.create();
    CompletableFuture<OptaPlannerResult> result = CompletableFuture.supplyAsync(() -> longSolver().solve(PROBLEM, control));

    // The warm start is visible before the search improves on it.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (control.improvements() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(control.bestSchedule()).isPresent();
    assertThat(control.improvements()).isPositive();
    assertThat(control.bestScore()).isPresent();

    control.stop();
    OptaPlannerResult r = result.get(30, TimeUnit.SECONDS);

    assertThat(control.stopRequested()).isTrue();
    assertThat(r.statistics().timeSpent()).isLessThan(Duration.ofSeconds(40));
    assertThat(Evaluator.evaluate(PROBLEM, r.schedule()).feasible()).isTrue();
    // Never worse than the warm start it began from.
    assertThat(Evaluator.evaluate(PROBLEM, r.schedule()).emissionsGrams())
        .isLessThanOrEqualTo(Evaluator.evaluate(PROBLEM, Scheduler.greedy().schedule(PROBLEM)).emissionsGrams() + 1e-6);
  }

  @Test
  void stopBeforeTheSolveStarts_returnsAtOnce() throws Exception {
    SolveControl control = SolveControl.create();
    control.stop();

    OptaPlannerResult r = CompletableFuture.supplyAsync(() -> longSolver().solve(PROBLEM, control)).get(60, TimeUnit.SECONDS);

    assertThat(r.statistics().timeSpent()).isLessThan(Duration.ofSeconds(30));
    assertThat(control.bestSchedule()).isPresent();
    assertThat(r.schedule().assignments()).isNotEmpty();
  }
}
