package dev.fairshift.solver.optaplanner;

import dev.fairshift.core.Schedule;
import dev.fairshift.solver.optaplanner.internal.SolveHooks;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Watches one {@link OptaPlannerScheduler#solve(dev.fairshift.core.Problem, SolveControl)} from other
 * threads and stops it early, as a service running long solves as jobs needs: the best schedule so
 * far (the warm start until the search improves on it), its score and how often it improved, and
 * {@link #stop()}, after which the solve returns its best schedule so far (checked and explained as
 * usual) within about one solver step.
 *
 * <pre>{@code
 * SolveControl control = SolveControl.create();
 * executor.submit(() -> solver.solve(problem, control));
 * control.bestSchedule().ifPresent(...);   // from any thread, while it runs
 * control.stop();                          // the client went away
 * }</pre>
 *
 * <p>Thread-safe. One control watches one solve.
 */
public final class SolveControl {
  private volatile boolean stopRequested;
  private volatile Runnable terminateEarly;
  private volatile Best best;
  private final AtomicLong improvements = new AtomicLong();

  private SolveControl() {}

  /** A control for one solve, not stopped. */
  public static SolveControl create() {
    return new SolveControl();
  }

  /** Asks the solve to stop with its best schedule so far; a solve not yet started stops at once. */
  public void stop() {
    stopRequested = true;
    Runnable terminate = terminateEarly;
    if (terminate != null) {
      terminate.run();
    }
  }

  /** Whether {@link #stop()} was called. */
  public boolean stopRequested() {
    return stopRequested;
  }

  /** The best schedule so far: empty until the warm start or the search produced one. */
  public Optional<Schedule> bestSchedule() {
    Best b = best;
    return b == null ? Optional.empty() : Optional.of(b.schedule());
  }

  /** The solver's score of {@link #bestSchedule()}: empty before the search scored one. */
  public Optional<SolverScore> bestScore() {
    Best b = best;
    return b == null ? Optional.empty() : Optional.ofNullable(b.score);
  }

  /** How many times the search found a better schedule. */
  public long improvements() {
    return improvements.get();
  }

  void offerWarmStart(Schedule warmStart) {
    if (best == null) {
      best = new Best(() -> warmStart, null);
    }
  }

  SolveHooks hooks() {
    return new SolveHooks() {
      @Override
      public void solverStarted(Runnable terminate) {
        terminateEarly = terminate;
        if (stopRequested) {
          terminate.run();
        }
      }

      @Override
      public boolean stopRequested() {
        return stopRequested;
      }

      @Override
      public void bestSolutionChanged(Supplier<Schedule> schedule, SolverScore score) {
        best = new Best(schedule, score);
        improvements.incrementAndGet();
      }
    };
  }

  /** A best solution, its schedule read at most once, on the first call. */
  private static final class Best {
    private final Supplier<Schedule> reader;
    private final SolverScore score;
    private Schedule schedule;

    Best(Supplier<Schedule> reader, SolverScore score) {
      this.reader = Objects.requireNonNull(reader, "reader");
      this.score = score;
    }

    synchronized Schedule schedule() {
      if (schedule == null) {
        schedule = reader.get();
      }
      return schedule;
    }
  }
}
