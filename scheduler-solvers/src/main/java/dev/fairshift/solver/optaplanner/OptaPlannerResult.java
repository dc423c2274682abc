package dev.fairshift.solver.optaplanner;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Schedule;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one {@link OptaPlannerScheduler#solve} produced: the schedule, its score and the score
 * explained per constraint, the guaranteed quotas it misses and why, and the {@link Evaluation} it
 * was checked with. The score and explanation always describe {@link #schedule()}, also after a
 * fallback. Immutable and thread-safe.
 *
 * @param schedule the schedule (solver name {@code optaplanner}); feasible per the Evaluator
 * @param score its score
 * @param constraints every constraint with a non-zero cost, hard first, costliest first in a level
 * @param unmetQuotas tenants whose guarantee is not met, with the reason (empty when all are met)
 * @param evaluation the Evaluator's accounting of {@code schedule}
 * @param fallback when the solver's own best schedule broke an Evaluator rule (it should not): what
 *     was returned instead and why; empty normally
 * @param statistics how much work the solver did
 */
public record OptaPlannerResult(
    Schedule schedule,
    SolverScore score,
    List<ConstraintCost> constraints,
    List<QuotaShortfall> unmetQuotas,
    Evaluation evaluation,
    Optional<String> fallback,
    SolverStatistics statistics) {

  public OptaPlannerResult {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(score, "score");
    constraints = List.copyOf(constraints);
    unmetQuotas = List.copyOf(unmetQuotas);
    Objects.requireNonNull(evaluation, "evaluation");
    Objects.requireNonNull(fallback, "fallback");
    Objects.requireNonNull(statistics, "statistics");
  }

  /** The cost of constraint {@code name}, if it has any. */
  public Optional<ConstraintCost> constraint(String name) {
    return constraints.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * The score explanation as plain text for a report: the score, then one line per constraint with
   * its total and its costliest matches, then unmet quotas and any fallback.
   */
  public String explanation() {
    StringBuilder s = new StringBuilder();
    s.append("Score ").append(score).append(score.feasible() ? " (feasible)" : " (hard constraints broken)")
        .append('\n');
    for (ConstraintCost c : constraints) {
      s.append(String.format(Locale.ROOT, "  %-34s %6s %,d %s in %d match(es)%n", c.name(), c.level(),
          -c.impact(), c.unit(), c.matchCount()));
      for (ConstraintMatchSummary m : c.topMatches()) {
        s.append("      ").append(m).append('\n');
      }
    }
    for (QuotaShortfall q : unmetQuotas) {
      s.append(String.format(Locale.ROOT, "  Quota of tenant '%s' not met: %d of %.2f unit-slots. %s%n",
          q.tenant(), q.scheduledUnitSlots(), q.guaranteedUnitSlots(), q.reason()));
    }
    fallback.ifPresent(f -> s.append("  Fallback: ").append(f).append('\n'));
    return s.toString();
  }
}
