package dev.fairshift.solver;

import java.util.Arrays;
import java.util.Random;

/**
 * Exact reassignment of a few jobs between every hub (issue 9): a window of start slots, up to
 * {@link #MAX_JOBS} placed jobs starting in it (drawn with a fixed seed), taken out and put back at the
 * hubs that emit least together, by a bounded deterministic branch and bound over each job's allowed
 * hubs in its own slots (counted nodes, no wall clock). Only hubs change, never slots, so tenants'
 * shares and quotas are untouched. A reassignment is kept only when the whole plan then emits less by
 * the Evaluator's accounting ({@link PlanState#plannedGrams()}); otherwise the plan is restored.
 *
 * <p>Where {@link HubRepack} chooses which jobs run at one hub, this moves several jobs between several
 * hubs at once: with no slack a job's start is fixed and its hub is the only choice, and the better
 * plans trade places around a hub's power cap or on-site supply in ways no single move or swap reaches.
 *
 * <p>The bound is valid because a hub-slot's grid emissions are convex in its load: a job's marginal
 * emissions at a hub never fall as more jobs join it, so each undecided job costs at least its
 * cheapest marginal at the load without any candidate.
 */
final class WindowReassign {

  /** Start-window lengths tried, in slots. */
  static final int[] ALL_HUB_WINDOWS = {1, 2, 4};
  /** The most jobs reassigned together. */
  static final int MAX_JOBS = 16;
  /** Branch-and-bound nodes per reassignment. */
  static final long NODES_PER_SEARCH = 100_000;
  /** Draws per window and pass (each a different subset when more jobs start in the window). */
  static final int DRAWS = 3;
  /** Passes over all windows, while the last one kept a reassignment. */
  static final int MAX_PASSES = 4;
  private static final long SEED = 0x5eedL;
  /** Start-window lengths of the two-hub reassignments, in slots (each window slides by half its length). */
  static final int[] PAIR_WINDOWS = {4, 8, 16};

  /** Two-hub reassignments: for each pair of hubs with a clean one, each window. */
  private double pairs(long budget, Random random) {
    double saved = 0;
    boolean[] set = new boolean[st.hubCount];
    for (int w : PAIR_WINDOWS) {
      int stride = Math.max(1, w / 2);
      for (int x = 0; x < st.hubCount; x++) {
        for (int y = x + 1; y < st.hubCount; y++) {
          if (!st.clean(x) && !st.clean(y)) {
            continue;
          }
          set[x] = true;
          set[y] = true;
          hubSet = set;
          for (int a = 0; a < st.slotCount; a += stride) {
            if (work > budget) {
              hubSet = null;
              return saved;
            }
            saved += reassign(a, Math.min(st.slotCount, a + w), random);
            if (a + w >= st.slotCount) {
              break;
            }
          }
          set[x] = false;
          set[y] = false;
          hubSet = null;
        }
      }
    }
    return saved;
  }

  private final PlanState st;
  /** Work done, in branch-and-bound nodes and hub-slots examined. */
  long work;
  /** Reassignments kept. */
  int moves;

  private final int[] cand = new int[MAX_JOBS];
  private final int[] oldHub = new int[MAX_JOBS];
  private final int[] hubNow = new int[MAX_JOBS];
  private final int[] bestHub = new int[MAX_JOBS];
  private final double[] suffixMin = new double[MAX_JOBS + 1];
  private int n;
  /** The hubs the current reassignment may use (all when null). */
  private boolean[] hubSet;
  private double bestCost;
  private long nodes;
  /** The candidates' load on top of the plan without them, per hub and slot. */
  private final double[][] addKw;
  private final int[][] addUnits;
  /** Placed jobs by first slot; those starting in slots [a, b) are byStart[firstAt[a] .. firstAt[b]). */
  private int[] byStart;
  private int[] firstAt;

  WindowReassign(PlanState state) {
    this.st = state;
    addKw = new double[st.hubCount][st.slotCount];
    addUnits = new int[st.hubCount][st.slotCount];
  }

