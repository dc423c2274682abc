package dev.fairshift.examples;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.FairshiftException;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.Problem;
import dev.fairshift.core.ProblemError;
import dev.fairshift.core.Report;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.json.ProblemJson;
import dev.fairshift.core.json.ScheduleJson;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.bound.EmissionsBound;
import dev.fairshift.solver.bound.LowerBound;
import dev.fairshift.solver.optaplanner.OptaPlannerResult;
import dev.fairshift.solver.optaplanner.OptaPlannerScheduler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The {@code fairshift} command line.
 *
 * <pre>
 * fairshift demo [--seed N] [--slack-hours H]
 * fairshift schedule --problem problem.json [--solver asap|greedy|optaplanner] [--out schedule.json]
 *                    [--time-limit 30s] [--seed N]
 * fairshift evaluate --problem problem.json --schedule schedule.json
 * fairshift example-problem --out problem.json [--seed N] [--slack-hours H]
 * fairshift serve [--port 8080]
 * </pre>
 *
 * Exit codes: 0 success, 1 invalid input (every error is listed on stderr and no output file is
 * written), 2 wrong usage, 3 the evaluated schedule breaks hard rules.
 */
public final class Cli {
  /** Success. */
  public static final int OK = 0;
  /** The input files are invalid; nothing was written. */
  public static final int INVALID_INPUT = 1;
  /** The command line is wrong. */
  public static final int USAGE = 2;
  /** {@code evaluate} found hard-rule violations. */
  public static final int VIOLATIONS = 3;

  static final String USAGE_TEXT = """
      Usage:
        fairshift demo [--seed N] [--slack-hours H]
        fairshift schedule --problem FILE [--solver asap|greedy|optaplanner] [--out FILE]
                           [--time-limit DURATION] [--seed N]
        fairshift evaluate --problem FILE --schedule FILE
        fairshift example-problem --out FILE [--seed N] [--slack-hours H]
        fairshift serve [--port 8080]
      DURATION is like 30s, 2m or an ISO-8601 duration (PT30S).
      """;

  private final PrintStream out;
  private final PrintStream err;

