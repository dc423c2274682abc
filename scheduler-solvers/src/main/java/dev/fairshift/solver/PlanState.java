package dev.fairshift.solver;

import dev.fairshift.core.AccountingKernel;
import dev.fairshift.core.Assignment;
import dev.fairshift.core.FairnessWindow;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.Unscheduled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A problem flattened into primitive arrays, plus the load the jobs placed so far put on every hub
 * and slot, and on every tenant's share in each of its fairness windows. Both schedulers build one
 * per run.
 *
 * <p>Intensities are the planning series ({@code ZoneIntensity.planningGramsPerKwh()}): the forecast
 * when a zone has one, so {@code gramsPerKwh} is never read when a forecast exists.
 *
 * <p>Not thread-safe: one instance belongs to one scheduling run.
 */
final class PlanState {
  /**
   * Tolerance of the power-cap check, in kW: a little tighter than the Evaluator's 1e-9 so that sums
   * taken in another order can never tip a placement over the Evaluator's line.
   */
  static final double POWER_EPS = 9e-10;
  /** Tolerance of the maxShare and quota checks, in unit-slots: the Evaluator's. */
  static final double SHARE_EPS = 1e-9;

  final Problem problem;
  final int hubCount;
  final int slotCount;
  final int jobCount;
  final double slotHours;

  // Hubs, per hub then slot.
  final double[] pue;
  final int[][] capacityUnits;
  /** Facility power cap in kW, positive infinity when uncapped. */
  final double[][] powerCapKw;
  /** On-site renewable energy available, kWh per slot. */
  final double[][] renewableKwh;
  final boolean[] hasRenewables;
  /** Whether the hub has a power cap (else every powerFits is true and {@link #fits} skips it). */
  final boolean[] powerCapped;
  /** Planning intensity of the hub's zone, g/kWh. */
  final double[][] grams;
  final double[][] pricePerKwh;
  /** gramsPrefix[h][s] = sum of grams[h][0 .. s-1]; length slots + 1. */
  final double[][] gramsPrefix;
  /** pricePrefix[h][s] = sum of pricePerKwh[h][0 .. s-1]; length slots + 1. */
  final double[][] pricePrefix;

  // Jobs, in problem order.
  final int[] release;
  final int[] deadline;
  final int[] duration;
  final int[] units;
  final double[] powerKw;
  final boolean[] interruptible;
  final int[] tenantOf;
  final int[] priority;
  /** Origin hub index, or -1 without an origin. */
  final int[] origin;
  /** Energy to move the job's data away from its origin: dataGb x transferKwhPerGb, kWh. */
  final double[] transferKwh;
  /** Allowed hub indices, ascending (every hub when the job lists none). */
  final int[][] allowed;

  // Tenants, in problem order, and their fairness windows (one, the horizon, without a
  // fairnessWindowSlots): window k of tenant t covers slots [k x windowSlots[t], (k+1) x windowSlots[t]).
  /** Length of each tenant's windows in slots (the last one may be shorter). */
  final int[] windowSlots;
  /** How many windows each tenant has. */
  final int[] windowCount;
  /** Per tenant and window: maxShare x the window's capacity, unit-slots. */
  final double[][] windowMaxUnitSlots;
  /**
   * Per tenant and window: min(unit-slots of its jobs released in the window, guaranteedShare x the
   * window's capacity); 0 without a guarantee.
   */
  final double[][] windowGuaranteedUnitSlots;
  /** Per job: the window of its tenant its release slot lies in. */
  final int[] releaseWindow;

