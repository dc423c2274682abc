package dev.fairshift.solver.optaplanner.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;

/**
 * Generates {@link RuinRecreateMove}s over related jobs, the nearby neighbourhood of a seed job:
 * <ol>
 *   <li>a seed: a random job that may move (not pinned);
 *   <li>its time: its run when scheduled, else its window; its hubs: its own (a random allowed one
 *       when unscheduled) and two more of its allowed hubs drawn at random (so that a chain through
 *       three hubs, e.g. a job into a capped hub whose jobs go to a third, can be found; tuned on
 *       the hard family's develop seeds, where three hubs did better than two or all);
 *   <li>related jobs: from the jobs whose window contains a random slot of that time (an index
 *       built once per phase), those running in one of those hubs at an overlapping time, and those
 *       unscheduled that may use one of them; 2 to {@value #MAX_RUINED} of the first kind and up to
 *       {@value #MAX_WAITING} of the second, at random;
 *   <li>the order they go back: highest priority first, then either the largest (unit-slots times
 *       power) first or in random order.
 * </ol>
 * Work per move is bounded by the jobs sharing one slot and by the positions tried, not by the
 * problem size, so the neighbourhood scales to 10,000 jobs and more.
 *
 * <p>OptaPlanner creates one instance per solver; not thread-safe.
 */
public final class RuinRecreateMoveFactory implements MoveIteratorFactory<PlanSolution, RuinRecreateMove> {
  /** The most scheduled jobs one move takes out. */
  static final int MAX_RUINED = 8;
  /** The most unscheduled jobs one move tries to put in. */
  static final int MAX_WAITING = 3;

  private List<JobAssignment> movable = List.of();
  /** Per slot: the movable jobs whose window contains it. */
  private List<List<JobAssignment>> bySlot = List.of();

  @Override
  public void phaseStarted(ScoreDirector<PlanSolution> scoreDirector) {
    index(scoreDirector.getWorkingSolution());
  }

  /** Indexes the movable jobs of {@code solution} by the slots of their windows. */
  void index(PlanSolution solution) {
    int slots = 0;
    for (HubFact hub : solution.getHubs()) {
      slots = Math.max(slots, hub.slots().size());
    }
    List<JobAssignment> free = new ArrayList<>();
    List<List<JobAssignment>> index = new ArrayList<>(slots);
    for (int s = 0; s < slots; s++) {
      index.add(new ArrayList<>());
    }
    for (JobAssignment a : solution.getAssignments()) {
      if (!movable(solution, a)) {
        continue;
      }
      free.add(a);
      for (int s = a.job().releaseSlot(); s < Math.min(slots, a.job().deadlineSlot()); s++) {
        index.get(s).add(a);
      }
    }
    movable = free;
    bySlot = index;
  }

  @Override
  public void phaseEnded(ScoreDirector<PlanSolution> scoreDirector) {
    movable = List.of();
    bySlot = List.of();
  }

  private static boolean movable(PlanSolution solution, JobAssignment a) {
    if (a.isPinned() || a.job().hubRange().isEmpty() || a.job().startRange().isEmpty()) {
      return false;
    }
    if (a.job().interruptible()) {
      int first = a.job().firstJobSlotIndex();
      for (JobSlot part : solution.getJobSlots().subList(first, first + a.job().durationSlots())) {
        if (part.isPinned() || part.getSlot() == null) {
          return false;
        }
      }
    }
    return a.getStart() != null;
  }

  /** The jobs that may move, as of the phase start. */
  List<JobAssignment> movable() {
    return movable;
  }

  /** The movable jobs whose window contains {@code slot}. */
  List<JobAssignment> near(JobAssignment origin, int slot) {
    return slot < 0 || slot >= bySlot.size() ? List.of() : bySlot.get(slot);
  }

  @Override
  public long getSize(ScoreDirector<PlanSolution> scoreDirector) {
    return movable.size();
  }

  /** One move per movable job as the seed, in order, each drawn with a random generator of its own. */
  @Override
  public Iterator<RuinRecreateMove> createOriginalMoveIterator(ScoreDirector<PlanSolution> scoreDirector) {
    return SeedMoves.inOrder(movable, this::move, "ruin-and-recreate");
  }


  @Override
  public Iterator<RuinRecreateMove> createRandomMoveIterator(ScoreDirector<PlanSolution> scoreDirector,
      Random workingRandom) {
    return SeedMoves.atRandom(movable, workingRandom, this::move, "No job can move, so there is no ruin-and-recreate move.");
  }


  /** A move around {@code seed}. */
  RuinRecreateMove move(JobAssignment seed, Random random) {
    JobFact job = seed.job();
    int from;
    int to;
    HubFact first;
    if (seed.getHub() != null && !job.interruptible()) {
      from = seed.getStart();
      to = from + job.durationSlots();
      first = seed.getHub();
    } else {
      from = job.releaseSlot();
      to = job.deadlineSlot();
      first = seed.getHub() != null ? seed.getHub() : job.hubRange().get(random.nextInt(job.hubRange().size()));
    }
    HubFact second = job.hubRange().get(random.nextInt(job.hubRange().size()));
    HubFact third = job.hubRange().get(random.nextInt(job.hubRange().size()));
    int slot = Math.min(bySlot.size() - 1, from + random.nextInt(Math.max(1, to - from)));
    List<JobAssignment> running = new ArrayList<>();
    List<JobAssignment> waiting = new ArrayList<>();
    for (JobAssignment other : slot < 0 ? List.<JobAssignment>of() : bySlot.get(slot)) {
      if (other == seed) {
        continue;
      }
      HubFact hub = other.getHub();
      if (hub == null) {
        if (other.job().hubRange().contains(first) || other.job().hubRange().contains(second)
            || other.job().hubRange().contains(third)) {
          waiting.add(other);
        }
      } else if ((hub == first || hub == second || hub == third) && overlaps(other, from, to)) {
        running.add(other);
      }
    }
    List<JobAssignment> order = new ArrayList<>();
    order.add(seed);
    order.addAll(sample(running, 2 + random.nextInt(MAX_RUINED - 1), random));
    order.addAll(sample(waiting, MAX_WAITING, random));
    if (random.nextBoolean()) {
      Collections.shuffle(order, random);
      order.sort(Comparator.comparingInt((JobAssignment a) -> -a.job().priority()));
    } else {
      order.sort(Comparator.comparingInt((JobAssignment a) -> -a.job().priority())
          .thenComparingDouble(a -> -(double) a.job().unitSlots() * a.job().itMicroWatts())
          .thenComparingInt(a -> a.job().index()));
    }
    return new RuinRecreateMove(order, random.nextLong());
  }

  /** Whether {@code a}, scheduled, runs in some slot of [from, to). */
  private static boolean overlaps(JobAssignment a, int from, int to) {
    if (!a.job().interruptible()) {
      int start = a.getStart();
      return start < to && start + a.job().durationSlots() > from;
    }
    // Its parts lie in its window; a coarse test that keeps the neighbourhood local.
    return a.job().releaseSlot() < to && a.job().deadlineSlot() > from;
  }

  /** Up to {@code count} of {@code from}, drawn without replacement (partial Fisher-Yates). */
  private static List<JobAssignment> sample(List<JobAssignment> from, int count, Random random) {
    if (from.size() <= count) {
      return from;
    }
    List<JobAssignment> pool = new ArrayList<>(from);
    for (int i = 0; i < count; i++) {
      Collections.swap(pool, i, i + random.nextInt(pool.size() - i));
    }
    return pool.subList(0, count);
  }
}
