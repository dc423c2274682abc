package dev.fairshift.examples;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Printable;
import dev.fairshift.core.Suggestions;
import dev.fairshift.core.Problem;
import dev.fairshift.core.ProgressLine;
import dev.fairshift.core.Report;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.json.ProblemJson;
import dev.fairshift.core.json.ScheduleJson;
import dev.fairshift.service.RunningService;
import dev.fairshift.service.ServiceConfig;
import dev.fairshift.slurm.SlurmLoopRunner;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.decompose.DecomposedResult;
import dev.fairshift.solver.decompose.Split;
import dev.fairshift.solver.optaplanner.OptaPlannerResult;
import dev.fairshift.solver.optaplanner.OptaPlannerScheduler;
import dev.fairshift.solver.optaplanner.SolveControl;
import dev.fairshift.integrations.LoopSchedule;
import dev.fairshift.integrations.PlanningLoop;
import dev.fairshift.transparency.PageOptions;
import dev.fairshift.transparency.Published;
import dev.fairshift.transparency.TransparencyRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** The commands of {@link Cli}: one picocli command class each. Package-private; the API is {@link Cli}. */
final class CliCommands {
  /** The shortest {@code --time-limit}: OptaPlanner needs a few milliseconds to construct a first solution. */
  static final Duration MIN_TIME_LIMIT = Duration.ofMillis(100);
  /** The longest {@code --time-limit}: a day. */
  static final Duration MAX_TIME_LIMIT = Duration.ofHours(24);
  /** The most {@code --slack-hours}: the demo's horizon is 240 hours; a year is plenty. */
  static final int MAX_SLACK_HOURS = 8760;

  private CliCommands() {}