  // The load placed so far.
  final int[][] usedUnits;
  final double[][] itKw;
  final long[] tenantUnitSlots;
  /** Per tenant and window: unit-slots its placed jobs run in the window's slots (the cap). */
  final long[][] windowRunningUnitSlots;
  /** Per tenant and window: unit-slots of its placed jobs released in the window (the guarantee). */
  final long[][] windowScheduledUnitSlots;
  /** Hub of each job, -1 while unplaced. */
  final int[] hubOf;
  /** Slots of each job, ascending; null while unplaced. */
  final int[][] slotsOf;
  /**
   * Leaves per hub in {@link #freeTree}: the smallest power of two at least the slot count.
   */
  final int treeLeaves;
  /**
   * Per hub, a max segment tree over its slots of the free units (capacity - used): node 1 is the
   * root, slot s is leaf {@code treeLeaves + s}, padding leaves hold {@link Integer#MIN_VALUE}. Kept by
   * {@link #place} and {@link #remove}; {@link #maxFreeUnits} answers in O(log slots) whether a job's
   * units fit anywhere in a window, so searches skip full hubs without scanning them.
   */
  final int[][] freeTree;

  PlanState(Problem problem) {
    this.problem = problem;
    this.hubCount = problem.hubs().size();
    this.slotCount = problem.horizon().slots();
    this.jobCount = problem.jobs().size();
    this.slotHours = problem.horizon().slotHours();

    pue = new double[hubCount];
    capacityUnits = new int[hubCount][slotCount];
    powerCapKw = new double[hubCount][];
    renewableKwh = new double[hubCount][];
    hasRenewables = new boolean[hubCount];
    powerCapped = new boolean[hubCount];
    grams = new double[hubCount][];
    pricePerKwh = new double[hubCount][];
    gramsPrefix = new double[hubCount][slotCount + 1];
    pricePrefix = new double[hubCount][slotCount + 1];
    for (int h = 0; h < hubCount; h++) {
      Hub hub = problem.hubs().get(h);
      pue[h] = hub.pue();
      for (int s = 0; s < slotCount; s++) {
        capacityUnits[h][s] = hub.capacityUnitsAt(s);
      }
      if (hub.powerCapKw().isPresent()) {
        powerCapped[h] = true;
        powerCapKw[h] = hub.powerCapKw().get().toArray(slotCount);
      } else {
        powerCapKw[h] = new double[slotCount];
        Arrays.fill(powerCapKw[h], Double.POSITIVE_INFINITY);
      }
      renewableKwh[h] = hub.renewableKw().toArray(slotCount);
      for (int s = 0; s < slotCount; s++) {
        renewableKwh[h][s] = AccountingKernel.renewableSupplyKwh(renewableKwh[h][s], slotHours);
        hasRenewables[h] |= renewableKwh[h][s] > 0;
      }
      SlotSeries planning = problem.zoneOf(hub).planningGramsPerKwh();
      grams[h] = planning.toArray(slotCount);
      pricePerKwh[h] = hub.pricePerKwh().toArray(slotCount);
      for (int s = 0; s < slotCount; s++) {
        gramsPrefix[h][s + 1] = gramsPrefix[h][s] + grams[h][s];
        pricePrefix[h][s + 1] = pricePrefix[h][s] + pricePerKwh[h][s];
      }
    }

    release = new int[jobCount];
    deadline = new int[jobCount];
    duration = new int[jobCount];
    units = new int[jobCount];
    powerKw = new double[jobCount];
    interruptible = new boolean[jobCount];
    tenantOf = new int[jobCount];
    priority = new int[jobCount];
    origin = new int[jobCount];
    transferKwh = new double[jobCount];
    allowed = new int[jobCount][];
    int tenantCount = problem.tenants().size();
    windowSlots = new int[tenantCount];
    windowCount = new int[tenantCount];
    long[][] demand = new long[tenantCount][];
    for (int i = 0; i < tenantCount; i++) {
      List<FairnessWindow> windows = problem.fairnessWindows(i);
      windowSlots[i] = windows.get(0).slots();
      windowCount[i] = windows.size();
      demand[i] = new long[windows.size()];
    }
    releaseWindow = new int[jobCount];
    Map<List<String>, int[]> allowedCache = new HashMap<>();
    int[] everyHub = new int[hubCount];
    Arrays.setAll(everyHub, h -> h);
    for (int j = 0; j < jobCount; j++) {
      Job job = problem.jobs().get(j);
      release[j] = problem.releaseSlot(j);
      deadline[j] = problem.deadlineSlot(j);
      duration[j] = job.durationSlots();
      units[j] = job.units();
      powerKw[j] = job.powerKw();
      interruptible[j] = job.interruptible();
      tenantOf[j] = problem.tenantIndex(job.tenant());
      priority[j] = job.priority();
      origin[j] = job.originHub().map(problem::hubIndex).orElse(-1);
      transferKwh[j] = AccountingKernel.transferKwh(job.dataGb(), problem.transferKwhPerGb());
      if (job.allowedHubs().isEmpty()) {
        allowed[j] = everyHub;
      } else {
        // Jobs with the same residency list share one array (a million jobs have few distinct lists).
        allowed[j] = allowedCache.computeIfAbsent(job.allowedHubs(),
            hubs -> hubs.stream().mapToInt(problem::hubIndex).distinct().sorted().toArray());
      }
      releaseWindow[j] = windowOf(tenantOf[j], release[j]);
      demand[tenantOf[j]][releaseWindow[j]] += job.unitSlots();
    }

    // The Evaluator's expressions, so that the doubles compare alike.
    windowMaxUnitSlots = new double[tenantCount][];
    windowGuaranteedUnitSlots = new double[tenantCount][];
    windowRunningUnitSlots = new long[tenantCount][];
    windowScheduledUnitSlots = new long[tenantCount][];
    for (int i = 0; i < tenantCount; i++) {
      Tenant tenant = problem.tenants().get(i);
      List<FairnessWindow> windows = problem.fairnessWindows(i);
      windowMaxUnitSlots[i] = new double[windows.size()];
      windowGuaranteedUnitSlots[i] = new double[windows.size()];
      for (FairnessWindow w : windows) {
        windowMaxUnitSlots[i][w.index()] = tenant.maxShare() * w.capacityUnitSlots();
        windowGuaranteedUnitSlots[i][w.index()] =
            Math.min(demand[i][w.index()], tenant.guaranteedShare() * w.capacityUnitSlots());
      }
      windowRunningUnitSlots[i] = new long[windows.size()];
      windowScheduledUnitSlots[i] = new long[windows.size()];
    }

    usedUnits = new int[hubCount][slotCount];
    itKw = new double[hubCount][slotCount];
    tenantUnitSlots = new long[tenantCount];
    hubOf = new int[jobCount];
    Arrays.fill(hubOf, -1);
    slotsOf = new int[jobCount][];
    treeLeaves = Integer.highestOneBit(Math.max(1, slotCount - 1)) << 1;
    freeTree = new int[hubCount][2 * treeLeaves];
    for (int h = 0; h < hubCount; h++) {
      int[] tree = freeTree[h];
      Arrays.fill(tree, Integer.MIN_VALUE);
      System.arraycopy(capacityUnits[h], 0, tree, treeLeaves, slotCount);
      for (int i = treeLeaves - 1; i >= 1; i--) {
        tree[i] = Math.max(tree[2 * i], tree[2 * i + 1]);
      }
    }
  }

