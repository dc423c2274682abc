package dev.fairshift.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A bounded depth-first search (branch and bound) over which jobs run and where, for small problems
 * where the priority trades ({@link PriorityTrades}) leave jobs out: on a congested hub the priority
 * stage is a packing problem, and inserting one job may take moving six others at once, more than an
 * ejection chain or a random ruin reaches (audit seed 1,298: 20 jobs on one hub).
 *
 * <p>The search starts from an empty plan and decides one job per level: the undecided job with the
 * fewest positions where it still fits (a job with none is left out at once: placing more jobs never
 * makes room), each of its positions in turn, then leaving it out. A branch is cut as soon as the
 * priority already left out means it cannot place more than the best plan known (at the start, the
 * plan given). Positions: for an interruptible job every set of its duration's slots among those that
 * fit, per hub (so the search is exact for those jobs), least contended slots first; for a job that
 * runs in one piece, every start that fits, up to {@link #MAX_OPTIONS}, least contended first.
 * Contention of a hub-slot: what the other undecided jobs want there (units x duration spread over
 * their windows and hubs) over the units still free. A plan is kept only when it places strictly more
 * priority than the best so far and meets every quota the plan given met ({@code quotasKept}); every
 * placement keeps capacity, power caps, windows, allowed hubs and the tenants' maxShare. Asked for
 * less emissions too, a plan that places as much priority and emits less on the planning intensities
 * is better as well (placing a job never lowers emissions, so a branch that already emits as much as
 * the best is cut when it cannot place more priority).
 *
 * <p>Bounded by counted work (hub-slots and jobs examined), never by time, so the same problem gets
 * the same plan on every machine. Within the budget with no plan found, no plan of these positions
 * places more priority. Not thread-safe: belongs to one scheduling run.
 */
final class PriorityPacking {
  /** The most positions tried per job and level. */
  static final int MAX_OPTIONS = 16;

  /** Work done: hub-slots and jobs examined. */
  long work;

  private final PlanState st;
  private final BooleanSupplier quotasKept;
  private final boolean lessEmissions;
  private final int[] scratch;
  private final double[][] want;
  private final boolean[] decided;
  private long limit;
  private long total;
  private long best;
  private double bestGrams;
  private int[] bestHub;
  private int[][] bestSlots;
  private boolean found;

  PriorityPacking(PlanState state, BooleanSupplier quotasKept) {
    this(state, quotasKept, false);
  }

  /**
   * With {@code lessEmissions}, a plan that places as much priority as the best so far and emits less
   * on the planning intensities ({@link PlanState#plannedGrams}) is better too.
   */
  PriorityPacking(PlanState state, BooleanSupplier quotasKept, boolean lessEmissions) {
    this.st = state;
    this.quotasKept = quotasKept;
    this.lessEmissions = lessEmissions;
    this.scratch = new int[state.slotCount];
    this.want = new double[state.hubCount][state.slotCount];
    this.decided = new boolean[state.jobCount];
  }

  /**
   * Searches within {@code budget} work for a plan that places strictly more priority than the
   * current one (or, asked for less emissions, as much and emits less); leaves the best plan found in
   * the state and returns true, or returns false with the plan's placements as on entry.
   */
  boolean run(long budget) {
    limit = work + budget;
    best = st.placedPriority();
    bestGrams = lessEmissions ? grams() : 0;
    bestHub = st.hubOf.clone();
    bestSlots = new int[st.jobCount][];
    total = 0;
    for (int j = 0; j < st.jobCount; j++) {
      total += st.priority[j];
      bestSlots[j] = st.slotsOf[j] == null ? null : st.slotsOf[j].clone();
    }
    if (best >= total && !lessEmissions) {
      return false;
    }
    for (int j = 0; j < st.jobCount; j++) {
      if (st.placed(j)) {
        st.remove(j);
      }
    }
    search(0);
    for (int j = 0; j < st.jobCount; j++) {
      if (st.placed(j)) {
        st.remove(j);
      }
    }
    for (int j = 0; j < st.jobCount; j++) {
      if (bestHub[j] >= 0) {
        st.place(j, bestHub[j], bestSlots[j], bestSlots[j].length);
      }
    }
    return found;
  }

  /** One level: {@code lost} priority is already left out. */
  private void search(long lost) {
    if (work > limit || cut(lost)) {
      return;
    }
    // Jobs with no position left stay out; among the others the one with the fewest positions is next.
    int next = -1;
    long nextCount = Long.MAX_VALUE;
    int skippedHere = 0;
    int[] skipped = null;
    for (int j = 0; j < st.jobCount; j++) {
      if (decided[j]) {
        continue;
      }
      long count = positionCount(j);
      if (count == 0) {
        if (skipped == null) {
          skipped = new int[st.jobCount];
        }
        skipped[skippedHere++] = j;
        decided[j] = true;
        lost += st.priority[j];
        continue;
      }
      if (count < nextCount || (count == nextCount && st.priority[j] > st.priority[next])) {
        next = j;
        nextCount = count;
      }
    }
    try {
      if (cut(lost)) {
        return;
      }
      if (next < 0) {
        if (quotasKept.getAsBoolean()) {
          record(total - lost);
        }
        return;
      }
      decided[next] = true;
      if (st.interruptible[next]) {
        subsets(next, lost);
      } else {
        for (int[] pos : runs(next)) {
          if (work > limit || cut(lost)) {
            break;
          }
          st.placeContiguous(next, pos[0], pos[1]);
          search(lost);
          st.remove(next);
        }
      }
      if (!cut(lost + st.priority[next])) {
        search(lost + st.priority[next]);
      }
      decided[next] = false;
    } finally {
      for (int i = 0; i < skippedHere; i++) {
        decided[skipped[i]] = false;
      }
    }
  }

  private static long choose(int n, int k) {
    long c = 1;
    for (int i = 0; i < k; i++) {
      c = c * (n - i) / (i + 1);
      if (c > 1_000_000_000L) {
        return 1_000_000_000L;
      }
    }
    return c;
  }

  /** Every d-subset of interruptible {@code j}'s fitting slots per hub, least contended slots first. */
  private void subsets(int j, long lost) {
    computeWant(j);
    int d = st.duration[j];
    boolean capBinds = st.capBinds(j);
    for (int h : st.allowed[j]) {
      work += st.deadline[j] - st.release[j];
      int n = 0;
      for (int s = st.release[j]; s < st.deadline[j]; s++) {
        if (st.fits(j, h, s)) {
          scratch[n++] = s;
        }
      }
      if (n < d) {
        continue;
      }
      Integer[] ranked = new Integer[n];
      for (int i = 0; i < n; i++) {
        ranked[i] = scratch[i];
      }
      final int hub = h;
      Arrays.sort(ranked, (a, b) -> {
        int c = Double.compare(contention(hub, a), contention(hub, b));
        return c != 0 ? c : Integer.compare(a, b);
      });
      int[] idx = new int[d];
      int[] slots = new int[d];
      for (int i = 0; i < d; i++) {
        idx[i] = i;
      }
      while (true) {
        if (work > limit || cut(lost)) {
          return;
        }
        for (int i = 0; i < d; i++) {
          slots[i] = ranked[idx[i]];
        }
        Arrays.sort(slots);
        work += d;
        if (!capBinds || st.capAllows(j, slots, d)) {
          st.place(j, h, slots, d);
          search(lost);
          st.remove(j);
        }
        int i = d - 1;
        while (i >= 0 && idx[i] == n - d + i) {
          i--;
        }
        if (i < 0) {
          break;
        }
        idx[i]++;
        for (int k = i + 1; k < d; k++) {
          idx[k] = idx[k - 1] + 1;
        }
      }
    }
  }

  /**
   * Whether no plan below this node can be better: with {@code lost} priority left out it places less
   * than the best, or as much and (placing jobs never lowers emissions) this plan already emits as
   * much.
   */
  private boolean cut(long lost) {
    long most = total - lost;
    if (most != best || !lessEmissions) {
      return most <= best;
    }
    return grams() >= bestGrams * (1 - 1e-12);
  }

  private double grams() {
    work += (long) st.hubCount * st.slotCount + st.jobCount;
    return st.plannedGrams();
  }

  private void record(long placed) {
    if (placed == best && !(grams() < bestGrams * (1 - 1e-12))) {
      return;
    }
    bestGrams = lessEmissions ? grams() : 0;
    best = placed;
    found = true;
    for (int j = 0; j < st.jobCount; j++) {
      bestHub[j] = st.hubOf[j];
      bestSlots[j] = st.slotsOf[j] == null ? null : st.slotsOf[j].clone();
    }
  }

  /**
   * How many positions {@code j} has now (starts that fit, or for an interruptible job its fitting
   * slots beyond its duration plus one, per hub); 0 when it fits nowhere.
   */
  private long positionCount(int j) {
    work++;
    if (!st.shareAllows(j)) {
      return 0;
    }
    int d = st.duration[j];
    long count = 0;
    for (int h : st.allowed[j]) {
      work += st.deadline[j] - st.release[j];
      int run = 0;
      int fit = 0;
      for (int s = st.release[j]; s < st.deadline[j]; s++) {
        if (st.fits(j, h, s)) {
          run++;
          fit++;
        } else {
          run = 0;
        }
        if (!st.interruptible[j] && run >= d) {
          count++;
        }
      }
      if (st.interruptible[j] && fit >= d) {
        count += choose(fit, d);
      }
    }
    return count;
  }

  /** How much the undecided jobs other than {@code j} want each hub-slot, per unit still free. */
  private void computeWant(int j) {
    for (double[] row : want) {
      Arrays.fill(row, 0);
    }
    for (int k = 0; k < st.jobCount; k++) {
      work++;
      if (decided[k] || k == j) {
        continue;
      }
      int len = st.deadline[k] - st.release[k];
      double per = (double) st.units[k] * st.duration[k] / len / st.allowed[k].length;
      for (int h : st.allowed[k]) {
        work += len;
        for (int s = st.release[k]; s < st.deadline[k]; s++) {
          want[h][s] += per;
        }
      }
    }
  }

  private double contention(int h, int s) {
    int free = st.capacityUnits[h][s] - st.usedUnits[h][s];
    return want[h][s] / Math.max(1, free);
  }

  /**
   * The runs of contiguous {@code j} that fit now, least contended first (ties: hub order, then
   * earlier), at most {@link #MAX_OPTIONS}: each {hub, first slot}.
   */
  private List<int[]> runs(int j) {
    computeWant(j);
    int d = st.duration[j];
    boolean capBinds = st.capBinds(j);
    List<int[]> found = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    for (int h : st.allowed[j]) {
      work += st.deadline[j] - st.release[j];
      int run = 0;
      for (int s = st.release[j]; s < st.deadline[j]; s++) {
        run = st.fits(j, h, s) ? run + 1 : 0;
        if (run >= d && (!capBinds || st.capAllowsRun(j, s - d + 1))) {
          double score = 0;
          for (int i = s - d + 1; i <= s; i++) {
            score += contention(h, i);
          }
          found.add(new int[] {h, s - d + 1});
          scores.add(score);
        }
      }
    }
    Integer[] idx = new Integer[found.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(scores.get(a), scores.get(b)));
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < idx.length && out.size() < MAX_OPTIONS; i++) {
      out.add(found.get(idx[i]));
    }
    return out;
  }
}
