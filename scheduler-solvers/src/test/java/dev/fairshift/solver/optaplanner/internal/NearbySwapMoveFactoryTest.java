package dev.fairshift.solver.optaplanner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Problem;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.fixtures.HardProblems;
import java.util.Iterator;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Nearby swaps: both jobs of a swap are near in time (the partner's window contains a slot of the
 * first job's run, or of its window when it is unscheduled or interruptible), every value lies in
 * the job's ranges, and the swap exchanges exactly the two jobs' hubs (and starts, or nothing else).
 */
class NearbySwapMoveFactoryTest {

  @Test
  void randomMoves_swapJobsNearInTimeWithinTheirRanges() {
    for (int seed = 0; seed < 5; seed++) {
      Problem problem = HardProblems.random(new Random(seed), 60);
      PlanSolution solution = PlanBuilder.build(problem, 700, Optional.of(Scheduler.greedy().schedule(problem)))
          .solution();
      NearbySwapMoveFactory factory = new NearbySwapMoveFactory();
      RuinRecreateMoveFactory index = new RuinRecreateMoveFactory();
      index.index(solution);
      factory.phaseStartedFor(solution);
      Iterator<PlacementMove> moves = factory.createRandomMoveIterator(null, new Random(seed));
      int swaps = 0;
      for (int i = 0; i < 300; i++) {
        PlacementMove move = moves.next();
        if (move.placements().isEmpty()) {
          continue;
        }
        swaps++;
        assertThat(move.placements()).hasSize(2);
        PlacementMove.Placement p = move.placements().get(0);
        PlacementMove.Placement q = move.placements().get(1);
        JobAssignment a = p.assignment();
        JobAssignment b = q.assignment();
        assertThat(p.hub()).isSameAs(b.getHub());
        assertThat(q.hub()).isSameAs(a.getHub());
        for (PlacementMove.Placement x : move.placements()) {
          JobFact job = x.assignment().job();
          assertThat(x.hub() == null || job.hubRange().contains(x.hub())).isTrue();
          assertThat(job.startRange()).contains(x.start());
        }
        boolean bothStarts = !p.start().equals(a.getStart());
        if (bothStarts) {
          assertThat(p.start()).isEqualTo(b.getStart());
          assertThat(q.start()).isEqualTo(a.getStart());
        } else {
          assertThat(q.start()).isEqualTo(b.getStart());
        }
        int from = a.getHub() != null && !a.job().interruptible() ? a.getStart() : a.job().releaseSlot();
        int to = a.getHub() != null && !a.job().interruptible()
            ? from + a.job().durationSlots() : a.job().deadlineSlot();
        assertThat(b.job().releaseSlot()).as("partner near in time").isLessThan(to);
        assertThat(b.job().deadlineSlot()).as("partner near in time").isGreaterThan(from);
      }
      assertThat(swaps).as("seed " + seed).isGreaterThan(100);
    }
  }
}
