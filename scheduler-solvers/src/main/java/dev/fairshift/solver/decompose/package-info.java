/**
 * OptaPlanner on problems too large for one search, by decomposition: {@link
 * dev.fairshift.solver.decompose.DecomposedScheduler} splits a problem by region (groups of hubs that
 * data residency ties together) or by time window, solves the parts in parallel from greedy's schedule,
 * merges them, lets a coordinating pass move the jobs that span parts, and checks the merged schedule
 * with the {@link dev.fairshift.core.Evaluator}. API; the helpers are package-private.
 */
package dev.fairshift.solver.decompose;
