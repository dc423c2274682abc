package dev.fairshift.solver.optaplanner.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The last pass after a solve: every unscheduled job that fits as the schedule stands, with nothing
 * else moved, goes in at its best position (highest priority first, then most unit-slots). A job
 * "fits" when placing it makes no hard level of the score worse: no capacity, power cap, residency,
 * window or tenant cap is broken, and a guarantee can only get closer. Local search usually finds
 * these insertions itself, but a run that ends by its time or calculation limit may not have tried
 * them all (on large overloaded problems, thousands). Placing one job only adds load, so it never
 * lets another job fit that did not before, and one pass inserts every job that fits.
 *
 * <p>Positions are checked for capacity and power first on per-hub-slot totals, so only those where
 * the job fits on the hub get scored. Not thread-safe; changes the solution given.
 */
public final class InsertionPass {
  private InsertionPass() {}

  /** Inserts every unscheduled, unpinned job of {@code solution} that fits; returns the ones placed. */
  public static List<JobAssignment> run(PlanSolution solution) {
    List<JobAssignment> waiting = new ArrayList<>();
    for (JobAssignment a : solution.getAssignments()) {
      if (a.getHub() == null && !a.isPinned() && !a.job().hubRange().isEmpty()
          && (!a.job().interruptible() || a.job().slotRange().size() >= a.job().durationSlots())) {
        waiting.add(a);
      }
    }
    if (waiting.isEmpty()) {
      return List.of();
    }
    waiting.sort(Comparator.comparingInt((JobAssignment a) -> -a.job().priority())
        .thenComparingLong(a -> -a.job().unitSlots())
        .thenComparingInt(a -> a.job().index()));
    Loads loads = new Loads(solution);
    ScoreAccess access = ScoreAccess.of(solution);
    List<JobAssignment> placed = new ArrayList<>();
    for (JobAssignment a : waiting) {
      if (BestInsertion.insert(access, a, BestInsertion.Floor.HARD_NOT_WORSE, null, Integer.MAX_VALUE, true, loads)) {
        loads.add(a, access);
        placed.add(a);
      }
    }
    return placed;
  }

  /** Units and IT micro-watts per hub and slot, for the quick capacity and power check. */
  private static final class Loads implements BestInsertion.Prefilter {
    private final int[][] units;
    private final long[][] microWatts;

    Loads(PlanSolution solution) {
      int hubs = 0;
      for (HubFact hub : solution.getHubs()) {
        hubs = Math.max(hubs, hub.index() + 1);
      }
      units = new int[hubs][];
      microWatts = new long[hubs][];
      for (HubFact hub : solution.getHubs()) {
        units[hub.index()] = new int[hub.slots().size()];
        microWatts[hub.index()] = new long[hub.slots().size()];
      }
      for (JobAssignment a : solution.getAssignments()) {
        if (a.isPlaced()) {
          occupy(a);
        }
      }
      for (JobSlot part : solution.getJobSlots()) {
        if (part.isPlaced()) {
          occupy(part);
        }
      }
    }

    private void occupy(Occupant o) {
      int h = o.placedHub().index();
      if (h >= units.length || units[h] == null) {
        return;
      }
      for (int s = o.firstSlot(); s < o.firstSlot() + o.length() && s < units[h].length; s++) {
        units[h][s] += o.job().units();
        microWatts[h][s] += o.job().itMicroWatts();
      }
    }

    void add(JobAssignment a, ScoreAccess access) {
      if (a.job().interruptible()) {
        access.parts(a.job()).forEach(this::occupy);
      } else {
        occupy(a);
      }
    }

    @Override
    public boolean mayFit(JobFact job, HubFact hub, int s) {
      int h = hub.index();
      if (h >= units.length || units[h] == null || s >= units[h].length) {
        return true; // unknown here: let the score decide
      }
      HubSlot slot = hub.slot(s);
      return slot.unitsOverCapacity(units[h][s] + job.units()) == 0
          && slot.kwOverPowerCap(microWatts[h][s] + job.itMicroWatts()) == 0;
    }
  }
}
