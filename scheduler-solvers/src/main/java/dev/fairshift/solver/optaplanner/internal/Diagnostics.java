package dev.fairshift.solver.optaplanner.internal;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.TenantResult;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.solver.optaplanner.QuotaShortfall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Explains, from a finished schedule, why jobs stayed unscheduled and why guaranteed quotas were
 * missed, in sentences that name the numbers and suggest a fix. Stateless and thread-safe.
 */
public final class Diagnostics {
  private static final double EPS = 1e-9;

  private Diagnostics() {}

  /** Units and IT kW per hub and slot, and unit-slots per tenant, of a schedule's assignments. */
  private static final class Load {
    final long[][] units;
    final double[][] itKw;
    final long[] tenantUnitSlots;

    Load(Problem problem, Schedule schedule) {
      int slots = problem.horizon().slots();
      units = new long[problem.hubs().size()][slots];
      itKw = new double[problem.hubs().size()][slots];
      tenantUnitSlots = new long[problem.tenants().size()];
      for (Assignment a : schedule.assignments()) {
        Job job = problem.job(a.job());
        int h = problem.hubIndex(a.hub());
        for (int s : a.slots()) {
          units[h][s] += job.units();
          itKw[h][s] += job.powerKw();
        }
        tenantUnitSlots[problem.tenantIndex(job.tenant())] += (long) job.units() * a.slots().size();
      }
    }

    boolean fits(Job job, Hub hub, int h, int s) {
      return units[h][s] + job.units() <= hub.capacityUnitsAt(s)
          && (itKw[h][s] + job.powerKw()) * hub.pue() <= hub.powerCapKwAt(s) + EPS;
    }
  }

  /**
   * A reason for every job {@code schedule} leaves unscheduled, keyed by job id: its tenant's
   * maxShare (when below 1), full hubs (capacity or power cap) in its whole window, or, when a place
   * is free, that the solver stopped before using it.
   */
  public static Map<String, String> unscheduledReasons(Problem problem, Schedule schedule) {
    Load load = new Load(problem, schedule);
    Horizon horizon = problem.horizon();
    long total = problem.totalCapacityUnitSlots();
    Map<String, String> reasons = new LinkedHashMap<>();
    for (Unscheduled u : schedule.unscheduled()) {
      if (!problem.hasJob(u.job())) {
        continue;
      }
      int j = problem.jobIndex(u.job());
      Job job = problem.jobs().get(j);
      Tenant tenant = problem.tenant(job.tenant());
      long held = load.tenantUnitSlots[problem.tenantIndex(tenant.id())];
      double max = tenant.maxShare() * total;
      if (tenant.maxShare() < 1 && held + job.unitSlots() > max + EPS) {
        reasons.put(job.id(), "Job '" + job.id() + "' would take tenant '" + tenant.id() + "' to "
            + (held + job.unitSlots()) + " unit-slots, above its maxShare " + tenant.maxShare() + " of the "
            + total + " unit-slots of capacity (" + Format.units(max) + "). Maybe raise the tenant's maxShare.");
        continue;
      }
      int release = problem.releaseSlot(j);
      int deadline = problem.deadlineSlot(j);
      Optional<String> free = Optional.empty();
      int capacityBlocked = 0;
      int powerBlocked = 0;
      List<String> hubs = new ArrayList<>();
      for (int h = 0; h < problem.hubs().size() && free.isEmpty(); h++) {
        Hub hub = problem.hubs().get(h);
        if (!job.allows(hub.id())) {
          continue;
        }
        hubs.add(hub.id());
        int run = 0;
        int count = 0;
        for (int s = release; s < deadline && free.isEmpty(); s++) {
          boolean fits = load.fits(job, hub, h, s);
          if (!fits) {
            if (load.units[h][s] + job.units() > hub.capacityUnitsAt(s)) {
              capacityBlocked++;
            } else {
              powerBlocked++;
            }
          }
          run = fits ? run + 1 : 0;
          count += fits ? 1 : 0;
          if ((job.interruptible() ? count : run) >= job.durationSlots()) {
            free = Optional.of(hub.id());
          }
        }
      }
      if (free.isPresent()) {
        reasons.put(job.id(), "Job '" + job.id() + "' was left out although hub '" + free.get()
            + "' has room for it in its window: the solver stopped before placing it. Maybe raise the time "
            + "limit or warm-start from the greedy schedule.");
      } else {
        reasons.put(job.id(), "Job '" + job.id() + "' needs " + job.units() + " units and "
            + Format.kw(job.powerKw()) + " kW for " + job.durationSlots()
            + (job.interruptible() ? " slots" : " consecutive slots") + " between " + horizon.slotStart(release)
            + " and " + horizon.slotStart(deadline) + ", but its allowed hubs " + hubs + " are full there ("
            + capacityBlocked + " hub-slots at capacity" + (powerBlocked > 0 ? ", " + powerBlocked
            + " at their power cap" : "") + ") with jobs of higher priority or lower emissions. Maybe widen its "
            + "window, allow another hub or raise its priority.");
      }
    }
    return reasons;
  }

