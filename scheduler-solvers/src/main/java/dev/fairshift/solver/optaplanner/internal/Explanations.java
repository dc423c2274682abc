package dev.fairshift.solver.optaplanner.internal;

import dev.fairshift.solver.optaplanner.ConstraintCost;
import dev.fairshift.solver.optaplanner.ConstraintMatchSummary;
import dev.fairshift.solver.optaplanner.ScoreLevel;
import dev.fairshift.solver.optaplanner.SolverScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.optaplanner.core.api.score.ScoreExplanation;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.constraint.ConstraintMatch;
import org.optaplanner.core.api.score.constraint.ConstraintMatchTotal;
import org.optaplanner.core.api.score.stream.ConstraintJustification;

/** Maps OptaPlanner's score explanation onto Fairshift's plain records. Stateless and thread-safe. */
public final class Explanations {
  private Explanations() {}

  /** The score as a plain record. */
  public static SolverScore score(HardMediumSoftLongScore score) {
    return new SolverScore(score.hardScore(), score.mediumScore(), score.softScore());
  }

  /**
   * Every constraint with a non-zero impact, hard before medium before soft and costliest first
   * within a level, each with its {@code limit} costliest matches. Matches about a hub and slot list
   * the jobs of {@code solution} running there.
   */
  public static List<ConstraintCost> constraints(ScoreExplanation<PlanSolution, HardMediumSoftLongScore> explanation,
      PlanSolution solution, int limit) {
    Map<String, List<String>> jobsAt = jobsByHubSlot(solution);
    List<ConstraintCost> out = new ArrayList<>();
    for (ConstraintMatchTotal<HardMediumSoftLongScore> total : explanation.getConstraintMatchTotalMap().values()) {
      HardMediumSoftLongScore score = total.getScore();
      ScoreLevel level = level(total.getConstraintWeight());
      long impact = switch (level) {
        case HARD -> score.hardScore();
        case MEDIUM -> score.mediumScore();
        case SOFT -> score.softScore();
      };
      if (impact == 0) {
        continue;
      }
      List<ConstraintMatch<HardMediumSoftLongScore>> matches = new ArrayList<>(total.getConstraintMatchSet());
      List<ConstraintMatchSummary> summaries = new ArrayList<>();
      for (ConstraintMatch<HardMediumSoftLongScore> match : matches) {
        long matchImpact = levelOf(match.getScore(), level);
        if (matchImpact != 0) {
          summaries.add(summary(match.getJustification(), matchImpact, jobsAt));
        }
      }
      summaries.sort(Comparator.comparingLong(ConstraintMatchSummary::impact)
          .thenComparing(ConstraintMatchSummary::toString));
      out.add(new ConstraintCost(total.getConstraintName(), level, impact, summaries.size(),
          summaries.subList(0, Math.min(limit, summaries.size()))));
    }
    out.sort(Comparator.comparing(ConstraintCost::level).thenComparingLong(ConstraintCost::impact)
        .thenComparing(ConstraintCost::name));
    return out;
  }

  private static ScoreLevel level(HardMediumSoftLongScore weight) {
    if (weight.hardScore() != 0) {
      return ScoreLevel.HARD;
    }
    return weight.mediumScore() != 0 ? ScoreLevel.MEDIUM : ScoreLevel.SOFT;
  }

  private static long levelOf(HardMediumSoftLongScore score, ScoreLevel level) {
    return switch (level) {
      case HARD -> score.hardScore();
      case MEDIUM -> score.mediumScore();
      case SOFT -> score.softScore();
    };
  }

  private static ConstraintMatchSummary summary(ConstraintJustification justification, long impact,
      Map<String, List<String>> jobsAt) {
    if (justification instanceof HubSlotJustification j) {
      return new ConstraintMatchSummary(impact, jobsAt.getOrDefault(key(j.hub(), j.slot()), List.of()),
          Optional.empty(), Optional.of(j.hub()), OptionalInt.of(j.slot()), j.description());
    }
    if (justification instanceof JobJustification j) {
      return new ConstraintMatchSummary(impact, j.jobs(), Optional.of(j.tenant()), Optional.empty(),
          OptionalInt.empty(), j.description());
    }
    if (justification instanceof TenantJustification j) {
      return new ConstraintMatchSummary(impact, List.of(), Optional.of(j.tenant()), Optional.empty(),
          OptionalInt.empty(), j.description());
    }
    return new ConstraintMatchSummary(impact, List.of(), Optional.empty(), Optional.empty(), OptionalInt.empty(),
        String.valueOf(justification));
  }

  private static String key(String hub, int slot) {
    return hub + "\u0000" + slot;
  }

  private static Map<String, List<String>> jobsByHubSlot(PlanSolution solution) {
    Map<String, List<String>> map = new HashMap<>();
    List<Occupant> occupants = new ArrayList<>(solution.getAssignments());
    occupants.addAll(solution.getJobSlots());
    for (Occupant occupant : occupants) {
      for (Occupancy o : occupant.occupancies()) {
        map.computeIfAbsent(key(o.hubSlot().hubId(), o.hubSlot().slot()), k -> new ArrayList<>()).add(o.job().id());
      }
    }
    map.values().forEach(list -> list.sort(null));
    return map;
  }
}
