package dev.fairshift.solver.optaplanner;

import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.PricedStarts;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.optaplanner.internal.Solve;
import dev.fairshift.solver.optaplanner.internal.SolveHooks;
import dev.fairshift.solver.optaplanner.internal.SolverRun;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.optaplanner.core.config.solver.EnvironmentMode;

/**
 * Local-search scheduling with OptaPlanner (Bavet constraint streams): starts from a warm-start
 * schedule (or a construction heuristic) and improves it until a time limit, an unimproved-time
 * limit or a limit on score calculations.
 *
 * <p>The model: one planning entity per job with its hub (unscheduled allowed) and start slot as
 * planning variables, their value ranges restricted to the job's allowed hubs where it fits and its
 * feasible starts; an interruptible job runs in one planning entity per slot, all on the job's hub.
 * Constraints and units:
 * <ul>
 *   <li>hard: hub capacity and power cap per slot, release and deadline, data residency, a slot used
 *       twice, tenant maximum share (each unit over costs total capacity + 1), guaranteed tenant
 *       quotas (each missing unit-slot costs 1, so rules are never traded for quotas); both tenant
 *       rules per fairness window when a tenant has a {@code fairnessWindowSlots};
 *   <li>medium: unscheduled jobs, weighted by priority;
 *   <li>soft, in milligrams CO2e-equivalent: grid emissions per hub and slot with on-site renewables
 *       used first, data-transfer emissions, energy cost at the problem's carbon price (10^6 / price
 *       grams per currency unit; ignored when emissions are unpriced) and a weighted fair-share term
 *       for capacity beyond the guarantees.
 * </ul>
 * The soft emission constraints equal the {@link dev.fairshift.core.Evaluator}'s emissions (on the
 * intensities solvers plan on) to within a milligram per hub-slot and moved job.
 *
 * <p>Every result is checked by the Evaluator; should the solver's schedule break a hard rule, the
 * warm start (if feasible) or a repaired schedule is returned and {@link OptaPlannerResult#fallback()}
 * says so.
 *
 * <pre>{@code
 * OptaPlannerScheduler solver = OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
 *     .timeLimit(Duration.ofSeconds(30))
 *     .unimprovedTimeLimit(Duration.ofSeconds(5))
 *     .warmStart(greedy)
 *     .seed(42)
 *     .build());
 * OptaPlannerResult result = solver.solve(problem);
 * System.out.println(result.explanation());
 * }</pre>
 *
 * <p>Immutable and thread-safe: each solve builds its own OptaPlanner solver, so one instance may
 * solve many problems concurrently. For a given seed, results are reproducible when the run ends by
 * its score calculation limit (a time limit ends it after as many moves as the machine managed).
 */
public final class OptaPlannerScheduler implements Scheduler {
  /** The solver name written into schedules. */
  public static final String NAME = "optaplanner";

  private final Config config;

