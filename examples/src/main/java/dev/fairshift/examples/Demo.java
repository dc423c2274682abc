package dev.fairshift.examples;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Report;
import dev.fairshift.core.Schedule;
import dev.fairshift.signals.EmbeddedData;
import dev.fairshift.signals.forecast.Forecaster;
import dev.fairshift.signals.forecast.Forecasts;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.bound.EmissionsBound;
import dev.fairshift.solver.bound.LowerBound;
import dev.fairshift.transparency.DataSource;
import dev.fairshift.transparency.PageOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The demo: a real week of work on real grid data, scheduled by the carbon-agnostic ASAP baseline,
 * by Fairshift's carbon-aware greedy scheduler and by OptaPlanner starting from greedy, with the lower
 * bound and the report that explains them.
 *
 * <p>Run it with {@code java -jar examples/target/fairshift.jar demo} after {@code mvn package}.
 */
public final class Demo {
  /** The seed the README's numbers come from. */
  public static final long DEFAULT_SEED = 42;
  /** How long the demo lets OptaPlanner improve greedy's schedule. */
  public static final Duration OPTAPLANNER_TIME = Duration.ofSeconds(5);

  private Demo() {}

  public static void main(String[] args) {
    String[] withCommand = new String[args.length + 1];
    withCommand[0] = "demo";
    System.arraycopy(args, 0, withCommand, 1, args.length);
    Cli.main(withCommand);
  }

  /**
   * The demo problem: the week of 2 March 2020 in DE, GB and FR (ENTSO-E), the PAI trace's jobs,
   * evaluated on the actual intensities and planned on the actuals themselves (perfect foresight).
   */
  public static Problem problem(long seed, Duration slack) {
    return DemoScenario.build(seed, slack, DemoScenario.DEFAULT_START, EmbeddedData::zoneIntensity);
  }

  /**
   * The same problem planned on a forecast: a {@link Forecaster#regression 28-day regression} made at
   * the start of the horizon from the history before it, as a live deployment would; emissions are
   * still evaluated on the actual intensities, so the report shows what forecast error cost.
   */
  public static Problem forecastProblem(long seed, Duration slack) {
    Forecaster model = Forecaster.regression(Duration.ofDays(28));
    return DemoScenario.build(seed, slack, DemoScenario.DEFAULT_START,
        (zone, horizon) -> Forecasts.zoneIntensity(EmbeddedData.source(), zone, horizon, model));
  }

  /**
   * Builds the demo problem planned on a forecast, schedules it with ASAP and greedy, adds greedy with
   * perfect foresight as a reference, and prints the report to {@code out}.
   */
  public static void run(PrintStream out, long seed, Duration slack) {
    run(out, seed, slack, null);
  }

  /** {@link #run(PrintStream, long, Duration)}, then the best schedule's transparency page to {@code html} if given. */
  static void run(PrintStream out, long seed, Duration slack, OutputFile html) {
    long t0 = System.nanoTime();
    Problem problem = forecastProblem(seed, slack);
    Problem foresight = problem(seed, slack);
    long built = System.nanoTime();
    out.printf(Locale.ROOT, "Fairshift demo: %s%n", problem);
    out.printf(Locale.ROOT, "  grid: hourly carbon intensity of DE, GB and FR from ENTSO-E generation data "
        + "(Let's Wait Awhile, Middleware 2021); planned on a 28-day regression forecast made at %s, "
        + "evaluated on the actual values%n", problem.horizon().start());
    out.printf(Locale.ROOT, "  work: the Alibaba PAI trace's %d jobs (GAIA, ASPLOS 2024), %d h of slack each, "
        + "seed %d%n", problem.jobs().size(), slack.toHours(), seed);
    out.printf(Locale.ROOT, "  hubs: %s%n%n", problem.hubs().stream().map(h -> h.id() + " (" + h.zone() + ")").toList());

    List<Evaluation> evaluations = new ArrayList<>();
    Schedule greedy = null;
    Evaluation greedyEvaluation = null;
    Schedule best = null;
    Evaluation bestEvaluation = null;
    List<Scheduler> schedulers = List.of(Scheduler.asap(), Scheduler.greedy(),
        Solvers.optaPlanner(new SolverOptions(OPTAPLANNER_TIME, seed)));
    for (Scheduler scheduler : schedulers) {
      long start = System.nanoTime();
      Schedule schedule = scheduler.schedule(problem);
      long ms = (System.nanoTime() - start) / 1_000_000;
      Evaluation e = Evaluator.evaluate(problem, schedule);
      evaluations.add(e);
      out.printf(Locale.ROOT, "  %-12s scheduled %d/%d jobs in %d ms%n", scheduler.name(), e.scheduledJobs(),
          problem.jobs().size(), ms);
      if (scheduler.name().equals("greedy")) {
        greedy = schedule;
        greedyEvaluation = e;
      }
      best = schedule;
      bestEvaluation = e;
    }
    // The same jobs, hubs and actuals: greedy planned on the actual intensities it is judged on.
    Schedule oracle = Scheduler.greedy().schedule(foresight);
    Evaluation oracleEvaluation = Evaluator.evaluate(problem,
        new Schedule("greedy, perfect foresight", oracle.assignments(), oracle.unscheduled()));
    evaluations.add(oracleEvaluation);

    out.println();
    out.println("Solvers compared (emissions on the zones' actual hourly intensity):");
    EmissionsBound bound = LowerBound.forSchedule(problem, greedyEvaluation);
    out.print(Report.comparison(evaluations, "asap",
        bound.everyJobCanRun() ? OptionalDouble.of(bound.gramsCo2e()) : OptionalDouble.empty()));
    out.printf(Locale.ROOT, "  %s.%n", bound.describe());
    out.printf(Locale.ROOT, "  Forecast error cost greedy %.1f kg CO2e (%.1f %%) against planning with perfect foresight.%n%n",
        (greedyEvaluation.emissionsGrams() - oracleEvaluation.emissionsGrams()) / 1000,
        100 * (greedyEvaluation.emissionsGrams() / oracleEvaluation.emissionsGrams() - 1));
    out.print(Report.detail(problem, best, bestEvaluation));
    out.printf(Locale.ROOT, "%nBuilt the problems in %d ms from the embedded data.%n", (built - t0) / 1_000_000);
    if (html != null) {
      out.println();
      out.println("Transparency page of " + best.solver() + "'s schedule:");
      PageOptions.Builder base = PageOptions.builder()
          .title("Fairshift demo: " + best.solver() + ", planned on a forecast")
          .dataSource(DataSource.of("ENTSO-E 2020 carbon intensity (Wiesner et al., Let's Wait Awhile, Middleware "
              + "2021)", "cite doi:10.1145/3464298.3493399", "https://doi.org/10.1145/3464298.3493399"))
          .dataSource(DataSource.of("Alibaba PAI GPU trace 2020 via the GAIA artefact (ASPLOS 2024)",
              "CC BY 4.0 (trace), MIT (artefact)", "https://github.com/umassos/GAIA"));
      PageOptions options = ReportFiles.options(problem, bestEvaluation, base, true, html, null, out);
      ReportFiles.write(problem, best, bestEvaluation, options, html, null, out);
    }
  }
}
