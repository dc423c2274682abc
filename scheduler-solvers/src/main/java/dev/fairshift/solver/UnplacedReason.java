package dev.fairshift.solver;

import dev.fairshift.core.FairnessWindow;
import dev.fairshift.core.Job;
import dev.fairshift.core.Tenant;
import java.util.List;

/**
 * Says, in a sentence a user can act on, why a job cannot be placed given the load already placed:
 * its tenant's maxShare (over the horizon, or in the fairness windows it could run in), or per
 * allowed hub (the first {@value #MAX_LISTED_HUBS} named, the others counted) the capacity, the power
 * cap, or both together.
 */
final class UnplacedReason {
  /**
   * Hubs named one by one in a reason; the rest are counted by cause, so that a reason stays short
   * (and a million of them fit in memory) on a fleet of many hubs.
   */
  static final int MAX_LISTED_HUBS = 8;

  private UnplacedReason() {}

  /**
   * Why job {@code j} does not fit {@code state}; call it only when it does not. With fairness
   * windows, when the hubs have room for the job somewhere but every such placement would take its
   * tenant over maxShare in some window, the reason names those windows.
   */
  static String of(PlanState state, int j) {
    Job job = state.problem.jobs().get(j);
    int t = state.tenantOf[j];
    if (!state.shareAllows(j)) {
      if (state.windowed(t)) {
        return windowCap(state, j);
      }
      Tenant tenant = state.problem.tenants().get(t);
      return "Tenant '" + tenant.id() + "' would exceed its maxShare " + fmt(tenant.maxShare())
          + " with job '" + job.id() + "': the tenant already holds " + state.tenantUnitSlots[t]
          + " unit-slots, the job needs " + job.unitSlots() + " and the cap is "
          + (long) Math.floor(state.windowMaxUnitSlots[t][0] + PlanState.SHARE_EPS) + " (" + fmt(tenant.maxShare())
          + " x " + state.problem.totalCapacityUnitSlots()
          + " unit-slots of capacity). Maybe raise the tenant's maxShare or shorten the job.";
    }
    int from = state.release[j];
    int to = state.deadline[j];
    int d = state.duration[j];
    String span = state.interruptible[j] ? " slots" : " consecutive slots";
    StringBuilder hubs = new StringBuilder();
    int listed = 0;
    int moreCapacity = 0;
    int morePower = 0;
    int moreBoth = 0;
    for (int h : state.allowed[j]) {
      int unitsRun = 0;
      int powerRun = 0;
      int bothRun = 0;
      int unitsBest = 0;
      int powerBest = 0;
      int bothBest = 0;
      int unitsCount = 0;
      int powerCount = 0;
      int bothCount = 0;
      // A hub without the units free in any slot of the window needs no scan: capacity, 0 slots.
      for (int s = state.unitsFitSomewhere(j, h, from, to) ? from : to; s < to; s++) {
        boolean u = state.unitsFit(j, h, s);
        boolean p = state.powerFits(j, h, s);
        unitsRun = u ? unitsRun + 1 : 0;
        powerRun = p ? powerRun + 1 : 0;
        bothRun = u && p ? bothRun + 1 : 0;
        unitsBest = Math.max(unitsBest, unitsRun);
        powerBest = Math.max(powerBest, powerRun);
        bothBest = Math.max(bothBest, bothRun);
        unitsCount += u ? 1 : 0;
        powerCount += p ? 1 : 0;
        bothCount += u && p ? 1 : 0;
      }
      int unitsUsable = state.interruptible[j] ? unitsCount : unitsBest;
      int powerUsable = state.interruptible[j] ? powerCount : powerBest;
      int bothUsable = state.interruptible[j] ? bothCount : bothBest;
      if (bothUsable >= d && state.windowed(t)) {
        // The hubs have room: only the tenant's cap in its fairness windows keeps the job out.
        return windowCap(state, j);
      }
      if (listed == MAX_LISTED_HUBS) {
        if (unitsUsable < d) {
          moreCapacity++;
        } else if (powerUsable < d) {
          morePower++;
        } else {
          moreBoth++;
        }
        continue;
      }
      listed++;
      String hubId = state.problem.hubs().get(h).id();
      if (hubs.length() > 0) {
        hubs.append("; ");
      }
      hubs.append(hubId).append(": ");
      String most = state.interruptible[j] ? " in only " : " in at most ";
      if (unitsUsable < d) {
        hubs.append("capacity, ").append(job.units()).append(" free units").append(most).append(unitsUsable)
            .append(span);
      } else if (powerUsable < d) {
        hubs.append("power cap, ").append(fmt(job.powerKw() * state.pue[h])).append(" kW of headroom")
            .append(most).append(powerUsable).append(span);
      } else {
        hubs.append("capacity and power cap together, enough units in ").append(unitsUsable)
            .append(" and enough power in ").append(powerUsable).append(" but both in only ")
            .append(bothUsable).append(span);
      }
    }
    int more = moreCapacity + morePower + moreBoth;
    if (more > 0) {
      hubs.append("; and ").append(more).append(" more hub").append(more == 1 ? "" : "s").append(": ")
          .append(moreCapacity).append(" by capacity, ").append(morePower).append(" by power cap, ")
          .append(moreBoth).append(" by both together");
    }
    return "No allowed hub has " + job.units() + " free units and power headroom for " + fmt(job.powerKw())
        + " kW (times the hub's PUE) for " + d + span + " between " + state.slotStart(from) + " and "
        + state.slotStart(to) + ", given where the other jobs run (" + hubs
        + "). Maybe widen its window, allow another hub or lower its units or power.";
  }

