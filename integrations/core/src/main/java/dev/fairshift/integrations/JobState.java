package dev.fairshift.integrations;

/** Where a job under Fairshift's control is in its life cycle, as the engine reports it. */
public enum JobState {
  /**
   * Held for Fairshift: the engine will not start it until {@link Engine#release} (Slurm: held at
   * submission; Kubernetes: gated pod or suspended Job). Only held jobs are planned and released.
   */
  HELD,
  /** Released (or never held): waiting for the engine to start it. Fairshift does not touch it again. */
  PENDING,
  /** Running since {@link EngineJob#startedAt()}. Never touched. */
  RUNNING,
  /** Ended (completed, failed, timed out) at {@link EngineJob#endedAt()}. Never touched. */
  FINISHED,
  /** Cancelled by its user or an administrator before or while it ran. Leaves the plan. */
  CANCELLED;

  /** Whether the job is over: it will not run (any more). */
  public boolean isTerminal() {
    return this == FINISHED || this == CANCELLED;
  }
}
