package dev.fairshift.benchmarks;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.JobResult;
import dev.fairshift.core.Problem;
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
 * wait p95 and wall time. Optionally a scaling run (greedy, 1k to 100k jobs on 16 hubs x 168 slots)
 * with the fitted growth. Writes {@code results.md}, {@code results.csv}, {@code saved-vs-slack.svg}
 * and, with the scaling run, {@code scaling.csv} and {@code runtime-vs-size.svg}.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.fairshift.benchmarks.QualitySuite --quick
 * java -cp benchmarks/target/benchmarks.jar dev.fairshift.benchmarks.QualitySuite --scaling --out benchmarks/results
 * </pre>
 *
 * <p>Flags: {@code --quick} (one winter week, 250 jobs, four slacks: under a minute), {@code --scaling}
 * (add the scaling run), {@code --scaling-only}, {@code --out DIR} (default {@code benchmarks/results}),
 * {@code --seed N} (default 2023).
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

  /**
   * The solvers compared, in row order; ASAP first (the baseline every saving is measured against).
   * Further solvers (e.g. OptaPlanner at 1 s, 10 s and 30 s) are further entries of this list.
   */
  public static final List<NamedScheduler> DEFAULT_SOLVERS = List.of(
      new NamedScheduler("asap", Scheduler.asap()),
      new NamedScheduler("greedy", Scheduler.greedy()),
      optaPlanner(Duration.ofSeconds(1)),
      optaPlanner(Duration.ofSeconds(10)),
      optaPlanner(Duration.ofSeconds(30)));

  /** The solvers of {@code --quick}: ASAP, greedy and OptaPlanner for one second. */
  public static final List<NamedScheduler> QUICK_SOLVERS = DEFAULT_SOLVERS.subList(0, 3);

  /**
   * The lower bound on a problem's emissions in grams CO2e, for the "gap to bound" column:
   * {@link LowerBound#of(Problem)} (an LP relaxation for small problems, a Lagrangian one for large).
   */
  public static final Optional<ToDoubleFunction<Problem>> DEFAULT_LOWER_BOUND =
      Optional.of(problem -> LowerBound.of(problem).gramsCo2e());

  /**
   * OptaPlanner warm-started from greedy with a time budget; it also stops after a third of the budget
   * without improvement, and the wall time column says how long it ran.
   */
  static NamedScheduler optaPlanner(Duration budget) {
    return new NamedScheduler("optaplanner-" + budget.toSeconds() + "s",
        OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
            .timeLimit(budget)
            .unimprovedTimeLimit(budget.dividedBy(3))
            .warmStart(Scheduler.greedy())
            .seed(0)
            .build()));
  }

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

  /** Runs every solver on one scenario. */
  public List<QualityRow> run(ScenarioSpec spec) {
    Problem problem = Scenarios.build(spec);
    OptionalDouble bound = lowerBoundGrams.isPresent()
        ? OptionalDouble.of(lowerBoundGrams.get().applyAsDouble(problem)) : OptionalDouble.empty();
    String season = seasonOf(spec);
    List<Evaluation> evaluations = new ArrayList<>();
    double[] wall = new double[solvers.size()];
    Evaluation baseline = null;
    for (int i = 0; i < solvers.size(); i++) {
      long t0 = System.nanoTime();
      Schedule schedule = solvers.get(i).scheduler().schedule(problem);
      wall[i] = (System.nanoTime() - t0) / 1e6;
      Evaluation e = Evaluator.evaluate(problem, schedule);
      evaluations.add(e);
      if (solvers.get(i).label().equals("asap")) {
        baseline = e;
      }
    }
    List<QualityRow> rows = new ArrayList<>();
    for (int i = 0; i < solvers.size(); i++) {
      Evaluation e = evaluations.get(i);
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
          solvers.get(i).label(), e.scheduledJobs(), e.emissionsKg(), 100 * e.savingVersus(baseline), gap, met,
          quotas, e.jainIndex(), waitP95Hours(e), wall[i], e.feasible()));
    }
    return rows;
  }

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
   *     [--optaplanner-seconds 1,10,30]}
   */
  public static void main(String[] args) {
    boolean quick = false;
    boolean scaling = false;
    boolean quality = true;
    Path out = Path.of("benchmarks", "results");
    long seed = 2023;
    List<NamedScheduler> solvers = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--optaplanner-seconds" -> {
          solvers = new ArrayList<>(DEFAULT_SOLVERS.subList(0, 2));
          for (String budget : value(args, ++i, "--optaplanner-seconds").split(",")) {
            solvers.add(optaPlanner(Duration.ofSeconds(Long.parseLong(budget.strip()))));
          }
        }
        case "--scaling" -> scaling = true;
        case "--scaling-only" -> {
          scaling = true;
          quality = false;
        }
        case "--out" -> out = Path.of(value(args, ++i, "--out"));
        case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
        default -> throw new IllegalArgumentException("Unknown flag '" + args[i]
            + "'. Maybe use --quick, --scaling, --scaling-only, --out DIR, --seed N or --optaplanner-seconds 1,10.");
      }
    }
    String command = "java -cp benchmarks/target/benchmarks.jar dev.fairshift.benchmarks.QualitySuite"
        + (args.length == 0 ? "" : " " + String.join(" ", args));
    StringBuilder md = new StringBuilder("# Fairshift quality results\n\nMade by `" + command + "` on "
        + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
        + ". " + dev.fairshift.signals.EmbeddedData.ELECTRICITY_MAPS_ATTRIBUTION
        + ". Jobs: Alibaba PAI trace via GAIA (CC BY 4.0 / MIT).\n\n");
    write(out, "", "");
    if (quality) {
      List<ScenarioSpec> specs = scenarios(quick, seed);
      System.out.println("Quality: " + specs.size() + " scenarios");
      List<QualityRow> rows = new ArrayList<>();
      List<NamedScheduler> chosen = solvers != null ? solvers : quick ? QUICK_SOLVERS : DEFAULT_SOLVERS;
      QualitySuite suite = new QualitySuite(chosen, DEFAULT_LOWER_BOUND);
      for (ScenarioSpec spec : specs) {
        List<QualityRow> r = suite.run(spec);
        rows.addAll(r);
        System.out.println("  " + spec.name() + ": " + r.stream()
            .map(q -> q.solver() + " " + ResultWriters.fmt(q.savedPercent(), 1) + " % in "
                + ResultWriters.fmt(q.wallMillis(), 0) + " ms")
            .reduce((a, b) -> a + ", " + b).orElse(""));
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
