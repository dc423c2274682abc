package dev.fairshift.solver.bound;

import dev.fairshift.core.IntensityBasis;
import dev.fairshift.core.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Shadow prices of what hubs offer, in grams CO2e, per hub and slot: a unit of capacity, a kW under
 * the power cap, and a kWh of energy where there is on-site supply. They are the multipliers of the
 * Lagrangian relaxation ({@link LowerBound}'s, on the forecast intensities solvers plan on) at the best
 * bound found: zero where the room or the supply is not contended, high where many jobs would emit
 * less there than they can anywhere else (a clean grid, a low PUE, sunshine).
 *
 * <p>Greedy's priced construction uses them as a look-ahead (see {@code GreedyScheduler}): a job's
 * cost at a hub is its marginal emissions there plus what it takes there, priced. So the scarce
 * room of a small clean hub, and a solar-fed hub's sunshine, go to the jobs that save most by them,
 * not to whichever comes first.
 *
 * <p>Immutable and thread-safe. Computing them costs as much as the Lagrangian bound for the same
 * iterations (its work per iteration is the sum over jobs and their hubs of the job's window).
 */
public final class ShadowPrices {
  private final int iterations;
  private final double[][] unitSlotGrams;
  private final double[][] facilityKwSlotGrams;
  private final double[][] energyKwhGrams;

  private ShadowPrices(int iterations, double[][] unitSlotGrams, double[][] facilityKwSlotGrams,
      double[][] energyKwhGrams) {
    this.iterations = iterations;
    this.energyKwhGrams = energyKwhGrams;
    this.unitSlotGrams = unitSlotGrams;
    this.facilityKwSlotGrams = facilityKwSlotGrams;
  }

  /**
   * The prices after {@code iterations} of the Lagrangian's subgradient ascent (its default is 300):
   * its multipliers at the best bound found.
   *
   * @param upperBoundGrams the planned emissions of a known schedule, if any: a better step target
   * @return empty when the problem alone proves that no schedule runs every job (a job that fits no
   *     allowed hub alone, a tenant asking for more than its share allows): the relaxation has no
   *     finite prices then
   */
  public static Optional<ShadowPrices> of(Problem problem, int iterations, OptionalDouble upperBoundGrams) {
    return along(problem, new int[] {iterations}, upperBoundGrams).map(list -> list.get(0));
  }

  /**
   * The prices after each of {@code iterations} (strictly ascending) of one ascent, each the same as
   * {@link #of} with that many iterations would give, for the cost of the last alone. Different
   * counts price the room differently enough to lead a construction to different plans.
   */
  public static Optional<List<ShadowPrices>> along(Problem problem, int[] iterations,
      OptionalDouble upperBoundGrams) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(iterations, "iterations");
    Objects.requireNonNull(upperBoundGrams, "upperBoundGrams");
    if (iterations.length == 0) {
      throw new IllegalArgumentException("iterations must name at least one count");
    }
    for (int i = 0; i < iterations.length; i++) {
      if (iterations[i] < 1) {
        throw new IllegalArgumentException("iterations must be at least 1, was " + iterations[i]);
      }
      if (i > 0 && iterations[i] <= iterations[i - 1]) {
        throw new IllegalArgumentException("iterations must ascend strictly, but " + iterations[i]
            + " follows " + iterations[i - 1]);
      }
    }
    BoundModel model = new BoundModel(problem, IntensityBasis.FORECAST);
    if (model.infeasibility.isPresent()) {
      return Optional.empty();
    }
    List<ShadowPrices> out = new ArrayList<>(iterations.length);
    List<double[][][]> points = LagrangianBound.prices(model, iterations, upperBoundGrams);
    for (int i = 0; i < iterations.length; i++) {
      out.add(new ShadowPrices(iterations[i], points.get(i)[0], points.get(i)[1], points.get(i)[2]));
    }
    return Optional.of(List.copyOf(out));
  }

  /** The ascent's iterations these prices come from. */
  public int iterations() {
    return iterations;
  }

  /** The price of one unit of capacity at {@code hub} (the problem's index) in {@code slot}, grams per unit-slot. */
  public double unitSlotGrams(int hub, int slot) {
    return unitSlotGrams[hub][slot];
  }

  /** The price of one facility kW (PUE x IT kW) under {@code hub}'s power cap in {@code slot}, grams per kW-slot. */
  public double facilityKwSlotGrams(int hub, int slot) {
    return facilityKwSlotGrams[hub][slot];
  }

  /**
   * The price of a kWh of facility energy at {@code hub} in {@code slot}, grams per kWh: where the hub
   * has on-site supply, what the relaxation charges for energy there (0 while the supply is in surplus,
   * up to the grid's intensity where every kWh of it is contended); elsewhere the grid's intensity.
   */
  public double energyKwhGrams(int hub, int slot) {
    return energyKwhGrams[hub][slot];
  }

  /** Number of hubs priced (the problem's). */
  public int hubCount() {
    return unitSlotGrams.length;
  }

  /** Number of slots priced (the problem's horizon). */
  public int slotCount() {
    return unitSlotGrams.length == 0 ? 0 : unitSlotGrams[0].length;
  }
}
