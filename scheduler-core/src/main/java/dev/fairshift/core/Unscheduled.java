package dev.fairshift.core;

import java.util.Objects;

/**
 * A job a solver could not place, and why.
 *
 * @param job the job id
 * @param reason a sentence a user can act on
 */
public record Unscheduled(String job, String reason) {
  public Unscheduled {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(reason, "reason");
  }
}
