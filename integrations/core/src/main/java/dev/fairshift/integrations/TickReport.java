package dev.fairshift.integrations;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one reconcile pass saw and did.
 *
 * @param at the clock's instant when the pass started
 * @param outcome how it went
 * @param heldJobs held jobs seen
 * @param decisionsWritten decisions recorded on the engine in this pass
 * @param released jobs released in this pass, in order
 * @param problems what went wrong or was degraded, one line each (engine errors, planning failure,
 *     intensity fallbacks, jobs left to the engine)
 */
public record TickReport(Instant at, Outcome outcome, int heldJobs, int decisionsWritten, List<Released> released,
    List<String> problems) {

  /** How a pass went. */
  public enum Outcome {
    /** Read, planned and applied on the configured data. */
    OK,
    /** Applied, but planning failed or planned on stand-in data (embedded or flat intensities). */
    DEGRADED,
    /** An engine call failed; what remained is retried on the next pass. */
    ENGINE_ERROR
  }

  /**
   * One release.
   *
   * @param jobId the engine job id
   * @param kind why it was released now
   * @param pool the pool it was released on, empty when left where it asked to run
   */
  public record Released(String jobId, Release.Kind kind, Optional<String> pool) {
    public Released {
      Objects.requireNonNull(jobId, "jobId");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(pool, "pool");
    }
  }

  public TickReport {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(outcome, "outcome");
    released = List.copyOf(released);
    problems = List.copyOf(problems);
  }
}
