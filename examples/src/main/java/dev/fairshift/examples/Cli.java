package dev.fairshift.examples;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.FairshiftException;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.Printable;
import dev.fairshift.core.Problem;
import dev.fairshift.core.ProblemError;
import dev.fairshift.solver.bound.EmissionsBound;
import dev.fairshift.solver.bound.LowerBound;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code fairshift} command line, built on picocli.
 *
 * <pre>
 * fairshift demo [--seed N] [--slack-hours H] [--html FILE]
 * fairshift schedule --problem FILE [--solver asap|greedy|optaplanner] [--out FILE] [--time-limit 30s] [--seed N]
 *                    [--no-bound]
 * fairshift evaluate --problem FILE --schedule FILE [--no-bound]
 * fairshift report --problem FILE --schedule FILE [--html FILE] [--json FILE] [--title TEXT] [--max-job-rows N]
 *                  [--no-bound]
 * fairshift example-problem --out FILE [--seed N] [--slack-hours H]
 * fairshift serve [--host 127.0.0.1] [--port 8080] [--token-file PATH | --token-env NAME] [--max-body-bytes N]
 *                 [--max-time-limit 5m] [--max-concurrent-solves N] [--read-timeout 30s]
 * fairshift slurm --config slurm.yaml [--once] [--metrics-host 127.0.0.1] [--metrics-port 9464]
 *                 [--token-file PATH | --token-env NAME]
 * fairshift kubernetes --config kubernetes.yaml [--check] [--metrics-host 127.0.0.1] [--metrics-port 9464]
 *                 [--token-file PATH | --token-env NAME]
 * fairshift help [COMMAND] | fairshift COMMAND --help | fairshift --version
 * </pre>
 *
 * Exit codes: {@value #OK} success, {@value #INVALID_INPUT} invalid input (every error is listed on
 * stderr with its JSON path and no output file is written), {@value #USAGE} wrong usage (an unknown
 * command, option or solver, a value out of range, an {@code --out} that is an input or not a regular
 * file), {@value #VIOLATIONS} the evaluated (or reported) schedule breaks hard rules, {@value #INTERNAL_ERROR} a bug.
 * No path prints a stack trace; messages escape control characters.
 */
public final class Cli {
  /** Success. */
  public static final int OK = 0;
  /** The input files are invalid or cannot be read, or the output cannot be written; nothing was written. */
  public static final int INVALID_INPUT = 1;
  /** The command line is wrong. */
  public static final int USAGE = 2;
  /** {@code evaluate} found hard-rule violations. */
  public static final int VIOLATIONS = 3;
  /** Fairshift failed where it should not (a bug); the message says what to report. */
  public static final int INTERNAL_ERROR = 70;

  private final PrintStream out;
  private final PrintStream err;

  public Cli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    int code = new Cli(System.out, System.err).run(args);
    System.out.flush();
    if (code != OK) {
      System.exit(code);
    }
  }

  /** Runs one command and returns its exit code; never calls {@link System#exit}, never throws. */
  public int run(String... args) {
    CommandLine commandLine = commandLine();
    try {
      return commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      err.println("fairshift: out of memory. Maybe give Java more (java -Xmx4g -jar fairshift.jar ...) or split "
          + "the problem.");
      return INTERNAL_ERROR;
    } catch (StackOverflowError e) {
      err.println("fairshift: internal error (stack overflow). This is a bug in Fairshift; please report it with "
          + "the command and its files.");
      return INTERNAL_ERROR;
    } finally {
      commandLine.getOut().flush();
      commandLine.getErr().flush();
      out.flush();
    }
  }

  /** The picocli command line: the root command, its subcommands and the handlers that set exit codes. */
  CommandLine commandLine() {
    CommandLine cl = new CommandLine(new CliCommands.Root());
    cl.addSubcommand("demo", new CliCommands.DemoCommand(out));
    cl.addSubcommand("schedule", new CliCommands.ScheduleCommand(out, err));
    cl.addSubcommand("evaluate", new CliCommands.EvaluateCommand(out, err));
    cl.addSubcommand("report", new CliCommands.ReportCommand(out));
    cl.addSubcommand("example-problem", new CliCommands.ExampleProblemCommand(out));
    cl.addSubcommand("serve", new CliCommands.ServeCommand(out));
    cl.addSubcommand("slurm", new CliCommands.SlurmCommand(out, err));
    cl.addSubcommand("kubernetes", new KubernetesCommand(out, err));
    cl.addSubcommand("help", new CommandLine.HelpCommand());
    // Setters after the subcommands: picocli applies them to the subcommands already added.
    cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    cl.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
    // "@file" would read arguments from any file and echo its lines in errors; Fairshift takes none.
    cl.setExpandAtFiles(false);
    cl.setAbbreviatedOptionsAllowed(false);
    cl.setAbbreviatedSubcommandsAllowed(false);
    cl.setParameterExceptionHandler(Cli::usageError);
    cl.setExecutionExceptionHandler(Cli::failure);
    return cl;
  }

  /** Exit {@value #USAGE}: the message, picocli's suggestions for a typo, and where to find help. */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter w = cmd.getErr();
    if (e instanceof MissingParameterException) {
      // picocli checks required options before unknown ones: "--problme x" would only say that
      // --problem is missing. Name the typo and suggest the option instead.
      List<String> unknown = new ArrayList<>();
      for (String arg : args) {
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        if (name.startsWith("-") && !cmd.getCommandSpec().optionsMap().containsKey(name)) {
          unknown.add(arg);
        }
      }
      if (!unknown.isEmpty()) {
        e = new UnmatchedArgumentException(cmd, unknown);
      }
    }
    w.println("fairshift: " + Printable.escape(e.getMessage()));
    if (e instanceof UnmatchedArgumentException) {
      UnmatchedArgumentException.printSuggestions(e, w);
    }
    w.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    return USAGE;
  }

  /** Exit {@value #INVALID_INPUT} for bad files, {@value #USAGE} for a refused command line, else a bug. */
  private static int failure(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter w = cmd.getErr();
    if (e instanceof InvalidProblemException invalid) {
      w.println("fairshift: " + Printable.escape(invalid.getMessage().lines().findFirst().orElse("invalid input")));
      for (ProblemError error : invalid.errors()) {
        w.println("  " + error.path() + ": " + error.message());
      }
      return INVALID_INPUT;
    }
    if (e instanceof UsageException usage) {
      w.println("fairshift: " + Printable.escape(usage.getMessage()));
      return USAGE;
    }
    if (e instanceof OutputFile.Refused refused) {
      w.println("fairshift: " + Printable.escape(refused.getMessage()));
      w.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
      return USAGE;
    }
    if (e instanceof FairshiftException) {
      w.println("fairshift: " + Printable.escape(e.getMessage()));
      return INVALID_INPUT;
    }
    w.println("fairshift: internal error (" + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + Printable.escape(e.getMessage()))
        + "). This is a bug in Fairshift; please report it with the command and its files.");
    return INTERNAL_ERROR;
  }

  /**
   * A duration like {@code 30s}, {@code 2m}, {@code 1h} or ISO-8601 {@code PT30S}; any sign or size.
   * The command line's {@code --time-limit} also bounds it (see {@link CliCommands.TimeLimitConverter});
   * {@code serve}'s durations must be positive ({@link ServiceOptions.PositiveDuration}).
   *
   * @throws UsageException when the text is not a duration
   */
  static Duration duration(String text) {
    try {
      if (text.startsWith("P") || text.startsWith("p")) {
        return Duration.parse(text);
      }
      if (text.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      }
      long value = Long.parseLong(text.substring(0, text.length() - 1));
      return switch (text.charAt(text.length() - 1)) {
        case 's' -> Duration.ofSeconds(value);
        case 'm' -> Duration.ofMinutes(value);
        case 'h' -> Duration.ofHours(value);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new UsageException("'" + Printable.escape(text) + "' is not a duration. Use e.g. 500ms, 30s, 2m or PT30S.");
    }
  }

  /** The bound runs only when the heap has this many times its estimated bytes free. */
  static final long BOUND_HEAP_MARGIN = 2;

  /**
   * The heap bytes still free for the bound: the most the heap may grow to, less what it uses now.
   * Package-private and replaceable so that a test can give the bound a tiny heap.
   */
  static volatile LongSupplier freeHeapBytes = () -> {
    Runtime r = Runtime.getRuntime();
    return r.maxMemory() - (r.totalMemory() - r.freeMemory());
  };

  /** The line printed instead of the bound when it does not fit in the heap. */
  static String skippedLine(long neededBytes, long freeBytes) {
    long neededMib = (neededBytes + (1 << 20) - 1) >> 20;
    long suggestMib = Runtime.getRuntime().maxMemory() / (1 << 20) + BOUND_HEAP_MARGIN * neededMib;
    long suggestGib = (suggestMib + 1023) / 1024;
    return String.format(Locale.ROOT, "  lower bound skipped: it needs about %d MiB and the heap has %d MiB free; run "
        + "with -Xmx%dg or --no-bound to leave it out%n", neededMib, Math.max(0, freeBytes >> 20), suggestGib);
  }

  /** A command line that cannot be run: one line on stderr, exit {@value #USAGE}. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /**
   * The lower bound that applies to this schedule ({@link LowerBound#forSchedule}): on every schedule
   * that runs every job when this one does, else on every schedule that runs at least its placed jobs;
   * the line says which, with the bound's time, and this schedule's gap to it.
   * When the bound would not fit in the free heap ({@link LowerBound#estimatedBytes}), one line says it was
   * skipped instead.
   */
  static String boundLine(Problem problem, Evaluation evaluation) {
    return boundLineOrSkip(() -> computedBoundLine(problem, evaluation), LowerBound.estimatedBytes(problem));
  }

  /**
   * {@code compute}'s line when about {@code neededBytes} fit in the free heap (with a margin of
   * {@link #BOUND_HEAP_MARGIN}), else, or when it runs out of memory anyway, {@link #skippedLine}.
   */
  static String boundLineOrSkip(Supplier<String> compute, long neededBytes) {
    return withinHeap(compute, neededBytes, line -> line);
  }

  /**
   * {@code compute}'s value when about {@code neededBytes} fit in the free heap (with a margin of
   * {@link #BOUND_HEAP_MARGIN}); else, or when it runs out of memory anyway, {@code skipped} of the
   * {@link #skippedLine}. What the computation allocated is garbage once the error leaves it, so the
   * command goes on.
   */
  static <T> T withinHeap(Supplier<T> compute, long neededBytes, Function<String, T> skipped) {
    long free = freeHeapBytes.getAsLong();
    if (neededBytes > free / BOUND_HEAP_MARGIN) {
      System.gc(); // what is not free may be garbage of the schedule just written: ask once before giving up
      free = freeHeapBytes.getAsLong();
    }
    if (neededBytes > free / BOUND_HEAP_MARGIN) {
      return skipped.apply(skippedLine(neededBytes, free));
    }
    try {
      return compute.get();
    } catch (OutOfMemoryError e) {
      return skipped.apply(skippedLine(neededBytes, freeHeapBytes.getAsLong()));
    }
  }

  private static String computedBoundLine(Problem problem, Evaluation evaluation) {
    EmissionsBound bound = LowerBound.forSchedule(problem, evaluation);
    if (!bound.hasValue()) {
      return "  " + bound.describe() + "\n";
    }
    OptionalDouble gap = bound.gapTo(evaluation);
    String text = bound.describe();
    text = Character.toLowerCase(text.charAt(0)) + text.substring(1);
    return String.format(Locale.ROOT, "  %s; %s%n", text,
        gap.isPresent() && Double.isInfinite(gap.getAsDouble()) ? "the bound is 0 kg CO2e, so no gap can be stated"
            : gap.isPresent() ? String.format(Locale.ROOT, "this schedule emits at most %.1f %% more than the best possible",
                100 * gap.getAsDouble())
            : "no gap");
  }
}
