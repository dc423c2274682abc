package dev.fairshift.solver.bound;

import dev.fairshift.core.IntensityBasis;
import dev.fairshift.core.Problem;
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
 *       placements; capacity, power cap and the grid energy {@code g >= E - R} stay as rows. Solved
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

  /** The bound on actual intensities ({@code gramsPerKwh}) with {@link Options#defaults()}. */
  public static EmissionsBound of(Problem problem) {
    return of(problem, Options.defaults());
  }

  /** The bound with {@code options}. */
  public static EmissionsBound of(Problem problem, Options options) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(options, "options");
    BoundModel model = new BoundModel(problem, options.basis());
    if (model.infeasibility.isPresent()) {
      return new EmissionsBound(Double.POSITIVE_INFINITY, BoundMethod.PROVEN_INFEASIBLE, options.basis(),
          "No schedule runs every job: " + model.infeasibility.get());
    }
    LpBound.Size size = LpBound.size(model);
    boolean lp = options.method().map(m -> m == BoundMethod.LINEAR_PROGRAM)
        .orElse(size.variables() <= options.maxLpVariables() && size.rows() <= options.maxLpRows());
    if (lp) {
      Optional<LpBound.Result> result = LpBound.solve(model, options.maxLpIterations());
      if (result.isPresent()) {
        String detail = "LP relaxation with " + size.variables() + " variables and " + size.rows() + " rows";
        if (result.get().grams() == Double.POSITIVE_INFINITY) {
          return new EmissionsBound(Double.POSITIVE_INFINITY, BoundMethod.LINEAR_PROGRAM, options.basis(),
              detail + " has no solution: no schedule runs every job within capacity and power caps");
        }
        return new EmissionsBound(result.get().grams(), BoundMethod.LINEAR_PROGRAM, options.basis(), detail);
      }
    }
    LagrangianBound.Result result = LagrangianBound.solve(model, options.lagrangianIterations(),
        options.upperBoundGrams());
    return new EmissionsBound(result.grams(), BoundMethod.LAGRANGIAN, options.basis(),
        "Lagrangian relaxation of hub capacity, power caps and renewables, " + result.iterations()
            + " subgradient iterations" + (lp ? " (the simplex gave up)" : ""));
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
   */
  public record Options(
      IntensityBasis basis,
      Optional<BoundMethod> method,
      int maxLpVariables,
      int maxLpRows,
      int maxLpIterations,
      int lagrangianIterations,
      OptionalDouble upperBoundGrams) {

    public Options {
      Objects.requireNonNull(basis, "basis");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(upperBoundGrams, "upperBoundGrams");
      if (method.isPresent() && method.get() == BoundMethod.PROVEN_INFEASIBLE) {
        throw new IllegalArgumentException("Options method PROVEN_INFEASIBLE is a result, not a method. "
            + "Maybe use LINEAR_PROGRAM or LAGRANGIAN.");
      }
      if (maxLpVariables < 0 || maxLpRows < 0 || maxLpIterations < 1 || lagrangianIterations < 1) {
        throw new IllegalArgumentException("Options limits must be positive but were maxLpVariables="
            + maxLpVariables + ", maxLpRows=" + maxLpRows + ", maxLpIterations=" + maxLpIterations
            + ", lagrangianIterations=" + lagrangianIterations + ".");
      }
    }

    /** Actual intensities, automatic method, default limits. */
    public static Options defaults() {
      return new Options(IntensityBasis.ACTUAL, Optional.empty(), 1500, 600, 20_000, 300, OptionalDouble.empty());
    }

    /** A copy on {@code newBasis}. */
    public Options withBasis(IntensityBasis newBasis) {
      return new Options(newBasis, method, maxLpVariables, maxLpRows, maxLpIterations, lagrangianIterations,
          upperBoundGrams);
    }

    /** A copy that always uses {@code newMethod}. */
    public Options withMethod(BoundMethod newMethod) {
      return new Options(basis, Optional.of(newMethod), maxLpVariables, maxLpRows, maxLpIterations,
          lagrangianIterations, upperBoundGrams);
    }

    /** A copy with {@code iterations} subgradient iterations. */
    public Options withLagrangianIterations(int iterations) {
      return new Options(basis, method, maxLpVariables, maxLpRows, maxLpIterations, iterations, upperBoundGrams);
    }

    /** A copy with the emissions of a known schedule that runs every job, as the Lagrangian's target. */
    public Options withUpperBoundGrams(double grams) {
      return new Options(basis, method, maxLpVariables, maxLpRows, maxLpIterations, lagrangianIterations,
          OptionalDouble.of(grams));
    }
  }
}
