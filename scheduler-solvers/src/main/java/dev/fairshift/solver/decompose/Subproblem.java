package dev.fairshift.solver.decompose;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.FairnessWindow;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.Unscheduled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A part of a problem as a problem of its own, with everything outside it fixed: the part's jobs on the
 * part's hubs, each hub's capacity, power cap and on-site renewables reduced by what the fixed jobs (the
 * other scheduled jobs on those hubs) use, and each tenant's maxShare reduced to a budget that keeps
 * the merged schedule within the original cap.
 *
 * <p>The emissions of the part's jobs in it equal their marginal emissions in the whole problem: with
 * R' = max(0, R - E_fixed), max(0, E_fixed + E - R) - max(0, E_fixed - R) = max(0, E - R'), and a
 * job's data transfer stays exact because its origin hub is kept (with no capacity) when it lies
 * outside the part. So a part schedule that emits less makes the merged schedule emit less by as much.
 */
final class Subproblem {
  final Problem problem;
  final Schedule initial;
  final int[] jobs;
  final int fixedJobs;
  /** Jobs of the part left out because they fit nowhere in it as it stands (they stay unscheduled). */
  final List<Unscheduled> leftOut;

  private Subproblem(Problem problem, Schedule initial, int[] jobs, int fixedJobs, List<Unscheduled> leftOut) {
    this.problem = problem;
    this.initial = initial;
    this.jobs = jobs;
    this.fixedJobs = fixedJobs;
    this.leftOut = List.copyOf(leftOut);
  }

  /**
   * Per hub and slot, the units and facility kW the schedule's jobs use, and per tenant the
   * unit-slots per slot.
   */
  static final class Usage {
    final int[][] units;
    final double[][] facilityKw;
    final long[][] tenantUnits;

    Usage(Problem p) {
      int hubs = p.hubs().size();
      int slots = p.horizon().slots();
      units = new int[hubs][slots];
      facilityKw = new double[hubs][slots];
      tenantUnits = new long[p.tenants().size()][slots];
    }

    static Usage of(Problem p, Map<Integer, Assignment> placed, boolean[] exclude) {
      Usage u = new Usage(p);
      for (Map.Entry<Integer, Assignment> e : placed.entrySet()) {
        if (exclude != null && exclude[e.getKey()]) {
          continue;
        }
        u.add(p, e.getKey(), e.getValue());
      }
      return u;
    }

    void add(Problem p, int j, Assignment a) {
      Job job = p.jobs().get(j);
      int h = p.hubIndex(a.hub());
      int t = p.tenantIndex(job.tenant());
      double kw = job.powerKw() * p.hubs().get(h).pue();
      for (int s : a.slots()) {
        units[h][s] += job.units();
        facilityKw[h][s] += kw;
        tenantUnits[t][s] += job.units();
      }
    }
  }

