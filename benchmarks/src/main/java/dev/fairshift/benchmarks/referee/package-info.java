/**
 * A referee for the quality suite: {@link dev.fairshift.benchmarks.referee.CpSatReferee} solves the
 * same problem as Fairshift's schedulers with Google OR-Tools CP-SAT, an exact general-purpose solver,
 * and reports its schedule with the solver's own proven lower bound.
 */
package dev.fairshift.benchmarks.referee;