  /**
   * The tenants whose guaranteed quota {@code evaluation} reports unmet, each with the reason: its
   * jobs' windows hold too little capacity, or other tenants hold that capacity.
   */
  public static List<QuotaShortfall> quotaShortfalls(Problem problem, Schedule schedule, Evaluation evaluation) {
    Load load = new Load(problem, schedule);
    List<QuotaShortfall> out = new ArrayList<>();
    int slots = problem.horizon().slots();
    for (TenantResult result : evaluation.tenants()) {
      if (result.quotaMet()) {
        continue;
      }
      String tenantId = result.tenant();
      boolean[][] window = new boolean[problem.hubs().size()][slots];
      for (int j = 0; j < problem.jobs().size(); j++) {
        Job job = problem.jobs().get(j);
        if (!job.tenant().equals(tenantId)) {
          continue;
        }
        for (int h = 0; h < problem.hubs().size(); h++) {
          if (job.allows(problem.hubs().get(h).id())) {
            for (int s = problem.releaseSlot(j); s < problem.deadlineSlot(j); s++) {
              window[h][s] = true;
            }
          }
        }
      }
      long capacity = 0;
      long used = 0;
      for (int h = 0; h < window.length; h++) {
        for (int s = 0; s < slots; s++) {
          if (window[h][s]) {
            capacity += problem.hubs().get(h).capacityUnitsAt(s);
            used += load.units[h][s];
          }
        }
      }
      long own = load.tenantUnitSlots[problem.tenantIndex(tenantId)];
      long others = Math.max(0, used - ownInWindow(problem, schedule, tenantId));
      String reason;
      if (capacity + EPS < result.guaranteedUnitSlots()) {
        reason = "Its jobs' windows on their allowed hubs hold only " + capacity + " unit-slots of capacity, "
            + "less than the " + Format.units(result.guaranteedUnitSlots()) + " guaranteed. Maybe widen the jobs' "
            + "windows or allow more hubs.";
      } else {
        List<String> guaranteed = new ArrayList<>();
        for (Tenant t : problem.tenants()) {
          if (!t.id().equals(tenantId) && t.hasGuarantee()) {
            guaranteed.add(t.id());
          }
        }
        reason = "Other tenants hold " + others + " of the " + capacity + " unit-slots in its jobs' windows and "
            + "hubs, and no schedule meeting this guarantee without breaking a hard rule"
            + (guaranteed.isEmpty() ? "" : " or the guarantees of " + guaranteed)
            + " was found (it holds " + own + "). Maybe widen its jobs' windows, lower other guarantees or raise "
            + "the time limit.";
      }
      out.add(new QuotaShortfall(tenantId, result.guaranteedUnitSlots(), result.scheduledUnitSlots(), reason));
    }
    return out;
  }

  private static long ownInWindow(Problem problem, Schedule schedule, String tenantId) {
    long own = 0;
    for (Assignment a : schedule.assignments()) {
      Job job = problem.job(a.job());
      if (job.tenant().equals(tenantId)) {
        own += (long) job.units() * a.slots().size();
      }
    }
    return own;
  }
}
