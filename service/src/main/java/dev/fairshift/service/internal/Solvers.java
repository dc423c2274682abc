package dev.fairshift.service.internal;

import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.optaplanner.OptaPlannerScheduler;
import java.time.Duration;
import java.util.List;

/** The schedulers the HTTP API names, as the command line does. */
final class Solvers {
  static final List<String> NAMES = List.of("asap", "greedy", "optaplanner");

  private Solvers() {}

  /** {@code name}'s scheduler: OptaPlanner warm-started from greedy, stopping at the limit or after a fifth of it unimproved. */
  static Scheduler byName(String name, Duration timeLimit, long seed) {
    return switch (name) {
      case "asap" -> Scheduler.asap();
      case "greedy" -> Scheduler.greedy();
      case "optaplanner" -> OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
          .timeLimit(timeLimit)
          .unimprovedTimeLimit(timeLimit.dividedBy(5).isZero() ? timeLimit : timeLimit.dividedBy(5))
          .seed(seed)
          .warmStart(Scheduler.greedy())
          .build());
      default -> throw new IllegalArgumentException(name);
    };
  }
}
