/**
 * Acting on real engines: the {@link dev.fairshift.integrations.Engine} interface that each cluster-manager
 * adapter implements (Slurm, Kubernetes), its records and typed errors, and the engine-independent planning
 * loop that reads the engine's state, plans with Fairshift's solvers and writes decisions back.
 */
package dev.fairshift.integrations;
