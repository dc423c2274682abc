package dev.fairshift.solver.optaplanner.internal;

import dev.fairshift.core.Hub;
import dev.fairshift.core.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.optaplanner.core.api.solver.change.ProblemChange;
import org.optaplanner.core.api.solver.change.ProblemChangeDirector;

/**
 * One change of a re-planning session as an OptaPlanner {@link ProblemChange}: it brings the
 * solver's working solution to the session's new problem and "now" while every job keeps its place
 * where it still can. Run by the solver thread, between two runs, through the
 * {@link ProblemChangeDirector} so that the incremental score follows every step:
 * <ol>
 *   <li>jobs that started before now (scheduled with a first slot before now) are pinned where they
 *       run ({@code changeProblemProperty} of their {@code @PlanningPin});
 *   <li>the new {@link PlanningView} is planned: jobs not yet started are released no earlier than
 *       now, and jobs that can no longer run are left out;
 *   <li>entities of jobs left out or cancelled are removed ({@code removeEntity});
 *   <li>facts that changed are replaced ({@code removeProblemFact}, {@code addProblemFact} on copies of
 *       the fact lists, which planning clones share): hubs whose planning intensities changed,
 *       tenants whose demand changed, and jobs whose fact changed (window, position, tenant or hubs),
 *       the latter also on their entities ({@code changeProblemProperty});
 *   <li>variables follow ({@code changeVariable}): hubs to the replaced hub facts, and a job not yet
 *       started whose hub, start or slots fall outside its new value ranges becomes unscheduled and
 *       takes values inside them;
 *   <li>new jobs are added as entities without hub and start ({@code addEntity}), for the
 *       construction heuristic to place when the solver restarts.
 * </ol>
 * Afterwards the solution is, fact for fact, what {@link PlanBuilder} builds for the new view (with
 * the unchanged facts kept), and {@code view} holds the new view. Immutable; {@code doChange} is
 * called by one solver thread.
 */
public final class ReplanChange implements ProblemChange<PlanSolution> {
  private final Problem problem;
  private final int nowSlot;
  private final long revision;
  private final boolean priced;
  private final double fairnessGramsPerUnitSlot;
  private final AtomicReference<PlanningView> view;

  /**
   * @param problem the session's problem after the change
   * @param nowSlot the session's now after the change
   * @param revision the number of changes the session accepted up to this one
   * @param priced whether the solver plans with the carbon price
   * @param fairnessGramsPerUnitSlot the fair-share scale
   * @param view the view the working solution plans; read before and replaced after the change
   */
  public ReplanChange(Problem problem, int nowSlot, long revision, boolean priced, double fairnessGramsPerUnitSlot,
      AtomicReference<PlanningView> view) {
    this.problem = Objects.requireNonNull(problem, "problem");
    this.nowSlot = nowSlot;
    this.revision = revision;
    this.priced = priced;
    this.fairnessGramsPerUnitSlot = fairnessGramsPerUnitSlot;
    this.view = Objects.requireNonNull(view, "view");
  }

