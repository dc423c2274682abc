package dev.fairshift.solver.bound;

import dev.fairshift.core.AccountingKernel;
import dev.fairshift.core.Hub;
import dev.fairshift.core.IntensityBasis;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What both relaxations need, precomputed: per hub and slot the capacity, power cap, renewable
 * energy and intensity; per job the hubs where it fits on its own and, there, its feasible starts
 * (non-interruptible) or slots (interruptible). A place where a job does not fit alone (capacity or
 * power cap) is in no feasible schedule, so leaving it out keeps the bounds valid. Immutable after
 * construction; not shared between threads.
 */
final class BoundModel {
  static final double EPS = 1e-9;

  final int hubs;
  final int slots;
  final int[][] capacity;
  final double[][] powerCapKw;
  final double[][] renewableKwh;
  final double[][] grams;
  final double[] pue;
  final List<JobOptions> jobs = new ArrayList<>();
  /** Per hub and slot: the units all jobs that may run there would need together. */
  final long[][] potentialUnits;
  /** Per hub and slot: the facility kW all jobs that may run there would draw together. */
  final double[][] potentialKw;
  /** Per hub and slot: whether any job may run there. */
  final boolean[][] reachable;

  /**
   * One job's options on one hub.
   *
   * @param hub the hub index
   * @param kwhPerSlot facility energy per slot there: pue x powerKw x slot hours
   * @param facilityKw facility power there: pue x powerKw
   * @param transferKwh data transfer energy when running there (0 at the origin or without one)
   * @param starts feasible starts (non-interruptible jobs)
   * @param slots slots where it fits (interruptible jobs)
   * @param minFirstSlotGrams the lowest intensity of any slot the job could start in there: a lower
   *     bound on the intensity its transfer is charged at
   */
  record HubOption(int hub, double kwhPerSlot, double facilityKw, double transferKwh, int[] starts, int[] slots,
      double minFirstSlotGrams) {}

  /**
   * A job and its options.
   *
   * @param id job id
   * @param units capacity units per slot
   * @param durationSlots slots it runs
   * @param interruptible whether its slots may have gaps
   * @param options its hubs, each with at least one feasible placement
   */
  record JobOptions(String id, int units, int durationSlots, boolean interruptible, List<HubOption> options) {}

  /** Why no schedule can run every job, if that is plain from the problem alone. */
  Optional<String> infeasibility = Optional.empty();