  // Which jobs run in each hub-slot, kept only while indexJobs() is on (the ejection repair asks):
  // one node per slot a job can hold, node nodeBase[j] + i for the i-th slot of job j, in a doubly
  // linked list per hub-slot. O(1) per slot to place or remove; null while off.
  private int[] nodeBase;
  private int[] nodeJob;
  private int[] nodeNext;
  private int[] nodePrev;
  private int[] listHead;

  /** Starts keeping, per hub-slot, the jobs that run there ({@link #firstNode}); O(jobs + slots placed). */
  void indexJobs() {
    nodeBase = new int[jobCount + 1];
    for (int j = 0; j < jobCount; j++) {
      nodeBase[j + 1] = Math.addExact(nodeBase[j], duration[j]);
    }
    int nodes = nodeBase[jobCount];
    nodeJob = new int[nodes];
    for (int j = 0; j < jobCount; j++) {
      Arrays.fill(nodeJob, nodeBase[j], nodeBase[j + 1], j);
    }
    nodeNext = new int[nodes];
    nodePrev = new int[nodes];
    listHead = new int[hubCount * slotCount];
    Arrays.fill(listHead, -1);
    for (int j = 0; j < jobCount; j++) {
      if (placed(j)) {
        link(j);
      }
    }
  }

  /** Stops keeping the index of {@link #indexJobs} and frees it. */
  void dropJobIndex() {
    nodeBase = null;
    nodeJob = null;
    nodeNext = null;
    nodePrev = null;
    listHead = null;
  }

