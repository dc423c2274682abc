package dev.fairshift.benchmarks;

import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.optaplanner.ScoreSpeedProbe;
import dev.fairshift.solver.optaplanner.ScoreSpeedProbe.Calculation;
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
 * OptaPlanner's score calculation speed on the same problems as {@link GreedyBenchmark}: local search
 * from the greedy schedule (the planning solution is built in {@link Setup}, per invocation) until a
 * fixed number of score calculations, about one per evaluated move, on the default objective
 * (emissions; the problem's carbon price is set to 0 as the scheduler does). The {@code scoreCalculation}
 * parameter compares the incremental calculator every solver uses ({@code INCREMENTAL}) with
 * {@code CONSTRAINT_STREAMS}, the Bavet constraint streams that define the score, as the baseline of
 * the same run. The {@code scoreCalculations} counter JMH prints is score calculations per second,
 * OptaPlanner's solver start (score director and move selectors) included.
 *
 * <p>Run (after {@code mvn -pl benchmarks -am package -DskipTests}):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar OptaPlannerScoreBenchmark -p jobs=1000 -f 1 -wi 1 -i 3
 * java -jar benchmarks/target/benchmarks.jar OptaPlannerScoreBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class OptaPlannerScoreBenchmark {
  /** Score calculations per solve with the incremental calculator. */
  public static final long INCREMENTAL_SCORE_CALCULATIONS = 500_000;
  /** Score calculations per solve with the constraint streams (about ten times slower). */
  public static final long CONSTRAINT_STREAM_SCORE_CALCULATIONS = 30_000;

  /** Jobs in the problem. */
  @Param({"1000", "10000"})
  public int jobs;

  /** Hubs in the problem. */
  @Param({"16"})
  public int hubs;

  /** How moves are scored. */
  @Param({"INCREMENTAL", "CONSTRAINT_STREAMS"})
  public Calculation scoreCalculation;

  private ScoreSpeedProbe probe;
  private ScoreSpeedProbe.Run run;

  /** Score calculations done, reported by JMH as a rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    /** Score calculations of the measured solves. */
    public long scoreCalculations;
  }

  @Setup(Level.Trial)
  public void setUp() {
    // Unpriced, as OptaPlannerScheduler plans with its default objective (emissions).
    Problem problem = Scenarios.benchmark(jobs, hubs).toBuilder().carbonPricePerTonne(0).build();
    Schedule warmStart = Scheduler.greedy().schedule(problem);
    long limit = scoreCalculation == Calculation.INCREMENTAL
        ? INCREMENTAL_SCORE_CALCULATIONS : CONSTRAINT_STREAM_SCORE_CALCULATIONS;
    probe = ScoreSpeedProbe.of(problem, warmStart, scoreCalculation, limit);
  }

  /** A fresh planning solution at the greedy schedule: the solve changes the one it gets. */
  @Setup(Level.Invocation)
  public void freshSolution() {
    run = probe.prepare();
  }

  @Benchmark
  public long localSearch(Counters counters) {
    long calculations = run.solve();
    counters.scoreCalculations += calculations;
    return calculations;
  }
}