  public Cli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    int code = new Cli(System.out, System.err).run(args);
    if (code != OK) {
      System.exit(code);
    }
  }

  /** Runs one command and returns its exit code; never calls {@link System#exit}. */
  public int run(String... args) {
    if (args.length == 0 || Set.of("-h", "--help", "help").contains(args[0])) {
      (args.length == 0 ? err : out).print(USAGE_TEXT);
      return args.length == 0 ? USAGE : OK;
    }
    String command = args[0];
    Map<String, String> options;
    try {
      options = options(args);
      return switch (command) {
        case "demo" -> demo(options);
        case "schedule" -> schedule(options);
        case "evaluate" -> evaluate(options);
        case "example-problem" -> exampleProblem(options);
        case "serve" -> serve(options);
        default -> throw new UsageException("Unknown command '" + command + "'.");
      };
    } catch (UsageException e) {
      err.println("fairshift: " + e.getMessage());
      err.print(USAGE_TEXT);
      return USAGE;
    } catch (InvalidProblemException e) {
      err.println("fairshift: " + e.getMessage().lines().findFirst().orElse("invalid input"));
      for (ProblemError error : e.errors()) {
        err.println("  " + error.path() + ": " + error.message());
      }
      return INVALID_INPUT;
    } catch (FairshiftException e) {
      err.println("fairshift: " + e.getMessage());
      return INVALID_INPUT;
    }
  }

  private int demo(Map<String, String> o) {
    allow(o, "seed", "slack-hours");
    Demo.run(out, longOption(o, "seed", Demo.DEFAULT_SEED), Duration.ofHours(longOption(o, "slack-hours", 24)));
    return OK;
  }

  private int schedule(Map<String, String> o) {
    allow(o, "problem", "solver", "out", "time-limit", "seed");
    Problem problem = ProblemJson.read(path(o, "problem"));
    String solverName = o.getOrDefault("solver", "greedy");
    SolverOptions solverOptions = new SolverOptions(
        o.containsKey("time-limit") ? duration(o.get("time-limit")) : SolverOptions.DEFAULT_TIME_LIMIT,
        longOption(o, "seed", 0));
    Scheduler scheduler = Solvers.byName(solverName, solverOptions);
    Schedule schedule;
    String explanation = null;
    if (scheduler instanceof OptaPlannerScheduler optaPlanner) {
      OptaPlannerResult result = optaPlanner.solve(problem);
      schedule = result.schedule();
      explanation = result.explanation();
    } else {
      schedule = scheduler.schedule(problem);
    }
    Evaluation evaluation = Evaluator.evaluate(problem, schedule);
    if (o.containsKey("out")) {
      writeAtomically(Path.of(o.get("out")), ScheduleJson.write(schedule));
    }
    out.print(Report.detail(problem, schedule, evaluation));
    out.print(boundLine(problem, evaluation));
    if (explanation != null) {
      out.println();
      out.print(explanation);
    }
    if (!o.containsKey("out")) {
      out.println();
      out.println(ScheduleJson.write(schedule));
    }
    return OK;
  }

  private int evaluate(Map<String, String> o) {
    allow(o, "problem", "schedule");
    Problem problem = ProblemJson.read(path(o, "problem"));
    Schedule schedule = ScheduleJson.read(path(o, "schedule"));
    Evaluation evaluation = Evaluator.evaluate(problem, schedule);
    out.print(Report.detail(problem, schedule, evaluation));
    out.print(boundLine(problem, evaluation));
    return evaluation.feasible() ? OK : VIOLATIONS;
  }

  private int exampleProblem(Map<String, String> o) {
    allow(o, "out", "seed", "slack-hours");
    Problem problem = Demo.problem(longOption(o, "seed", Demo.DEFAULT_SEED),
        Duration.ofHours(longOption(o, "slack-hours", 24)));
    Path target = Path.of(require(o, "out"));
    writeAtomically(target, ProblemJson.write(problem));
    out.println("Wrote " + problem + " to " + target);
    return OK;
  }

  private int serve(Map<String, String> o) {
    allow(o, "port");
    int port = (int) longOption(o, "port", 8080);
    HttpEndpoint endpoint = HttpEndpoint.start(port);
    out.println("Fairshift HTTP endpoint listening on http://localhost:" + endpoint.port()
        + " (POST /v1/schedule, POST /v1/evaluate, GET /v1/health). Ctrl-C stops it.");
    endpoint.awaitTermination();
    return OK;
  }

  /**
   * The lower bound that applies to this schedule ({@link LowerBound#forSchedule}): on every schedule
   * that runs every job when this one does, else on every schedule that runs at least its placed jobs;
   * the line says which, with the bound's time, and this schedule's gap to it.
   */
  static String boundLine(Problem problem, Evaluation evaluation) {
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

  /** Writes {@code text} to a temporary file next to {@code target}, then moves it into place. */
  static void writeAtomically(Path target, String text) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new FairshiftException("Cannot write " + target + ": " + e.getMessage()
          + ". Maybe check that the folder exists and is writable.", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the move succeeded or the original error is more useful
        }
      }
    }
  }

  private static Path path(Map<String, String> o, String name) {
    Path p = Path.of(require(o, name));
    if (!Files.isRegularFile(p)) {
      throw new FairshiftException("--" + name + " " + p + ": no such file.", new NoSuchFileException(p.toString()));
    }
    return p;
  }

  private static String require(Map<String, String> o, String name) {
    String v = o.get(name);
    if (v == null) {
      throw new UsageException("Missing --" + name + ".");
    }
    return v;
  }

  private static long longOption(Map<String, String> o, String name, long fallback) {
    String v = o.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " takes a whole number, not '" + v + "'.");
    }
  }

  static Duration duration(String text) {
    try {
      if (text.startsWith("P") || text.startsWith("p")) {
        return Duration.parse(text);
      }
      long value = Long.parseLong(text.substring(0, text.length() - 1));
      return switch (text.charAt(text.length() - 1)) {
        case 's' -> Duration.ofSeconds(value);
        case 'm' -> Duration.ofMinutes(value);
        case 'h' -> Duration.ofHours(value);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new UsageException("'" + text + "' is not a duration. Use e.g. 30s, 2m or PT30S.");
    }
  }

  private static void allow(Map<String, String> o, String... names) {
    List<String> unknown = new ArrayList<>(o.keySet());
    unknown.removeAll(List.of(names));
    if (!unknown.isEmpty()) {
      throw new UsageException("Unknown option --" + unknown.get(0) + ". This command takes "
          + String.join(", ", List.of(names).stream().map(n -> "--" + n).toList()) + ".");
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || a.length() == 2) {
        throw new UsageException("Unexpected argument '" + a + "'. Options look like --name value.");
      }
      String name = a.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException("Option --" + name + " needs a value.");
      }
      if (o.put(name, value) != null) {
        throw new UsageException("Option --" + name + " is given twice.");
      }
    }
    return o;
  }

  /** A command line that cannot be run. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
