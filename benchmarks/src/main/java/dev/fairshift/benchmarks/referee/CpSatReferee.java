package dev.fairshift.benchmarks.referee;

import com.google.ortools.Loader;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.SatParameters;
import com.google.protobuf.TextFormat;
import dev.fairshift.benchmarks.referee.CpSatModel.Placement;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.Scheduler;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A referee: Google OR-Tools CP-SAT on an exact model of the problem Fairshift's schedulers solve with
 * their default objective, so the quality suite can show them next to a state-of-the-art general
 * solver and its own proven lower bound.
 *
 * <p>The model (see the benchmarks README for the full statement):
 * <ul>
 *   <li>a non-interruptible job has one Boolean per allowed hub and start whose consecutive run fits
 *       in {@code [release, deadline)}; an interruptible job has per allowed hub a Boolean "runs here"
 *       and one per usable slot, their sum {@code durationSlots} when it runs there. A job takes at most
 *       one placement (it may be left out). Placements where the job alone would break a hub's capacity
 *       or power cap are left out;
 *   <li>per hub and slot: &Sigma; units &le; capacityUnits; IT power &le; powerCapKw / PUE; an integer
 *       grid energy G &ge; E &minus; renewable &middot; t and G &ge; 0, E the facility energy (without
 *       renewables G = E, and each Boolean carries the emissions of its own energy);
 *   <li>per tenant: unit-slots &le; maxShare &times; total capacity, and &ge; min(demand,
 *       guaranteedShare &times; total capacity) as a hard rule;
 *   <li>objective, lexicographic like Fairshift's solvers: first place as much priority as possible,
 *       then minimise emissions &Sigma; G(h,s) &middot; planning intensity(h,s) plus, for a job moved
 *       from its origin hub, dataGb &middot; transferKwhPerGb &middot; intensity at its first slot.
 *       Solved in two stages: maximise placed priority, then fix it as a constraint and minimise
 *       emissions. The first stage is skipped when the greedy hint already places every job that fits
 *       on its own (then every such job must be placed).
 * </ul>
 * Scaling: power in milliwatts; emissions in milligrams per Boolean (each placement's emissions
 * computed in floating point and rounded once), or in nanograms when renewables need grid-energy
 * variables in milliwatt-hours (coarser powers of ten only if the largest objective would exceed
 * 2<sup>60</sup>); {@link CpSatResult#roundingGrams()} bounds the effect (under 1 g on the 1,000-job
 * quality scenarios). IT power is rounded up, caps down, so the model never allows a schedule the
 * Evaluator would reject.
 *
 * <p><b>CP-SAT settings.</b> The full-problem worker is CP-SAT's {@code max_lp} subsolver (the whole
 * linear relaxation in its LP, so its bound starts at this model's LP bound; the default worker adds
 * rows lazily and stalls about 1.5 % lower on the quality scenarios), the other workers run CP-SAT's
 * usual first-solution and LNS portfolio, and presolve is light (one iteration, no probing, no
 * symmetry, no search for shared sub-sums): the model is written tight, and full presolve took most of
 * a 10 s budget on the 1,000-job scenarios. {@link Config#satParameters()} overrides any of this.
 *
 * <p><b>Hint.</b> CP-SAT is given the greedy schedule ({@link Scheduler#greedy()}) as a complete
 * hint, so it starts no worse than greedy, as is fair for a referee with the same information. If
 * CP-SAT ends with a schedule that emits more than a hint placing as much priority, the hint is
 * returned.
 *
 * <p><b>Limits.</b> The model is counted before it is built; above {@link Config#maxBooleans()}
 * Booleans or {@link Config#maxOccupancyTerms()} occupancy terms ({@link ModelSize}) it is not built
 * and {@link #solve} returns {@link CpSatStatus#MODEL_TOO_LARGE} with the reason on every job. The
 * 1,000-job quality scenarios need 0.13 (24 h slack) to 0.38 million (72 h) Booleans.
 *
 * <p><b>Determinism.</b> With {@link Config#deterministic()} the time limit is CP-SAT's deterministic
 * time and parallel workers are interleaved, so the same problem, configuration and seed give the
 * same schedule; otherwise, with a wall-clock limit and several workers, results may vary between runs.
 *
 * <pre>{@code
 * CpSatReferee referee = CpSatReferee.create(CpSatReferee.Config.defaults().withTimeLimit(Duration.ofSeconds(10)));
 * CpSatResult r = referee.solve(problem);
 * System.out.println(r.status() + " " + r.objectiveGrams() + " >= " + r.bestBoundGrams());
 * }</pre>
 *
 * <p>Needs the OR-Tools native library, loaded on first use; the benchmarks module ships only the
 * linux-x86-64 one. Immutable and thread-safe: every solve builds its own model and solver.
 */
public final class CpSatReferee implements Scheduler {
  /** The name written in {@link Schedule#solver()}. */
  public static final String NAME = "cp-sat";

  private final Config config;

  private CpSatReferee(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A referee with {@code config}. */
  public static CpSatReferee create(Config config) {
    return new CpSatReferee(config);
  }

  /** This referee's configuration. */
  public Config config() {
    return config;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** {@link #solve(Problem)}'s schedule. */
  @Override
  public Schedule schedule(Problem problem) {
    return solve(problem).schedule();
  }

  /** The size of {@code problem}'s model, without building it (no native code). */
  public static ModelSize size(Problem problem) {
    return new CpSatModel(Objects.requireNonNull(problem, "problem")).size();
  }

  /** Solves {@code problem}: schedule, status, the model's emissions and CP-SAT's own bound. */
  public CpSatResult solve(Problem problem) {
    Objects.requireNonNull(problem, "problem");
    for (int t = 0; t < problem.tenants().size(); t++) {
      if (problem.fairnessWindows(t).size() > 1) {
        throw new IllegalArgumentException("Tenant '" + problem.tenants().get(t).id() + "' has fairness windows of "
            + problem.fairnessWindows(t).get(0).slots() + " slots; the CP-SAT referee models guaranteed and maximum "
            + "shares over the whole horizon only. Maybe referee a copy of the problem without fairnessWindowSlots.");
      }
    }
    long t0 = System.nanoTime();
    CpSatModel m = new CpSatModel(problem);
    ModelSize size = m.size();
    if (size.booleans() > config.maxBooleans() || size.occupancyTerms() > config.maxOccupancyTerms()) {
      String why = String.format(Locale.ROOT, "The CP-SAT model of %s would need %,d Booleans and %,d occupancy "
          + "terms, above the limits of %,d and %,d, so it was not built. Maybe use fewer jobs or less slack, or "
          + "raise Config.maxBooleans and maxOccupancyTerms (and the heap).", problem, size.booleans(),
          size.occupancyTerms(), config.maxBooleans(), config.maxOccupancyTerms());
      return new CpSatResult(m.toSchedule(NAME, new Placement[m.jobCount], j -> why), CpSatStatus.MODEL_TOO_LARGE,
          OptionalDouble.empty(), OptionalDouble.empty(), m.roundingGrams(), OptionalDouble.empty(), 0, false, size,
          Duration.ZERO, why);
    }
    Natives.load();

    long t1 = System.nanoTime();
    Placement[] hint = null;
    if (config.greedyHint()) {
      hint = m.placements(Scheduler.greedy().schedule(problem));
    }
    long t2 = System.nanoTime();
    boolean everyJob = hint != null && m.priorityOf(hint) == m.totalPriority();
    CpModel model = new CpModel();
    m.build(model, everyJob);
    long t3 = System.nanoTime();
    double budget = config.timeLimit().toNanos() / 1e9;
    double used = 0;
    boolean priorityProven = everyJob;
    Placement[] stageOne = null;
    StringBuilder detail = new StringBuilder(String.format(Locale.ROOT,
        "model counted in %.1f s, greedy hint %.1f s, built in %.1f s; ", (t1 - t0) / 1e9, (t2 - t1) / 1e9,
        (t3 - t2) / 1e9));

    if (!everyJob) {
      model.maximize(m.placedPriority());
      if (hint != null) {
        m.hint(model, hint);
      }
      CpSolver solver = solver(budget / 2);
      CpSolverStatus status = solver.solve(model);
      used += spent(solver);
      if (status == CpSolverStatus.MODEL_INVALID) {
        throw new IllegalStateException("CP-SAT rejected the priority model of " + problem + ": " + model.validate());
      }
      boolean solved = status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE;
      if (status == CpSolverStatus.INFEASIBLE || !solved && (hint == null || !m.feasible(hint, false))) {
        return noSchedule(m, problem, status, size, used, OptionalDouble.empty());
      }
      // Without a solution in its half of the time, the (rule-abiding) hint stands in for one.
      stageOne = solved ? m.read(solver) : hint;
      long target = solved ? Math.round(solver.objectiveValue()) : m.priorityOf(hint);
      priorityProven = status == CpSolverStatus.OPTIMAL;
      detail.append(String.format(Locale.ROOT, "priority stage %s (%d of %d) in %.1f s; ", status, target,
          m.totalPriority(), spent(solver)));
      model.clearObjective();
      model.addGreaterOrEqual(m.placedPriority(), target);
    } else {
      detail.append("priority stage skipped (the greedy hint places every job that fits alone); ");
    }

    long stageOnePriority = stageOne == null ? m.totalPriority() : m.priorityOf(stageOne);
    boolean hintUsable = hint != null && m.priorityOf(hint) >= stageOnePriority && m.feasible(hint, everyJob);
    OptionalDouble hintGrams = hintUsable ? OptionalDouble.of(m.emissionsOf(hint) * m.gramsPerUnit)
        : OptionalDouble.empty();
    Placement[] start = hintUsable && (stageOne == null || m.emissionsOf(hint) <= m.emissionsOf(stageOne))
        ? hint : stageOne;
    model.minimize(m.emissions());
    if (start != null) {
      m.hint(model, start);
    }
    CpSolver solver = solver(Math.max(0.05, budget - used));
    CpSolverStatus status = solver.solve(model);
    double stageTwo = spent(solver);
    used += stageTwo;
    if (status == CpSolverStatus.MODEL_INVALID) {
      throw new IllegalStateException("CP-SAT rejected the emissions model of " + problem + ": " + model.validate());
    }
    Placement[] best = status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE ? m.read(solver) : null;
    boolean proven = status == CpSolverStatus.OPTIMAL && priorityProven;
    if (start != null && (best == null || m.emissionsOf(start) < m.emissionsOf(best))) {
      best = start;
      proven = false;
    }
    if (best == null) {
      return noSchedule(m, problem, status, size, used, hintGrams);
    }
    double objective = m.emissionsOf(best) * m.gramsPerUnit;
    // Stopped before its search (in presolve), CP-SAT has no bound of its own to report.
    OptionalDouble bound = status == CpSolverStatus.UNKNOWN ? OptionalDouble.empty() : OptionalDouble.of(
        Math.max(0, Math.min(objective, solver.bestObjectiveBound() * m.gramsPerUnit) - m.roundingGrams()));
    CpSatStatus result = proven ? CpSatStatus.OPTIMAL : CpSatStatus.FEASIBLE;
    String leftOut = priorityProven
        ? "CP-SAT placed jobs of more total priority instead: running this one as well would break a hub's "
            + "capacity or power cap, its tenant's maxShare or another tenant's guaranteed quota."
        : "CP-SAT left it out in the best schedule it found in its time (not proven necessary). Maybe raise the "
            + "time limit.";
    Schedule schedule = m.toSchedule(NAME, best, j -> m.unplaceable(j)
        ? "Job '" + problem.jobs().get(j).id() + "' fits no allowed hub on its own within its window."
        : leftOut);
    detail.insert(0, String.format(Locale.ROOT, "CP-SAT %s, %d workers, seed %d, %,d Booleans, %,d occupancy terms: ",
        result, config.workers(), config.seed(), size.booleans(), size.occupancyTerms()));
    detail.append(String.format(Locale.ROOT, "emissions stage %s in %.1f s; %.3f kg, bound %s", status,
        stageTwo, objective / 1000, bound.isPresent()
            ? String.format(Locale.ROOT, "%.3f kg", bound.getAsDouble() / 1000) : "none (stopped in presolve)"));
    hintGrams.ifPresent(g -> detail.append(String.format(Locale.ROOT, ", greedy hint %.3f kg", g / 1000)));
    return new CpSatResult(schedule, result, OptionalDouble.of(objective), bound,
        m.roundingGrams(), hintGrams, m.priorityOf(best), priorityProven, size, seconds(used), detail.toString());
  }

  /** The result when CP-SAT found no schedule: every job left out with the reason. */
  private static CpSatResult noSchedule(CpSatModel m, Problem problem, CpSolverStatus status, ModelSize size,
      double seconds, OptionalDouble hintGrams) {
    CpSatStatus s = status == CpSolverStatus.INFEASIBLE ? CpSatStatus.INFEASIBLE : CpSatStatus.UNKNOWN;
    String why = s == CpSatStatus.INFEASIBLE
        ? "CP-SAT proved that no schedule of " + problem + " meets every hard rule and every tenant's guaranteed "
            + "quota. Maybe lower a guaranteedShare or widen its jobs' windows."
        : String.format(Locale.ROOT, "CP-SAT found no schedule of %s in %.1f s. Maybe raise the time limit.",
            problem, seconds);
    return new CpSatResult(m.toSchedule(NAME, new Placement[m.jobCount], j -> why), s, OptionalDouble.empty(),
        OptionalDouble.empty(), m.roundingGrams(), hintGrams, 0, false, size, seconds(seconds), why);
  }

  private CpSolver solver(double seconds) {
    CpSolver solver = new CpSolver();
    SatParameters.Builder p = solver.getParameters();
    p.setNumWorkers(config.workers()).setRandomSeed(config.seed())
        .addSubsolvers("max_lp")
        .setMaxPresolveIterations(1).setCpModelProbingLevel(0).setSymmetryLevel(0).setFindBigLinearOverlap(false);
    if (config.deterministic()) {
      p.setMaxDeterministicTime(seconds).setInterleaveSearch(config.workers() > 1);
    } else {
      p.setMaxTimeInSeconds(seconds);
    }
    try {
      TextFormat.merge(config.satParameters(), p);
    } catch (TextFormat.ParseException e) {
      throw new IllegalArgumentException("Config satParameters '" + config.satParameters()
          + "' are not CP-SAT parameters in text format: " + e.getMessage()
          + ". Maybe write them like 'log_search_progress: true linearization_level: 2'.", e);
    }
    return solver;
  }

  private double spent(CpSolver solver) {
    return config.deterministic() ? solver.response().getDeterministicTime() : solver.wallTime();
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }

  @Override
  public String toString() {
    return "CpSatReferee" + config;
  }

  /**
   * How the referee solves. Immutable and thread-safe.
   *
   * @param timeLimit CP-SAT's time over both stages, presolve included (model building and the greedy
   *     hint excluded); the priority stage, when it runs, gets at most half. Default 10 s
   * @param workers CP-SAT's parallel workers, default 2
   * @param seed CP-SAT's random seed, default 0
   * @param deterministic whether the time limit is CP-SAT's deterministic time with interleaved
   *     workers (repeatable) instead of wall-clock time; default false
   * @param greedyHint whether CP-SAT starts from the greedy schedule; default true
   * @param maxBooleans largest model to build, in Booleans; default 3,000,000
   * @param maxOccupancyTerms largest model to build, in (literal, hub-slot) pairs; default 30,000,000
   * @param satParameters further CP-SAT parameters in protobuf text format, applied last (e.g.
   *     {@code "log_search_progress: true"}); default empty
   */
  public record Config(
      Duration timeLimit,
      int workers,
      int seed,
      boolean deterministic,
      boolean greedyHint,
      long maxBooleans,
      long maxOccupancyTerms,
      String satParameters) {

    public Config {
      Objects.requireNonNull(timeLimit, "timeLimit");
      Objects.requireNonNull(satParameters, "satParameters");
      if (timeLimit.isNegative() || timeLimit.isZero()) {
        throw new IllegalArgumentException("Config timeLimit is " + timeLimit + ". Maybe use Duration.ofSeconds(10).");
      }
      if (workers < 1) {
        throw new IllegalArgumentException("Config workers is " + workers + ". Maybe use 2, the cores of the machine.");
      }
      if (maxBooleans < 1 || maxOccupancyTerms < 1) {
        throw new IllegalArgumentException("Config maxBooleans is " + maxBooleans + " and maxOccupancyTerms "
            + maxOccupancyTerms + ". Maybe use 3,000,000 and 30,000,000.");
      }
    }

    /**
     * 10 s, 2 workers, seed 0, wall-clock time, greedy hint, at most 3 million Booleans and 30 million
     * occupancy terms, no further parameters.
     */
    public static Config defaults() {
      return new Config(Duration.ofSeconds(10), 2, 0, false, true, 3_000_000, 30_000_000, "");
    }

    /** A copy with another time limit. */
    public Config withTimeLimit(Duration limit) {
      return new Config(limit, workers, seed, deterministic, greedyHint, maxBooleans, maxOccupancyTerms, satParameters);
    }

    /** A copy with another number of workers. */
    public Config withWorkers(int count) {
      return new Config(timeLimit, count, seed, deterministic, greedyHint, maxBooleans, maxOccupancyTerms,
          satParameters);
    }

    /** A copy with another seed. */
    public Config withSeed(int newSeed) {
      return new Config(timeLimit, workers, newSeed, deterministic, greedyHint, maxBooleans, maxOccupancyTerms,
          satParameters);
    }

    /** A copy that limits deterministic time (repeatable) or wall-clock time. */
    public Config withDeterministic(boolean on) {
      return new Config(timeLimit, workers, seed, on, greedyHint, maxBooleans, maxOccupancyTerms, satParameters);
    }

    /** A copy with or without the greedy hint. */
    public Config withGreedyHint(boolean on) {
      return new Config(timeLimit, workers, seed, deterministic, on, maxBooleans, maxOccupancyTerms, satParameters);
    }

    /** A copy with other size limits. */
    public Config withMaxSize(long booleans, long occupancyTerms) {
      return new Config(timeLimit, workers, seed, deterministic, greedyHint, booleans, occupancyTerms, satParameters);
    }

    /** A copy with further CP-SAT parameters in protobuf text format. */
    public Config withSatParameters(String parameters) {
      return new Config(timeLimit, workers, seed, deterministic, greedyHint, maxBooleans, maxOccupancyTerms,
          parameters);
    }
  }

  /** Loads OR-Tools' native library once, on first use; a failure is reported on every call. */
  private static final class Natives {
    private static boolean loaded;
    private static IllegalStateException failure;

    private Natives() {}

    static synchronized void load() {
      if (failure != null) {
        throw failure;
      }
      if (loaded) {
        return;
      }
      try {
        Loader.loadNativeLibraries();
        loaded = true;
      } catch (RuntimeException | LinkageError e) {
        failure = new IllegalStateException("Cannot load the OR-Tools native library on "
            + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ": " + e.getMessage()
            + ". Maybe run on Linux x86-64: the benchmarks module ships only the ortools-linux-x86-64 natives "
            + "(add the ortools artifact of your platform to benchmarks/pom.xml).", e);
        throw failure;
      }
    }
  }
}
