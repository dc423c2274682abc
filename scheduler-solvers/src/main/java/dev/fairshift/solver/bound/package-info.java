/**
 * Lower bounds on the emissions of any feasible schedule of a problem, so that a schedule's quality
 * can be stated as a gap: {@link dev.fairshift.solver.bound.LowerBound}.
 */
package dev.fairshift.solver.bound;
