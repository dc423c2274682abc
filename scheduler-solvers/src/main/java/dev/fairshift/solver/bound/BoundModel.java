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
  /** Per hub and slot: how many jobs may run there. */
  final int[][] potentialJobs;
  /**
   * Per hub and slot where renewables matter: the slope c of the chord cut {@code G >= c (E - a)} on
   * the grid energy, 0 where there is none (see {@link #chordCut}).
   */
  final double[][] chordSlope;
  /**
   * Per hub and slot: the largest facility energy per slot of any job that may run there, in kWh (for the
   * excess cut, {@link #excessCut}).
   */
  final double[][] maxJobKwh;
  /**
   * Per hub and slot: the excess cut's threshold, in kWh: the renewables R (kept apart so that tests can
   * break the cut on purpose).
   */
  final double[][] excessFromKwh;
  /** Per hub and slot: the chord cut's {@code a}, in kWh. */
  final double[][] chordFromKwh;
  /** The most jobs a hub-slot may have for its chord cut to be computed (beyond, the levels are dense). */
  static final int MAX_CHORD_JOBS = 400;
  /** Grid points of the subset-sum levels below a hub-slot's renewables plus its largest job. */
  static final int CHORD_GRID = 4096;
  /**
   * The most 64-bit word operations all chord cuts of a problem may take (about 3 per job, grid word
   * and hub-slot): hub-slots are taken in order while it lasts, the rest get no cut (still valid).
   * Keeps the cuts to tens of milliseconds at 10,000 jobs and more, whatever the hubs' renewables.
   */
  static final long MAX_CHORD_WORK = 30_000_000L;

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
    potentialJobs = new int[hubs][slots];
    chordSlope = new double[hubs][slots];
    chordFromKwh = new double[hubs][slots];
    maxJobKwh = new double[hubs][slots];
    excessFromKwh = new double[hubs][slots];
    for (int h = 0; h < hubs; h++) {
      Hub hub = problem.hubs().get(h);
      pue[h] = hub.pue();
      SlotSeries series = basis == IntensityBasis.ACTUAL
          ? problem.zoneOf(hub).gramsPerKwh() : problem.zoneOf(hub).planningGramsPerKwh();
      for (int s = 0; s < slots; s++) {
        capacity[h][s] = hub.capacityUnitsAt(s);
        powerCapKw[h][s] = hub.powerCapKwAt(s);
        renewableKwh[h][s] = AccountingKernel.renewableSupplyKwh(hub.renewableKw().at(s), t);
        excessFromKwh[h][s] = renewableKwh[h][s];
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
        double kwhPerSlot = AccountingKernel.facilityKwh(pue[h], job.powerKw(), t);
        options.add(new HubOption(h, kwhPerSlot, kw, transfer, starts, free, minFirst));
        long[] potential = potentialUnits[h];
        double[] potentialPower = potentialKw[h];
        boolean[] reach = reachable[h];
        double[] largest = maxJobKwh[h];
        for (int s = release; s < deadline; s++) {
          if (fits[s]) {
            potential[s] += jobUnits;
            potentialPower[s] += kw;
            reach[s] = true;
            potentialJobs[h][s]++;
            largest[s] = Math.max(largest[s], kwhPerSlot);
          }
        }
      }
      if (options.isEmpty()) {
        infeasibility = Optional.of("Job '" + job.id() + "' fits no allowed hub on its own in its window.");
      }
      jobs.add(new JobOptions(job.id(), jobUnits, duration, job.interruptible(), List.copyOf(options)));
    }
    chordCut(problem);
  }

  private static final int[] NONE = new int[0];

  /**
   * Fills the chord cuts, each valid for every feasible schedule: in hub h and slot s the facility
   * energy E of a schedule is a sum of the per-slot energies of some of the jobs that may run there,
   * so it takes one of finitely many levels. Let a be the highest level at most R (the renewables) and
   * b the lowest at least R. No level lies strictly between them, so at every level
   * {@code max(0, E - R) >= c (E - a)} with {@code c = (b - R) / (b - a)}: below a the right side is
   * at most 0, from b on it grows with slope c <= 1 from b - R. The same holds with any a' in
   * [a, R] and b' in [R, b], which is what is computed: a subset-sum over a grid of q kWh where each
   * job adds floor or ceil of its energy over q (so every true level, divided by q, lies between
   * reachable grid points: the reachable set over-approximates the levels), giving
   * a' = min(R, q (n_a + 1)) for the highest reachable n_a <= R / q and b' = max(R, q (n_b - 1)) for
   * the lowest reachable n_b >= R / q, each moved by 10^-9 relative towards R. This is the convex
   * envelope of the grid energy over those levels where the fractional LP would otherwise fill R
   * exactly with fractions of jobs. Work: at most {@link #MAX_CHORD_JOBS} jobs per hub-slot, each a
   * shift of a {@link #CHORD_GRID}-bit set.
   */
  private void chordCut(Problem problem) {
    boolean any = false;
    boolean[] hubWanted = new boolean[hubs];
    boolean[][] wanted = new boolean[hubs][slots];
    double[][][] levels = new double[hubs][slots][];
    int[][] filled = new int[hubs][slots];
    long work = 0;
    for (int h = 0; h < hubs; h++) {
      for (int s = 0; s < slots; s++) {
        long cost = 3L * potentialJobs[h][s] * (CHORD_GRID / 64 + 2);
        if (renewablesMatter(h, s) && potentialJobs[h][s] <= MAX_CHORD_JOBS && potentialKw[h][s] > 0
            && work + cost <= MAX_CHORD_WORK) {
          work += cost;
          wanted[h][s] = true;
          levels[h][s] = new double[potentialJobs[h][s]];
          any = true;
          hubWanted[h] = true;
        }
      }
    }
    if (!any) {
      return;
    }
    for (int j = 0; j < jobs.size(); j++) {
      JobOptions job = jobs.get(j);
      int release = problem.releaseSlot(j);
      int deadline = problem.deadlineSlot(j);
      for (HubOption option : job.options()) {
        int h = option.hub();
        if (!hubWanted[h]) {
          continue;
        }
        for (int s = release; s < deadline; s++) {
          if (wanted[h][s] && capacity[h][s] >= job.units() && option.facilityKw() <= powerCapKw[h][s] + EPS) {
            levels[h][s][filled[h][s]++] = option.kwhPerSlot();
          }
        }
      }
    }
    for (int h = 0; h < hubs; h++) {
      for (int s = 0; s < slots; s++) {
        if (wanted[h][s]) {
          double[] cut = chord(Arrays.copyOf(levels[h][s], filled[h][s]), renewableKwh[h][s]);
          chordSlope[h][s] = cut[0];
          chordFromKwh[h][s] = cut[1];
        }
      }
    }
  }

  /** {slope c, a'} of the chord cut for energies {@code items} and renewables {@code r}; slope 0 when none. */
  static double[] chord(double[] items, double r) {
    double largest = 0;
    for (double e : items) {
      largest = Math.max(largest, e);
    }
    if (r <= 0 || largest <= 0) {
      return new double[] {0, 0};
    }
    double q = (r + largest) / CHORD_GRID;
    int low = (int) Math.floor(r / q);
    int high = (int) Math.ceil(r / q);
    int length = high + (int) Math.ceil(largest / q * (1 + 1e-9)) + 3;
    long[] reach = new long[(length + 63) >>> 6];
    reach[0] = 1L;
    long[] next = new long[reach.length];
    for (double e : items) {
      int from = Math.max(0, (int) Math.floor(e / q - 1e-9));
      int to = (int) Math.ceil(e / q + 1e-9);
      System.arraycopy(reach, 0, next, 0, reach.length);
      for (int shift = from; shift <= to; shift++) {
        orShifted(reach, next, shift);
      }
      long[] t = reach;
      reach = next;
      next = t;
      if (bit(reach, low) && bit(reach, high)) {
        return new double[] {0, 0}; // levels on both sides within a grid step: no useful cut
      }
    }
    int na = low;
    while (!bit(reach, na)) {
      na--; // bit 0 is always set
    }
    int nb = high;
    while (nb < length && !bit(reach, nb)) {
      nb++;
    }
    if (nb >= length) {
      return new double[] {0, 0}; // no level reaches R: the grid energy is always 0 (the row g >= E - R says so)
    }
    double a = Math.min(r, q * (na + 1)) * (1 + 1e-9);
    double b = Math.max(r, q * (nb - 1)) * (1 - 1e-9);
    if (!(a < r && r < b)) {
      return new double[] {0, 0};
    }
    return new double[] {(b - r) / (b - a), a};
  }

  private static boolean bit(long[] set, int i) {
    return i >= 0 && (i >>> 6) < set.length && (set[i >>> 6] & (1L << (i & 63))) != 0;
  }

  /** out |= in << shift, truncated to out's length. */
  private static void orShifted(long[] in, long[] out, int shift) {
    int words = shift >>> 6;
    int bits = shift & 63;
    for (int i = out.length - 1; i >= words; i--) {
      long v = in[i - words] << bits;
      if (bits != 0 && i - words - 1 >= 0) {
        v |= in[i - words - 1] >>> (64 - bits);
      }
      out[i] |= v;
    }
  }

  /**
   * Whether hub h in slot s gets the excess cut {@code G >= sum_j max(0, e_j - R) x_j}: renewables matter
   * there and some job that may run there needs more energy in the slot than the renewables supply.
   *
   * <p>Valid for every feasible schedule: let S be the jobs running in the hub-slot (each once), E the sum
   * of their energies e_j and S' those with e_j > R. If S' is empty the right side is 0 &le; G. Otherwise
   * {@code sum_{S'} (e_j - R) <= sum_{S'} e_j - R <= E - R <= G}, since |S'| &ge; 1 and R &ge; 0. Where
   * whole jobs are large next to the renewables (a sunrise or sunset slot, a small supply), this is far
   * stronger than {@code G >= E - R} for fractions of jobs: half of a job of energy 2R gets R of grid
   * energy instead of none. Together with the chord cut it closes most of the LP's gap to the optimum on
   * the hard family's develop seeds (BoundLpDiagnostic).
   */
  boolean excessCut(int h, int s) {
    return renewablesMatter(h, s) && maxJobKwh[h][s] > excessFromKwh[h][s];
  }

  /** A job's coefficient in the excess cut of hub h and slot s: its energy there above the threshold R. */
  double excessKwh(double jobKwh, int h, int s) {
    return Math.max(0.0, jobKwh - excessFromKwh[h][s]);
  }

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
