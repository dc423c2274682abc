package dev.fairshift.solver.optaplanner.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;

/**
 * Hub chains among jobs near each other in time, every job keeping its start (or its slots when
 * interruptible): the moves that reassign hubs when jobs cannot move in time, as without slack,
 * beyond the two-job hub swap of {@link NearbySwapMoveFactory}. A random scheduled job {@code a}
 * (hub A) goes to the hub B of a partner {@code b} running near it, and {@code b} moves on:
 * <ul>
 *   <li>a three-cycle (half the moves): {@code b} to the hub C of a third job {@code c} running
 *       near {@code b}, and {@code c} to A; each hub keeps its number of jobs, so it trades places
 *       among three jobs of different sizes and powers where every swap of two breaks a capacity or a
 *       power cap or costs more;
 *   <li>an open chain (the other half): {@code b} to another of its hubs C (not A, which is the
 *       swap), e.g. one with room, so that {@code a} gets into a full clean hub by pushing {@code b}
 *       one hub further.
 * </ul>
 * Partners are drawn from the index of jobs by window slot ({@link RuinRecreateMoveFactory#near}),
 * at a random slot of the previous job's run, so the work per move does not grow with the problem.
 * Chains whose values fall outside a job's ranges are not generated; after a few failed draws a
 * move that changes nothing keeps the iterator going.
 *
 * <p>OptaPlanner creates one instance per solver; not thread-safe.
 */
public final class HubChainMoveFactory implements MoveIteratorFactory<PlanSolution, PlacementMove> {
  /** Draws per move before giving up. */
  private static final int TRIES = 8;

  private final RuinRecreateMoveFactory index = new RuinRecreateMoveFactory();
  /** The movable jobs that may use more than one hub: only they can start a chain. */
  private List<JobAssignment> seeds = List.of();
  private PlanSolution solution;

  @Override
  public void phaseStarted(ScoreDirector<PlanSolution> scoreDirector) {
    phaseStartedFor(scoreDirector.getWorkingSolution());
  }

  /** Indexes {@code solution}'s movable jobs; the random iterator then reads its entities. */
  void phaseStartedFor(PlanSolution solution) {
    index.index(solution);
    List<JobAssignment> withChoice = new ArrayList<>();
    for (JobAssignment a : index.movable()) {
      if (a.job().hubRange().size() > 1) {
        withChoice.add(a);
      }
    }
    seeds = withChoice;
    this.solution = solution;
  }

  @Override
  public void phaseEnded(ScoreDirector<PlanSolution> scoreDirector) {
    index.phaseEnded(scoreDirector);
    seeds = List.of();
    solution = null;
  }

  @Override
  public long getSize(ScoreDirector<PlanSolution> scoreDirector) {
    return seeds.size();
  }

  /** Each seed job with a chain drawn by a random generator of its own (seeded by its index), in order. */
  @Override
  public Iterator<PlacementMove> createOriginalMoveIterator(ScoreDirector<PlanSolution> scoreDirector) {
    List<PlacementMove> moves = new ArrayList<>();
    for (JobAssignment a : seeds) {
      Random random = new Random(a.job().index());
      PlacementMove move = chain(a, random, random.nextBoolean());
      if (move != null) {
        moves.add(move);
      }
    }
    return moves.iterator();
  }

  @Override
  public Iterator<PlacementMove> createRandomMoveIterator(ScoreDirector<PlanSolution> scoreDirector,
      Random workingRandom) {
    List<JobAssignment> from = seeds;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !from.isEmpty();
      }

      @Override
      public PlacementMove next() {
        if (from.isEmpty()) {
          throw new NoSuchElementException("No job may use two hubs, so there is no hub chain.");
        }
        for (int attempt = 0; attempt < TRIES; attempt++) {
          JobAssignment a = from.get(workingRandom.nextInt(from.size()));
          PlacementMove move = chain(a, workingRandom, workingRandom.nextBoolean());
          if (move != null) {
            return move;
          }
        }
        return new PlacementMove(List.of());
      }
    };
  }

  /**
   * A chain from {@code a}: a three-cycle when {@code cycle}, else an open chain of two; null when
   * {@code a} is unscheduled or no partner drawn fits.
   */
  PlacementMove chain(JobAssignment a, Random random, boolean cycle) {
    HubFact hubA = a.getHub();
    if (hubA == null) {
      return null;
    }
    JobAssignment b = partner(a, random);
    if (b == null || b.getHub() == null || b.getHub() == hubA || !a.job().hubRange().contains(b.getHub())) {
      return null;
    }
    HubFact hubB = b.getHub();
    if (cycle) {
      JobAssignment c = partner(b, random);
      if (c == null || c == a || c.getHub() == null || c.getHub() == hubA || c.getHub() == hubB
          || !b.job().hubRange().contains(c.getHub()) || !c.job().hubRange().contains(hubA)) {
        return null;
      }
      return new PlacementMove(List.of(place(a, hubB), place(b, c.getHub()), place(c, hubA)));
    }
    List<HubFact> onward = new ArrayList<>(b.job().hubRange().size());
    for (HubFact h : b.job().hubRange()) {
      if (h != hubA && h != hubB) {
        onward.add(h);
      }
    }
    if (onward.isEmpty()) {
      return null;
    }
    return new PlacementMove(List.of(place(a, hubB), place(b, onward.get(random.nextInt(onward.size())))));
  }

  /** A random job whose window contains a random slot of {@code a}'s run (of its window when interruptible). */
  private JobAssignment partner(JobAssignment a, Random random) {
    int from = a.job().interruptible() ? a.job().releaseSlot() : a.getStart();
    int to = a.job().interruptible() ? a.job().deadlineSlot() : from + a.job().durationSlots();
    List<JobAssignment> near = index.near(a, from + random.nextInt(Math.max(1, to - from)));
    if (near.isEmpty()) {
      return null;
    }
    JobAssignment b = near.get(random.nextInt(near.size()));
    return b == a ? null : b;
  }

  /** {@code a} into {@code hub}, keeping its start and slots. */
  private PlacementMove.Placement place(JobAssignment a, HubFact hub) {
    JobFact job = a.job();
    int[] slots = job.interruptible()
        ? BestInsertion.slotsOf(solution.getJobSlots().subList(job.firstJobSlotIndex(),
            job.firstJobSlotIndex() + job.durationSlots()))
        : new int[0];
    return new PlacementMove.Placement(a, hub, a.getStart(), slots);
  }
}