  /** {@code fairshift} alone: the list of commands, on stderr, exit 2. */
  @Command(name = "fairshift", mixinStandardHelpOptions = true, versionProvider = Version.class,
      synopsisSubcommandLabel = "COMMAND",
      description = "Schedules compute carbon-aware and fairly across regional hubs.",
      exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
          " 0:Success.",
          " 1:Invalid input: a file that is malformed, breaks the format's rules or cannot be read; or the "
              + "output cannot be written. Every error is listed on stderr; no output file is written. For serve "
              + "and slurm: the port cannot be opened or the token cannot be used.",
          " 2:Wrong usage: an unknown command, option or solver, an option value out of range (--time-limit "
              + "0s, --port 70000), an --out (--html, --json) that is an input, a folder, a device or a link, report "
              + "without --html or --json, or a host other than loopback without a token.",
          " 3:evaluate or report found hard-rule violations (report still writes its files); slurm cannot read Slurm.",
          "70:Internal error: a bug in Fairshift; please report it with the command and its files."},
      footer = {"%nRun 'fairshift COMMAND --help' for a command's options."})
  static final class Root implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getErr().println("fairshift: missing command.");
      spec.commandLine().usage(spec.commandLine().getErr());
      return Cli.USAGE;
    }
  }

  /** {@code fairshift demo}. */
  @Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class,
      description = "Runs the demo: a real week of work on real grid data, scheduled by ASAP, greedy and "
          + "OptaPlanner, with the lower bound and the report.",
      exitCodeListHeading = "%nExit codes:%n", exitCodeList = {" 0:Success.", " 1:--html cannot be written.",
          " 2:Wrong usage, or a refused --html."})
  static final class DemoCommand implements Callable<Integer> {
    private final PrintStream out;
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + Demo.DEFAULT_SEED,
        description = "Drives tenants, origins and data sizes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--slack-hours", paramLabel = "H", defaultValue = "24",
        description = "Hours each job may wait beyond its earliest finish, 0 to " + MAX_SLACK_HOURS
            + " (default: ${DEFAULT-VALUE}).")
    int slackHours;

    @Option(names = "--html", paramLabel = "FILE",
        description = "Also write the transparency page of the best schedule (checked and written like report's "
            + "--html).")
    Path html;

    DemoCommand(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() {
      Duration slack = Duration.ofHours(slackHours(spec, slackHours));
      OutputFile page = html == null ? null : OutputFile.check("--html", html, false, Map.of());
      Demo.run(out, seed, slack, page);
      return Cli.OK;
    }
  }

  /** {@code fairshift schedule}. */
  @Command(name = "schedule", mixinStandardHelpOptions = true, versionProvider = Version.class,
      description = {"Schedules a problem and prints the report (energy, emissions, cost, fairness, lower "
          + "bound). Writes the schedule to --out, or prints it after the report.",
          "The output is checked before any work: it may not be an input, a folder, a device or a link. It "
              + "is written atomically (a temporary file moved into place) and only when the problem is valid."},
      exitCodeListHeading = "%nExit codes:%n", exitCodeList = {" 0:Success.",
          " 1:The problem is invalid or unreadable (every error listed), or --out cannot be written.",
          " 2:Wrong usage: an unknown solver, --time-limit out of range, a refused --out, --decompose without "
              + "--solver optaplanner."})
  static final class ScheduleCommand implements Callable<Integer> {
    private final PrintStream out;
    @Spec
    CommandSpec spec;

    @Option(names = "--problem", required = true, paramLabel = "FILE",
        description = "The problem, in Fairshift's JSON format.")
    Path problem;

    @Option(names = "--solver", paramLabel = "NAME", defaultValue = "greedy",
        description = "asap, greedy or optaplanner (default: ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the schedule (JSON).")
    Path outFile;

    @Option(names = "--time-limit", paramLabel = "DURATION", defaultValue = "10s", converter = TimeLimitConverter.class,
        description = "How long optaplanner may search, 100ms to 24h, e.g. 500ms, 30s, 2m or PT30S "
            + "(default: ${DEFAULT-VALUE}).")
    Duration timeLimit;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
        description = "optaplanner's random seed: same problem and seed, same schedule (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--follow-symlinks",
        description = "Allow --out to be a symbolic link and replace the file it points to.")
    boolean followSymlinks;

    @Mixin
    ProgressOptions progress;

    @Option(names = "--decompose", paramLabel = "SPLIT", defaultValue = "none",
        description = "With --solver optaplanner, for large problems: split it by region (hubs tied by data "
            + "residency), by time window, or auto (region, else time), solve the parts in parallel from greedy's "
            + "schedule and merge them; --time-limit is for the whole solve. auto, region, time or none "
            + "(default: ${DEFAULT-VALUE}).")
    String decompose;

    @Option(names = "--threads", paramLabel = "N", description = "Parts solved at once with --decompose "
        + "(default: the available processors).")
    Integer threads;

    @Option(names = "--no-bound", description = "Leave out the lower bound (it takes seconds on large problems, "
        + "and is skipped with a note when the heap is too small for it).")
    boolean noBound;

    private final PrintStream err;

    ScheduleCommand(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() {
      checkSolver(spec, solver);
      Split split = checkDecompose(spec, decompose, solver, threads);
      OutputFile target = outFile == null ? null
          : OutputFile.check("--out", outFile, followSymlinks, Map.of("--problem", problem));
      Problem p = ProblemJson.read(InputFile.check("--problem", problem));
      Scheduler scheduler = Solvers.byName(solver, new SolverOptions(timeLimit, seed));
      Schedule schedule;
      String explanation = null;
      if (split != Split.NONE) {
        DecomposedResult result = Solvers.decomposed(new SolverOptions(timeLimit, seed), split,
            threads == null ? Runtime.getRuntime().availableProcessors() : threads).solve(p);
        schedule = result.schedule();
        explanation = result.describe();
      } else if (scheduler instanceof OptaPlannerScheduler optaPlanner) {
        SolveControl control = SolveControl.create();
        try (ProgressLine line = progress.open(spec, "optaplanner", err, Optional.of(timeLimit))) {
          line.startTicking(() -> line.update(ProgressOptions.solveStatus(control)));
          OptaPlannerResult result = optaPlanner.solve(p, control);
          line.finish(ProgressOptions.solveStatus(control));
          schedule = result.schedule();
          explanation = result.explanation();
        }
      } else {
        schedule = scheduler.schedule(p);
      }
      Evaluation evaluation = Evaluator.evaluate(p, schedule);
      String json = ScheduleJson.write(schedule);
      if (target != null) {
        target.write(json);
      }
      print(out, Report.detail(p, schedule, evaluation));
      if (!noBound) {
        print(out, Cli.boundLine(p, evaluation));
      }
      if (explanation != null) {
        out.println();
        print(out, explanation);
      }
      if (target == null) {
        out.println();
        print(out, json);
      }
      return Cli.OK;
    }
  }

  /** {@code fairshift evaluate}. */
  @Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = Version.class,
      description = "Evaluates a schedule against a problem and prints the report, with every hard-rule "
          + "violation.",
      exitCodeListHeading = "%nExit codes:%n", exitCodeList = {" 0:The schedule breaks no hard rule.",
          " 1:A file is invalid or unreadable (every error listed).", " 2:Wrong usage.",
          " 3:The schedule breaks hard rules (listed in the report)."})
  static final class EvaluateCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(names = "--problem", required = true, paramLabel = "FILE", description = "The problem (JSON).")
    Path problem;

    @Option(names = "--schedule", required = true, paramLabel = "FILE", description = "The schedule (JSON).")
    Path schedule;

    @Mixin
    ProgressOptions progress;

    @Option(names = "--no-bound", description = "Leave out the lower bound (it takes seconds on large problems, "
        + "and is skipped with a note when the heap is too small for it).")
    boolean noBound;

    @Spec
    CommandSpec spec;

    private final PrintStream err;

    EvaluateCommand(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() {
      try (ProgressLine line = progress.open(spec, "evaluate", err, Optional.empty())) {
        line.update("reading the problem");
        line.startTicking(() -> { });
        Problem p = ProblemJson.read(InputFile.check("--problem", problem));
        line.update("reading the schedule of " + p.jobs().size() + " jobs");
        Schedule s = ScheduleJson.read(InputFile.check("--schedule", schedule));
        line.update("evaluating " + s.assignments().size() + " assignments of " + p.jobs().size() + " jobs");
        Evaluation evaluation = Evaluator.evaluate(p, s);
        String bound = "";
        if (!noBound) {
          line.update("the lower bound of " + p.jobs().size() + " jobs");
          bound = Cli.boundLine(p, evaluation);
        }
        line.finish(String.format(java.util.Locale.ROOT, "%d jobs, %.1f kg CO2e", p.jobs().size(),
            evaluation.emissionsGrams() / 1000));
        print(out, Report.detail(p, s, evaluation));
        print(out, bound);
        return evaluation.feasible() ? Cli.OK : Cli.VIOLATIONS;
      }
    }
  }

  /** {@code fairshift report}: the transparency page and its JSON of a schedule. */
  @Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Version.class,
      description = {"Writes a schedule's transparency page (--html: one self-contained HTML file, no script) and/or "
          + "its open data (--json), every number from the Evaluator, with the ASAP schedule's emissions and the lower "
          + "bound that applies to this schedule (README, \"Transparency page\").",
          "The outputs are checked before any work: neither may be an input, the other output, a folder, a device "
              + "or a link. They are written atomically and only when both inputs are valid."},
      exitCodeListHeading = "%nExit codes:%n", exitCodeList = {" 0:Success.",
          " 1:A file is invalid or unreadable (every error listed; nothing written), or an output cannot be written.",
          " 2:Wrong usage: neither --html nor --json, --max-job-rows below 0, a refused --html or --json.",
          " 3:The schedule breaks hard rules; the files are written and list them."})
  static final class ReportCommand implements Callable<Integer> {
    private final PrintStream out;
    @Spec
    CommandSpec spec;

    @Option(names = "--problem", required = true, paramLabel = "FILE", description = "The problem (JSON).")
    Path problem;

    @Option(names = "--schedule", required = true, paramLabel = "FILE", description = "The schedule (JSON).")
    Path schedule;

    @Option(names = "--html", paramLabel = "FILE", description = "Where to write the page (HTML).")
    Path html;

    @Option(names = "--json", paramLabel = "FILE", description = "Where to write the same numbers as JSON.")
    Path json;

    @Option(names = "--title", paramLabel = "TEXT", description = "The page's heading (default: "
        + "\"Fairshift transparency report\").")
    String title;

    @Option(names = "--max-job-rows", paramLabel = "N", defaultValue = "" + PageOptions.DEFAULT_MAX_JOB_ROWS,
        description = "The most per-job rows in the page; the JSON has every job (default: ${DEFAULT-VALUE}).")
    int maxJobRows;

    @Option(names = "--no-bound", description = "Leave out the lower bound (it takes seconds on large problems).")
    boolean noBound;

    @Option(names = "--follow-symlinks",
        description = "Allow --html and --json to be symbolic links and replace the files they point to.")
    boolean followSymlinks;

    ReportCommand(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() {
      if (html == null && json == null) {
        throw new ParameterException(spec.commandLine(), "Give --html FILE and/or --json FILE: the report has "
            + "nowhere to go. Maybe --html report.html --json report.json.");
      }
      if (maxJobRows < 0) {
        throw new ParameterException(spec.commandLine(), "--max-job-rows " + maxJobRows + " is below 0. Maybe "
            + "--max-job-rows " + PageOptions.DEFAULT_MAX_JOB_ROWS + ".");
      }
      Map<String, Path> inputs = new LinkedHashMap<>();
      inputs.put("--problem", problem);
      inputs.put("--schedule", schedule);
      OutputFile htmlTarget = html == null ? null : OutputFile.check("--html", html, followSymlinks, inputs);
      OutputFile jsonTarget = json == null ? null : OutputFile.check("--json", json, followSymlinks, inputs);
      if (htmlTarget != null && jsonTarget != null && sameFile(htmlTarget.target(), jsonTarget.target())) {
        throw new OutputFile.Refused("--json " + json + " is the same file as --html " + html
            + "; one would replace the other. Maybe --json " + sibling(html, ".json") + ".");
      }
      Problem p = ProblemJson.read(InputFile.check("--problem", problem));
      Schedule s = ScheduleJson.read(InputFile.check("--schedule", schedule));
      Evaluation evaluation = Evaluator.evaluate(p, s);
      PageOptions.Builder base = PageOptions.builder().maxJobRows(maxJobRows);
      if (title != null) {
        base.title(title);
      }
      out.println("Report of " + Printable.escape(s.solver()) + "'s schedule of " + p + ":");
      PageOptions options = ReportFiles.options(p, evaluation, base, !noBound, htmlTarget, jsonTarget, out);
      ReportFiles.write(p, s, evaluation, options, htmlTarget, jsonTarget, out);
      if (!evaluation.feasible()) {
        out.println("The schedule breaks " + evaluation.violations().size() + " hard rule(s); the report lists them.");
        return Cli.VIOLATIONS;
      }
      return Cli.OK;
    }

    /** The same path once normalized, or (when it exists) the same file by another path or a hard link. */
    private static boolean sameFile(Path a, Path b) {
      if (a.normalize().equals(b.normalize())) {
        return true;
      }
      try {
        return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
      } catch (IOException e) {
        return false; // OutputFile.check has inspected both; a failure here is reported when writing
      }
    }

    private static String sibling(Path file, String extension) {
      String name = file.getFileName().toString();
      int dot = name.lastIndexOf('.');
      return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + extension).toString();
    }
  }

  /** {@code fairshift example-problem}. */
  @Command(name = "example-problem", mixinStandardHelpOptions = true, versionProvider = Version.class,
      description = "Writes the demo's problem as JSON, to start from.",
      exitCodeListHeading = "%nExit codes:%n", exitCodeList = {" 0:Success.", " 1:--out cannot be written.",
          " 2:Wrong usage: a refused --out, --slack-hours out of range."})
  static final class ExampleProblemCommand implements Callable<Integer> {
    private final PrintStream out;
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the problem.")
    Path outFile;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + Demo.DEFAULT_SEED,
        description = "Drives tenants, origins and data sizes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--slack-hours", paramLabel = "H", defaultValue = "24",
        description = "Hours each job may wait beyond its earliest finish, 0 to " + MAX_SLACK_HOURS
            + " (default: ${DEFAULT-VALUE}).")
    int slackHours;

    @Option(names = "--follow-symlinks",
        description = "Allow --out to be a symbolic link and replace the file it points to.")
    boolean followSymlinks;

    ExampleProblemCommand(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() {
      Duration slack = Duration.ofHours(slackHours(spec, slackHours));
      OutputFile target = OutputFile.check("--out", outFile, followSymlinks, Map.of());
      Problem problem = Demo.problem(seed, slack);
      target.write(ProblemJson.write(problem));
      out.println("Wrote " + problem + " to " + Printable.escape(outFile.toString()));
      return Cli.OK;
    }
  }

  /** {@code fairshift serve}: the {@code service} module's HTTP service, until stopped. */
  @Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
      defaultValueProvider = ServeDefaults.class,
      description = {"Serves Fairshift over HTTP until stopped with Ctrl-C or SIGTERM: GET /v1/health and /v1/ready, "
          + "POST /v1/schedule and /v1/evaluate, solve jobs at /v1/solves (README, \"HTTP service\").",
          "Binds loopback (127.0.0.1) unless --host says otherwise; any other address needs a token from "
              + "--token-file or --token-env, never from the command line. A stop lets requests in flight finish "
              + "and answers running solves with their best schedule so far."},
      exitCodeListHeading = "%nExit codes:%n", exitCodeList = {" 0:Stopped.",
          " 1:The port cannot be opened (in use, or not allowed), or the token file or variable is missing, "
              + "readable by others or holds no valid token.",
          " 2:Wrong usage: a port or limit out of range, a host that does not resolve, a host other than "
              + "loopback without a token, both --token-file and --token-env."})
  static final class ServeCommand implements Callable<Integer> {
    private final PrintStream out;
    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST",
        description = "The address to bind: 127.0.0.1 or ::1 (this machine only), 0.0.0.0 (every interface, "
            + "needs a token) or one interface's address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT",
        description = "The TCP port, 1 to 65535, or 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    ServiceOptions.TokenOptions token;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES",
        description = "The largest request body; larger ones answer 413 (default: ${DEFAULT-VALUE}, 16 MiB).")
    long maxBodyBytes;

    @Option(names = "--max-time-limit", paramLabel = "DURATION", converter = ServiceOptions.PositiveDuration.class,
        description = "The largest timeLimit a request may ask for, at most 24h; more answers 400. A request "
            + "without one gets 10s, or this when shorter (default: ${DEFAULT-VALUE}).")
    Duration maxTimeLimit;

    @Option(names = "--max-concurrent-solves", paramLabel = "N",
        description = "Solves running at once, synchronous and jobs together, 1 to 1024; one more answers 503 with "
            + "Retry-After (default: the number of processors, ${DEFAULT-VALUE}).")
    int maxConcurrentSolves;

    @Option(names = "--read-timeout", paramLabel = "DURATION", converter = ServiceOptions.PositiveDuration.class,
        description = "A request's line, headers and body must arrive within this after its first byte; a slower "
            + "client gets 408 (default: ${DEFAULT-VALUE}).")
    Duration readTimeout;

    ServeCommand(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() {
      if (port < 0 || port > 65_535) {
        throw new ParameterException(spec.commandLine(), "--port " + port + " is out of range; a TCP port is 1 "
            + "to 65535, or 0 for a free one. Maybe --port 8080.");
      }
      ServiceConfig.Builder config = ServiceConfig.builder().port(port);
      ServiceOptions.set("--host", host, () -> config.host(host));
      ServiceOptions.set("--max-body-bytes", maxBodyBytes, () -> config.maxBodyBytes(maxBodyBytes));
      ServiceOptions.set("--max-time-limit", ServiceOptions.format(maxTimeLimit), () -> config.maxTimeLimit(maxTimeLimit));
      if (maxTimeLimit.compareTo(ServiceConfig.defaults().defaultTimeLimit()) < 0) {
        config.defaultTimeLimit(maxTimeLimit);
      }
      ServiceOptions.set("--max-concurrent-solves", maxConcurrentSolves,
          () -> config.maxConcurrentSolves(maxConcurrentSolves));
      ServiceOptions.set("--read-timeout", ServiceOptions.format(readTimeout), () -> config.readTimeout(readTimeout));
      token.token().ifPresent(config::token);
      AtomicReference<Published> latest = new AtomicReference<>();
      config.onSolved((problem, schedule) -> latest.set(Published.of(problem, schedule)))
          .route(TransparencyRoute.PATH, TransparencyRoute.builder().view("latest",
              () -> Optional.ofNullable(latest.get()),
              PageOptions.builder().title("Fairshift service: the most recent schedule").build(),
              "No schedule is solved yet. Maybe POST a problem to /v1/schedule or /v1/solves.").build());

      RunningService service = ServiceOptions.start(config.build(), "--host");
      Thread hook = new Thread(service::close, "fairshift-serve-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        out.println("Fairshift HTTP service listening on " + service.uri() + " (GET /v1/health, POST /v1/schedule, "
            + "POST /v1/evaluate, POST /v1/solves, GET /transparency" + (service.config().token().isPresent() ? "; token required" : "")
            + "). Ctrl-C stops it.");
        service.awaitTermination();
      } finally {
        // Stopped by an interrupt (an embedding caller): close without the flag, so the graceful stop can wait.
        boolean interrupted = Thread.interrupted();
        removeShutdownHook(hook);
        service.close();
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
      out.println("Stopped.");
      return Cli.OK;
    }
  }

  /** {@code fairshift slurm}: the planning loop on this host's Slurm, with its metrics and status over HTTP. */
  @Command(name = "slurm", mixinStandardHelpOptions = true, versionProvider = Version.class,
      description = {"Runs Fairshift's planning loop on this host's Slurm until stopped with Ctrl-C or SIGTERM: plans "
          + "the jobs held by job_submit.lua (or submitted with --hold --comment=fairshift), records each decision on "
          + "the job and releases it at its planned slot (README, \"Slurm\").",
          "While it runs it serves GET /metrics (Prometheus text), GET /transparency (the page of the current plan; "
              + "?view=ran: what ran; ?format=json: the same as JSON) and GET /transparency/status (the loop's status "
              + "document, JSON) on --metrics-host:--metrics-port, loopback by default; any other address needs a token from "
              + "--token-file or --token-env, which every request then carries."},
      exitCodeListHeading = "%nExit codes:%n", exitCodeList = {" 0:Stopped, or --once done.",
          " 1:The metrics port cannot be opened, or the token file or variable cannot be used.",
          " 2:Wrong usage, or the config file is missing or invalid (the message names the file and the field), "
              + "or a hub's pool is not a Slurm partition.",
          " 3:Slurm cannot be read (squeue, sinfo or scontrol failed or timed out)."})
  static final class SlurmCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--config", required = true, paramLabel = "FILE",
        description = "The loop's configuration (YAML or JSON): hubs = Slurm partitions with zone, PUE and power; "
            + "tenants = Slurm accounts; intensity sources; the engine section.")
    Path config;

    @Option(names = "--once", description = "Run one pass, print what it did and exit (no metrics server).")
    boolean once;

    @Mixin
    LoopMetricsOptions metrics;

    SlurmCommand(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() {
      return SlurmLoopRunner.run(config, once, out, err, metrics.sidecar("Slurm", !once, out));
    }
  }

  /** Where {@code fairshift slurm} serves the loop's status document (also {@code /transparency?format=status}). */
  static final String STATUS_PATH = TransparencyRoute.PATH + "/status";

  /**
   * The loop's transparency pages: the current plan (the default view), what ran over the lookback
   * ({@code ?view=ran}), each also as JSON ({@code &format=json}), and the status document
   * ({@code ?format=status}).
   */
  static TransparencyRoute transparencyRoute(PlanningLoop loop, String engineTitle) {
    return TransparencyRoute.builder()
        .view("plan", () -> loop.currentPlan().map(CliCommands::published),
            PageOptions.builder().title("Fairshift on " + engineTitle + ": the current plan").build(),
            "No plan yet: the loop has not planned a held job (none held, or planning failed; the status says which)."
                + " Maybe see /transparency?view=ran for what ran, or /transparency/status.")
        .view("ran", () -> loop.whatRan().map(CliCommands::published),
            PageOptions.builder().title("Fairshift on " + engineTitle + ": what ran").build(),
            "Nothing under Fairshift's control has started in the lookback window yet. Maybe see /transparency for "
                + "the current plan, or raise transparency.lookback in the config.")
        .status(loop::statusJson)
        .build();
  }

  private static Published published(LoopSchedule s) {
    return Published.of(s.problem(), s.schedule());
  }

  /** {@code serve}'s defaults are the service's own ({@link ServiceConfig#defaults()}). */
  static final class ServeDefaults implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec argSpec) {
      if (!(argSpec instanceof OptionSpec option)) {
        return null;
      }
      ServiceConfig d = ServiceConfig.defaults();
      return switch (option.longestName()) {
        case "--host" -> d.host();
        case "--port" -> String.valueOf(d.port());
        case "--max-body-bytes" -> String.valueOf(d.maxBodyBytes());
        case "--max-time-limit" -> ServiceOptions.format(d.maxTimeLimit());
        case "--max-concurrent-solves" -> String.valueOf(d.maxConcurrentSolves());
        case "--read-timeout" -> ServiceOptions.format(d.readTimeout());
        default -> null;
      };
    }
  }

  /** Removes a shutdown hook unless the JVM is already shutting down (then the hook is running). */
  static void removeShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs (or ran) close() itself.
    }
  }

  /** {@code --time-limit}: a {@link Cli#duration} from {@link #MIN_TIME_LIMIT} to {@link #MAX_TIME_LIMIT}. */
  static final class TimeLimitConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      Duration d;
      try {
        d = Cli.duration(text);
      } catch (Cli.UsageException e) {
        throw new TypeConversionException(e.getMessage());
      }
      if (d.compareTo(MIN_TIME_LIMIT) < 0) {
        throw new TypeConversionException("'" + Printable.escape(text) + "' is "
            + (d.isNegative() ? "negative" : d.isZero() ? "zero" : "too short") + "; the time limit is "
            + MIN_TIME_LIMIT.toMillis() + "ms to " + MAX_TIME_LIMIT.toHours() + "h. Maybe 10s.");
      }
      if (d.compareTo(MAX_TIME_LIMIT) > 0) {
        throw new TypeConversionException("'" + Printable.escape(text) + "' is longer than "
            + MAX_TIME_LIMIT.toHours() + "h, the longest time limit. Maybe 30m, or run the solver in rounds.");
      }
      return d;
    }
  }

  /** {@code fairshift --version}: the jar manifest's Implementation-Version, else the Maven version. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"fairshift " + version(),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }

    static String version() {
      String fromManifest = Cli.class.getPackage().getImplementationVersion();
      if (fromManifest != null) {
        return fromManifest;
      }
      try (InputStream in = Cli.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          Properties p = new Properties();
          p.load(in);
          return p.getProperty("version", "unknown");
        }
      } catch (IOException e) {
        // fall through
      }
      return "unknown";
    }
  }

  private static long slackHours(CommandSpec spec, int hours) {
    if (hours < 0 || hours > MAX_SLACK_HOURS) {
      throw new ParameterException(spec.commandLine(), "--slack-hours " + hours + " is out of range; it is 0 to "
          + MAX_SLACK_HOURS + " (a year). Maybe 24.");
    }
    return hours;
  }

  /** The --decompose split; it needs --solver optaplanner, and --threads needs it. */
  private static Split checkDecompose(CommandSpec spec, String text, String solver, Integer threads) {
    Split split;
    try {
      split = Split.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Unknown --decompose '" + Printable.escape(text)
          + "'. Maybe auto, region, time or none.");
    }
    if (split != Split.NONE && !solver.equals(OptaPlannerScheduler.NAME)) {
      throw new ParameterException(spec.commandLine(), "--decompose " + split.label() + " applies to --solver "
          + "optaplanner, not " + solver + ". Maybe --solver optaplanner --decompose " + split.label() + ".");
    }
    if (threads != null && (threads < 1 || threads > 1024)) {
      throw new ParameterException(spec.commandLine(), "--threads is " + threads + " but must be 1 to 1024. Maybe "
          + Runtime.getRuntime().availableProcessors() + ".");
    }
    if (threads != null && split == Split.NONE) {
      throw new ParameterException(spec.commandLine(), "--threads applies to --decompose. Maybe --decompose auto.");
    }
    return split;
  }

  private static void checkSolver(CommandSpec spec, String name) {
    if (Solvers.NAMES.contains(name)) {
      return;
    }
    throw new ParameterException(spec.commandLine(), "Unknown solver '" + Printable.escape(name) + "'. Use one of "
        + String.join(", ", Solvers.NAMES) + "."
        + Suggestions.closest(name, Solvers.NAMES).map(closest -> " Maybe --solver " + closest + "?").orElse(""));
  }

  /** Prints report text, escaping any control character line by line (ids are already checked). */
  static void print(PrintStream out, String text) {
    text.lines().forEach(line -> out.println(Printable.escape(line)));
  }
}
