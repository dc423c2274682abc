package dev.fairshift.solver.optaplanner.internal;

import dev.fairshift.core.AccountingKernel;
import dev.fairshift.core.Assignment;
import dev.fairshift.core.FairnessWindow;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.Unscheduled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Maps a core {@link Problem} (and optionally a schedule to start from) onto a {@link PlanSolution},
 * and a solution back onto a core {@link Schedule}. Stateless and thread-safe.
 */
public final class PlanBuilder {
  private static final double EPS = 1e-9;

  private PlanBuilder() {}

  /**
   * A solution of {@code problem} and the jobs left out of it.
   *
   * @param solution the planning solution
   * @param excluded jobs that fit no hub on their own and so cannot be planned (never for a valid
   *     problem, which the validator guarantees), with the reason
   */
  public record Plan(PlanSolution solution, List<Unscheduled> excluded) {
    public Plan {
      Objects.requireNonNull(solution, "solution");
      excluded = List.copyOf(excluded);
    }
  }

  /**
   * Builds the planning solution of {@code problem}. With an {@code initial} schedule every job takes
   * its place there when that place is within its value ranges, and is unscheduled otherwise (all
   * entities initialized, so the solver skips construction). Without one, hubs and starts are unset
   * for the construction heuristic, and interruptible jobs' slots spread over their feasible slots.
   */
  public static Plan build(Problem problem, double fairnessGramsPerUnitSlot, Optional<Schedule> initial) {
    return build(problem, fairnessGramsPerUnitSlot, initial, UnaryOperator.identity());
  }

  /**
   * {@link #build(Problem, double, Optional)}, letting {@code hubFacts} swap each freshly built hub
   * fact for an equivalent one (same hub, index and slot values), such as the fact a running solver
   * already plans with, so that a real-time planning change keeps the hubs that did not change.
   */
  public static Plan build(Problem problem, double fairnessGramsPerUnitSlot, Optional<Schedule> initial,
      UnaryOperator<HubFact> hubFacts) {
    Horizon horizon = problem.horizon();
    int slots = horizon.slots();
    PlanContext context = PlanContext.of(horizon.slotHours(), problem.carbonPricePerTonne(),
        problem.totalCapacityUnitSlots(), fairnessGramsPerUnitSlot);
    List<HubFact> hubs = hubs(problem, context).stream().map(hubFacts).toList();
    List<TenantFact> tenants = tenants(problem, context);

    List<JobFact> jobs = new ArrayList<>();
    List<JobAssignment> assignments = new ArrayList<>();
    List<JobSlot> jobSlots = new ArrayList<>();
    List<Unscheduled> excluded = new ArrayList<>();
    Map<String, Assignment> start = new HashMap<>();
    initial.ifPresent(s -> s.assignments().forEach(a -> start.putIfAbsent(a.job(), a)));

    for (int j = 0; j < problem.jobs().size(); j++) {
      Job job = problem.jobs().get(j);
      Ranges ranges = ranges(problem, j, hubs, slots);
      if (ranges.hubs.isEmpty()) {
        excluded.add(new Unscheduled(job.id(), "Job '" + job.id() + "' fits no allowed hub on its own: no hub offers "
            + job.units() + " units and its power for " + job.durationSlots() + " slots in its window. Maybe allow "
            + "another hub or widen its window."));
        continue;
      }
      boolean[] allowed = new boolean[hubs.size()];
      boolean[] moved = new boolean[hubs.size()];
      for (HubFact hub : hubs) {
        allowed[hub.index()] = job.allows(hub.id());
        moved[hub.index()] = job.movedTo(hub.id());
      }
      int firstJobSlot = job.interruptible() ? jobSlots.size() : -1;
      JobFact fact = new JobFact(j, job.id(), tenants.get(problem.tenantIndex(job.tenant())), job.durationSlots(),
          job.units(), Math.round(job.powerKw() * 1e9), job.priority(), job.interruptible(), problem.releaseSlot(j),
          problem.deadlineSlot(j), allowed, moved, AccountingKernel.transferKwh(job.dataGb(), problem.transferKwhPerGb()), ranges.hubs,
          ranges.starts, ranges.slots, firstJobSlot);
      jobs.add(fact);

      JobAssignment assignment = new JobAssignment(fact);
      List<JobSlot> parts = new ArrayList<>();
      for (int k = 0; k < (job.interruptible() ? job.durationSlots() : 0); k++) {
        parts.add(new JobSlot(fact, k));
      }
      if (initial.isPresent()) {
        place(fact, assignment, parts, Optional.ofNullable(start.get(job.id())));
      } else {
        // Slots start at distinct feasible slots, so that the construction heuristic choosing the
        // job's hub already sees their load; local search moves them from there.
        for (int k = 0; k < parts.size(); k++) {
          parts.get(k).setSlot(fact.slotRange().get(k * fact.slotRange().size() / parts.size()));
        }
      }
      assignments.add(assignment);
      jobSlots.addAll(parts);
    }
    PlanSolution solution = new PlanSolution(context, hubs, tenants, jobs, assignments, jobSlots);
    return new Plan(solution, excluded);
  }

