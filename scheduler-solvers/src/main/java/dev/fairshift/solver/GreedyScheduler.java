package dev.fairshift.solver;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.TenantWindowResult;
import dev.fairshift.solver.bound.ShadowPrices;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.Supplier;

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
 *       retried, all within {@link GreedyOptions#IMPROVEMENT_WORK_BUDGET} hub-slots of work. A last
 *       try follows, then every job still out gets its reason, true of the final plan.
 *   <li><b>Restarts</b> ({@link GreedyOptions#restarts()}, bounded by
 *       {@link GreedyOptions#RESTART_JOB_BUDGET}): construction and improvement again from a new order,
 *       the jobs the last one left out first (packing congested and power-capped hubs with the jobs that
 *       must go there), else equal-priority neighbours swapped at random from a fixed seed; the best is
 *       kept, compared like the portfolio below.
 *   <li><b>Portfolio</b>, when {@link GreedyOptions#portfolio()}: two more candidates, the ASAP
 *       schedule and the ASAP schedule improved as above, replace the result in turn when they meet
 *       every quota it meets (per tenant and fairness window) and place more priority, or as much
 *       priority and emit less on the
 *       planning intensities (the {@link Evaluator}'s numbers, computed on the plans in its arithmetic,
 *       so that only the schedule returned is built). So whenever ASAP places every job, greedy places
 *       every job too and emits no more than ASAP.
 *   <li><b>Packing</b>, up to {@link GreedyOptions#PACKING_JOB_LIMIT} jobs (where packing small,
 *       power-capped or solar-fed clean hubs decides): the first restart takes the least flexible jobs
 *       first ({@link #flexibleOrder}), and, when the first construction left jobs out, one more the
 *       smallest first within each priority class ({@link #compactOrder}); every improvement ends
 *       with {@link EjectionImprove}'s ejection moves (a job goes to its cleanest position in an empty
 *       hub, the jobs in its way to their cheapest, kept only when the plan emits less); and the
 *       schedule chosen gets a final polish of those moves and pairwise exchanges, then {@link HubRepack}'s exact repacks (which jobs run
 *       at a clean hub in a window of slots, or around a job that would emit less at another hub but
 *       does not fit there), then {@link WindowReassign}'s exact reassignments of a few jobs starting
 *       in a window between every hub or two hubs (each in its own slots), then, up to 40 jobs,
 *       {@link HubRetime}'s exact re-timings of clean hubs (starts, and who joins). All bounded by
 *       counted work, never unplacing a job.
 *   <li><b>Regret</b>, up to {@link GreedyOptions#PACKING_JOB_LIMIT} jobs when there are restarts: a
 *       second plan from {@link RegretConstruction} (within each priority class, the job that would
 *       lose most by not getting its cheapest hub goes first), improved and polished like the chosen
 *       one on the same budgets.
 *   <li><b>Priced regret</b>, where there is a regret plan: a third plan from the same regret
 *       insertion, with each job's cost at a hub its marginal emissions plus what it takes there (units,
 *       kW under a power cap, on-site supply) priced by {@link ShadowPrices} (the Lagrangian bound's
 *       multipliers, {@link GreedyOptions#PRICE_ITERATIONS} iterations, the better plan so far as the
 *       step target), improved and polished the same way. It looks ahead: a small clean hub's room and
 *       a solar-fed hub's sunshine go to the jobs that save most by them, not to the first that wants
 *       them. Skipped when the problem alone proves that no schedule runs every job.
 *   <li><b>Priority trades</b> ({@link PriorityTrades}) on each plan; the best, compared like the
 *       portfolio, is returned.
 * </ol>
 *
 * <p>Scale: searches skip, in O(log slots), every hub that has the job's units free in no slot of its
 * window (a per-hub segment tree of free units), the ejection repair finds the jobs in a hub-slot
 * from per hub-slot lists, orders are sorted on primitives, and only the returned schedule's reasons
 * are written (naming at most {@value UnplacedReason#MAX_LISTED_HUBS} hubs each). A million jobs on 64
 * hubs fit in 4 GB with the problem.
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
    Plans plans = plan(problem);
    if (options.improvementRounds() == 0) {
      return plans.chosen();
    }
    // Priority trades (PriorityTrades): last, on each plan; they only ever place more priority, and
    // may place more on one plan than on the other, so the plans are compared after them.
    Candidate best = new Candidate(problem, PriorityTrades.improve(problem, plans.chosen(), NAME));
    if (plans.regret() != null) {
      best = best.orBetter(new Candidate(problem, PriorityTrades.improve(problem, plans.regret(), NAME)));
    }
    Schedule priced = pricedPlan(problem, best.plannedGrams);
    if (priced != null) {
      best = best.orBetter(new Candidate(problem, PriorityTrades.improve(problem, priced, NAME)));
    }
    return best.result.get();
  }

  /** The plan chosen among the constructions, and the regret construction's (null when there is none). */
  private record Plans(Schedule chosen, Schedule regret) {}

  private Plans plan(Problem problem) {
    final PlanState st = new PlanState(problem);
    int[] placements = options.improvementRounds() > 0 ? placements(st) : null;
    CheapestPlacement search = new CheapestPlacement(st);
    int[] order = mainOrder(st);
    int[] sequence = construct(st, search, order);
    long constructionWork = search.work;
    improve(st, search, sequence, placements);
    int restarts = Math.min(options.restarts(), GreedyOptions.RESTART_JOB_BUDGET / Math.max(1, st.jobCount) - 1);
    if (options.restarts() > 0 && st.jobCount <= GreedyOptions.PACKING_JOB_LIMIT) {
      restarts = Math.max(restarts, 1); // at least the least-flexible-first order
    }
    if (!options.portfolio()) {
      Schedule greedy = finish(st, sequence);
      return new Plans(polish(problem, restarts > 0 ? restart(problem, st, order, placements, greedy, restarts) : greedy,
          placements, constructionWork), regretPlan(problem, order, placements, constructionWork));
    }
    // Candidates are measured on their plans (the Evaluator's numbers, computed as it does); only the
    // schedule returned is built, with its reasons (a million of them would not fit beside the others).
    Candidate best;
    if (restarts > 0) {
      Schedule greedy = restart(problem, st, order, placements, finish(st, sequence), restarts);
      best = new Candidate(problem, greedy);
    } else {
      best = new Candidate(st, () -> finish(st, sequence));
    }

    // One ASAP plan serves both: measured as it is, then improved.
    PlanState seeded = new PlanState(problem);
    AsapScheduler.plan(seeded, null);
    Candidate asap = new Candidate(seeded, () -> {
      // ASAP's own reasons, as AsapScheduler gives them (said when each job was turned away).
      PlanState again = new PlanState(problem);
      String[] reasons = new String[again.jobCount];
      AsapScheduler.plan(again, reasons);
      return again.toSchedule(NAME, reasons);
    });
    // The main order depends on the jobs alone: the construction's serves (restarts work on a copy).
    improve(seeded, new CheapestPlacement(seeded), order, placements);
    best = best.orBetter(new Candidate(seeded, () -> finish(seeded, order)));
    best = best.orBetter(asap);
    return new Plans(polish(problem, best.result.get(), placements, constructionWork),
        regretPlan(problem, order, placements, constructionWork));
  }

  /**
   * The regret construction's plan ({@link RegretConstruction}), improved and polished like the chosen
   * one on the same budgets; null without improvement rounds or restarts, or above
   * {@link GreedyOptions#PACKING_JOB_LIMIT} jobs.
   */
  private Schedule regretPlan(Problem problem, int[] order, int[] placements, long constructionWork) {
    if (options.improvementRounds() == 0 || options.restarts() == 0
        || problem.jobs().size() > GreedyOptions.PACKING_JOB_LIMIT) {
      return null;
    }
    PlanState st = new PlanState(problem);
    CheapestPlacement search = new CheapestPlacement(st);
    int[] sequence = RegretConstruction.construct(st, search, order);
    improve(st, search, sequence, placements);
    return polish(problem, finish(st, sequence), placements, constructionWork);
  }

  /**
   * The priced construction's plan: {@link RegretConstruction} with the room each placement takes
   * priced by {@link ShadowPrices} ({@link GreedyOptions#PRICE_ITERATIONS} iterations of the
   * Lagrangian, {@code incumbentGrams} as its step target), improved and polished like the others;
   * null where {@link #regretPlan} has none, or when the problem alone proves that no schedule runs
   * every job (there are no finite prices then).
   */
  private Schedule pricedPlan(Problem problem, double incumbentGrams) {
    if (options.improvementRounds() == 0 || options.restarts() == 0
        || problem.jobs().size() > GreedyOptions.PACKING_JOB_LIMIT) {
      return null;
    }
    return ShadowPrices.of(problem, GreedyOptions.PRICE_ITERATIONS, OptionalDouble.of(incumbentGrams))
        .map(prices -> pricedPlan(problem, prices)).orElse(null);
  }

  /**
   * The plan of {@link RegretConstruction} with the room priced by {@code prices}, improved and
   * polished (up to {@link GreedyOptions#PACKING_JOB_LIMIT} jobs) like greedy's other plans, before
   * the priority trades.
   */
  Schedule pricedPlan(Problem problem, ShadowPrices prices) {
    PlanState st = new PlanState(problem);
    int[] placements = options.improvementRounds() > 0 ? placements(st) : null;
    CheapestPlacement search = new CheapestPlacement(st);
    int[] sequence = RegretConstruction.construct(st, search, mainOrder(st), prices);
    long constructionWork = search.work;
    improve(st, search, sequence, placements);
    return polish(problem, finish(st, sequence), placements, constructionWork);
  }

  /**
   * The schedule chosen, improved by {@link EjectionImprove} with pairwise exchanges within
   * {@link GreedyOptions#POLISH_WORK_BUDGET}; the same schedule when nothing improved (or with no
   * improvement rounds). The same jobs stay placed, each in a position that keeps every hard rule.
   */
  private Schedule polish(Problem problem, Schedule chosen, int[] placements, long constructionWork) {
    if (options.improvementRounds() == 0 || problem.jobs().size() > GreedyOptions.PACKING_JOB_LIMIT) {
      return chosen;
    }
    PlanState st = new PlanState(problem);
    for (Assignment a : chosen.assignments()) {
      int[] slots = a.slots().stream().mapToInt(Integer::intValue).toArray();
      st.place(problem.jobIndex(a.job()), problem.hubIndex(a.hub()), slots, slots.length);
    }
    CheapestPlacement search = new CheapestPlacement(st);
    st.indexJobs();
    EjectionImprove improve = new EjectionImprove(st, search, placements);
    improve.run(Math.min(GreedyOptions.IMPROVEMENT_WORK_BUDGET,
        Math.max(constructionWork, 1) * GreedyOptions.POLISH_WORK_JOBS / Math.max(st.jobCount, 1)), true);
    st.dropJobIndex();
    // Exact repacks of clean hubs' windows (HubRepack): hubs only, each kept only when the plan emits less.
    HubRepack repack = new HubRepack(st);
    repack.run(Math.min(GreedyOptions.IMPROVEMENT_WORK_BUDGET, Math.max(constructionWork, 1) * GreedyOptions.REPACK_WORK_FACTOR));
    // Exact reassignments of a few jobs between hubs (WindowReassign): hubs only, each kept only when
    // the plan emits less.
    WindowReassign reassign = new WindowReassign(st);
    reassign.run(Math.min(GreedyOptions.REASSIGN_WORK_BUDGET,
        Math.max(constructionWork, 1) * GreedyOptions.REASSIGN_WORK_FACTOR));
    // Then HubRepack's repacks around insertions, on a budget of their own.
    repack.insertAll(Math.min(GreedyOptions.IMPROVEMENT_WORK_BUDGET,
        Math.max(constructionWork, 1) * GreedyOptions.REPACK_WORK_FACTOR));
    // On small problems, exact re-timings of clean hubs (HubRetime): starts and who joins.
    HubRetime retime = new HubRetime(st);
    retime.run(GreedyOptions.RETIME_WORK_BUDGET);
    if (improve.moves == 0 && repack.moves == 0 && reassign.moves == 0 && retime.moves == 0) {
      return chosen;
    }
    // Moves may have made room: every job still out is tried again, then gets a reason true of the
    // final plan.
    int[] sequence = new int[st.jobCount];
    Arrays.setAll(sequence, j -> j);
    for (int j : sequence) {
      if (!st.placed(j)) {
        tryPlace(st, search, j);
      }
    }
    return finish(st, sequence);
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
      if (r == 0) {
        // The least flexible jobs first: those with the fewest places to go (residency, power caps,
        // no slack) take the scarce clean capacity before the flexible ones crowd it.
        PlanState st = new PlanState(problem);
        CheapestPlacement search = new CheapestPlacement(st);
        int[] sequence = construct(st, search, flexibleOrder(st, placements != null ? placements : placements(st)));
        improve(st, search, sequence, placements);
        best = best.orBetter(new Candidate(problem, finish(st, sequence)));
        if (!first.allPlaced()) {
          // Congested: within each priority class the smallest jobs first (fewest unit-slots), which
          // fits the most of each class into the room there is.
          PlanState small = new PlanState(problem);
          CheapestPlacement smallSearch = new CheapestPlacement(small);
          int[] smallSequence = construct(small, smallSearch, compactOrder(small));
          improve(small, smallSearch, smallSequence, placements);
          best = best.orBetter(new Candidate(problem, finish(small, smallSequence)));
        }
        continue;
      }
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
    return best.result.get();
  }

  /** The quota phase then the main phase; returns every job in the order it was tried. */
  static int[] construct(PlanState st, CheapestPlacement search, int[] order) {
    int[] sequence = new int[st.jobCount];
    boolean[] queued = new boolean[st.jobCount];
    int n = quotaPhase(st, search, sequence, queued);
    for (int j : order) {
      if (!queued[j]) {
        tryPlace(st, search, j);
        sequence[n++] = j;
      }
    }
    return sequence;
  }

  /**
   * The quota phase: each job of a tenant with a guaranteed share, in {@link #quotaOrder}, tried while
   * its window is short of the guarantee. Each job tried is marked in {@code tried} and written to
   * {@code sequence} from its start; returns how many.
   */
  static int quotaPhase(PlanState st, CheapestPlacement search, int[] sequence, boolean[] tried) {
    int n = 0;
    for (int j : quotaOrder(st)) {
      if (!st.quotaMet(j)) {
        tryPlace(st, search, j);
        tried[j] = true;
        sequence[n++] = j;
      }
    }
    return n;
  }

  /**
   * Ejection repair of the left-out jobs, then the remove-and-reinsert rounds, then a last try for
   * every job still out. Never unschedules a job.
   */
  void improve(PlanState st, CheapestPlacement search, int[] sequence, int[] placements) {
    long start = search.work;
    long constructionWork = Math.max(1, search.work);
    if (options.improvementRounds() > 0) {
      EjectionRepair repair = new EjectionRepair(st, search, placements);
      st.indexJobs();
      for (int j : sequence) {
        if (repair.work + search.work - start > GreedyOptions.IMPROVEMENT_WORK_BUDGET) {
          break;
        }
        if (!st.placed(j)) {
          repair.tryPlace(j);
        }
      }
      st.dropJobIndex();
      start -= repair.work;
    }
    int[] saved = new int[st.slotCount];
    rounds:
    for (int round = 0; round < options.improvementRounds(); round++) {
      for (int j : sequence) {
        if (search.work - start > GreedyOptions.IMPROVEMENT_WORK_BUDGET) {
          break rounds;
        }
        if (st.placed(j)) {
          reinsert(st, search, j, saved);
        } else {
          tryPlace(st, search, j);
        }
      }
    }
    if (options.improvementRounds() > 0 && st.jobCount <= GreedyOptions.PACKING_JOB_LIMIT) {
      long used = search.work - start;
      if (used < GreedyOptions.IMPROVEMENT_WORK_BUDGET) {
        st.indexJobs();
        new EjectionImprove(st, search, placements).run(
            Math.min(GreedyOptions.EJECTION_WORK_FACTOR * constructionWork, GreedyOptions.IMPROVEMENT_WORK_BUDGET - used), false);
        st.dropJobIndex();
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
  static void reinsert(PlanState st, CheapestPlacement search, int j, int[] saved) {
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
    int n = 0;
    int[] jobs = new int[st.jobCount];
    for (int j = 0; j < st.jobCount; j++) {
      if (st.guaranteed(j)) {
        jobs[n++] = j;
      }
    }
    int[] order = Arrays.copyOf(jobs, n);
    sort(order, st, false);
    return order;
  }

  /**
   * Higher priority first, then fewer unit-slots (units x duration), then {@link #mainOrder}'s order:
   * the most jobs of each class into congested room.
   */
  static int[] compactOrder(PlanState st) {
    int[] main = mainOrder(st);
    int[] rank = new int[st.jobCount];
    for (int i = 0; i < main.length; i++) {
      rank[main[i]] = i;
    }
    Integer[] jobs = new Integer[st.jobCount];
    Arrays.setAll(jobs, j -> j);
    Arrays.sort(jobs, (a, b) -> {
      if (st.priority[a] != st.priority[b]) {
        return Integer.compare(st.priority[b], st.priority[a]);
      }
      int c = Long.compare((long) st.units[a] * st.duration[a], (long) st.units[b] * st.duration[b]);
      return c != 0 ? c : Integer.compare(rank[a], rank[b]);
    });
    int[] out = new int[jobs.length];
    Arrays.setAll(out, i -> jobs[i]);
    return out;
  }

  /**
   * The main phase's order: higher priority, then less slack, then more energy (powerKw x
   * durationSlots), then problem order.
   */
  static int[] mainOrder(PlanState st) {
    int[] order = new int[st.jobCount];
    Arrays.setAll(order, j -> j);
    sort(order, st, true);
    return order;
  }

  /**
   * The restarts' first order: fewest placements on their own first (see {@link #placements}: the
   * jobs with the fewest hubs and starts to choose from), then as {@link #mainOrder}.
   */
  static int[] flexibleOrder(PlanState st, int[] placements) {
    int[] order = new int[st.jobCount];
    Arrays.setAll(order, j -> j);
    sort(order, st, true, placements);
    return order;
  }

  /**
   * Compares jobs {@code a} and {@code b} in {@link #mainOrder} ({@code main}) or {@link #quotaOrder};
   * with {@code placements}, fewer placements first ({@link #flexibleOrder}).
   */
  private static int compare(PlanState st, boolean main, int[] placements, int a, int b) {
    int c = placements == null ? 0 : Integer.compare(placements[a], placements[b]);
    if (c != 0) {
      return c;
    }
    if (main) {
      c = Integer.compare(st.priority[b], st.priority[a]);
      if (c == 0) {
        c = Integer.compare(slack(st, a), slack(st, b));
      }
      if (c == 0) {
        c = Double.compare(-st.powerKw[a] * st.duration[a], -st.powerKw[b] * st.duration[b]);
      }
    } else {
      c = Integer.compare(slack(st, a), slack(st, b));
      if (c == 0) {
        c = Integer.compare(st.priority[b], st.priority[a]);
      }
    }
    return c != 0 ? c : Integer.compare(a, b);
  }

  /** Sorts job indices {@code a} by {@link #compare} (a merge sort on primitives: no boxing of a million indices). */
  private static void sort(int[] a, PlanState st, boolean main) {
    sort(a, st, main, null);
  }

  /** Sorts job indices {@code a} by {@link #compare}, fewer {@code placements} first when given. */
  private static void sort(int[] a, PlanState st, boolean main, int[] placements) {
    int[] b = new int[a.length];
    int[] from = a;
    int[] to = b;
    for (int width = 1; width < a.length; width *= 2) {
      for (int lo = 0; lo < a.length; lo += 2 * width) {
        int mid = Math.min(a.length, lo + width);
        int hi = Math.min(a.length, lo + 2 * width);
        int i = lo;
        int k = mid;
        int out = lo;
        while (i < mid && k < hi) {
          to[out++] = compare(st, main, placements, from[k], from[i]) < 0 ? from[k++] : from[i++];
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
    if (from != a) {
      System.arraycopy(from, 0, a, 0, a.length);
    }
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
    // A job within a hub's smallest capacity and power cap of the horizon fits every slot there on its
    // own: window - duration + 1 placements in O(1), consecutive or not.
    int[] minUnits = new int[st.hubCount];
    double[] minCapKw = new double[st.hubCount];
    for (int h = 0; h < st.hubCount; h++) {
      minUnits[h] = Integer.MAX_VALUE;
      minCapKw[h] = Double.POSITIVE_INFINITY;
      for (int s = 0; s < st.slotCount; s++) {
        minUnits[h] = Math.min(minUnits[h], st.capacityUnits[h][s]);
        minCapKw[h] = Math.min(minCapKw[h], st.powerCapKw[h][s]);
      }
    }
    for (int j = 0; j < st.jobCount; j++) {
      int d = st.duration[j];
      for (int h : st.allowed[j]) {
        if (st.units[j] <= minUnits[h] && st.pue[h] * st.powerKw[j] <= minCapKw[h] + PlanState.POWER_EPS) {
          out[j] += Math.max(0, st.deadline[j] - st.release[j] - d + 1);
          continue;
        }
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
   * A candidate schedule with what the portfolio compares: quotas met (per tenant and fairness
   * window), placed priority, planned emissions; and how to get the schedule should it win.
   */
  static final class Candidate {
    /** The schedule to return when this candidate wins (built only then). */
    final Supplier<Schedule> result;
    final boolean[] quotaMet;
    final long placedPriority;
    final double plannedGrams;

    /** A finished schedule, measured by the {@link Evaluator}. */
    Candidate(Problem problem, Schedule schedule) {
      this.result = () -> schedule;
      Evaluation e = Evaluator.evaluate(problem, schedule);
      List<TenantWindowResult> windows = e.tenants().stream().flatMap(t -> t.windows().stream()).toList();
      quotaMet = new boolean[windows.size()];
      for (int i = 0; i < quotaMet.length; i++) {
        quotaMet[i] = windows.get(i).quotaMet();
      }
      placedPriority = PriorityStage.placedPriority(problem, schedule);
      plannedGrams = e.plannedEmissionsGrams().orElse(e.emissionsGrams());
    }

    /**
     * A plan measured as the {@link Evaluator} would measure its schedule (same expressions, same
     * order: {@link PlanState#quotasMet}, {@link PlanState#plannedGrams}), without building it.
     */
    Candidate(PlanState st, Supplier<Schedule> result) {
      this.result = result;
      quotaMet = st.quotasMet();
      placedPriority = st.placedPriority();
      plannedGrams = st.plannedGrams();
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
