package dev.fairshift.solver;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.Unscheduled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A problem flattened into primitive arrays, plus the load the jobs placed so far put on every hub
 * and slot, and on every tenant's share. Both schedulers build one per run.
 *
 * <p>Intensities are the planning series ({@code ZoneIntensity.planningGramsPerKwh()}): the forecast
 * when a zone has one, so {@code gramsPerKwh} is never read when a forecast exists.
 *
 * <p>Not thread-safe: one instance belongs to one scheduling run.
 */
final class PlanState {
  /**
   * Tolerance of the power-cap check, in kW: a little tighter than the Evaluator's 1e-9 so that sums
   * taken in another order can never tip a placement over the Evaluator's line.
   */
  static final double POWER_EPS = 9e-10;
  /** Tolerance of the maxShare and quota checks, in unit-slots: the Evaluator's. */
  static final double SHARE_EPS = 1e-9;

  final Problem problem;
  final int hubCount;
  final int slotCount;
  final int jobCount;
  final double slotHours;

  // Hubs, per hub then slot.
  final double[] pue;
  final int[][] capacityUnits;
  /** Facility power cap in kW, positive infinity when uncapped. */
  final double[][] powerCapKw;
  /** On-site renewable energy available, kWh per slot. */
  final double[][] renewableKwh;
  final boolean[] hasRenewables;
  /** Planning intensity of the hub's zone, g/kWh. */
  final double[][] grams;
  final double[][] pricePerKwh;
  /** gramsPrefix[h][s] = sum of grams[h][0 .. s-1]; length slots + 1. */
  final double[][] gramsPrefix;
  /** pricePrefix[h][s] = sum of pricePerKwh[h][0 .. s-1]; length slots + 1. */
  final double[][] pricePrefix;

  // Jobs, in problem order.
  final int[] release;
  final int[] deadline;
  final int[] duration;
  final int[] units;
  final double[] powerKw;
  final boolean[] interruptible;
  final int[] tenantOf;
  final int[] priority;
  /** Origin hub index, or -1 without an origin. */
  final int[] origin;
  /** Energy to move the job's data away from its origin: dataGb x transferKwhPerGb, kWh. */
  final double[] transferKwh;
  /** Allowed hub indices, ascending (every hub when the job lists none). */
  final int[][] allowed;

  // Tenants, in problem order.
  final double[] maxUnitSlots;
  /** min(demanded unit-slots, guaranteedShare x total capacity); 0 without a guarantee. */
  final double[] guaranteedUnitSlots;

  // The load placed so far.
  final int[][] usedUnits;
  final double[][] itKw;
  final long[] tenantUnitSlots;
  /** Hub of each job, -1 while unplaced. */
  final int[] hubOf;
  /** Slots of each job, ascending; null while unplaced. */
  final int[][] slotsOf;

  PlanState(Problem problem) {
    this.problem = problem;
    this.hubCount = problem.hubs().size();
    this.slotCount = problem.horizon().slots();
    this.jobCount = problem.jobs().size();
    this.slotHours = problem.horizon().slotHours();

    pue = new double[hubCount];
    capacityUnits = new int[hubCount][slotCount];
    powerCapKw = new double[hubCount][];
    renewableKwh = new double[hubCount][];
    hasRenewables = new boolean[hubCount];
    grams = new double[hubCount][];
    pricePerKwh = new double[hubCount][];
    gramsPrefix = new double[hubCount][slotCount + 1];
    pricePrefix = new double[hubCount][slotCount + 1];
    for (int h = 0; h < hubCount; h++) {
      Hub hub = problem.hubs().get(h);
      pue[h] = hub.pue();
      for (int s = 0; s < slotCount; s++) {
        capacityUnits[h][s] = hub.capacityUnitsAt(s);
      }
      if (hub.powerCapKw().isPresent()) {
        powerCapKw[h] = hub.powerCapKw().get().toArray(slotCount);
      } else {
        powerCapKw[h] = new double[slotCount];
        Arrays.fill(powerCapKw[h], Double.POSITIVE_INFINITY);
      }
      renewableKwh[h] = hub.renewableKw().toArray(slotCount);
      for (int s = 0; s < slotCount; s++) {
        renewableKwh[h][s] *= slotHours;
        hasRenewables[h] |= renewableKwh[h][s] > 0;
      }
      SlotSeries planning = problem.zoneOf(hub).planningGramsPerKwh();
      grams[h] = planning.toArray(slotCount);
      pricePerKwh[h] = hub.pricePerKwh().toArray(slotCount);
      for (int s = 0; s < slotCount; s++) {
        gramsPrefix[h][s + 1] = gramsPrefix[h][s] + grams[h][s];
        pricePrefix[h][s + 1] = pricePrefix[h][s] + pricePerKwh[h][s];
      }
    }

    release = new int[jobCount];
    deadline = new int[jobCount];
    duration = new int[jobCount];
    units = new int[jobCount];
    powerKw = new double[jobCount];
    interruptible = new boolean[jobCount];
    tenantOf = new int[jobCount];
    priority = new int[jobCount];
    origin = new int[jobCount];
    transferKwh = new double[jobCount];
    allowed = new int[jobCount][];
    long[] demand = new long[problem.tenants().size()];
    int[] everyHub = new int[hubCount];
    Arrays.setAll(everyHub, h -> h);
    for (int j = 0; j < jobCount; j++) {
      Job job = problem.jobs().get(j);
      release[j] = problem.releaseSlot(j);
      deadline[j] = problem.deadlineSlot(j);
      duration[j] = job.durationSlots();
      units[j] = job.units();
      powerKw[j] = job.powerKw();
      interruptible[j] = job.interruptible();
      tenantOf[j] = problem.tenantIndex(job.tenant());
      priority[j] = job.priority();
      origin[j] = job.originHub().map(problem::hubIndex).orElse(-1);
      transferKwh[j] = job.dataGb() * problem.transferKwhPerGb();
      if (job.allowedHubs().isEmpty()) {
        allowed[j] = everyHub;
      } else {
        allowed[j] = job.allowedHubs().stream().mapToInt(problem::hubIndex).distinct().sorted().toArray();
      }
      demand[tenantOf[j]] += job.unitSlots();
    }

    int tenantCount = problem.tenants().size();
    maxUnitSlots = new double[tenantCount];
    guaranteedUnitSlots = new double[tenantCount];
    long total = problem.totalCapacityUnitSlots();
    for (int i = 0; i < tenantCount; i++) {
      Tenant tenant = problem.tenants().get(i);
      maxUnitSlots[i] = tenant.maxShare() * total;
      guaranteedUnitSlots[i] = Math.min(demand[i], tenant.guaranteedShare() * total);
    }

    usedUnits = new int[hubCount][slotCount];
    itKw = new double[hubCount][slotCount];
    tenantUnitSlots = new long[tenantCount];
    hubOf = new int[jobCount];
    Arrays.fill(hubOf, -1);
    slotsOf = new int[jobCount][];
  }

