package dev.fairshift.solver.decompose;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.bound.EmissionsBound;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything one {@link DecomposedScheduler#solve} produced: the merged schedule and its evaluation,
 * greedy's schedule it started from, every part and the coordinating pass, and the lower bound for
 * the merged schedule. Immutable and thread-safe.
 *
 * @param schedule the merged schedule (solver {@value DecomposedScheduler#NAME}); feasible per the
 *     Evaluator and never behind greedy's in placed priority, then emissions on the planning intensities
 * @param evaluation the Evaluator's accounting of {@code schedule}
 * @param greedy the Evaluator's accounting of greedy's schedule of the whole problem (the warm start)
 * @param split the split used ({@link Split#AUTO} resolved)
 * @param parts one report per part, in the partition's order
 * @param coordination the coordinating pass over the jobs that span parts, if it ran
 * @param bound {@code LowerBound.forSchedule} of the merged schedule, when asked for
 * @param greedyTime how long greedy took on the whole problem
 * @param time how long the whole solve took, bound included
 * @param notes merges undone (a merged part broke a rule or lost a quota) and parts skipped, with the reason
 */
public record DecomposedResult(Schedule schedule, Evaluation evaluation, Evaluation greedy, Split split,
    List<PartReport> parts, Optional<PartReport> coordination, Optional<EmissionsBound> bound, Duration greedyTime,
    Duration time, List<String> notes) {

  public DecomposedResult {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(evaluation, "evaluation");
    Objects.requireNonNull(greedy, "greedy");
    Objects.requireNonNull(split, "split");
    parts = List.copyOf(parts);
    Objects.requireNonNull(coordination, "coordination");
    Objects.requireNonNull(bound, "bound");
    Objects.requireNonNull(greedyTime, "greedyTime");
    Objects.requireNonNull(time, "time");
    notes = List.copyOf(notes);
  }

  /** The fraction of greedy's emissions the merged schedule saves (actual intensities): 0.01 = 1 % less. */
  public double savingVersusGreedy() {
    return evaluation.savingVersus(greedy);
  }

  /** The merged schedule's gap to {@link #bound()}, where the bound applies to it. */
  public OptionalDouble gap() {
    return bound.map(b -> b.gapTo(evaluation)).orElse(OptionalDouble.empty());
  }

  /** Greedy's gap to {@link #bound()}, where the bound applies to greedy's schedule. */
  public OptionalDouble greedyGap() {
    return bound.map(b -> b.gapTo(greedy)).orElse(OptionalDouble.empty());
  }

  /** The report as plain text: split, one line per part, the coordinating pass, totals, gaps. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "Decomposed OptaPlanner: split %s into %d part(s), %.1f s in all "
        + "(greedy %.1f s)%n", split.label(), parts.size(), time.toMillis() / 1000.0, greedyTime.toMillis() / 1000.0));
    for (PartReport p : parts) {
      s.append("  ").append(p.describe()).append('\n');
    }
    coordination.ifPresent(c -> s.append("  ").append(c.describe()).append('\n'));
    double saving = savingVersusGreedy();
    s.append(String.format(Locale.ROOT, "  Emissions %,.1f kg (greedy %,.1f kg): %.2f %% %s than greedy; "
        + "%d of %d jobs placed (greedy %d)%n", evaluation.emissionsKg(), greedy.emissionsKg(),
        100 * Math.abs(saving), saving >= 0 ? "less" : "more", evaluation.scheduledJobs(), evaluation.jobs().size(),
        greedy.scheduledJobs()));
    bound.ifPresent(b -> s.append(String.format(Locale.ROOT, "  %s; gap %s (greedy %s)%n", b.describe(),
        percent(gap()), percent(greedyGap()))));
    notes.forEach(n -> s.append("  Note: ").append(n).append('\n'));
    return s.toString();
  }

  private static String percent(OptionalDouble gap) {
    return gap.isPresent() ? String.format(Locale.ROOT, "%.2f %%", 100 * gap.getAsDouble()) : "none";
  }
}
