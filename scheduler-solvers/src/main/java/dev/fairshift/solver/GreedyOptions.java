package dev.fairshift.solver;

/**
 * Settings of {@link Scheduler#greedy(GreedyOptions)}. Immutable and thread-safe.
 *
 * <pre>{@code
 * Scheduler raw = Scheduler.greedy(GreedyOptions.defaults().withPortfolio(false).withImprovementRounds(0));
 * }</pre>
 *
 * @param portfolio whether to also build the ASAP schedule, and the ASAP schedule improved like the
 *     greedy one, and return the placement of one of them (still named {@code greedy}) when it meets
 *     every quota the greedy schedule meets and places more jobs (priority-weighted), or as many and
 *     emits less on the planning intensities. With it, greedy never emits more than the ASAP baseline
 *     when both schedule every job, and schedules every job whenever ASAP does. Costs about two more
 *     runs and three evaluations. Default {@code true}.
 * @param improvementRounds 0 for the construction alone; otherwise the construction is followed by an
 *     ejection repair of the jobs left out (moving the jobs in their way elsewhere, kept only when all
 *     of those find a place) and this many remove-and-reinsert rounds: each job in turn is taken out
 *     and put back in its cheapest position given all others (never worse), and jobs left out are
 *     tried again. Each round costs about as much as the construction. The repair and the rounds
 *     stop early once they have examined {@link #IMPROVEMENT_WORK_BUDGET} hub-slots (counted, so the
 *     schedule stays the same on every machine): only large problems are cut short. Up to
 *     {@link #PACKING_JOB_LIMIT} jobs the rounds are followed by ejection moves, and the schedule
 *     returned gets a final polish with pairwise exchanges ({@code EjectionImprove}); 0 skips those
 *     too. Between 0 and 100; default 1.
 * @param restarts at most this many more constructions (each with its improvement), each from a new
 *     order: the jobs the previous one left out first (so congested, power-capped hubs get packed with
 *     the jobs that must go there), or, when it placed every job, the previous order with neighbours of
 *     equal priority swapped at random (seeded: same problem, same schedule). The best by quotas met,
 *     placed priority, then planned emissions is kept. Bounded by work as well: jobs x (1 + restarts
 *     made) stays within {@link #RESTART_JOB_BUDGET}, so they cost nothing above 750 jobs (up to
 *     {@link #PACKING_JOB_LIMIT} jobs a positive value still brings the least-flexible-first restart and
 *     the regret construction's plan). Between 0 and 100; default {@value #DEFAULT_RESTARTS}.
 */
public record GreedyOptions(boolean portfolio, int improvementRounds, int restarts) {