  /** Reassigns windows' jobs while the work stays within {@code budget}; returns grams saved. */
  double run(long budget) {
    index();
    Random random = new Random(SEED);
    double saved = 0;
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      int before = moves;
      saved += pairs(budget, random);
      if (work > budget) {
        return saved;
      }
      for (int w : ALL_HUB_WINDOWS) {
        for (int a = 0; a < st.slotCount; a += w) {
          int b = Math.min(st.slotCount, a + w);
          int count = firstAt[b] - firstAt[a];
          if (count < 2) {
            continue;
          }
          int draws = count <= MAX_JOBS ? 1 : DRAWS;
          for (int d = 0; d < draws; d++) {
            if (work > budget) {
              return saved;
            }
            saved += reassign(a, b, random);
          }
        }
      }
      if (moves == before) {
        break;
      }
    }
    return saved;
  }

  private void index() {
    int[][] index = st.placedByFirstSlot();
    byStart = index[0];
    firstAt = index[1];
  }

  /** One reassignment of up to {@link #MAX_JOBS} jobs starting in slots {@code [a, b)}; returns grams saved. */
  private double reassign(int a, int b, Random random) {
    // The candidates: a seeded draw among the jobs starting in the window that may run at another hub.
    n = 0;
    int first = firstAt[a];
    int count = firstAt[b] - first;
    int[] pool = new int[count];
    int m = 0;
    for (int q = 0; q < count; q++) {
      int j = byStart[first + q];
      if (hubSet == null ? st.allowed[j].length > 1 : hubSet[st.hubOf[j]] && options(j) > 1) {
        pool[m++] = j;
      }
    }
    if (m < 2) {
      return 0;
    }
    for (int i = 0; i < Math.min(m, MAX_JOBS); i++) {
      int r = i + random.nextInt(m - i);
      int t = pool[i];
      pool[i] = pool[r];
      pool[r] = t;
      cand[n++] = pool[i];
    }
    // Largest energy first: they prune most.
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = cand[i];
    }
    Arrays.sort(idx, (x, y) -> {
      int c = Double.compare(st.powerKw[y] * st.slotsOf[y].length, st.powerKw[x] * st.slotsOf[x].length);
      return c != 0 ? c : Integer.compare(x, y);
    });
    for (int i = 0; i < n; i++) {
      cand[i] = idx[i];
      oldHub[i] = st.hubOf[cand[i]];
    }
    double before = st.plannedGrams();
    int[][] slots = new int[n][];
    for (int i = 0; i < n; i++) {
      slots[i] = st.slotsOf[cand[i]];
      st.remove(cand[i]);
    }
    // The current hubs' cost (the incumbent) and each job's cheapest marginal at the bare load.
    double incumbent = 0;
    for (int i = 0; i < n; i++) {
      incumbent += marginal(cand[i], oldHub[i], slots[i]);
      add(cand[i], oldHub[i], slots[i], 1);
    }
    for (int i = 0; i < n; i++) {
      add(cand[i], oldHub[i], slots[i], -1);
    }
    suffixMin[n] = 0;
    for (int i = n - 1; i >= 0; i--) {
      double best = Double.POSITIVE_INFINITY;
      for (int h : st.allowed[cand[i]]) {
        if (usable(h) && fits(cand[i], h, slots[i])) {
          best = Math.min(best, marginal(cand[i], h, slots[i]));
        }
      }
      suffixMin[i] = suffixMin[i + 1] + best;
    }
    bestCost = incumbent;
    System.arraycopy(oldHub, 0, bestHub, 0, n);
    nodes = 0;
    search(0, 0, slots);
    work += nodes;
    boolean better = bestCost < incumbent - 1e-9 * Math.max(1, Math.abs(incumbent));
    for (int i = 0; i < n; i++) {
      st.place(cand[i], better ? bestHub[i] : oldHub[i], slots[i], slots[i].length);
    }
    if (!better) {
      return 0;
    }
    double saved = st.keepIfLess(true, before, cand, n, oldHub, slots);
    moves += saved > 0 ? 1 : 0;
    return saved;
  }

  private void search(int k, double cost, int[][] slots) {
    if (k == n) {
      if (cost < bestCost) {
        bestCost = cost;
        System.arraycopy(hubNow, 0, bestHub, 0, n);
      }
      return;
    }
    if (++nodes > NODES_PER_SEARCH) {
      return;
    }
    int j = cand[k];
    int[] allowed = st.allowed[j];
    double[] marg = new double[allowed.length];
    for (int x = 0; x < allowed.length; x++) {
      marg[x] = usable(allowed[x]) && fits(j, allowed[x], slots[k]) ? marginal(j, allowed[x], slots[k]) : Double.POSITIVE_INFINITY;
    }
    work += (long) allowed.length * slots[k].length;
    // Cheapest hub first; ties by hub index (deterministic).
    boolean[] done = new boolean[allowed.length];
    for (int round = 0; round < allowed.length; round++) {
      int pick = -1;
      for (int x = 0; x < allowed.length; x++) {
        if (!done[x] && (pick < 0 || marg[x] < marg[pick])) {
          pick = x;
        }
      }
      done[pick] = true;
      if (marg[pick] == Double.POSITIVE_INFINITY
          || cost + marg[pick] + suffixMin[k + 1] >= bestCost - 1e-12) {
        return; // the rest cost at least as much
      }
      int h = allowed[pick];
      hubNow[k] = h;
      add(j, h, slots[k], 1);
      search(k + 1, cost + marg[pick], slots);
      add(j, h, slots[k], -1);
    }
  }

  private int options(int j) {
    int c = 0;
    for (int h : st.allowed[j]) {
      if (hubSet[h]) {
        c++;
      }
    }
    return c;
  }

  private boolean usable(int h) {
    return hubSet == null || hubSet[h];
  }

  private void add(int j, int h, int[] slots, int sign) {
    for (int s : slots) {
      addKw[h][s] += sign * st.powerKw[j];
      addUnits[h][s] += sign * st.units[j];
    }
  }

  private boolean fits(int j, int h, int[] slots) {
    for (int s : slots) {
      if (st.usedUnits[h][s] + addUnits[h][s] + st.units[j] > st.capacityUnits[h][s]) {
        return false;
      }
      if (st.powerCapped[h]
          && st.pue[h] * (st.itKw[h][s] + addKw[h][s] + st.powerKw[j]) > st.powerCapKw[h][s] + PlanState.POWER_EPS) {
        return false;
      }
    }
    return true;
  }

  /** Grams job {@code j} adds at hub {@code h} in {@code slots} on top of the plan and the candidates placed. */
  private double marginal(int j, int h, int[] slots) {
    double c = 0;
    for (int s : slots) {
      double load = st.itKw[h][s] + addKw[h][s];
      c += grams(h, s, load + st.powerKw[j]) - grams(h, s, load);
    }
    return c + transfer(j, h, slots[0]);
  }

  private double grams(int h, int s, double itKw) {
    return st.hubSlotGrams(h, s, itKw);
  }

  private double transfer(int j, int h, int first) {
    return st.transferGrams(j, h, first);
  }
}