  private OptaPlannerScheduler(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A scheduler with {@code config}. */
  public static OptaPlannerScheduler create(Config config) {
    return new OptaPlannerScheduler(config);
  }

  /** A scheduler with {@link Config#defaults()}. */
  public static OptaPlannerScheduler withDefaults() {
    return new OptaPlannerScheduler(Config.defaults());
  }

  /** Its configuration. */
  public Config config() {
    return config;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Solves {@code problem} and returns only the schedule; see {@link #solve(Problem)}. */
  @Override
  public Schedule schedule(Problem problem) {
    return solve(problem).schedule();
  }

  /**
   * Solves {@code problem}, warm-starting from the configured {@link Config#warmStart()} scheduler
   * when there is one, else from a construction heuristic.
   */
  public OptaPlannerResult solve(Problem problem) {
    Objects.requireNonNull(problem, "problem");
    Optional<Schedule> initial = config.warmStart().map(s -> s.schedule(problem));
    return run(problem, initial, SolveHooks.NONE);
  }

  /**
   * Solves {@code problem} like {@link #solve(Problem)}, watched and stoppable from other threads
   * through {@code control}: it sees the warm start and then every better schedule, and
   * {@link SolveControl#stop()} ends the search with the best schedule so far.
   */
  public OptaPlannerResult solve(Problem problem, SolveControl control) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(control, "control");
    Optional<Schedule> initial = config.warmStart().map(s -> s.schedule(problem));
    initial.ifPresent(s -> control.offerWarmStart(new Schedule(NAME, s.assignments(), s.unscheduled())));
    return run(problem, initial, control.hooks());
  }

  /**
   * Solves {@code problem} starting from {@code initial}: each job takes its place there when that
   * place is within its allowed hubs and feasible starts, and starts unscheduled otherwise.
   */
  public OptaPlannerResult solve(Problem problem, Schedule initial) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(initial, "initial");
    return run(problem, Optional.of(initial), SolveHooks.NONE);
  }

  /** The least time limit at which a solve spends part of it on priced starts ({@link PricedStarts}). */
  static final Duration PRICED_STARTS_MIN_TIME = Duration.ofSeconds(2);
  /** The share of the time limit priced starts may take; the local search gets the rest. */
  static final double PRICED_STARTS_SHARE = 0.7;

  private OptaPlannerResult run(Problem problem, Optional<Schedule> initial, SolveHooks hooks) {
    Duration timeLimit = config.timeLimit();
    PricedStarts.Result starts = null;
    if (config.pricedStarts() && initial.isPresent() && config.scoreCalculationLimit().isEmpty() && config.objective() == Objective.EMISSIONS
        && timeLimit.compareTo(PRICED_STARTS_MIN_TIME) >= 0) {
      // Part of the time limit on more starts: greedy's priced plan at other prices (PricedStarts); the
      // local search starts from the best and gets what is left.
      starts = PricedStarts.best(problem, initial.get(),
          Duration.ofMillis((long) (timeLimit.toMillis() * PRICED_STARTS_SHARE)), hooks::stopRequested);
      initial = Optional.of(starts.schedule());
      timeLimit = timeLimit.minus(starts.elapsed());
      if (timeLimit.compareTo(Duration.ofMillis(100)) < 0) {
        timeLimit = Duration.ofMillis(100);
      }
    }
    SolverRun.Settings settings = new SolverRun.Settings(timeLimit, config.unimprovedTimeLimit(),
        config.scoreCalculationLimit(), config.seed(), config.moveThreads().moveThreadCount(),
        EnvironmentMode.REPRODUCIBLE, config.searchStrategy(), SolverRun.ScoreCalculation.INCREMENTAL,
        config.ruinAndRecreate());
    OptaPlannerResult r;
    if (config.objective() == Objective.COST || problem.carbonPricePerTonne() == 0) {
      r = Solve.run(NAME, problem, initial, settings, config.fairnessGramsPerUnitSlot(), config.explanationLimit(),
          hooks);
    } else {
      // Emissions first: the model leaves energy cost out of the soft score when emissions are unpriced.
      Problem unpriced = problem.toBuilder().carbonPricePerTonne(0).build();
      r = Solve.run(NAME, unpriced, initial, settings, config.fairnessGramsPerUnitSlot(), config.explanationLimit(),
          hooks);
      r = new OptaPlannerResult(r.schedule(), r.score(), r.constraints(), r.unmetQuotas(),
          Evaluator.evaluate(problem, r.schedule()), r.fallback(), r.statistics());
    }
    if (starts == null) {
      return r;
    }
    SolverStatistics stats = new SolverStatistics(r.statistics().timeSpent(), r.statistics().scoreCalculationCount(),
        starts.plansTried(), starts.elapsed());
    return new OptaPlannerResult(r.schedule(), r.score(), r.constraints(), r.unmetQuotas(), r.evaluation(),
        r.fallback(), stats);
  }

  /** What the soft score minimises besides the fair-share term. */
  public enum Objective {
    /**
     * Grams CO2e, grid and data transfer (the default): a carbon-aware scheduler. Energy cost is
     * left out, so a cheap but dirty hour never wins over a clean one.
     */
    EMISSIONS,
    /**
     * The Evaluator's cost: energy cost plus emissions at the problem's carbon price. At realistic
     * prices energy cost dominates (one kWh at 0.25 weighs as much as 3 kg CO2e at 80 per tonne),
     * so this trades emissions for cheaper energy. Equals {@link #EMISSIONS} when the carbon price is 0.
     */
    COST
  }

  @Override
  public String toString() {
    return "OptaPlannerScheduler" + config;
  }

  /**
   * How {@link OptaPlannerScheduler} solves. Build with {@link #builder()}. Immutable and thread-safe
   * (as long as the warm-start scheduler is).
   *
   * @param timeLimit stop after this long (default 10 s)
   * @param unimprovedTimeLimit stop when the best score has not improved for this long (default 2 s)
   * @param scoreCalculationLimit stop after this many score calculations (about one per evaluated
   *     move, construction included), so that a run does not depend on machine speed (default none)
   * @param seed random seed; the same seed gives the same result for runs ended by the score
   *     calculation limit (default 0)
   * @param moveThreads extra threads to evaluate moves (default none)
   * @param warmStart a scheduler whose schedule the search starts from (default {@link Scheduler#greedy()};
   *     {@link Builder#noWarmStart()} starts from OptaPlanner's construction
   *     heuristic instead)
   * @param fairnessGramsPerUnitSlot scale of the fair-share term: moving one unit-slot to a tenant
   *     whose weighted usage beyond its guarantee is lower by a fraction f of the total capacity is
   *     worth 2 x f x this many grams CO2e (default 1000)
   * @param explanationLimit how many of the costliest matches to report per constraint (default 5)
   * @param searchStrategy how local search accepts moves (default late acceptance)
   * @param objective what the soft score minimises besides fairness (default {@link Objective#EMISSIONS})
   * @param ruinAndRecreate whether local search also uses the moves that make room across hubs
   *     (default true): ruin and recreate (a few related jobs, same hubs and time, put back at their
   *     best marginal positions), ruin of one slot across a job's hubs recreated by regret insertion,
   *     and ejection (a job into a full hub, the jobs in its way out and back by regret insertion)
   * @param pricedStarts whether a solve with a warm start, a time limit of at least 2 s, no score
   *     calculation limit and the {@link Objective#EMISSIONS} objective first spends up to 70 % of its
   *     time limit on greedy's priced plan at other prices ({@link PricedStarts}), the local search
   *     starting from the best (default true; up to 2,000 jobs)
   */
  public record Config(
      Duration timeLimit,
      Optional<Duration> unimprovedTimeLimit,
      OptionalLong scoreCalculationLimit,
      long seed,
      MoveThreads moveThreads,
      Optional<Scheduler> warmStart,
      double fairnessGramsPerUnitSlot,
      int explanationLimit,
      SearchStrategy searchStrategy,
      Objective objective,
      boolean ruinAndRecreate,
      boolean pricedStarts) {

    public Config {
      Objects.requireNonNull(timeLimit, "timeLimit");
      Objects.requireNonNull(unimprovedTimeLimit, "unimprovedTimeLimit");
      Objects.requireNonNull(scoreCalculationLimit, "scoreCalculationLimit");
      Objects.requireNonNull(moveThreads, "moveThreads");
      Objects.requireNonNull(warmStart, "warmStart");
      Objects.requireNonNull(searchStrategy, "searchStrategy");
      Objects.requireNonNull(objective, "objective");
      positive("timeLimit", timeLimit);
      unimprovedTimeLimit.ifPresent(d -> positive("unimprovedTimeLimit", d));
      if (scoreCalculationLimit.isPresent() && scoreCalculationLimit.getAsLong() < 0) {
        throw new IllegalArgumentException("Config scoreCalculationLimit is " + scoreCalculationLimit.getAsLong()
            + " but must be at least 0. Maybe leave it unset to stop on time only.");
      }
      if (!Double.isFinite(fairnessGramsPerUnitSlot) || fairnessGramsPerUnitSlot < 0) {
        throw new IllegalArgumentException("Config fairnessGramsPerUnitSlot is " + fairnessGramsPerUnitSlot
            + " but must be a finite number >= 0. Maybe use 0 to ignore the fair share beyond guarantees.");
      }
      if (explanationLimit < 0) {
        throw new IllegalArgumentException("Config explanationLimit is " + explanationLimit
            + " but must be at least 0.");
      }
    }

    private static void positive(String name, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("Config " + name + " is " + d
            + " but must be positive. Maybe use Duration.ofSeconds(10).");
      }
    }

    /**
     * The defaults: 10 s, 2 s unimproved, no score calculation limit, seed 0, no move threads, no
     * warm start, late acceptance.
     */
    public static Config defaults() {
      return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
      return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
      Builder b = new Builder();
      b.timeLimit = timeLimit;
      b.unimprovedTimeLimit = unimprovedTimeLimit;
      b.scoreCalculationLimit = scoreCalculationLimit;
      b.seed = seed;
      b.moveThreads = moveThreads;
      b.warmStart = warmStart;
      b.fairnessGramsPerUnitSlot = fairnessGramsPerUnitSlot;
      b.explanationLimit = explanationLimit;
      b.searchStrategy = searchStrategy;
      b.objective = objective;
      b.ruinAndRecreate = ruinAndRecreate;
      b.pricedStarts = pricedStarts;
      return b;
    }

    /** A builder of {@link Config}; setters validate. Not thread-safe. */
    public static final class Builder {
      private Duration timeLimit = Duration.ofSeconds(10);
      private Optional<Duration> unimprovedTimeLimit = Optional.of(Duration.ofSeconds(2));
      private OptionalLong scoreCalculationLimit = OptionalLong.empty();
      private long seed;
      private MoveThreads moveThreads = MoveThreads.none();
      private Optional<Scheduler> warmStart = Optional.of(Scheduler.greedy());
      private double fairnessGramsPerUnitSlot = 1000.0;
      private int explanationLimit = 5;
      private SearchStrategy searchStrategy = SearchStrategy.LATE_ACCEPTANCE;
      private Objective objective = Objective.EMISSIONS;
      private boolean ruinAndRecreate = true;
      private boolean pricedStarts = true;

      private Builder() {}

      /** Stop after {@code limit}. */
      public Builder timeLimit(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        positive("timeLimit", limit);
        this.timeLimit = limit;
        return this;
      }

      /** Stop when the best score has not improved for {@code limit}. */
      public Builder unimprovedTimeLimit(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        positive("unimprovedTimeLimit", limit);
        this.unimprovedTimeLimit = Optional.of(limit);
        return this;
      }

      /** Never stop for lack of improvement; only the time or step limit ends the run. */
      public Builder noUnimprovedTimeLimit() {
        this.unimprovedTimeLimit = Optional.empty();
        return this;
      }

      /**
       * Stop after {@code count} score calculations, about one per evaluated move (0: keep the
       * warm-start schedule as it is, apart from the last insertion pass that puts in every job left
       * out that fits). Runs ended this way are reproducible for a given seed.
       */
      public Builder scoreCalculationLimit(long count) {
        if (count < 0) {
          throw new IllegalArgumentException("scoreCalculationLimit is " + count
              + " but must be at least 0. Maybe use 100000 for a short reproducible run.");
        }
        this.scoreCalculationLimit = OptionalLong.of(count);
        return this;
      }

      public Builder seed(long seed) {
        this.seed = seed;
        return this;
      }

      public Builder moveThreads(MoveThreads threads) {
        this.moveThreads = Objects.requireNonNull(threads, "threads");
        return this;
      }

      /** Start from {@code scheduler}'s schedule, e.g. the greedy scheduler. */
      public Builder warmStart(Scheduler scheduler) {
        this.warmStart = Optional.of(Objects.requireNonNull(scheduler, "scheduler"));
        return this;
      }

      /** Start from a construction heuristic. */
      public Builder noWarmStart() {
        this.warmStart = Optional.empty();
        return this;
      }

      /** The fair-share scale, see {@link Config#fairnessGramsPerUnitSlot()}. */
      public Builder fairnessGramsPerUnitSlot(double grams) {
        if (!Double.isFinite(grams) || grams < 0) {
          throw new IllegalArgumentException("fairnessGramsPerUnitSlot is " + grams
              + " but must be a finite number >= 0.");
        }
        this.fairnessGramsPerUnitSlot = grams;
        return this;
      }

      /** How many of the costliest matches to report per constraint. */
      public Builder explanationLimit(int limit) {
        if (limit < 0) {
          throw new IllegalArgumentException("explanationLimit is " + limit + " but must be at least 0.");
        }
        this.explanationLimit = limit;
        return this;
      }

      /** How local search accepts moves, see {@link SearchStrategy}. */
      public Builder searchStrategy(SearchStrategy strategy) {
        this.searchStrategy = Objects.requireNonNull(strategy, "strategy");
        return this;
      }

      /** What the soft score minimises besides fairness, see {@link Objective}. */
      public Builder objective(Objective objective) {
        this.objective = Objects.requireNonNull(objective, "objective");
        return this;
      }

      /** Whether to spend part of the time limit on priced starts first (see {@link Config#pricedStarts()}). */
      public Builder pricedStarts(boolean on) {
        this.pricedStarts = on;
        return this;
      }

      /**
       * Whether local search also uses ruin-and-recreate moves (default true); off, it moves and
       * swaps one or two jobs at a time only, as before these moves existed.
       */
      public Builder ruinAndRecreate(boolean on) {
        this.ruinAndRecreate = on;
        return this;
      }

      public Config build() {
        return new Config(timeLimit, unimprovedTimeLimit, scoreCalculationLimit, seed, moveThreads, warmStart,
            fairnessGramsPerUnitSlot, explanationLimit, searchStrategy, objective, ruinAndRecreate, pricedStarts);
      }
    }
  }
}