  BoundModel(Problem problem, IntensityBasis basis) {
    this.hubs = problem.hubs().size();
    this.slots = problem.horizon().slots();
    double t = problem.horizon().slotHours();
    capacity = new int[hubs][slots];
    powerCapKw = new double[hubs][slots];
    renewableKwh = new double[hubs][slots];
    grams = new double[hubs][slots];
    pue = new double[hubs];
    potentialUnits = new long[hubs][slots];
    potentialKw = new double[hubs][slots];
    reachable = new boolean[hubs][slots];
    for (int h = 0; h < hubs; h++) {
      Hub hub = problem.hubs().get(h);
      pue[h] = hub.pue();
      SlotSeries series = basis == IntensityBasis.ACTUAL
          ? problem.zoneOf(hub).gramsPerKwh() : problem.zoneOf(hub).planningGramsPerKwh();
      for (int s = 0; s < slots; s++) {
        capacity[h][s] = hub.capacityUnitsAt(s);
        powerCapKw[h][s] = hub.powerCapKwAt(s);
        renewableKwh[h][s] = AccountingKernel.renewableSupplyKwh(hub.renewableKw().at(s), t);
        grams[h][s] = series.at(s);
      }
    }
    long total = problem.totalCapacityUnitSlots();
    long[] demand = new long[problem.tenants().size()];
    for (Job job : problem.jobs()) {
      demand[problem.tenantIndex(job.tenant())] += job.unitSlots();
    }
    // Whole-horizon maxShare only: with fairness windows, the unit-slots a tenant runs are at most
    // the sum of its windows' caps, maxShare x (the sum of their capacities) = maxShare x total, so
    // this stays a proof of infeasibility; the per-window caps are relaxed away.
    for (int i = 0; i < demand.length; i++) {
      Tenant tenant = problem.tenants().get(i);
      if (demand[i] > tenant.maxShare() * total + EPS) {
        infeasibility = Optional.of("Tenant '" + tenant.id() + "' asks for " + demand[i] + " unit-slots but "
            + (tenant.maxShare() < 1 ? "its maxShare " + tenant.maxShare() + " allows " + tenant.maxShare() * total
                : "the hubs offer only " + total) + ".");
      }
    }
    // Reused per job and hub (no boxing: this runs for every job on every hub, 6.4 M times at 100,000 x 64).
    boolean[] fits = new boolean[slots];
    int[] buffer = new int[slots];
    String[] hubIds = new String[hubs];
    for (int h = 0; h < hubs; h++) {
      hubIds[h] = problem.hubs().get(h).id();
    }
    for (int j = 0; j < problem.jobs().size(); j++) {
      Job job = problem.jobs().get(j);
      List<HubOption> options = new ArrayList<>();
      int release = problem.releaseSlot(j);
      int deadline = problem.deadlineSlot(j);
      int duration = job.durationSlots();
      int jobUnits = job.units();
      for (int h = 0; h < hubs; h++) {
        if (!job.allows(hubIds[h])) {
          continue;
        }
        double kw = job.powerKw() * pue[h];
        int[] cap = capacity[h];
        double[] powerCap = powerCapKw[h];
        int fitting = 0;
        for (int s = release; s < deadline; s++) {
          fits[s] = cap[s] >= jobUnits && kw <= powerCap[s] + EPS;
          fitting += fits[s] ? 1 : 0;
        }
        if (fitting < duration) {
          continue;
        }
        int[] starts = NONE;
        int[] free = NONE;
        if (job.interruptible()) {
          int n = 0;
          for (int s = release; s < deadline; s++) {
            if (fits[s]) {
              buffer[n++] = s;
            }
          }
          free = Arrays.copyOf(buffer, n);
        } else {
          int n = 0;
          int run = 0;
          for (int s = release; s < deadline; s++) {
            run = fits[s] ? run + 1 : 0;
            if (run >= duration) {
              buffer[n++] = s - duration + 1;
            }
          }
          if (n == 0) {
            continue;
          }
          starts = Arrays.copyOf(buffer, n);
        }
        double transfer = job.movedTo(hubIds[h]) ? AccountingKernel.transferKwh(job.dataGb(), problem.transferKwhPerGb()) : 0.0;
        double minFirst = Double.POSITIVE_INFINITY;
        double[] intensity = grams[h];
        for (int f = release; f <= deadline - duration; f++) {
          minFirst = Math.min(minFirst, intensity[f]);
        }
        options.add(new HubOption(h, AccountingKernel.facilityKwh(pue[h], job.powerKw(), t), kw, transfer, starts, free,
            minFirst));
        long[] potential = potentialUnits[h];
        double[] potentialPower = potentialKw[h];
        boolean[] reach = reachable[h];
        for (int s = release; s < deadline; s++) {
          if (fits[s]) {
            potential[s] += jobUnits;
            potentialPower[s] += kw;
            reach[s] = true;
          }
        }
      }
      if (options.isEmpty()) {
        infeasibility = Optional.of("Job '" + job.id() + "' fits no allowed hub on its own in its window.");
      }
      jobs.add(new JobOptions(job.id(), jobUnits, duration, job.interruptible(), List.copyOf(options)));
    }
  }

  private static final int[] NONE = new int[0];

  /** Whether the capacity of hub h in slot s can bind: the jobs that may run there need more. */
  boolean capacityMayBind(int h, int s) {
    return potentialUnits[h][s] > capacity[h][s];
  }

  /** Whether the power cap of hub h in slot s can bind. */
  boolean powerCapMayBind(int h, int s) {
    return potentialKw[h][s] > powerCapKw[h][s] + EPS;
  }

  /** Whether hub h in slot s has renewables that matter: some job may run there, intensity above 0. */
  boolean renewablesMatter(int h, int s) {
    return reachable[h][s] && renewableKwh[h][s] > 0 && grams[h][s] > 0;
  }
}
