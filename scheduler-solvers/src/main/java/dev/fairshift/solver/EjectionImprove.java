package dev.fairshift.solver;

import dev.fairshift.core.AccountingKernel;
import java.util.Arrays;

/**
 * Moves placed jobs to cleaner positions that other jobs hold: an ejection-chain improvement for
 * where packing decides (small clean hubs, on-site solar, power caps).
 *
 * <p>For a placed job {@code j}, its <i>ideal</i> position in a hub is where it would emit least were
 * the hub empty: every slot's whole on-site supply and capacity its own. When the ideal of some hub
 * emits less than {@code j} does where it is, the jobs running in that position that block it (by
 * units or power) or take on-site energy it could use leave (most placements on their own first, at
 * most {@link #MAX_EJECTED}); {@code j} goes to its cheapest position given the rest, then every job
 * that left to its own cheapest. The move is kept only when every job found a place and the plan's
 * emissions on the planning intensities went down (computed exactly, hub-slot by hub-slot, as the
 * Evaluator does); otherwise everything goes back as it was. So the same jobs stay placed, no quota
 * changes (quotas count jobs by release window, not by position) and no hard rule breaks.
 *
 * <p>Jobs are tried by how much they could gain (current emissions minus the best ideal), most first;
 * up to {@link #MAX_TARGETS} hubs each, cheapest ideal first. Passes repeat while one improves, at
 * most {@link #MAX_PASSES}, and everything stops once the counted work (hub-slots scanned, here and in
 * the placement search) passes the budget given: the same problem gets the same plan on any machine.
 *
 * <p>Needs the plan's job index ({@link PlanState#indexJobs}) while it runs. Not thread-safe.
 */
final class EjectionImprove {
  /** The most jobs one move may eject. */
  static final int MAX_EJECTED = 24;
  /** The most target hubs tried per job and pass. */
  static final int MAX_TARGETS = 2;
  /** The most passes over the jobs. */
  static final int MAX_PASSES = 4;
  /** A move is kept when it saves more than this share of the job's own emissions (and 1e-6 g). */
  private static final double MIN_GAIN = 1e-9;

  /** Hub-slots scanned choosing targets and ejecting (the search's own work is {@link CheapestPlacement#work}). */
  long work;
  /** Moves kept so far. */
  int moves;

  private final PlanState st;
  private final CheapestPlacement search;
  private final int[] placements;
  private final double[] slotCost;
  private final int[] byCost;
  private final Integer[] boxed;
  private final double[] hubIdeal;
  private final int[] hubStart;
  private final int[][] hubSlots;
  private final int[] targets;
  private final int[] ejected = new int[MAX_EJECTED];
  private final int[] ejectedHub = new int[MAX_EJECTED];
  private final int[][] ejectedSlots = new int[MAX_EJECTED][];

  /**
   * @param placements per job, how many (hub, start) placements it has on its own: jobs with more
   *     leave first
   */
  EjectionImprove(PlanState state, CheapestPlacement search, int[] placements) {
    this.st = state;
    this.search = search;
    this.placements = placements;
    int n = state.slotCount;
    slotCost = new double[n];
    byCost = new int[n];
    boxed = new Integer[n];
    hubIdeal = new double[state.hubCount];
    hubStart = new int[state.hubCount];
    hubSlots = new int[state.hubCount][];
    targets = new int[state.hubCount];
  }