  /**
   * The part of {@code p} with jobs {@code partJobs} on hubs {@code partHubs}, the rest of
   * {@code current} fixed.
   *
   * @param current the placed jobs of the whole problem, by job index
   * @param budgetShare per tenant, the fraction of the slack under its cap (maxShare x capacity minus
   *     what {@code current} uses) this part may add; the parts of one phase share the slack
   */
  static Subproblem of(Problem p, Map<Integer, Assignment> current, List<Unscheduled> currentUnscheduled,
      int[] partJobs, int[] partHubs, double[] budgetShare) {
    int slots = p.horizon().slots();
    boolean[] inPart = new boolean[p.jobs().size()];
    for (int j : partJobs) {
      inPart[j] = true;
    }
    boolean[] partHub = new boolean[p.hubs().size()];
    for (int h : partHubs) {
      partHub[h] = true;
    }
    Usage fixed = Usage.of(p, current, inPart);
    Usage all = Usage.of(p, current, null);
    int fixedJobs = 0;
    for (Map.Entry<Integer, Assignment> e : current.entrySet()) {
      if (!inPart[e.getKey()] && partHub[p.hubIndex(e.getValue().hub())]) {
        fixedJobs++;
      }
    }

    // hubs: the part's, residual; plus origin hubs outside the part, with no capacity (transfer stays exact)
    boolean[] ghost = new boolean[p.hubs().size()];
    for (int j : partJobs) {
      Optional<String> origin = p.jobs().get(j).originHub();
      if (origin.isPresent() && !partHub[p.hubIndex(origin.get())]) {
        ghost[p.hubIndex(origin.get())] = true;
      }
    }
    List<Hub> hubs = new ArrayList<>();
    int[][] residualUnits = new int[p.hubs().size()][];
    double[][] residualCap = new double[p.hubs().size()][];
    List<String> partHubIds = new ArrayList<>();
    for (int h = 0; h < p.hubs().size(); h++) {
      Hub hub = p.hubs().get(h);
      if (partHub[h]) {
        partHubIds.add(hub.id());
        Hub residual = residual(hub, fixed.units[h], fixed.facilityKw[h], slots);
        hubs.add(residual);
        residualUnits[h] = new int[slots];
        residualCap[h] = new double[slots];
        for (int s = 0; s < slots; s++) {
          residualUnits[h][s] = residual.capacityUnitsAt(s);
          residualCap[h][s] = residual.powerCapKwAt(s);
        }
      } else if (ghost[h]) {
        hubs.add(new Hub(hub.id(), hub.zone(), hub.pue(), SlotSeries.scalar(0), Optional.empty(),
            SlotSeries.scalar(0), hub.pricePerKwh()));
      }
    }
    boolean everyHub = partHubIds.size() == p.hubs().size();

    // jobs: allowed hubs restricted to the part; unscheduled ones that fit nowhere there are left out
    List<Job> jobs = new ArrayList<>();
    List<Integer> kept = new ArrayList<>();
    List<Unscheduled> leftOut = new ArrayList<>();
    Map<String, Unscheduled> reasons = new HashMap<>();
    for (Unscheduled u : currentUnscheduled) {
      reasons.put(u.job(), u);
    }
    List<Assignment> initialAssignments = new ArrayList<>();
    List<Unscheduled> initialUnscheduled = new ArrayList<>();
    for (int j : partJobs) {
      Job job = p.jobs().get(j);
      List<String> allowed = new ArrayList<>();
      for (String id : partHubIds) {
        if (job.allows(id)) {
          allowed.add(id);
        }
      }
      Assignment a = current.get(j);
      if (a == null && !fitsAlone(p, j, allowed, residualUnits, residualCap)) {
        leftOut.add(reasons.getOrDefault(job.id(), new Unscheduled(job.id(),
            "it fits no allowed hub as the schedule stands")));
        continue;
      }
      if (allowed.isEmpty()) {
        leftOut.add(reasons.getOrDefault(job.id(), new Unscheduled(job.id(), "no allowed hub in this part")));
        continue;
      }
      List<String> jobAllowed = everyHub && job.allowedHubs().isEmpty() ? List.of() : allowed;
      jobs.add(new Job(job.id(), job.tenant(), job.durationSlots(), job.powerKw(), job.units(), job.release(),
          job.deadline(), job.interruptible(), jobAllowed, job.originHub(), job.dataGb(), job.priority()));
      kept.add(j);
      if (a != null) {
        initialAssignments.add(a);
      } else {
        initialUnscheduled.add(reasons.getOrDefault(job.id(), new Unscheduled(job.id(), "not placed by the warm start")));
      }
    }

    // part capacity per slot (for tenant shares)
    long[] partCapacity = new long[slots];
    long partTotal = 0;
    for (int h : partHubs) {
      for (int s = 0; s < slots; s++) {
        partCapacity[s] += residualUnits[h][s];
        partTotal += residualUnits[h][s];
      }
    }
    List<Tenant> tenants = new ArrayList<>();
    double guaranteed = 0;
    double[] guarantees = new double[p.tenants().size()];
    double[] maxShares = new double[p.tenants().size()];
    long[] partDemand = new long[p.tenants().size()];
    long[] totalDemand = new long[p.tenants().size()];
    for (int j = 0; j < p.jobs().size(); j++) {
      totalDemand[p.tenantIndex(p.jobs().get(j).tenant())] += p.jobs().get(j).unitSlots();
    }
    for (int j : kept) {
      partDemand[p.tenantIndex(p.jobs().get(j).tenant())] += p.jobs().get(j).unitSlots();
    }
    Usage inPartUsage = Usage.of(p, current, complement(inPart));
    for (int t = 0; t < p.tenants().size(); t++) {
      Tenant tenant = p.tenants().get(t);
      double share = 1.0;
      // The part's jobs as they are must keep the part's cap (its warm start is valid): one maxShare
      // serves every window, so where the windows' budgets differ it is at least what the warm start
      // uses in any window. The whole stays within the cap through the Evaluator-checked merge.
      double warmShare = 0;
      if (tenant.maxShare() < 1.0) {
        for (FairnessWindow w : p.fairnessWindows(t)) {
          long used = 0;
          long usedHere = 0;
          long capacityHere = 0;
          for (int s = w.startSlot(); s < w.endSlot(); s++) {
            used += all.tenantUnits[t][s];
            usedHere += inPartUsage.tenantUnits[t][s];
            capacityHere += partCapacity[s];
          }
          if (capacityHere == 0) {
            continue;
          }
          double cap = tenant.maxShare() * w.capacityUnitSlots();
          long slack = (long) Math.max(0, Math.floor(cap - used - 1e-9));
          long budget = usedHere + (long) Math.floor(slack * budgetShare[t]);
          share = Math.min(share, budget / (double) capacityHere);
          warmShare = Math.max(warmShare, usedHere / (double) capacityHere);
        }
        share = Math.max(Math.max(share, warmShare), 1e-12);
      }
      maxShares[t] = share;
      double g = 0;
      if (tenant.guaranteedShare() > 0 && partTotal > 0 && totalDemand[t] > 0) {
        g = tenant.guaranteedShare() * p.totalCapacityUnitSlots() * partDemand[t] / (double) totalDemand[t]
            / partTotal;
        g = Math.min(Math.min(g, share), 1.0);
      }
      guarantees[t] = g;
      guaranteed += g;
    }
    double scale = guaranteed > 1 ? 1 / guaranteed * (1 - 1e-9) : 1.0;
    for (int t = 0; t < p.tenants().size(); t++) {
      Tenant tenant = p.tenants().get(t);
      tenants.add(new Tenant(tenant.id(), tenant.tenantClass(), guarantees[t] * scale, maxShares[t], tenant.weight(),
          tenant.fairnessWindowSlots()));
    }

    Problem sub = Problem.builder().horizon(p.horizon()).carbonPricePerTonne(p.carbonPricePerTonne())
        .transferKwhPerGb(p.transferKwhPerGb()).intensities(p.intensities()).hubs(hubs).tenants(tenants).jobs(jobs)
        .build();
    Schedule initial = new Schedule("greedy", initialAssignments, initialUnscheduled);
    return new Subproblem(sub, initial, kept.stream().mapToInt(Integer::intValue).toArray(), fixedJobs, leftOut);
  }

