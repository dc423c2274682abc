package dev.fairshift.solver.optaplanner.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.calculator.IncrementalScoreCalculator;

/**
 * The score of {@link FairshiftConstraints}, computed incrementally on plain arrays: the search's
 * score calculation. A move of a job over {@code d} slots costs O(d) array updates and allocates
 * nothing, where the constraint streams regroup {@code d} (hub, slot) matches through several nodes.
 *
 * <p>{@link FairshiftConstraints} stays the definition: it names and justifies every match for the
 * score explanation, and OptaPlanner's {@code FULL_ASSERT} mode checks this class against it after
 * every move (its assertion score director, see {@link SolverRun#factory}). Every amount is computed
 * by the same fact methods ({@link HubSlot#gridEmissionsMg}, {@link TenantFact#quotaShortfall}, ...),
 * so the two agree to the milligram.
 *
 * <p>Events are handled the usual way: an entity's contribution is retracted before a change and
 * inserted after it. Per-job amounts that depend on several entities (an interruptible job's
 * transfer emissions and duplicate slots) are recomputed after each change of any of them and
 * replace the job's previous amount. Problem fact changes reset everything
 * ({@link #resetWorkingSolution}), as OptaPlanner's incremental score director does.
 *
 * <p>Mutable; one instance per score director, as OptaPlanner creates them; not thread-safe.
 */
