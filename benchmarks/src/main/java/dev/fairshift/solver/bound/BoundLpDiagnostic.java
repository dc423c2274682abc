package dev.fairshift.solver.bound;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import dev.fairshift.benchmarks.HardScenarios;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.IntensityBasis;
import dev.fairshift.core.Problem;
import dev.fairshift.solver.Scheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark-only diagnostic for issue 9's bound: on the hard family's DEVELOP small scenarios, the
 * Lagrangian bound {@link LowerBound#forSchedule} states on greedy's schedule, the exact optimum of the
 * same LP relaxation ({@link LpBound}'s rows solved by OR-Tools' GLOP, then certified from GLOP's
 * duals by {@link LpBound#certify}), and the proven optimum read from a quality-suite CSV.
 * It lives in the bound's package to read the package-private relaxation; it changes nothing.
 *
 * <pre>
 * # per develop scenario: LP (GLOP) and Lagrangian (300 default iterations, and 1000 unlimited) vs the optimum
 * java -cp benchmarks/target/benchmarks.jar dev.fairshift.solver.bound.BoundLpDiagnostic \
 *     benchmarks/results/bound/hard-develop-108.csv 108 300,1000
 * # at 1,000 jobs: the bound's value and time under work limits
 * java -cp benchmarks/target/benchmarks.jar dev.fairshift.solver.bound.BoundLpDiagnostic scale 4 50000000,10000000
 * # the chord cuts' work and count per scenario, and on the 10,000-job benchmark problem
 * java -cp benchmarks/target/benchmarks.jar dev.fairshift.solver.bound.BoundLpDiagnostic chordwork 36
 * </pre>
 */
public final class BoundLpDiagnostic {
  private BoundLpDiagnostic() {}

  /** Args: the develop CSV with the references, and how many scenarios. */
  public static void main(String[] args) throws IOException {
    if (args[0].equals("chordwork")) {
      for (HardScenarios.Spec spec : HardScenarios.specs(HardScenarios.SeedRange.DEVELOP, HardScenarios.Size.SMALL,
          Integer.parseInt(args[1]))) {
        chordWork(spec.name(), HardScenarios.build(spec));
      }
      for (HardScenarios.Spec spec : HardScenarios.specs(HardScenarios.SeedRange.DEVELOP, HardScenarios.Size.K1, 2)) {
        chordWork(spec.name(), HardScenarios.build(spec));
      }
      chordWork("benchmark-10000x64", dev.fairshift.benchmarks.Scenarios.benchmark(10_000, 64));
      return;
    }
    if (args[0].equals("explain")) {
      for (HardScenarios.Spec spec : HardScenarios.specs(HardScenarios.SeedRange.DEVELOP, HardScenarios.Size.SMALL,
          Integer.parseInt(args[1]))) {
        String only = System.getProperty("scenarios");
        if (only != null && java.util.Arrays.stream(only.split(",")).noneMatch(n -> spec.name().contains("-small-" + n + "-"))) {
          continue;
        }
        HardScenarios.Scenario sc = HardScenarios.generate(spec);
        Problem problem = sc.problem();
        Evaluation g = Evaluator.evaluate(problem, Scheduler.greedy().schedule(problem));
        long interruptible = problem.jobs().stream().filter(dev.fairshift.core.Job::interruptible).count();
        System.out.printf(Locale.ROOT, "%s%n  greedy %.3f kg, transfer %.3f kg, grid %.1f kWh, renewable %.1f kWh, %d interruptible%n",
            sc.description(), g.emissionsKg(), g.transferEmissionsGrams() / 1000, g.gridKwh(), g.renewableKwh(), interruptible);
      }
      return;
    }
    if (args[0].equals("scale")) {
      scale(Integer.parseInt(args[1]), args[2]);
      return;
    }
    Map<String, double[]> optimum = readOptima(Path.of(args[0]));
    int count = Integer.parseInt(args[1]);
    Loader.loadNativeLibraries();
    int[] iterations = args.length > 2 ? java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {300};
    StringBuilder head = new StringBuilder("scenario,jobs,lpVariables,optimumKg,lpKg,lpCertifiedKg,lpBelowOptPct,lpMs");
    for (int n : iterations) {
      head.append(",lag").append(n).append("Kg,lag").append(n).append("BelowOptPct,lag").append(n).append("BelowLpPct,lag")
          .append(n).append("Ms");
    }
    System.out.println(head);
    List<Double> lpGaps = new java.util.ArrayList<>();
    List<Double> boundGaps = new java.util.ArrayList<>();
    List<Double> belowLp = new java.util.ArrayList<>();
    double[] firstBoundKg = new double[1];
    for (HardScenarios.Spec spec : HardScenarios.specs(HardScenarios.SeedRange.DEVELOP, HardScenarios.Size.SMALL,
        count)) {
      String only = System.getProperty("scenarios");
      if (only != null && java.util.Arrays.stream(only.split(",")).noneMatch(n -> spec.name().contains("-small-" + n + "-"))) {
        continue;
      }
      Problem problem = HardScenarios.build(spec);
      Evaluation greedy = Evaluator.evaluate(problem, Scheduler.greedy().schedule(problem));
      if (greedy.unscheduledJobs() > 0) {
        continue; // the bound is then on the placed jobs only; the optimum runs every job
      }
      long t0 = System.nanoTime();
      BoundModel model = new BoundModel(problem, IntensityBasis.ACTUAL);
      LpBound.Lp lp = LpBound.build(model, true);
      double[] lpValue = glop(lp);
      double lpMs = (System.nanoTime() - t0) / 1e6;
      double[] ref = optimum.get(spec.name());
      double opt = ref == null || ref[1] == 0 ? Double.NaN : ref[0];
      double lpKg = lpValue[0] / 1000;
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s,%d,%d,%.3f,%.3f,%.3f,%.1f,%.0f",
          spec.name(), problem.jobs().size(), lp.variables, opt, lpKg, lpValue[1] / 1000, 100 * (opt - lpKg) / opt,
          lpMs));
      for (int n : iterations) {
        t0 = System.nanoTime();
        EmissionsBound lag = LowerBound.forSchedule(problem, greedy, LowerBound.Options.defaults()
            .withLagrangianIterations(n).withMaxLagrangianWork(n == 300 ? LowerBound.Options.DEFAULT_MAX_LAGRANGIAN_WORK
                : Long.MAX_VALUE));
        double ms = (System.nanoTime() - t0) / 1e6;
        double kg = lag.gramsCo2e() / 1000;
        if (n == iterations[0]) {
          firstBoundKg[0] = kg;
        }
        line.append(String.format(Locale.ROOT, ",%.3f,%.1f,%.1f,%.0f", kg, 100 * (opt - kg) / opt,
            lpKg <= 0 ? 0 : 100 * (lpKg - kg) / lpKg, ms));
      }
      System.out.println(line);
      if (!Double.isNaN(opt)) {
        lpGaps.add(100 * (opt - lpKg) / opt);
        boundGaps.add(100 * (opt - firstBoundKg[0]) / opt);
        belowLp.add(lpKg <= 0 ? 0 : 100 * (lpKg - firstBoundKg[0]) / lpKg);
      }
    }
    System.out.printf(Locale.ROOT, "summary over %d proven optima: LP below the optimum %.2f %% on average, %.1f %% at worst;"
        + " the bound (first iteration count) %.2f %% / %.1f %%, %d more than 5 %% below; the bound below the LP %.2f %% / %.1f %%%n",
        lpGaps.size(), mean(lpGaps), max(lpGaps), mean(boundGaps), max(boundGaps), boundGaps.stream().filter(g -> g > 5).count(),
        mean(belowLp), max(belowLp));
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /**
   * At 1,000 jobs (DEVELOP seeds): per scenario the work of one Lagrangian iteration, greedy's time (third
   * run) and, per work limit, the bound's time and value.
   */
  static void scale(int count, String limits) {
    long[] work = java.util.Arrays.stream(limits.split(",")).mapToLong(Long::parseLong).toArray();
    for (HardScenarios.Spec spec : HardScenarios.specs(HardScenarios.SeedRange.DEVELOP, HardScenarios.Size.K1,
        count)) {
      Problem problem = HardScenarios.build(spec);
      Evaluation greedy = null;
      double greedyMs = 0;
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        greedy = Evaluator.evaluate(problem, Scheduler.greedy().schedule(problem));
        greedyMs = (System.nanoTime() - t0) / 1e6;
      }
      long m0 = System.nanoTime();
      BoundModel model = null;
      for (int i = 0; i < 3; i++) {
        m0 = System.nanoTime();
        model = new BoundModel(problem, IntensityBasis.ACTUAL);
      }
      System.out.printf(Locale.ROOT, "model %.0f ms%n", (System.nanoTime() - m0) / 1e6);
      long perIteration = LagrangianBound.workPerIteration(model);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s jobs %d placed %d perIteration %d greedy %.0f ms",
          spec.name(), problem.jobs().size(), greedy.scheduledJobs(), perIteration, greedyMs));
      for (long w : work) {
        EmissionsBound b = null;
        double ms = 0;
        for (int i = 0; i < 2; i++) {
          long t0 = System.nanoTime();
          b = LowerBound.forSchedule(problem, greedy, LowerBound.Options.defaults().withMaxLagrangianWork(w));
          ms = (System.nanoTime() - t0) / 1e6;
        }
        line.append(String.format(Locale.ROOT, " | %.0e: %.3f kg %.0f ms", (double) w, b.gramsCo2e() / 1000, ms));
      }
      System.out.println(line + "  greedy " + String.format(Locale.ROOT, "%.3f kg", greedy.emissionsKg()));
    }
  }

  /** The chord cuts' word operations without a budget, how many hub-slots get a cut, and the model's time. */
  static void chordWork(String name, Problem problem) {
    long t0 = System.nanoTime();
    BoundModel m = new BoundModel(problem, IntensityBasis.ACTUAL);
    double ms = (System.nanoTime() - t0) / 1e6;
    long work = 0;
    int cells = 0;
    int cut = 0;
    for (int h = 0; h < m.hubs; h++) {
      for (int s = 0; s < m.slots; s++) {
        if (m.renewablesMatter(h, s) && m.potentialJobs[h][s] <= BoundModel.MAX_CHORD_JOBS) {
          work += 3L * m.potentialJobs[h][s] * (BoundModel.CHORD_GRID / 64 + 2);
          cells++;
        }
        cut += m.chordSlope[h][s] > 0 ? 1 : 0;
      }
    }
    System.out.printf(Locale.ROOT, "%s: chord work %.2e over %d hub-slots, %d cut, model %.0f ms%n", name,
        (double) work, cells, cut, ms);
  }

  /** GLOP's optimum of the LP and the bound certified from its duals. */
  static double[] glop(LpBound.Lp lp) {
    MPSolver solver = MPSolver.createSolver("GLOP");
    MPVariable[] x = new MPVariable[lp.variables];
    MPObjective objective = solver.objective();
    for (int i = 0; i < lp.variables; i++) {
      x[i] = solver.makeNumVar(0, lp.upper[i], "x" + i);
      objective.setCoefficient(x[i], lp.cost[i]);
    }
    objective.setMinimization();
    List<LpBound.Row> rows = lp.rows;
    MPConstraint[] c = new MPConstraint[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      LpBound.Row row = rows.get(r);
      double lo = switch (row.relationship()) {
        case LEQ -> Double.NEGATIVE_INFINITY;
        default -> row.rhs();
      };
      double hi = switch (row.relationship()) {
        case GEQ -> Double.POSITIVE_INFINITY;
        default -> row.rhs();
      };
      c[r] = solver.makeConstraint(lo, hi);
      Map<Integer, Double> merged = new HashMap<>();
      for (int k = 0; k < row.index().length; k++) {
        merged.merge(row.index()[k], row.coefficient()[k], Double::sum);
      }
      for (Map.Entry<Integer, Double> e : merged.entrySet()) {
        c[r].setCoefficient(x[e.getKey()], e.getValue());
      }
    }
    MPSolver.ResultStatus status = solver.solve();
    if (status != MPSolver.ResultStatus.OPTIMAL) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double[] duals = new double[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      duals[r] = c[r].dualValue();
    }
    return new double[] {objective.value(), LpBound.certify(lp, duals)};
  }

  private static Map<String, double[]> readOptima(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    String[] head = lines.get(0).split(",");
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < head.length; i++) {
      col.put(head[i].strip(), i);
    }
    Map<String, double[]> out = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      String kg = f[col.get("reference_kg")];
      if (!kg.isEmpty()) {
        out.put(f[col.get("scenario")], new double[] {Double.parseDouble(kg),
            f[col.get("reference_kind")].equals("optimum") ? 1 : 0});
      }
    }
    return out;
  }
}
