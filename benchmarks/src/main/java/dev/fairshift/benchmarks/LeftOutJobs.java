package dev.fairshift.benchmarks;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.FairnessWindow;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Unscheduled;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which jobs a schedule leaves out although they fit as it is: with every placed job where it is, the
 * job could be added at some allowed hub and slots within its window without breaking a hub's
 * capacity or power cap (facility power = PUE x IT power, the Evaluator's tolerance) or its tenant's
 * maxShare in any fairness window. Written apart from every solver, from the format's hard rules, so
 * the quality suite can count this for any {@code Scheduler}. Stateless and thread-safe.
 *
 * <p>For an interruptible job any {@code durationSlots} slots of one hub where it fits alone are
 * enough (the earliest ones are taken, and the tenant's cap is checked on them); a non-interruptible
 * job needs consecutive ones. Costs O(hubs x window) per left-out job after an O(placed unit-slots)
 * pass.
 */
public final class LeftOutJobs {
  private static final double EPS = 1e-9;

  private LeftOutJobs() {}

  /** The ids of the jobs {@code schedule} leaves out that fit as it is, in problem order. */
  public static List<String> thatFit(Problem problem, Schedule schedule) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(schedule, "schedule");
    int hubs = problem.hubs().size();
    int slots = problem.horizon().slots();
    int[][] units = new int[hubs][slots];
    double[][] itKw = new double[hubs][slots];
    int tenants = problem.tenants().size();
    long[][] running = new long[tenants][];
    for (int t = 0; t < tenants; t++) {
      running[t] = new long[problem.fairnessWindows(t).size()];
    }
    for (Assignment a : schedule.assignments()) {
      Job job = problem.job(a.job());
      int h = problem.hubIndex(a.hub());
      int t = problem.tenantIndex(job.tenant());
      for (int s : a.slots()) {
        units[h][s] += job.units();
        itKw[h][s] += job.powerKw();
        running[t][problem.fairnessWindowAt(t, s).index()] += job.units();
      }
    }
    List<String> out = new ArrayList<>();
    for (Unscheduled u : schedule.unscheduled()) {
      int j = problem.jobIndex(u.job());
      if (fits(problem, j, units, itKw, running)) {
        out.add(u.job());
      }
    }
    return List.copyOf(out);
  }

  private static boolean fits(Problem problem, int j, int[][] units, double[][] itKw, long[][] running) {
    Job job = problem.jobs().get(j);
    int t = problem.tenantIndex(job.tenant());
    double maxShare = problem.tenants().get(t).maxShare();
    List<FairnessWindow> windows = problem.fairnessWindows(t);
    int release = problem.releaseSlot(j);
    int deadline = problem.deadlineSlot(j);
    int d = job.durationSlots();
    for (int h = 0; h < problem.hubs().size(); h++) {
      Hub hub = problem.hubs().get(h);
      if (!job.allows(hub.id())) {
        continue;
      }
      List<Integer> chosen = new ArrayList<>();
      int run = 0;
      for (int s = release; s < deadline; s++) {
        boolean free = units[h][s] + job.units() <= hub.capacityUnitsAt(s)
            && (itKw[h][s] + job.powerKw()) * hub.pue() <= hub.powerCapKwAt(s) + EPS;
        if (job.interruptible()) {
          if (free) {
            chosen.add(s);
            if (chosen.size() == d) {
              break;
            }
          }
        } else {
          run = free ? run + 1 : 0;
          if (run == d) {
            List<Integer> window = new ArrayList<>();
            for (int k = s - d + 1; k <= s; k++) {
              window.add(k);
            }
            if (withinCap(problem, t, windows, maxShare, running, job, window)) {
              return true;
            }
            run = d - 1;
          }
        }
      }
      if (job.interruptible() && chosen.size() == d
          && withinCap(problem, t, windows, maxShare, running, job, chosen)) {
        return true;
      }
    }
    return false;
  }

  private static boolean withinCap(Problem problem, int t, List<FairnessWindow> windows, double maxShare,
      long[][] running, Job job, List<Integer> slots) {
    if (maxShare >= 1) {
      return true;
    }
    long[] added = new long[windows.size()];
    for (int s : slots) {
      added[problem.fairnessWindowAt(t, s).index()] += job.units();
    }
    for (FairnessWindow w : windows) {
      if (running[t][w.index()] + added[w.index()] > maxShare * w.capacityUnitSlots() + EPS) {
        return false;
      }
    }
    return true;
  }
}
