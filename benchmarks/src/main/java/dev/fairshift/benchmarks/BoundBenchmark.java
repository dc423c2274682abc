package dev.fairshift.benchmarks;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.bound.EmissionsBound;
import dev.fairshift.solver.bound.LowerBound;
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
 * What the lower bound a report states costs next to the solve it reports on (issue 9: "the bound must
 * not cost more than the solve"): greedy with its defaults, and {@link LowerBound#forSchedule} on greedy's
 * schedule with the default options (the Lagrangian's work limit, warm-started on a sample at scale), on
 * {@link Scenarios#benchmark(int, int)} problems of {@code jobs} jobs on {@code hubs} hubs over 168
 * hourly slots. Single shots: at 100,000 jobs one greedy run takes seconds.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar BoundBenchmark -p jobs=10000
 * java -jar benchmarks/target/benchmarks.jar BoundBenchmark -p jobs=100000 -jvmArgsAppend -Xmx6g
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class BoundBenchmark {

  /** Jobs in the problem. */
  @Param({"10000", "100000"})
  public int jobs;

  /** Hubs in the problem. */
  @Param({"64"})
  public int hubs;

  private Problem problem;
  private Evaluation greedyEvaluation;

  /** Builds the problem and greedy's schedule once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    problem = Scenarios.benchmark(jobs, hubs);
    greedyEvaluation = Evaluator.evaluate(problem, Scheduler.greedy().schedule(problem));
  }

  /** Greedy with its defaults: the solve the bound is compared with. */
  @Benchmark
  public Schedule greedy() {
    return Scheduler.greedy().schedule(problem);
  }

  /** The bound a report on greedy's schedule states. */
  @Benchmark
  public EmissionsBound bound() {
    return LowerBound.forSchedule(problem, greedyEvaluation);
  }
}
