package dev.fairshift.benchmarks;

import dev.fairshift.core.Problem;
import dev.fairshift.solver.decompose.DecomposedResult;
import dev.fairshift.solver.decompose.DecomposedScheduler;
import dev.fairshift.solver.decompose.PartReport;
import dev.fairshift.solver.decompose.Split;
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
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * OptaPlanner on 100,000 jobs by decomposition ({@link DecomposedScheduler}): a generated problem of
 * {@code --jobs} jobs on {@code --hubs} hubs over 168 hourly slots ({@link Scenarios#build} on the eight
 * JMH zones of 16 January 2023, 24 h slack, a quarter of the longer jobs interruptible, half of the jobs
 * bound to their origin's zone, 50 % load), seeded from the hard family's DEVELOP range (100,000 on).
 * Prints and writes, per seed: the time to build the problem, greedy's time and emissions, the
 * decomposed solve's time, emissions and saving against greedy (the same run's greedy, its warm start),
 * the lower bound for its schedule with the bound's time, both gaps, and every part.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.fairshift.benchmarks.DecompositionBenchmark \
 *   --jobs 100000 --hubs 64 --seeds 100000 --time-limit 120s --out benchmarks/results/decomposed
 * </pre>
 *
 * Flags: {@code --jobs N} (100000), {@code --hubs N} (64), {@code --seeds A,B} (100000), {@code --split
 * auto|region|time|none} (auto), {@code --time-limit DURATION} (120s, e.g. 60s or PT2M), {@code --threads N}
 * (available processors), {@code --work-per-job N} (stop each search after N score calculations per job
 * instead of on time: reproducible), {@code --out DIR} (print only when absent).
 */
public final class DecompositionBenchmark {
  private DecompositionBenchmark() {}

  /** One seed's numbers. */
  record Row(long seed, String problem, double buildSeconds, double greedySeconds, double greedyKg, int greedyPlaced,
      double seconds, double kg, int placed, double savingVsGreedy, double boundKg, String boundScope,
      double boundSeconds, OptionalDouble greedyGap, OptionalDouble gap, long peakHeapMb, DecomposedResult result) {}

  public static void main(String[] args) {
    int jobs = 100_000;
    int hubs = 64;
    List<Long> seeds = List.of(100_000L);
    Split split = Split.AUTO;
    Duration timeLimit = Duration.ofSeconds(120);
    int threads = Runtime.getRuntime().availableProcessors();
    Long workPerJob = null;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        usage("Flag " + flag + " needs a value.");
      }
      i++;
      switch (flag) {
        case "--jobs" -> jobs = Integer.parseInt(value);
        case "--hubs" -> hubs = Integer.parseInt(value);
        case "--seeds" -> {
          List<Long> list = new ArrayList<>();
          for (String s : value.split(",")) {
            long seed = Long.parseLong(s.strip());
            if (seed < 100_000 || seed > 199_999) {
              usage("Seed " + seed + " is outside the DEVELOP range 100000-199999. Maybe 100000.");
            }
            list.add(seed);
          }
          seeds = List.copyOf(list);
        }
        case "--split" -> split = Split.parse(value);
        case "--time-limit" -> timeLimit = parseDuration(value);
        case "--threads" -> threads = Integer.parseInt(value);
        case "--work-per-job" -> workPerJob = Long.parseLong(value);
        case "--out" -> out = Path.of(value);
        default -> usage("Unknown flag " + flag + ".");
      }
    }
    List<Row> rows = new ArrayList<>();
    for (long seed : seeds) {
      rows.add(run(jobs, hubs, seed, split, timeLimit, threads, workPerJob));
      System.out.println(rows.get(rows.size() - 1).result().describe());
    }
    String md = markdown(rows, jobs, hubs, split, timeLimit, threads, workPerJob);
    System.out.println(md);
    if (out != null) {
      try {
        Files.createDirectories(out);
        Files.writeString(out.resolve("decomposed.md"), md, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("decomposed.csv"), csv(rows), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the results to " + out + ": " + e.getMessage(), e);
      }
    }
  }

  private static void usage(String message) {
    System.err.println(message + " See the Javadoc of DecompositionBenchmark for the flags.");
    System.exit(2);
  }

  private static Duration parseDuration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.startsWith("pt")) {
      return Duration.parse(text.strip());
    }
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
    }
    if (t.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
    }
    usage("Time limit '" + text + "' is not a duration. Maybe 120s or PT2M.");
    return null;
  }

  /** The benchmark problem of {@code seed}. */
  static Problem problem(int jobs, int hubs, long seed) {
    ScenarioSpec base = Scenarios.benchmarkSpec(jobs, hubs);
    return Scenarios.build(new ScenarioSpec("decomposed-" + jobs + "x" + hubs + "-seed" + seed, base.start(),
        base.slots(), base.arrivalSlots(), base.zones(), hubs, jobs, base.slackHours(), base.interruptibleShare(),
        base.newcomerShare(), base.residentShare(), base.targetLoad(), seed));
  }

  static Row run(int jobs, int hubs, long seed, Split split, Duration timeLimit, int threads, Long workPerJob) {
    long t0 = System.nanoTime();
    Problem problem = problem(jobs, hubs, seed);
    double build = (System.nanoTime() - t0) / 1e9;
    resetPeaks();
    DecomposedScheduler.Config.Builder config = DecomposedScheduler.Config.builder().split(split).threads(threads)
        .timeLimit(timeLimit).seed(seed);
    if (workPerJob != null) {
      config.scoreCalculationsPerJob(workPerJob);
    }
    DecomposedResult r = DecomposedScheduler.create(config.build()).solve(problem);
    long peak = peakHeapMb();
    double boundKg = r.bound().map(b -> b.gramsCo2e() / 1000).orElse(Double.NaN);
    return new Row(seed, problem.toString(), build, r.greedyTime().toMillis() / 1000.0, r.greedy().emissionsKg(),
        r.greedy().scheduledJobs(), r.time().toMillis() / 1000.0, r.evaluation().emissionsKg(),
        r.evaluation().scheduledJobs(), r.savingVersusGreedy(), boundKg,
        r.bound().map(b -> b.scope().label()).orElse("none"),
        r.bound().map(b -> b.time().toMillis() / 1000.0).orElse(0.0), r.greedyGap(), r.gap(), peak, r);
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum / (1024 * 1024);
  }

  private static String pct(OptionalDouble v) {
    return v.isPresent() ? String.format(Locale.ROOT, "%.2f %%", 100 * v.getAsDouble()) : "none";
  }

  static String markdown(List<Row> rows, int jobs, int hubs, Split split, Duration timeLimit, int threads,
      Long workPerJob) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "# Decomposed OptaPlanner, %,d jobs x %d hubs x 168 slots%n%n", jobs, hubs));
    s.append(String.format(Locale.ROOT, "Split %s, time limit %s for the whole solve (greedy included), %d thread(s)%s; "
        + "DEVELOP seeds of the hard family's range. Emissions from the Evaluator (actual intensities); the bound is "
        + "`LowerBound.forSchedule` of the decomposed schedule; the gap is (emissions - bound) / bound.%n%n",
        split.label(), timeLimit, threads, workPerJob == null ? "" : ", " + workPerJob + " score calculations per job"));
    s.append("| Seed | Build | Greedy | Greedy kg | Decomposed | Decomposed kg | vs greedy | Placed (greedy) "
        + "| Bound kg (scope) | Bound time | Gap greedy | Gap decomposed | Peak heap |\n");
    s.append("|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      s.append(String.format(Locale.ROOT,
          "| %d | %.1f s | %.1f s | %,.1f | %.1f s | %,.1f | %+.2f %% | %,d (%,d) | %,.1f (%s) | %.1f s | %s | %s | %,d MiB |%n",
          r.seed(), r.buildSeconds(), r.greedySeconds(), r.greedyKg(), r.seconds(), r.kg(), -100 * r.savingVsGreedy(),
          r.placed(), r.greedyPlaced(), r.boundKg(), r.boundScope(), r.boundSeconds(), pct(r.greedyGap()),
          pct(r.gap()), r.peakHeapMb()));
    }
    for (Row r : rows) {
      s.append(String.format(Locale.ROOT, "%n## Seed %d: %s%n%n", r.seed(), r.problem()));
      s.append("| Part | Jobs | Hubs | Fixed jobs | Time | Score calculations | Warm start kg | Result kg | Change "
          + "| Priority placed | Kept |\n");
      s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
      List<PartReport> parts = new ArrayList<>(r.result().parts());
      r.result().coordination().ifPresent(parts::add);
      for (PartReport p : parts) {
        s.append(String.format(Locale.ROOT, "| %s | %,d | %d | %,d | %.1f s | %,d | %,.1f | %,.1f | %+.2f %% | %,d -> %,d | %s |%n",
            p.name(), p.jobs(), p.hubs(), p.fixedJobs(), p.time().toMillis() / 1000.0, p.scoreCalculations(),
            p.warmStartGrams() / 1000,
            p.resultGrams() / 1000, p.warmStartGrams() == 0 ? 0 : 100 * (p.resultGrams() - p.warmStartGrams())
                / p.warmStartGrams(), p.warmStartPriority(), p.resultPriority(), p.kept() ? "yes" : p.note()));
      }
      r.result().notes().forEach(n -> s.append("\nNote: ").append(n).append('\n'));
    }
    return s.toString();
  }

  static String csv(List<Row> rows) {
    StringBuilder s = new StringBuilder("seed,build_s,greedy_s,greedy_kg,greedy_placed,decomposed_s,decomposed_kg,"
        + "decomposed_placed,saving_vs_greedy,bound_kg,bound_scope,bound_s,gap_greedy,gap_decomposed,peak_heap_mb\n");
    for (Row r : rows) {
      s.append(String.format(Locale.ROOT, "%d,%.3f,%.3f,%.3f,%d,%.3f,%.3f,%d,%.6f,%.3f,%s,%.3f,%s,%s,%d%n", r.seed(),
          r.buildSeconds(), r.greedySeconds(), r.greedyKg(), r.greedyPlaced(), r.seconds(), r.kg(), r.placed(),
          r.savingVsGreedy(), r.boundKg(), r.boundScope(), r.boundSeconds(),
          r.greedyGap().isPresent() ? String.format(Locale.ROOT, "%.6f", r.greedyGap().getAsDouble()) : "",
          r.gap().isPresent() ? String.format(Locale.ROOT, "%.6f", r.gap().getAsDouble()) : "", r.peakHeapMb()));
    }
    return s.toString();
  }
}
