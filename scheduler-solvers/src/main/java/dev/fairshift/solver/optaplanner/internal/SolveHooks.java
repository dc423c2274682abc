package dev.fairshift.solver.optaplanner.internal;

import dev.fairshift.core.Schedule;
import dev.fairshift.solver.optaplanner.SolverScore;
import java.util.function.Supplier;

/**
 * What a running solve tells an observer and asks it, for {@link dev.fairshift.solver.optaplanner.SolveControl}:
 * the solver's way to stop early, whether to stop, and each new best schedule. Called on the solver's
 * thread; implementations must be thread-safe and quick.
 */
public interface SolveHooks {
  /** Observes nothing and never stops a solve. */
  SolveHooks NONE = new SolveHooks() {};

  /** The solver was built; {@code terminateEarly} stops it from any thread. */
  default void solverStarted(Runnable terminateEarly) {}

  /** Whether the solve should stop now (checked when each phase starts and after each step). */
  default boolean stopRequested() {
    return false;
  }

  /** A new best solution: its schedule (read lazily, at most once) and score. */
  default void bestSolutionChanged(Supplier<Schedule> schedule, SolverScore score) {}
}