  /**
   * The reason for a job of a tenant with fairness windows that no placement within its cap fits:
   * the windows its own window overlaps that have less room than the job could put there.
   */
  private static String windowCap(PlanState state, int j) {
    Job job = state.problem.jobs().get(j);
    int t = state.tenantOf[j];
    Tenant tenant = state.problem.tenants().get(t);
    List<FairnessWindow> windows = state.problem.fairnessWindows(t);
    int from = state.release[j];
    int to = state.deadline[j];
    StringBuilder blocked = new StringBuilder();
    for (int k = state.windowOf(t, from); k <= state.windowOf(t, to - 1); k++) {
      FairnessWindow w = windows.get(k);
      int overlap = Math.min(to, w.endSlot()) - Math.max(from, w.startSlot());
      if (state.slotsAllowed(j, k) >= Math.min(state.duration[j], overlap)) {
        continue;
      }
      blocked.append(blocked.length() == 0 ? "" : "; ").append(w.describe()).append(" already runs ")
          .append(state.windowRunningUnitSlots[t][k]).append(" of its ")
          .append((long) Math.floor(state.windowMaxUnitSlots[t][k] + PlanState.SHARE_EPS)).append(" (")
          .append(fmt(tenant.maxShare())).append(" x ").append(w.capacityUnitSlots()).append(")");
    }
    return "Tenant '" + tenant.id() + "' would exceed its maxShare " + fmt(tenant.maxShare())
        + " in a fairness window of " + state.windowSlots[t] + " slots with job '" + job.id() + "' (" + job.units() + " units for "
        + state.duration[j] + " slots), wherever the hubs have room for it between "
        + state.slotStart(from) + " and " + state.slotStart(to) + ": "
        + blocked + " unit-slots. Maybe raise the tenant's maxShare or fairnessWindowSlots, or widen the job's window.";
  }

  /** A number as people write it: 12, 0.4, 12.5 (rounded to 3 decimals). */
  static String fmt(double v) {
    double r = Math.round(v * 1000) / 1000.0;
    if (r == Math.rint(r) && Math.abs(r) < 1e15) {
      return Long.toString((long) r);
    }
    return Double.toString(r);
  }
}