  /** The first node of the jobs running in hub {@code h}, slot {@code s} (-1: none); needs {@link #indexJobs}. */
  int firstNode(int h, int s) {
    return listHead[h * slotCount + s];
  }

  /** The node after {@code node} in its hub-slot's list, -1 at the end. */
  int nextNode(int node) {
    return nodeNext[node];
  }

  /** The job of {@code node}. */
  int jobOfNode(int node) {
    return nodeJob[node];
  }

  private void link(int j) {
    int base = nodeBase[j];
    int[] slots = slotsOf[j];
    for (int i = 0; i < slots.length; i++) {
      int node = base + i;
      int list = hubOf[j] * slotCount + slots[i];
      int head = listHead[list];
      nodePrev[node] = -1;
      nodeNext[node] = head;
      if (head >= 0) {
        nodePrev[head] = node;
      }
      listHead[list] = node;
    }
  }

  private void unlink(int j) {
    int base = nodeBase[j];
    int[] slots = slotsOf[j];
    for (int i = 0; i < slots.length; i++) {
      int node = base + i;
      int prev = nodePrev[node];
      int next = nodeNext[node];
      if (prev >= 0) {
        nodeNext[prev] = next;
      } else {
        listHead[hubOf[j] * slotCount + slots[i]] = next;
      }
      if (next >= 0) {
        nodePrev[next] = prev;
      }
    }
  }

  /** The most free units (capacity - used) of hub {@code h} in any slot of [from, to); MIN_VALUE when empty. */
  int maxFreeUnits(int h, int from, int to) {
    int[] tree = freeTree[h];
    int best = Integer.MIN_VALUE;
    int lo = from + treeLeaves;
    int hi = to + treeLeaves;
    while (lo < hi) {
      if ((lo & 1) == 1) {
        best = Math.max(best, tree[lo++]);
      }
      if ((hi & 1) == 1) {
        best = Math.max(best, tree[--hi]);
      }
      lo >>= 1;
      hi >>= 1;
    }
    return best;
  }

  /** Whether job {@code j}'s units fit hub {@code h} in at least one slot of [from, to): O(log slots). */
  boolean unitsFitSomewhere(int j, int h, int from, int to) {
    return maxFreeUnits(h, from, to) >= units[j];
  }

  /** Sets slot {@code s}'s leaf of hub {@code h}'s free-units tree from usedUnits and updates its ancestors. */
  private void updateFree(int h, int s) {
    int[] tree = freeTree[h];
    int i = treeLeaves + s;
    tree[i] = capacityUnits[h][s] - usedUnits[h][s];
    for (i >>= 1; i >= 1; i >>= 1) {
      int m = Math.max(tree[2 * i], tree[2 * i + 1]);
      if (tree[i] == m) {
        break; // the ancestors already hold this maximum
      }
      tree[i] = m;
    }
  }

  /** Facility energy job {@code j} adds to a slot of hub {@code h}: pue x powerKw x slot hours, kWh. */
  double energyKwh(int j, int h) {
    return AccountingKernel.facilityKwh(pue[h], powerKw[j], slotHours);
  }