  /** The most improvement rounds allowed. */
  public static final int MAX_IMPROVEMENT_ROUNDS = 100;
  /** The most restarts allowed. */
  public static final int MAX_RESTARTS = 100;
  /** The default number of restarts. */
  public static final int DEFAULT_RESTARTS = 30;
  /**
   * Restarts stop once jobs x constructions would exceed this: all 30 up to 48 jobs, 11 at 120, none
   * above 750 jobs, so greedy's speed at 1,000 jobs and more is that of one construction.
   */
  public static final int RESTART_JOB_BUDGET = 1_500;
  /**
   * Up to this many jobs greedy also packs (none of it above, so its speed at 10,000 jobs and more is
   * that of one construction and its improvement): a positive {@code restarts} always includes the first
   * restart, the least flexible jobs first, even where {@link #RESTART_JOB_BUDGET} allows none; each
   * improvement ends with {@code EjectionImprove}'s ejection moves within {@link #EJECTION_WORK_FACTOR}
   * x the construction's work; and the schedule chosen gets a final polish of ejection moves and
   * pairwise exchanges within construction work x {@link #POLISH_WORK_JOBS} / jobs (all counted); a
   * positive {@code restarts} also adds a second plan built by regret insertion ({@code
   * RegretConstruction}), improved, polished and traded the same way, and a third, by regret with
   * the room priced ({@link dev.fairshift.solver.bound.ShadowPrices}); the best of them is kept.
   */
  public static final int PACKING_JOB_LIMIT = 2_000;
  /**
   * Subgradient iterations of the Lagrangian whose multipliers price the room in greedy's priced
   * construction ({@link dev.fairshift.solver.bound.ShadowPrices}). On the hard family's develop
   * seeds at 1,000 jobs, 100 and 300 led to plans as good in total; which count leads to the better plan
   * differs from problem to problem by up to 10 %, and OptaPlanner tries other counts within its time
   * limit ({@link PricedStarts}).
   */
  public static final int PRICE_ITERATIONS = 100;
  /** The ejection moves after each improvement may do this many times the construction's work. */
  public static final long EJECTION_WORK_FACTOR = 10;
  /**
   * The final polish may do the construction's work x this / jobs: about 170 times the construction's
   * work at 120 jobs, 20 times at 1,000 (at most {@link #IMPROVEMENT_WORK_BUDGET}).
   */
  public static final long POLISH_WORK_JOBS = 20_000;
  /** The final polish's exact hub repacks ({@code HubRepack}) may do this many times the construction's work. */
  public static final long REPACK_WORK_FACTOR = 50;
  /**
   * The final polish's exact reassignments between hubs ({@code WindowReassign}) may do this many times
   * the construction's work, up to {@link #REASSIGN_WORK_BUDGET}.
   */
  public static final long REASSIGN_WORK_FACTOR = 500;
  /** The most work the exact reassignments may do, in branch-and-bound nodes and hub-slots: about 0.4 s of one core. */
  public static final long REASSIGN_WORK_BUDGET = 12_000_000L;
  /** The most work the exact re-timings of clean hubs ({@code HubRetime}, up to 40 jobs) may do. */
  public static final long RETIME_WORK_BUDGET = 2_000_000L;
  /**
   * The most work one improvement (ejection repair, then the rounds) may do, in hub-slots examined:
   * the repair stops trying once its work passes this, and the rounds stop once the repair's and
   * theirs together do: about 0.1 to 0.5 s of one core, so only large problems are cut short (none of
   * the quality suite's, up to 10,000 jobs). Counted, not timed: the same problem gets the same
   * schedule on any machine.
   */
  public static final long IMPROVEMENT_WORK_BUDGET = 30_000_000L;

  public GreedyOptions {
    if (improvementRounds < 0 || improvementRounds > MAX_IMPROVEMENT_ROUNDS) {
      throw new IllegalArgumentException("GreedyOptions improvementRounds must be between 0 and "
          + MAX_IMPROVEMENT_ROUNDS + " but was " + improvementRounds
          + ". Maybe use 0 to skip the improvement pass or 1 for the default.");
    }
    if (restarts < 0 || restarts > MAX_RESTARTS) {
      throw new IllegalArgumentException("GreedyOptions restarts must be between 0 and " + MAX_RESTARTS
          + " but was " + restarts + ". Maybe use 0 for one construction or " + DEFAULT_RESTARTS + " for the default.");
    }
  }

  /** Portfolio and improvement rounds as given, without restarts. */
  public GreedyOptions(boolean portfolio, int improvementRounds) {
    this(portfolio, improvementRounds, 0);
  }

  /** The defaults: portfolio safeguard on, one improvement round, {@value #DEFAULT_RESTARTS} restarts. */
  public static GreedyOptions defaults() {
    return new GreedyOptions(true, 1, DEFAULT_RESTARTS);
  }

  /** A copy with the portfolio safeguard on or off. */
  public GreedyOptions withPortfolio(boolean on) {
    return new GreedyOptions(on, improvementRounds, restarts);
  }

  /** A copy with {@code rounds} improvement rounds. */
  public GreedyOptions withImprovementRounds(int rounds) {
    return new GreedyOptions(portfolio, rounds, restarts);
  }

  /** A copy with at most {@code count} restarts. */
  public GreedyOptions withRestarts(int count) {
    return new GreedyOptions(portfolio, improvementRounds, count);
  }
}
