package dev.fairshift.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Exact repack of a hub's jobs (issue 9). Two kinds of candidates: for a hub whose grid energy is
 * capped by on-site supply or a power cap, and a window of slots, the placed jobs whose run lies in the
 * window and that may run at the hub in their own slots; and, for a placed job that would emit less at
 * another hub at its load now (a cleaner grid, on-site supply, a lower PUE), most promising first, that
 * job and the jobs at that hub in its way (which, if they leave, may take the room it leaves). For
 * either, a bounded deterministic branch and bound (counted nodes, no wall clock) chooses the subset that runs at the hub, minimising the hub's grid
 * emissions over the window plus, for every candidate left out, its cost where it is (or, for a job
 * now at the hub, at its cheapest other hub in the same slots). Only hubs change, never slots, so
 * tenants' shares and quotas are untouched. A repack is kept only when the whole plan then emits less
 * by the Evaluator's accounting ({@link PlanState#plannedGrams()}); otherwise the plan is restored.
 *
 * <p>The bound is valid because a hub-slot's grid emissions are convex in its load: a job's marginal
 * emissions at the hub never fall as more jobs join it.
 */
final class HubRepack {

  /** Window lengths tried, in slots (each window slides by half its length). */
  static final int[] WINDOW_SLOTS = {4, 8, 16, 24, 48};
  /** Passes over all windows, while the last one kept a repack. */
  static final int MAX_PASSES = 3;
  /** The most candidates in one branch and bound. */
  static final int MAX_CANDIDATES = 30;
  /** Branch-and-bound nodes per hub and window. */
  static final long NODES_PER_SEARCH = 20_000;

  private final PlanState st;
  /** Work done, in branch-and-bound nodes and hub-slots examined. */
  long work;
  /** Repacks kept. */
  int moves;


  // The search's state, for the current hub and window.
  private int hub;
  private int from;
  private int to;
  private int n;
  private final int[] cand;
  private final double[] outCost;
  private final int[] outHub;
  private final double[] inTransfer;
  private final boolean[] in;
  private final boolean[] bestIn;
  private double bestCost;
  private long nodes;
  private long nodeLimit;
  private double[] loadKw;
  private int[] loadUnits;
  /** Placed jobs by first slot; those starting in slots [a, b) are byStart[firstAt[a] .. firstAt[b]). */
  private int[] byStart;
  private int[] firstAt;

  HubRepack(PlanState state) {
    this.st = state;
    cand = new int[MAX_CANDIDATES];
    outCost = new double[MAX_CANDIDATES];
    outHub = new int[MAX_CANDIDATES];
    inTransfer = new double[MAX_CANDIDATES];
    in = new boolean[MAX_CANDIDATES];
    bestIn = new boolean[MAX_CANDIDATES];
    loadKw = new double[st.slotCount];
    loadUnits = new int[st.slotCount];
  }

