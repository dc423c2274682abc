package dev.fairshift.solver.decompose;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.FairshiftException;
import dev.fairshift.core.Job;
import dev.fairshift.core.JobResult;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.TenantResult;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.bound.EmissionsBound;
import dev.fairshift.solver.bound.LowerBound;
import dev.fairshift.solver.optaplanner.OptaPlannerResult;
import dev.fairshift.solver.optaplanner.OptaPlannerScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OptaPlanner on problems of 100,000 jobs and more: the problem is split into parts that interact as
 * little as possible ({@link Split}: by region, where data residency ties hubs into groups, or by time
 * window), every part is solved by {@link OptaPlannerScheduler} in parallel from greedy's schedule, the
 * parts are merged in a fixed order, and a coordinating pass lets OptaPlanner move the jobs that span
 * parts (the costliest {@link Config#coordinationJobs()} of them and every one left out) with the rest
 * of the merged schedule fixed.
 *
 * <p>How parts stay independent: a part is a problem of its own ({@code Subproblem}) whose hubs keep only
 * the capacity, power cap and on-site renewables that jobs outside it leave over, so its emissions are
 * exactly its jobs' marginal emissions in the whole problem; a job's data transfer is kept exact. Tenant
 * caps are global: each part gets the tenant's unit-slots there plus a share of the slack under its cap
 * (in every fairness window) pro rata to the tenant's work in the part, so merged parts never exceed a
 * cap; guarantees are split pro rata to demand.
 *
 * <p>What is guaranteed: the result is checked by the {@link Evaluator}; a part's schedule is kept only
 * when it breaks no rule of the part and places more priority, or as much and emits less (on the
 * intensities solvers plan on), than the part's warm start; after each merge the whole schedule must be
 * feasible, place at least greedy's priority, emit no more than greedy when it places as much, and meet
 * as many tenant quotas as greedy, else the parts merged last are undone one by one (each undo in
 * {@link DecomposedResult#notes()}). So the result is never infeasible and never worse than greedy's.
 *
 * <pre>{@code
 * DecomposedScheduler solver = DecomposedScheduler.create(DecomposedScheduler.Config.builder()
 *     .split(Split.AUTO)
 *     .timeLimit(Duration.ofMinutes(2))     // all parts and the coordinating pass together
 *     .threads(4)
 *     .seed(7)
 *     .build());
 * DecomposedResult result = solver.solve(problem);
 * System.out.println(result.describe());    // per part: jobs, hubs, time, kg before and after; gaps
 * }</pre>
 *
 * <p><b>Determinism.</b> Parts get seeds derived from {@link Config#seed()} and their position, and are
 * merged in the partition's order whatever thread finishes first. With
 * {@link Config.Builder#scoreCalculationsPerJob(long)} every search ends after a fixed amount of work
 * and the same problem and seed give the same schedule; with a time limit (the default) each search
 * ends after as many moves as the machine managed, so results vary a little between runs, as with
 * {@link OptaPlannerScheduler}.
 *
 * <p>Immutable and thread-safe (as long as the greedy scheduler is).
 */
public final class DecomposedScheduler implements Scheduler {
  /** The solver name written into schedules. */
  public static final String NAME = "optaplanner-decomposed";

  private static final AtomicInteger POOLS = new AtomicInteger();
  private final Config config;

  private DecomposedScheduler(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A scheduler with {@code config}. */
  public static DecomposedScheduler create(Config config) {
    return new DecomposedScheduler(config);
  }

  /** A scheduler with {@link Config#defaults()}. */
  public static DecomposedScheduler withDefaults() {
    return new DecomposedScheduler(Config.defaults());
  }

  public Config config() {
    return config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Schedule schedule(Problem problem) {
    return solve(problem).schedule();
  }

  /** Solves {@code problem}; see the class documentation. */
  public DecomposedResult solve(Problem problem) {
    Objects.requireNonNull(problem, "problem");
    long t0 = System.nanoTime();
    Schedule greedySchedule = config.greedy().schedule(problem);
    Duration greedyTime = Duration.ofNanos(System.nanoTime() - t0);
    Evaluation greedy = Evaluator.evaluate(problem, greedySchedule);
    List<String> notes = new ArrayList<>();
    if (!greedy.feasible()) {
      notes.add("greedy's schedule breaks " + greedy.violations().size() + " hard rule(s) (" + greedy.violations().get(0)
          + "), so it is returned unchanged");
      return finish(problem, greedySchedule, greedy, greedy, Split.NONE, List.of(), Optional.empty(), greedyTime,
          t0, notes);
    }
    int targetParts = config.parts() > 0 ? config.parts()
        : Math.max(config.threads(), (int) Math.ceil(problem.jobs().size() / (double) config.targetPartJobs()));
    int windows = config.timeWindows() > 0 ? config.timeWindows()
        : Math.max(2, Math.min(targetParts, problem.horizon().slots() / 24));
    Partition partition = Partition.of(problem, greedySchedule, config.split(), targetParts, windows);

    State state = new State(problem, greedySchedule);
    Key greedyKey = Key.of(problem, greedy);
    int[] quotasGreedy = {quotasMet(greedy)};
    boolean coordinate = config.coordinationJobs() > 0 && partition.spanning().length > 0
        && partition.parts().size() > 1;

    // Phase 1: the parts, in parallel
    long remaining = config.timeLimit().toNanos() - (System.nanoTime() - t0);
    long partNanos = Math.max(Duration.ofMillis(500).toNanos(), coordinate ? remaining * 3 / 4 : remaining);
    long partDeadline = System.nanoTime() + partNanos;
    double[][] budgetShares = budgetShares(problem, partition.parts());
    long totalPartJobs = Math.max(1, partition.parts().stream().mapToLong(p -> p.jobs().length).sum());
    List<Callable<Outcome>> tasks = new ArrayList<>();
    Map<Integer, Assignment> start = Map.copyOf(state.placed);
    List<Unscheduled> startUnscheduled = state.unscheduledList();
    for (int i = 0; i < partition.parts().size(); i++) {
      Partition.Part part = partition.parts().get(i);
      double fraction = Math.min(1.0, config.threads() * part.jobs().length / (double) totalPartJobs);
      long ownNanos = (long) (partNanos * fraction);
      long seed = config.seed() + 7919L * (i + 1);
      double[] share = budgetShares[i];
      tasks.add(() -> {
        // a part that starts late (after others on its thread) gets what is left of the phase
        long left = partDeadline - System.nanoTime();
        Duration limit = Duration.ofNanos(Math.max(Duration.ofMillis(200).toNanos(), Math.min(ownNanos, left)));
        return solvePart(problem, start, startUnscheduled, part.name(), part.jobs(), part.hubs(), share, limit, seed);
      });
    }
    List<Outcome> outcomes = runAll(tasks);
    Evaluation merged = mergeAndCheck(problem, state, outcomes, greedy, greedyKey, quotasGreedy[0], notes);

    // Phase 2: the coordinating pass over the jobs that span parts
    Optional<PartReport> coordination = Optional.empty();
    if (coordinate) {
      int[] candidates = coordinationCandidates(problem, state, merged, partition.spanning());
      if (candidates.length > 0) {
        long left = config.timeLimit().toNanos() - (System.nanoTime() - t0);
        Duration limit = Duration.ofNanos(Math.max(Duration.ofMillis(500).toNanos(), left));
        double[] share = new double[problem.tenants().size()];
        Arrays.fill(share, 1.0);
        int[] allHubs = Partition.range(problem.hubs().size());
        Outcome outcome = solvePart(problem, Map.copyOf(state.placed), state.unscheduledList(), "coordination",
            candidates, allHubs, share, limit, config.seed() + 7919L * (partition.parts().size() + 1));
        merged = mergeAndCheck(problem, state, List.of(outcome), greedy, greedyKey, quotasGreedy[0], notes);
        coordination = Optional.of(outcome.report);
      }
    }
    return finish(problem, state.schedule(), merged, greedy, partition.split(),
        outcomes.stream().map(o -> o.report).toList(), coordination, greedyTime, t0, notes);
  }

  private DecomposedResult finish(Problem problem, Schedule schedule, Evaluation evaluation, Evaluation greedy,
      Split split, List<PartReport> parts, Optional<PartReport> coordination, Duration greedyTime, long t0,
      List<String> notes) {
    Schedule named = new Schedule(NAME, schedule.assignments(), schedule.unscheduled());
    Evaluation e = evaluation;
    Evaluation renamed = new Evaluation(NAME, e.basis(), e.energyKwh(), e.gridKwh(), e.renewableKwh(),
        e.transferKwh(), e.emissionsGrams(), e.transferEmissionsGrams(), e.plannedEmissionsGrams(), e.cost(),
        e.baselineEmissionsGrams(), e.jobs(), e.hubs(), e.tenants(), e.jainIndex(), e.violations());
    Optional<EmissionsBound> bound = config.bound() ? Optional.of(LowerBound.forSchedule(problem, renamed))
        : Optional.empty();
    return new DecomposedResult(named, renamed, greedy, split, parts, coordination, bound, greedyTime,
        Duration.ofNanos(System.nanoTime() - t0), notes);
  }

  /** Per part and tenant, the part's fraction of the tenant's work over all parts (shares of the cap's slack). */
  private static double[][] budgetShares(Problem problem, List<Partition.Part> parts) {
    int tenants = problem.tenants().size();
    long[][] work = new long[parts.size()][tenants];
    long[] total = new long[tenants];
    for (int p = 0; p < parts.size(); p++) {
      for (int j : parts.get(p).jobs()) {
        Job job = problem.jobs().get(j);
        int t = problem.tenantIndex(job.tenant());
        work[p][t] += job.unitSlots();
        total[t] += job.unitSlots();
      }
    }
    double[][] share = new double[parts.size()][tenants];
    for (int p = 0; p < parts.size(); p++) {
      for (int t = 0; t < tenants; t++) {
        share[p][t] = total[t] == 0 ? 0 : work[p][t] / (double) total[t];
      }
    }
    return share;
  }

  /** The unscheduled spanning jobs (highest priority first), then the scheduled ones that emit most. */
  private int[] coordinationCandidates(Problem problem, State state, Evaluation merged, int[] spanning) {
    List<Integer> out = new ArrayList<>();
    List<Integer> left = new ArrayList<>();
    List<Integer> placed = new ArrayList<>();
    for (int j : spanning) {
      (state.placed.containsKey(j) ? placed : left).add(j);
    }
    left.sort(Comparator.comparingInt((Integer j) -> -problem.jobs().get(j).priority()).thenComparingInt(j -> j));
    List<JobResult> results = merged.jobs();
    placed.sort(Comparator.comparingDouble((Integer j) -> -results.get(j).emissionsGrams()).thenComparingInt(j -> j));
    for (int j : left) {
      if (out.size() < config.coordinationJobs()) {
        out.add(j);
      }
    }
    for (int j : placed) {
      if (out.size() < config.coordinationJobs()) {
        out.add(j);
      }
    }
    return out.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  /** What solving one part gave: its report and, when kept, its jobs' new placements. */
  private record Outcome(PartReport report, int[] jobs, Optional<Schedule> schedule) {}

  private Outcome solvePart(Problem problem, Map<Integer, Assignment> current, List<Unscheduled> unscheduled,
      String name, int[] jobs, int[] hubs, double[] budgetShare, Duration limit, long seed) {
    long t0 = System.nanoTime();
    Subproblem sub;
    try {
      sub = Subproblem.of(problem, current, unscheduled, jobs, hubs, budgetShare);
    } catch (RuntimeException e) {
      return new Outcome(new PartReport(name, jobs.length, hubs.length, 0, Duration.ofNanos(System.nanoTime() - t0),
          0, 0, 0, 0, 0, false, "kept greedy's schedule: the part could not be built (" + e.getMessage() + ")"),
          new int[0], Optional.empty());
    }
    if (sub.jobs.length == 0) {
      return new Outcome(new PartReport(name, 0, hubs.length, sub.fixedJobs, Duration.ofNanos(System.nanoTime() - t0),
          0, 0, 0, 0, 0, false, "no job to move"), new int[0], Optional.empty());
    }
    Evaluation before = Evaluator.evaluate(sub.problem, sub.initial);
    Key beforeKey = Key.of(sub.problem, before);
    // Parts search from the decomposition's own start, as measured (DecompositionBenchmark): no priced starts.
    OptaPlannerScheduler.Config.Builder c = config.optaPlanner().toBuilder().seed(seed).pricedStarts(false);
    if (config.scoreCalculationsPerJob().isPresent()) {
      c.timeLimit(Duration.ofDays(1)).noUnimprovedTimeLimit()
          .scoreCalculationLimit(config.scoreCalculationsPerJob().getAsLong() * sub.jobs.length);
    } else {
      c.timeLimit(limit);
      if (config.optaPlanner().unimprovedTimeLimit().isPresent()) {
        c.unimprovedTimeLimit(max(Duration.ofMillis(100), limit.dividedBy(5)));
      }
    }
    Optional<Schedule> kept = Optional.empty();
    Key afterKey = beforeKey;
    long moves = 0;
    String note;
    try {
      OptaPlannerResult result = OptaPlannerScheduler.create(c.build()).solve(sub.problem, sub.initial);
      moves = result.statistics().scoreCalculationCount();
      Evaluation after = Evaluator.evaluate(sub.problem, result.schedule());
      Key key = Key.of(sub.problem, after);
      if (!after.feasible()) {
        note = "kept the warm start: the search's schedule breaks " + after.violations().get(0);
      } else if (key.compareTo(beforeKey) > 0) {
        kept = Optional.of(result.schedule());
        afterKey = key;
        note = "";
      } else {
        note = "kept the warm start: no improvement found";
      }
    } catch (RuntimeException e) {
      note = "kept the warm start: the search failed (" + e.getMessage() + ")";
    }
    PartReport report = new PartReport(name, sub.jobs.length, hubs.length, sub.fixedJobs,
        Duration.ofNanos(System.nanoTime() - t0), beforeKey.grams, afterKey.grams, beforeKey.priority,
        afterKey.priority, moves, kept.isPresent(), note);
    return new Outcome(report, sub.jobs, kept);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private List<Outcome> runAll(List<Callable<Outcome>> tasks) {
    int threads = Math.max(1, Math.min(config.threads(), tasks.size()));
    int pool = POOLS.incrementAndGet();
    AtomicInteger count = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "fairshift-decompose-" + pool + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Outcome>> futures = executor.invokeAll(tasks);
      List<Outcome> out = new ArrayList<>();
      for (Future<Outcome> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FairshiftException("The decomposed solve was interrupted. Maybe give it a longer time limit.", e);
    } catch (ExecutionException e) {
      throw new FairshiftException("A part of the decomposed solve failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * Merges the kept outcomes into {@code state} in order, then undoes them from the last while the
   * whole schedule breaks a rule, places less priority than greedy, emits more at equal priority or
   * meets fewer quotas. Returns the evaluation of what stays.
   */
  private static Evaluation mergeAndCheck(Problem problem, State state, List<Outcome> outcomes, Evaluation greedy,
      Key greedyKey, int greedyQuotas, List<String> notes) {
    List<Map<Integer, Assignment>> undo = new ArrayList<>();
    List<Map<Integer, Unscheduled>> undoUnscheduled = new ArrayList<>();
    List<Outcome> merged = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o.schedule.isEmpty()) {
        continue;
      }
      Map<Integer, Assignment> before = new HashMap<>();
      Map<Integer, Unscheduled> beforeUnscheduled = new HashMap<>();
      for (int j : o.jobs) {
        Assignment a = state.placed.remove(j);
        if (a != null) {
          before.put(j, a);
        }
        Unscheduled u = state.unscheduled.remove(j);
        if (u != null) {
          beforeUnscheduled.put(j, u);
        }
      }
      for (Assignment a : o.schedule.get().assignments()) {
        state.placed.put(problem.jobIndex(a.job()), a);
      }
      for (Unscheduled u : o.schedule.get().unscheduled()) {
        state.unscheduled.put(problem.jobIndex(u.job()), u);
      }
      undo.add(before);
      undoUnscheduled.add(beforeUnscheduled);
      merged.add(o);
    }
    Evaluation e = Evaluator.evaluate(problem, state.schedule());
    for (int k = merged.size() - 1; k >= 0 && !acceptable(problem, e, greedyKey, greedyQuotas); k--) {
      Outcome o = merged.get(k);
      String why = !e.feasible() ? "the merged schedule broke " + e.violations().get(0)
          : Key.of(problem, e).priority < greedyKey.priority ? "it placed less priority than greedy"
          : quotasMet(e) < greedyQuotas ? "it met fewer tenant quotas than greedy" : "it emitted more than greedy";
      for (int j : o.jobs) {
        state.placed.remove(j);
        state.unscheduled.remove(j);
      }
      state.placed.putAll(undo.get(k));
      state.unscheduled.putAll(undoUnscheduled.get(k));
      notes.add(o.report.name() + "'s schedule was undone: " + why);
      e = Evaluator.evaluate(problem, state.schedule());
    }
    return e;
  }

  private static boolean acceptable(Problem problem, Evaluation e, Key greedyKey, int greedyQuotas) {
    return e.feasible() && Key.of(problem, e).compareTo(greedyKey) >= 0 && quotasMet(e) >= greedyQuotas;
  }

  private static int quotasMet(Evaluation e) {
    int n = 0;
    for (TenantResult t : e.tenants()) {
      n += t.quotaMet() ? 1 : 0;
    }
    return n;
  }

  /** Placed priority (more is better), then planned emissions (less is better). */
  private record Key(long priority, double grams) implements Comparable<Key> {
    static Key of(Problem problem, Evaluation e) {
      long priority = 0;
      List<JobResult> jobs = e.jobs();
      for (int j = 0; j < jobs.size(); j++) {
        if (jobs.get(j).scheduled()) {
          priority += problem.jobs().get(j).priority();
        }
      }
      return new Key(priority, e.plannedEmissionsGrams().orElse(e.emissionsGrams()));
    }

    /** Positive when this is better; emissions within a milligram count as equal. */
    @Override
    public int compareTo(Key o) {
      if (priority != o.priority) {
        return Long.compare(priority, o.priority);
      }
      return Math.abs(grams - o.grams) <= 1e-3 ? 0 : Double.compare(o.grams, grams);
    }
  }

  /** The schedule being built: placements and reasons by job index. */
  private static final class State {
    final Problem problem;
    final Map<Integer, Assignment> placed = new TreeMap<>();
    final Map<Integer, Unscheduled> unscheduled = new TreeMap<>();

    State(Problem problem, Schedule start) {
      this.problem = problem;
      for (Assignment a : start.assignments()) {
        placed.put(problem.jobIndex(a.job()), a);
      }
      for (Unscheduled u : start.unscheduled()) {
        unscheduled.put(problem.jobIndex(u.job()), u);
      }
    }

    List<Unscheduled> unscheduledList() {
      return List.copyOf(unscheduled.values());
    }

    Schedule schedule() {
      return new Schedule(NAME, List.copyOf(placed.values()), List.copyOf(unscheduled.values()));
    }
  }

  @Override
  public String toString() {
    return "DecomposedScheduler" + config;
  }

  /**
   * How {@link DecomposedScheduler} solves. Build with {@link #builder()}. Immutable and thread-safe.
   *
   * @param split how to cut the problem (default {@link Split#AUTO})
   * @param threads parts solved at once (default the available processors)
   * @param parts how many parts to aim for; 0 (default) = max(threads, jobs / targetPartJobs)
   * @param targetPartJobs jobs per part to aim for when {@code parts} is 0 (default 10,000)
   * @param timeWindows windows of a {@link Split#TIME} split; 0 (default) = the parts aimed for, at
   *     most one per 24 slots, at least 2
   * @param timeLimit the whole solve's time: greedy, then three quarters of what is left for the parts
   *     (each part a share by its size and the threads), the rest for the coordinating pass (default 60 s)
   * @param scoreCalculationsPerJob when set, every search stops after this many score calculations per
   *     job of its part instead of on time, so the result does not depend on the machine (default unset)
   * @param coordinationJobs the most jobs the coordinating pass moves, 0 for none (default 5,000)
   * @param optaPlanner the search of each part (its time limit, seed and warm start are set per part)
   * @param greedy the warm start of the whole problem (default {@link Scheduler#greedy()})
   * @param seed the seed parts derive theirs from (default 0)
   * @param bound whether to compute {@code LowerBound.forSchedule} of the result (default true)
   */
  public record Config(Split split, int threads, int parts, int targetPartJobs, int timeWindows, Duration timeLimit,
      OptionalLong scoreCalculationsPerJob, int coordinationJobs, OptaPlannerScheduler.Config optaPlanner,
      Scheduler greedy, long seed, boolean bound) {

    public Config {
      Objects.requireNonNull(split, "split");
      Objects.requireNonNull(timeLimit, "timeLimit");
      Objects.requireNonNull(scoreCalculationsPerJob, "scoreCalculationsPerJob");
      Objects.requireNonNull(optaPlanner, "optaPlanner");
      Objects.requireNonNull(greedy, "greedy");
      if (threads < 1) {
        throw new IllegalArgumentException("Config threads is " + threads + " but must be at least 1. Maybe "
            + Runtime.getRuntime().availableProcessors() + " (the available processors).");
      }
      if (parts < 0 || timeWindows < 0 || coordinationJobs < 0) {
        throw new IllegalArgumentException("Config parts (" + parts + "), timeWindows (" + timeWindows
            + ") and coordinationJobs (" + coordinationJobs + ") must be at least 0. Maybe 0 for the defaults.");
      }
      if (targetPartJobs < 1) {
        throw new IllegalArgumentException("Config targetPartJobs is " + targetPartJobs
            + " but must be at least 1. Maybe 10000.");
      }
      if (timeLimit.isNegative() || timeLimit.isZero()) {
        throw new IllegalArgumentException("Config timeLimit is " + timeLimit + " but must be positive. Maybe "
            + "Duration.ofSeconds(60).");
      }
      if (scoreCalculationsPerJob.isPresent() && scoreCalculationsPerJob.getAsLong() < 0) {
        throw new IllegalArgumentException("Config scoreCalculationsPerJob is " + scoreCalculationsPerJob.getAsLong()
            + " but must be at least 0. Maybe 20.");
      }
    }

    /** The defaults, see the parameters. */
    public static Config defaults() {
      return builder().build();
    }

    public static Builder builder() {
      return new Builder();
    }

    /** A builder of {@link Config}; setters validate. Not thread-safe. */
    public static final class Builder {
      private Split split = Split.AUTO;
      private int threads = Runtime.getRuntime().availableProcessors();
      private int parts;
      private int targetPartJobs = 10_000;
      private int timeWindows;
      private Duration timeLimit = Duration.ofSeconds(60);
      private OptionalLong scoreCalculationsPerJob = OptionalLong.empty();
      private int coordinationJobs = 5_000;
      private OptaPlannerScheduler.Config optaPlanner = OptaPlannerScheduler.Config.defaults();
      private Scheduler greedy = Scheduler.greedy();
      private long seed;
      private boolean bound = true;

      private Builder() {}

      public Builder split(Split split) {
        this.split = Objects.requireNonNull(split, "split");
        return this;
      }

      /** Parts solved at once, at least 1. */
      public Builder threads(int threads) {
        if (threads < 1) {
          throw new IllegalArgumentException("threads is " + threads + " but must be at least 1.");
        }
        this.threads = threads;
        return this;
      }

      /** How many parts to aim for (0: from the threads and {@link #targetPartJobs(int)}). */
      public Builder parts(int parts) {
        if (parts < 0) {
          throw new IllegalArgumentException("parts is " + parts + " but must be at least 0 (0: automatic).");
        }
        this.parts = parts;
        return this;
      }

      public Builder targetPartJobs(int jobs) {
        if (jobs < 1) {
          throw new IllegalArgumentException("targetPartJobs is " + jobs + " but must be at least 1. Maybe 10000.");
        }
        this.targetPartJobs = jobs;
        return this;
      }

      /** Windows of a time split (0: automatic). */
      public Builder timeWindows(int windows) {
        if (windows < 0) {
          throw new IllegalArgumentException("timeWindows is " + windows + " but must be at least 0 (0: automatic).");
        }
        this.timeWindows = windows;
        return this;
      }

      /** The whole solve's time limit. */
      public Builder timeLimit(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.isNegative() || limit.isZero()) {
          throw new IllegalArgumentException("timeLimit is " + limit + " but must be positive. Maybe 60 s.");
        }
        this.timeLimit = limit;
        return this;
      }

      /** Stop every search after this many score calculations per job of its part (reproducible runs). */
      public Builder scoreCalculationsPerJob(long count) {
        if (count < 0) {
          throw new IllegalArgumentException("scoreCalculationsPerJob is " + count + " but must be at least 0. "
              + "Maybe 20.");
        }
        this.scoreCalculationsPerJob = OptionalLong.of(count);
        return this;
      }

      /** The most jobs the coordinating pass moves (0: no coordinating pass). */
      public Builder coordinationJobs(int jobs) {
        if (jobs < 0) {
          throw new IllegalArgumentException("coordinationJobs is " + jobs + " but must be at least 0.");
        }
        this.coordinationJobs = jobs;
        return this;
      }

      /** The search of each part; its time limit, seed and warm start are set per part. */
      public Builder optaPlanner(OptaPlannerScheduler.Config config) {
        this.optaPlanner = Objects.requireNonNull(config, "config");
        return this;
      }

      public Builder greedy(Scheduler greedy) {
        this.greedy = Objects.requireNonNull(greedy, "greedy");
        return this;
      }

      public Builder seed(long seed) {
        this.seed = seed;
        return this;
      }

      /** Whether to compute the lower bound of the result (it takes seconds at 100,000 jobs). */
      public Builder bound(boolean on) {
        this.bound = on;
        return this;
      }

      public Config build() {
        return new Config(split, threads, parts, targetPartJobs, timeWindows, timeLimit, scoreCalculationsPerJob,
            coordinationJobs, optaPlanner, greedy, seed, bound);
      }
    }
  }
}