  private static boolean[] complement(boolean[] b) {
    boolean[] out = new boolean[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = !b[i];
    }
    return out;
  }

  /** {@code hub} with what the fixed jobs use taken off its capacity, power cap and renewables. */
  static Hub residual(Hub hub, int[] units, double[] facilityKw, int slots) {
    boolean used = false;
    for (int s = 0; s < slots && !used; s++) {
      used = units[s] != 0;
    }
    if (!used) {
      return hub;
    }
    double[] capacity = new double[slots];
    double[] renewable = new double[slots];
    double[] cap = hub.powerCapKw().isPresent() ? new double[slots] : null;
    for (int s = 0; s < slots; s++) {
      capacity[s] = Math.max(0, hub.capacityUnitsAt(s) - units[s]);
      renewable[s] = Math.max(0, hub.renewableKw().at(s) - facilityKw[s]);
      if (cap != null) {
        cap[s] = Math.max(0, hub.powerCapKwAt(s) - facilityKw[s]);
      }
    }
    return new Hub(hub.id(), hub.zone(), hub.pue(), SlotSeries.of(capacity),
        cap == null ? Optional.empty() : Optional.of(SlotSeries.of(cap)), SlotSeries.of(renewable), hub.pricePerKwh());
  }

  /** The validator's rule on the residual hubs: the job alone fits one of {@code allowed} in its window. */
  private static boolean fitsAlone(Problem p, int j, List<String> allowed, int[][] units, double[][] cap) {
    Job job = p.jobs().get(j);
    int from = p.releaseSlot(j);
    int to = p.deadlineSlot(j);
    for (String id : allowed) {
      int h = p.hubIndex(id);
      double kw = job.powerKw() * p.hubs().get(h).pue();
      int run = 0;
      int best = 0;
      int total = 0;
      for (int s = from; s < to; s++) {
        boolean fits = units[h][s] >= job.units() && cap[h][s] + 1e-9 >= kw;
        run = fits ? run + 1 : 0;
        best = Math.max(best, run);
        total += fits ? 1 : 0;
      }
      if ((job.interruptible() ? total : best) >= job.durationSlots()) {
        return true;
      }
    }
    return false;
  }
}
