package dev.fairshift.solver.bound;

/** How a {@link LowerBound} is computed. */
public enum BoundMethod {
  /** The linear-programming relaxation, solved exactly by the simplex: the tightest, for small problems. */
  LINEAR_PROGRAM,
  /** Lagrangian relaxation of the hub rows with subgradient ascent: scales to large problems. */
  LAGRANGIAN,
  /** No schedule runs every job; seen before any relaxation is solved (a tenant's maxShare). */
  PROVEN_INFEASIBLE,
  /** Nothing was computed: no bound applies, or there was nothing to bound. */
  NOT_COMPUTED
}
