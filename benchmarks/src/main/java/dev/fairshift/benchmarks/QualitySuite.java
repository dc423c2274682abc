package dev.fairshift.benchmarks;

import dev.fairshift.benchmarks.peers.Peers;
import dev.fairshift.benchmarks.referee.CpSatReferee;
import dev.fairshift.benchmarks.referee.CpSatResult;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.JobResult;
import dev.fairshift.core.Problem;
import dev.fairshift.core.ProgressLine;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.TenantResult;
import dev.fairshift.solver.GreedyOptions;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.bound.LowerBound;
import dev.fairshift.solver.optaplanner.OptaPlannerScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * The quality suite: every solver on scenarios built from real 2023 grid data (a week per season, four
 * zones, eight hubs) and PAI-trace jobs with 0, 6, 24 and 72 h slack, measured by the
 * {@link Evaluator}: emissions, % saved versus ASAP, gap to a lower bound, quotas met, Jain's index,
 * wait p95 and wall time. The solvers include a referee, Google OR-Tools CP-SAT on an exact model
 * ({@link CpSatReferee}), with its status and its own proven bound next to Fairshift's. Optionally a
 * scaling run (greedy, 1k to 100k jobs on 16 hubs x 168 slots) with the fitted growth. Writes
 * {@code results.md}, {@code results.csv}, {@code saved-vs-slack.svg} and, with the scaling run,
 * {@code scaling.csv} and {@code runtime-vs-size.svg}.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.fairshift.benchmarks.QualitySuite --quick
 * java -cp benchmarks/target/benchmarks.jar dev.fairshift.benchmarks.QualitySuite --scaling --out benchmarks/results
 * </pre>
 *
 * <p>Flags: {@code --quick} (one winter week, 250 jobs, four slacks; OptaPlanner 1 s, CP-SAT 5 s:
 * about a minute), {@code --scaling} (add the scaling run), {@code --scaling-only}, {@code --out DIR}
 * (default {@code benchmarks/results}), {@code --seed N} (default 2023), {@code --optaplanner-seconds
 * 1,10,30}, {@code --cp-sat-seconds 1,10,30} (default: the OptaPlanner budgets; {@code none} leaves the
 * referee out), {@code --cp-sat-max-jobs N} (default 1000), {@code --scenarios TEXT} (only scenarios whose
 * name contains TEXT, e.g. {@code 1000-slack24}).
 *
 * <p>The hard family ({@link HardScenarios}, compared by {@link HardSuite}): {@code --family hard
 * --seeds develop|reported} (default develop) {@code [--sizes small,1000,10000] [--count N]} writes
 * {@code hard-develop.md/.csv} or {@code hard-reported.md/.csv}; OptaPlanner 10 s and CP-SAT 30 s
 * unless the budget flags say otherwise.
 *
 * <p>Solvers and the lower bound are plain values ({@link #DEFAULT_SOLVERS}, {@link
 * #DEFAULT_LOWER_BOUND}): more solvers are more {@link NamedScheduler}s in the list, and a bound is a
 * function from a problem to grams CO2e. Instances are immutable; a run is single-threaded.
 */
public final class QualitySuite {
  /** Slacks of every scenario, hours. */
  public static final List<Integer> SLACKS_HOURS = List.of(0, 6, 24, 72);
  /** Hubs of every quality scenario (two per zone of {@link Scenarios#ZONES}). */
  public static final int HUBS = 8;
  /** Job counts of the full suite. */
  public static final List<Integer> FULL_JOBS = List.of(250, 1000);
  /** Job counts of the scaling run. */
  public static final List<Integer> SCALING_JOBS = List.of(1_000, 3_000, 10_000, 30_000, 100_000);

  /** Scenarios with at most this many jobs get CP-SAT rows by default: the 250- and 1,000-job ones. */
  public static final int DEFAULT_CP_SAT_MAX_JOBS = 1_000;
  /** The time budgets of the full suite, seconds: OptaPlanner's and CP-SAT's. */
  public static final List<Long> DEFAULT_BUDGETS_SECONDS = List.of(1L, 10L, 30L);
  /**
   * CP-SAT's budget in {@code --quick}, seconds: at 1 s on two cores CP-SAT rarely gets past its
   * presolve on the 250-job scenarios and returns the greedy hint; 5 s usually proves them optimal.
   */
  public static final long QUICK_CP_SAT_SECONDS = 5;

  /**
   * The solvers compared, in row order; ASAP first (the baseline every saving is measured against),
   * greedy, OptaPlanner at 1 s, 10 s and 30 s, then the CP-SAT referee at the same budgets on the
   * scenarios of at most {@link #DEFAULT_CP_SAT_MAX_JOBS} jobs. Further solvers are further entries.
   */
  public static final List<NamedScheduler> DEFAULT_SOLVERS =
      solvers(DEFAULT_BUDGETS_SECONDS, DEFAULT_BUDGETS_SECONDS, DEFAULT_CP_SAT_MAX_JOBS);

  /** The solvers of {@code --quick}: ASAP, greedy, OptaPlanner for 1 s and CP-SAT for 5 s. */
  public static final List<NamedScheduler> QUICK_SOLVERS =
      solvers(List.of(1L), List.of(QUICK_CP_SAT_SECONDS), DEFAULT_CP_SAT_MAX_JOBS);

  /**
   * ASAP, greedy, OptaPlanner at each of {@code optaPlannerSeconds}, then CP-SAT at each of
   * {@code cpSatSeconds} on scenarios of at most {@code cpSatMaxJobs} jobs.
   */
  public static List<NamedScheduler> solvers(List<Long> optaPlannerSeconds, List<Long> cpSatSeconds,
      int cpSatMaxJobs) {
    List<NamedScheduler> list = new ArrayList<>();
    list.add(new NamedScheduler("asap", Scheduler.asap()));
    list.add(new NamedScheduler("greedy", Scheduler.greedy()));
    optaPlannerSeconds.forEach(s -> list.add(optaPlanner(Duration.ofSeconds(s))));
    cpSatSeconds.forEach(s -> list.add(cpSat(Duration.ofSeconds(s), cpSatMaxJobs)));
    list.addAll(Peers.all()); // the policies people use today, on the same scenarios (benchmarks.peers)
    return List.copyOf(list);
  }

  /**
   * The lower bound on a problem's emissions in grams CO2e, for the "gap to bound" column:
   * {@link LowerBound#of(Problem, LowerBound.Options)} (an LP relaxation for small problems, a Lagrangian
   * one for large) without the Lagrangian's work limit, so its 300 iterations always run, as when the
   * results were made.
   */
  public static final Optional<ToDoubleFunction<Problem>> DEFAULT_LOWER_BOUND = Optional.of(problem ->
      LowerBound.of(problem, LowerBound.Options.defaults().withMaxLagrangianWork(Long.MAX_VALUE)).gramsCo2e());

  /**
   * OptaPlanner warm-started from greedy, searching for its whole time budget (no unimproved-time
   * limit), as CP-SAT does with its own.
   */
  static NamedScheduler optaPlanner(Duration budget) {
    return new NamedScheduler("optaplanner-" + budget.toSeconds() + "s",
        OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
            .timeLimit(budget)
            .noUnimprovedTimeLimit()
            .warmStart(Scheduler.greedy())
            .seed(0)
            .build()));
  }

  /**
   * The CP-SAT referee ({@link CpSatReferee}, defaults: 2 workers, seed 0, started from the greedy
   * schedule) with a time budget, labelled {@code cp-sat-<seconds>s}, on scenarios of at most
   * {@code maxJobs} jobs. Its rows also carry CP-SAT's status and its own proven bound.
   */
  public static NamedScheduler cpSat(Duration budget, int maxJobs) {
    return new NamedScheduler("cp-sat-" + budget.toSeconds() + "s",
        CpSatReferee.create(CpSatReferee.Config.defaults().withTimeLimit(budget)), maxJobs);
  }

  /** What the results say about the CP-SAT rows. */
  static final String CP_SAT_NOTE = "`cp-sat-Ns` rows: the referee, Google OR-Tools CP-SAT 9.15 on an exact "
      + "model of the same problem (benchmarks/README.md), started from greedy's schedule, 2 workers; the "
      + "budget is CP-SAT's, and the wall time adds building the model and the greedy hint. Its status is "
      + "OPTIMAL when it proved the schedule optimal. *Own bound* is CP-SAT's own proven lower bound next to "
      + "Fairshift's *LowerBound*; *own bound vs LowerBound* above 0 means CP-SAT's is tighter.\n\n";

  /** The solvers of the scaling run: greedy's construction alone, then greedy with its defaults. */
  public static final List<NamedScheduler> DEFAULT_SCALING_SOLVERS = List.of(
      new NamedScheduler("greedy-construction",
          Scheduler.greedy(GreedyOptions.defaults().withPortfolio(false).withImprovementRounds(0))),
      new NamedScheduler("greedy", Scheduler.greedy()));

  private final List<NamedScheduler> solvers;
  private final Optional<ToDoubleFunction<Problem>> lowerBoundGrams;

  /**
   * A suite comparing {@code solvers} (one labelled {@code asap} is the baseline; it is added first when
   * missing) with an optional lower bound in grams CO2e.
   */
  public QualitySuite(List<NamedScheduler> solvers, Optional<ToDoubleFunction<Problem>> lowerBoundGrams) {
    List<NamedScheduler> list = new ArrayList<>(solvers);
    if (list.stream().noneMatch(s -> s.label().equals("asap"))) {
      list.add(0, new NamedScheduler("asap", Scheduler.asap()));
    }
    this.solvers = List.copyOf(list);
    this.lowerBoundGrams = Objects.requireNonNull(lowerBoundGrams, "lowerBoundGrams");
  }

  /** The suite with {@link #DEFAULT_SOLVERS} and {@link #DEFAULT_LOWER_BOUND}. */
  public static QualitySuite defaults() {
    return new QualitySuite(DEFAULT_SOLVERS, DEFAULT_LOWER_BOUND);
  }

  /** The scenarios: every season week x slack x job count, eight hubs on {@link Scenarios#ZONES}. */
  public static List<ScenarioSpec> scenarios(boolean quick, long seed) {
    List<ScenarioSpec> out = new ArrayList<>();
    int seasons = quick ? 1 : Scenarios.SEASON_WEEKS_2023.size();
    List<Integer> jobCounts = quick ? List.of(250) : FULL_JOBS;
    for (int jobs : jobCounts) {
      for (int s = 0; s < seasons; s++) {
        for (int slack : SLACKS_HOURS) {
          String name = Scenarios.SEASONS.get(s) + "-" + jobs + "-slack" + slack;
          out.add(ScenarioSpec.week(name, Scenarios.SEASON_WEEKS_2023.get(s), Scenarios.ZONES, HUBS, jobs, slack,
              seed + s));
        }
      }
    }
    return out;
  }

  /** Runs every solver on every scenario; one row per (scenario, solver), scenario-major. */
  public List<QualityRow> run(List<ScenarioSpec> specs) {
    List<QualityRow> rows = new ArrayList<>();
    for (ScenarioSpec spec : specs) {
      rows.addAll(run(spec));
    }
    return rows;
  }

  /**
   * Runs every solver that {@linkplain NamedScheduler#runsOn runs on} the scenario's size. A
   * {@link CpSatReferee} also reports its status and, when its schedule runs every job on a problem
   * without forecasts, its own bound.
   */
  public List<QualityRow> run(ScenarioSpec spec) {
    Problem problem = Scenarios.build(spec);
    OptionalDouble bound = lowerBoundGrams.isPresent()
        ? OptionalDouble.of(lowerBoundGrams.get().applyAsDouble(problem)) : OptionalDouble.empty();
    OptionalDouble boundKg = bound.isPresent() && Double.isFinite(bound.getAsDouble())
        ? OptionalDouble.of(bound.getAsDouble() / 1000) : OptionalDouble.empty();
    String season = seasonOf(spec);
    List<SolverRun> runs = new ArrayList<>();
    Evaluation baseline = null;
    for (NamedScheduler solver : solvers) {
      if (!solver.runsOn(spec.jobs())) {
        continue;
      }
      long t0 = System.nanoTime();
      Schedule schedule;
      OptionalDouble ownBoundKg = OptionalDouble.empty();
      Optional<String> status = Optional.empty();
      if (solver.scheduler() instanceof CpSatReferee referee) {
        CpSatResult r = referee.solve(problem);
        schedule = r.schedule();
        status = Optional.of(r.status().name());
        if (!problem.intensities().hasForecast() && r.everyJobBoundGrams().isPresent()) {
          ownBoundKg = OptionalDouble.of(r.everyJobBoundGrams().getAsDouble() / 1000);
        }
      } else {
        schedule = solver.scheduler().schedule(problem);
      }
      double wall = (System.nanoTime() - t0) / 1e6;
      Evaluation e = Evaluator.evaluate(problem, schedule);
      runs.add(new SolverRun(solver.label(), e, wall, ownBoundKg, status));
      if (solver.label().equals("asap")) {
        baseline = e;
      }
    }
    List<QualityRow> rows = new ArrayList<>();
    for (SolverRun run : runs) {
      Evaluation e = run.evaluation();
      int quotas = 0;
      int met = 0;
      for (TenantResult t : e.tenants()) {
        if (t.guaranteedUnitSlots() > 0) {
          quotas++;
          met += t.quotaMet() ? 1 : 0;
        }
      }
      OptionalDouble fraction = bound.isPresent() ? e.gapAbove(bound.getAsDouble()) : OptionalDouble.empty();
      OptionalDouble gap = fraction.isPresent() && Double.isFinite(fraction.getAsDouble())
          ? OptionalDouble.of(100 * fraction.getAsDouble()) : OptionalDouble.empty();
      rows.add(new QualityRow(spec.name(), season, spec.slackHours(), spec.jobs(), spec.hubs(),
          run.label(), e.scheduledJobs(), e.emissionsKg(), 100 * e.savingVersus(baseline), gap, met,
          quotas, e.jainIndex(), waitP95Hours(e), run.wallMillis(), e.feasible(), boundKg, run.ownBoundKg(),
          run.status()));
    }
    return rows;
  }

  /** One solver's run on one scenario. */
  private record SolverRun(String label, Evaluation evaluation, double wallMillis, OptionalDouble ownBoundKg,
      Optional<String> status) {}

  /**
   * The scaling run: each solver on {@link Scenarios#benchmark(int, int)} with 16 hubs for every job
   * count; one warm-up run, then the best wall time of {@code repetitions} runs and the peak heap of
   * the last one.
   */
  public static List<ScalingRow> scaling(List<NamedScheduler> solvers, List<Integer> jobCounts, int repetitions) {
    List<ScalingRow> rows = new ArrayList<>();
    for (NamedScheduler solver : solvers) {
      for (int jobs : jobCounts) {
        Problem problem = Scenarios.benchmark(jobs, 16);
        solver.scheduler().schedule(problem);
        double best = Double.MAX_VALUE;
        double heap = 0;
        for (int r = 0; r < repetitions; r++) {
          System.gc();
          long before = heapUsed();
          resetPeaks();
          long t0 = System.nanoTime();
          Schedule schedule = solver.scheduler().schedule(problem);
          best = Math.min(best, (System.nanoTime() - t0) / 1e6);
          heap = Math.max(0, heapPeak() - before) / (1024.0 * 1024.0);
          Objects.requireNonNull(schedule, "schedule");
        }
        rows.add(new ScalingRow(solver.label(), jobs, 16, problem.horizon().slots(), best, heap));
        System.out.printf("  %s %d jobs: %.1f ms, %.1f MiB%n", solver.label(), jobs, best, heap);
      }
    }
    return rows;
  }

  /** Nearest-rank 95th percentile of the placed jobs' waits, in hours (0 when nothing is placed). */
  static double waitP95Hours(Evaluation e) {
    double[] waits = e.jobs().stream().filter(JobResult::scheduled)
        .mapToDouble(j -> j.waitTime().orElse(Duration.ZERO).toMinutes() / 60.0).toArray();
    if (waits.length == 0) {
      return 0;
    }
    Arrays.sort(waits);
    return waits[(int) Math.ceil(0.95 * waits.length) - 1];
  }

  private static String seasonOf(ScenarioSpec spec) {
    int i = Scenarios.SEASON_WEEKS_2023.indexOf(spec.start());
    return i >= 0 ? Scenarios.SEASONS.get(i) : spec.start().toString();
  }

  private static long heapUsed() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getUsage().getUsed();
      }
    }
    return sum;
  }

  private static long heapPeak() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /**
   * Runs the suite and writes the results.
   *
   * @param args {@code [--quick] [--scaling | --scaling-only] [--out DIR] [--seed N]
   *     [--optaplanner-seconds 1,10,30] [--cp-sat-seconds 1,10,30 | none] [--cp-sat-max-jobs 1000]
   *     [--scenarios TEXT]}
   */
  public static void main(String[] args) {
    boolean quick = false;
    boolean scaling = false;
    boolean quality = true;
    Path out = Path.of("benchmarks", "results");
    long seed = 2023;
    List<Long> optaPlannerSeconds = null;
    List<Long> cpSatSeconds = null;
    int cpSatMaxJobs = DEFAULT_CP_SAT_MAX_JOBS;
    String only = "";
    String family = "default";
    String seeds = "develop";
    String hardSizes = null;
    Integer count = null;
    String progressOption = null;
    boolean quietFlag = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--progress" -> progressOption = value(args, ++i, "--progress");
        case "--quiet" -> quietFlag = true;
        case "--family" -> family = value(args, ++i, "--family");
        case "--seeds" -> seeds = value(args, ++i, "--seeds");
        case "--sizes" -> hardSizes = value(args, ++i, "--sizes");
        case "--count" -> count = positive(value(args, ++i, "--count"), "--count");
        case "--quick" -> quick = true;
        case "--optaplanner-seconds" ->
            optaPlannerSeconds = seconds(value(args, ++i, "--optaplanner-seconds"), "--optaplanner-seconds");
        case "--cp-sat-seconds" -> cpSatSeconds = seconds(value(args, ++i, "--cp-sat-seconds"), "--cp-sat-seconds");
        case "--cp-sat-max-jobs" -> cpSatMaxJobs = positive(value(args, ++i, "--cp-sat-max-jobs"), "--cp-sat-max-jobs");
        case "--scenarios" -> only = value(args, ++i, "--scenarios");
        case "--scaling" -> scaling = true;
        case "--scaling-only" -> {
          scaling = true;
          quality = false;
        }
        case "--out" -> out = Path.of(value(args, ++i, "--out"));
        case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
        default -> throw new IllegalArgumentException("Unknown flag '" + args[i]
            + "'. Maybe use --quick, --scaling, --scaling-only, --out DIR, --seed N, --optaplanner-seconds 1,10, "
            + "--cp-sat-seconds 1,10 (or none), --cp-sat-max-jobs N, --scenarios 1000-slack24, --family hard, "
            + "--seeds develop|reported, --sizes small,1000,10000, --count N, --progress live|plain|off|auto or "
            + "--quiet.");
      }
    }
    String command = "java -cp benchmarks/target/benchmarks.jar dev.fairshift.benchmarks.QualitySuite"
        + (args.length == 0 ? "" : " " + String.join(" ", args));
    ProgressLine.Mode progressMode = ProgressLine.mode(quietFlag, progressOption, System::getenv,
        System.console() != null);
    if (family.equals("hard")) {
      runHard(command, out, HardScenarios.SeedRange.parse(seeds), hardSizes, count, only, progressMode,
          solvers(optaPlannerSeconds != null ? optaPlannerSeconds : HARD_OPTAPLANNER_SECONDS,
              cpSatSeconds != null ? cpSatSeconds : HARD_CP_SAT_SECONDS, cpSatMaxJobs));
      return;
    } else if (!family.equals("default")) {
      throw new IllegalArgumentException("Unknown --family '" + family + "'. Maybe --family hard or --family default.");
    }
    StringBuilder md = new StringBuilder("# Fairshift quality results\n\nMade by `" + command + "` on "
        + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
        + ". " + dev.fairshift.signals.EmbeddedData.ELECTRICITY_MAPS_ATTRIBUTION
        + ". Jobs: Alibaba PAI trace via GAIA (CC BY 4.0 / MIT).\n\n");
    write(out, "", "");
    if (quality) {
      String filter = only;
      List<ScenarioSpec> specs = scenarios(quick, seed).stream().filter(spec -> spec.name().contains(filter)).toList();
      System.out.println("Quality: " + specs.size() + " scenarios");
      List<QualityRow> rows = new ArrayList<>();
      List<NamedScheduler> chosen = chosenSolvers(quick, optaPlannerSeconds, cpSatSeconds, cpSatMaxJobs);
      QualitySuite suite = new QualitySuite(chosen, DEFAULT_LOWER_BOUND);
      ProgressLine progress = progressLine("quality suite", progressMode);
      progress.startTicking(() -> { });
      for (int i = 0; i < specs.size(); i++) {
        ScenarioSpec spec = specs.get(i);
        progress.update("scenario " + (i + 1) + "/" + specs.size() + " (" + spec.name() + ")", i / (double) specs.size());
        List<QualityRow> r = suite.run(spec);
        rows.addAll(r);
        System.out.println("  " + spec.name() + ": " + r.stream()
            .map(q -> q.solver() + " " + ResultWriters.fmt(q.emissionsKg(), 3) + " kg ("
                + ResultWriters.fmt(q.savedPercent(), 1) + " %" + q.status().map(st -> ", " + st).orElse("") + ") in "
                + ResultWriters.fmt(q.wallMillis(), 0) + " ms")
            .reduce((a, b) -> a + ", " + b).orElse(""));
      }
      progress.finish(specs.size() + " scenarios");
      if (rows.stream().anyMatch(r -> r.status().isPresent())) {
        md.append(CP_SAT_NOTE);
      }
      md.append("## Summary (means over scenarios)\n\n").append(ResultWriters.summaryTable(rows))
          .append("\n![Emissions saved vs slack](saved-vs-slack.svg)\n\n## Every scenario\n\n")
          .append(ResultWriters.qualityTable(rows)).append('\n');
      write(out, "results.csv", ResultWriters.qualityCsv(rows));
      write(out, "saved-vs-slack.svg", SvgCharts.savedVsSlack(rows));
    }
    if (scaling) {
      System.out.println("Scaling:");
      List<Integer> sizes = quick ? SCALING_JOBS.subList(0, 3) : SCALING_JOBS;
      List<ScalingRow> rows = scaling(DEFAULT_SCALING_SOLVERS, sizes, 3);
      md.append("## Scaling (16 hubs x 168 slots, best of 3 after a warm-up)\n\n")
          .append(ResultWriters.scalingTable(rows))
          .append("\n![Run time vs size](runtime-vs-size.svg)\n");
      write(out, "scaling.csv", ResultWriters.scalingCsv(rows));
      write(out, "runtime-vs-size.svg", SvgCharts.runtimeVsSize(rows));
    }
    write(out, "results.md", md.toString());
    System.out.println("Wrote " + out.toAbsolutePath());
  }

  /**
   * The suite's progress line on stderr (stdout carries the per-scenario results): {@code --progress}, else
   * {@code FAIRSHIFT_PROGRESS}, else live on a console and plain otherwise; {@code --quiet} turns it off.
   */
  static ProgressLine progressLine(String task, ProgressLine.Mode mode) {
    return ProgressLine.builder(task).to(System.err).mode(mode).widthFrom(System.getenv("COLUMNS")).build();
  }

  /** OptaPlanner's budgets on the hard family by default, seconds. */
  public static final List<Long> HARD_OPTAPLANNER_SECONDS = List.of(10L);
  /** CP-SAT's budgets on the hard family by default, seconds (the last is the reference). */
  public static final List<Long> HARD_CP_SAT_SECONDS = List.of(30L);

  /**
   * The hard family ({@link HardScenarios}, {@link HardSuite}) on one seed range: writes
   * {@code hard-<range>.md} and {@code hard-<range>.csv} under {@code out}.
   */
  static void runHard(String command, Path out, HardScenarios.SeedRange range, String sizes, Integer count,
      String only, ProgressLine.Mode progressMode, List<NamedScheduler> chosen) {
    List<HardScenarios.Spec> specs = new ArrayList<>();
    String sizeList = sizes != null ? sizes : "small,1000,10000";
    for (String part : sizeList.split(",")) {
      HardScenarios.Size size = HardScenarios.Size.parse(part);
      specs.addAll(HardScenarios.specs(range, size, count != null ? count : HardSuite.defaultCount(size)));
    }
    specs.removeIf(spec -> !spec.name().contains(only));
    System.out.println("Hard family, " + range.label() + " seeds: " + specs.size() + " scenarios");
    HardSuite suite = new HardSuite(chosen);
    List<HardSuite.ScenarioResult> results = new ArrayList<>();
    ProgressLine progress = progressLine("hard family", progressMode);
    progress.startTicking(() -> { });
    for (int i = 0; i < specs.size(); i++) {
      HardScenarios.Spec spec = specs.get(i);
      progress.update("scenario " + (i + 1) + "/" + specs.size() + " (" + spec.name() + ")", i / (double) specs.size());
      HardSuite.ScenarioResult r = suite.run(spec);
      results.add(r);
      System.out.println("  " + r.scenario() + " (reference " + r.referenceKind() + "): " + r.rows().stream()
          .map(q -> q.solver() + " " + ResultWriters.fmt(q.emissionsKg(), 3) + " kg, " + q.scheduled() + " placed, gap "
              + (r.gapPercent(q).isPresent() ? ResultWriters.fmt(r.gapPercent(q).getAsDouble(), 1) + " %" : "-")
              + ", " + q.leftOutThatFit() + " out that fit")
          .reduce((a, b) -> a + "; " + b).orElse(""));
    }
    progress.finish(specs.size() + " scenarios");
    write(out, "hard-" + range.label() + ".md", HardSuite.markdown(command, range, results));
    write(out, "hard-" + range.label() + ".csv", HardSuite.csv(results));
    System.out.println("Wrote " + out.resolve("hard-" + range.label() + ".md").toAbsolutePath());
  }

  /**
   * The solvers the command line asks for: OptaPlanner at {@code optaPlannerSeconds} (default 1, 10
   * and 30 s, or 1 s with {@code quick}), CP-SAT at {@code cpSatSeconds} (default: the OptaPlanner
   * budgets when given, else the same defaults, or {@value #QUICK_CP_SAT_SECONDS} s with {@code quick}).
   */
  static List<NamedScheduler> chosenSolvers(boolean quick, List<Long> optaPlannerSeconds, List<Long> cpSatSeconds,
      int cpSatMaxJobs) {
    List<Long> opta = optaPlannerSeconds != null ? optaPlannerSeconds : quick ? List.of(1L) : DEFAULT_BUDGETS_SECONDS;
    List<Long> cpSat = cpSatSeconds != null ? cpSatSeconds : optaPlannerSeconds != null ? optaPlannerSeconds
        : quick ? List.of(QUICK_CP_SAT_SECONDS) : DEFAULT_BUDGETS_SECONDS;
    return solvers(opta, cpSat, cpSatMaxJobs);
  }

  /** A comma-separated list of positive whole seconds, or {@code none} for an empty list. */
  static List<Long> seconds(String text, String flag) {
    if (text.strip().equals("none")) {
      return List.of();
    }
    List<Long> out = new ArrayList<>();
    for (String part : text.split(",")) {
      out.add((long) positive(part, flag));
    }
    return List.copyOf(out);
  }

  private static int positive(String text, String flag) {
    try {
      int v = Integer.parseInt(text.strip());
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("Flag " + flag + " has '" + text.strip() + "', not a positive whole number. "
        + "Maybe " + flag + " 10" + (flag.endsWith("seconds") ? " or 1,10,30" : "") + ".");
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException("Flag " + flag + " needs a value. Maybe " + flag + " benchmarks/results.");
    }
    return args[i];
  }

  private static void write(Path dir, String name, String content) {
    try {
      Files.createDirectories(dir);
      if (!name.isEmpty()) {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + dir.resolve(name) + ": " + e.getMessage()
          + ". Maybe check the --out directory.", e);
    }
  }
}
