package dev.fairshift.solver.optaplanner.internal;

import dev.fairshift.solver.optaplanner.SearchStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.optaplanner.core.api.score.ScoreExplanation;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import org.optaplanner.core.config.constructionheuristic.placer.QueuedEntityPlacerConfig;
import org.optaplanner.core.config.heuristic.selector.common.SelectionCacheType;
import org.optaplanner.core.config.heuristic.selector.common.SelectionOrder;
import org.optaplanner.core.config.heuristic.selector.entity.EntitySelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.MoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.composite.CartesianProductMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.factory.MoveIteratorFactoryConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.ChangeMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.SwapMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.value.ValueSelectorConfig;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import org.optaplanner.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import org.optaplanner.core.config.score.director.ScoreDirectorFactoryConfig;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;
import org.optaplanner.core.impl.phase.event.PhaseLifecycleListenerAdapter;
import org.optaplanner.core.impl.phase.scope.AbstractPhaseScope;
import org.optaplanner.core.impl.phase.scope.AbstractStepScope;
import org.optaplanner.core.impl.solver.DefaultSolver;

/**
 * Builds OptaPlanner's configuration programmatically (no XML) and runs it: the incremental score
 * calculation of {@link FairshiftIncrementalScore} (checked against {@link FairshiftConstraints}'
 * Bavet constraint streams in the asserted environment modes, which also explain scores), a construction heuristic (first fit, jobs then interruptible job slots) for entities no
 * warm start initialized, then local search (late acceptance of a size that shrinks on large problems,
 * {@link #lateAcceptanceSize}, or simulated annealing) over these
 * moves:
 * <ul>
 *   <li>change a job's hub (including to and from unscheduled), change a job's start, change both at
 *       once (a cartesian move on the same job, so a job can move to a hub where its current start
 *       does not fit);
 *   <li>swap hubs and starts, or only hubs, of two jobs near each other in time
 *       ({@link NearbySwapMoveFactory}: the partner is drawn among the jobs whose window contains a
 *       slot of the first one's run, so swaps stay useful among 10,000 jobs);
 *   <li>ruin and recreate ({@link RuinRecreateMoveFactory}, {@link RuinRecreateMove}): take out a few
 *       jobs sharing hubs and time and put them back one by one at their best marginal positions,
 *       with waiting jobs of the same hubs and time; rarely picked, as each scores many positions;
 *   <li>hub-slot ruin with regret recreate ({@link HubSlotRuinMoveFactory}): take out the jobs
 *       running in one slot across a job's hubs and put them back by {@link RegretInsertion}, the
 *       jobs with fewest good positions first; rarely picked;
 *   <li>ejection ({@link EjectionMoveFactory}, {@link EjectionMove}): a job into another of its hubs,
 *       the jobs in its way there taken out until it fits, and put back by regret insertion;
 *   <li>for interruptible jobs: change one of its slots, swap slots of two job slots.
 * </ul>
 * After the solve, {@link InsertionPass} puts in every unscheduled job that fits as the schedule stands,
 * and {@link Solve} then runs greedy's priority stage ({@link dev.fairshift.solver.PriorityStage}) on it.
 * Stateless and thread-safe.
 */
public final class SolverRun {
  private SolverRun() {}

