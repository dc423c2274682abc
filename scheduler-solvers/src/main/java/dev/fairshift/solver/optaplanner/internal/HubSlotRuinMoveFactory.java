package dev.fairshift.solver.optaplanner.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;

/**
 * Ruin by hub-slot neighbourhood, recreate by regret: {@link RuinRecreateMove}s (regret mode) that
 * take out the jobs running in one slot across the hubs a seed job may use (the congested window a
 * job must squeeze into when nothing can move in time) and put them back by
 * {@link RegretInsertion}, the jobs with the fewest good positions first. Where
 * {@link RuinRecreateMoveFactory}'s moves put jobs back in a fixed order (so the first ones take the
 * clean hub's room whether or not they need it), this packs: a power-capped clean hub ends up with
 * the jobs that fit nowhere else as cheaply, and a job that only fits after several others moved
 * gets in.
 *
 * <ol>
 *   <li>a seed: a random job that may move; a slot: a random slot of its run (of its window when
 *       unscheduled or interruptible);
 *   <li>hubs: the seed's and every other hub it may use (all of them, up to {@value #MAX_HUBS} at
 *       random);
 *   <li>ruined: the seed and up to {@value #MIN_RUINED}-{@value #MAX_RUINED} jobs running in one of
 *       those hubs in that slot, at random; plus up to {@value #MAX_WAITING} unscheduled jobs whose
 *       window holds the slot and that may use one of those hubs.
 * </ol>
 * Work per move is bounded by the jobs ruined, their hubs and the starts tried per hub
 * ({@link RuinRecreateMove#MAX_REGRET_STARTS_PER_HUB}), not by the problem size.
 *
 * <p>OptaPlanner creates one instance per solver; not thread-safe.
 */
public final class HubSlotRuinMoveFactory implements MoveIteratorFactory<PlanSolution, RuinRecreateMove> {
  /** The fewest running jobs a move takes out besides the seed (when there are that many). */
  static final int MIN_RUINED = 4;
  /** The most running jobs a move takes out besides the seed. */
  static final int MAX_RUINED = 12;
  /** The most unscheduled jobs one move tries to put in. */
  static final int MAX_WAITING = 3;
  /** The most hubs one move ruins in. */
  static final int MAX_HUBS = 4;

  private final RuinRecreateMoveFactory index = new RuinRecreateMoveFactory();

  @Override
  public void phaseStarted(ScoreDirector<PlanSolution> scoreDirector) {
    index.index(scoreDirector.getWorkingSolution());
  }

  /** Indexes {@code solution}'s movable jobs (for tests, outside a solver). */
  void indexFor(PlanSolution solution) {
    index.index(solution);
  }

  @Override
  public void phaseEnded(ScoreDirector<PlanSolution> scoreDirector) {
    index.phaseEnded(scoreDirector);
  }

  @Override
  public long getSize(ScoreDirector<PlanSolution> scoreDirector) {
    return index.movable().size();
  }

  /** One move per movable job as the seed, in order, each drawn with a random generator of its own. */
  @Override
  public Iterator<RuinRecreateMove> createOriginalMoveIterator(ScoreDirector<PlanSolution> scoreDirector) {
    return SeedMoves.inOrder(index.movable(), this::move, "hub-slot ruin");
  }


  @Override
  public Iterator<RuinRecreateMove> createRandomMoveIterator(ScoreDirector<PlanSolution> scoreDirector,
      Random workingRandom) {
    return SeedMoves.atRandom(index.movable(), workingRandom, this::move, "No job can move, so there is no hub-slot ruin move.");
  }


  /** A move around {@code seed}. */
  RuinRecreateMove move(JobAssignment seed, Random random) {
    JobFact job = seed.job();
    int from;
    int to;
    if (seed.getHub() != null && !job.interruptible()) {
      from = seed.getStart();
      to = from + job.durationSlots();
    } else {
      from = job.releaseSlot();
      to = job.deadlineSlot();
    }
    int slot = from + random.nextInt(Math.max(1, to - from));
    List<HubFact> hubs = new ArrayList<>(job.hubRange());
    if (seed.getHub() != null) {
      hubs.remove(seed.getHub());
    }
    while (hubs.size() > MAX_HUBS - (seed.getHub() != null ? 1 : 0)) {
      hubs.remove(random.nextInt(hubs.size()));
    }
    if (seed.getHub() != null) {
      hubs.add(seed.getHub());
    }
    List<JobAssignment> running = new ArrayList<>();
    List<JobAssignment> waiting = new ArrayList<>();
    for (JobAssignment other : index.near(seed, slot)) {
      if (other == seed) {
        continue;
      }
      HubFact hub = other.getHub();
      if (hub == null) {
        for (HubFact h : hubs) {
          if (other.job().allows(h)) {
            waiting.add(other);
            break;
          }
        }
      } else if (hubs.contains(hub) && runsIn(other, slot)) {
        running.add(other);
      }
    }
    List<JobAssignment> order = new ArrayList<>();
    order.add(seed);
    order.addAll(sample(running, MIN_RUINED + random.nextInt(MAX_RUINED - MIN_RUINED + 1), random));
    order.addAll(sample(waiting, MAX_WAITING, random));
    return new RuinRecreateMove(order, random.nextLong(), true);
  }

  /** Whether scheduled {@code a} runs in {@code slot} (an interruptible job: one of its parts does). */
  private boolean runsIn(JobAssignment a, int slot) {
    if (!a.job().interruptible()) {
      int start = a.getStart();
      return start <= slot && slot < start + a.job().durationSlots();
    }
    return a.job().releaseSlot() <= slot && slot < a.job().deadlineSlot();
  }

  /** Up to {@code count} of {@code from}, drawn without replacement (partial Fisher-Yates). */
  private static List<JobAssignment> sample(List<JobAssignment> from, int count, Random random) {
    if (from.size() <= count) {
      return from;
    }
    List<JobAssignment> pool = new ArrayList<>(from);
    for (int i = 0; i < count; i++) {
      java.util.Collections.swap(pool, i, i + random.nextInt(pool.size() - i));
    }
    return pool.subList(0, count);
  }
}