public final class FairshiftIncrementalScore
    implements IncrementalScoreCalculator<PlanSolution, HardMediumSoftLongScore> {

  /** Per interruptible job: its slots. */
  private Map<JobFact, List<JobSlot>> slotsOfJob;
  /**
   * Units and IT micro-watts per hub and slot; by hub fact identity, as the constraint streams group
   * by (hub, slot) fact, so that a hub fact being replaced by a real-time change is counted apart.
   */
  private Map<HubFact, HubLoad> loads;
  /**
   * Per tenant: unit-slots of initialized jobs with a hub (the fair share's sum); per tenant and
   * fairness window: unit-slots of the jobs released there that have a hub (the guarantee's sum) and
   * unit-slots running in its slots (the cap's sum).
   */
  private Map<TenantFact, Integer> tenantIndex;
  private TenantFact[] tenants;
  private long[] usedUnitSlots;
  private long[][] releasedUnitSlots;
  private long[][] runningUnitSlots;
  /** Per job index: its current transfer emissions (mg) and duplicate-slot penalty. */
  private long[] transferMg;
  private long[] duplicatePenalty;
  private int[] slotCounts;

  private long hard;
  private long medium;
  private long soft;

  /**
   * Counts {@code solution} from scratch. OptaPlanner also calls this after every problem fact change,
   * including midway through a real-time {@link org.optaplanner.core.api.solver.change.ProblemChange}
   * when an entity may still refer to a fact just removed from its list; so hubs, tenants and jobs are
   * taken from the entities as well as from the fact lists.
   */
  @Override
  public void resetWorkingSolution(PlanSolution solution) {
    int slotCount = 0;
    int jobCount = 0;
    for (HubFact hub : solution.getHubs()) {
      slotCount = Math.max(slotCount, hub.slots().size());
    }
    for (JobFact job : solution.getJobs()) {
      jobCount = Math.max(jobCount, job.index() + 1);
    }
    List<Occupant> occupants = new ArrayList<>(solution.getAssignments());
    occupants.addAll(solution.getJobSlots());
    for (Occupant occupant : occupants) {
      jobCount = Math.max(jobCount, occupant.job().index() + 1);
    }
    loads = new IdentityHashMap<>();
    tenantIndex = new HashMap<>(); // by equality, as the constraint streams group tenants
    tenants = new TenantFact[0];
    usedUnitSlots = new long[0];
    releasedUnitSlots = new long[0][];
    runningUnitSlots = new long[0][];
    transferMg = new long[jobCount];
    duplicatePenalty = new long[jobCount];
    slotCounts = new int[slotCount];
    slotsOfJob = new IdentityHashMap<>();
    hard = 0;
    medium = 0;
    soft = 0;
    for (TenantFact tenant : solution.getTenants()) {
      tenant(tenant);
    }
    for (JobSlot slot : solution.getJobSlots()) {
      slotsOfJob.computeIfAbsent(slot.job(), j -> new ArrayList<>()).add(slot);
    }
    for (JobAssignment assignment : solution.getAssignments()) {
      insert(assignment);
    }
    for (JobSlot slot : solution.getJobSlots()) {
      insert(slot);
    }
  }

  /** The index of {@code tenant}, counting it in (with nothing scheduled) the first time it is seen. */
  private int tenant(TenantFact tenant) {
    Integer known = tenantIndex.get(tenant);
    if (known != null) {
      return known;
    }
    int t = tenants.length;
    tenantIndex.put(tenant, t);
    tenants = Arrays.copyOf(tenants, t + 1);
    tenants[t] = tenant;
    usedUnitSlots = Arrays.copyOf(usedUnitSlots, t + 1);
    releasedUnitSlots = Arrays.copyOf(releasedUnitSlots, t + 1);
    runningUnitSlots = Arrays.copyOf(runningUnitSlots, t + 1);
    releasedUnitSlots[t] = new long[tenant.windows().size()];
    runningUnitSlots[t] = new long[tenant.windows().size()];
    soft += tenant.fairnessMg(0);
    for (TenantWindow window : tenant.windows()) {
      guarantee(tenant, window, 0, +1);
      cap(window, 0, +1);
    }
    return t;
  }

  @Override
  public void beforeEntityAdded(Object entity) {
    // Nothing counted yet.
  }

  @Override
  public void afterEntityAdded(Object entity) {
    if (entity instanceof JobSlot slot) {
      slotsOfJob.computeIfAbsent(slot.job(), j -> new ArrayList<>()).add(slot);
    }
    insert(entity);
  }

  @Override
  public void beforeVariableChanged(Object entity, String variableName) {
    retract(entity);
  }

  @Override
  public void afterVariableChanged(Object entity, String variableName) {
    insert(entity);
  }

  @Override
  public void beforeEntityRemoved(Object entity) {
    retract(entity);
    if (entity instanceof JobAssignment assignment) {
      replace(assignment.job().index(), 0, 0);
    } else if (entity instanceof JobSlot slot) {
      List<JobSlot> parts = slotsOfJob.get(slot.job());
      if (parts != null) {
        parts.remove(slot);
      }
    }
  }

  @Override
  public void afterEntityRemoved(Object entity) {
    if (entity instanceof JobSlot slot) {
      refreshSlots(slot.job());
    }
  }

  @Override
  public HardMediumSoftLongScore calculateScore() {
    return HardMediumSoftLongScore.of(-hard, -medium, -soft);
  }

  private void insert(Object entity) {
    if (entity instanceof Occupant occupant && occupant.job().index() >= transferMg.length) {
      int size = Math.max(occupant.job().index() + 1, 2 * transferMg.length);
      transferMg = Arrays.copyOf(transferMg, size);
      duplicatePenalty = Arrays.copyOf(duplicatePenalty, size);
    }
    if (entity instanceof JobAssignment assignment) {
      assignment(assignment, +1);
      refresh(assignment);
    } else if (entity instanceof JobSlot slot) {
      occupant(slot, +1);
      refreshSlots(slot.job());
    }
  }

  private void retract(Object entity) {
    if (entity instanceof JobAssignment assignment) {
      assignment(assignment, -1);
    } else if (entity instanceof JobSlot slot) {
      occupant(slot, -1);
    }
  }

  /** Adds ({@code sign} +1) or removes (-1) what one job's assignment contributes on its own. */
  private void assignment(JobAssignment assignment, int sign) {
    JobFact job = assignment.job();
    HubFact hub = assignment.getHub();
    if (hub == null) {
      medium += sign * (long) job.priority();
      return;
    }
    int t = tenant(job.tenant());
    TenantFact tenant = tenants[t];
    TenantWindow released = tenant.windowAt(job.releaseSlot());
    long[] releasedByWindow = releasedUnitSlots[t];
    guarantee(tenant, released, releasedByWindow[released.index()], -1);
    releasedByWindow[released.index()] += sign * job.unitSlots();
    guarantee(tenant, released, releasedByWindow[released.index()], +1);
    if (assignment.getStart() != null) {
      soft -= tenant.fairnessMg(usedUnitSlots[t]);
      usedUnitSlots[t] += sign * job.unitSlots();
      soft += tenant.fairnessMg(usedUnitSlots[t]);
      if (!job.allows(hub)) {
        hard += sign * job.context().hardRuleWeight();
      }
    }
    occupant(assignment, sign);
  }

  /** Adds or removes the guarantee shortfall of a window, for tenants with a guarantee. */
  private void guarantee(TenantFact tenant, TenantWindow window, long scheduledUnitSlots, int sign) {
    if (tenant.hasGuarantee()) {
      hard += sign * window.quotaShortfall(scheduledUnitSlots);
    }
  }

  /** Adds or removes the excess over the maximum share in a window. */
  private void cap(TenantWindow window, long runningUnitSlots, int sign) {
    hard += sign * window.context().hardRuleWeight() * window.unitSlotsOverMaxShare(runningUnitSlots);
  }

  /**
   * Adds or removes the (hub, slot) load of a placed occupant, its units running in its tenant's
   * fairness windows, and its slots outside the job's window.
   */
  private void occupant(Occupant occupant, int sign) {
    if (!occupant.isPlaced()) {
      return;
    }
    JobFact job = occupant.job();
    HubFact hub = occupant.placedHub();
    HubLoad load = loads.computeIfAbsent(hub, HubLoad::new);
    int first = occupant.firstSlot();
    int end = first + occupant.length();
    int deltaUnits = sign * job.units();
    long deltaMicroWatts = sign * job.itMicroWatts();
    int[] hubUnits = load.units;
    long[] hubMicroWatts = load.microWatts;
    TenantFact tenant = job.tenant();
    int t = tenant(tenant); // first: it may grow the arrays
    long[] running = runningUnitSlots[t];
    for (int s = first; s < end; s++) {
      HubSlot hubSlot = hub.slot(s);
      hubSlot(hubSlot, hubUnits[s], hubMicroWatts[s], -1);
      hubUnits[s] += deltaUnits;
      hubMicroWatts[s] += deltaMicroWatts;
      hubSlot(hubSlot, hubUnits[s], hubMicroWatts[s], +1);
      TenantWindow window = tenant.windowAt(s);
      cap(window, running[window.index()], -1);
      running[window.index()] += deltaUnits;
      cap(window, running[window.index()], +1);
    }
    hard += sign * job.context().hardRuleWeight() * occupant.slotsOutsideWindow();
  }

  /** Adds or removes the capacity, power-cap, grid-emission and energy-cost terms of one (hub, slot). */
  private void hubSlot(HubSlot hubSlot, int slotUnits, long slotMicroWatts, int sign) {
    if (slotUnits == 0 && slotMicroWatts == 0) {
      return;
    }
    long weight = hubSlot.context().hardRuleWeight();
    hard += sign * weight * (hubSlot.unitsOverCapacity(slotUnits) + hubSlot.kwOverPowerCap(slotMicroWatts));
    soft += sign * (hubSlot.gridEmissionsMg(slotMicroWatts) + hubSlot.energyCostMg(slotMicroWatts));
  }

  /**
   * Recomputes the amounts of a job that depend on all of its occupants and replaces its previous
   * amounts: transfer emissions (per hub it runs in, at that hub's first slot) and, for an
   * interruptible job, its duplicate slots.
   */
  private void refresh(JobAssignment assignment) {
    JobFact job = assignment.job();
    if (job.interruptible()) {
      refreshSlots(job);
      return;
    }
    long transfer = assignment.isPlaced() && job.transferKwh() > 0
        ? job.transferEmissionsMg(assignment.getHub(), assignment.getStart()) : 0;
    replace(job.index(), transfer, 0);
  }

  private void refreshSlots(JobFact job) {
    replace(job.index(), transferOfSlots(job), duplicatePairs(job) * job.context().hardRuleWeight());
  }

  private void replace(int job, long transfer, long duplicates) {
    soft += transfer - transferMg[job];
    transferMg[job] = transfer;
    hard += duplicates - duplicatePenalty[job];
    duplicatePenalty[job] = duplicates;
  }

  /** Transfer emissions of an interruptible job: per hub it runs in, at that hub's first slot. */
  private long transferOfSlots(JobFact job) {
    List<JobSlot> parts = slotsOfJob.getOrDefault(job, List.of());
    if (job.transferKwh() <= 0) {
      return 0;
    }
    // One pass when all placed parts share a hub, as they do between moves.
    HubFact hub = null;
    int first = Integer.MAX_VALUE;
    for (JobSlot slot : parts) {
      if (!slot.isPlaced()) {
        continue;
      }
      if (hub != null && slot.getHub() != hub) {
        return transferPerHub(job, parts);
      }
      hub = slot.getHub();
      first = Math.min(first, slot.getSlot());
    }
    return hub == null ? 0 : job.transferEmissionsMg(hub, first);
  }

  /** Transfer emissions when a hub move is half applied and the job's parts sit in several hubs. */
  private static long transferPerHub(JobFact job, List<JobSlot> parts) {
    long total = 0;
    for (int i = 0; i < parts.size(); i++) {
      JobSlot slot = parts.get(i);
      if (!slot.isPlaced() || !job.movedTo(slot.getHub())) {
        continue;
      }
      boolean firstOfHub = true;
      int first = slot.getSlot();
      for (int k = 0; k < parts.size() && firstOfHub; k++) {
        JobSlot other = parts.get(k);
        if (k == i || !other.isPlaced() || other.getHub() != slot.getHub()) {
          continue;
        }
        firstOfHub = k > i;
        first = Math.min(first, other.getSlot());
      }
      if (firstOfHub) {
        total += job.transferEmissionsMg(slot.getHub(), first);
      }
    }
    return total;
  }

  /** Pairs of the job's initialized slots that take the same slot while the job has a hub. */
  private long duplicatePairs(JobFact job) {
    List<JobSlot> parts = slotsOfJob.getOrDefault(job, List.of());
    long pairs = 0;
    for (JobSlot slot : parts) {
      if (slot.getSlot() != null && slot.getSlot() >= slotCounts.length) {
        slotCounts = Arrays.copyOf(slotCounts, slot.getSlot() + 1);
      }
      if (slot.getSlot() != null && slot.getHub() != null) {
        pairs += slotCounts[slot.getSlot()]++;
      }
    }
    for (JobSlot slot : parts) {
      if (slot.getSlot() != null) {
        slotCounts[slot.getSlot()] = 0;
      }
    }
    return pairs;
  }

  /** Units and IT micro-watts per slot of one hub. */
  private static final class HubLoad {
    final int[] units;
    final long[] microWatts;

    HubLoad(HubFact hub) {
      units = new int[hub.slots().size()];
      microWatts = new long[hub.slots().size()];
    }
  }
}