  /** Facility energy job {@code j} adds to a slot of hub {@code h}: pue x powerKw x slot hours, kWh. */
  double energyKwh(int j, int h) {
    return pue[h] * powerKw[j] * slotHours;
  }

  /** Whether job {@code j} fits hub {@code h} in slot {@code s} given the load placed: units and power cap. */
  boolean fits(int j, int h, int s) {
    return unitsFit(j, h, s) && powerFits(j, h, s);
  }

  boolean unitsFit(int j, int h, int s) {
    return usedUnits[h][s] + units[j] <= capacityUnits[h][s];
  }

  boolean powerFits(int j, int h, int s) {
    return pue[h] * (itKw[h][s] + powerKw[j]) <= powerCapKw[h][s] + POWER_EPS;
  }

  /** Renewable energy still unused in hub {@code h}, slot {@code s}, kWh (0 when grid power is already drawn). */
  double renewableHeadroomKwh(int h, int s) {
    return Math.max(0, renewableKwh[h][s] - pue[h] * itKw[h][s] * slotHours);
  }

  /** Whether placing job {@code j} keeps its tenant within its maxShare. */
  boolean shareAllows(int j) {
    int t = tenantOf[j];
    long after = tenantUnitSlots[t] + (long) units[j] * duration[j];
    return !(after > maxUnitSlots[t] + SHARE_EPS);
  }

  /** Whether tenant {@code t} holds at least its guaranteed unit-slots (the Evaluator's quota rule). */
  boolean quotaMet(int t) {
    return tenantUnitSlots[t] + SHARE_EPS >= guaranteedUnitSlots[t];
  }

  boolean placed(int j) {
    return hubOf[j] >= 0;
  }

  /** Places job {@code j} in hub {@code h} in the first {@code count} slots of {@code slots} (ascending). */
  void place(int j, int h, int[] slots, int count) {
    int[] own = Arrays.copyOf(slots, count);
    for (int s : own) {
      usedUnits[h][s] += units[j];
      itKw[h][s] += powerKw[j];
    }
    hubOf[j] = h;
    slotsOf[j] = own;
    tenantUnitSlots[tenantOf[j]] += (long) units[j] * count;
  }

  /** Places job {@code j} in hub {@code h} in {@code duration} consecutive slots from {@code start}. */
  void placeContiguous(int j, int h, int start) {
    int[] slots = new int[duration[j]];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = start + i;
    }
    place(j, h, slots, slots.length);
  }

  /** Takes job {@code j} out of the plan. */
  void remove(int j) {
    int h = hubOf[j];
    for (int s : slotsOf[j]) {
      usedUnits[h][s] -= units[j];
      itKw[h][s] -= powerKw[j];
      if (usedUnits[h][s] == 0) {
        itKw[h][s] = 0; // no drift once a hub-slot is empty again
      }
    }
    tenantUnitSlots[tenantOf[j]] -= (long) units[j] * slotsOf[j].length;
    hubOf[j] = -1;
    slotsOf[j] = null;
  }

  /** Sum of the priorities of the placed jobs. */
  long placedPriority() {
    long sum = 0;
    for (int j = 0; j < jobCount; j++) {
      if (placed(j)) {
        sum += priority[j];
      }
    }
    return sum;
  }

  /**
   * The plan as a schedule named {@code solver}: assignments and unscheduled jobs in problem order;
   * {@code reasons[j]} is the reason for each unplaced job.
   */
  Schedule toSchedule(String solver, String[] reasons) {
    List<Assignment> assignments = new ArrayList<>();
    List<Unscheduled> unscheduled = new ArrayList<>();
    for (int j = 0; j < jobCount; j++) {
      String id = problem.jobs().get(j).id();
      if (placed(j)) {
        Integer[] slots = new Integer[slotsOf[j].length];
        for (int i = 0; i < slots.length; i++) {
          slots[i] = slotsOf[j][i];
        }
        assignments.add(new Assignment(id, problem.hubs().get(hubOf[j]).id(), List.of(slots)));
      } else {
        unscheduled.add(new Unscheduled(id, reasons[j]));
      }
    }
    return new Schedule(solver, assignments, unscheduled);
  }
}
