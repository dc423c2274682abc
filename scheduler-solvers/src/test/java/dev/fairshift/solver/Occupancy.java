package dev.fairshift.solver;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;

/**
 * The tests' own, deliberately plain account of what a set of assignments holds per hub and slot
 * and per tenant, and of where one more job would fit (FORMAT.md's hard rules), independent of the
 * schedulers' {@code PlanState}.
 */
final class Occupancy {
  private final Problem problem;
  private final long[][] units;
  private final double[][] itKw;
  private final long[] tenantUnitSlots;

  Occupancy(Problem problem) {
    this.problem = problem;
    int slots = problem.horizon().slots();
    this.units = new long[problem.hubs().size()][slots];
    this.itKw = new double[problem.hubs().size()][slots];
    this.tenantUnitSlots = new long[problem.tenants().size()];
  }

  void add(Assignment a) {
    Job job = problem.job(a.job());
    int h = problem.hubIndex(a.hub());
    for (int s : a.slots()) {
      units[h][s] += job.units();
      itKw[h][s] += job.powerKw();
    }
    tenantUnitSlots[problem.tenantIndex(job.tenant())] += (long) job.units() * a.slots().size();
  }

  /** Whether one more job of the tenant stays within its maxShare. */
  boolean shareAllows(Job job) {
    int t = problem.tenantIndex(job.tenant());
    double max = problem.tenant(job.tenant()).maxShare() * problem.totalCapacityUnitSlots();
    return tenantUnitSlots[t] + job.unitSlots() <= max + 1e-9;
  }

  boolean fits(Job job, int h, int s) {
    Hub hub = problem.hubs().get(h);
    return units[h][s] + job.units() <= hub.capacityUnitsAt(s)
        && hub.pue() * (itKw[h][s] + job.powerKw()) <= hub.powerCapKwAt(s) + 1e-9;
  }

  /**
   * The earliest placement of job number {@code j} in hub {@code h}: the first run of
   * {@code durationSlots} fitting slots, or for an interruptible job the first that many fitting
   * slots; null when there is none.
   */
  int[] earliest(int j, int h) {
    Job job = problem.jobs().get(j);
    int d = job.durationSlots();
    int[] slots = new int[d];
    int found = 0;
    for (int s = problem.releaseSlot(j); s < problem.deadlineSlot(j); s++) {
      if (fits(job, h, s)) {
        slots[found++] = s;
        if (found == d) {
          return slots;
        }
      } else if (!job.interruptible()) {
        found = 0;
      }
    }
    return null;
  }

  /** Whether job number {@code j} could still be added somewhere it is allowed. */
  boolean fitsSomewhere(int j) {
    Job job = problem.jobs().get(j);
    for (int h = 0; h < problem.hubs().size(); h++) {
      if (job.allows(problem.hubs().get(h).id()) && earliest(j, h) != null) {
        return true;
      }
    }
    return false;
  }
}
