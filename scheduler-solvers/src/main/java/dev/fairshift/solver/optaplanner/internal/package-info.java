/**
 * The OptaPlanner planning domain, constraints and mappings behind
 * {@link dev.fairshift.solver.optaplanner.OptaPlannerScheduler}. Not API: these classes are public only
 * because OptaPlanner must reach them, and may change in any release.
 */
package dev.fairshift.solver.optaplanner.internal;
