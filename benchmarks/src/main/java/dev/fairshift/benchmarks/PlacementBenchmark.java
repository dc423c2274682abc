package dev.fairshift.benchmarks;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Tenant;
import dev.fairshift.signals.EmbeddedData;
import dev.fairshift.solver.GreedyOptions;
import dev.fairshift.solver.Scheduler;
import java.util.List;
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
 * A single placement through the public path: greedy (construction only) on a problem with one
 * {@value #DURATION_SLOTS}-hour job whose window is the whole 168-hour week of January 2023, on
 * {@code hubs} hubs spread over {@code zones} real grid zones. The search evaluates every (hub, start)
 * window: {@code hubs x (168 - 4 + 1)} candidates, so candidates per second = that / the time per
 * operation. The time includes the per-run set-up that is O(hubs x slots) (prefix sums of intensity),
 * so it is an upper bound on the cost of a cheapest-window query.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PlacementBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PlacementBenchmark {
  /** The job's duration, hours. */
  public static final int DURATION_SLOTS = 4;
  private static final List<String> ZONES =
      List.of("DE", "GB", "US-CAL-CISO", "CA-ON", "AU-NSW", "JP-TK", "IN-WE", "BR-CS");

  /** Hubs in the problem. */
  @Param({"1", "16", "64"})
  public int hubs;

  /** Distinct grid zones the hubs draw from (1 = every hub in DE). */
  @Param({"1", "8"})
  public int zones;

  /** Whether the job may run in non-contiguous slots (the cheapest-slot-set search). */
  @Param({"false", "true"})
  public boolean interruptible;

  private Problem problem;
  private final Scheduler greedy = Scheduler.greedy(GreedyOptions.defaults().withPortfolio(false)
      .withImprovementRounds(0));

  /** Builds the one-job problem once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    Horizon horizon = Horizon.hourly(Scenarios.SEASON_WEEKS_2023.get(0), ScenarioSpec.WEEK_SLOTS);
    List<String> used = ZONES.subList(0, Math.min(zones, ZONES.size()));
    Problem.Builder b = Problem.builder().horizon(horizon)
        .intensities(EmbeddedData.intensityTable(horizon, used.toArray(String[]::new)))
        .tenant(Tenant.of("t", "research"));
    for (int h = 0; h < hubs; h++) {
      b.hub(Hub.builder("hub-" + h, used.get(h % used.size())).capacityUnits(8).pue(1.2).build());
    }
    b.job(Job.builder("job", "t").durationSlots(DURATION_SLOTS).powerKw(1.4).units(4)
        .window(horizon.start(), horizon.end()).interruptible(interruptible).build());
    problem = b.build();
  }

  /** Places the job in its cheapest window. */
  @Benchmark
  public Schedule place() {
    return greedy.schedule(problem);
  }
}
