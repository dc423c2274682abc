package dev.fairshift.solver.optaplanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.fixtures.ScaleProblems;
import org.junit.jupiter.api.Test;

/** The public hook OptaPlannerScoreBenchmark measures with (so benchmarks need no internal package). */
class ScoreSpeedProbeTest {
  private static final Problem PROBLEM = ScaleProblems.week(5, 40, 3, 48, false);
  private static final Schedule GREEDY = Scheduler.greedy().schedule(PROBLEM);

  @Test
  void solve_stopsAtTheScoreCalculationLimitWithEitherCalculation() {
    ScoreSpeedProbe incremental = ScoreSpeedProbe.of(PROBLEM, GREEDY, ScoreSpeedProbe.Calculation.INCREMENTAL, 3_000);
    ScoreSpeedProbe streams =
        ScoreSpeedProbe.of(PROBLEM, GREEDY, ScoreSpeedProbe.Calculation.CONSTRAINT_STREAMS, 400);

    long incrementalCount = incremental.prepare().solve();
    long streamCount = streams.prepare().solve();

    // OptaPlanner checks the limit between steps, so a search can overshoot by part of one step
    assertThat(incrementalCount).isBetween(3_000L, 30_000L);
    assertThat(streamCount).isBetween(400L, 4_000L);
    // same problem, start and seed (reproducible mode): the same search
    assertThat(incremental.prepare().solve()).isEqualTo(incrementalCount);
  }

  @Test
  void run_solvesOnceBecauseTheSearchChangesItsSolution() {
    ScoreSpeedProbe.Run run =
        ScoreSpeedProbe.of(PROBLEM, GREEDY, ScoreSpeedProbe.Calculation.INCREMENTAL, 500).prepare();
    run.solve();
    assertThatThrownBy(run::solve).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("solved already").hasMessageContaining("prepare()");
  }

  @Test
  void of_rejectsANonPositiveLimit() {
    assertThatThrownBy(() -> ScoreSpeedProbe.of(PROBLEM, GREEDY, ScoreSpeedProbe.Calculation.INCREMENTAL, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scoreCalculations is 0").hasMessageContaining("Maybe");
  }
}
