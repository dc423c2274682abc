package dev.fairshift.benchmarks;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.json.ProblemJson;
import dev.fairshift.core.json.ScheduleJson;
import dev.fairshift.solver.GreedyOptions;
import dev.fairshift.solver.Scheduler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Generates one large problem ({@link Scenarios#scale}) and schedules it once, printing the wall time
 * and the peak heap of each step. This is the 1,000,000-job check of the README's Performance section:
 * run it with {@code -Xmx4g} so that finishing at all proves the memory bound.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.fairshift.benchmarks.ScaleRun --jobs 1000000 --hubs 64 --load 0.7
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.fairshift.benchmarks.ScaleRun --jobs 1000000 --hubs 64 --load 2
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.fairshift.benchmarks.ScaleRun --jobs 1000000 --hubs 64 --json /tmp/p.json
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.fairshift.benchmarks.ScaleRun --jobs 1000000 --hubs 64 --solver asap --json /tmp/p.json --schedule-json /tmp/s.json
 * </pre>
 *
 * <p>Options: {@code --jobs N} (default 1,000,000), {@code --hubs N} (64), {@code --load X} (demand over
 * capacity, 0.7; above 1 is overloaded, e.g. 2 places about half the work), {@code --solver greedy |
 * greedy-construction | asap} (greedy with its defaults), {@code --json FILE} (also write the problem to
 * FILE as JSON and read it back, timing the read), {@code --schedule-json FILE} (also write the first
 * schedule to FILE and read it back, timing both; the problem stays in the heap meanwhile), {@code
 * --repeat N} (schedule N times and print each).
 * Wall time is what a user waits; CPU time is this thread's (the solve is single-threaded), which a
 * machine shared with other work inflates less. Heap figures are the JVM's heap pools' peaks (G1: old + eden + survivor, so approximate), after a GC
 * before each step.
 */
public final class ScaleRun {
  private ScaleRun() {}

  /**
   * Runs the scale check.
   *
   * @param args see the class comment
   */
  public static void main(String[] args) throws Exception {
    int jobs = 1_000_000;
    int hubs = 64;
    double load = 0.7;
    String solver = "greedy";
    Path json = null;
    Path scheduleJson = null;
    int repeat = 1;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "--jobs" -> jobs = Integer.parseInt(require(a, value));
        case "--hubs" -> hubs = Integer.parseInt(require(a, value));
        case "--load" -> load = Double.parseDouble(require(a, value));
        case "--solver" -> solver = require(a, value);
        case "--json" -> json = Path.of(require(a, value));
        case "--schedule-json" -> scheduleJson = Path.of(require(a, value));
        case "--repeat" -> repeat = Integer.parseInt(require(a, value));
        default -> {
          System.err.println("Unknown option '" + a + "'. Maybe use --jobs N, --hubs N, --load X, "
              + "--solver greedy|greedy-construction|asap, --json FILE, --schedule-json FILE or --repeat N.");
          System.exit(2);
        }
      }
      i++;
    }
    Scheduler scheduler = switch (solver) {
      case "greedy" -> Scheduler.greedy();
      case "greedy-construction" -> Scheduler.greedy(GreedyOptions.defaults().withPortfolio(false)
          .withImprovementRounds(0).withRestarts(0));
      case "asap" -> Scheduler.asap();
      default -> {
        System.err.println("Unknown solver '" + solver + "'. Maybe use greedy, greedy-construction or asap.");
        System.exit(2);
        yield null;
      }
    };
    System.out.printf(Locale.ROOT, "ScaleRun: %d jobs x %d hubs x %d slots, load %.2f, solver %s, max heap %d MiB%n",
        jobs, hubs, ScenarioSpec.WEEK_SLOTS, load, solver, Runtime.getRuntime().maxMemory() >> 20);

    long t0 = start();
    Problem problem = Scenarios.scale(jobs, hubs, load);
    report("generate", t0);
    int smallest = Integer.MAX_VALUE;
    int largest = 0;
    long total = 0;
    for (var hub : problem.hubs()) {
      int units = hub.capacityUnitsAt(0);
      smallest = Math.min(smallest, units);
      largest = Math.max(largest, units);
      total += units;
    }
    System.out.printf(Locale.ROOT, "  hubs of %d to %d units (%.1f MW of IT at %.2f kW per unit in all)%n", smallest,
        largest, total * Scenarios.KW_PER_UNIT / 1000, Scenarios.KW_PER_UNIT);

    if (json != null) {
      t0 = start();
      ProblemJson.write(problem, json);
      report("write JSON (" + (Files.size(json) >> 20) + " MiB)", t0);
      problem = null;
      t0 = start();
      problem = ProblemJson.read(json);
      report("read JSON", t0);
    }

    for (int r = 0; r < repeat; r++) {
      t0 = start();
      Schedule schedule = scheduler.schedule(problem);
      long placed = schedule.assignments().size();
      report(String.format(Locale.ROOT, "schedule %s (placed %d of %d, %.1f %%)", solver, placed, jobs,
          100.0 * placed / jobs), t0);
      if (r == 0) {
        // Outside the timed step: what the schedule is, to compare builds (same input, same schedule).
        Evaluation e = Evaluator.evaluate(problem, schedule);
        System.out.printf(Locale.ROOT, "  emissions %.6f kg, schedule digest %016x%n", e.emissionsGrams() / 1000,
            digest(schedule));
        if (scheduleJson != null) {
          long written = digest(schedule);
          t0 = start();
          ScheduleJson.write(schedule, scheduleJson);
          report("write schedule JSON (" + (Files.size(scheduleJson) >> 20) + " MiB)", t0);
          schedule = null;
          t0 = start();
          Schedule read = ScheduleJson.read(scheduleJson);
          report("read schedule JSON", t0);
          System.out.printf(Locale.ROOT, "  read back %s (digest %016x)%n",
              digest(read) == written ? "the same schedule" : "A DIFFERENT SCHEDULE", digest(read));
        }
      }
    }
  }

  /** A 64-bit digest of the assignments (job, hub, slots, in order) and of the jobs left out. */
  static long digest(Schedule schedule) {
    long h = 1125899906842597L;
    for (Assignment a : schedule.assignments()) {
      h = 31 * h + a.job().hashCode();
      h = 31 * h + a.hub().hashCode();
      for (int s : a.slots()) {
        h = 31 * h + s;
      }
    }
    for (var u : schedule.unscheduled()) {
      h = 31 * h + u.job().hashCode();
    }
    return h;
  }

  private static String require(String option, String value) {
    if (value == null) {
      System.err.println("Option " + option + " needs a value.");
      System.exit(2);
    }
    return value;
  }

  /** CPU time of this thread at the step's start, ns. */
  private static long cpuStart;

  /** GCs, resets the heap pools' peaks and returns the start time. */
  private static long start() {
    System.gc();
    cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
    return System.nanoTime();
  }

  private static void report(String step, long t0) {
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(Locale.ROOT, "  %-58s %7.2f s wall %7.2f s CPU   peak heap %5d MiB%n", step, seconds, cpu,
        peak >> 20);
  }
}
