package dev.fairshift.solver.optaplanner;

import dev.fairshift.core.IntensityTable;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.ProblemError;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.solver.optaplanner.internal.PlanBuilder;
import dev.fairshift.solver.optaplanner.internal.PlanSolution;
import dev.fairshift.solver.optaplanner.internal.PlanningView;
import dev.fairshift.solver.optaplanner.internal.ReplanChange;
import dev.fairshift.solver.optaplanner.internal.SessionResults;
import dev.fairshift.solver.optaplanner.internal.SolverRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.api.solver.event.BestSolutionChangedEvent;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.impl.phase.event.PhaseLifecycleListenerAdapter;
import org.optaplanner.core.impl.solver.DefaultSolver;
import org.optaplanner.core.impl.solver.scope.SolverScope;

/**
 * The {@link ReplanningSession}: one OptaPlanner solver in daemon mode on its own thread, fed one
 * {@link ReplanChange} per accepted change. Thread-safe; see the interface for the contract.
 *
 * <p>Locks: {@code this} serializes changes (and, in synchronous mode, the solving after each);
 * {@code progress} guards what the solver thread reports (the revision its last run started from and
 * ended, a failure); {@code snapshotLock} guards the converted best schedule; {@code listeners}
 * guards the listener thread.
 */
final class DefaultReplanningSession implements ReplanningSession {
  private static final AtomicLong SESSIONS = new AtomicLong();
  /** The prefix of the names of a session's threads. */
  static final String THREAD_PREFIX = "fairshift-replanning-";

  private final Config config;
  private final boolean priced;
  private final boolean assertScores;
  private final SolverFactory<PlanSolution> factory;
  private final Solver<PlanSolution> solver;
  private final SolverScope<PlanSolution> scope;
  private final AtomicReference<PlanningView> view;
  private final String name;
  private final Thread thread;

  // Accepted state: written under `this`, read anywhere.
  private volatile Problem problem;
  private volatile int nowSlot;
  private volatile long revision;

  private final Object progress = new Object();
  private long completedRevision = -1;
  private Throwable failure;
  private boolean stopped;

  // Solver thread only.
  private long runRevision;
  private boolean running;
  private long bestCount;

  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Best latest;

  private final Object snapshotLock = new Object();
  private Converted converted;

  private final List<Consumer<ReplanningSnapshot>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean notifyPending = new AtomicBoolean();
  private ExecutorService notifier;
  /** The notifier's one thread, joined on close: an executor terminates just before its thread ends. */
  private volatile Thread notifierThread;
  private long lastNotified = -1;

  /** A best solution with the view it plans and the work of the run that found it. */
  private record Best(PlanSolution solution, PlanningView view, SolverStatistics statistics, long sequence) {}

  /** A best solution read into a snapshot. */
  private record Converted(long sequence, ReplanningSnapshot snapshot) {}

  private DefaultReplanningSession(Problem problem, Optional<Schedule> warmStart, Config config,
      EnvironmentMode environmentMode) {
    this.config = config;
    OptaPlannerScheduler.Config c = config.solver();
    this.priced = c.objective() == OptaPlannerScheduler.Objective.COST;
    this.assertScores = environmentMode.isAsserted();
    this.problem = problem;
    PlanningView start = PlanningView.of(problem, 0, Set.of(), priced, 0);
    this.view = new AtomicReference<>(start);
    PlanSolution input = initial(start, warmStart, c.fairnessGramsPerUnitSlot());
    SolverRun.Settings settings = new SolverRun.Settings(c.timeLimit(), c.unimprovedTimeLimit(),
        c.scoreCalculationLimit(), c.seed(), c.moveThreads().moveThreadCount(), environmentMode, c.searchStrategy(),
        SolverRun.ScoreCalculation.INCREMENTAL, c.ruinAndRecreate());
    this.factory = SolverFactory.create(SolverRun.config(settings, input, true).withDaemon(true));
    this.solver = factory.buildSolver();
    if (!(solver instanceof DefaultSolver<PlanSolution> defaultSolver)) {
      throw new IllegalStateException("OptaPlanner built a " + solver.getClass().getName()
          + ", not its DefaultSolver, so the session cannot follow its runs.");
    }
    this.scope = defaultSolver.getSolverScope();
    solver.addEventListener(this::bestSolutionChanged);
    defaultSolver.addPhaseLifecycleListener(new PhaseLifecycleListenerAdapter<>() {
      @Override
      public void solvingStarted(SolverScope<PlanSolution> solverScope) {
        runStarted();
      }

      @Override
      public void solvingEnded(SolverScope<PlanSolution> solverScope) {
        runEnded(solverScope);
      }
    });
    // The solver's first best solution: it never changes the entities of a best solution.
    this.latest = new Best(input, start, new SolverStatistics(Duration.ZERO, 0), 0);
    this.name = THREAD_PREFIX + SESSIONS.incrementAndGet();
    this.thread = new Thread(() -> solve(input), name);
    thread.setDaemon(true);
  }

