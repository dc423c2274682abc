package dev.fairshift.solver.optaplanner.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;

/**
 * Swaps of two jobs that are near each other in time, the nearby selection of this model: a random
 * job that may move, and a random partner among the jobs whose window contains a random slot of
 * its run (or window, when unscheduled). Two jobs far apart in time can rarely trade places, and
 * among 10,000 jobs a uniformly random partner almost never is near, so a uniform swap wastes most
 * of its evaluations. Half the swaps exchange the jobs' hubs and starts (when each start is in the
 * other's range), half only their hubs (each keeping its start or its slots: the move that trades
 * places in space when jobs cannot move in time). Swaps whose values fall outside a job's ranges
 * are not generated.
 *
 * <p>OptaPlanner creates one instance per solver; not thread-safe.
 */
public final class NearbySwapMoveFactory implements MoveIteratorFactory<PlanSolution, PlacementMove> {
  /** Partner draws per move before giving up on an origin. */
  private static final int TRIES = 8;

  private final RuinRecreateMoveFactory index = new RuinRecreateMoveFactory();
  /** The working solution of the phase, whose entities the moves hold. */
  private PlanSolution solution;

  @Override
  public void phaseStarted(ScoreDirector<PlanSolution> scoreDirector) {
    phaseStartedFor(scoreDirector.getWorkingSolution());
  }

  /** Indexes {@code solution}'s movable jobs; the random iterator then reads its entities. */
  void phaseStartedFor(PlanSolution solution) {
    index.index(solution);
    this.solution = solution;
  }

  @Override
  public void phaseEnded(ScoreDirector<PlanSolution> scoreDirector) {
    index.phaseEnded(scoreDirector);
    solution = null;
  }

  @Override
  public long getSize(ScoreDirector<PlanSolution> scoreDirector) {
    return index.movable().size();
  }

  /** Each movable job with each of its nearby partners once, pairs in index order. */
  @Override
  public Iterator<PlacementMove> createOriginalMoveIterator(ScoreDirector<PlanSolution> scoreDirector) {
    List<PlacementMove> moves = new ArrayList<>();
    for (JobAssignment a : index.movable()) {
      for (JobAssignment b : index.near(a, a.job().releaseSlot())) {
        if (a.job().index() < b.job().index()) {
          PlacementMove move = swap(solution, a, b, false);
          if (move != null) {
            moves.add(move);
          }
        }
      }
    }
    return moves.iterator();
  }

  @Override
  public Iterator<PlacementMove> createRandomMoveIterator(ScoreDirector<PlanSolution> scoreDirector,
      Random workingRandom) {
    List<JobAssignment> movable = index.movable();
    PlanSolution solution = this.solution;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return movable.size() > 1;
      }

      @Override
      public PlacementMove next() {
        if (movable.size() <= 1) {
          throw new NoSuchElementException("Fewer than two jobs can move, so there is no swap.");
        }
        for (int attempt = 0; ; attempt++) {
          JobAssignment a = movable.get(workingRandom.nextInt(movable.size()));
          int from = a.getHub() != null && !a.job().interruptible() ? a.getStart() : a.job().releaseSlot();
          int to = a.getHub() != null && !a.job().interruptible()
              ? from + a.job().durationSlots() : a.job().deadlineSlot();
          List<JobAssignment> near = index.near(a, from + workingRandom.nextInt(Math.max(1, to - from)));
          if (!near.isEmpty()) {
            JobAssignment b = near.get(workingRandom.nextInt(near.size()));
            PlacementMove move = b == a ? null : swap(solution, a, b, workingRandom.nextBoolean());
            if (move != null || attempt >= TRIES) {
              // After TRIES failed draws, a swap that changes nothing keeps the iterator going.
              return move != null ? move : new PlacementMove(List.of());
            }
          } else if (attempt >= TRIES) {
            return new PlacementMove(List.of());
          }
        }
      }
    };
  }

  /**
   * The swap of {@code a} and {@code b}: their hubs only, or hubs and starts when both starts are in
   * the other's range and both jobs are non-interruptible; null when that swap changes nothing or
   * puts a job outside its ranges.
   */
  static PlacementMove swap(PlanSolution solution, JobAssignment a, JobAssignment b, boolean hubOnly) {
    if (a.getHub() == b.getHub() && (hubOnly || java.util.Objects.equals(a.getStart(), b.getStart()))) {
      return null;
    }
    boolean starts = !hubOnly && !a.job().interruptible() && !b.job().interruptible()
        && a.job().startRange().contains(b.getStart()) && b.job().startRange().contains(a.getStart());
    if (!fits(a, b.getHub()) || !fits(b, a.getHub())) {
      return null;
    }
    Integer aStart = starts ? b.getStart() : a.getStart();
    Integer bStart = starts ? a.getStart() : b.getStart();
    return new PlacementMove(List.of(
        new PlacementMove.Placement(a, b.getHub(), aStart, slotsOf(solution, a)),
        new PlacementMove.Placement(b, a.getHub(), bStart, slotsOf(solution, b))));
  }

  private static boolean fits(JobAssignment a, HubFact hub) {
    return hub == null || a.job().hubRange().contains(hub);
  }

  private static int[] slotsOf(PlanSolution solution, JobAssignment a) {
    JobFact job = a.job();
    if (!job.interruptible()) {
      return new int[0];
    }
    return BestInsertion.slotsOf(solution.getJobSlots().subList(job.firstJobSlotIndex(),
        job.firstJobSlotIndex() + job.durationSlots()));
  }
}
