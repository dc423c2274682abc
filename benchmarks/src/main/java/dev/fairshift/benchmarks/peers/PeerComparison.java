package dev.fairshift.benchmarks.peers;

import dev.fairshift.benchmarks.HardScenarios;
import dev.fairshift.benchmarks.NamedScheduler;
import dev.fairshift.benchmarks.QualitySuite;
import dev.fairshift.benchmarks.ScenarioSpec;
import dev.fairshift.benchmarks.Scenarios;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.TenantResult;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.optaplanner.OptaPlannerScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Fairshift against the policies people use today ({@link Peers}), on the quality suite's scenarios:
 * per peer and family, its emissions over Fairshift's on the same scenario (greedy, and OptaPlanner
 * when it runs), the jobs it places, its deadline misses (jobs it left out) and the guaranteed quotas
 * it misses. Every number comes from the {@link Evaluator}.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.fairshift.benchmarks.peers.PeerComparison
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.fairshift.benchmarks.peers.PeerComparison \
 *     --family hard --seeds reported --sizes small,1000,10000 --optaplanner-seconds 10
 * </pre>
 *
 * <p>Flags: {@code --family default|hard|both} (default both), {@code --seeds develop|reported} (the hard
 * family's range; default reported), {@code --sizes small,1000,10000} (hard sizes; default all three, with
 * {@code HardSuite.defaultCount}), {@code --seed N} (the default family's seed, 2023),
 * {@code --optaplanner-seconds N|none} (default none: greedy is the Fairshift row), {@code --out DIR}
 * (writes {@code peers-<family>.md}; default {@code benchmarks/results}). Single-threaded.
 */
public final class PeerComparison {
  private PeerComparison() {}

  /**
   * One solver on one scenario.
   *
   * @param family {@code default} or {@code hard-<range>}
   * @param scenario the scenario name
   * @param solver the solver label
   * @param jobs jobs in the scenario
   * @param placed jobs placed
   * @param emissionsKg emissions, kg CO2e, on actual intensities
   * @param quotas tenants with a guarantee
   * @param quotasMissed of those, the ones whose quota is not met
   * @param violations hard-rule violations (always 0 for the solvers and peers here)
   */
  public record Result(String family, String scenario, String solver, int jobs, int placed, double emissionsKg,
      int quotas, int quotasMissed, int violations) {
    public Result {
      Objects.requireNonNull(family, "family");
      Objects.requireNonNull(scenario, "scenario");
      Objects.requireNonNull(solver, "solver");
    }
  }

  /** ASAP, greedy, OptaPlanner for {@code optaPlannerSeconds} (when positive), then every peer. */
  public static List<NamedScheduler> solvers(long optaPlannerSeconds) {
    List<NamedScheduler> list = new ArrayList<>();
    list.add(new NamedScheduler("asap", Scheduler.asap()));
    list.add(new NamedScheduler("greedy", Scheduler.greedy()));
    if (optaPlannerSeconds > 0) {
      list.add(new NamedScheduler("optaplanner-" + optaPlannerSeconds + "s",
          OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
              .timeLimit(Duration.ofSeconds(optaPlannerSeconds))
              .noUnimprovedTimeLimit()
              .warmStart(Scheduler.greedy())
              .seed(0)
              .build())));
    }
    list.addAll(Peers.all());
    return List.copyOf(list);
  }

  /** Every solver on one problem. */
  public static List<Result> run(String family, String scenario, Problem problem, List<NamedScheduler> solvers) {
    List<Result> out = new ArrayList<>();
    for (NamedScheduler solver : solvers) {
      if (!solver.runsOn(problem.jobs().size())) {
        continue;
      }
      Evaluation e = Evaluator.evaluate(problem, solver.scheduler().schedule(problem));
      int quotas = 0;
      int missed = 0;
      for (TenantResult t : e.tenants()) {
        if (t.guaranteedUnitSlots() > 0) {
          quotas++;
          missed += t.quotaMet() ? 0 : 1;
        }
      }
      out.add(new Result(family, scenario, solver.label(), problem.jobs().size(), e.scheduledJobs(),
          e.emissionsKg(), quotas, missed, e.violations().size()));
    }
    return out;
  }

  /**
   * The comparison table: per peer, over the scenarios where both ran and both emit, the geometric mean
   * (and range) of its emissions over {@code fairshift}'s (ratios span orders of magnitude when Fairshift
   * runs on on-site solar), the same over the scenarios where it places at least as many jobs, where it
   * emits less, the jobs it places against Fairshift's, its deadline misses and
   * its quota misses.
   */
  public static String table(List<Result> results, String fairshift) {
    Map<String, Result> fair = new LinkedHashMap<>();
    Map<String, List<Result>> byPeer = new LinkedHashMap<>();
    for (Result r : results) {
      if (r.solver().equals(fairshift)) {
        fair.put(r.family() + "/" + r.scenario(), r);
      } else if (r.solver().startsWith("peer-")) {
        byPeer.computeIfAbsent(r.solver(), k -> new ArrayList<>()).add(r);
      }
    }
    StringBuilder md = new StringBuilder("| peer | scenarios | emissions / " + fairshift + " (geometric mean, min-max) "
        + "| same, where it places as many jobs (scenarios) | emits less in | jobs placed (peer / " + fairshift + ") "
        + "| deadline misses (jobs, scenarios) | quota misses (peer / " + fairshift + ") | violations |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, List<Result>> entry : byPeer.entrySet()) {
      List<Double> ratios = new ArrayList<>();
      List<Double> fairRatios = new ArrayList<>();
      int less = 0;
      long placed = 0;
      long fairPlaced = 0;
      long misses = 0;
      int missScenarios = 0;
      int quotaMisses = 0;
      int fairQuotaMisses = 0;
      int quotas = 0;
      int violations = 0;
      for (Result p : entry.getValue()) {
        Result f = fair.get(p.family() + "/" + p.scenario());
        if (f == null) {
          continue;
        }
        double ratio = f.emissionsKg() > 0 && p.emissionsKg() > 0 ? p.emissionsKg() / f.emissionsKg() : Double.NaN;
        if (!Double.isNaN(ratio)) {
          ratios.add(ratio);
          if (p.placed() >= f.placed()) {
            fairRatios.add(ratio);
          }
        }
        less += p.emissionsKg() < f.emissionsKg() ? 1 : 0;
        placed += p.placed();
        fairPlaced += f.placed();
        misses += p.jobs() - p.placed();
        missScenarios += p.placed() < p.jobs() ? 1 : 0;
        quotaMisses += p.quotasMissed();
        fairQuotaMisses += f.quotasMissed();
        quotas += p.quotas();
        violations += p.violations();
      }
      md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %d | %d / %d | %d, %d | %s | %d |%n",
          entry.getKey().substring("peer-".length()), ratios.size(), ratioCell(ratios, true),
          ratioCell(fairRatios, false) + " (" + fairRatios.size() + ")", less, placed, fairPlaced, misses,
          missScenarios, quotas == 0 ? "- (no quotas)" : quotaMisses + " / " + fairQuotaMisses + " of " + quotas,
          violations));
    }
    return md.toString();
  }

  /** The geometric mean of {@code ratios} as "0.87×", with " (min-max)" when {@code range}; "-" when empty. */
  static String ratioCell(List<Double> ratios, boolean range) {
    if (ratios.isEmpty()) {
      return "-";
    }
    double logSum = 0;
    for (double r : ratios) {
      logSum += Math.log(r);
    }
    String cell = String.format(Locale.ROOT, "%.2f×", Math.exp(logSum / ratios.size()));
    if (range) {
      cell += String.format(Locale.ROOT, " (%.2f-%.2f)", ratios.stream().mapToDouble(Double::doubleValue).min()
          .orElseThrow(), ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }
    return cell;
  }

  /** Runs the comparison; see the class documentation for the flags. */
  public static void main(String[] args) {
    String family = "both";
    HardScenarios.SeedRange range = HardScenarios.SeedRange.REPORTED;
    String sizes = "small,1000,10000";
    long seed = 2023;
    long optaSeconds = 0;
    Path out = Path.of("benchmarks", "results");
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("Flag " + flag + " needs a value. Maybe " + flag + " "
            + example(flag) + ".");
      }
      String value = args[++i];
      switch (flag) {
        case "--family" -> family = value;
        case "--seeds" -> range = HardScenarios.SeedRange.parse(value);
        case "--sizes" -> sizes = value;
        case "--seed" -> seed = Long.parseLong(value);
        case "--optaplanner-seconds" -> optaSeconds = value.equals("none") ? 0 : Long.parseLong(value);
        case "--out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("Unknown flag '" + flag + "'. Maybe --family hard, --seeds "
            + "reported, --sizes small,1000, --seed 2023, --optaplanner-seconds 10 or --out DIR.");
      }
    }
    if (!List.of("default", "hard", "both").contains(family)) {
      throw new IllegalArgumentException("Unknown --family '" + family + "'. Maybe --family default, hard or both.");
    }
    String command = "java -Xmx4g -cp benchmarks/target/benchmarks.jar " + PeerComparison.class.getName()
        + (args.length == 0 ? "" : " " + String.join(" ", args));
    List<NamedScheduler> solvers = solvers(optaSeconds);
    List<String> fairshift = optaSeconds > 0 ? List.of("greedy", "optaplanner-" + optaSeconds + "s") : List.of("greedy");
    if (!family.equals("hard")) {
      List<Result> results = new ArrayList<>();
      for (ScenarioSpec spec : QualitySuite.scenarios(false, seed)) {
        results.addAll(report(run("default", spec.name(), Scenarios.build(spec), solvers)));
      }
      write(out, "peers-default.md", document(command, "the default family (QualitySuite.scenarios, seed " + seed
          + ": 32 weeks of 2023, 250 and 1,000 jobs, 8 hubs sized for 70 % load, slack 0/6/24/72 h)", results,
          fairshift));
    }
    if (!family.equals("default")) {
      List<Result> results = new ArrayList<>();
      for (String part : sizes.split(",")) {
        HardScenarios.Size size = HardScenarios.Size.parse(part.strip());
        for (HardScenarios.Spec spec : HardScenarios.specs(range, size, dev.fairshift.benchmarks.HardSuite
            .defaultCount(size))) {
          results.addAll(report(run("hard-" + range.label(), spec.name(), HardScenarios.build(spec), solvers)));
        }
      }
      write(out, "peers-hard-" + range.label() + ".md", document(command, "the hard family (HardScenarios, "
          + range.label() + " seeds, sizes " + sizes + ")", results, fairshift));
    }
  }

  private static String example(String flag) {
    return switch (flag) {
      case "--family" -> "hard";
      case "--seeds" -> "reported";
      case "--sizes" -> "small,1000";
      case "--optaplanner-seconds" -> "10";
      default -> "benchmarks/results";
    };
  }

  private static List<Result> report(List<Result> results) {
    if (!results.isEmpty()) {
      StringBuilder line = new StringBuilder("  " + results.get(0).scenario() + ":");
      for (Result r : results) {
        line.append(String.format(Locale.ROOT, " %s %.1f kg %d/%d;", r.solver(), r.emissionsKg(), r.placed(), r.jobs()));
      }
      System.out.println(line);
    }
    return results;
  }

  private static String document(String command, String what, List<Result> results, List<String> fairshift) {
    StringBuilder md = new StringBuilder("# Fairshift against the policies people use today\n\nMade by `"
        + command + "` on " + what + ". Every number from the Evaluator; a deadline miss is a job the peer "
        + "left out (admitted first come, first served, it found no room before its deadline).\n\n");
    for (String f : fairshift) {
      md.append("## Against ").append(f).append("\n\n").append(table(results, f)).append('\n');
    }
    System.out.print(md);
    return md.toString();
  }

  private static void write(Path dir, String name, String content) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + dir.resolve(name) + ": " + e.getMessage()
          + ". Maybe check the --out directory.", e);
    }
  }
}
