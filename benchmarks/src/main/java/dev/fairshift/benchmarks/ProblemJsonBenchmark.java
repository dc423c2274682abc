package dev.fairshift.benchmarks;

import dev.fairshift.core.Problem;
import dev.fairshift.core.json.ProblemJson;
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
 * Reading (parsing, mapping and validating) a large problem from JSON: {@link Scenarios#benchmark(int,
 * int)} with {@code jobs} jobs on 16 hubs, eight zones x 168 hourly intensities, written once in
 * {@link Setup}. The method returns the problem read.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ProblemJsonBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ProblemJsonBenchmark {

  /** Jobs in the problem. */
  @Param({"1000", "10000", "100000"})
  public int jobs;

  private String json;

  /** Writes the problem's JSON once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    json = ProblemJson.write(Scenarios.benchmark(jobs, 16));
  }

  /** Reads the problem back: parse, map, validate. */
  @Benchmark
  public Problem read() {
    return ProblemJson.read(json);
  }
}
