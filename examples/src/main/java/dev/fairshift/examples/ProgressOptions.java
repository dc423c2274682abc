package dev.fairshift.examples;

import dev.fairshift.core.ProgressLine;
import dev.fairshift.solver.optaplanner.SolveControl;
import dev.fairshift.solver.optaplanner.SolverScore;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --progress} and {@code --quiet} of the commands that can run long ({@code schedule}, {@code evaluate}):
 * a {@link ProgressLine} on stderr, never on stdout. Package-private.
 */
final class ProgressOptions {
  @Option(names = "--progress", paramLabel = "WHEN",
      description = "Progress on stderr for long runs: live (one line rewritten in place), plain (a line every 5 s), "
          + "off, or auto: live when the console is a terminal (Java sees stdin and stdout, not stderr), else plain. "
          + "Default: $" + ProgressLine.ENV + ", else auto.")
  String progress;

  @Option(names = {"--quiet", "-q"}, description = "No progress line (the same as --progress off).")
  boolean quiet;

  /** The environment, replaceable in tests. */
  Function<String, String> env = System::getenv;

  /** A progress line for {@code task} on {@code err}; a bad {@code --progress} or variable is a usage error. */
  ProgressLine open(CommandSpec spec, String task, PrintStream err, Optional<Duration> budget) {
    ProgressLine.Mode mode;
    try {
      mode = ProgressLine.mode(quiet, progress, env, System.console() != null);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    ProgressLine.Builder b = ProgressLine.builder(task).to(err).mode(mode).widthFrom(env.apply("COLUMNS"));
    budget.ifPresent(b::budget);
    return b.build();
  }

  /** An OptaPlanner solve's status: its best score so far (soft level in kg CO2e-equivalent) and improvements. */
  static String solveStatus(SolveControl control) {
    Optional<SolverScore> best = control.bestScore();
    String score = best.map(s -> String.format(Locale.ROOT, "best %s (soft cost %.1f kg CO2e-eq%s)", s, s.softCostGrams() / 1000,
        s.feasible() ? "" : ", breaks hard rules")).orElse(control.bestSchedule().isPresent()
        ? "improving the warm start" : "building a first schedule");
    return score + ", " + control.improvements() + " improvement" + (control.improvements() == 1 ? "" : "s");
  }
}