  /** Places a job where {@code wanted} puts it, or unscheduled when that is outside its ranges. */
  private static void place(JobFact job, JobAssignment assignment, List<JobSlot> parts, Optional<Assignment> wanted) {
    HubFact hub = wanted.flatMap(a -> job.hubRange().stream().filter(h -> h.id().equals(a.hub())).findFirst())
        .orElse(null);
    if (!job.interruptible()) {
      Integer first = hub == null ? null : wanted.get().firstSlot();
      boolean ok = hub != null && wanted.get().slots().size() == job.durationSlots()
          && wanted.get().lastSlot() - first == job.durationSlots() - 1 && job.startRange().contains(first);
      assignment.setHub(ok ? hub : null);
      assignment.setStart(ok ? first : job.startRange().get(0));
      return;
    }
    assignment.setStart(job.startRange().get(0));
    List<Integer> slots = hub == null ? List.of() : wanted.get().slots();
    boolean ok = hub != null && slots.size() == job.durationSlots() && Set.copyOf(slots).size() == slots.size()
        && job.slotRange().containsAll(slots);
    assignment.setHub(ok ? hub : null);
    for (int k = 0; k < parts.size(); k++) {
      JobSlot part = parts.get(k);
      part.setHub(ok ? hub : null);
      part.setSlot(ok ? slots.get(k) : job.slotRange().get(k));
    }
  }

  private static List<HubFact> hubs(Problem problem, PlanContext context) {
    int slots = problem.horizon().slots();
    double t = problem.horizon().slotHours();
    List<HubFact> hubs = new ArrayList<>();
    for (int h = 0; h < problem.hubs().size(); h++) {
      Hub hub = problem.hubs().get(h);
      SlotSeries grams = problem.zoneOf(hub).planningGramsPerKwh();
      List<HubSlot> hubSlots = new ArrayList<>(slots);
      for (int s = 0; s < slots; s++) {
        hubSlots.add(new HubSlot(hub.id(), h, s, hub.capacityUnitsAt(s), hub.powerCapKwAt(s), hub.pue(),
            AccountingKernel.renewableSupplyKwh(hub.renewableKw().at(s), t), grams.at(s), hub.pricePerKwh().at(s), context));
      }
      hubs.add(new HubFact(hub.id(), h, hubSlots));
    }
    return List.copyOf(hubs);
  }

