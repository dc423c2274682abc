package dev.fairshift.examples;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Printable;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.bound.EmissionsBound;
import dev.fairshift.solver.bound.LowerBound;
import dev.fairshift.transparency.PageOptions;
import dev.fairshift.transparency.TransparencyJson;
import dev.fairshift.transparency.TransparencyPage;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The transparency page and its JSON as the command line writes them ({@code report}, {@code demo --html}):
 * the emissions of the ASAP schedule of the same problem, and the lower bound that applies to this schedule
 * ({@link LowerBound#forSchedule}) when it has a value and the heap can hold it. Both texts are made before either file is written,
 * each file with {@link OutputFile#write}. Stateless.
 */
final class ReportFiles {
  private ReportFiles() {}

  /**
   * The page options for {@code schedule}'s report: {@code base} plus ASAP's emissions, the bound (unless
   * {@code withBound} is false or it has no value), and the JSON's name relative to the page's folder.
   * Prints the bound's description (its value, scope and method) to {@code out}.
   */
  static PageOptions options(Problem problem, Evaluation evaluation, PageOptions.Builder base, boolean withBound,
      OutputFile html, OutputFile json, PrintStream out) {
    base.asapEmissionsGrams(Evaluator.evaluate(problem, Scheduler.asap().schedule(problem)).emissionsGrams());
    if (withBound) {
      // As schedule's bound line: skipped with one line when the heap cannot hold it (Cli#withinHeap).
      EmissionsBound bound = Cli.withinHeap(() -> LowerBound.forSchedule(problem, evaluation),
          LowerBound.estimatedBytes(problem), skipped -> {
            out.print(skipped);
            return null;
          });
      if (bound != null) {
        if (bound.hasValue()) {
          base.lowerBound(bound.gramsCo2e(), covers(bound));
        }
        out.println("  " + Printable.escape(bound.describe()));
      }
    }
    if (html != null && json != null) {
      Path folder = html.target().getParent();
      base.companionJson(folder.relativize(json.target()).toString());
    } else if (json != null) {
      base.companionJson(json.shown().toString());
    }
    return base.build();
  }

  /** Renders the page and the JSON (those asked for), then writes them; prints what it wrote. */
  static void write(Problem problem, Schedule schedule, Evaluation evaluation, PageOptions options,
      OutputFile html, OutputFile json, PrintStream out) {
    String page = html == null ? null : TransparencyPage.render(problem, schedule, evaluation, options);
    String data = json == null ? null : TransparencyJson.write(problem, schedule, evaluation, options);
    if (data != null) {
      json.write(data);
      out.printf(Locale.ROOT, "Wrote the transparency JSON to %s (%d bytes)%n", Printable.escape(json.shown().toString()),
          data.getBytes(StandardCharsets.UTF_8).length);
    }
    if (page != null) {
      html.write(page);
      out.printf(Locale.ROOT, "Wrote the transparency page to %s (%d bytes)%n", Printable.escape(html.shown().toString()),
          page.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  /** The schedules {@code bound} covers, as the page says it: never more than its scope proves. */
  static String covers(EmissionsBound bound) {
    return switch (bound.scope()) {
      case EVERY_JOB_PROVEN -> PageOptions.DEFAULT_BOUND_COVERS;
      case EVERY_JOB_UNPROVEN -> PageOptions.DEFAULT_BOUND_COVERS + ", if one exists";
      case PLACED_JOBS -> "every feasible schedule that places at least the " + bound.boundedJobs()
          + (bound.boundedJobs() == 1 ? " job" : " jobs") + " this one places";
      case NO_SCHEDULE_RUNS_EVERY_JOB, NONE -> throw new IllegalArgumentException(
          "A bound of scope " + bound.scope().label() + " has no value to show");
    };
  }
}
