package dev.fairshift.solver.decompose;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What happened to one part of a {@link DecomposedScheduler} solve (or to its coordinating pass).
 * Emissions are the part's own on the intensities the solvers plan on: in a part with fixed jobs, the
 * marginal emissions of its jobs. Immutable and thread-safe.
 *
 * @param name e.g. {@code region 2 (8 hubs in GB)}, {@code window 1 (slots 0-41)} or {@code coordination}
 * @param jobs jobs solved in the part
 * @param hubs hubs of the part
 * @param fixedJobs scheduled jobs outside the part that run on its hubs, held fixed
 * @param time how long the part's search took (OptaPlanner, building the part problem included)
 * @param warmStartGrams the part's emissions in greedy's (or the merged) schedule it started from, grams CO2e
 * @param resultGrams the part's emissions in the schedule kept for it, grams CO2e
 * @param warmStartPriority the priority of the part's jobs placed at the start
 * @param resultPriority the priority of the part's jobs placed in the schedule kept
 * @param scoreCalculations score calculations the part's search made (about one per evaluated move)
 * @param kept whether the search's schedule was kept (false: the warm start was kept, see {@code note})
 * @param note why the warm start was kept, or empty
 */
public record PartReport(String name, int jobs, int hubs, int fixedJobs, Duration time, double warmStartGrams,
    double resultGrams, long warmStartPriority, long resultPriority, long scoreCalculations, boolean kept,
    String note) {

  public PartReport {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(note, "note");
  }

  /** One line for a report. */
  public String describe() {
    String change = warmStartGrams == 0 ? "" : String.format(Locale.ROOT, " (%+.2f %%)",
        100 * (resultGrams - warmStartGrams) / warmStartGrams);
    return String.format(Locale.ROOT, "%-34s %,7d jobs %3d hubs %,7d fixed %8.1f s %,11d moves  %,12.1f -> %,12.1f kg%s%s%s",
        name, jobs, hubs, fixedJobs, time.toMillis() / 1000.0, scoreCalculations, warmStartGrams / 1000,
        resultGrams / 1000, change,
        resultPriority != warmStartPriority ? ", priority placed " + warmStartPriority + " -> " + resultPriority : "",
        note.isEmpty() ? "" : "; " + note);
  }
}