  @Override
  public void doChange(PlanSolution working, ProblemChangeDirector director) {
    PlanningView before = view.get();
    Map<String, List<JobSlot>> partsOf = partsByJob(working.getJobSlots());
    Set<String> started = new HashSet<>();
    for (JobAssignment a : working.getAssignments()) {
      if (a.isPinned() || startsBefore(a, partsOf.getOrDefault(a.getId(), List.of()), nowSlot)) {
        started.add(a.getId());
      }
    }
    PlanningView after = PlanningView.of(problem, nowSlot, started, priced, revision);
    List<HubFact> oldHubs = working.getHubs();
    boolean sameContext = sameContext(before.planning(), after.planning());
    PlanSolution fresh = PlanBuilder.build(after.planning(), fairnessGramsPerUnitSlot, Optional.empty(),
        hub -> sameContext && samePlanningSlots(before.planning(), after.planning(), hub.index())
            ? oldHubs.get(hub.index()) : hub).solution();
    if (!fresh.getContext().equals(working.getContext())) {
      throw new IllegalStateException("A re-planning change would change the problem constants from "
          + working.getContext() + " to " + fresh.getContext() + "; a session keeps its horizon, hubs and prices.");
    }
    boolean allHubsKept = true;
    for (int i = 0; i < oldHubs.size(); i++) {
      allHubsKept &= fresh.getHubs().get(i) == oldHubs.get(i);
    }

    // Planning clones share their fact lists: change copies, so that the best solution stays as it is.
    List<HubFact> hubs = new ArrayList<>(working.getHubs());
    List<TenantFact> tenants = new ArrayList<>(working.getTenants());
    List<JobFact> jobs = new ArrayList<>(working.getJobs());
    working.setHubs(hubs);
    working.setTenants(tenants);
    working.setJobs(jobs);

    Map<String, JobFact> freshFacts = new LinkedHashMap<>();
    fresh.getJobs().forEach(f -> freshFacts.put(f.id(), f));
    for (JobAssignment a : List.copyOf(working.getAssignments())) {
      if (!freshFacts.containsKey(a.getId())) {
        for (JobSlot part : partsOf.getOrDefault(a.getId(), List.of())) {
          director.removeEntity(part, working.getJobSlots()::remove);
        }
        director.removeEntity(a, working.getAssignments()::remove);
      }
    }
    for (int i = 0; i < hubs.size(); i++) {
      HubFact next = fresh.getHubs().get(i);
      if (next != hubs.get(i)) {
        int at = i;
        director.removeProblemFact(hubs.get(i), h -> hubs.remove(at));
        director.addProblemFact(next, h -> hubs.add(at, h));
      }
    }
    for (int i = 0; i < tenants.size(); i++) {
      TenantFact next = fresh.getTenants().get(i);
      if (!next.equals(tenants.get(i))) {
        int at = i;
        director.removeProblemFact(tenants.get(i), t -> tenants.remove(at));
        director.addProblemFact(next, t -> tenants.add(at, t));
      }
    }

    Map<String, JobAssignment> entityOf = new HashMap<>();
    working.getAssignments().forEach(a -> entityOf.put(a.getId(), a));
    Set<String> keptFacts = new HashSet<>();
    for (JobFact f : fresh.getJobs()) {
      JobAssignment a = entityOf.get(f.id());
      if (a != null && allHubsKept && sameJob(before, after, a.job(), f)) {
        keptFacts.add(f.id());
      }
    }
    for (JobFact old : List.copyOf(jobs)) {
      if (!keptFacts.contains(old.id())) {
        director.removeProblemFact(old, jobs::remove);
      }
    }
    for (JobFact f : fresh.getJobs()) {
      if (!keptFacts.contains(f.id())) {
        director.addProblemFact(f, x -> jobs.add(x.index(), x));
      }
    }

    Map<String, List<JobSlot>> freshParts = partsByJob(fresh.getJobSlots());
    Map<String, JobAssignment> freshEntities = new HashMap<>();
    fresh.getAssignments().forEach(a -> freshEntities.put(a.getId(), a));
    for (JobFact f : fresh.getJobs()) {
      JobAssignment a = entityOf.get(f.id());
      if (a == null) {
        director.addEntity(freshEntities.get(f.id()), working.getAssignments()::add);
        for (JobSlot part : freshParts.getOrDefault(f.id(), List.of())) {
          director.addEntity(part, working.getJobSlots()::add);
        }
        continue;
      }
      List<JobSlot> parts = partsOf.getOrDefault(f.id(), List.of());
      JobFact fact = keptFacts.contains(f.id()) ? a.job() : f;
      if (a.job() != fact) {
        director.changeProblemProperty(a, x -> x.setJob(fact));
        for (JobSlot part : parts) {
          director.changeProblemProperty(part, x -> x.setJob(fact));
        }
      }
      HubFact hub = a.getHub() == null ? null : hubs.get(a.getHub().index());
      if (after.startedJobs().contains(f.id())) {
        keepStarted(director, a, parts, hub);
      } else {
        fitRanges(director, a, parts, fact, hub);
      }
    }
    checkShape(working);
    view.set(after);
  }

  /** Whether the job is scheduled with its first slot before {@code nowSlot}. */
  private static boolean startsBefore(JobAssignment a, List<JobSlot> parts, int nowSlot) {
    if (a.getHub() == null || a.getStart() == null) {
      return false;
    }
    if (!a.job().interruptible()) {
      return a.getStart() < nowSlot;
    }
    return parts.stream().anyMatch(p -> p.getSlot() != null && p.getSlot() < nowSlot);
  }

  /** The horizon, prices and capacity the problem constants derive from. */
  private static boolean sameContext(Problem before, Problem after) {
    return before.horizon().equals(after.horizon())
        && Double.compare(before.carbonPricePerTonne(), after.carbonPricePerTonne()) == 0
        && before.hubs().equals(after.hubs());
  }

