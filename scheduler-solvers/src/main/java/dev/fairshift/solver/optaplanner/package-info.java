/**
 * Local-search scheduling with OptaPlanner: {@link dev.fairshift.solver.optaplanner.OptaPlannerScheduler}
 * for one problem, {@link dev.fairshift.solver.optaplanner.ReplanningSession} for rolling re-planning
 * while jobs arrive, forecasts change and time passes, and the plain records they report (score,
 * per-constraint costs, unmet quotas, snapshots).
 */
package dev.fairshift.solver.optaplanner;
