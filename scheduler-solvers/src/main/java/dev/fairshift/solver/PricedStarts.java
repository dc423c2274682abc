package dev.fairshift.solver;

import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.bound.ShadowPrices;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BooleanSupplier;

/**
 * More starting points for a local search, within a time budget: greedy's priced plan (see
 * {@code GreedyScheduler}, the priced regret step) with the room priced at other points of the
 * Lagrangian ascent ({@link #ITERATIONS}; greedy's own, {@link GreedyOptions#PRICE_ITERATIONS}, is
 * left out). Each plan is improved, polished and traded like greedy's; the best of them and the given
 * schedule, compared as greedy compares its plans (every quota the given one meets, then placed
 * priority, then planned emissions), is returned.
 *
 * <p>Why: which multipliers lead the construction to the better plan changes from problem to
 * problem, by up to 10 % on the hard family's develop seeds at 1,000 jobs, more than OptaPlanner's
 * local search gains from one start in 10 s. OptaPlanner spends part of its time limit here
 * ({@code OptaPlannerScheduler}).
 *
 * <p>A plan is started only while the time spent so far plus the last plan's time stays within the
 * budget, so the result depends on the machine's speed (as any time-limited search does). Up to
 * {@link GreedyOptions#PACKING_JOB_LIMIT} jobs; above, and when the problem alone proves that no
 * schedule runs every job, the given schedule is returned as it is. Stateless and thread-safe.
 */
public final class PricedStarts {
  /** The ascent's iteration counts whose prices are tried, in this order. */
  static final int[] ITERATIONS = {200, 50, 300, 600, 150, 400, 800, 75, 1000};

  private PricedStarts() {}

  /**
   * The outcome of {@link #best}.
   *
   * @param schedule the best schedule: the given one, or a priced plan that beats it
   * @param plansTried how many priced plans were built
   * @param improved whether a priced plan beat the given schedule
   * @param elapsed the time spent, prices included
   */
  public record Result(Schedule schedule, int plansTried, boolean improved, Duration elapsed) {
    public Result {
      Objects.requireNonNull(schedule, "schedule");
      Objects.requireNonNull(elapsed, "elapsed");
    }
  }

  /** The best of {@code incumbent} and the priced plans that {@code budget} allows. */
  public static Result best(Problem problem, Schedule incumbent, Duration budget) {
    return best(problem, incumbent, budget, () -> false);
  }

  /**
   * As {@link #best(Problem, Schedule, Duration)}, starting no plan once {@code stopRequested} says so
   * (checked before each; a plan under way finishes).
   */
  public static Result best(Problem problem, Schedule incumbent, Duration budget, BooleanSupplier stopRequested) {
    Objects.requireNonNull(stopRequested, "stopRequested");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(incumbent, "incumbent");
    Objects.requireNonNull(budget, "budget");
    long t0 = System.nanoTime();
    long budgetNanos = budget.toNanos();
    if (budgetNanos <= 0 || problem.jobs().isEmpty() || problem.jobs().size() > GreedyOptions.PACKING_JOB_LIMIT) {
      return new Result(incumbent, 0, false, Duration.ofNanos(System.nanoTime() - t0));
    }
    GreedyScheduler.Candidate start = new GreedyScheduler.Candidate(problem, incumbent);
    int[] ascending = ITERATIONS.clone();
    Arrays.sort(ascending);
    Optional<List<ShadowPrices>> prices = ShadowPrices.along(problem, ascending,
        OptionalDouble.of(start.plannedGrams));
    if (prices.isEmpty()) {
      return new Result(incumbent, 0, false, Duration.ofNanos(System.nanoTime() - t0));
    }
    GreedyScheduler greedy = new GreedyScheduler(GreedyOptions.defaults());
    GreedyScheduler.Candidate best = start;
    int tried = 0;
    long lastPlanNanos = 0;
    for (int count : ITERATIONS) {
      long now = System.nanoTime();
      if (now - t0 + lastPlanNanos > budgetNanos || stopRequested.getAsBoolean()) {
        break;
      }
      ShadowPrices at = prices.get().stream().filter(p -> p.iterations() == count).findFirst().orElseThrow();
      Schedule plan = PriorityTrades.improve(problem, greedy.pricedPlan(problem, at), GreedyScheduler.NAME);
      best = best.orBetter(new GreedyScheduler.Candidate(problem, plan));
      tried++;
      lastPlanNanos = System.nanoTime() - now;
    }
    return new Result(best.result.get(), tried, best != start, Duration.ofNanos(System.nanoTime() - t0));
  }
}
