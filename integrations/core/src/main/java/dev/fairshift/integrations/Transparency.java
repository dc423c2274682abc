package dev.fairshift.integrations;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.TenantResult;
import dev.fairshift.solver.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Evaluates what the engine actually ran in the lookback window against the carbon-agnostic ASAP run of the
 * same jobs, and joins the current plan's fairness figures. Package-private.
 */
final class Transparency {

  private final LoopConfig config;
  private final IntensityFeed feed;

  Transparency(LoopConfig config, IntensityFeed feed) {
    this.config = config;
    this.feed = feed;
  }

  /** The figures of one tick. */
  record Figures(List<TenantFigures> tenants, double emissionsGrams, double asapEmissionsGrams, int jobsRan,
      Map<String, ZoneSignal> zones, Optional<LoopSchedule> ran) {
  }

  /**
   * The figures of this pass. {@code pools} are the engine's hubs as read in this pass: a hub's capacity in
   * the "what ran" problem is its pool's CPUs (so utilisation is against the real pool), or the peak the
   * engine actually ran there when that is more (jobs outside the view, a pool that shrank since).
   */
  Figures compute(Instant now, List<EngineJob> jobs, Optional<Evaluation> plan, Map<String, HubCapacity> pools) {
    Duration slot = config.slot();
    Instant since = now.minus(config.transparency().lookback());
    List<EngineJob> ran = new ArrayList<>();
    for (EngineJob j : jobs) {
      if (j.startedAt().isPresent() && !j.startedAt().get().isBefore(since) && !j.startedAt().get().isAfter(now)
          && j.pool().flatMap(config::hubForPool).isPresent() && config.tenantFor(j.tenant()).isPresent()) {
        ran.add(j);
      }
    }
    Map<String, ZoneSignal> zones = new LinkedHashMap<>();
    double actualGrams = 0;
    double asapGrams = 0;
    Map<String, TenantResult> actualTenants = new LinkedHashMap<>();
    Map<String, TenantResult> asapTenants = new LinkedHashMap<>();
    Optional<LoopSchedule> ranSchedule = Optional.empty();
    if (!ran.isEmpty()) {
      Instant first = null;
      Instant last = null;
      List<Job> problemJobs = new ArrayList<>();
      List<Assignment> actual = new ArrayList<>();
      Map<String, Instant> starts = new LinkedHashMap<>();
      for (EngineJob j : ran) {
        Instant start = floor(j.startedAt().get(), slot);
        Instant earliest = j.request().begin().filter(b -> b.isAfter(j.submittedAt())).orElse(j.submittedAt());
        Instant release = floor(earliest, slot);
        if (release.isAfter(start)) {
          release = start;
        }
        Instant end = j.endedAt().orElse(now);
        long slots = Math.max(1, ceilDiv(Duration.between(start, end).toSeconds(), slot.toSeconds()));
        Instant jobEnd = start.plus(slot.multipliedBy(slots));
        first = first == null || release.isBefore(first) ? release : first;
        last = last == null || jobEnd.isAfter(last) ? jobEnd : last;
        starts.put(j.id(), start);
      }
      int horizonSlots = (int) Math.min(100_000, ceilDiv(Duration.between(first, last).toSeconds(), slot.toSeconds()));
      Horizon horizon = new Horizon(first, slot, horizonSlots);
      Map<String, int[]> loadByHub = new LinkedHashMap<>();
      for (EngineJob j : ran) {
        Instant start = starts.get(j.id());
        Instant earliest = j.request().begin().filter(b -> b.isAfter(j.submittedAt())).orElse(j.submittedAt());
        Instant release = floor(earliest, slot);
        if (release.isAfter(start)) {
          release = start;
        }
        Instant end = j.endedAt().orElse(now);
        int slots = (int) Math.max(1, ceilDiv(Duration.between(start, end).toSeconds(), slot.toSeconds()));
        LoopConfig.HubConfig hub = config.hubForPool(j.pool().get()).orElseThrow();
        List<String> allowed = new ArrayList<>();
        for (String p : j.request().allowedPools()) {
          config.hubForPool(p).ifPresent(h -> allowed.add(h.id()));
        }
        if (!allowed.contains(hub.id()) && !allowed.isEmpty()) {
          allowed.add(hub.id());
        }
        int u = Math.max(1, j.request().cpus());
        int[] load = loadByHub.computeIfAbsent(hub.id(), k -> new int[horizonSlots]);
        int from = horizon.slotAtOrBefore(start);
        for (int t = from; t < Math.min(horizonSlots, from + slots); t++) {
          load[t] += u;
        }
        double kw = (j.request().cpus() * hub.wattsPerCpu() + j.request().gpus() * hub.wattsPerGpu()) / 1000.0;
        problemJobs.add(Job.builder(j.id(), j.tenant()).durationSlots(slots).powerKw(kw).units(u)
            .window(release, horizon.end()).allowedHubs(allowed).build());
        actual.add(Assignment.contiguous(j.id(), hub.id(), horizon.slotAtOrBefore(start), slots));
      }
      List<Hub> hubs = new ArrayList<>();
      for (LoopConfig.HubConfig h : config.hubs()) {
        int peak = java.util.Arrays.stream(loadByHub.getOrDefault(h.id(), new int[0])).max().orElse(0);
        int poolCpus = pools.containsKey(h.pool()) ? pools.get(h.pool()).totalCpus() : 0;
        Hub.Builder b = Hub.builder(h.id(), h.zone()).pue(h.pue()).capacityUnits(Math.max(1, Math.max(poolCpus, peak)));
        h.solar().ifPresent(sol -> b.renewableKw(SlotSeries.of(Planner.solar(sol, horizon))));
        hubs.add(b.build());
        zones.computeIfAbsent(h.zone(), z -> feed.actual(z, horizon));
      }
      Set<String> accounts = new LinkedHashSet<>();
      ran.forEach(j -> accounts.add(j.tenant()));
      Problem.Builder pb = Problem.builder().horizon(horizon).hubs(hubs)
          .tenants(Planner.tenants(config, accounts)).jobs(problemJobs);
      zones.values().forEach(z -> pb.zone(z.intensity()));
      Problem problem = pb.build();
      Schedule ranByEngine = new Schedule(PlanningLoop.RAN_SOLVER, actual, List.of());
      ranSchedule = Optional.of(new LoopSchedule(now, problem, ranByEngine));
      Evaluation ranEval = Evaluator.evaluate(problem, ranByEngine);
      Evaluation asapEval = Evaluator.evaluate(problem, Scheduler.asap().schedule(problem));
      actualGrams = ranEval.emissionsGrams();
      asapGrams = asapEval.emissionsGrams();
      ranEval.tenants().forEach(t -> actualTenants.put(t.tenant(), t));
      asapEval.tenants().forEach(t -> asapTenants.put(t.tenant(), t));
    }
    Map<String, TenantResult> planTenants = new LinkedHashMap<>();
    plan.ifPresent(e -> e.tenants().forEach(t -> planTenants.put(t.tenant(), t)));
    Set<String> all = new LinkedHashSet<>(actualTenants.keySet());
    all.addAll(planTenants.keySet());
    List<TenantFigures> figures = new ArrayList<>();
    for (String t : all) {
      TenantResult a = actualTenants.get(t);
      TenantResult asap = asapTenants.get(t);
      TenantResult p = planTenants.get(t);
      String cls = a != null ? a.tenantClass() : p.tenantClass();
      figures.add(new TenantFigures(t, cls, a == null ? 0 : a.scheduledJobs(),
          a == null ? Optional.empty() : a.waitP50(), a == null ? Optional.empty() : a.waitP95(),
          a == null ? 0 : a.emissionsGrams(), asap == null ? 0 : asap.emissionsGrams(),
          p == null || p.jobs() == 0 ? OptionalDouble.empty() : OptionalDouble.of(p.acceptanceRate()),
          p == null || p.quotaMet()));
    }
    return new Figures(figures, actualGrams, asapGrams, ran.size(), zones, ranSchedule);
  }

  static Instant floor(Instant t, Duration slot) {
    long s = slot.toSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), s) * s);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
