package dev.fairshift.solver;

import dev.fairshift.core.AccountingKernel;
import java.util.Arrays;

/**
 * Finds, for one job, the feasible (hub, slots) with the least marginal emissions on the planning
 * intensities, given the load already placed in a {@link PlanState}.
 *
 * <p>Marginal emissions of a placement = the grid energy it adds x the zone's intensity, slot by
 * slot, where each hub-slot's unused on-site renewable energy absorbs the job's energy before the
 * grid (the Evaluator's accounting), plus, when the hub is not the job's origin, dataGb x
 * transferKwhPerGb x the intensity of the hub's zone in the first slot. Ties (equal within a relative
 * 1e-9) go to the lower money cost (added grid kWh x pricePerKwh), then the earlier start, then the
 * hub listed first.
 *
 * <p>Consecutive jobs: one linear scan per allowed hub over the job's window keeps the run length of
 * slots that fit (free units and power headroom), so every start whose run reaches the duration is
 * feasible without re-checking its window; its emissions come from the hub's prefix sums of
 * intensity, corrected by a prefix sum of the renewable savings built in the same scan (zero and
 * skipped for hubs without renewables). That is O(1) per candidate start.
 *
 * <p>Interruptible jobs: per allowed hub, the {@code durationSlots} cheapest feasible slots. Because
 * transfer emissions depend on the first slot, a right-to-left sweep tries every feasible first slot
 * f with the {@code durationSlots - 1} cheapest feasible slots after it, kept in a bounded max-heap:
 * O(window x log duration) per hub.
 *
 * <p>Fairness windows: a placement must keep the job's tenant within maxShare of every window's
 * capacity ({@link PlanState#capAllowsRun}). When that can bind ({@link PlanState#capBinds}),
 * consecutive starts that break it are skipped, and interruptible jobs take their cheapest slots
 * with at most {@link PlanState#slotsAllowed} of them in each window: a greedy pass over the feasible
 * slots sorted by cost, which is optimal for these per-window limits (a matroid); with transfer
 * emissions, one such pass per first slot f, O(window^2) per hub.
 *
 * <p>Hubs whose free units are below the job's in every slot of its window are skipped before any
 * scan ({@link PlanState#unitsFitSomewhere}, a segment tree): on a full or overloaded fleet most
 * searches end there.
 *
 * <p>Exact pruning: before scanning a hub, a lower bound on every candidate it could offer (see
 * {@link LowerEnvelope}: the least window sum of its zone's intensity over the job's possible starts,
 * or duration x the least intensity for an interruptible job, plus the transfer at the least
 * intensity; only the transfer for a hub with on-site renewables) is compared with the best placement
 * so far; a hub whose bound is worse by more than twice the tie tolerance cannot offer a placement
 * that {@link #offer} would take, so skipping it changes nothing: the result, and {@link #work}, are
 * those of the full scan (a property test runs both side by side). Hubs are still tried in their
 * order, so ties resolve as before.
 *
 * <p>Works on preallocated primitive buffers: nothing is allocated per candidate. Not thread-safe.
 */
final class CheapestPlacement {
  private static final double REL_TIE = 1e-9;
  /**
   * Relative slack taken off a hub's lower bound before pruning: an interruptible job's sum is kept
   * by adding and subtracting in a heap, so it may sit a few ulps below the bound's arithmetic.
   */
  private static final double BOUND_SLACK = 1e-7;

  private final PlanState st;
  private final double[] savedGrams;
  private final double[] savedMoney;
  private final double[] slotGrams;
  private final double[] slotMoney;
  private final boolean[] fits;
  private final int[] heap;
  private int heapSize;
  private double heapGrams;
  private double heapMoney;
  // The capped slot-set search: slots by cost, per-window limits and counts, the set picked.
  private final int[] order;
  private final int[] orderBuffer;
  private final int[] allowance;
  private final int[] taken;
  private final int[] picked;
  private int pickedCount;
  private double pickedGrams;
  private double pickedMoney;
  private final int[] bestSet;
  /** Whether the best placement so far is a capped slot set, kept in {@code bestSet}. */
  private boolean bestInSet;
  /** Whether the job being searched can break its tenant's maxShare in some fairness window. */
  private boolean capBinds;
  /** The job's tenant and the window its release lies in, while searching. */
  private int tenant;
  private int firstWindow;

