package dev.fairshift.solver;

import java.util.Arrays;

/**
 * Makes room for a job the greedy pass left out: picks the position where it is least blocked,
 * moves the jobs in its way to their cheapest other positions, and keeps the change only when every
 * moved job found a place. The plan then holds one more job and nobody lost theirs, so no quota gets
 * worse and no hard rule breaks; otherwise everything is put back as it was.
 *
 * <p>The position: among the hub-slots where the job fits on its own (empty hub), the ones with the
 * least blocking load, where a slot's blocking load is 0 when the job fits there now and otherwise
 * 1 plus its excess units over capacity and excess power over the cap, relative to the job's units
 * and power. Consecutive jobs take the least blocked window (prefix sums, earliest on ties, hubs in
 * order); interruptible ones the {@code durationSlots} least blocked slots of a hub. In each chosen
 * slot, the jobs running there leave in order of most placements available on their own first,
 * until the job fits; at most {@link #MAX_EJECTED} jobs may leave. Positions are chosen within the
 * tenant's maxShare of every fairness window as the plan stands before any job leaves (leaving only
 * frees room), and moved jobs go back only within theirs.
 *
 * <p>Which jobs run in a hub-slot comes from the plan's index ({@link PlanState#indexJobs}), which must be
 * on while this repairs.
 *
 * <p>Not thread-safe: belongs to one scheduling run.
 */
final class EjectionRepair {
  /** The most jobs one repair may move. */
  static final int MAX_EJECTED = 8;

  /**
   * Work done so far outside the placement search: hub-slots examined choosing targets, and jobs
   * examined choosing what to move (the search's own is {@link CheapestPlacement#work}).
   */
  long work;

  private final PlanState st;
  private final CheapestPlacement search;
  private final int[] placements;
  private final double[] blocked;
  private final double[] blockedPrefix;
  private final boolean[] target;
  private final int[] targetSlots;
  private final int[] bestSet;
  /** Per fairness window from the job's first: how many more of its slots may go there. */
  private final int[] allowance;
  private final int[] ejected = new int[MAX_EJECTED];
  private final int[] ejectedHub = new int[MAX_EJECTED];
  private final int[][] ejectedSlots = new int[MAX_EJECTED][];

  /**
   * @param placements per job, how many (hub, start) placements it has on its own: jobs with more
   *     leave first, as they are the easiest to put elsewhere
   */
  EjectionRepair(PlanState state, CheapestPlacement search, int[] placements) {
    this.st = state;
    this.search = search;
    this.placements = placements;
    int n = state.slotCount;
    blocked = new double[n];
    blockedPrefix = new double[n + 1];
    target = new boolean[n];
    targetSlots = new int[n];
    bestSet = new int[n];
    allowance = new int[n];
  }

  /**
   * Tries to place unplaced job {@code j} by moving others out of its way.
   *
   * @return whether {@code j} is now placed (with every moved job placed elsewhere)
   */
  boolean tryPlace(int j) {
    if (!st.shareAllows(j)) {
      return false;
    }
    int hub = chooseTarget(j);
    if (hub < 0) {
      return false;
    }
    int d = st.duration[j];
    int count = 0;
    for (int i = 0; i < d; i++) {
      int s = targetSlots[i];
      while (!st.fits(j, hub, s)) {
        int victim = victim(hub, s);
        if (victim < 0 || count == MAX_EJECTED) {
          restore(count, -1, 0);
          return false;
        }
        ejected[count] = victim;
        ejectedHub[count] = hub;
        ejectedSlots[count] = st.slotsOf[victim];
        st.remove(victim);
        count++;
      }
    }
    if (!st.capAllows(j, targetSlots, d)) {
      restore(count, -1, 0); // unreachable: the target was chosen within the cap, and ejecting only frees room
      return false;
    }
    st.place(j, hub, targetSlots, d);
    for (int k = 0; k < count; k++) {
      int victim = ejected[k];
      if (!st.shareAllows(victim) || !search.find(victim)) {
        restore(count, j, k);
        return false;
      }
      st.place(victim, search.hub, search.slots, search.count);
    }
    return true;
  }

  /** Undoes a failed repair: takes out {@code j} (if placed) and the first {@code reinserted} moved jobs, puts all back. */
  private void restore(int count, int j, int reinserted) {
    if (j >= 0) {
      st.remove(j);
    }
    for (int k = 0; k < reinserted; k++) {
      st.remove(ejected[k]);
    }
    for (int k = count - 1; k >= 0; k--) {
      st.place(ejected[k], ejectedHub[k], ejectedSlots[k], ejectedSlots[k].length);
    }
  }

