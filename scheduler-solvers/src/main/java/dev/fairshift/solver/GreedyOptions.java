package dev.fairshift.solver;

/**
 * Settings of {@link Scheduler#greedy(GreedyOptions)}. Immutable and thread-safe.
 *
 * <pre>{@code
 * Scheduler raw = Scheduler.greedy(GreedyOptions.defaults().withPortfolio(false).withImprovementRounds(0));
 * }</pre>
 *
 * @param portfolio whether to also build the ASAP schedule, and the ASAP schedule improved like the
 *     greedy one, and return the placement of one of them (still named {@code greedy}) when it meets
 *     every quota the greedy schedule meets and places more jobs (priority-weighted), or as many and
 *     emits less on the planning intensities. With it, greedy never emits more than the ASAP baseline
 *     when both schedule every job, and schedules every job whenever ASAP does. Costs about two more
 *     runs and three evaluations. Default {@code true}.
 * @param improvementRounds 0 for the construction alone; otherwise the construction is followed by an
 *     ejection repair of the jobs left out (moving the jobs in their way elsewhere, kept only when all
 *     of those find a place) and this many remove-and-reinsert rounds: each job in turn is taken out
 *     and put back in its cheapest position given all others (never worse), and jobs left out are
 *     tried again. Each round costs about as much as the construction. Between 0 and 100; default 1.
 */
public record GreedyOptions(boolean portfolio, int improvementRounds) {

  /** The most improvement rounds allowed. */
  public static final int MAX_IMPROVEMENT_ROUNDS = 100;

  public GreedyOptions {
    if (improvementRounds < 0 || improvementRounds > MAX_IMPROVEMENT_ROUNDS) {
      throw new IllegalArgumentException("GreedyOptions improvementRounds must be between 0 and "
          + MAX_IMPROVEMENT_ROUNDS + " but was " + improvementRounds
          + ". Maybe use 0 to skip the improvement pass or 1 for the default.");
    }
  }

  /** The defaults: portfolio safeguard on, one improvement round. */
  public static GreedyOptions defaults() {
    return new GreedyOptions(true, 1);
  }

  /** A copy with the portfolio safeguard on or off. */
  public GreedyOptions withPortfolio(boolean on) {
    return new GreedyOptions(on, improvementRounds);
  }

  /** A copy with {@code rounds} improvement rounds. */
  public GreedyOptions withImprovementRounds(int rounds) {
    return new GreedyOptions(portfolio, rounds);
  }
}
