package dev.fairshift.benchmarks;

import dev.fairshift.benchmarks.HardScenarios.SeedRange;
import dev.fairshift.benchmarks.HardScenarios.Size;
import dev.fairshift.benchmarks.referee.CpSatReferee;
import dev.fairshift.benchmarks.referee.CpSatResult;
import dev.fairshift.benchmarks.referee.CpSatStatus;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.bound.EmissionsBound;
import dev.fairshift.solver.bound.LowerBound;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The quality suite on the hard family ({@link HardScenarios}): every solver on the scenarios of one
 * seed range, each compared with the reference, CP-SAT's proven optimum where it proves one (else the
 * best schedule any solver found, and CP-SAT's own bound), and Fairshift's {@link LowerBound} with its
 * kind and its time. Also counts, per schedule, the jobs left out that fit as it is
 * ({@link LeftOutJobs}). Run through {@link QualitySuite#main} with {@code --family hard}.
 *
 * <p>Gaps to the reference are only taken between schedules that place the same priority (the
 * objective is lexicographic: priority placed first, then emissions); a schedule placing less is
 * counted as such, not as a gap. Single-threaded; instances are immutable.
 */
public final class HardSuite {
  private final List<NamedScheduler> solvers;

  /** A suite comparing {@code solvers}; the last CP-SAT referee among them is the reference. */
  public HardSuite(List<NamedScheduler> solvers) {
    this.solvers = List.copyOf(solvers);
  }

  /**
   * One solver on one hard scenario.
   *
   * @param scenario the scenario name
   * @param jobs its jobs
   * @param solver the solver label
   * @param scheduled jobs placed
   * @param placedPriority the placed jobs' summed priority
   * @param emissionsKg the schedule's emissions, kg CO2e
   * @param violations hard-rule violations the Evaluator found
   * @param leftOutThatFit jobs left out that fit as the schedule is
   * @param wallMillis the solver's wall time
   * @param status CP-SAT's status for the referee, else empty
   */
  public record Row(String scenario, int jobs, String solver, int scheduled, long placedPriority, double emissionsKg,
      int violations, int leftOutThatFit, double wallMillis, Optional<String> status) {}

  /**
   * One scenario: the rows, the reference and the bound.
   *
   * @param scenario the scenario name
   * @param description what was drawn
   * @param jobs its jobs
   * @param totalPriority every job's priority summed
   * @param rows one per solver that ran
   * @param referenceKg the reference emissions (empty without a CP-SAT solution)
   * @param referencePriority the priority the reference places
   * @param referenceKind {@code optimum} (CP-SAT proved it), {@code best known} or {@code none}
   * @param cpSatBoundKg CP-SAT's own lower bound at the reference's priority, when it has one
   * @param bound Fairshift's lower bound
   * @param boundMillis the bound's wall time
   */
  public record ScenarioResult(String scenario, String description, int jobs, long totalPriority, List<Row> rows,
      OptionalDouble referenceKg, long referencePriority, String referenceKind, OptionalDouble cpSatBoundKg,
      EmissionsBound bound, double boundMillis) {

    /** {@code solver}'s gap above the reference, percent, when it places the reference's priority. */
    public OptionalDouble gapPercent(Row row) {
      if (referenceKg.isEmpty() || row.violations() > 0 || row.placedPriority() != referencePriority) {
        return OptionalDouble.empty();
      }
      double ref = referenceKg.getAsDouble();
      return ref > 0 ? OptionalDouble.of(100 * (row.emissionsKg() - ref) / ref) : OptionalDouble.empty();
    }

    /**
     * How far Fairshift's bound lies below the proven optimum, percent of the optimum; empty unless
     * the reference is a proven optimum that runs every job and the bound is on schedules that run
     * every job.
     */
    public OptionalDouble boundBelowOptimumPercent() {
      if (!referenceKind.equals("optimum") || referencePriority != totalPriority || !bound.everyJobCanRun()
          || referenceKg.isEmpty() || !(referenceKg.getAsDouble() > 0)) {
        return OptionalDouble.empty();
      }
      double ref = referenceKg.getAsDouble();
      return OptionalDouble.of(100 * (ref - bound.gramsCo2e() / 1000) / ref);
    }

    /**
     * Whether the bound lies above a schedule's emissions where it applies (it must never): any
     * feasible row that runs every job for a bound on every job; any feasible row placing at least the
     * bounded jobs' count for a bound on the placed jobs (only the same schedule is certain to contain
     * them, so this is a plausibility check there).
     */
    public boolean boundAboveAFeasibleSchedule() {
      double kg = bound.gramsCo2e() / 1000;
      if (!bound.hasValue()) {
        return false;
      }
      boolean everyJob = bound.scope() == dev.fairshift.solver.bound.BoundScope.EVERY_JOB_PROVEN;
      return rows.stream().anyMatch(r -> r.violations() == 0 && (everyJob ? r.scheduled() == jobs
          : r.solver().equals("greedy")) && r.emissionsKg() < kg - 1e-6);
    }
  }

  /** Runs every solver on {@code spec}'s scenario. */
  public ScenarioResult run(HardScenarios.Spec spec) {
    HardScenarios.Scenario scenario = HardScenarios.generate(spec);
    Problem problem = scenario.problem();
    Evaluation boundFor = null;
    long totalPriority = problem.jobs().stream().mapToLong(Job::priority).sum();
    List<Row> rows = new ArrayList<>();
    CpSatResult reference = null;
    Evaluation referenceEvaluation = null;
    for (NamedScheduler solver : solvers) {
      if (!solver.runsOn(problem.jobs().size())) {
        continue;
      }
      long s0 = System.nanoTime();
      Schedule schedule;
      Optional<String> status = Optional.empty();
      CpSatResult cp = null;
      if (solver.scheduler() instanceof CpSatReferee referee) {
        cp = referee.solve(problem);
        schedule = cp.schedule();
        status = Optional.of(cp.status().name());
      } else {
        schedule = solver.scheduler().schedule(problem);
      }
      double wall = (System.nanoTime() - s0) / 1e6;
      Evaluation e = Evaluator.evaluate(problem, schedule);
      long priority = placedPriority(problem, schedule);
      rows.add(new Row(spec.name(), problem.jobs().size(), solver.label(), e.scheduledJobs(), priority, e.emissionsKg(),
          e.violations().size(), LeftOutJobs.thatFit(problem, schedule).size(), wall, status));
      if (boundFor == null || solver.label().equals("greedy")) {
        boundFor = e;
      }
      if (cp != null && cp.hasSolution()) {
        reference = cp;
        referenceEvaluation = e;
      }
    }
    // the bound a report on greedy's schedule states (the first solver's when there is no greedy)
    long t0 = System.nanoTime();
    EmissionsBound bound = LowerBound.forSchedule(problem, boundFor);
    double boundMillis = (System.nanoTime() - t0) / 1e6;
    OptionalDouble refKg = OptionalDouble.empty();
    long refPriority = -1;
    String kind = "none";
    OptionalDouble cpBound = OptionalDouble.empty();
    if (reference != null) {
      refPriority = reference.placedPriority();
      boolean optimal = reference.status() == CpSatStatus.OPTIMAL && reference.priorityProven();
      kind = optimal ? "optimum" : "best known";
      double best = referenceEvaluation.emissionsKg();
      if (!optimal) {
        for (Row r : rows) {
          if (r.violations() == 0 && r.placedPriority() == refPriority) {
            best = Math.min(best, r.emissionsKg());
          }
        }
      }
      refKg = OptionalDouble.of(best);
      if (reference.bestBoundGrams().isPresent()) {
        cpBound = OptionalDouble.of(reference.bestBoundGrams().getAsDouble() / 1000);
      }
    }
    return new ScenarioResult(spec.name(), scenario.description(), problem.jobs().size(), totalPriority,
        List.copyOf(rows), refKg, refPriority, kind, cpBound, bound, boundMillis);
  }

  private static long placedPriority(Problem problem, Schedule schedule) {
    return schedule.assignments().stream().mapToLong(a -> problem.job(a.job()).priority()).sum();
  }

  /** The summary table: per solver, gaps to the reference, priority lost, jobs left out that fit. */
  public static String summaryTable(List<ScenarioResult> results) {
    Map<String, List<double[]>> gaps = new LinkedHashMap<>();
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (ScenarioResult r : results) {
      for (Row row : r.rows()) {
        List<double[]> g = gaps.computeIfAbsent(row.solver(), k -> new ArrayList<>());
        int[] c = counts.computeIfAbsent(row.solver(), k -> new int[6]);
        c[0]++;
        OptionalDouble gap = r.gapPercent(row);
        if (gap.isPresent()) {
          g.add(new double[] {gap.getAsDouble(), r.referenceKind().equals("optimum") ? 1 : 0});
        } else if (r.referenceKg().isPresent() && row.placedPriority() < r.referencePriority()) {
          c[1]++;
        } else if (r.referenceKg().isPresent() && row.placedPriority() > r.referencePriority()) {
          c[2]++;
        }
        c[3] += row.leftOutThatFit();
        c[4] = Math.max(c[4], row.leftOutThatFit());
        c[5] += row.violations();
      }
    }
    StringBuilder sb = new StringBuilder("| solver | scenarios | compared | mean gap to reference | worst gap | "
        + "placed less priority | placed more | jobs left out that fit (total / worst) | violations |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      List<double[]> g = gaps.get(e.getKey());
      int[] c = e.getValue();
      double mean = g.stream().mapToDouble(x -> x[0]).average().orElse(Double.NaN);
      double worst = g.stream().mapToDouble(x -> x[0]).max().orElse(Double.NaN);
      sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %d | %d | %d / %d | %d |%n", e.getKey(), c[0],
          g.size(), pct(mean), pct(worst), c[1], c[2], c[3], c[4], c[5]));
    }
    return sb.toString();
  }

  /** The bound's summary: kinds, tightness against proven optima, validity, time. */
  public static String boundSummary(List<ScenarioResult> results) {
    int every = 0;
    int placed = 0;
    int none = 0;
    int above = 0;
    List<Double> tight = new ArrayList<>();
    double maxMillis = 0;
    double sumMillis = 0;
    int falseClaims = 0;
    for (ScenarioResult r : results) {
      switch (r.bound().scope()) {
        case EVERY_JOB_PROVEN -> every++;
        case PLACED_JOBS -> placed++;
        default -> none++;
      }
      r.boundBelowOptimumPercent().ifPresent(tight::add);
      above += r.boundAboveAFeasibleSchedule() ? 1 : 0;
      if (r.bound().everyJobCanRun() && r.referenceKind().equals("optimum") && r.referencePriority() < r.totalPriority()) {
        falseClaims++;
      }
      maxMillis = Math.max(maxMillis, r.boundMillis());
      sumMillis += r.boundMillis();
    }
    return String.format(Locale.ROOT, "Fairshift's LowerBound as a report on greedy's schedule states it "
        + "(LowerBound.forSchedule): %d scenarios with a bound on every schedule that runs every job (greedy's "
        + "schedule proves one exists), %d with a bound on the jobs greedy places only (it leaves some out), %d with "
        + "none; %d claims that every job can run where CP-SAT proved that no schedule runs every job; "
        + "below the proven optimum by %s on average and %s at worst over %d scenarios where the optimum runs every "
        + "job; above a feasible schedule that runs every job on %d scenarios (must be 0); time %.0f ms on average, "
        + "%.0f ms at most.%n",
        every, placed, none, falseClaims, pct(tight.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)),
        pct(tight.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)), tight.size(), above,
        sumMillis / Math.max(1, results.size()), maxMillis);
  }

  /** Every scenario and solver. */
  public static String scenarioTable(List<ScenarioResult> results) {
    StringBuilder sb = new StringBuilder("| scenario | jobs | reference kg | kind | CP-SAT bound kg | LowerBound kg | "
        + "solver | placed | priority | kg CO2e | gap | left out that fit | wall ms |\n"
        + "|---|---:|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---:|\n");
    for (ScenarioResult r : results) {
      for (Row row : r.rows()) {
        sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %d | %d/%d | %.3f | %s | %d | %.0f |%n",
            r.scenario(), r.jobs(), kg(r.referenceKg()), r.referenceKind(), kg(r.cpSatBoundKg()),
            r.bound().hasValue() ? String.format(Locale.ROOT, "%.3f (%s)", r.bound().gramsCo2e() / 1000,
                r.bound().scope().label()) : r.bound().scope().label(),
            row.solver() + row.status().map(s -> " (" + s + ")").orElse(""), row.scheduled(), row.placedPriority(),
            r.totalPriority(), row.emissionsKg(), r.gapPercent(row).isPresent() ? pct(r.gapPercent(row).getAsDouble())
                : row.placedPriority() < r.referencePriority() ? "less priority" : "-",
            row.leftOutThatFit(), row.wallMillis()));
      }
    }
    return sb.toString();
  }

  /** One CSV line per scenario and solver. */
  public static String csv(List<ScenarioResult> results) {
    StringBuilder sb = new StringBuilder("scenario,jobs,total_priority,reference_kg,reference_kind,cp_sat_bound_kg,"
        + "lower_bound_kg,lower_bound_method_scope,lower_bound_ms,solver,status,scheduled,placed_priority,emissions_kg,"
        + "gap_percent,violations,left_out_that_fit,wall_ms\n");
    for (ScenarioResult r : results) {
      for (Row row : r.rows()) {
        sb.append(String.join(",", r.scenario(), Integer.toString(r.jobs()), Long.toString(r.totalPriority()),
            num(r.referenceKg()), r.referenceKind().replace(' ', '-'), num(r.cpSatBoundKg()),
            r.bound().hasValue() ? num(OptionalDouble.of(r.bound().gramsCo2e() / 1000)) : "",
            r.bound().method().name() + ":" + r.bound().scope().name(), String.format(Locale.ROOT, "%.1f", r.boundMillis()), row.solver(),
            row.status().orElse(""), Integer.toString(row.scheduled()), Long.toString(row.placedPriority()),
            String.format(Locale.ROOT, "%.6f", row.emissionsKg()), num(r.gapPercent(row)),
            Integer.toString(row.violations()), Integer.toString(row.leftOutThatFit()),
            String.format(Locale.ROOT, "%.1f", row.wallMillis()))).append('\n');
      }
    }
    return sb.toString();
  }

  /** The Markdown page for one seed range. */
  public static String markdown(String command, SeedRange range, List<ScenarioResult> results) {
    StringBuilder md = new StringBuilder("# Fairshift quality on the hard family, " + range.label() + " seeds\n\n");
    md.append("Made by `").append(command).append("` on ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores, Java ").append(System.getProperty("java.version")).append(". Scenarios: ")
        .append(HardScenarios.class.getSimpleName()).append(" (benchmarks/README.md), ")
        .append(range == SeedRange.REPORTED ? "REPORTED seeds: never tuned on. " : "DEVELOP seeds: tuned on. ")
        .append(dev.fairshift.signals.EmbeddedData.ELECTRICITY_MAPS_ATTRIBUTION)
        .append(". Solar: vessim (MIT). Jobs: Alibaba PAI trace via GAIA (CC BY 4.0 / MIT).\n\n")
        .append("The reference is CP-SAT's schedule when it proves it optimal (`optimum`: most priority placed, then "
            + "least emissions), else the best schedule any solver found at CP-SAT's priority (`best known`). A gap is "
            + "(emissions - reference) / reference over the scenarios where the solver places the reference's "
            + "priority; *placed less priority* counts the others. *Jobs left out that fit*: left out although they "
            + "fit with every other job where it is (LeftOutJobs).\n\n")
        .append("## Summary\n\n").append(summaryTable(results)).append('\n').append(boundSummary(results))
        .append("\n## Scenarios\n\n");
    for (ScenarioResult r : results) {
      md.append("- ").append(r.description()).append('\n');
    }
    md.append("\n## Every scenario and solver\n\n").append(scenarioTable(results));
    return md.toString();
  }

  /**
   * The default counts per size: 12 small (every load and slack once), 4 of 1,000 jobs (every slack)
   * and 2 of 10,000 jobs.
   */
  public static int defaultCount(Size size) {
    return switch (size) {
      case SMALL -> 12;
      case K1 -> 4;
      case K10 -> 2;
    };
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f %%", v);
  }

  private static String kg(OptionalDouble v) {
    return v.isPresent() ? String.format(Locale.ROOT, "%.3f", v.getAsDouble()) : "-";
  }

  private static String num(OptionalDouble v) {
    return v.isPresent() ? String.format(Locale.ROOT, "%.6f", v.getAsDouble()) : "";
  }
}
