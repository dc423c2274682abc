package dev.fairshift.solver.optaplanner;

import java.util.List;
import java.util.Objects;

/**
 * What one constraint costs a schedule, and its costliest matches.
 *
 * @param name the constraint's name, e.g. {@code Grid emissions}
 * @param level the score level it weighs on
 * @param impact its total impact on that level (negative: a penalty); on {@link ScoreLevel#SOFT} in
 *     milligrams CO2e-equivalent
 * @param matchCount how many matches it has
 * @param topMatches its costliest matches, largest penalty first (at most the configured limit)
 */
public record ConstraintCost(
    String name, ScoreLevel level, long impact, int matchCount, List<ConstraintMatchSummary> topMatches) {

  public ConstraintCost {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(level, "level");
    topMatches = List.copyOf(topMatches);
  }

  /** The unit of {@link #impact()}. */
  public String unit() {
    return switch (level) {
      case HARD -> "hard points";
      case MEDIUM -> "priority";
      case SOFT -> "mg CO2e-eq";
    };
  }
}
