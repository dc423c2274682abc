package dev.fairshift.solver;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.Job;
import dev.fairshift.core.Tenant;

/**
 * Says, in a sentence a user can act on, why a job cannot be placed given the load already placed:
 * its tenant's maxShare, or per allowed hub the capacity, the power cap, or both together.
 */
final class UnplacedReason {
  private UnplacedReason() {}

  /** Why job {@code j} does not fit {@code state}; call it only when it does not. */
  static String of(PlanState state, int j) {
    Job job = state.problem.jobs().get(j);
    if (!state.shareAllows(j)) {
      int t = state.tenantOf[j];
      Tenant tenant = state.problem.tenants().get(t);
      return "Tenant '" + tenant.id() + "' would exceed its maxShare " + fmt(tenant.maxShare())
          + " with job '" + job.id() + "': the tenant already holds " + state.tenantUnitSlots[t]
          + " unit-slots, the job needs " + job.unitSlots() + " and the cap is "
          + (long) Math.floor(state.maxUnitSlots[t] + PlanState.SHARE_EPS) + " (" + fmt(tenant.maxShare())
          + " x " + state.problem.totalCapacityUnitSlots()
          + " unit-slots of capacity). Maybe raise the tenant's maxShare or shorten the job.";
    }
    Horizon horizon = state.problem.horizon();
    int from = state.release[j];
    int to = state.deadline[j];
    int d = state.duration[j];
    String span = state.interruptible[j] ? " slots" : " consecutive slots";
    StringBuilder hubs = new StringBuilder();
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
      for (int s = from; s < to; s++) {
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
    return "No allowed hub has " + job.units() + " free units and power headroom for " + fmt(job.powerKw())
        + " kW (times the hub's PUE) for " + d + span + " between " + horizon.slotStart(from) + " and "
        + horizon.slotStart(to) + ", given where the other jobs run (" + hubs
        + "). Maybe widen its window, allow another hub or lower its units or power.";
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
