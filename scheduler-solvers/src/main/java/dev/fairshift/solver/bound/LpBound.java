package dev.fairshift.solver.bound;

import dev.fairshift.core.AccountingKernel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * The linear-programming relaxation, solved through its dual with commons-math3's simplex, and
 * reported as a certified bound.
 *
 * <p>The primal. Variables, all &ge; 0: {@code x(j,h,st)} for each feasible start of a
 * non-interruptible job; {@code z(j,h)} and {@code y(j,h,s)} for an interruptible job's hub and
 * slots; {@code g(h,s)}, the grid energy, where on-site renewables matter. Rows: every job runs once
 * ({@code sum x = 1}, {@code sum z = 1}); an interruptible job takes {@code D} slots of its hub, each
 * at most once ({@code sum_s y = D z}, {@code y <= z}); capacity and power cap per hub and slot
 * where they can bind; {@code g >= E - R}, E the facility energy, and where the energy levels integer
 * schedules can have leave a gap around R, the chord cut {@code g >= c (E - a)}
 * ({@link BoundModel#chordCut}: the convex envelope of the grid energy over those levels), and where a job
 * that may run there needs more than R in the slot, the excess cut {@code g >= sum max(0, e - R) x}
 * ({@link BoundModel#excessCut}). Objective: intensity times
 * facility energy where there are no renewables, intensity times {@code g} where there are, plus
 * transfer energy times the intensity of the first slot (for an interruptible job, the lowest
 * intensity any first slot could have). Every feasible schedule that runs every job is an integral
 * point of these rows ({@code g} = its grid energy max(0, E - R), which is at least c (E - a) at every
 * level E it can have, and at least the excess of its jobs over R) where the objective is at most its
 * emissions, so the primal minimum bounds its emissions from below.
 *
 * <p>The certificate. Write the primal as {@code min c.x, A x (=, <=, >=) b, 0 <= x <= U}, where U
 * holds at every such integral point (1 for x, y, z; the energy of every job that may run in the hub
 * and slot for g). For any row multipliers {@code y} of the right signs (free for =, &le; 0 for
 * &le;, &ge; 0 for &ge;), {@code y.(A x) >= y.b}, so
 * <pre>
 * c.x = y.(A x) + (c - A'y).x >= b.y - sum_i U_i max(0, (A'y - c)_i)
 * </pre>
 * for every such point. This class asks the simplex for the dual optimum y, then evaluates that
 * right-hand side itself. The result is a valid bound whatever the simplex returns (commons-math3
 * 3.6.1 can return a wrong primal point on degenerate LPs), and equals the LP optimum when y is the
 * dual optimum. A 10^-9 relative margin covers the rounding of the final sums.
 */
final class LpBound {
  private static final double SIMPLEX_EPSILON = 1e-6;

  private LpBound() {}

  /** The size of the primal LP: variables and rows. */
  record Size(int variables, int rows) {}

  /**
   * The result.
   *
   * @param grams the bound, or positive infinity when the LP has no solution (then no schedule runs
   *     every job)
   * @param size the primal LP's size
   */
  record Result(double grams, Size size) {}

  /** One primal row: sparse coefficients, relationship, right-hand side. */
  record Row(int[] index, double[] coefficient, Relationship relationship, double rhs) {}

  /** The primal LP. */
  static final class Lp {
    int variables;
    double[] cost = new double[0];
    double[] upper = new double[0];
    final List<Row> rows = new ArrayList<>();
    int rowCount;
  }

  /** The size the LP of {@code model} has, to decide whether to solve it. */
  static Size size(BoundModel model) {
    Lp lp = build(model, false);
    return new Size(lp.variables, lp.rowCount);
  }

  /**
   * The certified LP bound of {@code model}, or empty when the simplex fails (too many iterations or
   * contradictory answers), so that the caller falls back to the Lagrangian bound.
   */
  static Optional<Result> solve(BoundModel model, int maxIterations) {
    Lp lp = build(model, true);
    Size size = new Size(lp.variables, lp.rowCount);
    if (lp.variables == 0) {
      return Optional.of(new Result(0.0, size));
    }
    // Dual variables: EQ rows split into p - q, LEQ rows as -y >= 0, GEQ rows as y >= 0.
    int[] firstDual = new int[lp.rows.size()];
    int duals = 0;
    for (int r = 0; r < lp.rows.size(); r++) {
      firstDual[r] = duals;
      duals += lp.rows.get(r).relationship() == Relationship.EQ ? 2 : 1;
    }
    double[] dualObjective = new double[duals];
    double[][] columns = new double[lp.variables][duals];
    for (int r = 0; r < lp.rows.size(); r++) {
      Row row = lp.rows.get(r);
      double sign = row.relationship() == Relationship.LEQ ? -1 : 1;
      int d = firstDual[r];
      dualObjective[d] = sign * row.rhs();
      if (row.relationship() == Relationship.EQ) {
        dualObjective[d + 1] = -row.rhs();
      }
      for (int k = 0; k < row.index().length; k++) {
        columns[row.index()[k]][d] += sign * row.coefficient()[k];
        if (row.relationship() == Relationship.EQ) {
          columns[row.index()[k]][d + 1] -= row.coefficient()[k];
        }
      }
    }
    List<LinearConstraint> dualRows = new ArrayList<>(lp.variables);
    for (int i = 0; i < lp.variables; i++) {
      dualRows.add(new LinearConstraint(columns[i], Relationship.LEQ, lp.cost[i]));
    }
    double[] point;
    try {
      PointValuePair optimum = new SimplexSolver(SIMPLEX_EPSILON, 10, 1e-10).optimize(
          new MaxIter(maxIterations),
          new LinearObjectiveFunction(dualObjective, 0.0),
          new LinearConstraintSet(dualRows),
          GoalType.MAXIMIZE,
          new NonNegativeConstraint(true));
      point = optimum.getPoint();
    } catch (UnboundedSolutionException e) {
      // An unbounded dual means an infeasible primal; confirm with the primal before saying so.
      return primalInfeasible(lp) ? Optional.of(new Result(Double.POSITIVE_INFINITY, size)) : Optional.empty();
    } catch (MathIllegalStateException e) {
      return Optional.empty();
    }
    return Optional.of(new Result(Math.max(0.0, certify(lp, firstDual, point)), size));
  }

  /** b.y - sum U max(0, (A'y - c)) for the row multipliers read from the dual point. */
  private static double certify(Lp lp, int[] firstDual, double[] point) {
    double[] y = new double[lp.rows.size()];
    for (int r = 0; r < lp.rows.size(); r++) {
      int d = firstDual[r];
      y[r] = switch (lp.rows.get(r).relationship()) {
        case EQ -> point[d] - point[d + 1];
        case LEQ -> -point[d];
        case GEQ -> point[d];
      };
    }
    return certify(lp, y);
  }

  /**
   * b.y - sum U max(0, (A'y - c)) for row multipliers {@code rowDuals} (one per row of {@code lp}),
   * each first moved into its sign range (free for =, &le; 0 for &le;, &ge; 0 for &ge;): a valid
   * bound whatever they are.
   */
  static double certify(Lp lp, double[] rowDuals) {
    double[] reducedViolation = new double[lp.variables];
    double value = 0;
    for (int r = 0; r < lp.rows.size(); r++) {
      Row row = lp.rows.get(r);
      double y = switch (row.relationship()) {
        case EQ -> rowDuals[r];
        case LEQ -> Math.min(0.0, rowDuals[r]);
        case GEQ -> Math.max(0.0, rowDuals[r]);
      };
      value += y * row.rhs();
      for (int k = 0; k < row.index().length; k++) {
        reducedViolation[row.index()[k]] += y * row.coefficient()[k];
      }
    }
    double penalty = 0;
    for (int i = 0; i < lp.variables; i++) {
      penalty += lp.upper[i] * Math.max(0.0, reducedViolation[i] - lp.cost[i]);
    }
    double bound = value - penalty;
    return bound - 1e-9 * (Math.abs(value) + penalty);
  }

  private static boolean primalInfeasible(Lp lp) {
    List<LinearConstraint> rows = new ArrayList<>();
    for (Row row : lp.rows) {
      double[] dense = new double[lp.variables];
      for (int k = 0; k < row.index().length; k++) {
        dense[row.index()[k]] += row.coefficient()[k];
      }
      rows.add(new LinearConstraint(dense, row.relationship(), row.rhs()));
    }
    try {
      new SimplexSolver(SIMPLEX_EPSILON, 10, 1e-10).optimize(new MaxIter(100_000),
          new LinearObjectiveFunction(lp.cost, 0.0), new LinearConstraintSet(rows), GoalType.MINIMIZE,
          new NonNegativeConstraint(true));
      return false;
    } catch (NoFeasibleSolutionException e) {
      return true;
    } catch (MathIllegalStateException e) {
      return false;
    }
  }

  static Lp build(BoundModel m, boolean withRows) {
    Lp lp = new Lp();
    int jobCount = m.jobs.size();
    int n = 0;
    int[][] firstVar = new int[jobCount][];
    int[][] zVar = new int[jobCount][];
    for (int j = 0; j < jobCount; j++) {
      BoundModel.JobOptions job = m.jobs.get(j);
      firstVar[j] = new int[job.options().size()];
      zVar[j] = new int[job.options().size()];
      for (int o = 0; o < job.options().size(); o++) {
        BoundModel.HubOption option = job.options().get(o);
        if (job.interruptible()) {
          zVar[j][o] = n++;
          firstVar[j][o] = n;
          n += option.slots().length;
        } else {
          firstVar[j][o] = n;
          n += option.starts().length;
        }
      }
    }
    int[][] gVar = new int[m.hubs][m.slots];
    for (int h = 0; h < m.hubs; h++) {
      for (int s = 0; s < m.slots; s++) {
        gVar[h][s] = m.renewablesMatter(h, s) ? n++ : -1;
      }
    }
    int rows = jobCount;
    for (BoundModel.JobOptions job : m.jobs) {
      if (job.interruptible()) {
        for (BoundModel.HubOption option : job.options()) {
          rows += 1 + option.slots().length;
        }
      }
    }
    for (int h = 0; h < m.hubs; h++) {
      for (int s = 0; s < m.slots; s++) {
        rows += (m.capacityMayBind(h, s) ? 1 : 0) + (m.powerCapMayBind(h, s) ? 1 : 0) + (gVar[h][s] >= 0 ? 1 : 0)
            + (gVar[h][s] >= 0 && m.chordSlope[h][s] > 0 ? 1 : 0) + (gVar[h][s] >= 0 && m.excessCut(h, s) ? 1 : 0);
      }
    }
    lp.variables = n;
    lp.rowCount = rows;
    if (!withRows) {
      return lp;
    }

    lp.cost = new double[n];
    lp.upper = new double[n];
    Arrays.fill(lp.upper, 1.0);
    // Per hub and slot: the variables occupying it, with the job's units, facility kW and energy per slot.
    List<List<Integer>> occupants = new ArrayList<>();
    List<List<double[]>> loads = new ArrayList<>();
    for (int i = 0; i < m.hubs * m.slots; i++) {
      occupants.add(new ArrayList<>());
      loads.add(new ArrayList<>());
    }
    for (int j = 0; j < jobCount; j++) {
      BoundModel.JobOptions job = m.jobs.get(j);
      List<Integer> runOnce = new ArrayList<>();
      for (int o = 0; o < job.options().size(); o++) {
        BoundModel.HubOption option = job.options().get(o);
        int h = option.hub();
        if (job.interruptible()) {
          int z = zVar[j][o];
          runOnce.add(z);
          lp.cost[z] += AccountingKernel.emissionsGrams(option.transferKwh(), option.minFirstSlotGrams());
          int[] takeIndex = new int[option.slots().length + 1];
          double[] takeCoefficient = new double[option.slots().length + 1];
          takeIndex[0] = z;
          takeCoefficient[0] = -job.durationSlots();
          for (int k = 0; k < option.slots().length; k++) {
            int s = option.slots()[k];
            int y = firstVar[j][o] + k;
            takeIndex[k + 1] = y;
            takeCoefficient[k + 1] = 1;
            lp.rows.add(new Row(new int[] {y, z}, new double[] {1, -1}, Relationship.LEQ, 0));
            occupy(m, lp.cost, occupants, loads, gVar, y, h, s, job.units(), option);
          }
          lp.rows.add(new Row(takeIndex, takeCoefficient, Relationship.EQ, 0));
        } else {
          for (int k = 0; k < option.starts().length; k++) {
            int st = option.starts()[k];
            int x = firstVar[j][o] + k;
            runOnce.add(x);
            lp.cost[x] += AccountingKernel.emissionsGrams(option.transferKwh(), m.grams[h][st]);
            for (int s = st; s < st + job.durationSlots(); s++) {
              occupy(m, lp.cost, occupants, loads, gVar, x, h, s, job.units(), option);
            }
          }
        }
      }
      double[] ones = new double[runOnce.size()];
      Arrays.fill(ones, 1.0);
      lp.rows.add(new Row(runOnce.stream().mapToInt(Integer::intValue).toArray(), ones, Relationship.EQ, 1));
    }
    for (int h = 0; h < m.hubs; h++) {
      for (int s = 0; s < m.slots; s++) {
        List<Integer> vars = occupants.get(h * m.slots + s);
        List<double[]> load = loads.get(h * m.slots + s);
        int[] index = vars.stream().mapToInt(Integer::intValue).toArray();
        if (m.capacityMayBind(h, s)) {
          lp.rows.add(new Row(index, column(load, 0, 1), Relationship.LEQ, m.capacity[h][s]));
        }
        if (m.powerCapMayBind(h, s)) {
          lp.rows.add(new Row(index, column(load, 1, 1), Relationship.LEQ, m.powerCapKw[h][s] + BoundModel.EPS));
        }
        int g = gVar[h][s];
        if (g >= 0) {
          double[] minusEnergy = column(load, 2, -1);
          int[] withG = Arrays.copyOf(index, index.length + 1);
          double[] coefficients = Arrays.copyOf(minusEnergy, minusEnergy.length + 1);
          withG[index.length] = g;
          coefficients[index.length] = 1;
          lp.cost[g] = m.grams[h][s];
          double energy = 0;
          for (double[] l : load) {
            energy += l[2];
          }
          lp.upper[g] = energy;
          lp.rows.add(new Row(withG, coefficients, Relationship.GEQ, -m.renewableKwh[h][s]));
          if (m.excessCut(h, s)) {
            // the excess cut g >= sum max(0, e - R) x (BoundModel#excessCut)
            double[] excess = new double[coefficients.length];
            for (int k = 0; k < minusEnergy.length; k++) {
              excess[k] = -m.excessKwh(load.get(k)[2], h, s);
            }
            excess[index.length] = 1;
            lp.rows.add(new Row(withG, excess, Relationship.GEQ, 0));
          }
          double c = m.chordSlope[h][s];
          if (c > 0) {
            // the chord cut g >= c (E - a) (BoundModel#chordCut)
            double[] chord = new double[coefficients.length];
            for (int k = 0; k < minusEnergy.length; k++) {
              chord[k] = c * minusEnergy[k];
            }
            chord[index.length] = 1;
            lp.rows.add(new Row(withG, chord, Relationship.GEQ, -c * m.chordFromKwh[h][s]));
          }
        }
      }
    }
    return lp;
  }

  private static double[] column(List<double[]> load, int field, double factor) {
    double[] out = new double[load.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = factor * load.get(i)[field];
    }
    return out;
  }

  /** Records that variable {@code v} occupies hub h in slot s, and prices it where there are no renewables. */
  private static void occupy(BoundModel m, double[] cost, List<List<Integer>> occupants, List<List<double[]>> loads,
      int[][] gVar, int v, int h, int s, int units, BoundModel.HubOption option) {
    occupants.get(h * m.slots + s).add(v);
    loads.get(h * m.slots + s).add(new double[] {units, option.facilityKw(), option.kwhPerSlot()});
    if (gVar[h][s] < 0) {
      cost[v] += AccountingKernel.emissionsGrams(option.kwhPerSlot(), m.grams[h][s]);
    }
  }
}