  /** Whether job {@code j} fits hub {@code h} in slot {@code s} given the load placed: units and power cap. */
  boolean fits(int j, int h, int s) {
    return unitsFit(j, h, s) && (!powerCapped[h] || powerFits(j, h, s));
  }

  boolean unitsFit(int j, int h, int s) {
    return usedUnits[h][s] + units[j] <= capacityUnits[h][s];
  }

  boolean powerFits(int j, int h, int s) {
    return pue[h] * (itKw[h][s] + powerKw[j]) <= powerCapKw[h][s] + POWER_EPS;
  }

  /**
   * The grams hub {@code h} emits in slot {@code s} at an IT load of {@code itKw}: facility energy,
   * on-site renewables first, the rest from the grid at the slot's intensity (the Evaluator's
   * arithmetic). Convex in the load.
   */
  double hubSlotGrams(int h, int s, double itKw) {
    double energy = AccountingKernel.facilityKwh(pue[h], itKw, slotHours);
    if (energy <= 0) {
      return 0;
    }
    return AccountingKernel.emissionsGrams(AccountingKernel.gridKwh(energy, renewableKwh[h][s]), grams[h][s]);
  }

  /**
   * The end of a move of jobs {@code jobs[0 .. n)}: when {@code ok} and the plan now emits less than
   * {@code beforeGrams} ({@link #plannedGrams}), returns the grams saved; otherwise puts each of them back
   * at its old hub and slots (that plan was feasible) and returns 0.
   */
  double keepIfLess(boolean ok, double beforeGrams, int[] jobs, int n, int[] oldHub, int[][] oldSlots) {
    if (ok) {
      double after = plannedGrams();
      if (after < beforeGrams - 1e-9 * Math.max(1, beforeGrams)) {
        return beforeGrams - after;
      }
    }
    for (int i = 0; i < n; i++) {
      if (placed(jobs[i])) {
        remove(jobs[i]);
      }
    }
    for (int i = 0; i < n; i++) {
      place(jobs[i], oldHub[i], oldSlots[i], oldSlots[i].length);
    }
    return 0;
  }

  /** Whether hub {@code h}'s grid energy is capped: on-site supply in some slot, or a power cap. */
  boolean clean(int h) {
    if (powerCapped[h]) {
      return true;
    }
    for (double r : renewableKwh[h]) {
      if (r > 0) {
        return true;
      }
    }
    return false;
  }

  /** What placed job {@code j} emits where it is: the plan with it minus without it, grams, with its transfer. */
  double placedGrams(int j) {
    int g = hubOf[j];
    double c = 0;
    for (int s : slotsOf[j]) {
      c += hubSlotGrams(g, s, itKw[g][s]) - hubSlotGrams(g, s, Math.max(0, itKw[g][s] - powerKw[j]));
    }
    return c + transferGrams(j, g, slotsOf[j][0]);
  }

  /** The grams of job {@code j}'s data transfer when it runs at hub {@code h} from slot {@code first} (0 at its origin). */
  double transferGrams(int j, int h, int first) {
    return origin[j] >= 0 && origin[j] != h ? AccountingKernel.emissionsGrams(transferKwh[j], grams[h][first]) : 0;
  }

  /**
   * The placed jobs that run in some slot, by first slot then index: {@code result[0]} lists them, and
   * those starting in slots [a, b) are {@code result[0][result[1][a] .. result[1][b])}.
   */
  int[][] placedByFirstSlot() {
    int placed = 0;
    for (int j = 0; j < jobCount; j++) {
      if (placed(j) && slotsOf[j].length > 0) {
        placed++;
      }
    }
    Integer[] order = new Integer[placed];
    placed = 0;
    for (int j = 0; j < jobCount; j++) {
      if (placed(j) && slotsOf[j].length > 0) {
        order[placed++] = j;
      }
    }
    Arrays.sort(order, (x, y) -> slotsOf[x][0] != slotsOf[y][0]
        ? Integer.compare(slotsOf[x][0], slotsOf[y][0]) : Integer.compare(x, y));
    int[] byStart = new int[placed];
    int[] firstAt = new int[slotCount + 1];
    int k = 0;
    for (int s = 0; s <= slotCount; s++) {
      while (k < placed && slotsOf[order[k]][0] < s) {
        byStart[k] = order[k];
        k++;
      }
      firstAt[s] = k;
    }
    return new int[][] {byStart, firstAt};
  }

