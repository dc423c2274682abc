package dev.fairshift.solver.optaplanner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.fixtures.GeneratedProblems;
import dev.fairshift.solver.fixtures.RandomSchedules;
import dev.fairshift.solver.fixtures.RandomWindows;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * The incremental score equals the constraint streams' score (the definition) on random solutions,
 * feasible or not, with and without tenant fairness windows, both computed from scratch and after long sequences of incremental changes.
 */
class FairshiftIncrementalScoreTest {

  @Test
  void resetWorkingSolution_equalsConstraintStreamsOnRandomSolutions() {
    int compared = 0;
    for (int seed = 0; seed < 60; seed++) {
      Random random = new Random(5000 + seed);
      PlanSolution solution = randomSolution(random);
      for (int round = 0; round < 5; round++) {
        perturb(solution, random, 1 + random.nextInt(4));
        assertThat(fromScratch(solution)).as("seed %d round %d", seed, round).isEqualTo(streams(solution));
        compared++;
      }
    }
    assertThat(compared).isEqualTo(300);
  }

  @Test
  void incrementalChanges_keepEqualToConstraintStreams() {
    int brokenRules = 0;
    for (int seed = 0; seed < 30; seed++) {
      Random random = new Random(9000 + seed);
      PlanSolution solution = randomSolution(random);
      FairshiftIncrementalScore incremental = new FairshiftIncrementalScore();
      incremental.resetWorkingSolution(solution);
      for (int step = 0; step < 200; step++) {
        change(solution, incremental, random);
        if (step % 20 == 19) {
          HardMediumSoftLongScore expected = streams(solution);
          assertThat(incremental.calculateScore()).as("seed %d step %d", seed, step).isEqualTo(expected);
          brokenRules += expected.hardScore() < 0 ? 1 : 0;
        }
      }
    }
    // The changes leave value ranges and break rules, so the hard terms are exercised too.
    assertThat(brokenRules).isGreaterThan(50);
  }

  private static PlanSolution randomSolution(Random random) {
    Problem problem = GeneratedProblems.random(random, 3 + random.nextInt(8));
    Schedule start = RandomSchedules.random(problem, random);
    // Windows after the schedule: it may then break their caps, which the scores must agree on too.
    Problem planned = random.nextBoolean() ? RandomWindows.of(problem, random) : problem;
    return PlanBuilder.build(planned, 700, Optional.of(start)).solution();
  }

  private static HardMediumSoftLongScore fromScratch(PlanSolution solution) {
    FairshiftIncrementalScore calculator = new FairshiftIncrementalScore();
    calculator.resetWorkingSolution(solution);
    return calculator.calculateScore();
  }

  private static HardMediumSoftLongScore streams(PlanSolution solution) {
    return SolverRun.explain(solution).getScore();
  }

  /** Random values, inside and outside the value ranges, with the job-slot hubs kept as the listener keeps them. */
  private static void perturb(PlanSolution solution, Random random, int changes) {
    FairshiftIncrementalScore ignored = new FairshiftIncrementalScore();
    ignored.resetWorkingSolution(solution);
    for (int i = 0; i < changes; i++) {
      change(solution, ignored, random);
    }
  }

  /** One random change, announced to {@code calculator} as OptaPlanner's score director would. */
  private static void change(PlanSolution solution, FairshiftIncrementalScore calculator, Random random) {
    int slots = solution.getHubs().get(0).slots().size();
    List<JobSlot> jobSlots = solution.getJobSlots();
    if (!jobSlots.isEmpty() && random.nextInt(3) == 0) {
      JobSlot slot = jobSlots.get(random.nextInt(jobSlots.size()));
      calculator.beforeVariableChanged(slot, "slot");
      slot.setSlot(random.nextInt(slots));
      calculator.afterVariableChanged(slot, "slot");
      return;
    }
    JobAssignment assignment = solution.getAssignments().get(random.nextInt(solution.getAssignments().size()));
    if (random.nextBoolean()) {
      HubFact hub = random.nextInt(4) == 0 ? null : solution.getHubs().get(random.nextInt(solution.getHubs().size()));
      calculator.beforeVariableChanged(assignment, "hub");
      assignment.setHub(hub);
      calculator.afterVariableChanged(assignment, "hub");
      JobFact job = assignment.job();
      for (int part = 0; job.interruptible() && part < job.durationSlots(); part++) {
        JobSlot slot = jobSlots.get(job.firstJobSlotIndex() + part);
        calculator.beforeVariableChanged(slot, "hub");
        slot.setHub(hub);
        calculator.afterVariableChanged(slot, "hub");
      }
    } else if (!assignment.job().interruptible()) {
      int start = random.nextInt(Math.max(1, slots - assignment.job().durationSlots() + 1));
      calculator.beforeVariableChanged(assignment, "start");
      assignment.setStart(start);
      calculator.afterVariableChanged(assignment, "start");
    }
  }
}
