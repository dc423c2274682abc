package dev.fairshift.examples;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Report;
import dev.fairshift.core.Schedule;
import dev.fairshift.signals.EmbeddedData;
import dev.fairshift.solver.Scheduler;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo: a real week of work on real grid data, scheduled by the carbon-agnostic ASAP baseline
 * and by Fairshift's carbon-aware greedy scheduler, with the report that explains both.
 *
 * <p>Run it with {@code java -jar examples/target/fairshift.jar demo} after {@code mvn package}.
 */
public final class Demo {
  /** The seed the README's numbers come from. */
  public static final long DEFAULT_SEED = 42;

  private Demo() {}

  public static void main(String[] args) {
    String[] withCommand = new String[args.length + 1];
    withCommand[0] = "demo";
    System.arraycopy(args, 0, withCommand, 1, args.length);
    Cli.main(withCommand);
  }

  /** The demo problem: the week of 2 March 2020 in DE, GB and FR (ENTSO-E), the PAI trace's jobs. */
  public static Problem problem(long seed, Duration slack) {
    return DemoScenario.build(seed, slack, DemoScenario.DEFAULT_START, EmbeddedData::zoneIntensity);
  }

  /** Builds the demo problem, schedules it with every fast solver and prints the report to {@code out}. */
  public static void run(PrintStream out, long seed, Duration slack) {
    long t0 = System.nanoTime();
    Problem problem = problem(seed, slack);
    long built = System.nanoTime();
    out.printf(Locale.ROOT, "Fairshift demo: %s%n", problem);
    out.printf(Locale.ROOT, "  grid: hourly carbon intensity of DE, GB and FR from ENTSO-E generation data "
        + "(Let's Wait Awhile, Middleware 2021)%n");
    out.printf(Locale.ROOT, "  work: the Alibaba PAI trace's %d jobs (GAIA, ASPLOS 2024), %d h of slack each, "
        + "seed %d%n", problem.jobs().size(), slack.toHours(), seed);
    out.printf(Locale.ROOT, "  hubs: %s%n%n", problem.hubs().stream().map(h -> h.id() + " (" + h.zone() + ")").toList());

    List<Evaluation> evaluations = new ArrayList<>();
    Schedule last = null;
    Evaluation lastEvaluation = null;
    for (Scheduler scheduler : List.of(Scheduler.asap(), Scheduler.greedy())) {
      long start = System.nanoTime();
      Schedule schedule = scheduler.schedule(problem);
      long ms = (System.nanoTime() - start) / 1_000_000;
      Evaluation e = Evaluator.evaluate(problem, schedule);
      evaluations.add(e);
      out.printf(Locale.ROOT, "  %-8s scheduled %d/%d jobs in %d ms%n", scheduler.name(), e.scheduledJobs(),
          problem.jobs().size(), ms);
      last = schedule;
      lastEvaluation = e;
    }
    out.println();
    out.println("Solvers compared (emissions on the zones' actual hourly intensity):");
    out.print(Report.comparison(evaluations, "asap"));
    out.println();
    out.print(Report.detail(problem, last, lastEvaluation));
    out.printf(Locale.ROOT, "%nBuilt the problem in %d ms from the embedded data.%n", (built - t0) / 1_000_000);
  }
}
