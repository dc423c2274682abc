package dev.fairshift.solver;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.TenantWindowResult;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The carbon-aware greedy scheduler: feasible by construction, fast enough for every re-plan.
 *
 * <ol>
 *   <li><b>Quotas first.</b> Jobs of tenants with a guaranteed share, least slack first (slack = whole
 *       slots in the window minus duration; ties: higher priority, then problem order), each placed
 *       only while the fairness window it is released in is still short of its guarantee there:
 *       min(demand released in the window, guaranteedShare x the window's capacity); with no
 *       {@code fairnessWindowSlots} the window is the horizon, so min(demand, guaranteedShare x
 *       total capacity).
 *   <li><b>Then every other job</b> in {@link #mainOrder} order: higher priority, then less slack
 *       (the most urgent), then more energy (powerKw x durationSlots: the big ones get the clean slots),
 *       then problem order.
 *   <li>Each job goes to its cheapest feasible (hub, slots), see {@link CheapestPlacement}: least
 *       marginal emissions on the planning intensities (on-site renewables first, transfer emissions
 *       when moved), ties by money, earlier start, hub order. Only placements that keep the tenant
 *       within maxShare of every fairness window's capacity count; a job with none, or that fits
 *       nowhere, stays out.
 *   <li><b>Improvement</b>, when {@link GreedyOptions#improvementRounds()} is positive: an
 *       {@link EjectionRepair} of each left-out job, then that many rounds of taking each job out and
 *       putting it back in its cheapest position given all others (never worse); left-out jobs are
 *       retried. A last try follows, then every job still out gets its reason, true of the final plan.
 *   <li><b>Restarts</b> ({@link GreedyOptions#restarts()}, bounded by
 *       {@link GreedyOptions#RESTART_JOB_BUDGET}): construction and improvement again from a new order,
 *       the jobs the last one left out first (packing congested and power-capped hubs with the jobs that
 *       must go there), else equal-priority neighbours swapped at random from a fixed seed; the best is
 *       kept, compared like the portfolio below.
 *   <li><b>Portfolio</b>, when {@link GreedyOptions#portfolio()}: two more candidates, the ASAP
 *       schedule and the ASAP schedule improved as above, replace the result in turn when they meet
 *       every quota it meets (per tenant and fairness window) and place more priority, or as much
 *       priority and emit less on the
 *       planning intensities (all measured by the {@link Evaluator}). So whenever ASAP places every
 *       job, greedy places every job too and emits no more than ASAP.
 * </ol>
 *
 * <p>Immutable and thread-safe; every run uses its own state.
 */
final class GreedyScheduler implements Scheduler {
  static final String NAME = "greedy";
  /** Seeds the perturbations of the restarts' orders. */
  private static final long RESTART_SEED = 0x5EEDL;

  private final GreedyOptions options;

  GreedyScheduler(GreedyOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Schedule schedule(Problem problem) {
    Objects.requireNonNull(problem, "problem");
    PlanState st = new PlanState(problem);
    int[] placements = options.improvementRounds() > 0 ? placements(st) : null;
    CheapestPlacement search = new CheapestPlacement(st);
    int[] order = mainOrder(st);
    int[] sequence = construct(st, search, order);
    improve(st, search, sequence, placements);
    Schedule greedy = finish(st, sequence);
    int restarts = Math.min(options.restarts(), GreedyOptions.RESTART_JOB_BUDGET / Math.max(1, st.jobCount) - 1);
    if (restarts > 0) {
      greedy = restart(problem, st, order, placements, greedy, restarts);
    }
    if (!options.portfolio()) {
      return greedy;
    }
    PlanState asapState = new PlanState(problem);
    String[] asapReasons = new String[asapState.jobCount];
    AsapScheduler.plan(asapState, asapReasons);
    Schedule asap = asapState.toSchedule(NAME, asapReasons);

    PlanState seeded = new PlanState(problem);
    AsapScheduler.plan(seeded, new String[seeded.jobCount]);
    int[] mainOrder = mainOrder(seeded);
    improve(seeded, new CheapestPlacement(seeded), mainOrder, placements);
    Schedule improvedAsap = finish(seeded, mainOrder);

    Candidate best = new Candidate(problem, greedy);
    best = best.orBetter(new Candidate(problem, improvedAsap));
    best = best.orBetter(new Candidate(problem, asap));
    return best.schedule;
  }

  /**
   * Up to {@code restarts} more constructions, each from the previous order with the jobs it left out
   * moved to the front, or, when it placed every job, with neighbours of equal priority swapped at
   * random (a fixed seed); returns the best schedule by {@link Candidate#orBetter}.
   */
  private Schedule restart(Problem problem, PlanState first, int[] firstOrder, int[] placements, Schedule firstSchedule,
      int restarts) {
    Candidate best = new Candidate(problem, firstSchedule);
    Random random = new Random(RESTART_SEED);
    int[] order = firstOrder.clone();
    int[] next = new int[order.length];
    PlanState last = first;
    for (int r = 0; r < restarts; r++) {
      int n = 0;
      for (int j : order) {
        if (!last.placed(j)) {
          next[n++] = j;
        }
      }
      if (n == 0) {
        for (int k = 0; k < order.length / 4; k++) {
          int a = random.nextInt(Math.max(1, order.length - 1));
          if (a + 1 < order.length && last.priority[order[a]] == last.priority[order[a + 1]]) {
            int t = order[a];
            order[a] = order[a + 1];
            order[a + 1] = t;
          }
        }
      } else {
        for (int j : order) {
          if (last.placed(j)) {
            next[n++] = j;
          }
        }
        System.arraycopy(next, 0, order, 0, order.length);
      }
      PlanState st = new PlanState(problem);
      CheapestPlacement search = new CheapestPlacement(st);
      int[] sequence = construct(st, search, order);
      improve(st, search, sequence, placements);
      best = best.orBetter(new Candidate(problem, finish(st, sequence)));
      last = st;
    }
    return best.schedule;
  }

  /** The quota phase then the main phase; returns every job in the order it was tried. */
  static int[] construct(PlanState st, CheapestPlacement search, int[] order) {
    int[] sequence = new int[st.jobCount];
    int n = 0;
    boolean[] queued = new boolean[st.jobCount];
    for (int j : quotaOrder(st)) {
      if (!st.quotaMet(j)) {
        tryPlace(st, search, j);
        queued[j] = true;
        sequence[n++] = j;
      }
    }
    for (int j : order) {
      if (!queued[j]) {
        tryPlace(st, search, j);
        sequence[n++] = j;
      }
    }
    return sequence;
  }

  /**
   * Ejection repair of the left-out jobs, then the remove-and-reinsert rounds, then a last try for
   * every job still out. Never unschedules a job.
   */
  void improve(PlanState st, CheapestPlacement search, int[] sequence, int[] placements) {
    if (options.improvementRounds() > 0) {
      EjectionRepair repair = new EjectionRepair(st, search, placements);
      for (int j : sequence) {
        if (!st.placed(j)) {
          repair.tryPlace(j);
        }
      }
    }
    int[] saved = new int[st.slotCount];
    for (int round = 0; round < options.improvementRounds(); round++) {
      for (int j : sequence) {
        if (st.placed(j)) {
          reinsert(st, search, j, saved);
        } else {
          tryPlace(st, search, j);
        }
      }
    }
    for (int j : sequence) {
      if (!st.placed(j)) {
        tryPlace(st, search, j);
      }
    }
  }

  /** The plan as a schedule, with a reason for every job left out. */
  static Schedule finish(PlanState st, int[] sequence) {
    // Only now: placing a job never makes room, so each reason holds for the final schedule.
    String[] reasons = new String[st.jobCount];
    for (int j : sequence) {
      if (!st.placed(j)) {
        reasons[j] = UnplacedReason.of(st, j);
      }
    }
    return st.toSchedule(NAME, reasons);
  }

  private static void tryPlace(PlanState st, CheapestPlacement search, int j) {
    if (st.shareAllows(j) && search.find(j)) {
      st.place(j, search.hub, search.slots, search.count);
    }
  }

  /** Moves placed job {@code j} to its cheapest position given all other jobs (its own is a candidate). */
  private static void reinsert(PlanState st, CheapestPlacement search, int j, int[] saved) {
    int hub = st.hubOf[j];
    int count = st.slotsOf[j].length;
    System.arraycopy(st.slotsOf[j], 0, saved, 0, count);
    st.remove(j);
    if (search.find(j)) {
      st.place(j, search.hub, search.slots, search.count);
    } else {
      st.place(j, hub, saved, count); // unreachable: its old position is still free
    }
  }

  /** The quota phase's order: least slack, then higher priority, then problem order. */
  private static int[] quotaOrder(PlanState st) {
    return IntStream.range(0, st.jobCount)
        .filter(st::guaranteed)
        .boxed()
        .sorted(Comparator.comparingInt((Integer j) -> slack(st, j))
            .thenComparingInt(j -> -st.priority[j])
            .thenComparingInt(j -> j))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /**
   * The main phase's order: higher priority, then less slack, then more energy (powerKw x
   * durationSlots), then problem order.
   */
  static int[] mainOrder(PlanState st) {
    return IntStream.range(0, st.jobCount)
        .boxed()
        .sorted(Comparator.comparingInt((Integer j) -> -st.priority[j])
            .thenComparingInt(j -> slack(st, j))
            .thenComparingDouble(j -> -st.powerKw[j] * st.duration[j])
            .thenComparingInt(j -> j))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** Slots in the job's window beyond its duration. */
  private static int slack(PlanState st, int j) {
    return st.deadline[j] - st.release[j] - st.duration[j];
  }

  /**
   * Per job, how many (hub, start) placements it has on its own in an empty plan (for an
   * interruptible job, per hub: fitting slots - duration + 1): how easily it moves elsewhere.
   */
  static int[] placements(PlanState st) {
    int[] out = new int[st.jobCount];
    for (int j = 0; j < st.jobCount; j++) {
      int d = st.duration[j];
      for (int h : st.allowed[j]) {
        int run = 0;
        int count = 0;
        for (int s = st.release[j]; s < st.deadline[j]; s++) {
          boolean fits = st.fits(j, h, s);
          run = fits ? run + 1 : 0;
          count += fits ? 1 : 0;
          if (!st.interruptible[j] && run >= d) {
            out[j]++;
          }
        }
        if (st.interruptible[j]) {
          out[j] += Math.max(0, count - d + 1);
        }
      }
    }
    return out;
  }

  /**
   * A finished schedule with what the portfolio compares: quotas met (per tenant and fairness
   * window), placed priority, planned emissions.
   */
  private static final class Candidate {
    final Schedule schedule;
    final boolean[] quotaMet;
    final long placedPriority;
    final double plannedGrams;

    Candidate(Problem problem, Schedule schedule) {
      this.schedule = schedule;
      Evaluation e = Evaluator.evaluate(problem, schedule);
      List<TenantWindowResult> windows = e.tenants().stream().flatMap(t -> t.windows().stream()).toList();
      quotaMet = new boolean[windows.size()];
      for (int i = 0; i < quotaMet.length; i++) {
        quotaMet[i] = windows.get(i).quotaMet();
      }
      long sum = 0;
      for (Assignment a : schedule.assignments()) {
        sum += problem.job(a.job()).priority();
      }
      placedPriority = sum;
      plannedGrams = e.plannedEmissionsGrams().orElse(e.emissionsGrams());
    }

    /**
     * {@code other} when it meets every quota this one meets and places more priority, or as much
     * and emits less on the planning intensities; else this.
     */
    Candidate orBetter(Candidate other) {
      for (int i = 0; i < quotaMet.length; i++) {
        if (quotaMet[i] && !other.quotaMet[i]) {
          return this;
        }
      }
      if (other.placedPriority != placedPriority) {
        return other.placedPriority > placedPriority ? other : this;
      }
      return other.plannedGrams < plannedGrams ? other : this;
    }
  }

  @Override
  public String toString() {
    return NAME + "(portfolio=" + options.portfolio() + ", improvementRounds=" + options.improvementRounds() + ")";
  }
}
