package dev.fairshift.solver.bound;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/**
 * The Lagrangian relaxation of the coupling rows, for problems too large for the simplex.
 *
 * <p>The rows that tie jobs together are priced instead of enforced: hub capacity with multipliers
 * {@code lambda(h,s) >= 0}, the power cap with {@code mu(h,s) >= 0}, and the grid-energy row
 * {@code g >= E - R} (where on-site renewables matter) with {@code nu(h,s)} in {@code [0, I(h,s)]}.
 * For fixed multipliers,
 * <pre>
 * L = sum_j min over j's placements of cost_j - sum lambda cap - sum mu powerCap - sum nu R
 * cost_j = sum over its (h,s) of (c(h,s) x energy + lambda(h,s) x units + mu(h,s) x facility kW)
 *          + transfer energy x intensity of its first slot
 * </pre>
 * with {@code c = nu} where renewables matter and {@code c = I} elsewhere. Each job then simply
 * takes its own cheapest window: a sliding sum over its starts, or its {@code D} cheapest slots when
 * interruptible (its transfer charged at the lowest intensity any first slot could have).
 *
 * <p>Validity (weak duality): take any feasible schedule that runs every job, with units U, facility
 * power P and energy E per hub and slot, and grid energy G = max(0, E - R). Its emissions are
 * {@code sum I G + transfers} and
 * <pre>
 * sum I G + transfers
 *   >= sum I G + transfers + sum lambda (U - cap) + sum mu (P - powerCap) + sum nu (E - R - G)
 *      (each added term is <= 0: lambda, mu, nu >= 0 and U <= cap, P <= powerCap, E - R <= G)
 *    = sum (I - nu) G + sum_j cost_j(its placement) - sum lambda cap - sum mu powerCap - sum nu R
 *   >= sum_j min cost_j - sum lambda cap - sum mu powerCap - sum nu R = L
 *      (I - nu >= 0 and G >= 0; each job's placement is one of those minimised over)
 * </pre>
 * So every L, for any multipliers in range, is a lower bound; the best L found is returned (less
 * a 10^-9 relative rounding margin, and never below 0). Projected subgradient ascent moves the
 * multipliers by {@code U - cap}, {@code P - powerCap} and {@code E - R} with Polyak steps towards a
 * target (a known upper bound, or 5 % above the best L so far), halving the step scale after 20
 * iterations without improvement. Its best value approaches the LP bound.
 */
final class LagrangianBound {
  private static final int PATIENCE = 20;
  /** Iterations that run whatever the work limit. */
  static final int MIN_ITERATIONS = 5;

  private final BoundModel m;
  private final double[][] lambda;
  private final double[][] mu;
  private final double[][] nu;
  private final boolean[][] capRow;
  private final boolean[][] powerRow;
  private final boolean[][] renewRow;
  // Per-iteration loads of the chosen placements.
  private final double[][] units;
  private final double[][] kw;
  private final double[][] energy;
  private final double[] prefix;
  private final double[] slotCosts;
  private final double[] sorted;

  private LagrangianBound(BoundModel model) {
    this.m = model;
    lambda = new double[m.hubs][m.slots];
    mu = new double[m.hubs][m.slots];
    nu = new double[m.hubs][m.slots];
    capRow = new boolean[m.hubs][m.slots];
    powerRow = new boolean[m.hubs][m.slots];
    renewRow = new boolean[m.hubs][m.slots];
    units = new double[m.hubs][m.slots];
    kw = new double[m.hubs][m.slots];
    energy = new double[m.hubs][m.slots];
    prefix = new double[m.slots + 1];
    slotCosts = new double[m.slots];
    sorted = new double[m.slots];
    for (int h = 0; h < m.hubs; h++) {
      for (int s = 0; s < m.slots; s++) {
        capRow[h][s] = m.capacityMayBind(h, s);
        powerRow[h][s] = m.powerCapMayBind(h, s);
        renewRow[h][s] = m.renewablesMatter(h, s);
      }
    }
  }

  /**
   * The result.
   *
   * @param grams the bound
   * @param iterations subgradient iterations run
   */
  record Result(double grams, int iterations, boolean workLimited) {}

  /**
   * Runs up to {@code iterations} subgradient iterations on {@code model}, fewer when they would
   * evaluate more than {@code maxWork} slot-costs (but at least {@link #MIN_ITERATIONS}).
   */
  static Result solve(BoundModel model, int iterations, OptionalDouble upperBoundGrams, long maxWork) {
    LagrangianBound bound = new LagrangianBound(model);
    long perIteration = Math.max(1, bound.workPerIteration());
    long affordable = Math.max(MIN_ITERATIONS, maxWork / perIteration);
    int limit = (int) Math.min(iterations, affordable);
    Result r = bound.run(limit, upperBoundGrams);
    return new Result(r.grams(), r.iterations(), limit < iterations);
  }