  /**
   * Hub-slots scanned by the searches so far (hubs skipped as full in O(log slots) count nothing):
   * the measure of work that caps the improvement passes, deterministic for a given input.
   */
  long work;

  /** When {@code >= 0}, the search looks at this hub alone ({@link #findAt}). */
  private int onlyHub = -1;

  /** The hub of the placement found, -1 when none. */
  int hub;
  /** Its first slot. */
  int start;
  /** Its marginal emissions on the planning intensities, grams (with transfer). */
  double emissionsGrams;
  /** Its marginal money cost: added grid kWh x pricePerKwh. */
  double money;
  /** Its slots, ascending, in {@code slots[0 .. count-1]}. */
  final int[] slots;
  int count;

  /**
   * Whether the exact shortcuts are on: hubs that cannot beat the best so far are skipped, and whether
   * a window has the units free somewhere is read from its end slots before the tree is walked. Off
   * only to test that they change nothing.
   */
  private final boolean prune;
  /** Per hub, the lower envelope of its zone's intensity (shared by hubs with the same series). */
  private final LowerEnvelope[] envelope;
  /** Hubs skipped by the bound so far (a measure for tests and profiles). */
  long pruned;
  /** Searches so far: stamps the envelopes' minima, computed once per search and zone. */
  private long searches;

  CheapestPlacement(PlanState state) {
    this(state, true, LowerEnvelope.TABLE_BUDGET);
  }

  /** With the shortcuts on or off, and the envelopes' table budget in doubles (tests vary both). */
  CheapestPlacement(PlanState state, boolean prune, long tableBudget) {
    this.st = state;
    this.prune = prune;
    this.envelope = prune ? LowerEnvelope.perHub(state, tableBudget) : null;
    int n = state.slotCount;
    savedGrams = new double[n + 1];
    savedMoney = new double[n + 1];
    slotGrams = new double[n];
    slotMoney = new double[n];
    fits = new boolean[n];
    heap = new int[n];
    slots = new int[n];
    order = new int[n];
    orderBuffer = new int[n];
    allowance = new int[n];
    taken = new int[n];
    picked = new int[n];
    bestSet = new int[n];
  }

  /**
   * Finds the cheapest feasible placement of job {@code j}: hub capacity and power cap, and its
   * tenant's maxShare in every fairness window. The result is in the fields.
   *
   * @return whether there is one
   */
  boolean find(int j) {
    searches++;
    hub = -1;
    count = 0;
    bestInSet = false;
    if (!st.shareAllows(j)) {
      return false;
    }
    capBinds = st.capBinds(j);
    tenant = st.tenantOf[j];
    firstWindow = st.windowOf(tenant, st.release[j]);
    int from = st.release[j];
    int to = st.deadline[j];
    for (int h : st.allowed[j]) {
      if (onlyHub >= 0 && h != onlyHub) {
        continue;
      }
      if (!unitsFitSomewhere(j, h, from, to)) {
        continue; // no slot of the window has the units free: nothing to offer
      }
      work += to - from;
      if (prune && hub >= 0 && cannotBeat(j, h, from, to)) {
        pruned++;
        continue;
      }
      if (st.interruptible[j] && capBinds) {
        scanCappedSlotSet(j, h);
      } else if (st.interruptible[j]) {
        scanSlotSet(j, h);
      } else {
        scanRuns(j, h);
      }
    }
    if (hub < 0) {
      return false;
    }
    count = st.duration[j];
    if (bestInSet) {
      System.arraycopy(bestSet, 0, slots, 0, count);
    } else if (st.interruptible[j]) {
      rebuildSlotSet(j);
    } else {
      for (int i = 0; i < count; i++) {
        slots[i] = start + i;
      }
    }
    return true;
  }

  /**
   * Like {@link #find}, at hub {@code h} alone (which must be one of the job's allowed hubs): the
   * cheapest feasible placement there, in the fields.
   *
   * @return whether the job fits there
   */
  boolean findAt(int j, int h) {
    onlyHub = h;
    try {
      return find(j);
    } finally {
      onlyHub = -1;
    }
  }

