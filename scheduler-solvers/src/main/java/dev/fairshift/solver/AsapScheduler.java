package dev.fairshift.solver;

import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import java.time.Instant;
import java.util.Arrays;

/**
 * The carbon-agnostic status quo: first come, first served, as soon as possible, at home.
 *
 * <ul>
 *   <li>Jobs in order of release instant; ties in problem order.
 *   <li>A job runs in its origin hub when it has one that it is allowed in and that can still take it
 *       before the deadline. Otherwise (no origin, origin not allowed, or origin full) it runs in the
 *       allowed hub that can start it earliest; ties go to the hub listed first.
 *   <li>It starts at the earliest slot from its release where it fits: {@code durationSlots}
 *       consecutive slots with enough free units and power headroom (IT kW x PUE under the cap); an
 *       interruptible job takes the earliest {@code durationSlots} such slots.
 *   <li>A job whose tenant would exceed its maxShare (of the horizon, or of a fairness window it
 *       would run in: then it takes the earliest slots within the cap), or that fits no allowed hub,
 *       is unscheduled with the reason. Carbon and guaranteed quotas are not looked at.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class AsapScheduler implements Scheduler {
  static final String NAME = "asap";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Schedule schedule(Problem problem) {
    return schedule(problem, NAME);
  }

  /**
   * Job indices by release instant, then problem order, sorted on primitives (no boxing of a million
   * indices): {@link #byInstant}.
   */
  static int[] releaseOrder(Problem problem) {
    int n = problem.jobs().size();
    long[] seconds = new long[n];
    int[] nanos = new int[n];
    for (int j = 0; j < n; j++) {
      Instant release = problem.jobs().get(j).release();
      seconds[j] = release.getEpochSecond();
      nanos[j] = release.getNano();
    }
    return byInstant(seconds, nanos);
  }

  /**
   * Indices by (seconds, nanos), then index: the instants' order. Within 292 years of each other (any
   * real problem) one exact long key per index and a counting sort by its rank; else a stable merge
   * sort on both fields.
   */
  static int[] byInstant(long[] seconds, int[] nanos) {
    int n = seconds.length;
    long minSeconds = Long.MAX_VALUE;
    long maxSeconds = Long.MIN_VALUE;
    for (int j = 0; j < n; j++) {
      minSeconds = Math.min(minSeconds, seconds[j]);
      maxSeconds = Math.max(maxSeconds, seconds[j]);
    }
    if (n > 0 && maxSeconds - minSeconds < Long.MAX_VALUE / 1_000_000_000L - 1) {
      // Releases within 292 years of each other: one exact long key per job, nanoseconds from the first.
      long[] keys = new long[n];
      for (int j = 0; j < n; j++) {
        keys[j] = (seconds[j] - minSeconds) * 1_000_000_000L + nanos[j];
      }
      return byKey(keys);
    }
    int[] from = new int[n];
    Arrays.setAll(from, j -> j);
    int[] to = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(n, lo + width);
        int hi = Math.min(n, lo + 2 * width);
        int i = lo;
        int k = mid;
        int out = lo;
        while (i < mid && k < hi) {
          int a = from[i];
          int b = from[k];
          boolean bFirst = seconds[b] != seconds[a] ? seconds[b] < seconds[a] : nanos[b] < nanos[a];
          to[out++] = bFirst ? from[k++] : from[i++];
        }
        while (i < mid) {
          to[out++] = from[i++];
        }
        while (k < hi) {
          to[out++] = from[k++];
        }
      }
      int[] t = from;
      from = to;
      to = t;
    }
    return from;
  }

  /**
   * Indices sorted by {@code keys}, equal keys in index order: the distinct keys sorted, each index
   * given its key's rank, then a counting sort by rank (stable).
   */
  private static int[] byKey(long[] keys) {
    int n = keys.length;
    long[] distinct = keys.clone();
    Arrays.sort(distinct);
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || distinct[i] != distinct[m - 1]) {
        distinct[m++] = distinct[i];
      }
    }
    int[] rank = new int[n];
    int[] starts = new int[m + 1];
    for (int j = 0; j < n; j++) {
      rank[j] = Arrays.binarySearch(distinct, 0, m, keys[j]);
      starts[rank[j] + 1]++;
    }
    for (int r = 0; r < m; r++) {
      starts[r + 1] += starts[r];
    }
    int[] order = new int[n];
    for (int j = 0; j < n; j++) {
      order[starts[rank[j]]++] = j;
    }
    return order;
  }

  /** The ASAP schedule of {@code problem}, named {@code solver}. */
  static Schedule schedule(Problem problem, String solver) {
    PlanState state = new PlanState(problem);
    String[] reasons = new String[state.jobCount];
    plan(state, reasons);
    return state.toSchedule(solver, reasons);
  }

  /**
   * Places the jobs of an empty {@code state} the ASAP way; {@code reasons[j]} says why job j was left
   * out ({@code reasons} null: no reasons, for a candidate whose reasons may never be read).
   */
  static void plan(PlanState state, String[] reasons) {
    Problem problem = state.problem;
    int[] slots = new int[state.slotCount];
    int[] bestSlots = new int[state.slotCount];
    int[] order = releaseOrder(problem);
    for (int j : order) {
      if (!state.shareAllows(j)) {
        if (reasons != null) {
          reasons[j] = UnplacedReason.of(state, j);
        }
        continue;
      }
      int o = state.origin[j];
      if (o >= 0 && Arrays.binarySearch(state.allowed[j], o) >= 0 && earliest(state, j, o, slots) >= 0) {
        state.place(j, o, slots, state.duration[j]);
        continue;
      }
      int bestHub = -1;
      int bestStart = Integer.MAX_VALUE;
      for (int h : state.allowed[j]) {
        int start = earliest(state, j, h, slots);
        if (start >= 0 && start < bestStart) {
          bestHub = h;
          bestStart = start;
          System.arraycopy(slots, 0, bestSlots, 0, state.duration[j]);
        }
      }
      if (bestHub < 0) {
        if (reasons != null) {
          reasons[j] = UnplacedReason.of(state, j);
        }
      } else {
        state.place(j, bestHub, bestSlots, state.duration[j]);
      }
    }
  }

  /**
   * The earliest start of job {@code j} in hub {@code h} within its tenant's cap in every fairness
   * window, writing its slots to {@code slots}, or -1 when it does not fit there.
   */
  private static int earliest(PlanState state, int j, int h, int[] slots) {
    if (!state.unitsFitSomewhere(j, h, state.release[j], state.deadline[j])) {
      return -1; // no slot of the window has the units free (O(log slots)): a full hub is not scanned
    }
    int d = state.duration[j];
    boolean capBinds = state.capBinds(j);
    int t = state.tenantOf[j];
    int firstWindow = state.windowOf(t, state.release[j]);
    // With a binding cap, an interruptible job takes at most slotsAllowed slots in each window.
    int[] allowance = null;
    if (capBinds && state.interruptible[j]) {
      allowance = new int[state.windowOf(t, state.deadline[j] - 1) - firstWindow + 1];
      for (int k = 0; k < allowance.length; k++) {
        allowance[k] = state.slotsAllowed(j, firstWindow + k);
      }
    }
    int found = 0;
    for (int s = state.release[j]; s < state.deadline[j]; s++) {
      if (state.fits(j, h, s)) {
        if (allowance != null) {
          int k = state.windowOf(t, s) - firstWindow;
          if (allowance[k] == 0) {
            continue;
          }
          allowance[k]--;
        }
        slots[found++] = s;
        if (found == d) {
          if (!capBinds || state.interruptible[j] || state.capAllowsRun(j, slots[0])) {
            return slots[0];
          }
          // The run breaks the tenant's cap in some window: try the run one slot later.
          System.arraycopy(slots, 1, slots, 0, d - 1);
          found = d - 1;
        }
      } else if (!state.interruptible[j]) {
        found = 0;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return NAME;
  }
}