  /** Renewable energy still unused in hub {@code h}, slot {@code s}, kWh (0 when grid power is already drawn). */
  double renewableHeadroomKwh(int h, int s) {
    return Math.max(0, renewableKwh[h][s] - AccountingKernel.facilityKwh(pue[h], itKw[h][s], slotHours));
  }

  /** The window of tenant {@code t} that holds slot {@code s}. */
  int windowOf(int t, int s) {
    return Math.min(windowCount[t] - 1, s / windowSlots[t]);
  }

  /** Whether tenant {@code t} has more than one fairness window, so its cap depends on where a job runs. */
  boolean windowed(int t) {
    return windowCount[t] > 1;
  }

  /**
   * How many slots job {@code j} may still run in window {@code k} of its tenant without taking the
   * tenant over its maxShare there: the largest n with running + units x n within the cap (the
   * Evaluator's comparison), at most the horizon's slot count.
   */
  int slotsAllowed(int j, int k) {
    int t = tenantOf[j];
    double max = windowMaxUnitSlots[t][k] + SHARE_EPS;
    long running = windowRunningUnitSlots[t][k];
    long n = (long) Math.floor(Math.max(0, max - running) / units[j]);
    // The division may round either way: settle n on the capAllowsRun inequality itself.
    while (n > 0 && running + units[j] * n > max) {
      n--;
    }
    while (running + units[j] * (n + 1) <= max && n < slotCount) {
      n++;
    }
    return (int) Math.min(n, slotCount);
  }

