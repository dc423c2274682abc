package dev.fairshift.benchmarks;

import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.GreedyOptions;
import dev.fairshift.solver.Scheduler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scheduling hot loop on a full problem: {@code jobs} PAI-trace jobs on {@code hubs} hubs over 168
 * hourly slots of real 2023 carbon intensity ({@link Scenarios#benchmark(int, int)}), 24 h slack,
 * a quarter of the longer jobs interruptible.
 *
 * <ul>
 *   <li>{@link #greedyConstruction}: greedy with no portfolio and no improvement round: the
 *       construction alone, one cheapest-placement search per job;
 *   <li>{@link #greedy}: greedy with its defaults (one improvement round, the ASAP portfolio safeguard);
 *   <li>{@link #asap}: the carbon-agnostic baseline on the same problem, for the ratio.
 * </ul>
 * The problem is built in {@link Setup} (outside the measurement); each method returns its schedule.
 *
 * <p>Run (after {@code mvn -pl benchmarks -am package -DskipTests}):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar GreedyBenchmark -p jobs=10000 -p hubs=16 -prof gc
 * java -jar benchmarks/target/benchmarks.jar GreedyBenchmark              # every size: slow
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GreedyBenchmark {

  /** Jobs in the problem. */
  @Param({"1000", "10000", "100000"})
  public int jobs;

  /** Hubs in the problem. */
  @Param({"4", "16", "64"})
  public int hubs;

  private Problem problem;
  private final Scheduler construction = Scheduler.greedy(GreedyOptions.defaults().withPortfolio(false)
      .withImprovementRounds(0));
  private final Scheduler greedy = Scheduler.greedy();
  private final Scheduler asap = Scheduler.asap();

  /** Builds the problem once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    problem = Scenarios.benchmark(jobs, hubs);
  }

  /** Greedy construction only: one cheapest-placement search per job. */
  @Benchmark
  public Schedule greedyConstruction() {
    return construction.schedule(problem);
  }

  /** Greedy with its defaults: construction, repair, one improvement round, ASAP portfolio. */
  @Benchmark
  public Schedule greedy() {
    return greedy.schedule(problem);
  }

  /** The ASAP baseline. */
  @Benchmark
  public Schedule asap() {
    return asap.schedule(problem);
  }
}
