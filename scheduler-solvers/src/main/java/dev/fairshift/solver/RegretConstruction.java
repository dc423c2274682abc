package dev.fairshift.solver;

import dev.fairshift.core.AccountingKernel;
import dev.fairshift.solver.bound.ShadowPrices;
import java.util.Arrays;
import java.util.Objects;

/**
 * Greedy's second construction: regret insertion. After the quota phase (as {@link
 * GreedyScheduler#construct}), the jobs are placed one priority class at a time, highest first, and
 * within a class the job placed next is the one with the largest regret: its cheapest hub's marginal
 * emissions subtracted from its second-cheapest hub's ({@link CheapestPlacement#findAt}, each hub's
 * best start as the plan stands). A job with one hub left goes before any with two, and a job that
 * fits nowhere stays out. Ties go to the class's order ({@link GreedyScheduler#mainOrder}).
 *
 * <p>Why: cheapest-first in a fixed order hands a clean, small, solar-fed or power-capped hub to
 * whichever job comes first, and the job that loses most by going elsewhere may come later. Regret
 * gives the scarce room to the job that needs it most; the jobs that would emit nearly as much
 * anywhere wait. On the hard family's develop seeds at 1,000 jobs it changes which basin the
 * improvement starts from; greedy keeps the better of the two plans (see {@link GreedyScheduler}).
 *
 * <p>Cost: each job's cost at each allowed hub is searched once, then again only when a placement
 * can have changed it (the job's window overlaps the slots placed at that hub, or a job of its tenant
 * was placed and its tenant's cap can bind); picking the next job is a scan of its class. So
 * O(jobs x hubs) searches and O(class^2) comparisons; greedy runs it up to {@link
 * GreedyOptions#PACKING_JOB_LIMIT} jobs. Deterministic. Not thread-safe (works on the given state).
 */
final class RegretConstruction {
  private final PlanState st;
  private final CheapestPlacement search;
  /** Per job and hub: marginal grams of its cheapest placement there, +infinity where it does not fit. */
  private final double[][] cost;
  /** Per job: its cheapest hub (-1 when none) and the regret (second-cheapest less cheapest). */
  private final int[] bestHub;
  private final double[] regret;
  /** Prices of the room and on-site supply a placement takes (null: unpriced, marginal emissions alone). */
  private final ShadowPrices prices;

  private RegretConstruction(PlanState st, CheapestPlacement search, ShadowPrices prices) {
    this.st = st;
    this.prices = prices;
    this.search = search;
    this.cost = new double[st.jobCount][];
    this.bestHub = new int[st.jobCount];
    this.regret = new double[st.jobCount];
  }

  /**
   * Places jobs into {@code st} (empty, or holding jobs already placed) by regret, within each
   * priority class of {@code order} (which is {@link GreedyScheduler#mainOrder}: classes contiguous,
   * highest first).
   *
   * @return every job, in the order it was tried
   */
  static int[] construct(PlanState st, CheapestPlacement search, int[] order) {
    return new RegretConstruction(st, search, null).run(order);
  }

  /**
   * As {@link #construct}, with each job's cost at a hub its marginal emissions there plus what its
   * cheapest start there takes, priced by {@code prices}: per slot, its units at the unit price, its
   * facility kW at the kW price, and the on-site supply it would use (its energy, up to the supply
   * still unused) at the supply's price. The start itself is still the cheapest in emissions.
   *
   * <p>The supply's price is what makes a solar-fed hub's sunshine go to the jobs that save most by it:
   * its marginal emissions alone say that the first job there emits nothing, however little it would
   * emit elsewhere.
   */
  static int[] construct(PlanState st, CheapestPlacement search, int[] order, ShadowPrices prices) {
    return new RegretConstruction(st, search, Objects.requireNonNull(prices, "prices")).run(order);
  }

