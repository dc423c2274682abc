package dev.fairshift.examples;

import dev.fairshift.core.FairshiftException;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.decompose.DecomposedScheduler;
import dev.fairshift.solver.decompose.Split;
import dev.fairshift.solver.optaplanner.OptaPlannerScheduler;
import java.util.List;

/** Finds a scheduler by the name used on the command line and in the HTTP API. */
public final class Solvers {
  /** The names {@link #byName} knows. */
  public static final List<String> NAMES = List.of("asap", "greedy", "optaplanner");

  private Solvers() {}

  /** OptaPlanner warm-started from greedy, stopping at the time limit or after a fifth of it without improvement. */
  public static OptaPlannerScheduler optaPlanner(SolverOptions options) {
    return OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
        .timeLimit(options.timeLimit())
        .unimprovedTimeLimit(options.timeLimit().dividedBy(5))
        .seed(options.seed())
        .warmStart(Scheduler.greedy())
        .build());
  }

  /**
   * OptaPlanner by decomposition ({@link DecomposedScheduler}): {@code split} into parts solved on
   * {@code threads} threads from greedy's schedule, within {@code options}' time limit for the whole
   * solve, parts seeded from {@code options}' seed. No lower bound in the result (the caller states one).
   */
  public static DecomposedScheduler decomposed(SolverOptions options, Split split, int threads) {
    return DecomposedScheduler.create(DecomposedScheduler.Config.builder()
        .split(split)
        .threads(threads)
        .timeLimit(options.timeLimit())
        .seed(options.seed())
        .bound(false)
        .build());
  }

  /**
   * The scheduler called {@code name}.
   *
   * @throws FairshiftException naming the known solvers when there is none by that name
   */
  public static Scheduler byName(String name, SolverOptions options) {
    return switch (name) {
      case "asap" -> Scheduler.asap();
      case "greedy" -> Scheduler.greedy();
      case "optaplanner" -> optaPlanner(options);
      default -> throw new FairshiftException("Unknown solver '" + name + "'. Use one of " + NAMES + ".");
    };
  }
}
