package dev.fairshift.solver.optaplanner.internal;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.FairnessWindow;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.TenantResult;
import dev.fairshift.core.TenantWindowResult;
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

  /**
   * Units and IT kW per hub and slot, unit-slots per tenant, and per tenant and fairness window the
   * unit-slots running there, of a schedule's assignments.
   */
  private static final class Load {
    final Problem problem;
    final long[][] units;
    final double[][] itKw;
    final long[] tenantUnitSlots;
    final long[][] windowRunning;

    Load(Problem problem, Schedule schedule) {
      this.problem = problem;
      int slots = problem.horizon().slots();
      units = new long[problem.hubs().size()][slots];
      itKw = new double[problem.hubs().size()][slots];
      tenantUnitSlots = new long[problem.tenants().size()];
      windowRunning = new long[problem.tenants().size()][];
      for (int i = 0; i < windowRunning.length; i++) {
        windowRunning[i] = new long[problem.fairnessWindows(i).size()];
      }
      for (Assignment a : schedule.assignments()) {
        Job job = problem.job(a.job());
        int h = problem.hubIndex(a.hub());
        int t = problem.tenantIndex(job.tenant());
        for (int s : a.slots()) {
          units[h][s] += job.units();
          itKw[h][s] += job.powerKw();
          windowRunning[t][problem.fairnessWindowAt(t, s).index()] += job.units();
        }
        tenantUnitSlots[t] += (long) job.units() * a.slots().size();
      }
    }

    boolean fits(Job job, Hub hub, int h, int s) {
      return units[h][s] + job.units() <= hub.capacityUnitsAt(s)
          && (itKw[h][s] + job.powerKw()) * hub.pue() <= hub.powerCapKwAt(s) + EPS;
    }

    /** How many slots {@code job} may still run in window {@code w} of its tenant {@code t} within maxShare. */
    long slotsAllowed(Job job, int t, FairnessWindow w) {
      double room = problem.tenants().get(t).maxShare() * w.capacityUnitSlots() + EPS - windowRunning[t][w.index()];
      return room < job.units() ? 0 : (long) Math.floor(room / job.units());
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
      int t = problem.tenantIndex(tenant.id());
      long held = load.tenantUnitSlots[t];
      double max = tenant.maxShare() * total;
      boolean windowed = problem.fairnessWindows(t).size() > 1;
      if (!windowed && tenant.maxShare() < 1 && held + job.unitSlots() > max + EPS) {
        reasons.put(job.id(), "Job '" + job.id() + "' would take tenant '" + tenant.id() + "' to "
            + (held + job.unitSlots()) + " unit-slots, above its maxShare " + tenant.maxShare() + " of the "
            + total + " unit-slots of capacity (" + Format.units(max) + "). Maybe raise the tenant's maxShare.");
        continue;
      }
      int release = problem.releaseSlot(j);
      int deadline = problem.deadlineSlot(j);
      List<FairnessWindow> capped = windowed && tenant.maxShare() < 1 ? cappedWindows(load, j) : List.of();
      Optional<String> free = Optional.empty();
      int capacityBlocked = 0;
      int powerBlocked = 0;
      List<String> hubs = new ArrayList<>();
      boolean roomBeyondCap = false;
      for (int h = 0; h < problem.hubs().size() && free.isEmpty(); h++) {
        Hub hub = problem.hubs().get(h);
        if (!job.allows(hub.id())) {
          continue;
        }
        hubs.add(hub.id());
        int run = 0;
        int count = 0;
        long[] allowed = capped.isEmpty() ? null : allowance(load, j);
        int withinCap = 0;
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
          if (fits && allowed != null) {
            int k = problem.fairnessWindowAt(t, s).index() - problem.fairnessWindowAt(t, release).index();
            if (allowed[k] > 0) {
              allowed[k]--;
              withinCap++;
            }
          }
          if ((job.interruptible() ? count : run) >= job.durationSlots()) {
            boolean capOk = allowed == null || (job.interruptible() ? withinCap >= job.durationSlots()
                : runWithinCap(load, j, s + 1 - job.durationSlots()));
            if (capOk) {
              free = Optional.of(hub.id());
            } else {
              roomBeyondCap = true;
            }
          }
        }
      }
      if (free.isEmpty() && roomBeyondCap) {
        StringBuilder windows = new StringBuilder();
        for (FairnessWindow w : capped) {
          windows.append(windows.length() == 0 ? "" : "; ").append(w.describe()).append(": ")
              .append(load.windowRunning[t][w.index()]).append(" of ")
              .append(Format.units(tenant.maxShare() * w.capacityUnitSlots()));
        }
        reasons.put(job.id(), "Job '" + job.id() + "' would take tenant '" + tenant.id() + "' above its maxShare "
            + tenant.maxShare() + " in a fairness window wherever its hubs have room (unit-slots running against the "
            + "cap: " + windows + "). Maybe raise the tenant's maxShare or fairnessWindowSlots, or widen the job's "
            + "window.");
        continue;
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
   * The fairness windows job {@code j}'s window overlaps with less room under its tenant's cap than
   * the job could use there.
   */
  private static List<FairnessWindow> cappedWindows(Load load, int j) {
    Problem problem = load.problem;
    Job job = problem.jobs().get(j);
    int t = problem.tenantIndex(job.tenant());
    int release = problem.releaseSlot(j);
    int deadline = problem.deadlineSlot(j);
    List<FairnessWindow> out = new ArrayList<>();
    for (FairnessWindow w : problem.fairnessWindows(t)) {
      int overlap = Math.min(deadline, w.endSlot()) - Math.max(release, w.startSlot());
      if (overlap > 0 && load.slotsAllowed(job, t, w) < Math.min(job.durationSlots(), overlap)) {
        out.add(w);
      }
    }
    return out;
  }

  /** Per fairness window from the one job {@code j} is released in: how many of its slots fit its tenant's cap. */
  private static long[] allowance(Load load, int j) {
    Problem problem = load.problem;
    Job job = problem.jobs().get(j);
    int t = problem.tenantIndex(job.tenant());
    int first = problem.fairnessWindowAt(t, problem.releaseSlot(j)).index();
    int last = problem.fairnessWindowAt(t, problem.deadlineSlot(j) - 1).index();
    long[] out = new long[last - first + 1];
    for (int k = first; k <= last; k++) {
      out[k - first] = load.slotsAllowed(job, t, problem.fairnessWindows(t).get(k));
    }
    return out;
  }

  /** Whether job {@code j} running consecutively from {@code start} keeps its tenant within its cap in every window. */
  private static boolean runWithinCap(Load load, int j, int start) {
    Problem problem = load.problem;
    Job job = problem.jobs().get(j);
    int t = problem.tenantIndex(job.tenant());
    int end = start + job.durationSlots();
    for (FairnessWindow w : problem.fairnessWindows(t)) {
      int overlap = Math.min(end, w.endSlot()) - Math.max(start, w.startSlot());
      if (overlap > 0 && load.slotsAllowed(job, t, w) < overlap) {
        return false;
      }
    }
    return true;
  }

  /**
   * The guaranteed quotas {@code evaluation} reports unmet, each with the reason: its jobs' windows
   * hold too little capacity, or other tenants hold that capacity. One per tenant measured over the
   * whole horizon; one per unmet fairness window for a tenant with windows, counting only its jobs
   * released in that window.
   */
  public static List<QuotaShortfall> quotaShortfalls(Problem problem, Schedule schedule, Evaluation evaluation) {
    Load load = new Load(problem, schedule);
    List<QuotaShortfall> out = new ArrayList<>();
    for (TenantResult result : evaluation.tenants()) {
      if (result.quotaMet()) {
        continue;
      }
      if (!result.hasFairnessWindows()) {
        out.add(shortfall(problem, schedule, load, result.tenant(), Optional.empty(), result.guaranteedUnitSlots(),
            result.scheduledUnitSlots()));
        continue;
      }
      for (TenantWindowResult w : result.unmetWindows()) {
        out.add(shortfall(problem, schedule, load, result.tenant(), Optional.of(w.window()), w.guaranteedUnitSlots(),
            w.scheduledUnitSlots()));
      }
    }
    return out;
  }

  /** The shortfall of tenant {@code tenantId}'s guarantee, over the horizon or in fairness window {@code in}. */
  private static QuotaShortfall shortfall(Problem problem, Schedule schedule, Load load, String tenantId,
      Optional<FairnessWindow> in, double guaranteedUnitSlots, long scheduledUnitSlots) {
    int slots = problem.horizon().slots();
    int t = problem.tenantIndex(tenantId);
    boolean[][] window = new boolean[problem.hubs().size()][slots];
    for (int j = 0; j < problem.jobs().size(); j++) {
      Job job = problem.jobs().get(j);
      if (!job.tenant().equals(tenantId)
          || (in.isPresent() && problem.fairnessWindowAt(t, problem.releaseSlot(j)).index() != in.get().index())) {
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
    long own = in.isPresent() ? scheduledUnitSlots : load.tenantUnitSlots[t];
    long others = Math.max(0, used - ownInWindow(problem, schedule, tenantId));
    String reason;
    String jobs = in.map(w -> "In fairness " + w.describe() + ", the jobs released there: their windows")
        .orElse("Its jobs' windows");
    if (capacity + EPS < guaranteedUnitSlots) {
      reason = jobs + " on their allowed hubs hold only " + capacity + " unit-slots of capacity, "
          + "less than the " + Format.units(guaranteedUnitSlots) + " guaranteed. Maybe widen the jobs' "
          + "windows or allow more hubs.";
    } else {
      List<String> guaranteed = new ArrayList<>();
      for (Tenant other : problem.tenants()) {
        if (!other.id().equals(tenantId) && other.hasGuarantee()) {
          guaranteed.add(other.id());
        }
      }
      reason = in.map(w -> "In fairness " + w.describe() + ": o").orElse("O") + "ther tenants hold " + others
          + " of the " + capacity + " unit-slots in its jobs' windows and "
          + "hubs, and no schedule meeting this guarantee without breaking a hard rule"
          + (guaranteed.isEmpty() ? "" : " or the guarantees of " + guaranteed)
          + " was found (it holds " + own + "). Maybe widen its jobs' windows, lower other guarantees or raise "
          + "the time limit.";
    }
    return new QuotaShortfall(tenantId, guaranteedUnitSlots, scheduledUnitSlots, reason);
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
