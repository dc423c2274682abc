package dev.fairshift.solver.bound;

import dev.fairshift.core.AccountingKernel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The Lagrangian relaxation of the coupling rows, for problems too large for the simplex.
 *
 * <p>The rows that tie jobs together are priced instead of enforced: hub capacity with multipliers
 * {@code lambda(h,s) >= 0}, the power cap with {@code mu(h,s) >= 0}, and the grid-energy row
 * {@code g >= E - R} (where on-site renewables matter) with {@code nu(h,s)} in {@code [0, I(h,s)]}, and the
 * chord cut {@code g >= c (E - a)} (where {@link BoundModel#chordSlope} is positive) with {@code rho(h,s) >= 0},
 * and the excess cut {@code g >= sum_j max(0, e_j - R) x_j} (where {@link BoundModel#excessCut}) with
 * {@code sigma(h,s) >= 0}, {@code nu + rho + sigma <= I}.
 * For fixed multipliers,
 * <pre>
 * L = sum_j min over j's placements of cost_j - sum lambda cap - sum mu powerCap - sum nu R - sum rho c a
 * cost_j = sum over its (h,s) of (c(h,s) x energy + lambda(h,s) x units + mu(h,s) x facility kW)
 *          + transfer energy x intensity of its first slot
 * </pre>
 * with {@code c = nu + rho c(h,s)} where renewables matter and {@code c = I} elsewhere, plus
 * {@code sigma(h,s) max(0, e_j - R(h,s))} per slot where the excess cut is. Each job then simply
 * takes its own cheapest window: a sliding sum over its starts, or its {@code D} cheapest slots when
 * interruptible (its transfer charged at the lowest intensity any first slot could have).
 *
 * <p>Validity (weak duality): take any feasible schedule that runs every job, with units U, facility
 * power P and energy E per hub and slot, and grid energy G = max(0, E - R). Its emissions are
 * {@code sum I G + transfers} and
 * <pre>
 * sum I G + transfers
 *   >= sum I G + transfers + sum lambda (U - cap) + sum mu (P - powerCap) + sum nu (E - R - G)
 *      + sum rho (c (E - a) - G) + sum sigma (X - G)
 *      (each added term is <= 0: lambda, mu, nu, rho, sigma >= 0 and U <= cap, P <= powerCap, E - R <= G,
 *      c (E - a) <= G at every level E a schedule can have, BoundModel#chordCut, and X = sum over the
 *      jobs running there of max(0, e_j - R) <= G, BoundModel#excessCut)
 *    = sum (I - nu - rho - sigma) G + sum_j cost_j(its placement) - sum lambda cap - sum mu powerCap
 *      - sum nu R - sum rho c a
 *   >= sum_j min cost_j - sum lambda cap - sum mu powerCap - sum nu R - sum rho c a = L
 *      (I - nu - rho - sigma >= 0 and G >= 0; each job's placement is one of those minimised over)
 * </pre>
 * So every L, for any multipliers in range, is a lower bound; the best L found is returned (less
 * a 10^-9 relative rounding margin, and never below 0). The convex emissions of a hub-slot as a
 * function of its energy, {@code I max(0, E - R)}, are kept exactly: {@code nu} prices its two pieces.
 *
 * <p>The ascent: projected subgradient steps on the multipliers along {@code U - cap},
 * {@code P - powerCap} and {@code E - R}, each row divided by its right-hand side (capacity, cap, and
 * the renewables or a typical job's energy) so that one step suits units, kW and kWh alike; each
 * direction keeps half of the previous one (deflection, against zig-zag); Polyak steps towards a
 * target (a known upper bound, or 5 % above the best L so far), halving the step scale after 20
 * iterations without improvement. Neither the scaling nor the deflection touches validity: they only
 * choose which multipliers L is evaluated at. On the hard family's develop scenarios of 50-120 jobs
 * (greedy's schedule as the target), 300 iterations end 0.13 % below the LP optimum on average and 4.7 %
 * at worst over the 87 of scenarios 0-107 with a proven optimum where greedy places every job
 * (BoundLpDiagnostic in the benchmarks module, which solves the same LP exactly with GLOP).
 *
 * <p>At scale (see {@link #solve}), the multipliers are first warm-started on an evenly spread sample
 * of the jobs whose hub rows are scaled down by the sample's share of the demand; the bound is then
 * L of the whole problem at those multipliers (and a few more steps), never the sample's own value.
 */
final class LagrangianBound {
  /**
   * The excess cuts' rows weigh this much more in the direction than the grid-energy row they share a
   * scale with: their subgradient (the chosen jobs' excess over the renewables) is small next to the
   * energy's, and at weight 1 the ascent left the bound up to 12 % below the LP on the hard family's
   * develop seeds; at 64 it is 0.13 % below on average (BoundLpDiagnostic). Only moves the multipliers.
   */
  private static final double EXCESS_WEIGHT = 64;
  private static final int PATIENCE = 20;
  /** Iterations that run whatever the work limit (on the whole problem, when there is no sample). */
  static final int MIN_ITERATIONS = 5;
  /** Deflection: each direction keeps this share of the previous one (smooths the zig-zag of plain subgradients). */
  private static final double DEFLECTION = 0.5;
  /** The fewest jobs a sample for warm-starting the multipliers may have. */
  static final int MIN_SAMPLE_JOBS = 200;
  /** Iterations on the sample. */
  static final int SAMPLE_ITERATIONS = 25;

  private final BoundModel m;
  private final double[][] lambda;
  private final double[][] mu;
  private final double[][] nu;
  /** Multipliers of the chord cuts {@code G >= c (E - a)} (BoundModel#chordCut), with {@code nu + rho <= I}. */
  private final double[][] rho;
  /**
   * Multipliers of the excess cuts {@code G >= sum_j max(0, e_j - R) x_j} (BoundModel#excessCut), with
   * {@code nu + rho + sigma <= I}.
   */
  private final double[][] sigma;
  private final boolean[][] excessRow;
  private final boolean[][] chordRow;
  private final boolean[][] capRow;
  private final boolean[][] powerRow;
  private final boolean[][] renewRow;
  // Row scales: each relaxed row divided by its right-hand side, so that one step size suits units, kW and kWh.
  private final double[][] capWeight;
  private final double[][] powerWeight;
  private final double[][] renewWeight;
  // Per-iteration loads of the chosen placements.
  private final double[][] units;
  private final double[][] kw;
  private final double[][] energy;
  /** Per-iteration sum over the chosen placements of max(0, e - R) (the excess cut's row). */
  private final double[][] excess;
  private final double[] prefix;
  private final double[] slotCosts;
  private final double[] sorted;
  /** Per hub: its highest intensity. */
  private final double[] maxGrams;
  /** Sum over jobs of (terms summed) x (their total), filled by {@link #cheapest}. */
  private double roundingScale;
  /** A bound on the rounding error of the last {@link #evaluate}. */
  private double rounding;
  /** Iteration counts at which {@link #run} records the prices at the best point so far (null: none). */
  private int[] checkpoints;
  private List<double[][][]> snapshots;
  /** Unit roundoff with a margin for the products inside each term. */
  private static final double ULP = 4.5e-16;

  private LagrangianBound(BoundModel model) {
    this.m = model;
    lambda = new double[m.hubs][m.slots];
    mu = new double[m.hubs][m.slots];
    nu = new double[m.hubs][m.slots];
    rho = new double[m.hubs][m.slots];
    sigma = new double[m.hubs][m.slots];
    excessRow = new boolean[m.hubs][m.slots];
    excess = new double[m.hubs][m.slots];
    chordRow = new boolean[m.hubs][m.slots];
    capRow = new boolean[m.hubs][m.slots];
    powerRow = new boolean[m.hubs][m.slots];
    renewRow = new boolean[m.hubs][m.slots];
    capWeight = new double[m.hubs][m.slots];
    powerWeight = new double[m.hubs][m.slots];
    renewWeight = new double[m.hubs][m.slots];
    units = new double[m.hubs][m.slots];
    kw = new double[m.hubs][m.slots];
    energy = new double[m.hubs][m.slots];
    prefix = new double[m.slots + 1];
    slotCosts = new double[m.slots];
    sorted = new double[m.slots];
    maxGrams = new double[m.hubs];
    for (int h = 0; h < m.hubs; h++) {
      for (int s = 0; s < m.slots; s++) {
        maxGrams[h] = Math.max(maxGrams[h], m.grams[h][s]);
      }
    }
    double meanEnergy = 0;
    int options = 0;
    for (BoundModel.JobOptions job : m.jobs) {
      for (BoundModel.HubOption option : job.options()) {
        meanEnergy += option.kwhPerSlot();
        options++;
      }
    }
    meanEnergy = options == 0 ? 1 : meanEnergy / options;
    for (int h = 0; h < m.hubs; h++) {
      for (int s = 0; s < m.slots; s++) {
        capRow[h][s] = m.capacityMayBind(h, s);
        powerRow[h][s] = m.powerCapMayBind(h, s);
        renewRow[h][s] = m.renewablesMatter(h, s);
        chordRow[h][s] = renewRow[h][s] && m.chordSlope[h][s] > 0;
        excessRow[h][s] = m.excessCut(h, s);
        capWeight[h][s] = 1.0 / Math.max(1, m.capacity[h][s]);
        powerWeight[h][s] = 1.0 / Math.max(1e-3, m.powerCapKw[h][s]);
        renewWeight[h][s] = 1.0 / Math.max(meanEnergy, m.renewableKwh[h][s]);
      }
    }
  }

  /**
   * The result.
   *
   * @param grams the bound
   * @param iterations subgradient iterations run on the whole problem
   * @param workLimited whether the work limit cut the iterations short
   * @param sampledJobs jobs of the sample the multipliers were warm-started on (0: none)
   * @param sampleIterations iterations on that sample
   */
  record Result(double grams, int iterations, boolean workLimited, int sampledJobs, int sampleIterations) {}

  /**
   * Runs up to {@code iterations} subgradient iterations on {@code model}, fewer when they would
   * evaluate more than {@code maxWork} slot-costs. When the limit allows fewer than {@code iterations}
   * on the whole problem, half of it first warm-starts the multipliers on an evenly spread sample of
   * the jobs (its hub rows scaled down by the sample's share of the demand), and the rest runs on the
   * whole problem from there; at least one iteration (without a sample, {@link #MIN_ITERATIONS}) runs on
   * the whole problem. Only values of the whole problem's L are bounds; the sample only moves the
   * multipliers.
   */
  static Result solve(BoundModel model, int iterations, OptionalDouble upperBoundGrams, long maxWork) {
    LagrangianBound bound = new LagrangianBound(model);
    List<BoundModel.JobOptions> all = model.jobs;
    long perIteration = Math.max(1, bound.workPerIteration(all));
    if (perIteration * (double) iterations <= maxWork) {
      return bound.run(all, 1.0, iterations, upperBoundGrams, false);
    }
    // the sample: as many jobs as SAMPLE_ITERATIONS iterations can afford with half the limit
    int plannedSampleIterations = Math.min(iterations, SAMPLE_ITERATIONS);
    double workPerJob = (double) perIteration / Math.max(1, all.size());
    int sampleSize = (int) Math.min(all.size(), Math.floor(maxWork / 2.0 / plannedSampleIterations / workPerJob));
    if (sampleSize < MIN_SAMPLE_JOBS || sampleSize * 2 > all.size()) {
      int limit = (int) Math.max(MIN_ITERATIONS, Math.min(iterations, maxWork / perIteration));
      Result r = bound.run(all, 1.0, limit, upperBoundGrams, false);
      return new Result(r.grams(), r.iterations(), limit < iterations, 0, 0);
    }
    // at the scale of a sampled warm start the excess rows are left out (sigma = 0, still valid): they cost
    // a term per slot-cost, and BoundBenchmark's 10,000 and 100,000 jobs keep their time per iteration
    for (boolean[] row : bound.excessRow) {
      Arrays.fill(row, false);
    }
    List<BoundModel.JobOptions> sample = new ArrayList<>(sampleSize);
    double stride = (double) all.size() / sampleSize;
    double sampleDemand = 0;
    double demand = 0;
    for (BoundModel.JobOptions job : all) {
      demand += (double) job.units() * job.durationSlots();
    }
    for (int i = 0; i < sampleSize; i++) {
      BoundModel.JobOptions job = all.get((int) Math.floor(i * stride));
      sample.add(job);
      sampleDemand += (double) job.units() * job.durationSlots();
    }
    double rhsScale = demand <= 0 ? 1.0 : sampleDemand / demand;
    long sampleWork = Math.max(1, bound.workPerIteration(sample));
    int sampleIterations = (int) Math.max(1, Math.min(iterations, maxWork / 2 / sampleWork));
    OptionalDouble sampleTarget = upperBoundGrams.isPresent()
        ? OptionalDouble.of(upperBoundGrams.getAsDouble() * rhsScale) : OptionalDouble.empty();
    bound.run(sample, rhsScale, sampleIterations, sampleTarget, true);
    long left = maxWork - sampleIterations * sampleWork;
    int fullIterations = (int) Math.max(1, Math.min(iterations, left / perIteration));
    Result r = bound.run(all, 1.0, fullIterations, upperBoundGrams, false);
    return new Result(r.grams(), r.iterations(), true, sampleSize, sampleIterations);
  }

  /**
   * The multipliers of the best L found within each of {@code checkpoints} iterations (ascending) of
   * one ascent on the whole problem: per checkpoint, per hub and slot, the price of a unit of capacity
   * ({@code [0]}, grams per unit-slot), of a facility kW under the power cap ({@code [1]}, grams per
   * kW-slot) and of a kWh of energy ({@code [2]}, {@link #energyPrice}). The ascent is deterministic, so
   * each checkpoint's prices are those a run of that many iterations would end with.
   */
  static List<double[][][]> prices(BoundModel model, int[] checkpoints, OptionalDouble upperBoundGrams) {
    LagrangianBound bound = new LagrangianBound(model);
    bound.checkpoints = checkpoints.clone();
    bound.snapshots = new ArrayList<>(checkpoints.length);
    bound.run(model.jobs, 1.0, checkpoints[checkpoints.length - 1], upperBoundGrams, true);
    // An ascent that stops early (converged, or its step vanished) ends every later checkpoint at its best point.
    while (bound.snapshots.size() < checkpoints.length) {
      bound.snapshots.add(bound.pricePoint(bound.lambda, bound.mu, bound.nu, bound.rho));
    }
    return bound.snapshots;
  }

  /** Copies of the capacity and power-cap multipliers given, and the energy price they make ({@link #prices}). */
  private double[][][] pricePoint(double[][] lambdaAt, double[][] muAt, double[][] nuAt, double[][] rhoAt) {
    return new double[][][] {copyOf(lambdaAt), copyOf(muAt), energyPrice(nuAt, rhoAt)};
  }

  /** Per hub and slot with on-site supply: the grams per kWh the relaxation charges for energy there. */
  private double[][] energyPrice(double[][] nuAt, double[][] rhoAt) {
    double[][] out = new double[m.hubs][m.slots];
    for (int h = 0; h < m.hubs; h++) {
      for (int s = 0; s < m.slots; s++) {
        out[h][s] = renewRow[h][s] ? nuAt[h][s] + (chordRow[h][s] ? rhoAt[h][s] * m.chordSlope[h][s] : 0) : m.grams[h][s];
      }
    }
    return out;
  }

  private static double[][] copyOf(double[][] a) {
    double[][] b = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i].clone();
    }
    return b;
  }

  /** Slot-costs one iteration over every job of {@code model} evaluates (the size of the problem for work limits). */
  static long workPerIteration(BoundModel model) {
    return new LagrangianBound(model).workPerIteration(model.jobs);
  }

  /** Slot-costs one iteration over {@code jobs} evaluates: per job and hub option, its window (or its usable slots). */
  private long workPerIteration(List<BoundModel.JobOptions> jobs) {
    long work = (long) m.hubs * m.slots;
    for (BoundModel.JobOptions job : jobs) {
      for (BoundModel.HubOption option : job.options()) {
        if (job.interruptible()) {
          work += option.slots().length;
        } else {
          int[] starts = option.starts();
          work += starts[starts.length - 1] + job.durationSlots() - starts[0];
        }
      }
    }
    return work;
  }

  /**
   * Projected, deflected subgradient ascent over {@code jobs} with the hub rows' right-hand sides times
   * {@code rhsScale}, starting from the current multipliers. Returns the best L seen; when
   * {@code keepBest}, leaves the multipliers at the best point (to warm-start another run).
   */
  private Result run(List<BoundModel.JobOptions> jobs, double rhsScale, int iterations, OptionalDouble upperBound,
      boolean keepBest) {
    double[][] dCap = new double[m.hubs][m.slots];
    double[][] dPow = new double[m.hubs][m.slots];
    double[][] dRen = new double[m.hubs][m.slots];
    double[][] dChord = new double[m.hubs][m.slots];
    double[][] dExcess = new double[m.hubs][m.slots];
    double[][][] bestPoint = keepBest ? new double[5][m.hubs][m.slots] : null;
    double best = Double.NEGATIVE_INFINITY;
    double scale = 2.0;
    int sinceImprovement = 0;
    int done = 0;
    for (int it = 0; it < iterations; it++) {
      done = it + 1;
      double value = evaluate(jobs, rhsScale);
      if (it == 0 || value - rounding > best + 1e-12 * Math.abs(best)) {
        best = value - rounding;
        sinceImprovement = 0;
        if (keepBest) {
          copy(lambda, bestPoint[0]);
          copy(mu, bestPoint[1]);
          copy(nu, bestPoint[2]);
          copy(rho, bestPoint[3]);
          copy(sigma, bestPoint[4]);
        }
      } else if (++sinceImprovement >= PATIENCE) {
        scale /= 2;
        sinceImprovement = 0;
        if (scale < 1e-4) {
          break;
        }
      }
      if (keepBest && checkpoints != null && snapshots.size() < checkpoints.length
          && done == checkpoints[snapshots.size()]) {
        snapshots.add(pricePoint(bestPoint[0], bestPoint[1], bestPoint[2], bestPoint[3]));
      }
      if (it == iterations - 1) {
        break; // no step after the last evaluation
      }
      // the subgradient g (scaled rows), and the deflected direction d = g + DEFLECTION x previous d
      double normSquared = 0;
      double directionSquared = 0;
      for (int h = 0; h < m.hubs; h++) {
        for (int s = 0; s < m.slots; s++) {
          if (capRow[h][s]) {
            double g = projected(lambda[h][s], capWeight[h][s] * (units[h][s] - m.capacity[h][s] * rhsScale),
                Double.POSITIVE_INFINITY);
            dCap[h][s] = projected(lambda[h][s], g + DEFLECTION * dCap[h][s], Double.POSITIVE_INFINITY);
            normSquared += square(g);
            directionSquared += square(dCap[h][s]);
          }
          if (powerRow[h][s]) {
            double g = projected(mu[h][s], powerWeight[h][s] * (kw[h][s] - powerCap(h, s) * rhsScale),
                Double.POSITIVE_INFINITY);
            dPow[h][s] = projected(mu[h][s], g + DEFLECTION * dPow[h][s], Double.POSITIVE_INFINITY);
            normSquared += square(g);
            directionSquared += square(dPow[h][s]);
          }
          if (renewRow[h][s]) {
            double g = projected(nu[h][s], renewWeight[h][s] * (energy[h][s] - m.renewableKwh[h][s] * rhsScale),
                m.grams[h][s]);
            dRen[h][s] = projected(nu[h][s], g + DEFLECTION * dRen[h][s], m.grams[h][s]);
            normSquared += square(g);
            directionSquared += square(dRen[h][s]);
          }
          if (chordRow[h][s]) {
            double c = m.chordSlope[h][s];
            double room = m.grams[h][s] - nu[h][s];
            double g = projected(rho[h][s], renewWeight[h][s] * c * (energy[h][s] - m.chordFromKwh[h][s] * rhsScale),
                room);
            dChord[h][s] = projected(rho[h][s], g + DEFLECTION * dChord[h][s], room);
            normSquared += square(g);
            directionSquared += square(dChord[h][s]);
          }
          if (excessRow[h][s]) {
            double room = m.grams[h][s] - nu[h][s] - rho[h][s];
            double g = projected(sigma[h][s], EXCESS_WEIGHT * renewWeight[h][s] * excess[h][s], room);
            dExcess[h][s] = projected(sigma[h][s], g + DEFLECTION * dExcess[h][s], room);
            normSquared += square(g);
            directionSquared += square(dExcess[h][s]);
          }
        }
      }
      if (normSquared == 0 || directionSquared == 0) {
        break; // The chosen placements satisfy every relaxed row with complementary slackness: optimal.
      }
      double target = target(best, upperBound, keepBest);
      // Polyak's step along the direction; stopped above when the subgradient itself vanishes (the
      // direction alone, shrinking by deflection, would otherwise blow the step up)
      double step = scale * (target - value) / directionSquared;
      if (!Double.isFinite(step)) {
        break;
      }
      for (int h = 0; h < m.hubs; h++) {
        for (int s = 0; s < m.slots; s++) {
          if (capRow[h][s]) {
            lambda[h][s] = Math.max(0, lambda[h][s] + step * capWeight[h][s] * dCap[h][s]);
          }
          if (powerRow[h][s]) {
            mu[h][s] = Math.max(0, mu[h][s] + step * powerWeight[h][s] * dPow[h][s]);
          }
          if (renewRow[h][s]) {
            nu[h][s] = Math.min(m.grams[h][s], Math.max(0, nu[h][s] + step * renewWeight[h][s] * dRen[h][s]));
          }
          if (chordRow[h][s]) {
            rho[h][s] = Math.min(m.grams[h][s] - nu[h][s],
                Math.max(0, rho[h][s] + step * renewWeight[h][s] * dChord[h][s]));
          }
          if (excessRow[h][s]) {
            sigma[h][s] = Math.min(m.grams[h][s] - nu[h][s] - rho[h][s],
                Math.max(0, sigma[h][s] + step * EXCESS_WEIGHT * renewWeight[h][s] * dExcess[h][s]));
          }
        }
      }
    }
    if (keepBest) {
      copy(bestPoint[0], lambda);
      copy(bestPoint[1], mu);
      copy(bestPoint[2], nu);
      copy(bestPoint[3], rho);
      copy(bestPoint[4], sigma);
    }
    double bound = best - 1e-9 * Math.abs(best);
    return new Result(Math.max(0.0, bound), done, false, 0, 0);
  }

  /**
   * The Polyak step's target: a known schedule's emissions when there is one (on the whole problem),
   * halfway to it on a sample (whose scaled value is only an estimate), else 5 % above the best L.
   */
  private static double target(double best, OptionalDouble upperBound, boolean sample) {
    if (upperBound.isEmpty() || upperBound.getAsDouble() <= best) {
      return best + Math.max(0.05 * Math.abs(best), 1e-3);
    }
    return sample ? best + 0.5 * (upperBound.getAsDouble() - best) : upperBound.getAsDouble();
  }

  private static void copy(double[][] from, double[][] to) {
    for (int i = 0; i < from.length; i++) {
      System.arraycopy(from[i], 0, to[i], 0, from[i].length);
    }
  }

  /** A subgradient component, zero where the multiplier sits at a bound and would leave its range. */
  private static double projected(double multiplier, double gradient, double upper) {
    if ((multiplier <= 0 && gradient < 0) || (multiplier >= upper && gradient > 0)) {
      return 0;
    }
    return gradient;
  }

  /** The power cap as the Evaluator applies it: with its 10^-9 kW tolerance. */
  private double powerCap(int h, int s) {
    return m.powerCapKw[h][s] + BoundModel.EPS;
  }

  private static double square(double v) {
    return v * v;
  }

  /**
   * L at the current multipliers over {@code jobs} with right-hand sides times {@code rhsScale} (the
   * bound when these are all jobs and 1); fills the loads of each job's cheapest placement.
   */
  private double evaluate(List<BoundModel.JobOptions> jobs, double rhsScale) {
    for (int h = 0; h < m.hubs; h++) {
      Arrays.fill(units[h], 0);
      Arrays.fill(kw[h], 0);
      Arrays.fill(energy[h], 0);
      Arrays.fill(excess[h], 0);
    }
    // all terms are >= 0 (multipliers, intensities, energies, transfers): L = costs - priced, and the
    // rounding error of each sum is at most (its terms) x 2^-53 x (its total); 'rounding' bounds them all
    double priced = 0;
    int terms = 0;
    for (int h = 0; h < m.hubs; h++) {
      for (int s = 0; s < m.slots; s++) {
        if (capRow[h][s]) {
          priced += lambda[h][s] * m.capacity[h][s] * rhsScale;
          terms++;
        }
        if (powerRow[h][s]) {
          priced += mu[h][s] * powerCap(h, s) * rhsScale;
          terms++;
        }
        if (renewRow[h][s]) {
          priced += nu[h][s] * m.renewableKwh[h][s] * rhsScale;
          terms++;
        }
        if (chordRow[h][s]) {
          priced += rho[h][s] * m.chordSlope[h][s] * m.chordFromKwh[h][s] * rhsScale;
          terms++;
        }
      }
    }
    double costs = 0;
    roundingScale = 0;
    for (BoundModel.JobOptions job : jobs) {
      costs += cheapest(job);
    }
    rounding = ULP * (roundingScale + (jobs.size() + terms + 2.0) * (costs + priced));
    return costs - priced;
  }

  /** Cost of one job in one slot of one hub at the current multipliers. */
  private double slotCost(BoundModel.JobOptions job, BoundModel.HubOption option, int s) {
    int h = option.hub();
    double perKwh = renewRow[h][s] ? nu[h][s] + (chordRow[h][s] ? rho[h][s] * m.chordSlope[h][s] : 0) : m.grams[h][s];
    double cost = AccountingKernel.emissionsGrams(option.kwhPerSlot(), perKwh) + lambda[h][s] * job.units()
        + mu[h][s] * option.facilityKw();
    return excessRow[h][s] ? cost + sigma[h][s] * m.excessKwh(option.kwhPerSlot(), h, s) : cost;
  }

  /** The job's cheapest placement: adds its cost to the result and its load to the arrays. */
  private double cheapest(BoundModel.JobOptions job) {
    double bestCost = Double.POSITIVE_INFINITY;
    double errorScale = 0;
    BoundModel.HubOption bestOption = null;
    int bestStart = -1;
    int[] bestSlots = null;
    for (BoundModel.HubOption option : job.options()) {
      int h = option.hub();
      if (job.interruptible()) {
        // its d cheapest usable slots: the d-th smallest cost by a primitive sort, then the slots below
        // it and as many at it as still needed (no boxing: this runs for every job and hub each iteration)
        int[] free = option.slots();
        int d = job.durationSlots();
        double cost = AccountingKernel.emissionsGrams(option.transferKwh(), option.minFirstSlotGrams());
        for (int k = 0; k < free.length; k++) {
          slotCosts[k] = slotCost(job, option, free[k]);
          sorted[k] = slotCosts[k];
        }
        Arrays.sort(sorted, 0, free.length);
        double threshold = sorted[d - 1];
        for (int k = 0; k < d; k++) {
          cost += sorted[k];
        }
        errorScale = Math.max(errorScale, (d + 2.0) * cost);
        if (cost < bestCost) {
          int[] chosen = new int[d];
          int n = 0;
          for (int k = 0; k < free.length && n < d; k++) {
            if (slotCosts[k] < threshold) {
              chosen[n++] = free[k];
            }
          }
          for (int k = 0; k < free.length && n < d; k++) {
            if (slotCosts[k] == threshold) {
              chosen[n++] = free[k];
            }
          }
          bestCost = cost;
          bestOption = option;
          bestSlots = chosen;
        }
      } else {
        int[] starts = option.starts();
        int d = job.durationSlots();
        // Prefix sums of slot costs over the job's window in this hub: from its first start to its last end.
        int from = starts[0];
        int to = starts[starts.length - 1] + d;
        prefix[0] = 0;
        for (int s = from; s < to; s++) {
          prefix[s - from + 1] = prefix[s - from] + slotCost(job, option, s);
        }
        errorScale = Math.max(errorScale, (to - from + 3.0) * (prefix[to - from]
            + AccountingKernel.emissionsGrams(option.transferKwh(), maxGrams[h])));
        for (int st : starts) {
          double cost = prefix[st + d - from] - prefix[st - from]
              + AccountingKernel.emissionsGrams(option.transferKwh(), m.grams[h][st]);
          if (cost < bestCost) {
            bestCost = cost;
            bestOption = option;
            bestStart = st;
            bestSlots = null;
          }
        }
      }
    }
    int h = bestOption.hub();
    if (bestSlots != null) {
      for (int s : bestSlots) {
        units[h][s] += job.units();
        kw[h][s] += bestOption.facilityKw();
        energy[h][s] += bestOption.kwhPerSlot();
        excess[h][s] += excessRow[h][s] ? m.excessKwh(bestOption.kwhPerSlot(), h, s) : 0;
      }
    } else {
      for (int s = bestStart; s < bestStart + job.durationSlots(); s++) {
        units[h][s] += job.units();
        kw[h][s] += bestOption.facilityKw();
        energy[h][s] += bestOption.kwhPerSlot();
        excess[h][s] += excessRow[h][s] ? m.excessKwh(bestOption.kwhPerSlot(), h, s) : 0;
      }
    }
    roundingScale += errorScale;
    return bestCost;
  }
}
