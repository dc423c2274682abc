package dev.fairshift.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A solver's answer: each job either assigned to a hub and slots, or unscheduled with a reason.
 * Check it against a problem with {@link Evaluator}. Immutable and thread-safe.
 *
 * @param solver the name of the solver that made it (e.g. {@code greedy})
 * @param assignments the placed jobs
 * @param unscheduled the jobs left out, each with its reason
 */
public record Schedule(String solver, List<Assignment> assignments, List<Unscheduled> unscheduled) {
  public Schedule {
    Objects.requireNonNull(solver, "solver");
    assignments = List.copyOf(assignments);
    unscheduled = List.copyOf(unscheduled);
  }

  /** The assignment of job {@code jobId}, if it was placed. */
  public Optional<Assignment> assignment(String jobId) {
    return assignments.stream().filter(a -> a.job().equals(jobId)).findFirst();
  }

  /** The number of jobs placed. */
  public int scheduledCount() {
    return assignments.size();
  }
}