  /**
   * A quick test of the maxShare rule before searching placements. With one window (the horizon):
   * exactly whether placing job {@code j} keeps its tenant within its maxShare, wherever it runs.
   * With fairness windows: whether the windows its own window [release, deadline) overlaps have room
   * for {@code durationSlots} of its slots in all (a necessary condition; each placement must then
   * pass {@link #capAllowsRun} or {@link #capAllows}).
   */
  boolean shareAllows(int j) {
    int t = tenantOf[j];
    if (!windowed(t)) {
      long after = windowRunningUnitSlots[t][0] + (long) units[j] * duration[j];
      return !(after > windowMaxUnitSlots[t][0] + SHARE_EPS);
    }
    long room = 0;
    int w = windowSlots[t];
    for (int k = windowOf(t, release[j]); k <= windowOf(t, deadline[j] - 1); k++) {
      int overlap = Math.min(deadline[j], (k + 1) * w) - Math.max(release[j], k * w);
      room += Math.min(overlap, slotsAllowed(j, k));
      if (room >= duration[j]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the maxShare rule can reject some placement of job {@code j} that {@link #shareAllows}
   * let through: its tenant has fairness windows and one of those its window [release, deadline)
   * overlaps has room for fewer of its slots than the job could put there. When false every placement
   * keeps the cap and {@link #capAllowsRun}/{@link #capAllows} need not be asked.
   */
  boolean capBinds(int j) {
    int t = tenantOf[j];
    if (!windowed(t)) {
      return false;
    }
    int w = windowSlots[t];
    for (int k = windowOf(t, release[j]); k <= windowOf(t, deadline[j] - 1); k++) {
      int overlap = Math.min(deadline[j], (k + 1) * w) - Math.max(release[j], k * w);
      if (slotsAllowed(j, k) < Math.min(duration[j], overlap)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether job {@code j} running in the consecutive slots [start, start + durationSlots) keeps its
   * tenant within its maxShare in every window.
   */
  boolean capAllowsRun(int j, int start) {
    int t = tenantOf[j];
    int end = start + duration[j];
    int w = windowSlots[t];
    for (int k = windowOf(t, start); k <= windowOf(t, end - 1); k++) {
      int overlap = Math.min(end, (k + 1) * w) - Math.max(start, k * w);
      if (windowRunningUnitSlots[t][k] + (long) units[j] * overlap > windowMaxUnitSlots[t][k] + SHARE_EPS) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether job {@code j} running in the first {@code count} of {@code slots} (ascending) keeps its
   * tenant within its maxShare in every window.
   */
  boolean capAllows(int j, int[] slots, int count) {
    int t = tenantOf[j];
    int i = 0;
    while (i < count) {
      int k = windowOf(t, slots[i]);
      int inWindow = 0;
      while (i < count && windowOf(t, slots[i]) == k) {
        inWindow++;
        i++;
      }
      if (windowRunningUnitSlots[t][k] + (long) units[j] * inWindow > windowMaxUnitSlots[t][k] + SHARE_EPS) {
        return false;
      }
    }
    return true;
  }

  /** Whether job {@code j}'s tenant has a guarantee in the window {@code j} is released in. */
  boolean guaranteed(int j) {
    return windowGuaranteedUnitSlots[tenantOf[j]][releaseWindow[j]] > 0;
  }

  /**
   * Whether the guarantee of the window job {@code j} is released in is met: its tenant's placed jobs
   * released there hold at least the window's guaranteed unit-slots (the Evaluator's quota rule).
   */
  boolean quotaMet(int j) {
    int t = tenantOf[j];
    int k = releaseWindow[j];
    return windowScheduledUnitSlots[t][k] + SHARE_EPS >= windowGuaranteedUnitSlots[t][k];
  }

  boolean placed(int j) {
    return hubOf[j] >= 0;
  }

  /** Places job {@code j} in hub {@code h} in the first {@code count} slots of {@code slots} (ascending). */
  void place(int j, int h, int[] slots, int count) {
    int[] own = Arrays.copyOf(slots, count);
    for (int s : own) {
      usedUnits[h][s] += units[j];
      itKw[h][s] += powerKw[j];
      updateFree(h, s);
    }
    hubOf[j] = h;
    slotsOf[j] = own;
    account(j, own, 1);
    if (listHead != null) {
      if (count > duration[j]) {
        throw new IllegalStateException("job " + j + " placed in " + count + " slots, more than its " + duration[j]);
      }
      link(j);
    }
  }

  /** Adds ({@code sign} 1) or takes away (-1) job {@code j}'s unit-slots in {@code slots} from its tenant's totals. */
  private void account(int j, int[] slots, int sign) {
    int t = tenantOf[j];
    long unitSlots = (long) units[j] * slots.length;
    tenantUnitSlots[t] += sign * unitSlots;
    windowScheduledUnitSlots[t][releaseWindow[j]] += sign * unitSlots;
    long[] running = windowRunningUnitSlots[t];
    for (int s : slots) {
      running[windowOf(t, s)] += sign * units[j];
    }
  }

  /** Places job {@code j} in hub {@code h} in {@code duration} consecutive slots from {@code start}. */
  void placeContiguous(int j, int h, int start) {
    int[] slots = new int[duration[j]];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = start + i;
    }
    place(j, h, slots, slots.length);
  }

  /** Takes job {@code j} out of the plan. */
  void remove(int j) {
    if (listHead != null) {
      unlink(j);
    }
    int h = hubOf[j];
    for (int s : slotsOf[j]) {
      usedUnits[h][s] -= units[j];
      itKw[h][s] -= powerKw[j];
      if (usedUnits[h][s] == 0) {
        itKw[h][s] = 0; // no drift once a hub-slot is empty again
      }
      updateFree(h, s);
    }
    account(j, slotsOf[j], -1);
    hubOf[j] = -1;
    slotsOf[j] = null;
  }

  /**
   * Per tenant then fairness window, whether the plan meets the window's guarantee: the Evaluator's
   * {@code TenantWindowResult.quotaMet()}, in the same order as its tenants' windows.
   */
  boolean[] quotasMet() {
    int n = 0;
    for (long[] w : windowScheduledUnitSlots) {
      n += w.length;
    }
    boolean[] out = new boolean[n];
    int i = 0;
    for (int t = 0; t < windowScheduledUnitSlots.length; t++) {
      for (int k = 0; k < windowScheduledUnitSlots[t].length; k++) {
        out[i++] = windowScheduledUnitSlots[t][k] + SHARE_EPS >= windowGuaranteedUnitSlots[t][k];
      }
    }
    return out;
  }

  /**
   * The plan's emissions on the planning intensities, grams: the Evaluator's arithmetic in its order
   * (IT power summed per hub-slot in job order, facility energy, on-site renewables first, grid energy
   * x intensity summed per hub then over hubs, then each moved job's transfer in job order), so it is
   * the number {@code Evaluator.evaluate} reports as planned emissions (emissions without a forecast).
   */
  double plannedGrams() {
    double[][] kw = new double[hubCount][slotCount];
    for (int j = 0; j < jobCount; j++) {
      if (hubOf[j] >= 0) {
        for (int s : slotsOf[j]) {
          kw[hubOf[j]][s] += powerKw[j];
        }
      }
    }
    double emissions = 0;
    for (int h = 0; h < hubCount; h++) {
      double hubEmissions = 0;
      for (int s = 0; s < slotCount; s++) {
        double energy = AccountingKernel.facilityKwh(pue[h], kw[h][s], slotHours);
        if (energy <= 0) {
          continue;
        }
        hubEmissions += AccountingKernel.emissionsGrams(AccountingKernel.gridKwh(energy, renewableKwh[h][s]),
            grams[h][s]);
      }
      emissions += hubEmissions;
    }
    for (int j = 0; j < jobCount; j++) {
      int h = hubOf[j];
      if (h >= 0 && origin[j] >= 0 && origin[j] != h && slotsOf[j].length > 0) {
        emissions += AccountingKernel.emissionsGrams(transferKwh[j], grams[h][slotsOf[j][0]]);
      }
    }
    return emissions;
  }

  private Instant[] slotStarts;

  /** The start of slot {@code s} (0 .. slots, the last being the horizon's end), computed once per slot. */
  Instant slotStart(int s) {
    if (slotStarts == null) {
      slotStarts = new Instant[slotCount + 1];
    }
    if (slotStarts[s] == null) {
      slotStarts[s] = problem.horizon().slotStart(s);
    }
    return slotStarts[s];
  }

  /** Whether every job is placed. */
  boolean allPlaced() {
    for (int j = 0; j < jobCount; j++) {
      if (!placed(j)) {
        return false;
      }
    }
    return true;
  }

  /** Sum of the priorities of the placed jobs. */
  long placedPriority() {
    long sum = 0;
    for (int j = 0; j < jobCount; j++) {
      if (placed(j)) {
        sum += priority[j];
      }
    }
    return sum;
  }

  /**
   * The plan as a schedule named {@code solver}: assignments and unscheduled jobs in problem order;
   * {@code reasons[j]} is the reason for each unplaced job.
   */
  Schedule toSchedule(String solver, String[] reasons) {
    List<Assignment> assignments = new ArrayList<>();
    List<Unscheduled> unscheduled = new ArrayList<>();
    for (int j = 0; j < jobCount; j++) {
      String id = problem.jobs().get(j).id();
      if (placed(j)) {
        Integer[] slots = new Integer[slotsOf[j].length];
        for (int i = 0; i < slots.length; i++) {
          slots[i] = slotsOf[j][i];
        }
        assignments.add(new Assignment(id, problem.hubs().get(hubOf[j]).id(), List.of(slots)));
      } else {
        unscheduled.add(new Unscheduled(id, reasons[j]));
      }
    }
    return new Schedule(solver, assignments, unscheduled);
  }
}
