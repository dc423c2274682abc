package dev.fairshift.solver.optaplanner.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;

/**
 * Generates {@link EjectionMove}s: a random scheduled job that may move, a random other hub it may
 * use, and as ejection candidates the jobs running in that hub at an overlapping time (from the
 * index of jobs by window slot, built once per phase), in random order or the most power first
 * (half the moves each), at most
 * {@value #MAX_CANDIDATES}. Work per move is bounded by the candidates and their positions, not by
 * the problem size.
 *
 * <p>OptaPlanner creates one instance per solver; not thread-safe.
 */
public final class EjectionMoveFactory implements MoveIteratorFactory<PlanSolution, EjectionMove> {
  /** The most jobs one move may take out of the target hub. */
  static final int MAX_CANDIDATES = 16;

  private final RuinRecreateMoveFactory index = new RuinRecreateMoveFactory();
  private List<JobAssignment> seeds = List.of();

  @Override
  public void phaseStarted(ScoreDirector<PlanSolution> scoreDirector) {
    indexFor(scoreDirector.getWorkingSolution());
  }

  /** Indexes {@code solution}'s movable jobs (for tests, outside a solver). */
  void indexFor(PlanSolution solution) {
    index.index(solution);
    List<JobAssignment> withChoice = new ArrayList<>();
    for (JobAssignment a : index.movable()) {
      if (a.job().hubRange().size() > 1) {
        withChoice.add(a);
      }
    }
    seeds = withChoice;
  }

  @Override
  public void phaseEnded(ScoreDirector<PlanSolution> scoreDirector) {
    index.phaseEnded(scoreDirector);
    seeds = List.of();
  }

  @Override
  public long getSize(ScoreDirector<PlanSolution> scoreDirector) {
    return seeds.size();
  }

  /** One move per job with a choice of hubs as the seed, in order, each drawn with a random generator of its own. */
  @Override
  public Iterator<EjectionMove> createOriginalMoveIterator(ScoreDirector<PlanSolution> scoreDirector) {
    return SeedMoves.inOrder(seeds, this::move, "ejection");
  }


  @Override
  public Iterator<EjectionMove> createRandomMoveIterator(ScoreDirector<PlanSolution> scoreDirector,
      Random workingRandom) {
    return SeedMoves.atRandom(seeds, workingRandom, this::move, "No job may use two hubs, so there is no ejection move.");
  }


  /** A move of {@code seed} into another of its hubs (a no-op move when it is unscheduled). */
  EjectionMove move(JobAssignment seed, Random random) {
    JobFact job = seed.job();
    List<HubFact> others = new ArrayList<>(job.hubRange());
    others.remove(seed.getHub());
    HubFact target = others.isEmpty() ? job.hubRange().get(0) : others.get(random.nextInt(others.size()));
    int from;
    int to;
    if (seed.getHub() != null && !job.interruptible()) {
      from = seed.getStart();
      to = from + job.durationSlots();
    } else {
      from = job.releaseSlot();
      to = job.deadlineSlot();
    }
    Set<JobAssignment> found = new LinkedHashSet<>();
    for (int s = from; s < to; s++) {
      for (JobAssignment other : index.near(seed, s)) {
        if (other != seed && other.getHub() == target && overlaps(other, from, to)) {
          found.add(other);
        }
      }
    }
    List<JobAssignment> candidates = new ArrayList<>(found);
    Collections.shuffle(candidates, random);
    if (random.nextBoolean()) {
      // The most power first: the fewest jobs out to make room under a power cap or capacity.
      candidates.sort(Comparator.comparingLong((JobAssignment a) -> -a.job().itMicroWatts()));
    }
    if (candidates.size() > MAX_CANDIDATES) {
      candidates = candidates.subList(0, MAX_CANDIDATES);
    }
    return new EjectionMove(seed, target, candidates, random.nextLong());
  }

  /** Whether scheduled {@code a} runs in some slot of [from, to) (coarsely, by window, when interruptible). */
  private static boolean overlaps(JobAssignment a, int from, int to) {
    if (!a.job().interruptible()) {
      int start = a.getStart();
      return start < to && start + a.job().durationSlots() > from;
    }
    return a.job().releaseSlot() < to && a.job().deadlineSlot() > from;
  }
}