  /** Of the jobs running in hub {@code h}, slot {@code s}, the one with most placements (ties: the last in problem order). */
  private int victim(int h, int s) {
    int best = -1;
    for (int node = st.firstNode(h, s); node >= 0; node = st.nextNode(node)) {
      int k = st.jobOfNode(node);
      work++;
      if (best < 0 || placements[k] > placements[best] || (placements[k] == placements[best] && k > best)) {
        best = k;
      }
    }
    return best;
  }

  /** Chooses the least blocked hub and slots for {@code j} into {@code targetSlots}; returns the hub or -1. */
  private int chooseTarget(int j) {
    int from = st.release[j];
    int to = st.deadline[j];
    int d = st.duration[j];
    int bestHub = -1;
    double bestBlocked = Double.POSITIVE_INFINITY;
    int bestStart = -1;
    boolean capBinds = st.capBinds(j);
    for (int h : st.allowed[j]) {
      work += st.interruptible[j] ? (long) (to - from) * (1 + d) : to - from;
      int run = 0;
      for (int s = from; s < to; s++) {
        boolean alone = st.units[j] <= st.capacityUnits[h][s]
            && st.pue[h] * st.powerKw[j] <= st.powerCapKw[h][s] + PlanState.POWER_EPS;
        blocked[s] = alone ? blockedLoad(j, h, s) : Double.POSITIVE_INFINITY;
        blockedPrefix[s - from + 1] = blockedPrefix[s - from] + (alone ? blocked[s] : 0);
        run = alone ? run + 1 : 0;
        if (!st.interruptible[j] && run >= d && (!capBinds || st.capAllowsRun(j, s - d + 1))) {
          int a = s - d + 1;
          double load = blockedPrefix[s - from + 1] - blockedPrefix[a - from];
          if (load < bestBlocked) {
            bestBlocked = load;
            bestHub = h;
            bestStart = a;
          }
        }
      }
      if (st.interruptible[j]) {
        double load = leastBlocked(j, capBinds);
        if (load < bestBlocked) {
          bestBlocked = load;
          bestHub = h;
          System.arraycopy(targetSlots, 0, bestSet, 0, d);
        }
      }
    }
    if (bestHub < 0) {
      return -1;
    }
    if (st.interruptible[j]) {
      System.arraycopy(bestSet, 0, targetSlots, 0, d);
    } else {
      for (int i = 0; i < d; i++) {
        targetSlots[i] = bestStart + i;
      }
    }
    return bestHub;
  }

  /**
   * The {@code durationSlots} least blocked slots of interruptible job {@code j}'s window into
   * {@code targetSlots}, ascending; when {@code capBinds}, at most {@link PlanState#slotsAllowed} of
   * them in each fairness window of its tenant. Returns their total load (infinite when too few slots
   * fit on their own).
   */
  private double leastBlocked(int j, boolean capBinds) {
    int from = st.release[j];
    int to = st.deadline[j];
    int d = st.duration[j];
    int t = st.tenantOf[j];
    int firstWindow = st.windowOf(t, from);
    if (capBinds) {
      for (int k = firstWindow; k <= st.windowOf(t, to - 1); k++) {
        allowance[k - firstWindow] = st.slotsAllowed(j, k);
      }
    }
    Arrays.fill(target, from, to, false);
    double total = 0;
    for (int i = 0; i < d; i++) {
      int pick = -1;
      for (int s = from; s < to; s++) {
        if (!target[s] && blocked[s] != Double.POSITIVE_INFINITY && (pick < 0 || blocked[s] < blocked[pick])
            && (!capBinds || allowance[st.windowOf(t, s) - firstWindow] > 0)) {
          pick = s;
        }
      }
      if (pick < 0) {
        return Double.POSITIVE_INFINITY;
      }
      target[pick] = true;
      total += blocked[pick];
      if (capBinds) {
        allowance[st.windowOf(t, pick) - firstWindow]--;
      }
    }
    int k = 0;
    for (int s = from; s < to; s++) {
      if (target[s]) {
        targetSlots[k++] = s;
      }
    }
    return total;
  }

  /** 0 when {@code j} fits hub {@code h} in slot {@code s} now, else 1 + its relative excess units and power. */
  private double blockedLoad(int j, int h, int s) {
    if (st.fits(j, h, s)) {
      return 0;
    }
    double units = Math.max(0, st.usedUnits[h][s] + st.units[j] - st.capacityUnits[h][s]) / (double) st.units[j];
    double kw = st.pue[h] * (st.itKw[h][s] + st.powerKw[j]) - st.powerCapKw[h][s];
    double power = kw > 0 && st.powerKw[j] > 0 ? kw / (st.pue[h] * st.powerKw[j]) : 0;
    return 1 + units + power;
  }
}
