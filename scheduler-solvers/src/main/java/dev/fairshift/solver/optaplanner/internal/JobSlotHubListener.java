package dev.fairshift.solver.optaplanner.internal;

import java.util.List;
import org.optaplanner.core.api.domain.variable.VariableListener;
import org.optaplanner.core.api.score.director.ScoreDirector;

/**
 * Keeps every {@link JobSlot} of an interruptible job on its {@link JobAssignment}'s hub. Stateless.
 */
public final class JobSlotHubListener implements VariableListener<PlanSolution, JobAssignment> {

  @Override
  public void beforeEntityAdded(ScoreDirector<PlanSolution> scoreDirector, JobAssignment assignment) {
    // Nothing to do before the entity exists.
  }

  @Override
  public void afterEntityAdded(ScoreDirector<PlanSolution> scoreDirector, JobAssignment assignment) {
    update(scoreDirector, assignment);
  }

  @Override
  public void beforeVariableChanged(ScoreDirector<PlanSolution> scoreDirector, JobAssignment assignment) {
    // The new hub is only known after the change.
  }

  @Override
  public void afterVariableChanged(ScoreDirector<PlanSolution> scoreDirector, JobAssignment assignment) {
    update(scoreDirector, assignment);
  }

  @Override
  public void beforeEntityRemoved(ScoreDirector<PlanSolution> scoreDirector, JobAssignment assignment) {
    // Its slots are removed with it.
  }

  @Override
  public void afterEntityRemoved(ScoreDirector<PlanSolution> scoreDirector, JobAssignment assignment) {
    // Its slots are removed with it.
  }

  private static void update(ScoreDirector<PlanSolution> scoreDirector, JobAssignment assignment) {
    JobFact job = assignment.job();
    if (!job.interruptible()) {
      return;
    }
    List<JobSlot> slots = scoreDirector.getWorkingSolution().getJobSlots();
    HubFact hub = assignment.getHub();
    for (int i = 0; i < job.durationSlots(); i++) {
      JobSlot slot = slots.get(job.firstJobSlotIndex() + i);
      if (slot.getHub() != hub) {
        scoreDirector.beforeVariableChanged(slot, "hub");
        slot.setHub(hub);
        scoreDirector.afterVariableChanged(slot, "hub");
      }
    }
  }
}
