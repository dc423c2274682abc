/**
 * Local-search scheduling with OptaPlanner: {@link dev.fairshift.solver.optaplanner.OptaPlannerScheduler}
 * and the plain records it reports (score, per-constraint costs, unmet quotas).
 */
package dev.fairshift.solver.optaplanner;