  private int[] run(int[] order) {
    int[] sequence = new int[st.jobCount];
    boolean[] done = new boolean[st.jobCount];
    int n = GreedyScheduler.quotaPhase(st, search, sequence, done);
    for (int from = 0; from < order.length;) {
      int to = from;
      while (to < order.length && st.priority[order[to]] == st.priority[order[from]]) {
        to++;
      }
      int left = 0;
      for (int q = from; q < to; q++) {
        int j = order[q];
        if (!done[j]) {
          left++;
          cost[j] = new double[st.hubCount];
          Arrays.fill(cost[j], Double.POSITIVE_INFINITY);
          for (int h : st.allowed[j]) {
            cost[j][h] = costAt(j, h);
          }
          rank(j);
        }
      }
      while (left > 0) {
        int pick = -1;
        for (int q = from; q < to; q++) {
          int j = order[q];
          if (!done[j] && bestHub[j] >= 0 && (pick < 0 || regret[j] > regret[pick])) {
            pick = j;
          }
        }
        if (pick < 0) {
          break; // the rest fit nowhere
        }
        done[pick] = true;
        left--;
        sequence[n++] = pick;
        int h = bestHub[pick];
        if (!search.findAt(pick, h)) {
          continue; // unreachable: its cost there is finite and the plan has not changed since
        }
        st.place(pick, h, search.slots, search.count);
        update(order, from, to, done, pick, h, search.slots[0], search.slots[search.count - 1]);
      }
      for (int q = from; q < to; q++) {
        if (!done[order[q]]) {
          done[order[q]] = true;
          sequence[n++] = order[q];
        }
      }
      from = to;
    }
    return sequence;
  }

  /** Re-searches the costs a placement of {@code placed} at hub {@code h} over slots {@code lo..hi} can have changed. */
  private void update(int[] order, int from, int to, boolean[] done, int placed, int h, int lo, int hi) {
    int tenant = st.tenantOf[placed];
    for (int q = from; q < to; q++) {
      int j = order[q];
      if (done[j]) {
        continue;
      }
      if (st.tenantOf[j] == tenant && st.capBinds(j)) {
        for (int g : st.allowed[j]) {
          cost[j][g] = costAt(j, g);
        }
        rank(j);
      } else if (st.release[j] <= hi && st.deadline[j] > lo && cost[j][h] != Double.POSITIVE_INFINITY) {
        // Only more load where its window meets: its cost there can only rise, or it no longer fits.
        cost[j][h] = costAt(j, h);
        rank(j);
      }
    }
  }

  private double costAt(int j, int h) {
    if (!search.findAt(j, h)) {
      return Double.POSITIVE_INFINITY;
    }
    double c = search.emissionsGrams;
    if (prices != null) {
      double facilityKw = st.pue[h] * st.powerKw[j];
      double kwh = st.hasRenewables[h] ? st.energyKwh(j, h) : 0;
      for (int i = 0; i < search.count; i++) {
        int s = search.slots[i];
        c += prices.unitSlotGrams(h, s) * st.units[j] + prices.facilityKwSlotGrams(h, s) * facilityKw;
        if (kwh > 0) {
          // The on-site supply it takes, at what the relaxation says that supply is worth.
          c += AccountingKernel.emissionsGrams(AccountingKernel.renewableUsedKwh(kwh, st.renewableHeadroomKwh(h, s)),
              prices.energyKwhGrams(h, s));
        }
      }
    }
    return c;
  }

  /** Sets the job's cheapest hub and regret from its costs. */
  private void rank(int j) {
    double first = Double.POSITIVE_INFINITY;
    double second = Double.POSITIVE_INFINITY;
    int hub = -1;
    for (int h : st.allowed[j]) {
      double c = cost[j][h];
      if (c < first) {
        second = first;
        first = c;
        hub = h;
      } else if (c < second) {
        second = c;
      }
    }
    bestHub[j] = hub;
    regret[j] = second == Double.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY : second - first;
  }
}
