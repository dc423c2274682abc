package dev.fairshift.solver;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Raises the placed priority (the objective's first stage after the hard rules) of a finished plan by
 * trades that need several moves: a depth-limited ejection chain searched depth first.
 *
 * <p>For a left-out job (highest priority first) every position where it fits on its own is scored by
 * what has to leave for it to fit now (in each of its slots, jobs leave lowest priority first, then
 * most units, until it fits); the {@link #MAX_POSITIONS} cheapest positions (least priority ejected,
 * then fewest jobs) are tried in turn: the jobs in the way leave, the job takes the position, and the
 * ejected jobs (highest priority first) go back to their cheapest position ({@link CheapestPlacement});
 * one that finds none is, up to {@link #MAX_DEPTH} levels deep, inserted the same way in its turn.
 * Jobs placed or moved along the chain are not ejected again by it. As soon as the plan places
 * strictly more priority than before the chain and meets every quota it met, the chain is kept (and
 * every job still out that fits as it is is placed); otherwise the plan goes back exactly as it was.
 * So placed priority never goes down, no met quota breaks, and every placement keeps the hard rules
 * (capacity and power cap per slot, windows, allowed hubs, and maxShare per fairness window).
 *
 * <p>Then, for problems up to {@link #RUIN_MAX_JOBS} jobs, a seeded ruin-and-recreate, and up to
 * {@link #PACK_MAX_JOBS} jobs with jobs still out, a bounded branch and bound over which jobs run
 * ({@link PriorityPacking}, exact for interruptible jobs' slots), within {@link #PACK_WORK_BUDGET}.
 * When nothing places more priority, the same search (within {@link #PACK_EMISSIONS_WORK_BUDGET}) looks
 * for a plan of as much priority that emits less, e.g. which of several equal-priority jobs run on an
 * overloaded solar-fed hub; it is kept, polished, only when it emits less than the plan given. Problems
 * up to {@link #EMISSIONS_PACK_MAX_JOBS} jobs get that search even when every job is placed.
 *
 * <p>Only for problems up to {@link #MAX_JOBS} jobs. Bounded by counted work, never by time: hub-slots
 * and jobs examined, plus the placement searches' own work, at most {@link #JOB_WORK_BUDGET} per
 * left-out job and {@link #WORK_BUDGET} in all (so the same problem gets the same plan on every
 * machine, and large problems only get the part the budget covers).
 *
 * <p>Not thread-safe: belongs to one scheduling run.
 */
final class PriorityTrades {
  /**
   * Problems with more jobs are left as they are: rebuilding the plan and searching chains cost about
   * 50 ms at 10,000 jobs x 16 hubs (greedy's whole budget there is 100 ms) for the budget's few trades.
   */
  static final int MAX_JOBS = 2_000;
  /** How many levels a chain may go: the left-out job, then ejected jobs' own insertions, this deep. */
  static final int MAX_DEPTH = 3;
  /** How many positions (the cheapest by ejected priority) are tried per job and level. */
  static final int MAX_POSITIONS = 12;
  /** The most jobs one position may eject. */
  static final int MAX_EJECTED = 8;
  /** The most work for one left-out job's chains. */
  static final long JOB_WORK_BUDGET = 100_000L;
  /** The most work for all the chains together. */
  static final long WORK_BUDGET = 1_000_000L;
  /** The most work for the ruin-and-recreate rounds (problems up to {@link #RUIN_MAX_JOBS} jobs only). */
  static final long RUIN_WORK_BUDGET = 4_000_000L;
  /** How many times the left-out jobs are swept (each sweep after a kept trade may find more). */
  static final int MAX_SWEEPS = 4;

  /** Problems up to this many jobs also get the ruin-and-recreate search ({@link #ruinAndRecreate}). */
  static final int RUIN_MAX_JOBS = 200;
  /** How many ruin-and-recreate rounds a small problem gets (each within {@link #RUIN_WORK_BUDGET}). */
  static final int RUIN_ROUNDS = 15_000;
  /** Problems up to this many jobs also get the packing search ({@link PriorityPacking}). */
  static final int PACK_MAX_JOBS = 200;
  /** The most work for the packing search. */
  static final long PACK_WORK_BUDGET = 4_000_000L;
  /** The most work for the packing search for less emissions at the same priority. */
  static final long PACK_EMISSIONS_WORK_BUDGET = 2_000_000L;
  /**
   * Problems up to this many jobs get the packing search for less emissions even when every job is
   * placed (on a few jobs, which run where and when is an exact search's size).
   */
  static final int EMISSIONS_PACK_MAX_JOBS = 40;
  /** Seeds the ruin-and-recreate search: the same problem gets the same plan. */
  static final long RUIN_SEED = 0x9E3779B97F4A7C15L;

  /** Work done outside the placement search: hub-slots and jobs examined. */
  long work;
  /** The packing search's work (apart, so that the polish's budget is as before it). */
  long packWork;

  private final PlanState st;
  private final CheapestPlacement search;
  private final boolean[] locked;
  private final int[] scratch;
  private long placedPriority;
  private long baseline;
  private boolean[] baseQuotas;
  private long limit;

  // The undo log: per entry the job, and for a removal the hub and slots it had (-1: it was a placement).
  private int[] logJob = new int[64];
  private int[] logHub = new int[64];
  private int[][] logSlots = new int[64][];
  private int logSize;

  PriorityTrades(PlanState state, CheapestPlacement search) {
    this.st = state;
    this.search = search;
    this.locked = new boolean[state.jobCount];
    this.scratch = new int[state.slotCount];
  }

  /**
   * Runs the trades on {@code schedule}'s plan (a schedule of {@code problem} that keeps the hard
   * rules) and returns a schedule that places strictly more priority, named {@code solver} with a reason
   * for every job left out, or {@code schedule} itself when no trade was found.
   */
  static Schedule improve(Problem problem, Schedule schedule, String solver) {
    if ((schedule.unscheduled().isEmpty() && problem.jobs().size() > EMISSIONS_PACK_MAX_JOBS)
        || problem.jobs().size() > MAX_JOBS) {
      return schedule;
    }
    PlanState st = new PlanState(problem);
    Map<String, Integer> jobIndex = new HashMap<>();
    for (int j = 0; j < st.jobCount; j++) {
      jobIndex.put(problem.jobs().get(j).id(), j);
    }
    Map<String, Integer> hubIndex = new HashMap<>();
    for (int h = 0; h < st.hubCount; h++) {
      hubIndex.put(problem.hubs().get(h).id(), h);
    }
    for (Assignment a : schedule.assignments()) {
      int[] slots = a.slots().stream().mapToInt(Integer::intValue).toArray();
      st.place(jobIndex.get(a.job()), hubIndex.get(a.hub()), slots, slots.length);
    }
    long given = st.placedPriority();
    double givenGrams = st.plannedGrams();
    PriorityTrades trades = new PriorityTrades(st, new CheapestPlacement(st));
    if (!trades.run()) {
      // No more priority: up to PACK_MAX_JOBS jobs, the packing search for a plan of as much priority
      // that emits less (which equal-priority jobs run decides it on an overloaded solar-fed hub).
      if (st.jobCount > PACK_MAX_JOBS) {
        return schedule;
      }
      if (!trades.packLessEmissions()) {
        return schedule;
      }
      trades.polish();
      if (st.placedPriority() == given && !(st.plannedGrams() < givenGrams)) {
        return schedule;
      }
    } else {
      trades.polish();
    }
    trades.insertLeftOut();
    String[] reasons = new String[st.jobCount];
    for (int j = 0; j < st.jobCount; j++) {
      if (!st.placed(j)) {
        reasons[j] = UnplacedReason.of(st, j);
      }
    }
    return st.toSchedule(solver, reasons);
  }

  /**
   * Places every job still out that fits as the plan now stands, in {@link GreedyScheduler#mainOrder}:
   * the trades and their polish move jobs, and a move can leave room where none was.
   */
  void insertLeftOut() {
    for (int j : GreedyScheduler.mainOrder(st)) {
      if (!st.placed(j) && st.shareAllows(j) && search.find(j)) {
        st.place(j, search.hub, search.slots, search.count);
      }
    }
  }

  /**
   * One round of moving each placed job (problem order) to its cheapest position given all others,
   * its own included: the emissions the trades' moves cost are taken back where they can be, and
   * nothing is unplaced.
   */
  void polish() {
    int[] saved = new int[st.slotCount];
    for (int j = 0; j < st.jobCount && used() < 2 * RUIN_WORK_BUDGET; j++) {
      if (!st.placed(j)) {
        continue;
      }
      GreedyScheduler.reinsert(st, search, j, saved);
    }
  }

  /** Trades on the plan; returns whether it now places more priority. */
  boolean run() {
    long start = st.placedPriority();
    placedPriority = start;
    baseline = start;
    baseQuotas = st.quotasMet();
    st.indexJobs();
    try {
      for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
        boolean found = false;
        for (int j : leftOut()) {
          long used = used();
          if (used >= WORK_BUDGET) {
            return placedPriority > start;
          }
          if (st.placed(j)) {
            continue;
          }
          limit = used + Math.min(JOB_WORK_BUDGET, WORK_BUDGET - used);
          if (insert(j, MAX_DEPTH)) {
            logSize = 0;
            Arrays.fill(locked, false);
            placeWhatFits();
            baseline = placedPriority;
            baseQuotas = st.quotasMet();
            found = true;
          }
        }
        if (!found) {
          break;
        }
      }
      if (st.jobCount <= RUIN_MAX_JOBS) {
        ruinAndRecreate();
      }
      if (st.jobCount <= PACK_MAX_JOBS && leftOutCount() > 0) {
        pack();
      }
      return placedPriority > start;
    } finally {
      st.dropJobIndex();
    }
  }

  /**
   * Ruin and recreate, for small problems with jobs still out: each round takes out the jobs running
   * in a random stretch of slots [a, a + w) of a random hub (w at most half the horizon) and a few
   * random placed jobs, then puts back every job out (highest priority first, ties in random order) in
   * its cheapest position. A round is kept when the plan places at least as much priority as before it
   * and meets every quota the plan met at the start (so the search may move across equal plans), else
   * undone exactly. Rounds stop when every job is placed, after {@link #RUIN_ROUNDS}, or when
   * {@link #RUIN_WORK_BUDGET} is spent. Seeded, so deterministic.
   */
  void ruinAndRecreate() {
    java.util.Random random = new java.util.Random(RUIN_SEED);
    long best = placedPriority;
    long[] key = new long[st.jobCount];
    long end = used() + RUIN_WORK_BUDGET;
    for (int round = 0; round < RUIN_ROUNDS && used() < end; round++) {
      if (leftOutCount() == 0) {
        break;
      }
      int mark = logSize;
      int h = random.nextInt(st.hubCount);
      int w = 1 + random.nextInt(Math.max(1, st.slotCount / 2));
      int a = random.nextInt(Math.max(1, st.slotCount - w + 1));
      // Half the rounds aim at a job left out: its window on one of its hubs, the job first back in.
      int aim = -1;
      if (random.nextBoolean()) {
        aim = randomLeftOut(random);
        h = st.allowed[aim][random.nextInt(st.allowed[aim].length)];
        a = st.release[aim];
        w = st.deadline[aim] - st.release[aim];
      }
      int extra = random.nextInt(3);
      // A third of the rounds ruin the same stretch on a second hub too (jobs trade hubs).
      int second = random.nextInt(3) == 0 ? random.nextInt(st.hubCount) : -1;
      // One round in three ruins a tenant's jobs in the stretch on every hub (room under its maxShare).
      int tenant = random.nextInt(3) == 0 ? st.tenantOf[random.nextInt(st.jobCount)] : -1;
      boolean byPriority = random.nextInt(4) != 0;
      for (int j = 0; j < st.jobCount; j++) {
        work++;
        if (!st.placed(j)) {
          continue;
        }
        boolean hit = false;
        if (tenant >= 0 ? st.tenantOf[j] == tenant : st.hubOf[j] == h || st.hubOf[j] == second) {
          for (int s : st.slotsOf[j]) {
            if (s >= a && s < a + w) {
              hit = true;
              break;
            }
          }
        }
        if (hit || (extra > 0 && random.nextInt(st.jobCount) < extra)) {
          doRemove(j);
        }
      }
      for (int j = 0; j < st.jobCount; j++) {
        key[j] = ((byPriority ? (long) st.priority[j] : 0L) << 32) | (random.nextInt() & 0xffffffffL);
      }
      if (aim >= 0) {
        key[aim] = Long.MAX_VALUE;
      }
      List<Integer> out = new ArrayList<>();
      for (int j = 0; j < st.jobCount; j++) {
        if (!st.placed(j)) {
          out.add(j);
        }
      }
      out.sort((x, y) -> Long.compare(key[y], key[x]));
      // Half the rounds pack instead: the first position that fits, hubs from a random one on, slots
      // from the window's start or end (the cheapest position spreads jobs; packing leaves room).
      int packing = random.nextInt(4);
      int firstHub = random.nextInt(st.hubCount);
      for (int j : out) {
        if (packing < 2 && firstFit(j, firstHub, packing == 1)) {
          continue;
        }
        if (packing >= 2 && search.find(j)) {
          doPlace(j, search.hub, search.slots, search.count);
        }
      }
      if (placedPriority >= best && quotasKept()) {
        best = placedPriority;
        logSize = 0;
        Arrays.fill(locked, false);
      } else {
        undo(mark);
      }
    }
  }

  /**
   * The packing search ({@link PriorityPacking}) for small problems still leaving jobs out: kept when
   * it places more priority and every quota met stays met; then every job out that fits is placed.
   */
  void pack() {
    runPacking(new PriorityPacking(st, this::quotasKept), PACK_WORK_BUDGET);
  }

  /**
   * The packing search for a plan that places as much priority and emits less (or places more); when
   * found, it is kept and every job out that fits is placed. Returns whether it was found.
   */
  boolean packLessEmissions() {
    baseline = st.placedPriority();
    return runPacking(new PriorityPacking(st, this::quotasKept, true), PACK_EMISSIONS_WORK_BUDGET);
  }

  /** Runs one packing search within the budget; a plan it finds is kept and what fits is then placed. */
  private boolean runPacking(PriorityPacking packing, long budget) {
    boolean better = packing.run(budget);
    packWork += packing.work;
    if (better) {
      placedPriority = st.placedPriority();
      logSize = 0;
      Arrays.fill(locked, false);
      placeWhatFits();
    }
    return better;
  }

  /**
   * Places {@code j} in the first position that fits (hubs in its allowed order from {@code firstHub}
   * round, slots from its window's start, or its end when {@code late}); returns whether it found one.
   */
  boolean firstFit(int j, int firstHub, boolean late) {
    if (!st.shareAllows(j)) {
      return false;
    }
    int[] hubs = st.allowed[j];
    int from = st.release[j];
    int to = st.deadline[j];
    int d = st.duration[j];
    boolean capBinds = st.capBinds(j);
    for (int i = 0; i < hubs.length; i++) {
      int h = hubs[(i + firstHub) % hubs.length];
      work += to - from;
      int n = 0;
      for (int k = 0; k < to - from; k++) {
        int s = late ? to - 1 - k : from + k;
        if (!st.fits(j, h, s)) {
          n = 0;
          continue;
        }
        if (st.interruptible[j]) {
          scratch[n++] = s;
        } else {
          n++;
        }
        if (n == d) {
          if (!st.interruptible[j]) {
            int start = late ? s : s - d + 1;
            for (int x = 0; x < d; x++) {
              scratch[x] = start + x;
            }
          } else if (late) {
            reverse(scratch, d);
          }
          if (!capBinds || st.capAllows(j, scratch, d)) {
            doPlace(j, h, scratch, d);
            return true;
          }
          break; // this hub's first fit breaks the tenant's cap: try the next hub
        }
      }
    }
    return false;
  }

  private static void reverse(int[] a, int n) {
    for (int i = 0, k = n - 1; i < k; i++, k--) {
      int t = a[i];
      a[i] = a[k];
      a[k] = t;
    }
  }

  /** A job left out, drawn at random (there is one). */
  private int randomLeftOut(java.util.Random random) {
    int k = random.nextInt(leftOutCount());
    for (int j = 0; j < st.jobCount; j++) {
      if (!st.placed(j) && k-- == 0) {
        return j;
      }
    }
    throw new IllegalStateException("no job left out");
  }

  private int leftOutCount() {
    int n = 0;
    for (int j = 0; j < st.jobCount; j++) {
      n += st.placed(j) ? 0 : 1;
    }
    return n;
  }

  private long used() {
    return work + search.work;
  }

  /** The jobs left out, highest priority first (ties: problem order). */
  private int[] leftOut() {
    List<Integer> out = new ArrayList<>();
    for (int j = 0; j < st.jobCount; j++) {
      if (!st.placed(j)) {
        out.add(j);
      }
    }
    out.sort((a, b) -> st.priority[a] != st.priority[b] ? Integer.compare(st.priority[b], st.priority[a])
        : Integer.compare(a, b));
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Places, highest priority first, every left-out job that fits as the plan is. */
  private void placeWhatFits() {
    for (int j : leftOut()) {
      if (search.find(j)) {
        doPlace(j, search.hub, search.slots, search.count);
      }
    }
    logSize = 0;
  }

  /**
   * Tries to insert unplaced job {@code j}; returns true (leaving the plan changed) once the plan
   * improves on the baseline, else false with the plan exactly as on entry.
   */
  private boolean insert(int j, int depth) {
    if (used() > limit || !st.shareAllows(j)) {
      return false;
    }
    List<int[]> positions = positions(j);
    for (int[] pos : positions) {
      if (used() > limit) {
        return false;
      }
      int mark = logSize;
      int h = pos[0];
      int d = st.duration[j];
      System.arraycopy(pos, 1, scratch, 0, d);
      int[] ejected = eject(j, h, scratch, d);
      if (ejected == null || !st.capAllows(j, scratch, d)) {
        undo(mark);
        continue;
      }
      doPlace(j, h, scratch, d);
      locked[j] = true;
      sortByPriority(ejected);
      for (int v : ejected) {
        if (st.shareAllows(v) && search.find(v)) {
          doPlace(v, search.hub, search.slots, search.count);
          locked[v] = true;
        } else if (depth > 0 && insert(v, depth - 1)) {
          return true;
        }
      }
      if (improved()) {
        return true;
      }
      undo(mark);
    }
    return false;
  }

  /** Whether the plan places more priority than the baseline and meets every quota the baseline met. */
  private boolean improved() {
    return placedPriority > baseline && quotasKept();
  }

  /** Whether the plan meets every quota the baseline met. */
  private boolean quotasKept() {
    boolean[] now = st.quotasMet();
    for (int i = 0; i < now.length; i++) {
      if (baseQuotas[i] && !now[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The positions of {@code j} where it fits on its own, cheapest first (ejected priority, then ejected
   * jobs, then hub and first slot), at most {@link #MAX_POSITIONS}: each as {hub, slots...}.
   */
  private List<int[]> positions(int j) {
    int from = st.release[j];
    int to = st.deadline[j];
    int d = st.duration[j];
    boolean capBinds = st.capBinds(j);
    List<int[]> found = new ArrayList<>();
    List<long[]> costs = new ArrayList<>();
    for (int h : st.allowed[j]) {
      work += to - from;
      if (st.interruptible[j]) {
        int[] slots = cheapestSlots(j, h, from, to, d);
        if (slots != null && (!capBinds || st.capAllows(j, slots, d))) {
          addPosition(j, h, slots, found, costs);
        }
        continue;
      }
      int run = 0;
      for (int s = from; s < to; s++) {
        run = alone(j, h, s) ? run + 1 : 0;
        if (run >= d && (!capBinds || st.capAllowsRun(j, s - d + 1))) {
          int[] slots = new int[d];
          for (int i = 0; i < d; i++) {
            slots[i] = s - d + 1 + i;
          }
          addPosition(j, h, slots, found, costs);
        }
      }
    }
    Integer[] idx = new Integer[found.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> {
      long[] x = costs.get(a);
      long[] y = costs.get(b);
      int c = Long.compare(x[0], y[0]);
      return c != 0 ? c : Long.compare(x[1], y[1]);
    });
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < idx.length && out.size() < MAX_POSITIONS; i++) {
      out.add(found.get(idx[i]));
    }
    return out;
  }

  /** Scores a position by simulating its ejections (then undoing them); keeps it when it can be made. */
  private void addPosition(int j, int h, int[] slots, List<int[]> found, List<long[]> costs) {
    int mark = logSize;
    int[] ejected = eject(j, h, slots, slots.length);
    if (ejected != null) {
      long lost = 0;
      for (int v : ejected) {
        lost += st.priority[v];
      }
      int[] pos = new int[slots.length + 1];
      pos[0] = h;
      System.arraycopy(slots, 0, pos, 1, slots.length);
      found.add(pos);
      costs.add(new long[] {lost, ejected.length});
    }
    undo(mark);
  }

  /**
   * For interruptible {@code j} in hub {@code h}: the {@code d} slots of [from, to) where it fits on its
   * own with the least priority in its way (ties: earlier), ascending; null when fewer fit.
   */
  private int[] cheapestSlots(int j, int h, int from, int to, int d) {
    List<long[]> slotCosts = new ArrayList<>();
    for (int s = from; s < to; s++) {
      if (!alone(j, h, s)) {
        continue;
      }
      long cost = 0;
      if (!st.fits(j, h, s)) {
        int mark = logSize;
        int[] one = {s};
        int[] ejected = eject(j, h, one, 1);
        undo(mark);
        if (ejected == null) {
          continue;
        }
        cost = 1;
        for (int v : ejected) {
          cost += st.priority[v];
        }
      }
      slotCosts.add(new long[] {cost, s});
    }
    if (slotCosts.size() < d) {
      return null;
    }
    slotCosts.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int[] slots = new int[d];
    for (int i = 0; i < d; i++) {
      slots[i] = (int) slotCosts.get(i)[1];
    }
    Arrays.sort(slots);
    return slots;
  }

  /** Whether {@code j} fits hub {@code h} in slot {@code s} with nothing else there. */
  private boolean alone(int j, int h, int s) {
    return st.units[j] <= st.capacityUnits[h][s] && st.pue[h] * st.powerKw[j] <= st.powerCapKw[h][s] + PlanState.POWER_EPS;
  }

  /**
   * Removes (logged) the jobs in {@code j}'s way in the first {@code d} of {@code slots} of hub
   * {@code h}, per slot lowest priority first, then most units, then last in problem order, never a
   * locked one; returns them, or null when a slot cannot be freed (or too many would leave).
   */
  private int[] eject(int j, int h, int[] slots, int d) {
    int[] out = new int[MAX_EJECTED];
    int n = 0;
    for (int i = 0; i < d; i++) {
      int s = slots[i];
      while (!st.fits(j, h, s)) {
        int victim = -1;
        for (int node = st.firstNode(h, s); node >= 0; node = st.nextNode(node)) {
          int k = st.jobOfNode(node);
          work++;
          if (locked[k]) {
            continue;
          }
          if (victim < 0 || st.priority[k] < st.priority[victim]
              || (st.priority[k] == st.priority[victim] && (st.units[k] > st.units[victim]
                  || (st.units[k] == st.units[victim] && k > victim)))) {
            victim = k;
          }
        }
        if (victim < 0 || n == MAX_EJECTED) {
          return null;
        }
        out[n++] = victim;
        doRemove(victim);
      }
    }
    return Arrays.copyOf(out, n);
  }

  private void sortByPriority(int[] jobs) {
    for (int a = 1; a < jobs.length; a++) {
      int x = jobs[a];
      int b = a - 1;
      while (b >= 0 && (st.priority[jobs[b]] < st.priority[x]
          || (st.priority[jobs[b]] == st.priority[x] && jobs[b] > x))) {
        jobs[b + 1] = jobs[b];
        b--;
      }
      jobs[b + 1] = x;
    }
  }

  private void doPlace(int j, int h, int[] slots, int count) {
    st.place(j, h, slots, count);
    placedPriority += st.priority[j];
    log(j, -1, null);
  }

  private void doRemove(int j) {
    log(j, st.hubOf[j], st.slotsOf[j]);
    st.remove(j);
    placedPriority -= st.priority[j];
  }

  private void log(int j, int hub, int[] slots) {
    if (logSize == logJob.length) {
      logJob = Arrays.copyOf(logJob, logSize * 2);
      logHub = Arrays.copyOf(logHub, logSize * 2);
      logSlots = Arrays.copyOf(logSlots, logSize * 2);
    }
    logJob[logSize] = j;
    logHub[logSize] = hub;
    logSlots[logSize] = slots;
    logSize++;
  }

  /** Undoes the logged changes back to {@code mark}, and unlocks the jobs they placed. */
  private void undo(int mark) {
    while (logSize > mark) {
      logSize--;
      int j = logJob[logSize];
      if (logHub[logSize] < 0) {
        st.remove(j);
        placedPriority -= st.priority[j];
        locked[j] = false;
      } else {
        st.place(j, logHub[logSize], logSlots[logSize], logSlots[logSize].length);
        placedPriority += st.priority[j];
      }
      logSlots[logSize] = null;
    }
  }
}
