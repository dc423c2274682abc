package dev.fairshift.solver.optaplanner.internal;

import java.util.List;
import java.util.Objects;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.score.director.InnerScoreDirector;

/**
 * Changes planning variables with the score notified and reads the resulting score: either
 * OptaPlanner's score director (inside a move, so the solver's incremental score follows every
 * change) or a {@link FairshiftIncrementalScore} of its own (after a solve, on the best solution).
 * Not thread-safe.
 */
abstract class ScoreAccess {

  /** The solution changed. */
  abstract PlanSolution solution();

  /** The score of the solution as it stands now. */
  abstract HardMediumSoftLongScore score();

  abstract void before(Object entity, String variable);

  abstract void after(Object entity, String variable);

  /** Hook for the job-slot hub shadow, which only the own-score access updates by hand. */
  abstract void hubChanged(JobAssignment assignment);

  /** Moves {@code assignment} to {@code hub} (null = unscheduled); its slots follow. */
  final void setHub(JobAssignment assignment, HubFact hub) {
    if (assignment.getHub() == hub) {
      return;
    }
    before(assignment, "hub");
    assignment.setHub(hub);
    after(assignment, "hub");
    hubChanged(assignment);
  }

  final void setStart(JobAssignment assignment, Integer start) {
    if (Objects.equals(assignment.getStart(), start)) {
      return;
    }
    before(assignment, "start");
    assignment.setStart(start);
    after(assignment, "start");
  }

  final void setSlot(JobSlot part, Integer slot) {
    if (Objects.equals(part.getSlot(), slot)) {
      return;
    }
    before(part, "slot");
    part.setSlot(slot);
    after(part, "slot");
  }

  /** The parts of interruptible job {@code job} in this solution. */
  final List<JobSlot> parts(JobFact job) {
    if (!job.interruptible()) {
      return List.of();
    }
    return solution().getJobSlots().subList(job.firstJobSlotIndex(), job.firstJobSlotIndex() + job.durationSlots());
  }

  /** Through the solver's score director, as moves must change the working solution. */
  static ScoreAccess of(ScoreDirector<PlanSolution> scoreDirector) {
    @SuppressWarnings("unchecked")
    InnerScoreDirector<PlanSolution, HardMediumSoftLongScore> inner =
        (InnerScoreDirector<PlanSolution, HardMediumSoftLongScore>) scoreDirector;
    return new ScoreAccess() {
      @Override
      PlanSolution solution() {
        return inner.getWorkingSolution();
      }

      @Override
      HardMediumSoftLongScore score() {
        inner.triggerVariableListeners();
        return inner.calculateScore();
      }

      @Override
      void before(Object entity, String variable) {
        inner.beforeVariableChanged(entity, variable);
      }

      @Override
      void after(Object entity, String variable) {
        inner.afterVariableChanged(entity, variable);
      }

      @Override
      void hubChanged(JobAssignment assignment) {
        // JobSlotHubListener moves the slots when variable listeners are triggered.
      }
    };
  }

  /** With its own incremental score over {@code solution}, counted from scratch now. */
  static ScoreAccess of(PlanSolution solution) {
    FairshiftIncrementalScore calculator = new FairshiftIncrementalScore();
    calculator.resetWorkingSolution(solution);
    return new ScoreAccess() {
      @Override
      PlanSolution solution() {
        return solution;
      }

      @Override
      HardMediumSoftLongScore score() {
        return calculator.calculateScore();
      }

      @Override
      void before(Object entity, String variable) {
        calculator.beforeVariableChanged(entity, variable);
      }

      @Override
      void after(Object entity, String variable) {
        calculator.afterVariableChanged(entity, variable);
      }

      @Override
      void hubChanged(JobAssignment assignment) {
        for (JobSlot part : parts(assignment.job())) {
          if (part.getHub() != assignment.getHub()) {
            calculator.beforeVariableChanged(part, "hub");
            part.setHub(assignment.getHub());
            calculator.afterVariableChanged(part, "hub");
          }
        }
      }
    };
  }
}