  /** Slot-costs one iteration evaluates: per job and hub option, its window (or its usable slots). */
  private long workPerIteration() {
    long work = (long) m.hubs * m.slots;
    for (BoundModel.JobOptions job : m.jobs) {
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

  private Result run(int iterations, OptionalDouble upperBound) {
    double best = Double.NEGATIVE_INFINITY;
    double scale = 2.0;
    int sinceImprovement = 0;
    int done = 0;
    for (int it = 0; it < iterations; it++) {
      done = it + 1;
      double value = evaluate();
      if (it == 0 || value > best + 1e-12 * Math.abs(best)) {
        best = value;
        sinceImprovement = 0;
      } else if (++sinceImprovement >= PATIENCE) {
        scale /= 2;
        sinceImprovement = 0;
        if (scale < 1e-4) {
          break;
        }
      }
      double normSquared = 0;
      for (int h = 0; h < m.hubs; h++) {
        for (int s = 0; s < m.slots; s++) {
          if (capRow[h][s]) {
            normSquared += square(projected(lambda[h][s], units[h][s] - m.capacity[h][s], Double.POSITIVE_INFINITY));
          }
          if (powerRow[h][s]) {
            normSquared += square(projected(mu[h][s], kw[h][s] - powerCap(h, s), Double.POSITIVE_INFINITY));
          }
          if (renewRow[h][s]) {
            normSquared += square(projected(nu[h][s], energy[h][s] - m.renewableKwh[h][s], m.grams[h][s]));
          }
        }
      }
      if (normSquared == 0) {
        break; // The chosen placements satisfy every relaxed row with complementary slackness: optimal.
      }
      double target = upperBound.isPresent() && upperBound.getAsDouble() > best
          ? upperBound.getAsDouble() : best + Math.max(0.05 * Math.abs(best), 1e-3);
      double step = scale * (target - value) / normSquared;
      for (int h = 0; h < m.hubs; h++) {
        for (int s = 0; s < m.slots; s++) {
          if (capRow[h][s]) {
            lambda[h][s] = Math.max(0, lambda[h][s] + step * (units[h][s] - m.capacity[h][s]));
          }
          if (powerRow[h][s]) {
            mu[h][s] = Math.max(0, mu[h][s] + step * (kw[h][s] - powerCap(h, s)));
          }
          if (renewRow[h][s]) {
            nu[h][s] = Math.min(m.grams[h][s],
                Math.max(0, nu[h][s] + step * (energy[h][s] - m.renewableKwh[h][s])));
          }
        }
      }
    }
    double bound = best - 1e-9 * Math.abs(best);
    return new Result(Math.max(0.0, bound), done, false);
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

  /** L at the current multipliers; fills the loads of each job's cheapest placement. */
  private double evaluate() {
    for (int h = 0; h < m.hubs; h++) {
      Arrays.fill(units[h], 0);
      Arrays.fill(kw[h], 0);
      Arrays.fill(energy[h], 0);
    }
    double total = 0;
    for (int h = 0; h < m.hubs; h++) {
      for (int s = 0; s < m.slots; s++) {
        if (capRow[h][s]) {
          total -= lambda[h][s] * m.capacity[h][s];
        }
        if (powerRow[h][s]) {
          total -= mu[h][s] * powerCap(h, s);
        }
        if (renewRow[h][s]) {
          total -= nu[h][s] * m.renewableKwh[h][s];
        }
      }
    }
    for (BoundModel.JobOptions job : m.jobs) {
      total += cheapest(job);
    }
    return total;
  }

  /** Cost of one job in one slot of one hub at the current multipliers. */
  private double slotCost(BoundModel.JobOptions job, BoundModel.HubOption option, int s) {
    int h = option.hub();
    double perKwh = renewRow[h][s] ? nu[h][s] : m.grams[h][s];
    return perKwh * option.kwhPerSlot() + lambda[h][s] * job.units() + mu[h][s] * option.facilityKw();
  }

  /** The job's cheapest placement: adds its cost to the result and its load to the arrays. */
  private double cheapest(BoundModel.JobOptions job) {
    double bestCost = Double.POSITIVE_INFINITY;
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
        double cost = option.transferKwh() * option.minFirstSlotGrams();
        for (int k = 0; k < free.length; k++) {
          slotCosts[k] = slotCost(job, option, free[k]);
          sorted[k] = slotCosts[k];
        }
        Arrays.sort(sorted, 0, free.length);
        double threshold = sorted[d - 1];
        for (int k = 0; k < d; k++) {
          cost += sorted[k];
        }
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
        for (int st : starts) {
          double cost = prefix[st + d - from] - prefix[st - from] + option.transferKwh() * m.grams[h][st];
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
    int[] slots = bestSlots != null ? bestSlots
        : IntStream.range(bestStart, bestStart + job.durationSlots()).toArray();
    for (int s : slots) {
      units[h][s] += job.units();
      kw[h][s] += bestOption.facilityKw();
      energy[h][s] += bestOption.kwhPerSlot();
    }
    return bestCost;
  }
}
