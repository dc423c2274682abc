/**
 * The carbon-aware scheduling policies people use today (Carbon Aware SDK, Let's Wait Awhile, GAIA,
 * a Compute Gardener-like threshold), as Fairshift {@link dev.fairshift.solver.Scheduler}s that the
 * quality suite compares with Fairshift's own; entry point {@link dev.fairshift.benchmarks.peers.Peers}.
 */
package dev.fairshift.benchmarks.peers;