  /** Offers every feasible start of consecutive job {@code j} in hub {@code h}. */
  private void scanRuns(int j, int h) {
    int from = st.release[j];
    int to = st.deadline[j];
    int d = st.duration[j];
    double e = st.energyKwh(j, h);
    double move = moveKwh(j, h);
    double[] grams = st.grams[h];
    double[] gramsPrefix = st.gramsPrefix[h];
    double[] pricePrefix = st.pricePrefix[h];
    double[] price = st.pricePerKwh[h];
    boolean renewables = st.hasRenewables[h] && e > 0;
    savedGrams[0] = 0;
    savedMoney[0] = 0;
    int run = 0;
    for (int s = from; s < to; s++) {
      int k = s - from;
      if (renewables) {
        double saved = AccountingKernel.renewableUsedKwh(e, st.renewableHeadroomKwh(h, s));
        savedGrams[k + 1] = savedGrams[k] + AccountingKernel.emissionsGrams(saved, grams[s]);
        savedMoney[k + 1] = savedMoney[k] + AccountingKernel.energyCost(saved, price[s]);
      }
      run = st.fits(j, h, s) ? run + 1 : 0;
      if (run < d) {
        continue;
      }
      int a = s - d + 1;
      if (capBinds && !st.capAllowsRun(j, a)) {
        continue;
      }
      double g = AccountingKernel.emissionsGrams(e, gramsPrefix[s + 1] - gramsPrefix[a]);
      double m = AccountingKernel.energyCost(e, pricePrefix[s + 1] - pricePrefix[a]);
      if (renewables) {
        g -= savedGrams[k + 1] - savedGrams[a - from];
        m -= savedMoney[k + 1] - savedMoney[a - from];
      }
      offer(h, a, Math.max(0, g) + AccountingKernel.emissionsGrams(move, grams[a]), Math.max(0, m));
    }
  }

  /** Offers, for every feasible first slot f of interruptible job {@code j} in hub {@code h}, the cheapest set. */
  private void scanSlotSet(int j, int h) {
    int from = st.release[j];
    int to = st.deadline[j];
    int d = st.duration[j];
    if (slotCosts(j, h) < d) {
      return;
    }
    double move = moveKwh(j, h);
    double[] grams = st.grams[h];
    clearHeap();
    for (int f = to - 1; f >= from; f--) {
      if (!fits[f]) {
        continue;
      }
      if (heapSize == d - 1 && offer(h, f, slotGrams[f] + heapGrams + AccountingKernel.emissionsGrams(move, grams[f]),
          slotMoney[f] + heapMoney)) {
        bestInSet = false;
      }
      push(f, d - 1);
    }
  }

  /**
   * Offers the cheapest slot sets of interruptible job {@code j} in hub {@code h} that keep at most
   * {@link PlanState#slotsAllowed} of its slots in each fairness window of its tenant. Without
   * transfer emissions the first slot costs like any other, so one greedy pass over the slots sorted
   * by cost finds the cheapest set; with them, one pass per first slot f over the slots after it.
   */
  private void scanCappedSlotSet(int j, int h) {
    int from = st.release[j];
    int to = st.deadline[j];
    int d = st.duration[j];
    if (slotCosts(j, h) < d) {
      return;
    }
    int n = 0;
    for (int s = from; s < to; s++) {
      if (fits[s]) {
        order[n++] = s;
      }
    }
    sortByCost(n);
    int lastWindow = st.windowOf(tenant, to - 1);
    for (int k = firstWindow; k <= lastWindow; k++) {
      allowance[k - firstWindow] = st.slotsAllowed(j, k);
    }
    double move = moveKwh(j, h);
    if (move == 0) {
      if (pick(n, -1, d) && offer(h, picked[0], pickedGrams, pickedMoney)) {
        keepPicked(d);
      }
      return;
    }
    double[] grams = st.grams[h];
    for (int f = from; f < to; f++) {
      int k = st.windowOf(tenant, f) - firstWindow;
      if (!fits[f] || allowance[k] == 0) {
        continue;
      }
      allowance[k]--;
      boolean found = pick(n, f, d - 1);
      allowance[k]++;
      if (found && offer(h, f, slotGrams[f] + pickedGrams + AccountingKernel.emissionsGrams(move, grams[f]),
          slotMoney[f] + pickedMoney)) {
        picked[pickedCount++] = f;
        keepPicked(d);
      }
    }
  }

