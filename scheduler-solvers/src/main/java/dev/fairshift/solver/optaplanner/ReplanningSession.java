package dev.fairshift.solver.optaplanner;

import dev.fairshift.core.IntensityTable;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Rolling re-planning: an OptaPlanner solver that keeps a schedule up to date while jobs arrive or
 * are cancelled, forecasts change and time passes. A hub operator starts a session from a
 * {@link Problem}, then tells it what happens; the session turns every change into an OptaPlanner
 * {@code ProblemChange} for its solver (in daemon mode on a thread of its own), which applies it
 * between two moves and re-solves from the best schedule so far, each re-solve ending by the
 * {@link OptaPlannerScheduler.Config} limits (time, unimproved time, score calculations).
 *
 * <pre>{@code
 * ReplanningSession.Config config = ReplanningSession.Config.builder()
 *     .solver(OptaPlannerScheduler.Config.builder()
 *         .timeLimit(Duration.ofSeconds(30)).unimprovedTimeLimit(Duration.ofSeconds(2)).build())
 *     .build();
 * try (ReplanningSession session = ReplanningSession.start(problem, config)) {
 *   session.addListener(snapshot -> dashboard.show(snapshot.schedule()));
 *   session.addJob(Job.builder("render-7", "studio").durationSlots(2).powerKw(8)
 *       .window(arrival, arrival.plus(Duration.ofHours(12))).build());  // a job arrives
 *   session.updateForecast("DE", newForecast);                           // a new forecast
 *   session.advanceToNow();                                              // a slot begins
 *   ReplanningSnapshot best = session.current();
 * }
 * }</pre>
 *
 * <p>Time: {@link #nowSlot()} starts at 0 and only moves forward ({@link #advanceTo(int)}). A job
 * whose first slot is before now has started: it is pinned where it runs ({@code @PlanningPin}) and
 * no later change moves it. A job that has not started never starts before now, and a job that can
 * no longer run before its deadline is unscheduled with a reason. Whether a job has started is
 * judged on the solver's best schedule when it applies the change: {@link #current()}, unless the
 * solver improved on it in the moment between (never in {@link Mode#SYNCHRONOUS} mode). Since
 * {@link #advanceTo(Instant)} rounds up, calling {@link #advanceToNow()} once a slot has begun pins
 * the jobs of that slot as well: dispatch the {@link ReplanningSnapshot#startedJobs()} that start in
 * it. The horizon, hubs, tenants and prices stay as the session started; start a new session for
 * the next horizon.
 *
 * <p>Changes are validated when they are made, against the session's {@link #problem()} and now,
 * exactly as {@link Problem.Builder#build()} validates a problem; a rejected change throws and leaves
 * the session unchanged. An accepted change reaches the best schedule once the solver has applied
 * it: at once in {@link Mode#SYNCHRONOUS} mode, which returns only after the solver has re-solved to
 * its termination (reproducible for a given seed when runs end by their score calculation limit),
 * and within a move in {@link Mode#BACKGROUND} mode, which returns at once.
 *
 * <p>Thread-safe: changes from several threads are applied in the order they are accepted. Close
 * the session to stop its threads; changes after {@link #close()} throw {@link IllegalStateException}.
 */
public interface ReplanningSession extends AutoCloseable {

  /**
   * Starts a session for {@code problem}, starting from the schedule of the configured warm-start
   * scheduler ({@link OptaPlannerScheduler.Config#warmStart()}, greedy by default) or else from
   * OptaPlanner's construction heuristic. In {@link Mode#SYNCHRONOUS} mode it returns after the
   * first solve.
   */
  static ReplanningSession start(Problem problem, Config config) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(config, "config");
    return DefaultReplanningSession.start(problem, config.solver().warmStart().map(s -> s.schedule(problem)), config);
  }

  /**
   * Starts a session for {@code problem} from {@code warmStart}: each job takes its place there when
   * that place is within its allowed hubs and feasible starts, and starts unscheduled otherwise.
   */
  static ReplanningSession start(Problem problem, Schedule warmStart, Config config) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(warmStart, "warmStart");
    Objects.requireNonNull(config, "config");
    return DefaultReplanningSession.start(problem, Optional.of(warmStart), config);
  }

  /** Starts a session for {@code problem} with {@link Config#defaults()}. */
  static ReplanningSession start(Problem problem) {
    return start(problem, Config.defaults());
  }

  /**
   * Adds newly arrived jobs, all or none. They are validated against the session's problem as
   * {@link Problem.Builder#build()} would (known tenant and hubs, unique id, window, fits some hub,
   * ...), and each must still be able to run between now and its deadline. A job released before
   * now starts now or later.
   *
   * @throws InvalidProblemException listing every error, each naming the job and field (e.g.
   *     {@code jobs[12].tenant}); the session is unchanged
   * @throws IllegalStateException if the session is closed or its solver failed
   */
  void addJobs(List<Job> jobs);

  /** Adds one newly arrived job; see {@link #addJobs(List)}. */
  void addJob(Job job);

  /**
   * Cancels job {@code jobId}: it leaves the problem and frees its hub capacity from now on. A job
   * that has started is removed too, with its past slots.
   *
   * @throws NoSuchElementException if the session's problem has no such job; the session is unchanged
   * @throws IllegalStateException if the session is closed or its solver failed
   */
  void removeJob(String jobId);

  /**
   * Replaces every zone's intensities, e.g. with a new forecast: jobs not yet started move to where
   * the new planning intensities ({@code forecastGramsPerKwh} when present, else {@code gramsPerKwh})
   * make them cleaner. Started jobs stay where they run.
   *
   * @throws InvalidProblemException if the problem with {@code intensities} is invalid (a hub's zone
   *     missing, a series not one value per slot, ...); the session is unchanged
   * @throws IllegalStateException if the session is closed or its solver failed
   */
  void updateIntensities(IntensityTable intensities);

  /**
   * Replaces the forecast of one zone ({@code forecastGramsPerKwh}, grams CO2e per kWh, one value
   * per slot), keeping its actual intensities.
   *
   * @throws IllegalArgumentException if the problem has no zone {@code zone}
   * @throws InvalidProblemException if the series is invalid; the session is unchanged
   * @throws IllegalStateException if the session is closed or its solver failed
   */
  void updateForecast(String zone, SlotSeries forecastGramsPerKwh);

  /**
   * Moves now to slot {@code slot}: jobs whose first slot is before it have started and are pinned,
   * jobs not yet started will start in it or later, and jobs that no longer fit before their
   * deadline become unscheduled with a reason. Moving to the current slot changes nothing.
   *
   * @param slot 0 to the horizon's slot count (the end of the horizon)
   * @throws IllegalArgumentException if {@code slot} is before now or outside the horizon
   * @throws IllegalStateException if the session is closed or its solver failed
   */
  void advanceTo(int slot);

  /**
   * Moves now to {@code instant} rounded up to a slot boundary: a slot that has begun counts as
   * started, so a job still waiting can start at the next slot at the earliest. Instants before the
   * horizon round to slot 0, instants after it to its end.
   *
   * @throws IllegalArgumentException if that slot is before now
   * @throws IllegalStateException if the session is closed or its solver failed
   */
  void advanceTo(Instant instant);

  /** Moves now to the configured {@link Config#clock()}'s instant; see {@link #advanceTo(Instant)}. */
  void advanceToNow();

  /** The session's now as a slot: changes accepted so far included. */
  int nowSlot();

  /** The instant {@link #nowSlot()} starts. */
  Instant now();

  /**
   * The session's problem with every change accepted so far, some of which the best schedule may
   * not include yet (compare {@link ReplanningSnapshot#revision()}); the best schedule's own problem
   * is {@link ReplanningSnapshot#problem()}.
   */
  Problem problem();

  /**
   * The best schedule so far and the problem it is a schedule of. Still answers after
   * {@link #close()}, with the last best schedule.
   */
  ReplanningSnapshot current();

  /**
   * Waits until the solver has applied every change accepted so far and its run after them has
   * ended by its limits.
   *
   * @return whether it did within {@code timeout}
   * @throws IllegalStateException if the session is closed, or its solver failed
   */
  boolean awaitIdle(Duration timeout);

  /**
   * Calls {@code listener} with every new best schedule, on a thread of the session's, one call at
   * a time; when best schedules come faster than the listener returns, it gets the newest. A
   * listener that throws stays registered; its exception goes to that thread's uncaught exception
   * handler.
   *
   * @throws IllegalStateException if the session is closed
   */
  void addListener(Consumer<ReplanningSnapshot> listener);

  /** Stops calling {@code listener}; does nothing if it was not registered. */
  void removeListener(Consumer<ReplanningSnapshot> listener);

  /**
   * Stops the solver and the listener thread and waits for both to end (and for a listener call in
   * progress to return). Idempotent.
   */
  @Override
  void close();

  /** When a change reaches the best schedule. */
  enum Mode {
    /**
     * Changes return at once; the solver applies them within a move and re-solves in the
     * background. For a service that keeps a session open.
     */
    BACKGROUND,
    /**
     * Every change returns after the solver applied it and its run ended by its limits, so
     * {@link #current()} then includes it. With a score calculation limit (and no unimproved time
     * limit) the same changes and seed give the same schedules: for tests and reproducible runs.
     */
    SYNCHRONOUS
  }

  /**
   * How a session solves. Build with {@link #builder()}. Immutable and thread-safe.
   *
   * @param solver the solver settings, as for {@link OptaPlannerScheduler}; its limits apply to each
   *     re-solve after a change (default {@link OptaPlannerScheduler.Config#defaults()})
   * @param mode when a change reaches the best schedule (default {@link Mode#BACKGROUND})
   * @param clock the clock {@link ReplanningSession#advanceToNow()} reads (default the system UTC clock)
   */
  record Config(OptaPlannerScheduler.Config solver, Mode mode, Clock clock) {
    public Config {
      Objects.requireNonNull(solver, "solver");
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(clock, "clock");
    }

    /** The defaults: {@link OptaPlannerScheduler.Config#defaults()}, background, system UTC clock. */
    public static Config defaults() {
      return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
      return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
      return new Builder().solver(solver).mode(mode).clock(clock);
    }

    /** A builder of {@link Config}. Not thread-safe. */
    public static final class Builder {
      private OptaPlannerScheduler.Config solver = OptaPlannerScheduler.Config.defaults();
      private Mode mode = Mode.BACKGROUND;
      private Clock clock = Clock.systemUTC();

      private Builder() {}

      /** The solver settings; their limits apply to each re-solve. */
      public Builder solver(OptaPlannerScheduler.Config solver) {
        this.solver = Objects.requireNonNull(solver, "solver");
        return this;
      }

      /** When a change reaches the best schedule. */
      public Builder mode(Mode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
        return this;
      }

      /** The clock {@link ReplanningSession#advanceToNow()} reads, e.g. {@code Clock.fixed} in tests. */
      public Builder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
      }

      public Config build() {
        return new Config(solver, mode, clock);
      }
    }
  }
}
