package dev.fairshift.benchmarks.peers;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.FairnessWindow;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.solver.Scheduler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A capacity-blind {@link Policy} made into a {@link Scheduler} that keeps every hard rule: the
 * policy chooses each job's hub and slots as if the hubs were empty, then the choices are admitted
 * first come (by release, ties in problem order), first served into the real capacity, power caps
 * and tenant maxShares. A job that finds no room at a chosen slot waits at its chosen hub for the
 * next slot with room: a consecutive job starts at the first later slot from which all its slots fit;
 * an interruptible job replaces each full slot by the next free slot after it. A job that cannot
 * finish by its deadline that way is unscheduled with the reason (a deadline miss). Guaranteed
 * quotas are not reserved, as none of the tools does; the Evaluator counts the quotas missed.
 * Stateless and deterministic; thread-safe.
 */
final class PeerScheduler implements Scheduler {
  private static final double EPS = 1e-10;
  private final Policy policy;

  PeerScheduler(Policy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  @Override
  public String name() {
    return policy.name();
  }

  @Override
  public Schedule schedule(Problem problem) {
    Objects.requireNonNull(problem, "problem");
    Intensities view = new Intensities(problem);
    Room room = new Room(problem);
    int n = problem.jobs().size();
    Integer[] order = IntStream.range(0, n).boxed()
        .sorted(Comparator.<Integer>comparingInt(problem::releaseSlot).thenComparingInt(j -> j))
        .toArray(Integer[]::new);
    Assignment[] assignments = new Assignment[n];
    String[] reasons = new String[n];
    for (int j : order) {
      Wish wish = policy.choose(view, j);
      if (!wish.placed()) {
        reasons[j] = wish.reason();
        continue;
      }
      int[] slots = wish.divisible() ? room.admitSlots(j, wish) : room.admitBlock(j, wish);
      if (slots == null) {
        reasons[j] = missReason(problem, j, wish, room.lastBlocker);
      } else {
        assignments[j] = new Assignment(problem.jobs().get(j).id(), problem.hubs().get(wish.hub()).id(),
            Arrays.stream(slots).boxed().toList());
      }
    }
    List<Assignment> placed = new ArrayList<>();
    List<Unscheduled> left = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      if (assignments[j] != null) {
        placed.add(assignments[j]);
      } else {
        left.add(new Unscheduled(problem.jobs().get(j).id(), reasons[j]));
      }
    }
    return new Schedule(name(), placed, left);
  }

  private String missReason(Problem problem, int j, Wish wish, String blocker) {
    Job job = problem.jobs().get(j);
    Horizon horizon = problem.horizon();
    int first = wish.slots()[0];
    return "Deadline miss: " + name() + " chose hub '" + problem.hubs().get(wish.hub()).id() + "' from slot "
        + first + " (" + horizon.slotStart(first) + ") for job '" + job.id() + "', and admitted first come, "
        + "first served it found no room for its " + job.durationSlots() + " slots before its deadline "
        + job.deadline() + " (" + blocker + "). Maybe give it more slack.";
  }

  /** What is left of the hubs' capacity and power and of the tenants' maxShares. Not thread-safe. */
  static final class Room {
    private final Problem problem;
    private final int[][] units;
    private final double[][] itKw;
    private final long[][] tenantRunning;
    private final long[][] tentative;
    private String lastBlocker = "";

    Room(Problem problem) {
      this.problem = problem;
      int slots = problem.horizon().slots();
      units = new int[problem.hubs().size()][slots];
      itKw = new double[problem.hubs().size()][slots];
      tenantRunning = new long[problem.tenants().size()][];
      tentative = new long[problem.tenants().size()][];
      for (int t = 0; t < tenantRunning.length; t++) {
        tenantRunning[t] = new long[problem.fairnessWindows(t).size()];
        tentative[t] = new long[tenantRunning[t].length];
      }
    }

    /** The first block of the wish's length from its start on that fits, committed; null if none. */
    int[] admitBlock(int j, Wish wish) {
      int d = wish.slots().length;
      int latest = problem.deadlineSlot(j) - d;
      lastBlocker = "no start before its deadline";
      String firstBlocker = null;
      for (int start = wish.slots()[0]; start <= latest; start++) {
        String blocker = blockFits(j, wish.hub(), start, d);
        if (blocker == null) {
          int[] slots = IntStream.range(start, start + d).toArray();
          for (int s : slots) {
            commit(j, wish.hub(), s, +1);
          }
          return slots;
        }
        firstBlocker = firstBlocker == null ? blocker : firstBlocker;
      }
      lastBlocker = firstBlocker == null ? lastBlocker : "at the chosen start: " + firstBlocker;
      return null;
    }