  /**
   * Improves the plan within {@code budget} hub-slots of work (this pass's and the search's together).
   *
   * @return the emissions saved on the planning intensities, grams (0 or more)
   */
  double run(long budget, boolean exchanges) {
    long searchStart = search.work;
    double saved = 0;
    double[] gain = new double[st.jobCount];
    int[] order = new int[st.jobCount];
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      int n = 0;
      for (int j = 0; j < st.jobCount; j++) {
        if (!st.placed(j) || st.capBinds(j)) {
          continue;
        }
        double g = currentCost(j) - ideal(j);
        if (g > MIN_GAIN * (1 + Math.abs(g))) {
          gain[j] = g;
          order[n++] = j;
        }
        if (work + search.work - searchStart > budget) {
          return saved;
        }
      }
      sortByGain(order, n, gain);
      double passSaved = 0;
      for (int i = 0; i < n; i++) {
        if (work + search.work - searchStart > budget) {
          return saved + passSaved;
        }
        passSaved += improve(order[i]);
      }
      // Pairwise exchanges, the placed jobs by what they emit, most first.
      n = 0;
      for (int j = 0; exchanges && j < st.jobCount; j++) {
        if (st.placed(j) && !st.capBinds(j)) {
          gain[j] = currentCost(j);
          order[n++] = j;
        }
      }
      sortByGain(order, n, gain);
      for (int i = 0; i < n; i++) {
        int a = order[i];
        if (gain[a] <= 0) {
          break;
        }
        for (int k = 0; k < n; k++) {
          if (work + search.work - searchStart > budget) {
            return saved + passSaved;
          }
          int b = order[k];
          work++;
          if (b != a && related(a, b)) {
            passSaved += exchange(a, b);
          }
        }
      }
      saved += passSaved;
      if (passSaved <= 0) {
        break;
      }
    }
    return saved;
  }

  /** Tries the moves of placed job {@code j}; returns the emissions saved (0 when none was kept). */
  double improve(int j) {
    double current = currentCost(j);
    int targetCount = 0;
    double best = ideal(j);
    if (!(best < current)) {
      return 0;
    }
    for (int h : st.allowed[j]) {
      if (hubIdeal[h] < current - MIN_GAIN * (1 + current)) {
        targets[targetCount++] = h;
      }
    }
    // Cheapest ideal first (insertion sort: few hubs), then hub order.
    for (int a = 1; a < targetCount; a++) {
      int h = targets[a];
      int b = a - 1;
      while (b >= 0 && hubIdeal[targets[b]] > hubIdeal[h]) {
        targets[b + 1] = targets[b];
        b--;
      }
      targets[b + 1] = h;
    }
    for (int t = 0; t < Math.min(MAX_TARGETS, targetCount); t++) {
      int h = targets[t];
      if (h == st.hubOf[j] && containsAll(st.slotsOf[j], hubSlots[h])) {
        continue; // already there
      }
      // First only what blocks it, then also what takes the on-site supply it could use.
      for (int mode = 0; mode < (st.hasRenewables[h] ? 2 : 1); mode++) {
        double delta = tryMove(j, h, hubSlots[h], mode == 1);
        if (delta < 0) {
          moves++;
          return -delta;
        }
      }
    }
    return 0;
  }

  /**
   * Ejects what stands in {@code j}'s way at {@code slots} of hub {@code h}, places {@code j} at its
   * cheapest then the ejected at theirs; keeps the result when it emits less. Returns the change in
   * emissions when kept (negative), else 0 with the plan as it was.
   */
  private double tryMove(int j, int h, int[] slots, boolean forSupply) {
    int oldHub = st.hubOf[j];
    int[] oldSlots = st.slotsOf[j];
    double delta = -removeCost(j);
    double e = st.energyKwh(j, h);
    int count = 0;
    for (int s : slots) {
      work++;
      while (!st.fits(j, h, s)
          || forSupply && AccountingKernel.renewableUsedKwh(e, st.renewableHeadroomKwh(h, s))
              < AccountingKernel.renewableUsedKwh(e, st.renewableKwh[h][s]) * (1 - 1e-12)) {
        int victim = victim(h, s);
        if (victim < 0) {
          break; // nothing left to move: the hub-slot's supply is short of the job on its own
        }
        if (count == MAX_EJECTED) {
          restore(count, 0, -1, j, oldHub, oldSlots);
          return 0;
        }
        ejected[count] = victim;
        ejectedHub[count] = st.hubOf[victim];
        ejectedSlots[count] = st.slotsOf[victim];
        delta -= removeCost(victim);
        count++;
      }
    }
    if (!search.find(j)) {
      restore(count, 0, -1, j, oldHub, oldSlots); // unreachable: its old position is free
      return 0;
    }
    delta += placeCost(j, search.hub, search.slots, search.count);
    for (int k = 0; k < count; k++) {
      int victim = ejected[k];
      if (!st.shareAllows(victim) || !search.find(victim)) {
        restore(count, k, j, j, oldHub, oldSlots);
        return 0;
      }
      delta += placeCost(victim, search.hub, search.slots, search.count);
    }
    double scale = Math.abs(delta) + removeCostEstimate(j);
    if (delta < -Math.max(1e-6, MIN_GAIN * scale)) {
      return delta;
    }
    restore(count, count, j, j, oldHub, oldSlots);
    return 0;
  }

  /**
   * Whether placed jobs {@code a} and {@code b} may gain from trading places: each may run in the
   * other's hub, and their windows overlap the other's slots.
   */
  private boolean related(int a, int b) {
    int ha = st.hubOf[a];
    int hb = st.hubOf[b];
    if (ha == hb && st.interruptible[a] == st.interruptible[b] && st.duration[a] == st.duration[b]
        && st.units[a] == st.units[b]) {
      return false; // alike in the same hub: trading places changes nothing the search would not find
    }
    int[] sa = st.slotsOf[a];
    int[] sb = st.slotsOf[b];
    return allows(a, hb) && allows(b, ha) && st.release[a] <= sb[sb.length - 1] && sb[0] < st.deadline[a]
        && st.release[b] <= sa[sa.length - 1] && sa[0] < st.deadline[b];
  }

  private boolean allows(int j, int h) {
    return Arrays.binarySearch(st.allowed[j], h) >= 0;
  }

  /**
   * Takes placed jobs {@code a} and {@code b} out and puts them back at their cheapest, {@code a}
   * first, else {@code b} first; keeps the first that emits less. Returns the emissions saved, grams.
   */
  private double exchange(int a, int b) {
    int hubA = st.hubOf[a];
    int[] slotsA = st.slotsOf[a];
    int hubB = st.hubOf[b];
    int[] slotsB = st.slotsOf[b];
    double out = removeCost(a) + removeCost(b);
    for (int first = 0; first < 2; first++) {
      int x = first == 0 ? a : b;
      int y = first == 0 ? b : a;
      double in = 0;
      boolean xIn = false;
      boolean yIn = false;
      if (search.find(x)) {
        in += placeCost(x, search.hub, search.slots, search.count);
        xIn = true;
        if (search.find(y)) {
          in += placeCost(y, search.hub, search.slots, search.count);
          yIn = true;
        }
      }
      if (xIn && yIn && in - out < -Math.max(1e-6, MIN_GAIN * (out + in))) {
        moves++;
        return out - in;
      }
      if (yIn) {
        st.remove(y);
      }
      if (xIn) {
        st.remove(x);
      }
    }
    st.place(b, hubB, slotsB, slotsB.length);
    st.place(a, hubA, slotsA, slotsA.length);
    return 0;
  }

  /** A scale for the tolerance: the job's IT energy (PUE 1) at a gram per kWh. */
  private double removeCostEstimate(int j) {
    return AccountingKernel.facilityKwh(1.0, st.powerKw[j], st.slotHours) * st.duration[j];
  }

  /**
   * Puts the plan back: takes out the first {@code reinserted} ejected jobs and {@code placedJob}
   * (when not -1), puts every ejected job back, then {@code j} at its old position.
   */
  private void restore(int count, int reinserted, int placedJob, int j, int oldHub, int[] oldSlots) {
    for (int k = 0; k < reinserted; k++) {
      st.remove(ejected[k]);
    }
    if (placedJob >= 0) {
      st.remove(placedJob);
    }
    for (int k = count - 1; k >= 0; k--) {
      st.place(ejected[k], ejectedHub[k], ejectedSlots[k], ejectedSlots[k].length);
    }
    st.place(j, oldHub, oldSlots, oldSlots.length);
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

  /**
   * The least emissions of placed job {@code j} in an empty hub, over its allowed hubs; per hub in
   * {@code hubIdeal} with the slots in {@code hubSlots} (infinite when it fits nowhere there).
   */
  double ideal(int j) {
    int from = st.release[j];
    int to = st.deadline[j];
    int d = st.duration[j];
    double best = Double.POSITIVE_INFINITY;
    for (int h : st.allowed[j]) {
      work += to - from;
      hubIdeal[h] = Double.POSITIVE_INFINITY;
      double e = st.energyKwh(j, h);
      double move = st.origin[j] >= 0 && st.origin[j] != h ? st.transferKwh[j] : 0;
      int ok = 0;
      for (int s = from; s < to; s++) {
        boolean alone = st.units[j] <= st.capacityUnits[h][s]
            && st.pue[h] * st.powerKw[j] <= st.powerCapKw[h][s] + PlanState.POWER_EPS;
        slotCost[s] = alone
            ? AccountingKernel.emissionsGrams(AccountingKernel.gridKwh(e, st.renewableKwh[h][s]), st.grams[h][s])
            : Double.POSITIVE_INFINITY;
        if (alone) {
          byCost[ok++] = s;
        }
      }
      if (ok < d) {
        continue;
      }
      if (st.interruptible[j]) {
        for (int i = 0; i < ok; i++) {
          boxed[i] = byCost[i];
        }
        Arrays.sort(boxed, 0, ok, (a, b) -> slotCost[a] != slotCost[b] ? Double.compare(slotCost[a], slotCost[b])
            : Integer.compare(a, b));
        int[] chosen = new int[d];
        double sum = 0;
        for (int i = 0; i < d; i++) {
          chosen[i] = boxed[i];
          sum += slotCost[chosen[i]];
        }
        Arrays.sort(chosen);
        hubIdeal[h] = sum + AccountingKernel.emissionsGrams(move, st.grams[h][chosen[0]]);
        hubSlots[h] = chosen;
      } else {
        double sum = 0;
        int run = 0;
        double bestRun = Double.POSITIVE_INFINITY;
        int bestStart = -1;
        for (int s = from; s < to; s++) {
          if (slotCost[s] == Double.POSITIVE_INFINITY) {
            run = 0;
            sum = 0;
            continue;
          }
          run++;
          sum += slotCost[s];
          if (run > d) {
            sum -= slotCost[s - d];
          }
          if (run >= d) {
            double c = sum + AccountingKernel.emissionsGrams(move, st.grams[h][s - d + 1]);
            if (c < bestRun) {
              bestRun = c;
              bestStart = s - d + 1;
            }
          }
        }
        if (bestStart < 0) {
          continue;
        }
        hubIdeal[h] = bestRun;
        int[] chosen = new int[d];
        for (int i = 0; i < d; i++) {
          chosen[i] = bestStart + i;
        }
        hubSlots[h] = chosen;
      }
      best = Math.min(best, hubIdeal[h]);
    }
    return best;
  }

  /** What placed job {@code j} emits where it is: the plan's emissions with it minus without it, grams. */
  double currentCost(int j) {
    int h = st.hubOf[j];
    double e = st.energyKwh(j, h);
    double c = 0;
    for (int s : st.slotsOf[j]) {
      double total = AccountingKernel.facilityKwh(st.pue[h], st.itKw[h][s], st.slotHours);
      double without = Math.max(0, total - e);
      c += AccountingKernel.emissionsGrams(AccountingKernel.gridKwh(total, st.renewableKwh[h][s]), st.grams[h][s])
          - AccountingKernel.emissionsGrams(AccountingKernel.gridKwh(without, st.renewableKwh[h][s]), st.grams[h][s]);
    }
    return c + transfer(j, h, st.slotsOf[j][0]);
  }

  private double transfer(int j, int h, int first) {
    return st.origin[j] >= 0 && st.origin[j] != h ? AccountingKernel.emissionsGrams(st.transferKwh[j], st.grams[h][first]) : 0;
  }

  /** Emissions of hub {@code h}'s slot {@code s} with the load placed, grams (the Evaluator's expression). */
  private double slotGrams(int h, int s) {
    double energy = AccountingKernel.facilityKwh(st.pue[h], st.itKw[h][s], st.slotHours);
    if (energy <= 0) {
      return 0;
    }
    return AccountingKernel.emissionsGrams(AccountingKernel.gridKwh(energy, st.renewableKwh[h][s]), st.grams[h][s]);
  }

  /** Takes placed job {@code j} out; returns the emissions that saved, grams. */
  private double removeCost(int j) {
    int h = st.hubOf[j];
    int[] slots = st.slotsOf[j];
    double before = transfer(j, h, slots[0]);
    for (int s : slots) {
      before += slotGrams(h, s);
    }
    st.remove(j);
    double after = 0;
    for (int s : slots) {
      after += slotGrams(h, s);
    }
    return before - after;
  }

  /** Places job {@code j} in hub {@code h}, the first {@code count} of {@code slots}; returns the emissions added, grams. */
  private double placeCost(int j, int h, int[] slots, int count) {
    double before = 0;
    for (int i = 0; i < count; i++) {
      before += slotGrams(h, slots[i]);
    }
    st.place(j, h, slots, count);
    double after = transfer(j, h, slots[0]);
    for (int i = 0; i < count; i++) {
      after += slotGrams(h, slots[i]);
    }
    return after - before;
  }

  private static boolean containsAll(int[] have, int[] want) {
    if (have.length != want.length) {
      return false;
    }
    for (int i = 0; i < have.length; i++) {
      if (have[i] != want[i]) {
        return false;
      }
    }
    return true;
  }

  /** Sorts {@code order[0 .. n-1]} by {@code gain} descending, then job index (insertion into a stable merge sort). */
  private static void sortByGain(int[] order, int n, double[] gain) {
    Integer[] box = new Integer[n];
    for (int i = 0; i < n; i++) {
      box[i] = order[i];
    }
    Arrays.sort(box, (a, b) -> gain[a] != gain[b] ? Double.compare(gain[b], gain[a]) : Integer.compare(a, b));
    for (int i = 0; i < n; i++) {
      order[i] = box[i];
    }
  }
}