  /**
   * How to solve.
   *
   * @param timeLimit stop after this long
   * @param unimprovedTimeLimit stop when the best score has not improved for this long
   * @param scoreCalculationLimit stop after this many score calculations (about one per evaluated
   *     move, construction included), for runs that must not depend on machine speed. Checked after
   *     every move, unlike a step count: a late-acceptance step can evaluate moves forever in a
   *     strict local optimum of a tiny problem.
   * @param seed random seed
   * @param moveThreadCount OptaPlanner's {@code moveThreadCount}: NONE, AUTO or a number
   * @param environmentMode REPRODUCIBLE normally; FULL_ASSERT in tests to catch score corruption
   * @param strategy the local search acceptor
   */
  public record Settings(
      Duration timeLimit,
      Optional<Duration> unimprovedTimeLimit,
      OptionalLong scoreCalculationLimit,
      long seed,
      String moveThreadCount,
      EnvironmentMode environmentMode,
      SearchStrategy strategy,
      ScoreCalculation scoreCalculation,
      boolean ruinAndRecreate) {
    public Settings {
      Objects.requireNonNull(timeLimit, "timeLimit");
      Objects.requireNonNull(unimprovedTimeLimit, "unimprovedTimeLimit");
      Objects.requireNonNull(scoreCalculationLimit, "scoreCalculationLimit");
      Objects.requireNonNull(moveThreadCount, "moveThreadCount");
      Objects.requireNonNull(environmentMode, "environmentMode");
      Objects.requireNonNull(strategy, "strategy");
      Objects.requireNonNull(scoreCalculation, "scoreCalculation");
    }

    /** With ruin-and-recreate moves, as solvers use by default. */
    public Settings(Duration timeLimit, Optional<Duration> unimprovedTimeLimit, OptionalLong scoreCalculationLimit,
        long seed, String moveThreadCount, EnvironmentMode environmentMode, SearchStrategy strategy,
        ScoreCalculation scoreCalculation) {
      this(timeLimit, unimprovedTimeLimit, scoreCalculationLimit, seed, moveThreadCount, environmentMode, strategy,
          scoreCalculation, true);
    }

    /** With the incremental score calculation, as every solver uses. */
    public Settings(Duration timeLimit, Optional<Duration> unimprovedTimeLimit, OptionalLong scoreCalculationLimit,
        long seed, String moveThreadCount, EnvironmentMode environmentMode, SearchStrategy strategy) {
      this(timeLimit, unimprovedTimeLimit, scoreCalculationLimit, seed, moveThreadCount, environmentMode, strategy,
          ScoreCalculation.INCREMENTAL);
    }

    /** Late acceptance, as most tests want. */
    public Settings(Duration timeLimit, Optional<Duration> unimprovedTimeLimit, OptionalLong scoreCalculationLimit,
        long seed, String moveThreadCount, EnvironmentMode environmentMode) {
      this(timeLimit, unimprovedTimeLimit, scoreCalculationLimit, seed, moveThreadCount, environmentMode,
          SearchStrategy.LATE_ACCEPTANCE);
    }
  }

  /** How the search scores its moves. */
  public enum ScoreCalculation {
    /** {@link FairshiftIncrementalScore}: what every solver uses. */
    INCREMENTAL,
    /** {@link FairshiftConstraints}' Bavet constraint streams: the definition, the baseline of the JMH benchmark. */
    CONSTRAINT_STREAMS
  }

  /** OptaPlanner rejects durations with a sub-millisecond part; round up to whole milliseconds. */
  static Duration wholeMillis(Duration d) {
    Duration truncated = d.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    return truncated.equals(d) ? d : truncated.plusMillis(1);
  }

  /** A solver factory for {@code solution}: its shape (job slots or not) and scale (annealing temperature). */
  public static SolverFactory<PlanSolution> factory(Settings settings, PlanSolution solution) {
    return SolverFactory.create(config(settings, solution, !solution.getJobSlots().isEmpty()));
  }