  /** Whether hub number {@code h} plans on the same intensities in both problems. */
  private static boolean samePlanningSlots(Problem before, Problem after, int h) {
    Hub hub = after.hubs().get(h);
    return before.zoneOf(hub).planningGramsPerKwh().equals(after.zoneOf(hub).planningGramsPerKwh());
  }

  /**
   * Whether {@code old} still describes the job: it comes from the same planning job at the same
   * positions with an equal tenant fact (the hubs, which the caller checks, being the same).
   */
  private static boolean sameJob(PlanningView before, PlanningView after, JobFact old, JobFact fresh) {
    return old.index() == fresh.index()
        && old.firstJobSlotIndex() == fresh.firstJobSlotIndex()
        && old.tenant().equals(fresh.tenant())
        && before.planning().hasJob(old.id())
        && before.planning().job(old.id()).equals(after.planning().job(fresh.id()));
  }

  /** Pins a started job where it runs, on the current fact of its hub. */
  private static void keepStarted(ProblemChangeDirector director, JobAssignment a, List<JobSlot> parts, HubFact hub) {
    if (!a.isPinned()) {
      director.changeProblemProperty(a, x -> x.setPinned(true));
      for (JobSlot part : parts) {
        director.changeProblemProperty(part, x -> x.setPinned(true));
      }
    }
    if (hub != a.getHub()) {
      director.changeVariable(a, "hub", x -> x.setHub(hub));
    }
  }

  /**
   * Keeps a job that has not started where it is when that is within its value ranges; otherwise it
   * becomes unscheduled, its start and slots moved into the ranges. A job without a start (not yet
   * constructed) keeps none.
   */
  private static void fitRanges(ProblemChangeDirector director, JobAssignment a, List<JobSlot> parts, JobFact fact,
      HubFact hub) {
    boolean placed = hub != null && fact.hubRange().contains(hub);
    Integer start = a.getStart();
    Integer newStart = start;
    if (start != null && fact.interruptible()) {
      newStart = fact.startRange().get(0);
    } else if (start != null && !fact.startRange().contains(start)) {
      newStart = fact.startRange().get(0);
      placed = false;
    }
    Set<Integer> taken = new HashSet<>();
    for (JobSlot part : parts) {
      if (part.getSlot() != null && fact.slotRange().contains(part.getSlot())) {
        taken.add(part.getSlot());
      }
    }
    for (JobSlot part : parts) {
      if (part.getSlot() == null || !fact.slotRange().contains(part.getSlot())) {
        placed = false;
        Integer slot = fact.slotRange().stream().filter(s -> !taken.contains(s)).findFirst()
            .orElse(fact.slotRange().get(0));
        taken.add(slot);
        director.changeVariable(part, "slot", x -> x.setSlot(slot));
      }
    }
    HubFact newHub = placed ? hub : null;
    if (newHub != a.getHub()) {
      director.changeVariable(a, "hub", x -> x.setHub(newHub));
    }
    if (!Objects.equals(newStart, start)) {
      Integer value = newStart;
      director.changeVariable(a, "start", x -> x.setStart(value));
    }
  }

  /** Job slots grouped by job id, each group in part order. */
  private static Map<String, List<JobSlot>> partsByJob(List<JobSlot> slots) {
    Map<String, List<JobSlot>> out = new HashMap<>();
    for (JobSlot part : slots) {
      out.computeIfAbsent(part.job().id(), k -> new ArrayList<>()).add(part);
    }
    return out;
  }

  /**
   * Checks that entities sit where their facts say (job i at position i, job slots at their job's
   * first index plus part), which the job-slot hub listener relies on.
   */
  private static void checkShape(PlanSolution working) {
    List<JobAssignment> assignments = working.getAssignments();
    for (int i = 0; i < assignments.size(); i++) {
      if (assignments.get(i).job().index() != i || working.getJobs().get(i) != assignments.get(i).job()) {
        throw new IllegalStateException("After a re-planning change job '" + assignments.get(i).getId()
            + "' sits at position " + i + " but its fact says " + assignments.get(i).job().index() + ".");
      }
    }
    List<JobSlot> slots = working.getJobSlots();
    for (int i = 0; i < slots.size(); i++) {
      JobSlot part = slots.get(i);
      if (part.job().firstJobSlotIndex() + part.part() != i) {
        throw new IllegalStateException("After a re-planning change job slot '" + part.getId() + "' sits at position "
            + i + " but its fact says " + (part.job().firstJobSlotIndex() + part.part()) + ".");
      }
    }
  }

  @Override
  public String toString() {
    return "ReplanChange[revision " + revision + ", now slot " + nowSlot + ", " + problem + "]";
  }
}
