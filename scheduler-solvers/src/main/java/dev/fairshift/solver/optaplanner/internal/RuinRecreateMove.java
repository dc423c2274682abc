package dev.fairshift.solver.optaplanner.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.move.AbstractMove;

/**
 * Ruin and recreate: takes a few related jobs out (jobs sharing hubs and time, chosen by
 * {@link RuinRecreateMoveFactory}) and puts them back one by one, each at the position of best
 * marginal score given those already back, or leaves one out when that scores best; unscheduled jobs
 * of the same hubs and time get their chance in the same pass. It reassigns several jobs at once
 * across hubs and times, which one- and two-job moves cannot do when each step alone makes things
 * worse: packing a power-capped clean hub with the right jobs, or moving several jobs to let one
 * more in.
 *
 * <p>Each position is scored through the solver's score director (so the incremental score does the
 * work and the usual lexicographic order decides); the undo move puts every job back where it was.
 * The recreate is deterministic given the solution, the order and {@code seed} (which picks the
 * starts tried when a job has more than {@link #MAX_STARTS_PER_HUB} per hub), so redoing the move
 * on the same solution, as OptaPlanner does for the chosen step, gives the same result.
 */
final class RuinRecreateMove extends AbstractMove<PlanSolution> {
  /** At most this many starts per hub are tried for one job (all when it has fewer). */
  static final int MAX_STARTS_PER_HUB = 24;

  /** At most this many starts per hub are tried for one job by the regret recreate (all when it has fewer). */
  static final int MAX_REGRET_STARTS_PER_HUB = 8;

  private final List<JobAssignment> order;
  private final long seed;
  private final boolean regret;

  /**
   * @param order the jobs to take out and put back, in the order they go back; unscheduled ones
   *     only go in
   * @param seed picks the starts tried for jobs with many
   */
  RuinRecreateMove(List<JobAssignment> order, long seed) {
    this(order, seed, false);
  }

  /**
   * @param order the jobs to take out and put back; unscheduled ones only go in
   * @param seed picks the starts tried for jobs with many
   * @param regret put them back by {@link RegretInsertion} (the job with most to lose first) instead
   *     of one by one in {@code order}
   */
  RuinRecreateMove(List<JobAssignment> order, long seed, boolean regret) {
    this.order = List.copyOf(order);
    this.seed = seed;
    this.regret = regret;
  }

  boolean regret() {
    return regret;
  }

  List<JobAssignment> order() {
    return order;
  }

  @Override
  public boolean isMoveDoable(ScoreDirector<PlanSolution> scoreDirector) {
    return !order.isEmpty();
  }

  @Override
  protected PlacementMove createUndoMove(ScoreDirector<PlanSolution> scoreDirector) {
    return PlacementMove.current(ScoreAccess.of(scoreDirector), order);
  }

  @Override
  protected void doMoveOnGenuineVariables(ScoreDirector<PlanSolution> scoreDirector) {
    apply(ScoreAccess.of(scoreDirector));
  }

  /** Ruins and recreates through {@code access}. */
  void apply(ScoreAccess access) {
    for (JobAssignment a : order) {
      access.setHub(a, null);
    }
    Random random = new Random(seed);
    if (regret) {
      RegretInsertion.insert(access, order, random, MAX_REGRET_STARTS_PER_HUB);
      return;
    }
    for (JobAssignment a : order) {
      BestInsertion.insert(access, a, BestInsertion.Floor.BEST_SCORE, random, MAX_STARTS_PER_HUB, false, null);
    }
  }

  @Override
  public RuinRecreateMove rebase(ScoreDirector<PlanSolution> destination) {
    List<JobAssignment> rebased = new ArrayList<>(order.size());
    for (JobAssignment a : order) {
      rebased.add(destination.lookUpWorkingObject(a));
    }
    return new RuinRecreateMove(rebased, seed, regret);
  }

  @Override
  public List<JobAssignment> getPlanningEntities() {
    return order;
  }

  @Override
  public List<HubFact> getPlanningValues() {
    Set<HubFact> hubs = new LinkedHashSet<>();
    order.forEach(a -> hubs.addAll(a.job().hubRange()));
    return List.copyOf(hubs);
  }

  @Override
  public String getSimpleMoveTypeDescription() {
    return regret ? "RegretRuinRecreateMove(JobAssignment)" : "RuinRecreateMove(JobAssignment)";
  }

  @Override
  public String toString() {
    return (regret ? "ruin-and-regret-recreate " : "ruin-and-recreate ") + order;
  }
}