  /**
   * The configuration {@link #factory} builds its solvers from, with the interruptible job-slot
   * moves when {@code jobSlotMoves} (a re-planning session wants them before its first
   * interruptible job arrives).
   */
  public static SolverConfig config(Settings settings, PlanSolution solution, boolean jobSlotMoves) {
    TerminationConfig termination = new TerminationConfig().withSpentLimit(wholeMillis(settings.timeLimit()));
    settings.unimprovedTimeLimit().map(SolverRun::wholeMillis).ifPresent(termination::withUnimprovedSpentLimit);
    settings.scoreCalculationLimit().ifPresent(termination::withScoreCalculationCountLimit);
    LocalSearchPhaseConfig localSearch = new LocalSearchPhaseConfig().withMoveSelectorConfig(moves(jobSlotMoves,
        settings.ruinAndRecreate() ? RUIN_RECREATE_WEIGHT * makeRoomScale(solution.getAssignments().size()) : 0));
    if (settings.strategy() == SearchStrategy.LATE_ACCEPTANCE) {
      localSearch.withAcceptorConfig(new LocalSearchAcceptorConfig()
              .withLateAcceptanceSize(lateAcceptanceSize(solution.getAssignments().size())))
          .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1));
    } else if (settings.strategy() == SearchStrategy.SIMULATED_ANNEALING) {
      localSearch.withAcceptorConfig(new LocalSearchAcceptorConfig().withSimulatedAnnealingStartingTemperature(
              HardMediumSoftLongScore.ofSoft(annealingTemperatureMg(solution)).toString()))
          .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1));
    }
    ScoreDirectorFactoryConfig score = settings.scoreCalculation() == ScoreCalculation.CONSTRAINT_STREAMS
        ? constraintStreams()
        : new ScoreDirectorFactoryConfig().withIncrementalScoreCalculatorClass(FairshiftIncrementalScore.class);
    if (settings.environmentMode().isAsserted() && settings.scoreCalculation() == ScoreCalculation.INCREMENTAL) {
      score.withAssertionScoreDirectorFactory(constraintStreams());
    }
    SolverConfig config = new SolverConfig()
        .withSolutionClass(PlanSolution.class)
        .withEntityClasses(JobAssignment.class, JobSlot.class)
        .withScoreDirectorFactory(score)
        .withEnvironmentMode(settings.environmentMode())
        .withRandomSeed(settings.seed())
        .withMoveThreadCount(settings.moveThreadCount())
        .withTerminationConfig(termination)
        .withPhases(construction(JobAssignment.class), construction(JobSlot.class), localSearch);
    return config;
  }

  /**
   * 20 % of a typical job's emissions, in mg: per job, its run in its first hub at the mean planning
   * intensity of its window, averaged over jobs; at least 1 g. (Tuned on small problems with on-site
   * renewables, where 5 % still stalled in local optima and 20 % found every brute-force optimum.)
   */
  static long annealingTemperatureMg(PlanSolution solution) {
    double sum = 0;
    int jobs = 0;
    for (JobFact job : solution.getJobs()) {
      if (job.hubRange().isEmpty()) {
        continue;
      }
      HubFact hub = job.hubRange().get(0);
      double window = 0;
      for (int s = job.releaseSlot(); s < job.deadlineSlot(); s++) {
        window += hub.slot(s).gridEmissionsMg(job.itMicroWatts());
      }
      sum += window / Math.max(1, job.deadlineSlot() - job.releaseSlot()) * job.durationSlots();
      jobs++;
    }
    return Math.max(1000, Math.round(0.2 * sum / Math.max(1, jobs)));
  }

  /** The constraint streams of {@link FairshiftConstraints}: the definition, used to explain and to assert. */
  private static ScoreDirectorFactoryConfig constraintStreams() {
    return new ScoreDirectorFactoryConfig()
        .withConstraintProviderClass(FairshiftConstraints.class)
        .withConstraintStreamImplType(ConstraintStreamImplType.BAVET);
  }

  /** First fit for the still uninitialized entities of one class (none after a warm start). */
  private static ConstructionHeuristicPhaseConfig construction(Class<?> entityClass) {
    return new ConstructionHeuristicPhaseConfig().withEntityPlacerConfig(
        new QueuedEntityPlacerConfig().withEntitySelectorConfig(
            new EntitySelectorConfig(entityClass).withId("placer" + entityClass.getSimpleName())));
  }

  /**
   * How often a ruin-and-recreate move is picked relative to each other kind of move (weight 1
   * each): one scores dozens to hundreds of positions where the others score one, so a small
   * weight keeps about half the search's score calculations in the cheap moves.
   */
  static final double RUIN_RECREATE_WEIGHT = 0.02;

  /**
   * How often an ejection move ({@link EjectionMoveFactory}) is picked relative to each other kind of
   * move. The weights of the three moves that make room were tuned on the hard family's DEVELOP seeds
   * (zero-slack, 0.9-load scenarios with power caps and solar, and the first eleven of all kinds) at
   * a fixed score-calculation budget; late acceptance stayed the acceptor (late acceptance of 50 and
   * 2,000 steps, simulated annealing and entity tabu did no better there).
   */
  static final double EJECTION_WEIGHT = 0.03;

  /**
   * How often a hub-slot ruin with regret recreate ({@link HubSlotRuinMoveFactory}) is picked
   * relative to each other kind of move: it scores up to a few thousand positions per move.
   */
  static final double REGRET_RUIN_WEIGHT = 0.01;

  /**
   * Up to this many jobs, the three moves that make room (ruin-and-recreate, hub-slot ruin, ejection)
   * are picked at their full weights; above it, at weights scaled by this many over the job count
   * ({@link #makeRoomScale}).
   */
  static final int MAKE_ROOM_FULL_WEIGHT_JOBS = 300;

  /**
   * The factor on the weights of the moves that make room for a problem of {@code jobs} jobs: 1 up to
   * {@value #MAKE_ROOM_FULL_WEIGHT_JOBS} jobs (the 50-120-job problems they were tuned on keep their
   * moves), then {@value #MAKE_ROOM_FULL_WEIGHT_JOBS} / jobs (0.3 at 1,000 jobs, 0.03 at 10,000).
   * A move that makes room costs about as much at any size (dozens to thousands of positions
   * scored), but a larger problem needs more of the cheap one- and two-job moves to reach each job
   * in the same time: at fixed weights a 1,000-job solve spends as large a share of its budget on
   * the heavy moves as a 100-job one, leaving ten times fewer cheap moves per job. Measured on the
   * hard family's DEVELOP seeds (1,000 jobs, 10 s, fixed and scaled weights run back to back per
   * scenario on a noisy shared machine): lower emissions on 6 of 8 scenarios (0.1-1.4 %), the same
   * on one, 0.2 % higher on one, every job placed. 200 / jobs was as good where there is slack but
   * 1.6 % higher on a scenario without slack (in two runs), where only the heavy moves still find
   * improvements; (120 / jobs)^2 once left out a job the others placed; a phase of cheap moves only
   * before the full set (until 2 · jobs steps without improvement) was better on some scenarios and
   * worse on as many, and was dropped. At 10,000 jobs 10 s barely improves on the warm start with
   * either weighting.
   */
  static double makeRoomScale(int jobs) {
    return jobs <= MAKE_ROOM_FULL_WEIGHT_JOBS ? 1.0 : (double) MAKE_ROOM_FULL_WEIGHT_JOBS / jobs;
  }

  /** Late acceptance's size up to {@value #FULL_LATE_ACCEPTANCE_JOBS} jobs: OptaPlanner's default. */
  static final int LATE_ACCEPTANCE_SIZE = 400;

  /**
   * Up to this many jobs, late acceptance compares with the score {@value #LATE_ACCEPTANCE_SIZE}
   * steps ago; above it, with fewer steps ago ({@link #lateAcceptanceSize}).
   */
  static final int FULL_LATE_ACCEPTANCE_JOBS = 125;

  /** The smallest late acceptance size at any problem size. */
  static final int MIN_LATE_ACCEPTANCE_SIZE = 5;

  /**
   * Late acceptance's size for a problem of {@code jobs} jobs: {@value #LATE_ACCEPTANCE_SIZE} up to
   * {@value #FULL_LATE_ACCEPTANCE_JOBS} jobs (the 50-120-job problems keep OptaPlanner's default, on
   * which their moves were tuned), then {@value #LATE_ACCEPTANCE_SIZE} x
   * {@value #FULL_LATE_ACCEPTANCE_JOBS} / jobs (50 at 1,000 jobs, 5 at 10,000). A larger problem
   * gets fewer steps per job in the same time, and a long memory spends them wandering at the warm
   * start's level. Measured on the hard family's DEVELOP seeds at a fixed budget of 10^6 score
   * calculations (about 10 s on this machine): on the eight 1,000-job scenarios size 400 lowered
   * greedy's emissions by 0.1-0.4 % where there is slack and 0.9-1.3 % on the two without, size 50 by
   * 0.4-1.7 % and 1.6-2.6 % (solver seeds 0 and 1 on the two without); sizes 10, 25 and 100, and 400
   * accepting the best of 4 or 16 accepted moves, were between. On a 10,000-job one (3 x 10^5 score
   * calculations) size 5 lowered them by 0.8 %, size 400 by 0.04 %. At size 50, on the two without
   * slack, none of these did better either (two solver seeds each): hub-slot ruins of 8-24 jobs over
   * up to 8 hubs, ruin and recreate of up to 16 jobs, ejection at weight 0.1, the make-room moves at
   * full weight or at 0.1, and hub three-cycles and open hub chains (a job into a partner's hub, the
   * partner on to a third).
   */
  static int lateAcceptanceSize(int jobs) {
    if (jobs <= FULL_LATE_ACCEPTANCE_JOBS) {
      return LATE_ACCEPTANCE_SIZE;
    }
    return Math.max(MIN_LATE_ACCEPTANCE_SIZE, (int) ((long) LATE_ACCEPTANCE_SIZE * FULL_LATE_ACCEPTANCE_JOBS / jobs));
  }

  /** The local search moves, ruin-and-recreate at {@code ruinRecreateWeight} (none at 0). */
  static MoveSelectorConfig moves(boolean hasJobSlots, double ruinRecreateWeight) {
    List<MoveSelectorConfig> moves = new ArrayList<>();
    moves.add(change(JobAssignment.class, "hub"));
    moves.add(change(JobAssignment.class, "start"));
    moves.add(new CartesianProductMoveSelectorConfig().withMoveSelectors(
        new ChangeMoveSelectorConfig()
            .withEntitySelectorConfig(
                movable(JobAssignment.class).withId("hubAndStart"))
            .withValueSelectorConfig(new ValueSelectorConfig("hub")),
        new ChangeMoveSelectorConfig()
            .withEntitySelectorConfig(new EntitySelectorConfig().withMimicSelectorRef("hubAndStart"))
            .withValueSelectorConfig(new ValueSelectorConfig("start"))));
    // Swaps of two jobs near each other in time, of hubs and starts or of hubs only (each keeping its
    // start: the move that trades places in space when jobs cannot move in time, e.g. without slack).
    // Weight 2, as the two uniform swap selectors they replace.
    moves.add(new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(NearbySwapMoveFactory.class)
        .withFixedProbabilityWeight(2.0));
    if (hasJobSlots) {
      moves.add(change(JobSlot.class, "slot"));
      moves.add(new SwapMoveSelectorConfig().withEntitySelectorConfig(movable(JobSlot.class)));
    }
    if (ruinRecreateWeight > 0) {
      moves.add(new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(RuinRecreateMoveFactory.class)
          .withFixedProbabilityWeight(ruinRecreateWeight));
      moves.add(new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(HubSlotRuinMoveFactory.class)
          .withFixedProbabilityWeight(ruinRecreateWeight * REGRET_RUIN_WEIGHT / RUIN_RECREATE_WEIGHT));
      moves.add(new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(EjectionMoveFactory.class)
          .withFixedProbabilityWeight(ruinRecreateWeight * EJECTION_WEIGHT / RUIN_RECREATE_WEIGHT));
    }
    return new UnionMoveSelectorConfig().withMoveSelectorList(moves);
  }

  /**
   * Random entities of {@code entityClass} among those not pinned, the pinning filter applied once
   * per phase to a cached list: a just-in-time random selector would retry and warn ("bailing out")
   * at every step when a re-planning session has pinned all entities of a class.
   */
  private static EntitySelectorConfig movable(Class<?> entityClass) {
    return new EntitySelectorConfig(entityClass).withCacheType(SelectionCacheType.PHASE)
        .withSelectionOrder(SelectionOrder.RANDOM);
  }

  private static ChangeMoveSelectorConfig change(Class<?> entityClass, String variable) {
    return new ChangeMoveSelectorConfig()
        .withEntitySelectorConfig(movable(entityClass))
        .withValueSelectorConfig(new ValueSelectorConfig(variable));
  }

  /**
   * The best solution of one run.
   *
   * @param best the best solution found
   * @param timeSpent time in the solver
   * @param scoreCalculationCount score calculations done
   */
  public record Outcome(PlanSolution best, Duration timeSpent, long scoreCalculationCount) {}

  /** Solves {@code solution} (which it changes) and returns the best solution found. */
  public static Outcome solve(SolverFactory<PlanSolution> factory, PlanSolution solution) {
    return solve(factory, solution, SolveHooks.NONE, null);
  }

  /**
   * Solves {@code solution} like {@link #solve(SolverFactory, PlanSolution)}, telling {@code hooks}
   * each new best solution (as the schedule {@code reader} makes of it) and stopping when they ask.
   */
  public static Outcome solve(SolverFactory<PlanSolution> factory, PlanSolution solution, SolveHooks hooks,
      java.util.function.Function<PlanSolution, dev.fairshift.core.Schedule> reader) {
    Solver<PlanSolution> solver = factory.buildSolver();
    if (hooks != SolveHooks.NONE) {
      solver.addEventListener(event -> {
        if (event.getNewBestScore().isSolutionInitialized()) {
          PlanSolution best = event.getNewBestSolution();
          hooks.bestSolutionChanged(() -> reader.apply(best), Explanations.score((HardMediumSoftLongScore) event.getNewBestScore()));
        }
      });
      if (solver instanceof DefaultSolver<PlanSolution> defaultSolver) {
        defaultSolver.addPhaseLifecycleListener(new PhaseLifecycleListenerAdapter<>() {
          @Override
          public void phaseStarted(AbstractPhaseScope<PlanSolution> phaseScope) {
            stopIfAsked();
          }

          @Override
          public void stepEnded(AbstractStepScope<PlanSolution> stepScope) {
            stopIfAsked();
          }

          private void stopIfAsked() {
            if (hooks.stopRequested()) {
              solver.terminateEarly();
            }
          }
        });
      }
      hooks.solverStarted(solver::terminateEarly);
    }
    PlanSolution best = solver.solve(solution);
    Duration spent = Duration.ZERO;
    long count = 0;
    if (solver instanceof DefaultSolver<PlanSolution> defaultSolver) {
      count = defaultSolver.getSolverScope().getScoreCalculationCount();
      spent = Duration.ofMillis(defaultSolver.getSolverScope().getTimeMillisSpent());
    }
    return new Outcome(best, spent, count);
  }

  /** Scores {@code solution} and explains the score per constraint and match. */
  public static ScoreExplanation<PlanSolution, HardMediumSoftLongScore> explain(PlanSolution solution) {
    SolutionManager<PlanSolution, HardMediumSoftLongScore> manager = SolutionManager.create(Explainer.FACTORY);
    return manager.explain(solution);
  }

  /** The constraint-stream solver factory that explains scores, built once (solver factories are thread-safe). */
  private static final class Explainer {
    static final SolverFactory<PlanSolution> FACTORY = SolverFactory.create(new SolverConfig()
        .withSolutionClass(PlanSolution.class)
        .withEntityClasses(JobAssignment.class, JobSlot.class)
        .withScoreDirectorFactory(constraintStreams()));
  }
}
