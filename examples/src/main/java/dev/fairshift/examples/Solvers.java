package dev.fairshift.examples;

import dev.fairshift.core.FairshiftException;
import dev.fairshift.solver.Scheduler;
import java.util.List;

/** Finds a scheduler by the name used on the command line and in the HTTP API. */
public final class Solvers {
  /** The names {@link #byName} knows. */
  public static final List<String> NAMES = List.of("asap", "greedy");

  private Solvers() {}

  /**
   * The scheduler called {@code name}.
   *
   * @throws FairshiftException naming the known solvers when there is none by that name
   */
  public static Scheduler byName(String name, SolverOptions options) {
    return switch (name) {
      case "asap" -> Scheduler.asap();
      case "greedy" -> Scheduler.greedy();
      default -> throw new FairshiftException("Unknown solver '" + name + "'. Use one of " + NAMES + ".");
    };
  }
}