    /**
     * The wish's slots that fit, each full one replaced by the next free slot after it that the wish
     * does not already hold, all before the deadline; committed, or null (and nothing committed).
     */
    int[] admitSlots(int j, Wish wish) {
      int h = wish.hub();
      int d = wish.slots().length;
      boolean[] wanted = new boolean[problem.horizon().slots()];
      for (int s : wish.slots()) {
        wanted[s] = true;
      }
      int[] taken = new int[d];
      int count = 0;
      int deficit = 0;
      String firstBlocker = null;
      for (int s = wish.slots()[0]; s < problem.deadlineSlot(j) && count < d; s++) {
        if (!wanted[s] && deficit == 0) {
          continue;
        }
        String blocker = slotFits(j, h, s);
        if (blocker == null) {
          commit(j, h, s, +1);
          taken[count++] = s;
          if (!wanted[s]) {
            deficit--;
          }
        } else if (wanted[s]) {
          deficit++;
          firstBlocker = firstBlocker == null ? blocker : firstBlocker;
        }
      }
      if (count == d) {
        return taken;
      }
      for (int i = 0; i < count; i++) {
        commit(j, h, taken[i], -1);
      }
      lastBlocker = firstBlocker == null ? "no free slot before its deadline" : "at a chosen slot: " + firstBlocker;
      return null;
    }

    private String blockFits(int j, int h, int start, int d) {
      for (int s = start; s < start + d; s++) {
        String blocker = hubFits(j, h, s);
        if (blocker != null) {
          return blocker;
        }
      }
      Job job = problem.jobs().get(j);
      int t = problem.tenantIndex(job.tenant());
      String blocker = null;
      for (int s = start; s < start + d && blocker == null; s++) {
        FairnessWindow w = problem.fairnessWindowAt(t, s);
        tentative[t][w.index()] += job.units();
        blocker = shareFits(t, w, tentative[t][w.index()]);
      }
      for (int s = start; s < start + d; s++) {
        tentative[t][problem.fairnessWindowAt(t, s).index()] = 0;
      }
      return blocker;
    }

    private String slotFits(int j, int h, int s) {
      String blocker = hubFits(j, h, s);
      if (blocker != null) {
        return blocker;
      }
      Job job = problem.jobs().get(j);
      int t = problem.tenantIndex(job.tenant());
      return shareFits(t, problem.fairnessWindowAt(t, s), job.units());
    }

    private String hubFits(int j, int h, int s) {
      Job job = problem.jobs().get(j);
      Hub hub = problem.hubs().get(h);
      if (units[h][s] + job.units() > hub.capacityUnitsAt(s)) {
        return "hub '" + hub.id() + "' capacity: " + (hub.capacityUnitsAt(s) - units[h][s]) + " of "
            + job.units() + " units free in slot " + s;
      }
      if ((itKw[h][s] + job.powerKw()) * hub.pue() > hub.powerCapKwAt(s) + EPS) {
        return "hub '" + hub.id() + "' power cap " + hub.powerCapKwAt(s) + " kW in slot " + s;
      }
      return null;
    }

    private String shareFits(int t, FairnessWindow w, long added) {
      Tenant tenant = problem.tenants().get(t);
      double limit = tenant.maxShare() * w.capacityUnitSlots();
      if (tenantRunning[t][w.index()] + added > limit + EPS) {
        return "tenant '" + tenant.id() + "' maxShare " + tenant.maxShare()
            + (problem.fairnessWindows(t).size() > 1 ? " in " + w.describe() : "");
      }
      return null;
    }

    private void commit(int j, int h, int s, int sign) {
      Job job = problem.jobs().get(j);
      units[h][s] += sign * job.units();
      itKw[h][s] += sign * job.powerKw();
      int t = problem.tenantIndex(job.tenant());
      tenantRunning[t][problem.fairnessWindowAt(t, s).index()] += (long) sign * job.units();
    }
  }
}
