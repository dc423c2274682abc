package dev.fairshift.solver.optaplanner.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.move.AbstractMove;

/**
 * Makes room: puts a job into a hub where it does not fit as things stand (keeping its start, or
 * its slots when interruptible), takes out jobs running there at the same time, one by one in the
 * given order, until no hard rule is worse than before, then puts the jobs it took out back by
 * {@link RegretInsertion} (anywhere they may go, the room the first job left included). One step
 * of an ejection chain that moves one job in and several out: the step that packs a clean hub with
 * a long job in place of several short ones, where each one-job move breaks capacity or a power
 * cap and each swap trades one job for one. Chains deeper than one ejection follow over
 * consecutive steps (the regret insertion may leave a job out, which the acceptor weighs on the
 * medium level, and the next moves put it in).
 *
 * <p>Deterministic given the solution and its fields; its undo puts every job it may touch back.
 */
final class EjectionMove extends AbstractMove<PlanSolution> {
  private final JobAssignment job;
  private final HubFact target;
  private final List<JobAssignment> candidates;
  private final long seed;

  /**
   * @param job the scheduled job to move into {@code target}
   * @param target a hub {@code job} may use, not its own
   * @param candidates the jobs that may be taken out of {@code target}, in the order they are
   * @param seed picks the starts tried for jobs with many
   */
  EjectionMove(JobAssignment job, HubFact target, List<JobAssignment> candidates, long seed) {
    this.job = job;
    this.target = target;
    this.candidates = List.copyOf(candidates);
    this.seed = seed;
  }

  JobAssignment job() {
    return job;
  }

  HubFact target() {
    return target;
  }

  List<JobAssignment> candidates() {
    return candidates;
  }

  @Override
  public boolean isMoveDoable(ScoreDirector<PlanSolution> scoreDirector) {
    return job.getHub() != null && job.getHub() != target;
  }

  @Override
  protected PlacementMove createUndoMove(ScoreDirector<PlanSolution> scoreDirector) {
    return PlacementMove.current(ScoreAccess.of(scoreDirector), getPlanningEntities());
  }

  @Override
  protected void doMoveOnGenuineVariables(ScoreDirector<PlanSolution> scoreDirector) {
    apply(ScoreAccess.of(scoreDirector));
  }

  /** Moves, ejects and reinserts through {@code access}. */
  void apply(ScoreAccess access) {
    long hardBefore = access.score().hardScore();
    access.setHub(job, target);
    List<JobAssignment> out = new ArrayList<>();
    for (JobAssignment c : candidates) {
      if (access.score().hardScore() >= hardBefore) {
        break;
      }
      if (c.getHub() == target) {
        access.setHub(c, null);
        out.add(c);
      }
    }
    if (access.score().hardScore() < hardBefore) {
      // No room even with every candidate out: the job goes back to its best position with the rest.
      access.setHub(job, null);
      out.add(0, job);
    }
    RegretInsertion.insert(access, out, new Random(seed), RuinRecreateMove.MAX_REGRET_STARTS_PER_HUB);
  }

  @Override
  public EjectionMove rebase(ScoreDirector<PlanSolution> destination) {
    List<JobAssignment> rebased = new ArrayList<>(candidates.size());
    for (JobAssignment c : candidates) {
      rebased.add(destination.lookUpWorkingObject(c));
    }
    return new EjectionMove(destination.lookUpWorkingObject(job), destination.lookUpWorkingObject(target), rebased,
        seed);
  }

  @Override
  public List<JobAssignment> getPlanningEntities() {
    List<JobAssignment> all = new ArrayList<>(candidates.size() + 1);
    all.add(job);
    all.addAll(candidates);
    return all;
  }

  @Override
  public List<HubFact> getPlanningValues() {
    Set<HubFact> hubs = new LinkedHashSet<>();
    hubs.add(target);
    candidates.forEach(c -> hubs.addAll(c.job().hubRange()));
    hubs.addAll(job.job().hubRange());
    return List.copyOf(hubs);
  }

  @Override
  public String getSimpleMoveTypeDescription() {
    return "EjectionMove(JobAssignment)";
  }

  @Override
  public String toString() {
    return job + " {-> " + target + ", ejecting from " + candidates + "}";
  }
}
