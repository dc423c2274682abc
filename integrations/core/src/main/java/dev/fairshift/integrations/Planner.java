package dev.fairshift.integrations;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.Job;
import dev.fairshift.core.JobResult;
import dev.fairshift.core.Problem;
import dev.fairshift.core.ProblemError;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.optaplanner.OptaPlannerResult;
import dev.fairshift.solver.optaplanner.OptaPlannerScheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link Problem} of one tick and turns its schedule into {@link Decision}s. Package-private.
 */
final class Planner {

  private static final Pattern JOB_PATH = Pattern.compile("^jobs\\[(\\d+)\\]");

  private final LoopConfig config;
  private final Scheduler greedy;

  Planner(LoopConfig config, Scheduler scheduler) {
    this.config = config;
    this.greedy = scheduler;
  }

  /** A decision with what made it, for the decision log. */
  record Choice(Decision decision, String hub, int firstSlot, String constraint) {
  }

  /** The plan of one tick. */
  record Plan(Problem problem, Schedule schedule, Evaluation evaluation, Map<String, Choice> choices,
      Map<String, String> notPlaced) {
  }

  Plan plan(Horizon horizon, List<JobMapper.Mapped> candidates, List<EngineJob> active,
      Map<String, HubCapacity> capacities, Map<String, ZoneSignal> zones) {
    List<Hub> hubs = hubs(horizon, active, capacities);
    Map<String, String> dropped = new LinkedHashMap<>();
    List<Job> jobs = new ArrayList<>();
    for (JobMapper.Mapped m : candidates) {
      m.job().ifPresent(jobs::add);
    }
    Problem problem = null;
    for (int attempt = 0; attempt < 4 && problem == null; attempt++) {
      Problem.Builder b = Problem.builder().horizon(horizon).hubs(hubs).tenants(tenants(jobs)).jobs(jobs);
      for (ZoneSignal z : zones.values()) {
        b.zone(z.intensity());
      }
      try {
        problem = b.build();
      } catch (InvalidProblemException e) {
        Set<Integer> bad = new HashSet<>();
        for (ProblemError err : e.errors()) {
          Matcher m = JOB_PATH.matcher(err.path());
          if (!m.find()) {
            throw e;
          }
          int index = Integer.parseInt(m.group(1));
          bad.add(index);
          dropped.put(jobs.get(index).id(), err.message());
        }
        List<Job> kept = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
          if (!bad.contains(i)) {
            kept.add(jobs.get(i));
          }
        }
        jobs = kept;
      }
    }
    if (problem == null) {
      throw new IllegalStateException("The loop's problem stayed invalid after dropping the jobs it named.");
    }
    Schedule schedule = greedy.schedule(problem);
    Evaluation evaluation = Evaluator.evaluate(problem, schedule);
    if (!config.planning().improveFor().isZero() && !problem.jobs().isEmpty()) {
      OptaPlannerScheduler opta = OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
          .timeLimit(config.planning().improveFor())
          .seed(config.planning().seed())
          .warmStart(greedy)
          .build());
      OptaPlannerResult better = opta.solve(problem, schedule);
      Evaluation e = better.evaluation();
      if (e.feasible() && e.scheduledJobs() >= evaluation.scheduledJobs()
          && planned(e) <= planned(evaluation) && e.allQuotasMet() == evaluation.allQuotasMet()) {
        schedule = better.schedule();
        evaluation = e;
      }
    }
    Schedule sticky = keepRecorded(problem, schedule, candidates);
    if (sticky != schedule) {
      Evaluation e = Evaluator.evaluate(problem, sticky);
      if (e.feasible() && e.allQuotasMet() == evaluation.allQuotasMet()) {
        schedule = sticky;
        evaluation = e;
      }
    }
    Map<String, String> notPlaced = new LinkedHashMap<>(dropped);
    for (Unscheduled u : schedule.unscheduled()) {
      notPlaced.put(u.job(), u.reason());
    }
    return new Plan(problem, schedule, evaluation, choices(problem, schedule, evaluation, zones), notPlaced);
  }

  /**
   * Moves each placed job back to the decision recorded on it when that placement still fits (window, hub,
   * capacity) and emits at most 0.5 g or 1 % more on the planning intensities, so that re-plans do not churn
   * the engine with equivalent decisions. Returns {@code schedule} itself when nothing moves.
   */
  private Schedule keepRecorded(Problem problem, Schedule schedule, List<JobMapper.Mapped> candidates) {
    Map<String, Decision> recorded = new HashMap<>();
    for (JobMapper.Mapped m : candidates) {
      m.engineJob().decision().ifPresent(d -> recorded.put(m.id(), d));
    }
    if (recorded.isEmpty()) {
      return schedule;
    }
    Horizon horizon = problem.horizon();
    Map<String, int[]> used = new HashMap<>();
    for (Hub h : problem.hubs()) {
      used.put(h.id(), new int[horizon.slots()]);
    }
    for (Assignment a : schedule.assignments()) {
      int units = problem.job(a.job()).units();
      for (int s : a.slots()) {
        used.get(a.hub())[s] += units;
      }
    }
    List<Assignment> out = new ArrayList<>();
    boolean moved = false;
    for (Assignment a : schedule.assignments()) {
      Decision d = recorded.get(a.job());
      Optional<String> hubId = d == null ? Optional.empty() : config.hubForPool(d.pool()).map(LoopConfig.HubConfig::id);
      if (d == null || hubId.isEmpty() || !horizon.contains(d.plannedStart())
          || !horizon.slotStart(horizon.slotAtOrBefore(d.plannedStart())).equals(d.plannedStart())) {
        out.add(a);
        continue;
      }
      int j = problem.jobIndex(a.job());
      Job job = problem.jobs().get(j);
      String rh = hubId.get();
      int rs = horizon.slotAtOrBefore(d.plannedStart());
      int dur = job.durationSlots();
      if ((rh.equals(a.hub()) && rs == a.firstSlot()) || job.interruptible() || !job.allows(rh)
          || rs < problem.releaseSlot(j) || rs + dur > problem.deadlineSlot(j) || rs == 0) {
        out.add(a);
        continue;
      }
      Hub hub = problem.hub(rh);
      int[] u = used.get(rh);
      boolean fits = true;
      for (int s = rs; s < rs + dur && fits; s++) {
        int own = a.hub().equals(rh) && a.slots().contains(s) ? job.units() : 0;
        fits = u[s] - own + job.units() <= hub.capacityUnitsAt(s);
      }
      double before = gridGrams(problem, problem.hub(a.hub()), job, a.firstSlot());
      double after = gridGrams(problem, hub, job, rs);
      if (!fits || after > before + Math.max(0.5, 0.01 * before)) {
        out.add(a);
        continue;
      }
      for (int s : a.slots()) {
        used.get(a.hub())[s] -= job.units();
      }
      for (int s = rs; s < rs + dur; s++) {
        u[s] += job.units();
      }
      out.add(Assignment.contiguous(a.job(), rh, rs, dur));
      moved = true;
    }
    return moved ? new Schedule(schedule.solver(), out, schedule.unscheduled()) : schedule;
  }

  /** Grid grams of {@code job} starting at {@code first} in {@code hub}, on the planning intensities. */
  private static double gridGrams(Problem problem, Hub hub, Job job, int first) {
    SlotSeries g = problem.zoneOf(hub).planningGramsPerKwh();
    double sum = 0;
    for (int s = first; s < first + job.durationSlots(); s++) {
      sum += g.at(s);
    }
    return job.powerKw() * hub.pue() * problem.horizon().slotLength().toSeconds() / 3600.0 * sum;
  }

  private static double planned(Evaluation e) {
    return e.plannedEmissionsGrams().orElse(e.emissionsGrams());
  }

  /** Capacity per hub and slot: the engine's CPUs, less work outside Fairshift, less Fairshift's active jobs. */
  private List<Hub> hubs(Horizon horizon, List<EngineJob> active, Map<String, HubCapacity> capacities) {
    List<Hub> hubs = new ArrayList<>();
    for (LoopConfig.HubConfig h : config.hubs()) {
      HubCapacity c = capacities.get(h.pool());
      double[] cap = new double[horizon.slots()];
      if (c != null && c.up()) {
        int base = h.maxCpus().map(m -> Math.min(m, c.totalCpus())).orElse(c.totalCpus());
        int managedNow = 0;
        int[] managed = new int[horizon.slots()];
        for (EngineJob j : active) {
          if (!activePool(j).equals(Optional.of(h.pool()))) {
            continue;
          }
          int units = Math.max(1, j.request().cpus());
          managedNow += j.state() == JobState.RUNNING ? units : 0;
          int end = endSlot(j, horizon);
          for (int s = 0; s < end; s++) {
            managed[s] += units;
          }
        }
        int foreign = Math.max(0, c.usedCpus() - managedNow);
        for (int s = 0; s < cap.length; s++) {
          cap[s] = Math.max(0, base - foreign - managed[s]);
        }
      }
      Hub.Builder b = Hub.builder(h.id(), h.zone()).pue(h.pue()).capacityUnits(SlotSeries.of(cap));
      h.solar().ifPresent(sol -> b.renewableKw(SlotSeries.of(solar(sol, horizon))));
      hubs.add(b.build());
    }
    return hubs;
  }

  /** Where an active (released or running) job holds capacity. */
  static Optional<String> activePool(EngineJob j) {
    if (j.pool().isPresent()) {
      return j.pool();
    }
    if (j.decision().isPresent()) {
      return Optional.of(j.decision().get().pool());
    }
    return j.request().allowedPools().isEmpty() ? Optional.empty() : Optional.of(j.request().allowedPools().get(0));
  }

  private int endSlot(EngineJob j, Horizon horizon) {
    Duration limit = j.request().timeLimit().orElse(config.defaults().timeLimit());
    Instant start = j.startedAt().orElse(horizon.start());
    return horizon.slotAtOrAfter(start.plus(limit));
  }

  static double[] solar(LoopConfig.Solar sol, Horizon horizon) {
    double[] kw = new double[horizon.slots()];
    double rise = sol.sunrise().toSecondOfDay();
    double set = sol.sunset().toSecondOfDay();
    for (int s = 0; s < kw.length; s++) {
      Instant mid = horizon.slotStart(s).plus(horizon.slotLength().dividedBy(2));
      LocalTime t = ZonedDateTime.ofInstant(mid, sol.timeZone()).toLocalTime();
      double x = t.toSecondOfDay();
      kw[s] = x <= rise || x >= set ? 0 : sol.peakKw() * Math.sin(Math.PI * (x - rise) / (set - rise));
    }
    return kw;
  }

  private List<Tenant> tenants(List<Job> jobs) {
    Set<String> accounts = new LinkedHashSet<>();
    for (Job j : jobs) {
      accounts.add(j.tenant());
    }
    return tenants(config, accounts);
  }

  /** Tenants for {@code accounts}; accounts on the default tenant share its guarantee equally. */
  static List<Tenant> tenants(LoopConfig config, Set<String> accounts) {
    long onDefault = accounts.stream()
        .filter(a -> config.tenants().stream().noneMatch(t -> t.account().equals(a))).count();
    List<Tenant> tenants = new ArrayList<>();
    for (String a : accounts) {
      Optional<LoopConfig.TenantSettings> own = config.tenants().stream().filter(t -> t.account().equals(a))
          .map(LoopConfig.TenantConfig::settings).findFirst();
      LoopConfig.TenantSettings s = own.orElseGet(() -> config.defaultTenant().orElseThrow());
      double guaranteed = own.isPresent() ? s.guaranteedShare() : s.guaranteedShare() / Math.max(1, onDefault);
      tenants.add(new Tenant(a, s.tenantClass(), guaranteed, s.maxShare(), s.weight()));
    }
    return tenants;
  }

  /** Decisions for every placed job, with grams saved against starting it at its release on the same hub. */
  private Map<String, Choice> choices(Problem problem, Schedule schedule, Evaluation plan,
      Map<String, ZoneSignal> zones) {
    List<Assignment> asSoon = new ArrayList<>();
    for (Assignment a : schedule.assignments()) {
      int j = problem.jobIndex(a.job());
      asSoon.add(Assignment.contiguous(a.job(), a.hub(), problem.releaseSlot(j), problem.jobs().get(j).durationSlots()));
    }
    Evaluation now = Evaluator.evaluate(problem, new Schedule("now", asSoon, List.of()));
    Map<String, Integer> used = new HashMap<>();
    for (Assignment a : schedule.assignments()) {
      int units = problem.job(a.job()).units();
      for (int s : a.slots()) {
        used.merge(a.hub() + "@" + s, units, Integer::sum);
      }
    }
    Horizon horizon = problem.horizon();
    Map<String, Choice> choices = new LinkedHashMap<>();
    for (Assignment a : schedule.assignments()) {
      int j = problem.jobIndex(a.job());
      Job job = problem.jobs().get(j);
      int release = problem.releaseSlot(j);
      int first = a.firstSlot();
      JobResult planned = plan.job(a.job());
      JobResult soon = now.job(a.job());
      double saved = soon.emissionsGrams() - planned.emissionsGrams();
      Hub hub = problem.hub(a.hub());
      double[] gco2 = zones.get(hub.zone()).intensity().gramsPerKwh().toArray(horizon.slots());
      String constraint;
      String reason;
      if (first == release) {
        constraint = release == 0 ? "none" : "earliest start";
        reason = release == 0 ? "runs now: no cleaner slot within its window"
            : "waits for its earliest start " + horizon.slotStart(release);
      } else if (saved > 0.5) {
        constraint = "carbon";
        reason = String.format(Locale.ROOT, "cleaner slot: %.0f g/kWh at %s vs %.0f at %s", gco2[first],
            horizon.slotStart(first), gco2[release], horizon.slotStart(release));
      } else {
        boolean full = used.getOrDefault(a.hub() + "@" + release, 0) + job.units() > hub.capacityUnitsAt(release);
        constraint = full ? "capacity" : "fairness";
        reason = full ? "capacity: " + hub.id() + " is full at " + horizon.slotStart(release)
            : "fairness: tenant shares (guarantees of others, its maxShare) keep it from " + horizon.slotStart(release);
      }
      String pool = config.hub(a.hub()).orElseThrow().pool();
      Decision d = new Decision(pool, horizon.slotStart(first), reason, Math.round(saved * 10) / 10.0);
      choices.put(a.job(), new Choice(d, a.hub(), first, constraint));
    }
    return choices;
  }
}
