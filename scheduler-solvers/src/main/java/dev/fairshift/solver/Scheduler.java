package dev.fairshift.solver;

import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;

/**
 * Turns a valid {@link Problem} into a {@link Schedule}. Every job of the problem appears in the
 * schedule exactly once, assigned or unscheduled with a reason. Schedulers never break a hard rule
 * (check with {@link dev.fairshift.core.Evaluator}); the same problem and configuration give the same
 * schedule. Implementations are thread-safe: one instance may schedule many problems concurrently.
 */
public interface Scheduler {

  /** The solver's name as written in {@link Schedule#solver()}, e.g. {@code greedy}. */
  String name();

  /** Schedules {@code problem}. */
  Schedule schedule(Problem problem);
}
