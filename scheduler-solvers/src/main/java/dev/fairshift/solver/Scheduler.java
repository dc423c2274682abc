package dev.fairshift.solver;

import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import java.util.Objects;

/**
 * Turns a valid {@link Problem} into a {@link Schedule}. Every job of the problem appears in the
 * schedule exactly once, assigned or unscheduled with a reason. Schedulers never break a hard rule
 * (check with {@link dev.fairshift.core.Evaluator}); the same problem and configuration give the same
 * schedule. Implementations are thread-safe: one instance may schedule many problems concurrently.
 *
 * <pre>{@code
 * Schedule baseline = Scheduler.asap().schedule(problem);
 * Schedule clean = Scheduler.greedy().schedule(problem);
 * double saving = Evaluator.evaluate(problem, clean).savingVersus(Evaluator.evaluate(problem, baseline));
 * }</pre>
 */
public interface Scheduler {

  /** The solver's name as written in {@link Schedule#solver()}, e.g. {@code greedy}. */
  String name();

  /** Schedules {@code problem}. */
  Schedule schedule(Problem problem);

  /**
   * The carbon-agnostic status quo, named {@code asap}: first come (by release), first served, at the
   * job's origin hub (else the allowed hub that can start it first), as early as it fits. It keeps
   * every hard rule (capacity, power cap, window, residency, maxShare) but ignores carbon and does
   * not reserve guaranteed quotas. The baseline every result is compared with.
   */
  static Scheduler asap() {
    return new AsapScheduler();
  }

  /** The carbon-aware greedy scheduler, named {@code greedy}, with {@link GreedyOptions#defaults()}. */
  static Scheduler greedy() {
    return greedy(GreedyOptions.defaults());
  }

  /**
   * The carbon-aware greedy scheduler, named {@code greedy}: guaranteed quotas first, then every job
   * in its feasible (hub, slots) with the least marginal emissions on the planning intensities
   * (forecasts when present), on-site renewables first and data transfer counted. Feasible by
   * construction. With {@link GreedyOptions#portfolio()} it never emits more than {@link #asap()}
   * when both schedule every job.
   */
  static Scheduler greedy(GreedyOptions options) {
    return new GreedyScheduler(Objects.requireNonNull(options, "options"));
  }
}
