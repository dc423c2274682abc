package dev.fairshift.solver.bound;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.IntensityBasis;
import dev.fairshift.core.Job;
import dev.fairshift.core.JobResult;
import dev.fairshift.core.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A valid lower bound on the emissions (grid plus data transfer, in grams CO2e) of every feasible
 * schedule that runs every job of a problem, so benchmarks can say how far from optimal a schedule
 * is.
 *
 * <p>Two relaxations of the scheduling problem, both keeping on-site renewables shared (a hub's
 * renewable supply in a slot is counted once for all jobs there, never once per job):
 * <ul>
 *   <li>{@link BoundMethod#LINEAR_PROGRAM}: jobs may be split fractionally across their feasible
 *       placements; capacity, power cap and the grid energy {@code g >= E - R} stay as rows, with a
 *       chord cut per hub-slot where whole jobs cannot fill its renewables exactly (the convex envelope
 *       of the grid energy over the energy levels integer schedules can have), and an excess cut
 *       {@code g >= sum max(0, e_j - R) x_j} where a job that may run there needs more than R
 *       ({@link BoundModel#excessCut}). Solved
 *       with commons-math3's simplex when it has at most {@link Options#maxLpVariables()} variables
 *       and {@link Options#maxLpRows()} rows.
 *   <li>{@link BoundMethod#LAGRANGIAN}: those hub rows priced by multipliers, each job then taking
 *       its own cheapest window; projected subgradient ascent on the multipliers. Linear time per
 *       iteration, for large problems; its value approaches the LP's.
 * </ul>
 * In both, a non-interruptible job's placements are whole contiguous runs, places where a job does
 * not fit on its own are left out (no feasible schedule uses them), and an interruptible job's
 * transfer is charged at the lowest intensity of any slot it could start in. Tenants' maxShare
 * and fairness windows are left out of both relaxations (dropping constraints only lowers the
 * optimum); a problem is declared infeasible up front only when a tenant's total demand exceeds
 * maxShare x total capacity, which the sum of its per-window caps equals, so windows never make a
 * schedule the bound calls impossible. The validity proofs are in the implementation classes'
 * documentation.
 *
 * <pre>{@code
 * EmissionsBound bound = LowerBound.of(problem);
 * Evaluation e = Evaluator.evaluate(problem, schedule);
 * bound.gapTo(e).ifPresent(gap -> System.out.printf("at most %.1f %% above optimal%n", 100 * gap));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class LowerBound {
  private LowerBound() {}

  /**
   * The bound on every feasible schedule that runs every job, on actual intensities
   * ({@code gramsPerKwh}) with {@link Options#defaults()}. Its scope is
   * {@link BoundScope#EVERY_JOB_UNPROVEN}, or {@link BoundScope#NO_SCHEDULE_RUNS_EVERY_JOB} when the
   * problem or the LP relaxation proves that none exists. To bound a schedule you have, use
   * {@link #forSchedule(Problem, Evaluation)}.
   */
  public static EmissionsBound of(Problem problem) {
    return of(problem, Options.defaults());
  }

  /** The bound on every feasible schedule that runs every job, with {@code options}. */
  public static EmissionsBound of(Problem problem, Options options) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(options, "options");
    long t0 = System.nanoTime();
    Raw raw = compute(problem, options);
    BoundScope scope = raw.grams == Double.POSITIVE_INFINITY ? BoundScope.NO_SCHEDULE_RUNS_EVERY_JOB
        : BoundScope.EVERY_JOB_UNPROVEN;
    return new EmissionsBound(raw.grams, raw.method, options.basis(), raw.detail, scope, problem.jobs().size(),
        Duration.ofNanos(System.nanoTime() - t0));
  }

  /** {@link #forSchedule(Problem, Evaluation, Options)} with {@link Options#defaults()}. */
  public static EmissionsBound forSchedule(Problem problem, Evaluation schedule) {
    return forSchedule(problem, schedule, Options.defaults());
  }

  /**
   * The bound that applies to {@code schedule} (its {@link dev.fairshift.core.Evaluator} evaluation):
   * <ul>
   *   <li>it runs every job: the bound on every feasible schedule that runs every job, which this
   *       schedule proves exists ({@link BoundScope#EVERY_JOB_PROVEN}; its emissions also guide the
   *       Lagrangian);
   *   <li>it leaves jobs out: the bound of the problem with only the jobs it places, valid for every
   *       feasible schedule that runs at least those jobs ({@link BoundScope#PLACED_JOBS}): grid
   *       energy max(0, E - R) and transfers only grow when jobs are added, so dropping the others
   *       never raises a schedule's emissions. Nothing is claimed about running every job;
   *   <li>it breaks a hard rule: {@link BoundScope#NONE}, value NaN.
   * </ul>
   */
  public static EmissionsBound forSchedule(Problem problem, Evaluation schedule, Options options) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(options, "options");
    long t0 = System.nanoTime();
    if (!schedule.feasible()) {
      return new EmissionsBound(Double.NaN, BoundMethod.NOT_COMPUTED, options.basis(),
          "the schedule breaks " + schedule.violations().size() + " hard rule(s)", BoundScope.NONE, 0,
          Duration.ofNanos(System.nanoTime() - t0));
    }
    double grams = options.basis() == IntensityBasis.ACTUAL ? schedule.emissionsGrams()
        : schedule.plannedEmissionsGrams().orElse(schedule.emissionsGrams());
    if (schedule.unscheduledJobs() == 0) {
      Raw raw = compute(problem, options.withUpperBoundGrams(grams));
      return new EmissionsBound(Math.min(raw.grams, grams), raw.method, options.basis(), raw.detail,
          BoundScope.EVERY_JOB_PROVEN, problem.jobs().size(), Duration.ofNanos(System.nanoTime() - t0));
    }
    List<Job> placed = new ArrayList<>();
    for (JobResult j : schedule.jobs()) {
      if (j.scheduled()) {
        placed.add(problem.job(j.job()));
      }
    }
    Raw raw;
    if (placed.isEmpty()) {
      raw = new Raw(0, BoundMethod.NOT_COMPUTED, "no job placed");
    } else {
      Problem restricted = problem.toBuilder().clearJobs().jobs(placed).build();
      raw = compute(restricted, options.withUpperBoundGrams(grams));
    }
    return new EmissionsBound(Math.min(raw.grams, grams), raw.method, options.basis(),
        raw.detail + ", over the " + placed.size() + " placed jobs of " + problem.jobs().size(),
        BoundScope.PLACED_JOBS, placed.size(), Duration.ofNanos(System.nanoTime() - t0));
  }

  /**
   * About how many heap bytes computing the bound of {@code problem} needs at its peak, so a caller can
   * skip it rather than run out of memory. Derived from what {@link BoundModel} and the Lagrangian
   * allocate, on a 64-bit JVM with compressed references (heaps under 32 GiB): per hub and slot about
   * {@value #BYTES_PER_HUB_SLOT} bytes (the model's eleven arrays, the chord cut's work arrays and the
   * Lagrangian's multipliers and subgradients); per job {@value #BYTES_PER_JOB} bytes (its options
   * record and list, and the restricted problem's copy when a schedule leaves jobs out); per job and
   * allowed hub {@value #BYTES_PER_OPTION} bytes (the option record and its array's header) plus 4 bytes
   * per start in its window (non-interruptible) or slot of its window (interruptible), counting every
   * start in the window as feasible. It comes to 0.6 and 0.9 x all the bytes (garbage included) that
   * building the model allocates at 2,000 and 20,000 jobs on 16 hubs ({@code EstimatedBytesTest}). Runs in
   * time linear in jobs x hubs; allocates only an array of hub ids.
   */
  public static long estimatedBytes(Problem problem) {
    Objects.requireNonNull(problem, "problem");
    int hubs = problem.hubs().size();
    long slots = problem.horizon().slots();
    String[] hubIds = new String[hubs];
    for (int h = 0; h < hubs; h++) {
      hubIds[h] = problem.hubs().get(h).id();
    }
    long bytes = BYTES_PER_HUB_SLOT * hubs * slots;
    for (int j = 0; j < problem.jobs().size(); j++) {
      Job job = problem.jobs().get(j);
      long window = Math.max(0, problem.deadlineSlot(j) - problem.releaseSlot(j));
      long places = job.interruptible() ? window : Math.max(0, window - job.durationSlots() + 1);
      int allowed = 0;
      for (String id : hubIds) {
        allowed += job.allows(id) ? 1 : 0;
      }
      bytes += BYTES_PER_JOB + allowed * (BYTES_PER_OPTION + 4 * places);
    }
    return bytes;
  }

  /** {@link #estimatedBytes}: bytes per hub and slot. */
  static final long BYTES_PER_HUB_SLOT = 280;
  /** {@link #estimatedBytes}: bytes per job. */
  static final long BYTES_PER_JOB = 96;
  /** {@link #estimatedBytes}: bytes per job and allowed hub, besides its starts. */
  static final long BYTES_PER_OPTION = 80;

  private record Raw(double grams, BoundMethod method, String detail) {}

  private static Raw compute(Problem problem, Options options) {
    BoundModel model = new BoundModel(problem, options.basis());
    if (model.infeasibility.isPresent()) {
      return new Raw(Double.POSITIVE_INFINITY, BoundMethod.PROVEN_INFEASIBLE,
          "no schedule runs every job: " + model.infeasibility.get());
    }
    LpBound.Size size = LpBound.size(model);
    boolean lp = options.method().map(m -> m == BoundMethod.LINEAR_PROGRAM)
        .orElse(size.variables() <= options.maxLpVariables() && size.rows() <= options.maxLpRows());
    if (lp) {
      Optional<LpBound.Result> result = LpBound.solve(model, options.maxLpIterations());
      if (result.isPresent()) {
        String detail = "LP relaxation with " + size.variables() + " variables and " + size.rows() + " rows";
        if (result.get().grams() == Double.POSITIVE_INFINITY) {
          return new Raw(Double.POSITIVE_INFINITY, BoundMethod.LINEAR_PROGRAM,
              detail + " has no solution: no schedule runs every job within capacity and power caps");
        }
        return new Raw(result.get().grams(), BoundMethod.LINEAR_PROGRAM, detail);
      }
    }
    LagrangianBound.Result result = LagrangianBound.solve(model, options.lagrangianIterations(),
        options.upperBoundGrams(), options.maxLagrangianWork());
    String warmStart = result.sampledJobs() == 0 ? ""
        : " from multipliers warm-started by " + result.sampleIterations() + " on a sample of " + result.sampledJobs()
            + " jobs";
    return new Raw(result.grams(), BoundMethod.LAGRANGIAN,
        "Lagrangian relaxation of hub capacity, power caps and renewables, " + result.iterations()
            + " subgradient iterations" + warmStart + (result.workLimited() ? " (limited by maxLagrangianWork)" : "")
            + (lp ? " (the simplex gave up)" : ""));
  }

  /**
   * How to compute a bound. Immutable and thread-safe.
   *
   * @param basis which intensities: actual (default) or the forecast solvers plan on
   * @param method force a method; empty (default) picks the LP when it is small enough
   * @param maxLpVariables largest LP to solve with the simplex (default 1500 variables)
   * @param maxLpRows largest LP to solve with the simplex (default 600 rows)
   * @param maxLpIterations simplex iterations before it gives up for the Lagrangian (default 20000)
   * @param lagrangianIterations subgradient iterations (default 300)
   * @param upperBoundGrams the emissions of a known feasible schedule that runs every job, if any:
   *     a better step target for the Lagrangian
   * @param maxLagrangianWork the most slot-costs the Lagrangian may evaluate in all (each iteration
   *     costs the sum over jobs and their hubs of the job's window); the iterations stop there, but at
   *     least {@value LagrangianBound#MIN_ITERATIONS} run. Default {@value #DEFAULT_MAX_LAGRANGIAN_WORK}
   *     (about a second of iterations on one core), so the bound stays cheap next to the solve at 100,000 jobs
   */
  public record Options(
      IntensityBasis basis,
      Optional<BoundMethod> method,
      int maxLpVariables,
      int maxLpRows,
      int maxLpIterations,
      int lagrangianIterations,
      OptionalDouble upperBoundGrams,
      long maxLagrangianWork) {

    /** The default {@link #maxLagrangianWork()}. */
    public static final long DEFAULT_MAX_LAGRANGIAN_WORK = 50_000_000L;

    public Options {
      Objects.requireNonNull(basis, "basis");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(upperBoundGrams, "upperBoundGrams");
      if (method.isPresent() && (method.get() == BoundMethod.PROVEN_INFEASIBLE
          || method.get() == BoundMethod.NOT_COMPUTED)) {
        throw new IllegalArgumentException("Options method PROVEN_INFEASIBLE is a result, not a method. "
            + "Maybe use LINEAR_PROGRAM or LAGRANGIAN.");
      }
      if (maxLpVariables < 0 || maxLpRows < 0 || maxLpIterations < 1 || lagrangianIterations < 1
          || maxLagrangianWork < 1) {
        throw new IllegalArgumentException("Options limits must be positive but were maxLpVariables="
            + maxLpVariables + ", maxLpRows=" + maxLpRows + ", maxLpIterations=" + maxLpIterations
            + ", lagrangianIterations=" + lagrangianIterations + ", maxLagrangianWork=" + maxLagrangianWork + ".");
      }
    }

    /** Options without a work limit on the Lagrangian (as before it had one). */
    public Options(IntensityBasis basis, Optional<BoundMethod> method, int maxLpVariables, int maxLpRows,
        int maxLpIterations, int lagrangianIterations, OptionalDouble upperBoundGrams) {
      this(basis, method, maxLpVariables, maxLpRows, maxLpIterations, lagrangianIterations, upperBoundGrams,
          Long.MAX_VALUE);
    }

    /** Actual intensities, automatic method, default limits. */
    public static Options defaults() {
      return new Options(IntensityBasis.ACTUAL, Optional.empty(), 1500, 600, 20_000, 300, OptionalDouble.empty(),
          DEFAULT_MAX_LAGRANGIAN_WORK);
    }

    /** A copy on {@code newBasis}. */
    public Options withBasis(IntensityBasis newBasis) {
      return new Options(newBasis, method, maxLpVariables, maxLpRows, maxLpIterations, lagrangianIterations,
          upperBoundGrams, maxLagrangianWork);
    }

    /** A copy that always uses {@code newMethod}. */
    public Options withMethod(BoundMethod newMethod) {
      return new Options(basis, Optional.of(newMethod), maxLpVariables, maxLpRows, maxLpIterations,
          lagrangianIterations, upperBoundGrams,
          maxLagrangianWork);
    }

    /** A copy with {@code iterations} subgradient iterations. */
    public Options withLagrangianIterations(int iterations) {
      return new Options(basis, method, maxLpVariables, maxLpRows, maxLpIterations, iterations, upperBoundGrams,
          maxLagrangianWork);
    }

    /** A copy whose Lagrangian evaluates at most {@code work} slot-costs (at least a few iterations run). */
    public Options withMaxLagrangianWork(long work) {
      return new Options(basis, method, maxLpVariables, maxLpRows, maxLpIterations, lagrangianIterations,
          upperBoundGrams, work);
    }

    /** A copy with the emissions of a known schedule that runs every job, as the Lagrangian's target. */
    public Options withUpperBoundGrams(double grams) {
      return new Options(basis, method, maxLpVariables, maxLpRows, maxLpIterations, lagrangianIterations,
          OptionalDouble.of(grams), maxLagrangianWork);
    }
  }
}
