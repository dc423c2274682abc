package dev.fairshift.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Exact re-timing of a clean hub on a small problem (issue 9): for a hub with on-site supply or a
 * power cap, its jobs may move to any start in their windows at the hub, and jobs elsewhere that would
 * emit less there may join it at any start; a bounded deterministic branch and bound (counted nodes,
 * no wall clock) chooses the starts and who joins, minimising the hub's emissions plus what the jobs
 * that stay away emit where they are. It finds the moves no one-job move or hub repack makes, such as
 * two jobs on a 2-unit solar-fed hub each starting a slot earlier so that a third fits in its solar
 * hours (audit seed 5,305).
 *
 * <p>Candidates run in one piece (interruptible jobs stay where they are). A choice is kept only when
 * every job fits where it goes (units, power cap, its tenant's share caps) and the whole plan then
 * emits less by the Evaluator's accounting ({@link PlanState#plannedGrams()}); otherwise the plan is
 * restored. Tenants' guarantees count a job's unit-slots in its release window, which moving a job in
 * its window does not change.
 *
 * <p>The bound is valid because a hub-slot's grid emissions are convex in its load: each undecided
 * job emits at least its cheapest start at the hub's load without any candidate, or what it emits where
 * it is when it may stay away.
 */
final class HubRetime {
  /** Only problems up to this many jobs: the search is per hub and over whole windows. */
  static final int MAX_JOBS = 40;
  /** The most candidates in one search (the hub's jobs first, then the most promising outsiders). */
  static final int MAX_CANDIDATES = 10;
  /** Branch-and-bound nodes per hub. */
  static final long NODES_PER_SEARCH = 200_000;

  private final PlanState st;
  /** Work done, in branch-and-bound nodes and hub-slots examined. */
  long work;
  /** Re-timings kept. */
  int moves;

  private int hub;
  private int n;
  private int[] cand;
  private boolean[] inside;
  /** Per candidate, its starts at the hub (feasible alone at the load without the candidates). */
  private int[][] starts;
  /** Per candidate, what it emits where it is (outsiders), or +infinity (the hub's own jobs must stay). */
  private double[] awayCost;
  private double[] suffixMin;
  private int[] choice;
  private int[] bestChoice;
  private double bestCost;
  private long nodes;
  private double[] loadKw;
  private int[] loadUnits;

  HubRetime(PlanState state) {
    this.st = state;
    loadKw = new double[st.slotCount];
    loadUnits = new int[st.slotCount];
  }

  /** Re-times every clean hub while the work stays within {@code budget}; returns grams saved. */
  double run(long budget) {
    if (st.jobCount > MAX_JOBS) {
      return 0;
    }
    double saved = 0;
    for (int pass = 0; pass < 2; pass++) {
      int before = moves;
      for (int h = 0; h < st.hubCount && work <= budget; h++) {
        if (st.clean(h)) {
          saved += retime(h);
        }
      }
      if (moves == before || work > budget) {
        break;
      }
    }
    return saved;
  }

  private double retime(int h) {
    hub = h;
    if (!collect()) {
      return 0;
    }
    // The hub's load without the candidates.
    for (int s = 0; s < st.slotCount; s++) {
      loadKw[s] = st.itKw[h][s];
      loadUnits[s] = st.usedUnits[h][s];
    }
    for (int i = 0; i < n; i++) {
      if (inside[i]) {
        add(cand[i], st.slotsOf[cand[i]][0], -1);
      }
    }
    double base = hubGrams();
    // Each candidate's starts that fit at the bare load, and the incumbent: the plan as it is.
    double incumbent = 0;
    for (int i = 0; i < n; i++) {
      int j = cand[i];
      List<Integer> fit = new ArrayList<>();
      for (int s = st.release[j]; s + st.duration[j] <= st.deadline[j]; s++) {
        work += st.duration[j];
        if (fits(j, s)) {
          fit.add(s);
        }
      }
      starts[i] = fit.stream().mapToInt(Integer::intValue).toArray();
      if (inside[i]) {
        awayCost[i] = Double.POSITIVE_INFINITY;
        choice[i] = st.slotsOf[j][0];
      } else {
        awayCost[i] = st.placedGrams(j);
        choice[i] = -1;
      }
    }
    for (int i = 0; i < n; i++) {
      if (choice[i] >= 0) {
        add(cand[i], choice[i], 1);
        incumbent += transfer(cand[i], choice[i]);
      } else {
        incumbent += awayCost[i];
      }
    }
    incumbent += hubGrams() - base;
    for (int i = 0; i < n; i++) {
      if (choice[i] >= 0) {
        add(cand[i], choice[i], -1);
      }
    }
    suffixMin[n] = 0;
    for (int i = n - 1; i >= 0; i--) {
      double m = awayCost[i];
      for (int s : starts[i]) {
        m = Math.min(m, marginal(cand[i], s, loadKw));
      }
      suffixMin[i] = suffixMin[i + 1] + m;
    }
    int[] current = choice.clone();
    bestCost = incumbent;
    System.arraycopy(current, 0, bestChoice, 0, n);
    nodes = 0;
    search(0, 0);
    work += nodes;
    if (bestCost >= incumbent - 1e-9 * Math.max(1, Math.abs(incumbent))) {
      return 0;
    }
    return apply(current);
  }

  /** The candidates: the hub's own jobs that run in one piece, then outsiders by what they would save there. */
  private boolean collect() {
    List<Integer> in = new ArrayList<>();
    List<double[]> out = new ArrayList<>();
    for (int j = 0; j < st.jobCount; j++) {
      if (!st.placed(j) || st.interruptible[j] || st.slotsOf[j].length == 0) {
        continue;
      }
      if (st.hubOf[j] == hub) {
        in.add(j);
      } else if (Arrays.binarySearch(st.allowed[j], hub) >= 0) {
        double best = Double.POSITIVE_INFINITY;
        for (int s = st.release[j]; s + st.duration[j] <= st.deadline[j]; s++) {
          best = Math.min(best, marginal(j, s, st.itKw[hub]));
          work += st.duration[j];
        }
        double gain = st.placedGrams(j) - best;
        if (gain > 1e-9) {
          out.add(new double[] {j, gain});
        }
      }
    }
    if (in.size() > MAX_CANDIDATES || in.size() + out.size() < 2) {
      return false;
    }
    out.sort(Comparator.<double[]>comparingDouble(x -> -x[1]).thenComparingDouble(x -> x[0]));
    n = Math.min(MAX_CANDIDATES, in.size() + out.size());
    cand = new int[n];
    inside = new boolean[n];
    int k = 0;
    for (int j : in) {
      cand[k] = j;
      inside[k++] = true;
    }
    for (int q = 0; k < n; q++) {
      cand[k++] = (int) out.get(q)[0];
    }
    starts = new int[n][];
    awayCost = new double[n];
    suffixMin = new double[n + 1];
    choice = new int[n];
    bestChoice = new int[n];
    return true;
  }

  private void search(int k, double cost) {
    if (k == n) {
      if (cost < bestCost) {
        bestCost = cost;
        System.arraycopy(choice, 0, bestChoice, 0, n);
      }
      return;
    }
    if (++nodes > NODES_PER_SEARCH || cost + suffixMin[k] >= bestCost - 1e-12) {
      return;
    }
    int j = cand[k];
    // Options: each start that fits now, cheapest first, then staying away.
    int m = starts[k].length;
    double[] c = new double[m];
    Integer[] order = new Integer[m];
    for (int x = 0; x < m; x++) {
      int s = starts[k][x];
      c[x] = fits(j, s) ? marginal(j, s, loadKw) : Double.POSITIVE_INFINITY;
      order[x] = x;
      work += st.duration[j];
    }
    Arrays.sort(order, (x, y) -> c[x] != c[y] ? Double.compare(c[x], c[y]) : Integer.compare(x, y));
    for (int x : order) {
      if (c[x] == Double.POSITIVE_INFINITY || cost + c[x] + suffixMin[k + 1] >= bestCost - 1e-12) {
        break;
      }
      int s = starts[k][x];
      choice[k] = s;
      add(j, s, 1);
      search(k + 1, cost + c[x]);
      add(j, s, -1);
    }
    if (awayCost[k] < Double.POSITIVE_INFINITY && cost + awayCost[k] + suffixMin[k + 1] < bestCost - 1e-12) {
      choice[k] = -1;
      search(k + 1, cost + awayCost[k]);
    }
  }

  /**
   * Moves the candidates to the best choice: every candidate that moves leaves first, then each goes to
   * its start at the hub. Keeps the result only when every
   * job fits, with its tenant's share caps, and the plan emits less; returns the grams saved.
   */
  private double apply(int[] current) {
    double before = st.plannedGrams();
    int[] oldHub = new int[n];
    int[][] oldSlots = new int[n][];
    for (int i = 0; i < n; i++) {
      oldHub[i] = st.hubOf[cand[i]];
      oldSlots[i] = st.slotsOf[cand[i]];
    }
    for (int i = 0; i < n; i++) {
      if (bestChoice[i] != current[i]) {
        st.remove(cand[i]);
      }
    }
    boolean ok = true;
    for (int i = 0; i < n && ok; i++) {
      if (bestChoice[i] == current[i]) {
        continue;
      }
      // Only starts at the hub differ from the plan (an outsider staying away keeps its choice, -1).
      int j = cand[i];
      int s = bestChoice[i];
      ok = st.capAllowsRun(j, s);
      for (int t = s; t < s + st.duration[j] && ok; t++) {
        ok = st.fits(j, hub, t);
      }
      if (ok) {
        st.placeContiguous(j, hub, s);
      }
    }
    double saved = st.keepIfLess(ok, before, cand, n, oldHub, oldSlots);
    moves += saved > 0 ? 1 : 0;
    return saved;
  }

  private void add(int j, int start, int sign) {
    for (int s = start; s < start + st.duration[j]; s++) {
      loadKw[s] += sign * st.powerKw[j];
      loadUnits[s] += sign * st.units[j];
    }
  }

  private boolean fits(int j, int start) {
    for (int s = start; s < start + st.duration[j]; s++) {
      if (loadUnits[s] + st.units[j] > st.capacityUnits[hub][s]) {
        return false;
      }
      if (st.powerCapped[hub]
          && st.pue[hub] * (loadKw[s] + st.powerKw[j]) > st.powerCapKw[hub][s] + PlanState.POWER_EPS) {
        return false;
      }
    }
    return true;
  }

  /** Grams job {@code j} adds at the hub from {@code start} on top of IT load {@code loadKw} (per slot), with its transfer. */
  private double marginal(int j, int start, double[] loadKw) {
    double c = 0;
    for (int s = start; s < start + st.duration[j]; s++) {
      c += st.hubSlotGrams(hub, s, loadKw[s] + st.powerKw[j]) - st.hubSlotGrams(hub, s, loadKw[s]);
    }
    return c + transfer(j, start);
  }

  private double hubGrams() {
    double c = 0;
    for (int s = 0; s < st.slotCount; s++) {
      c += st.hubSlotGrams(hub, s, loadKw[s]);
    }
    return c;
  }



  private double transfer(int j, int start) {
    return st.transferGrams(j, hub, start);
  }
}
