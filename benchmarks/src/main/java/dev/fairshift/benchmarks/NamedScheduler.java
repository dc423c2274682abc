package dev.fairshift.benchmarks;

import dev.fairshift.solver.Scheduler;
import java.util.Objects;

/**
 * A scheduler under the label the results show, e.g. {@code greedy} or {@code optaplanner-10s}
 * (several configurations of one scheduler share its {@link Scheduler#name()}), and the largest
 * scenario it runs on. Immutable; as thread-safe as the scheduler.
 *
 * @param label the column or row label in the results
 * @param scheduler the scheduler
 * @param maxJobs it runs only on scenarios with at most this many jobs (no row for larger ones), e.g.
 *     for the CP-SAT referee, whose model grows with jobs x hubs x window
 */
public record NamedScheduler(String label, Scheduler scheduler, int maxJobs) {
  public NamedScheduler {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(scheduler, "scheduler");
    if (maxJobs < 1) {
      throw new IllegalArgumentException("NamedScheduler '" + label + "' has maxJobs " + maxJobs
          + ". Maybe use Integer.MAX_VALUE to run it on every scenario.");
    }
  }

  /** A scheduler that runs on every scenario. */
  public NamedScheduler(String label, Scheduler scheduler) {
    this(label, scheduler, Integer.MAX_VALUE);
  }

  /** Whether it runs on a scenario of {@code jobs} jobs. */
  public boolean runsOn(int jobs) {
    return jobs <= maxJobs;
  }
}
