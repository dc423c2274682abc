package dev.fairshift.benchmarks;

import dev.fairshift.solver.Scheduler;
import java.util.Objects;

/**
 * A scheduler under the label the results show, e.g. {@code greedy} or {@code optaplanner-10s}
 * (several configurations of one scheduler share its {@link Scheduler#name()}). Immutable; as
 * thread-safe as the scheduler.
 *
 * @param label the column or row label in the results
 * @param scheduler the scheduler
 */
public record NamedScheduler(String label, Scheduler scheduler) {
  public NamedScheduler {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(scheduler, "scheduler");
  }
}
