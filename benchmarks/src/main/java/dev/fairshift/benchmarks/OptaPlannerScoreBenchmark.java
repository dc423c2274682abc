package dev.fairshift.benchmarks;

import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.optaplanner.OptaPlannerScheduler;
import dev.fairshift.solver.optaplanner.SearchStrategy;
import dev.fairshift.solver.optaplanner.internal.PlanBuilder;
import dev.fairshift.solver.optaplanner.internal.PlanSolution;
import dev.fairshift.solver.optaplanner.internal.SolverRun;
import dev.fairshift.solver.optaplanner.internal.SolverRun.ScoreCalculation;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
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
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.solver.EnvironmentMode;

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
  public ScoreCalculation scoreCalculation;

  private Problem problem;
  private Schedule warmStart;
  private SolverFactory<PlanSolution> factory;
  private PlanSolution solution;

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
    problem = Scenarios.benchmark(jobs, hubs).toBuilder().carbonPricePerTonne(0).build();
    warmStart = Scheduler.greedy().schedule(problem);
    long limit = scoreCalculation == ScoreCalculation.INCREMENTAL
        ? INCREMENTAL_SCORE_CALCULATIONS : CONSTRAINT_STREAM_SCORE_CALCULATIONS;
    SolverRun.Settings settings = new SolverRun.Settings(Duration.ofMinutes(10), Optional.empty(),
        OptionalLong.of(limit), 0, "NONE", EnvironmentMode.REPRODUCIBLE, SearchStrategy.LATE_ACCEPTANCE,
        scoreCalculation);
    factory = SolverRun.factory(settings, plan());
  }

  /** A fresh planning solution at the greedy schedule: the solve changes the one it gets. */
  @Setup(Level.Invocation)
  public void freshSolution() {
    solution = plan();
  }

  private PlanSolution plan() {
    return PlanBuilder.build(problem, OptaPlannerScheduler.Config.defaults().fairnessGramsPerUnitSlot(),
        Optional.of(warmStart)).solution();
  }

  @Benchmark
  public PlanSolution localSearch(Counters counters) {
    SolverRun.Outcome outcome = SolverRun.solve(factory, solution);
    counters.scoreCalculations += outcome.scoreCalculationCount();
    return outcome.best();
  }
}