  /** Repacks every clean hub's windows while the work stays within {@code budget}; returns grams saved. */
  double run(long budget) {
    // Placed jobs by first slot (a repack moves hubs, never slots, so this order holds throughout).
    int[][] index = st.placedByFirstSlot();
    byStart = index[0];
    firstAt = index[1];
    double saved = 0;
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      int before = moves;
      saved += pass(budget);
      if (moves == before || work > budget) {
        break;
      }
    }
    return saved;
  }

  /** Repacks around insertions while they save and their own work stays within {@code budget}; after {@link #run}. */
  double insertAll(long budget) {
    double saved = 0;
    long limit = work + budget;
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      int before = moves;
      saved += insertions(limit);
      if (moves == before || work > limit) {
        break;
      }
    }
    return saved;
  }

  /**
   * Repacks around insertions: for each placed job and each other hub where it would emit less at the
   * load there, the job and the jobs at that hub in its way are the candidates of one repack of that
   * hub (over the slots they span), the largest saving first.
   */
  private double insertions(long budget) {
    int maxDuration = 1;
    for (int q = 0; q < byStart.length; q++) {
      int[] sl = st.slotsOf[byStart[q]];
      maxDuration = Math.max(maxDuration, sl[sl.length - 1] - sl[0] + 1);
    }
    List<Insertion> tries = new ArrayList<>();
    for (int q = 0; q < byStart.length; q++) {
      int j = byStart[q];
      if (!st.placed(j)) {
        continue;
      }
      double now = st.placedGrams(j);
      for (int h : st.allowed[j]) {
        if (h == st.hubOf[j]) {
          continue;
        }
        double gain = now - marginal(j, h, st.slotsOf[j]) - transfer(j, h, st.slotsOf[j][0]);
        work += st.slotsOf[j].length;
        if (gain > 1e-9 * Math.max(1, now)) {
          tries.add(new Insertion(j, h, gain));
        }
      }
    }
    tries.sort(Comparator.comparingDouble(Insertion::gain).reversed()
        .thenComparingInt(Insertion::job).thenComparingInt(Insertion::hub));
    double saved = 0;
    for (Insertion t : tries) {
      if (work > budget) {
        break;
      }
      int j = t.job();
      int h = t.hub();
      if (st.hubOf[j] == h) {
        continue;
      }
      saved += repackAround(j, h, maxDuration);
    }
    return saved;
  }

  /** A job that would emit {@code gain} grams less at {@code hub} at the load there. */
  private record Insertion(int job, int hub, double gain) {}

  /** One repack of hub {@code h} whose candidates are job {@code j} and the jobs at {@code h} overlapping its run. */
  private double repackAround(int j, int h, int maxDuration) {
    int[] sl = st.slotsOf[j];
    int first = sl[0];
    int last = sl[sl.length - 1];
    hub = h;
    n = 0;
    cand[n++] = j;
    from = first;
    to = last + 1;
    for (int q = firstAt[Math.max(0, first - maxDuration + 1)]; q < firstAt[last + 1]; q++) {
      int k = byStart[q];
      work++;
      if (st.hubOf[k] != h) {
        continue;
      }
      int[] ks = st.slotsOf[k];
      if (ks[ks.length - 1] < first) {
        continue;
      }
      if (n == MAX_CANDIDATES) {
        return 0;
      }
      cand[n++] = k;
      from = Math.min(from, ks[0]);
      to = Math.max(to, ks[ks.length - 1] + 1);
    }
    return solve();
  }

  /** One pass over every window length, clean hub and window. */
  private double pass(long budget) {
    double saved = 0;
    for (int w : WINDOW_SLOTS) {
      int len = Math.min(w, st.slotCount);
      int stride = Math.max(1, len / 2);
      for (int h = 0; h < st.hubCount; h++) {
        if (!st.clean(h)) {
          continue;
        }
        for (int a = 0; a < st.slotCount; a += stride) {
          if (work > budget) {
            return saved;
          }
          saved += repack(h, a, Math.min(st.slotCount, a + len));
          if (a + len >= st.slotCount) {
            break;
          }
        }
      }
    }
    return saved;
  }

  /** One repack of hub {@code h} over slots {@code [a, b)}; returns the grams saved (0 when not kept). */
  double repack(int h, int a, int b) {
    hub = h;
    from = a;
    to = b;
    collect();
    if (n == 0) {
      return 0;
    }
    return solve();
  }

  /** The branch and bound over the candidates {@code cand[0..n)} at {@code hub}, all within slots [from, to). */
  private double solve() {
    int h = hub;
    // The loads of everything at the hub that is not a candidate.
    for (int s = from; s < to; s++) {
      loadKw[s] = st.itKw[h][s];
      loadUnits[s] = st.usedUnits[h][s];
    }
    boolean[] current = new boolean[n];
    for (int i = 0; i < n; i++) {
      current[i] = st.hubOf[cand[i]] == h;
      if (current[i]) {
        for (int s : st.slotsOf[cand[i]]) {
          loadKw[s] -= st.powerKw[cand[i]];
          loadUnits[s] -= st.units[cand[i]];
        }
      }
    }
    double base = hubGrams();
    // The cost of leaving each candidate out of the hub: outsiders where they are; jobs at the hub at
    // their cheapest other hub, priced with the outsiders out of their hubs (a job joining the hub
    // leaves room where it was; apply checks what the choice really costs).
    int[][] outsiderSlots = new int[n][];
    for (int i = 0; i < n; i++) {
      int j = cand[i];
      inTransfer[i] = transfer(j, h, st.slotsOf[j][0]);
      if (!current[i]) {
        outHub[i] = st.hubOf[j];
        outCost[i] = st.placedGrams(j);
      }
    }
    for (int i = 0; i < n; i++) {
      if (!current[i]) {
        outsiderSlots[i] = st.slotsOf[cand[i]];
        st.remove(cand[i]);
      }
    }
    for (int i = 0; i < n; i++) {
      int j = cand[i];
      if (current[i]) {
        outHub[i] = -1;
        outCost[i] = Double.POSITIVE_INFINITY;
        for (int g : st.allowed[j]) {
          if (g == h || !fitsAtSlots(j, g, st.slotsOf[j])) {
            continue;
          }
          double c = marginal(j, g, st.slotsOf[j]) + transfer(j, g, st.slotsOf[j][0]);
          work += st.slotsOf[j].length;
          if (c < outCost[i]) {
            outCost[i] = c;
            outHub[i] = g;
          }
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (!current[i]) {
        st.place(cand[i], outHub[i], outsiderSlots[i], outsiderSlots[i].length);
      }
    }
    // The current assignment's cost (its hub part computed as the search does), the first incumbent.
    double currentCost = 0;
    for (int i = 0; i < n; i++) {
      if (current[i]) {
        add(cand[i], 1);
        currentCost += inTransfer[i];
      } else {
        currentCost += outCost[i];
      }
    }
    currentCost += hubGrams() - base;
    for (int i = 0; i < n; i++) {
      if (current[i]) {
        add(cand[i], -1);
      }
    }
    bestCost = currentCost;
    System.arraycopy(current, 0, bestIn, 0, n);
    Arrays.fill(in, 0, n, false);
    nodes = 0;
    nodeLimit = NODES_PER_SEARCH;
    search(0, 0);
    work += nodes;
    if (bestCost >= currentCost - 1e-9 * Math.max(1, Math.abs(currentCost))) {
      return 0;
    }
    return apply(current);
  }

  /** The candidates: placed jobs with every slot in the window that may run at the hub (now there or fitting). */
  private void collect() {
    n = 0;
    double[] gain = new double[MAX_CANDIDATES];
    for (int q = firstAt[from]; q < firstAt[to]; q++) {
      int j = byStart[q];
      int[] sl = st.slotsOf[j];
      if (sl[sl.length - 1] >= to) {
        continue;
      }
      double g;
      if (st.hubOf[j] == hub) {
        g = Double.POSITIVE_INFINITY;
      } else {
        if (Arrays.binarySearch(st.allowed[j], hub) < 0 || !unitsFitAlone(j)) {
          continue;
        }
        g = st.placedGrams(j) - transfer(j, hub, sl[0]);
      }
      work += sl.length;
      if (n < MAX_CANDIDATES) {
        cand[n] = j;
        gain[n++] = g;
      } else {
        int worst = 0;
        for (int i = 1; i < n; i++) {
          if (gain[i] < gain[worst]) {
            worst = i;
          }
        }
        if (g > gain[worst]) {
          cand[worst] = j;
          gain[worst] = g;
        }
      }
    }
    // Most promising first (a stable, deterministic order).
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (x, y) -> {
      int c = Double.compare(gain[y], gain[x]);
      return c != 0 ? c : Integer.compare(cand[x], cand[y]);
    });
    int[] sorted = new int[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = cand[idx[i]];
    }
    System.arraycopy(sorted, 0, cand, 0, n);
  }

  /** Whether job {@code j} fits hub {@code hub}'s capacity and power cap in its slots with only itself added to what is there. */
  private boolean unitsFitAlone(int j) {
    for (int s : st.slotsOf[j]) {
      if (st.units[j] > st.capacityUnits[hub][s]) {
        return false;
      }
      if (st.powerCapped[hub] && st.pue[hub] * st.powerKw[j] > st.powerCapKw[hub][s] + PlanState.POWER_EPS) {
        return false;
      }
    }
    return true;
  }

  private void search(int k, double hubPart) {
    if (++nodes > nodeLimit) {
      return;
    }
    // Bound: what is decided, plus each undecided candidate's cheaper side given the hub's load now.
    double bound = hubPart;
    for (int i = 0; i < k; i++) {
      bound += in[i] ? inTransfer[i] : outCost[i];
    }
    double partial = bound;
    for (int i = k; i < n; i++) {
      double m = fitsLoad(cand[i]) ? marginalLoad(cand[i]) + inTransfer[i] : Double.POSITIVE_INFINITY;
      bound += Math.min(m, outCost[i]);
    }
    if (bound >= bestCost - 1e-12) {
      return;
    }
    if (k == n) {
      bestCost = partial;
      System.arraycopy(in, 0, bestIn, 0, n);
      return;
    }
    int j = cand[k];
    double m = fitsLoad(j) ? marginalLoad(j) : Double.POSITIVE_INFINITY;
    boolean inFirst = m + inTransfer[k] <= outCost[k];
    for (int side = 0; side < 2; side++) {
      boolean goIn = side == 0 ? inFirst : !inFirst;
      if (goIn) {
        if (m == Double.POSITIVE_INFINITY) {
          continue;
        }
        in[k] = true;
        add(j, 1);
        search(k + 1, hubPart + m);
        add(j, -1);
        in[k] = false;
      } else {
        if (outCost[k] == Double.POSITIVE_INFINITY) {
          continue;
        }
        search(k + 1, hubPart);
      }
    }
  }

  private void add(int j, int sign) {
    for (int s : st.slotsOf[j]) {
      loadKw[s] += sign * st.powerKw[j];
      loadUnits[s] += sign * st.units[j];
    }
  }

  private boolean fitsLoad(int j) {
    for (int s : st.slotsOf[j]) {
      if (loadUnits[s] + st.units[j] > st.capacityUnits[hub][s]) {
        return false;
      }
      if (st.powerCapped[hub] && st.pue[hub] * (loadKw[s] + st.powerKw[j]) > st.powerCapKw[hub][s] + PlanState.POWER_EPS) {
        return false;
      }
    }
    return true;
  }

  /** Grams job {@code j} adds to the hub at the search's load. */
  private double marginalLoad(int j) {
    double c = 0;
    for (int s : st.slotsOf[j]) {
      c += grams(hub, s, loadKw[s] + st.powerKw[j]) - grams(hub, s, loadKw[s]);
    }
    return c;
  }

  private double hubGrams() {
    double c = 0;
    for (int s = from; s < to; s++) {
      c += grams(hub, s, loadKw[s]);
    }
    return c;
  }

  private double grams(int h, int s, double itKw) {
    return st.hubSlotGrams(h, s, itKw);
  }

  /** Grams job {@code j} would add to hub {@code g} in {@code slots} at the plan's load there (no transfer). */
  private double marginal(int j, int g, int[] slots) {
    double c = 0;
    for (int s : slots) {
      c += grams(g, s, st.itKw[g][s] + st.powerKw[j]) - grams(g, s, st.itKw[g][s]);
    }
    return c;
  }



  private double transfer(int j, int h, int first) {
    return st.transferGrams(j, h, first);
  }

  /**
   * Moves the candidates to the best subset found: jobs joining the hub leave their hubs first, then
   * jobs leaving the hub go to their cheapest other hub in the same slots (given the moves before
   * them, so they may take the room a joining job left), then the joining jobs join. Keeps the result
   * only when every move fits and the plan emits less; otherwise puts every candidate back where it
   * was. Returns the grams saved.
   */
  private double apply(boolean[] current) {
    double before = st.plannedGrams();
    int[] oldHub = new int[n];
    int[][] oldSlots = new int[n][];
    for (int i = 0; i < n; i++) {
      oldHub[i] = st.hubOf[cand[i]];
      oldSlots[i] = st.slotsOf[cand[i]];
    }
    for (int i = 0; i < n; i++) {
      if (!current[i] && bestIn[i]) {
        st.remove(cand[i]);
      }
    }
    boolean ok = true;
    for (int i = 0; i < n && ok; i++) {
      if (current[i] && !bestIn[i]) {
        int j = cand[i];
        int[] slots = oldSlots[i];
        st.remove(j);
        int g = -1;
        double c = Double.POSITIVE_INFINITY;
        for (int o : st.allowed[j]) {
          if (o != hub && fitsAtSlots(j, o, slots)) {
            double x = costAt(j, o, slots);
            if (x < c) {
              c = x;
              g = o;
            }
          }
        }
        if (g >= 0) {
          st.place(j, g, slots, slots.length);
        }
        ok = g >= 0;
      }
    }
    for (int i = 0; i < n && ok; i++) {
      if (!current[i] && bestIn[i]) {
        int j = cand[i];
        ok = fitsAtSlots(j, hub, oldSlots[i]);
        if (ok) {
          st.place(j, hub, oldSlots[i], oldSlots[i].length);
        }
      }
    }
    double saved = st.keepIfLess(ok, before, cand, n, oldHub, oldSlots);
    moves += saved > 0 ? 1 : 0;
    return saved;
  }

  private boolean fitsAtSlots(int j, int g, int[] slots) {
    for (int s : slots) {
      if (!st.fits(j, g, s)) {
        return false;
      }
    }
    return true;
  }

  private double costAt(int j, int g, int[] slots) {
    return marginal(j, g, slots) + transfer(j, g, slots[0]);
  }

}