  /**
   * The tenants with their fairness windows: per window, the demand of the jobs released there,
   * min(that, guaranteedShare x the window's capacity) and maxShare x the window's capacity (the
   * Evaluator's expressions, so that the doubles compare alike).
   */
  private static List<TenantFact> tenants(Problem problem, PlanContext context) {
    int n = problem.tenants().size();
    long[] demand = new long[n];
    long[][] windowDemand = new long[n][];
    for (int i = 0; i < n; i++) {
      windowDemand[i] = new long[problem.fairnessWindows(i).size()];
    }
    for (int j = 0; j < problem.jobs().size(); j++) {
      Job job = problem.jobs().get(j);
      int i = problem.tenantIndex(job.tenant());
      demand[i] += job.unitSlots();
      windowDemand[i][problem.fairnessWindowAt(i, problem.releaseSlot(j)).index()] += job.unitSlots();
    }
    long total = problem.totalCapacityUnitSlots();
    List<TenantFact> tenants = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Tenant tenant = problem.tenants().get(i);
      List<TenantWindow> windows = new ArrayList<>();
      double guaranteed = 0;
      boolean wholeHorizon = problem.fairnessWindows(i).size() == 1;
      for (FairnessWindow w : problem.fairnessWindows(i)) {
        long d = windowDemand[i][w.index()];
        double g = Math.min(d, tenant.guaranteedShare() * w.capacityUnitSlots());
        guaranteed += g;
        windows.add(new TenantWindow(tenant.id(), w.index(), w.startSlot(), w.endSlot(), d, g,
            tenant.maxShare() * w.capacityUnitSlots(), wholeHorizon, context));
      }
      tenants.add(new TenantFact(tenant.id(), tenant.weight(), demand[i], guaranteed, tenant.maxShare() * total,
          context, problem.fairnessWindows(i).get(0).slots(), windows));
    }
    return List.copyOf(tenants);
  }

  /** A job's value ranges. */
  private record Ranges(List<HubFact> hubs, List<Integer> starts, List<Integer> slots) {}

  /** Whether job {@code job} fits on its own in {@code hub} in slot {@code s}: capacity and power cap. */
  static boolean fitsAlone(Job job, Hub hub, int s) {
    return hub.capacityUnitsAt(s) >= job.units() && job.powerKw() * hub.pue() <= hub.powerCapKwAt(s) + EPS;
  }

  private static Ranges ranges(Problem problem, int j, List<HubFact> hubFacts, int slots) {
    Job job = problem.jobs().get(j);
    int release = problem.releaseSlot(j);
    int deadline = problem.deadlineSlot(j);
    int duration = job.durationSlots();
    boolean[] startOk = new boolean[slots];
    boolean[] slotOk = new boolean[slots];
    List<HubFact> hubs = new ArrayList<>();
    for (int h = 0; h < problem.hubs().size(); h++) {
      Hub hub = problem.hubs().get(h);
      if (!job.allows(hub.id())) {
        continue;
      }
      boolean any = false;
      if (job.interruptible()) {
        int count = 0;
        boolean[] here = new boolean[slots];
        for (int s = release; s < deadline; s++) {
          if (fitsAlone(job, hub, s)) {
            here[s] = true;
            count++;
          }
        }
        if (count >= duration) {
          any = true;
          for (int s = release; s < deadline; s++) {
            slotOk[s] |= here[s];
          }
        }
      } else {
        int run = 0;
        for (int s = release; s < deadline; s++) {
          run = fitsAlone(job, hub, s) ? run + 1 : 0;
          if (run >= duration) {
            startOk[s - duration + 1] = true;
            any = true;
          }
        }
      }
      if (any) {
        hubs.add(hubFacts.get(h));
      }
    }
    List<Integer> starts = new ArrayList<>();
    List<Integer> slotList = new ArrayList<>();
    for (int s = 0; s < slots; s++) {
      if (startOk[s]) {
        starts.add(s);
      }
      if (slotOk[s]) {
        slotList.add(s);
      }
    }
    if (job.interruptible()) {
      starts = List.of(release);
    }
    return new Ranges(hubs, starts, slotList);
  }

  /**
   * Reads the schedule a solution describes: its scheduled jobs as assignments in problem order; its
   * unscheduled jobs and the {@code excluded} ones as unscheduled, with {@code reasons} (job id to
   * reason) or a generic reason.
   */
  public static Schedule read(String solverName, Problem problem, PlanSolution solution, List<Unscheduled> excluded,
      Map<String, String> reasons) {
    Map<String, List<Integer>> slotsOf = new HashMap<>();
    for (JobSlot part : solution.getJobSlots()) {
      slotsOf.computeIfAbsent(part.job().id(), k -> new ArrayList<>()).add(part.getSlot());
    }
    Map<String, JobAssignment> byJob = new HashMap<>();
    for (JobAssignment a : solution.getAssignments()) {
      byJob.put(a.job().id(), a);
    }
    Map<String, Unscheduled> excludedByJob = new HashMap<>();
    excluded.forEach(u -> excludedByJob.put(u.job(), u));
    List<Assignment> assignments = new ArrayList<>();
    List<Unscheduled> unscheduled = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Job job : problem.jobs()) {
      if (!seen.add(job.id())) {
        continue;
      }
      JobAssignment a = byJob.get(job.id());
      if (a == null) {
        Unscheduled u = excludedByJob.get(job.id());
        unscheduled.add(u != null ? u : new Unscheduled(job.id(), "Job '" + job.id() + "' was not planned."));
      } else if (a.getHub() == null || (!job.interruptible() && a.getStart() == null)) {
        unscheduled.add(new Unscheduled(job.id(), reasons.getOrDefault(job.id(),
            "Job '" + job.id() + "' was left unscheduled by the solver.")));
      } else if (job.interruptible()) {
        List<Integer> slots = new ArrayList<>(slotsOf.getOrDefault(job.id(), List.of()));
        slots.sort(null);
        assignments.add(new Assignment(job.id(), a.getHub().id(), slots));
      } else {
        assignments.add(Assignment.contiguous(job.id(), a.getHub().id(), a.getStart(), job.durationSlots()));
      }
    }
    return new Schedule(solverName, assignments, unscheduled);
  }
}