  /**
   * Picks the {@code need} cheapest slots after {@code after} from {@code order[0 .. n-1]} within the
   * windows' allowances, into {@code picked} ascending with their emissions and money.
   *
   * @return whether there were enough
   */
  private boolean pick(int n, int after, int need) {
    pickedCount = 0;
    pickedGrams = 0;
    pickedMoney = 0;
    for (int i = 0; i < n && pickedCount < need; i++) {
      int s = order[i];
      int k = st.windowOf(tenant, s) - firstWindow;
      if (s <= after || taken[k] == allowance[k]) {
        continue;
      }
      taken[k]++;
      picked[pickedCount++] = s;
      pickedGrams += slotGrams[s];
      pickedMoney += slotMoney[s];
    }
    for (int i = 0; i < pickedCount; i++) {
      taken[st.windowOf(tenant, picked[i]) - firstWindow] = 0;
    }
    Arrays.sort(picked, 0, pickedCount);
    return pickedCount == need;
  }

  /** Keeps the {@code d} slots in {@code picked} as the best placement's slots. */
  private void keepPicked(int d) {
    System.arraycopy(picked, 0, bestSet, 0, d);
    Arrays.sort(bestSet, 0, d);
    bestInSet = true;
  }

  /** Sorts {@code order[0 .. n-1]} best first: less emissions, then less money, then earlier (a stable merge sort). */
  private void sortByCost(int n) {
    int[] a = order;
    int[] b = orderBuffer;
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(n, lo + width);
        int hi = Math.min(n, lo + 2 * width);
        int i = lo;
        int k = mid;
        int out = lo;
        while (i < mid && k < hi) {
          b[out++] = worse(a[i], a[k]) ? a[k++] : a[i++];
        }
        while (i < mid) {
          b[out++] = a[i++];
        }
        while (k < hi) {
          b[out++] = a[k++];
        }
      }
      System.arraycopy(b, 0, a, 0, n);
    }
  }

  /** Writes the chosen slots of interruptible job {@code j}: {@code start} and the cheapest after it. */
  private void rebuildSlotSet(int j) {
    int d = st.duration[j];
    slotCosts(j, hub);
    clearHeap();
    for (int s = st.deadline[j] - 1; s > start; s--) {
      if (fits[s]) {
        push(s, d - 1);
      }
    }
    slots[0] = start;
    System.arraycopy(heap, 0, slots, 1, heapSize);
    Arrays.sort(slots, 1, d);
  }

  /**
   * Fills {@code fits}, {@code slotGrams} and {@code slotMoney} over job {@code j}'s window in hub
   * {@code h}: the exact marginal emissions and money of running there in each slot.
   *
   * @return the number of feasible slots
   */
  private int slotCosts(int j, int h) {
    double e = st.energyKwh(j, h);
    int feasible = 0;
    for (int s = st.release[j]; s < st.deadline[j]; s++) {
      fits[s] = st.fits(j, h, s);
      if (!fits[s]) {
        continue;
      }
      feasible++;
      double grid = st.hasRenewables[h] ? AccountingKernel.gridKwh(e, st.renewableHeadroomKwh(h, s)) : e;
      slotGrams[s] = AccountingKernel.emissionsGrams(grid, st.grams[h][s]);
      slotMoney[s] = AccountingKernel.energyCost(grid, st.pricePerKwh[h][s]);
    }
    return feasible;
  }

  /**
   * Whether every placement of job {@code j} in hub {@code h} within [from, to) has emissions that
   * {@link #offer} rejects against the best so far, whatever its money and start.
   */
  private boolean cannotBeat(int j, int h, int from, int to) {
    int d = st.duration[j];
    int lastStart = to - d; // every placement's first slot lies in [from, lastStart]
    if (lastStart < from) {
      return true; // no placement at all
    }
    LowerEnvelope env = envelope[h];
    double e = st.energyKwh(j, h);
    double lb;
    double drift = 0;
    if (st.hasRenewables[h] && e > 0) {
      lb = 0; // on-site supply may absorb the whole job
    } else if (st.interruptible[j]) {
      lb = d * AccountingKernel.emissionsGrams(e, env.minGrams(from, to));
      // The heap's sum, kept by additions and subtractions over at most 2 x window steps, each
      // rounding by at most an ulp of the largest sum it can hold.
      drift = 1e-13 * (to - from) * d * e * env.maxAbsGrams;
    } else {
      if (env.sumStamp != searches) { // hubs of one zone share it: once per search
        env.sumStamp = searches;
        env.lastSum = env.minWindowSum(d, from, lastStart + 1);
      }
      if (Double.isNaN(env.lastSum)) {
        // No table for this duration (the memory budget): d x the least intensity, less how far the
        // scan's prefix-sum differences can stray from the exact sums.
        lb = d * AccountingKernel.emissionsGrams(e, env.minGrams(from, to));
        drift = 1e-15 * (double) st.slotCount * st.slotCount * e * env.maxAbsGrams;
      } else {
        lb = AccountingKernel.emissionsGrams(e, env.lastSum);
      }
    }
    double move = moveKwh(j, h);
    if (move > 0) {
      if (env.firstStamp != searches) {
        env.firstStamp = searches;
        env.lastFirst = env.minGrams(from, lastStart + 1);
      }
      lb += AccountingKernel.emissionsGrams(move, env.lastFirst);
    }
    lb -= BOUND_SLACK * Math.abs(lb) + drift;
    return lb > emissionsGrams + 2 * tie(lb, emissionsGrams);
  }

  /**
   * Range minima of one intensity series in O(1) (sparse tables): of the series itself, and per
   * duration d of its window sums {@code prefix[a + d] - prefix[a]}, the very expression the scan
   * computes, so that the minimum is a bound on its numbers bit for bit. The tables per duration are
   * built on first use; hubs in the same zone share one envelope.
   */
  static final class LowerEnvelope {
    /**
     * Doubles an envelope may hold in window-sum tables: every duration of a week of hourly slots
     * (about 0.1 M), while a year of them gets the tables of the durations first asked for and the
     * plain bound for the rest.
     */
    static final long TABLE_BUDGET = 1_000_000;
    private final long budget;
    private long tableDoubles;
    private final double[] grams;
    private final double[] prefix;
    private final double[][] gramsTable;
    private final double[][][] sumTables;
    /** The series' largest absolute intensity. */
    final double maxAbsGrams;
    /** The search ({@code searches}) that {@link #lastSum} and {@link #lastFirst} were taken for. */
    long sumStamp = -1;
    long firstStamp = -1;
    double lastSum;
    double lastFirst;

    private LowerEnvelope(double[] grams, double[] prefix, long budget) {
      this.budget = budget;
      this.grams = grams;
      double max = 0;
      for (double g : grams) {
        max = Math.max(max, Math.abs(g));
      }
      this.maxAbsGrams = max;
      this.prefix = prefix;
      this.gramsTable = table(grams, grams.length);
      this.sumTables = new double[grams.length + 1][][];
    }

    /** One envelope per distinct series of the state's hubs, indexed by hub. */
    static LowerEnvelope[] perHub(PlanState st, long budget) {
      LowerEnvelope[] out = new LowerEnvelope[st.hubCount];
      for (int h = 0; h < st.hubCount; h++) {
        for (int k = 0; k < h && out[h] == null; k++) {
          if (Arrays.equals(st.grams[k], st.grams[h]) && Arrays.equals(st.gramsPrefix[k], st.gramsPrefix[h])) {
            out[h] = out[k];
          }
        }
        if (out[h] == null) {
          out[h] = new LowerEnvelope(st.grams[h], st.gramsPrefix[h], budget);
        }
      }
      return out;
    }

    /** The least intensity of slots [from, to), non-empty. */
    double minGrams(int from, int to) {
      return query(gramsTable, from, to);
    }

    /**
     * The least window sum of {@code d} slots over the starts [from, to), non-empty; NaN when the
     * table for {@code d} would take the envelope past its budget of doubles.
     */
    double minWindowSum(int d, int from, int to) {
      double[][] t = sumTables[d];
      if (t == null) {
        int n = grams.length - d + 1;
        long size = (long) n * (32 - Integer.numberOfLeadingZeros(n));
        if (tableDoubles + size > budget) {
          return Double.NaN;
        }
        tableDoubles += size;
        double[] sums = new double[n];
        for (int a = 0; a < n; a++) {
          sums[a] = prefix[a + d] - prefix[a];
        }
        t = table(sums, n);
        sumTables[d] = t;
      }
      return query(t, from, to);
    }

    private static double[][] table(double[] values, int n) {
      int levels = 32 - Integer.numberOfLeadingZeros(Math.max(1, n));
      double[][] t = new double[levels][];
      t[0] = Arrays.copyOf(values, n);
      for (int k = 1; k < levels; k++) {
        int half = 1 << (k - 1);
        t[k] = new double[n - (1 << k) + 1];
        for (int i = 0; i < t[k].length; i++) {
          t[k][i] = Math.min(t[k - 1][i], t[k - 1][i + half]);
        }
      }
      return t;
    }

    private static double query(double[][] t, int from, int to) {
      int k = 31 - Integer.numberOfLeadingZeros(to - from);
      return Math.min(t[k][from], t[k][to - (1 << k)]);
    }
  }

  /**
   * {@link PlanState#unitsFitSomewhere}, answered from the tree's root when the hub has the units free
   * in no slot at all, from the window's first or last slot when one of them has them, else by a walk
   * of the tree.
   */
  private boolean unitsFitSomewhere(int j, int h, int from, int to) {
    if (from >= to) {
      return false;
    }
    int[] tree = st.freeTree[h];
    int u = st.units[j];
    if (prune) {
      if (tree[1] < u) {
        return false; // not in any slot of the hub (the root holds the most free units)
      }
      if (tree[st.treeLeaves + from] >= u || tree[st.treeLeaves + to - 1] >= u) {
        return true;
      }
    }
    return st.unitsFitSomewhere(j, h, from, to);
  }

  private double moveKwh(int j, int h) {
    return st.origin[j] >= 0 && st.origin[j] != h ? st.transferKwh[j] : 0;
  }

  /** Takes (hub h, first slot a) as the best placement when it is cheaper; returns whether it did. */
  private boolean offer(int h, int a, double grams, double cost) {
    if (hub >= 0) {
      if (grams > emissionsGrams + tie(grams, emissionsGrams)) {
        return false;
      }
      if (grams >= emissionsGrams - tie(grams, emissionsGrams)) {
        if (cost > money + tie(cost, money)) {
          return false;
        }
        if (cost >= money - tie(cost, money) && a >= start) {
          return false; // same emissions and money: the earlier start wins, then the hub listed first
        }
      }
    }
    hub = h;
    start = a;
    emissionsGrams = grams;
    money = cost;
    return true;
  }

  private static double tie(double x, double y) {
    return REL_TIE * Math.max(1, Math.max(Math.abs(x), Math.abs(y)));
  }

  private void clearHeap() {
    heapSize = 0;
    heapGrams = 0;
    heapMoney = 0;
  }

  /** Whether slot {@code a} is worse than slot {@code b}: more emissions, then more money, then later. */
  private boolean worse(int a, int b) {
    if (slotGrams[a] != slotGrams[b]) {
      return slotGrams[a] > slotGrams[b];
    }
    if (slotMoney[a] != slotMoney[b]) {
      return slotMoney[a] > slotMoney[b];
    }
    return a > b;
  }

  /** Adds slot {@code s} to the max-heap of the {@code capacity} best slots seen. */
  private void push(int s, int capacity) {
    if (capacity == 0) {
      return;
    }
    if (heapSize < capacity) {
      int i = heapSize++;
      heap[i] = s;
      heapGrams += slotGrams[s];
      heapMoney += slotMoney[s];
      while (i > 0 && worse(heap[i], heap[(i - 1) / 2])) {
        swap(i, (i - 1) / 2);
        i = (i - 1) / 2;
      }
      return;
    }
    if (!worse(heap[0], s)) {
      return;
    }
    heapGrams += slotGrams[s] - slotGrams[heap[0]];
    heapMoney += slotMoney[s] - slotMoney[heap[0]];
    heap[0] = s;
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int top = i;
      if (l < heapSize && worse(heap[l], heap[top])) {
        top = l;
      }
      if (r < heapSize && worse(heap[r], heap[top])) {
        top = r;
      }
      if (top == i) {
        return;
      }
      swap(i, top);
      i = top;
    }
  }

  private void swap(int a, int b) {
    int t = heap[a];
    heap[a] = heap[b];
    heap[b] = t;
  }
}
