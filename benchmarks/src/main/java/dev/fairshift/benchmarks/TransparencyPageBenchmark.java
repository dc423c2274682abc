package dev.fairshift.benchmarks;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.GreedyOptions;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.transparency.PageOptions;
import dev.fairshift.transparency.TransparencyJson;
import dev.fairshift.transparency.TransparencyPage;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
 * The transparency page and its JSON for a full greedy schedule of {@link Scenarios#benchmark(int, int)}
 * ({@code jobs} jobs on 16 hubs x 168 slots), against the {@link Evaluator} run that every page needs
 * first (the baseline, measured in the same run). The page lists the first
 * {@link PageOptions#DEFAULT_MAX_JOB_ROWS} jobs; the JSON all of them. Setup prints the sizes in bytes.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TransparencyPageBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TransparencyPageBenchmark {

  /** Jobs in the problem. */
  @Param({"1000", "100000"})
  public int jobs;

  private Problem problem;
  private Schedule schedule;
  private Evaluation evaluation;
  private PageOptions options;

  /** Builds the problem, its greedy schedule and evaluation once per trial; prints page and JSON sizes. */
  @Setup(Level.Trial)
  public void setUp() {
    problem = Scenarios.benchmark(jobs, 16);
    schedule = Scheduler.greedy(GreedyOptions.defaults().withPortfolio(false).withImprovementRounds(0))
        .schedule(problem);
    evaluation = Evaluator.evaluate(problem, schedule);
    options = PageOptions.builder().companionJson("report.json").build();
    int page = TransparencyPage.render(problem, schedule, evaluation, options).getBytes(StandardCharsets.UTF_8).length;
    int json = TransparencyJson.write(problem, schedule, evaluation, options).getBytes(StandardCharsets.UTF_8).length;
    System.out.printf(Locale.ROOT, "%n[transparency] jobs=%d scheduled=%d page=%d bytes (%.2f MB) json=%d bytes (%.2f MB)%n",
        jobs, evaluation.scheduledJobs(), page, page / 1e6, json, json / 1e6);
  }

  /** The baseline: evaluating the schedule, which every page needs first. */
  @Benchmark
  public Evaluation evaluate() {
    return Evaluator.evaluate(problem, schedule);
  }

  /** The page from the evaluation. */
  @Benchmark
  public String renderPage() {
    return TransparencyPage.render(problem, schedule, evaluation, options);
  }

  /** The open-data JSON from the evaluation, every job included. */
  @Benchmark
  public String writeJson() {
    return TransparencyJson.write(problem, schedule, evaluation, options);
  }
}