  /** Starts a session solving in {@link EnvironmentMode#REPRODUCIBLE} mode. */
  static DefaultReplanningSession start(Problem problem, Optional<Schedule> warmStart, Config config) {
    return start(problem, warmStart, config, EnvironmentMode.REPRODUCIBLE);
  }

  /**
   * Starts a session solving in {@code environmentMode}; in an asserted mode (e.g. FULL_ASSERT, for
   * tests) it also checks the score of every best solution a change produced against a calculation
   * from scratch, and fails the solver on a difference.
   */
  static DefaultReplanningSession start(Problem problem, Optional<Schedule> warmStart, Config config,
      EnvironmentMode environmentMode) {
    DefaultReplanningSession session = new DefaultReplanningSession(problem, warmStart, config, environmentMode);
    session.thread.start();
    if (config.mode() == Mode.SYNCHRONOUS) {
      session.awaitRevision(0, Optional.empty());
    }
    return session;
  }

  private static PlanSolution initial(PlanningView view, Optional<Schedule> warmStart, double fairness) {
    PlanSolution s = PlanBuilder.build(view.planning(), fairness, warmStart).solution();
    // Mutable lists: real-time changes add and remove entities and facts.
    return new PlanSolution(s.getContext(), new ArrayList<>(s.getHubs()), new ArrayList<>(s.getTenants()),
        new ArrayList<>(s.getJobs()), new ArrayList<>(s.getAssignments()), new ArrayList<>(s.getJobSlots()));
  }

  // ---------------------------------------------------------------- solver thread

  private void solve(PlanSolution input) {
    try {
      solver.solve(input);
    } catch (Throwable t) {
      synchronized (progress) {
        failure = t;
      }
    } finally {
      synchronized (progress) {
        stopped = true;
        progress.notifyAll();
      }
    }
  }

  private void runStarted() {
    running = true;
    runRevision = view.get().revision();
  }

  private void runEnded(SolverScope<PlanSolution> solverScope) {
    // A construction heuristic that places jobs of an already initialized solution (unscheduled ones,
    // whose hub is null) improves the best solution without an event: take it from the solver.
    PlanSolution best = solverScope.getBestSolution();
    if (best != latest.solution() && solverScope.isBestSolutionInitialized()) {
      if (best == solverScope.getScoreDirector().getWorkingSolution()) {
        best = solverScope.getScoreDirector().cloneSolution(best);
      }
      publish(best);
    }
    running = false;
    synchronized (progress) {
      completedRevision = runRevision;
      progress.notifyAll();
    }
  }

  private void bestSolutionChanged(BestSolutionChangedEvent<PlanSolution> event) {
    PlanSolution best = event.getNewBestSolution();
    PlanningView current = view.get();
    if (assertScores && !running) {
      // Between runs: the best solution of a problem change, scored incrementally through it.
      HardMediumSoftLongScore scratch = SessionResults.scoreFromScratch(factory, best);
      if (!scratch.equals(best.getScore())) {
        throw new IllegalStateException("Score corruption after re-planning change " + current.revision()
            + ": the incremental score is " + best.getScore() + " but from scratch it is " + scratch + ".");
      }
    }
    publish(best);
  }

  /**
   * Makes {@code best}, a solution of the current view, the session's best, with the work of the
   * run so far (none between runs, where a change produced it); solver thread only.
   */
  private void publish(PlanSolution best) {
    SolverStatistics work = running
        ? new SolverStatistics(Duration.ofMillis(scope.calculateTimeMillisSpentUpToNow()),
            scope.getScoreCalculationCount())
        : new SolverStatistics(Duration.ZERO, 0);
    latest = new Best(best, view.get(), work, ++bestCount);
    notifyListeners();
  }

  // ---------------------------------------------------------------- changes

  @Override
  public void addJobs(List<Job> jobs) {
    Objects.requireNonNull(jobs, "jobs");
    for (int i = 0; i < jobs.size(); i++) {
      Objects.requireNonNull(jobs.get(i), "jobs[" + i + "]");
    }
    List<Job> added = List.copyOf(jobs);
    if (added.isEmpty()) {
      return;
    }
    synchronized (this) {
      ensureOpen();
      String what = "Adding job(s) " + added.stream().map(Job::id).collect(Collectors.joining(", ", "[", "]"));
      Problem next;
      try {
        next = problem.toBuilder().jobs(added).build();
      } catch (InvalidProblemException e) {
        throw new InvalidProblemException(what, e.errors());
      }
      List<ProblemError> errors = new ArrayList<>();
      for (int k = 0; k < added.size(); k++) {
        int j = problem.jobs().size() + k;
        PlanningView.noRoom(next, j, nowSlot).ifPresent(reason ->
            errors.add(new ProblemError("jobs[" + j + "].deadline", reason)));
      }
      if (!errors.isEmpty()) {
        throw new InvalidProblemException(what, errors);
      }
      submit(next, nowSlot);
    }
  }

