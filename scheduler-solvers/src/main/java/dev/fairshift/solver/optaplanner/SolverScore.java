package dev.fairshift.solver.optaplanner;

/**
 * The solver's score of a schedule: three levels compared in order, each &le; 0, higher is better.
 *
 * @param hard broken rules: each unit over a hard rule (capacity, power cap, window, residency,
 *     maxShare) costs total capacity + 1; each unit-slot missing from a guaranteed quota costs 1
 * @param medium minus the summed priority of unscheduled jobs
 * @param soft minus milligrams CO2e-equivalent: emissions, energy cost at the carbon price and the
 *     fair-share term
 */
public record SolverScore(long hard, long medium, long soft) {

  /** Whether no hard constraint is broken: every rule kept and every guaranteed quota met. */
  public boolean feasible() {
    return hard == 0;
  }

  /** The soft level in grams CO2e-equivalent (positive: a cost). */
  public double softCostGrams() {
    return -soft / 1000.0;
  }

  @Override
  public String toString() {
    return hard + "hard/" + medium + "medium/" + soft + "soft";
  }
}
