package dev.fairshift.benchmarks;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
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
 * The {@link Evaluator} (the accounting every report and benchmark uses) on a full greedy schedule of
 * {@link Scenarios#benchmark(int, int)}: {@code jobs} jobs on 16 hubs x 168 slots. Problem and schedule
 * are built in {@link Setup}; the method returns the evaluation.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EvaluatorBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EvaluatorBenchmark {

  /** Jobs in the problem. */
  @Param({"1000", "10000", "100000"})
  public int jobs;

  private Problem problem;
  private Schedule schedule;

  /** Builds the problem and its greedy schedule once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    problem = Scenarios.benchmark(jobs, 16);
    schedule = Scheduler.greedy(GreedyOptions.defaults().withPortfolio(false).withImprovementRounds(0))
        .schedule(problem);
  }

  /** Evaluates the greedy schedule. */
  @Benchmark
  public Evaluation evaluate() {
    return Evaluator.evaluate(problem, schedule);
  }
}