  @Override
  public void addJob(Job job) {
    addJobs(List.of(Objects.requireNonNull(job, "job")));
  }

  @Override
  public void removeJob(String jobId) {
    Objects.requireNonNull(jobId, "jobId");
    synchronized (this) {
      ensureOpen();
      if (!problem.hasJob(jobId)) {
        throw new NoSuchElementException("No job '" + jobId + "' in the re-planning session's problem ("
            + problem.jobs().size() + " jobs). Maybe it was removed already, or its id is spelled differently.");
      }
      List<Job> rest = problem.jobs().stream().filter(j -> !j.id().equals(jobId)).toList();
      submit(problem.toBuilder().clearJobs().jobs(rest).build(), nowSlot);
    }
  }

  @Override
  public void updateIntensities(IntensityTable intensities) {
    Objects.requireNonNull(intensities, "intensities");
    synchronized (this) {
      ensureOpen();
      Problem next;
      try {
        next = Problem.builder().horizon(problem.horizon()).carbonPricePerTonne(problem.carbonPricePerTonne())
            .transferKwhPerGb(problem.transferKwhPerGb()).intensities(intensities).hubs(problem.hubs())
            .tenants(problem.tenants()).jobs(problem.jobs()).build();
      } catch (InvalidProblemException e) {
        throw new InvalidProblemException("Updating intensities " + intensities, e.errors());
      }
      submit(next, nowSlot);
    }
  }

  @Override
  public void updateForecast(String zone, SlotSeries forecastGramsPerKwh) {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(forecastGramsPerKwh, "forecastGramsPerKwh");
    synchronized (this) {
      ensureOpen();
      IntensityTable table = problem.intensities();
      if (!table.contains(zone)) {
        throw new IllegalArgumentException("Zone '" + zone + "' is not in the re-planning session's problem, whose "
            + "zones are " + table.zones().stream().map(ZoneIntensity::zone).toList()
            + ". Maybe call updateIntensities to add a zone.");
      }
      List<ZoneIntensity> zones = table.zones().stream()
          .map(z -> z.zone().equals(zone)
              ? new ZoneIntensity(z.zone(), z.signal(), z.gramsPerKwh(), Optional.of(forecastGramsPerKwh)) : z)
          .toList();
      updateIntensities(IntensityTable.of(zones));
    }
  }

  @Override
  public void advanceTo(int slot) {
    synchronized (this) {
      ensureOpen();
      int slots = problem.horizon().slots();
      if (slot < 0 || slot > slots) {
        throw new IllegalArgumentException("Slot " + slot + " is outside the horizon, whose slots are 0.."
            + (slots - 1) + " (" + slots + " is its end). Maybe use advanceTo(Instant), which rounds an instant.");
      }
      if (slot < nowSlot) {
        throw new IllegalArgumentException("The session is at slot " + nowSlot + " (" + now()
            + ") and time only moves forward, so it cannot go back to slot " + slot + " ("
            + problem.horizon().slotStart(slot) + "). Maybe the clock went back; start a new session to plan "
            + "from an earlier time.");
      }
      if (slot > nowSlot) {
        submit(problem, slot);
      }
    }
  }

  @Override
  public void advanceTo(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    advanceTo(problem.horizon().slotAtOrAfter(instant));
  }

  @Override
  public void advanceToNow() {
    advanceTo(config.clock().instant());
  }

  /** Records an accepted change and hands it to the solver; the caller holds {@code this}. */
  private void submit(Problem next, int now) {
    long r = revision + 1;
    revision = r;
    problem = next;
    nowSlot = now;
    solver.addProblemChange(new ReplanChange(next, now, r, priced, config.solver().fairnessGramsPerUnitSlot(), view));
    if (config.mode() == Mode.SYNCHRONOUS) {
      awaitRevision(r, Optional.empty());
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("The re-planning session is closed, so it takes no more changes, listeners "
          + "or waits. Maybe start a new session from its last snapshot: ReplanningSession.start("
          + "snapshot.problem(), snapshot.schedule(), config).");
    }
    synchronized (progress) {
      if (failure != null) {
        throw failed();
      }
    }
  }

