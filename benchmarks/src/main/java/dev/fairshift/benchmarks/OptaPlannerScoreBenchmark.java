package dev.fairshift.benchmarks;

import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.optaplanner.OptaPlannerResult;
import dev.fairshift.solver.optaplanner.OptaPlannerScheduler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * OptaPlanner's incremental score calculation on the same problems as {@link GreedyBenchmark}: a solve
 * that starts from the greedy schedule (computed in {@link Setup}) and stops after
 * {@value #SCORE_CALCULATIONS} score calculations (about one per evaluated move).
 *
 * <ul>
 *   <li>{@link #localSearch}: the whole solve, in solves per second; the {@code scoreCalculations}
 *       counter that JMH prints next to it is score calculations per second, solver set-up included;
 *   <li>{@link #setUpOnly}: the same solve stopped after one score calculation: building the planning
 *       solution and the constraint-stream network. Moves per second without set-up are
 *       {@value #SCORE_CALCULATIONS} / (localSearch time &minus; setUpOnly time).
 * </ul>
 *
 * <p>Run (after {@code mvn -pl benchmarks -am package -DskipTests}):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar OptaPlannerScoreBenchmark -p jobs=1000 -f 1 -wi 1 -i 3
 * java -jar benchmarks/target/benchmarks.jar OptaPlannerScoreBenchmark -p jobs=10000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class OptaPlannerScoreBenchmark {
  /** Score calculations per measured solve. */
  public static final long SCORE_CALCULATIONS = 500_000;

  /** Jobs in the problem. */
  @Param({"1000", "10000"})
  public int jobs;

  /** Hubs in the problem. */
  @Param({"16"})
  public int hubs;

  private Problem problem;
  private Schedule warmStart;
  private OptaPlannerScheduler search;
  private OptaPlannerScheduler setUp;

  /** Score calculations done, reported by JMH as a rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    /** Score calculations of the measured solves. */
    public long scoreCalculations;
  }

  @Setup(Level.Trial)
  public void setUp() {
    problem = Scenarios.benchmark(jobs, hubs);
    warmStart = Scheduler.greedy().schedule(problem);
    search = solver(SCORE_CALCULATIONS);
    setUp = solver(1);
  }

  private static OptaPlannerScheduler solver(long scoreCalculations) {
    return OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
        .timeLimit(Duration.ofMinutes(10))
        .noUnimprovedTimeLimit()
        .scoreCalculationLimit(scoreCalculations)
        .seed(0)
        .build());
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public OptaPlannerResult localSearch(Counters counters) {
    OptaPlannerResult result = search.solve(problem, warmStart);
    counters.scoreCalculations += result.statistics().scoreCalculationCount();
    return result;
  }

  @Benchmark
  public OptaPlannerResult setUpOnly() {
    return setUp.solve(problem, warmStart);
  }
}
