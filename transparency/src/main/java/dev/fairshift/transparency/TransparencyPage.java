package dev.fairshift.transparency;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.transparency.internal.HtmlPage;
import dev.fairshift.transparency.internal.PageModel;

/**
 * A schedule published as one page people can read: every number of its {@link Evaluation} per
 * tenant, per tenant class, per hub and per job, every cap and guarantee, the totals, and where the
 * data came from. The page is one self-contained HTML file (inline CSS and SVG, no script, nothing
 * fetched), readable offline, printed and at phone width; tables have real headers and the charts a
 * text description and a data table. Every number sits in an element with {@code data-metric} (a key
 * like {@code tenant/students/acceptanceRate}) and {@code data-value} (the exact value; seconds for
 * waits), and the same numbers are in {@link TransparencyJson}. Stateless and thread-safe.
 *
 * <pre>{@code
 * Evaluation evaluation = Evaluator.evaluate(problem, schedule);
 * String html = TransparencyPage.render(problem, schedule, evaluation,
 *     PageOptions.builder().companionJson("report.json").build());
 * Files.writeString(Path.of("report.html"), html);
 * Files.writeString(Path.of("report.json"), TransparencyJson.write(problem, schedule, evaluation, options));
 * }</pre>
 */
public final class TransparencyPage {
  private TransparencyPage() {}

  /**
   * The page of {@code schedule}, evaluated as {@code evaluation} (which must be
   * {@code Evaluator.evaluate(problem, schedule)}).
   *
   * @throws IllegalArgumentException if the evaluation is not of this problem
   */
  public static String render(Problem problem, Schedule schedule, Evaluation evaluation, PageOptions options) {
    return HtmlPage.render(PageModel.of(problem, schedule, evaluation, options));
  }

  /** Evaluates {@code schedule} and renders its page. */
  public static String render(Problem problem, Schedule schedule, PageOptions options) {
    return render(problem, schedule, Evaluator.evaluate(problem, schedule), options);
  }
}