  private IllegalStateException failed() {
    return new IllegalStateException("The re-planning solver failed, so the session takes no more changes: "
        + failure + ". Maybe close it and start a new one.", failure);
  }

  /**
   * Waits until a run that started from revision {@code r} or later has ended.
   *
   * @return false when {@code timeout} passed first
   */
  private boolean awaitRevision(long r, Optional<Duration> timeout) {
    long deadline = System.nanoTime() + timeout.map(Duration::toNanos).orElse(0L);
    synchronized (progress) {
      while (completedRevision < r) {
        if (failure != null) {
          throw failed();
        }
        if (stopped || closed.get()) {
          throw new IllegalStateException("The re-planning session was closed before its solver had re-solved "
              + "change " + r + ".");
        }
        try {
          if (timeout.isEmpty()) {
            progress.wait();
          } else {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              return false;
            }
            TimeUnit.NANOSECONDS.timedWait(progress, left);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for the solver to re-solve change " + r
              + "; the change was accepted and the solver will still apply it.", e);
        }
      }
      return true;
    }
  }

  // ---------------------------------------------------------------- reading

  @Override
  public int nowSlot() {
    return nowSlot;
  }

  @Override
  public Instant now() {
    return problem.horizon().slotStart(nowSlot);
  }

  @Override
  public Problem problem() {
    return problem;
  }

  @Override
  public ReplanningSnapshot current() {
    return convert(latest).snapshot();
  }

  /** The snapshot of {@code best}, or of a newer best solution already converted. */
  private Converted convert(Best best) {
    synchronized (snapshotLock) {
      if (converted == null || best.sequence() > converted.sequence()) {
        OptaPlannerScheduler.Config c = config.solver();
        OptaPlannerResult result = SessionResults.read(OptaPlannerScheduler.NAME, best.view(), best.solution(),
            c.fairnessGramsPerUnitSlot(), c.explanationLimit(), best.statistics());
        Set<String> started = best.view().startedJobs().stream()
            .filter(job -> result.schedule().assignment(job).isPresent())
            .collect(Collectors.toUnmodifiableSet());
        converted = new Converted(best.sequence(), new ReplanningSnapshot(best.view().problem(),
            best.view().nowSlot(), best.view().revision(), started, result));
      }
      return converted;
    }
  }

  @Override
  public boolean awaitIdle(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    ensureOpen();
    return awaitRevision(revision, Optional.of(timeout));
  }

  // ---------------------------------------------------------------- listeners

  @Override
  public void addListener(Consumer<ReplanningSnapshot> listener) {
    Objects.requireNonNull(listener, "listener");
    synchronized (listeners) {
      ensureOpen();
      if (notifier == null) {
        notifier = Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, name + "-listeners");
          t.setDaemon(true);
          notifierThread = t;
          return t;
        });
      }
      listeners.add(listener);
    }
  }

  @Override
  public void removeListener(Consumer<ReplanningSnapshot> listener) {
    listeners.remove(Objects.requireNonNull(listener, "listener"));
  }

  /** Schedules one call of the listeners with the newest best schedule, unless one is pending. */
  private void notifyListeners() {
    ExecutorService executor;
    synchronized (listeners) {
      executor = notifier;
    }
    if (executor == null || listeners.isEmpty() || !notifyPending.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(this::callListeners);
    } catch (RejectedExecutionException e) {
      notifyPending.set(false); // closing: nobody listens any more
    }
  }

  private void callListeners() {
    notifyPending.set(false);
    Best best = latest;
    if (best.sequence() <= lastNotified) {
      return;
    }
    Converted c = convert(best);
    lastNotified = c.sequence();
    for (Consumer<ReplanningSnapshot> listener : listeners) {
      try {
        listener.accept(c.snapshot());
      } catch (RuntimeException e) {
        Thread t = Thread.currentThread();
        t.getUncaughtExceptionHandler().uncaughtException(t, e);
      }
    }
  }

  // ---------------------------------------------------------------- closing

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    boolean interrupted = false;
    // A solver that has not begun solving yet forgets an early termination, so repeat it until the thread ends.
    while (thread.isAlive()) {
      solver.terminateEarly();
      try {
        thread.join(100);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    ExecutorService executor;
    synchronized (listeners) {
      executor = notifier;
    }
    if (executor != null) {
      executor.shutdown();
      try {
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
          executor.shutdownNow();
        }
        Thread worker = notifierThread;
        if (worker != null) {
          worker.join(TimeUnit.SECONDS.toMillis(10));
        }
      } catch (InterruptedException e) {
        executor.shutdownNow();
        interrupted = true;
      }
    }
    synchronized (progress) {
      progress.notifyAll();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "ReplanningSession[" + name + ", change " + revision + ", now slot " + nowSlot + ", " + problem + "]";
  }
}
