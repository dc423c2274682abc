package dev.fairshift.benchmarks.peers;

import dev.fairshift.core.Job;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** The peer policies, each as its authors describe it, in the slots of a Fairshift problem. */
final class Policies {
  private Policies() {}

  private static Wish noWindow(Intensities view, int j, String policy) {
    Job job = view.problem().jobs().get(j);
    return Wish.none(policy + " found no window of " + job.durationSlots() + " slots for job '" + job.id()
        + "' between its release and deadline. Maybe widen its window.");
  }

  private static Wish noHub(Intensities view, int j, String policy) {
    return Wish.none(policy + " found no hub that job '" + view.problem().jobs().get(j).id() + "' may run at. "
        + "Maybe check its allowedHubs.");
  }

  /** A policy that shifts in time only, at the job's home hub: no hub for the job means no wish. */
  abstract static class AtHomeHub implements Policy {
    private final String name;

    AtHomeHub(String name) {
      this.name = name;
    }

    @Override
    public final String name() {
      return name;
    }

    @Override
    public final Wish choose(Intensities view, int j) {
      int h = view.homeHub(j);
      return h < 0 ? noHub(view, j, name()) : chooseAt(view, j, h);
    }

    /** The wish for job {@code j} at its home hub {@code h}. */
    abstract Wish chooseAt(Intensities view, int j, int h);
  }

  /**
   * A policy that runs each job in one block at its home hub: it picks only the start. No start in
   * the job's window ({@code latestStart} below the release), or none picked, means no wish.
   */
  abstract static class OneBlockAtHomeHub extends AtHomeHub {
    OneBlockAtHomeHub(String name) {
      super(name);
    }

    @Override
    final Wish chooseAt(Intensities view, int j, int h) {
      int d = view.problem().jobs().get(j).durationSlots();
      int r = view.release(j);
      int start = view.latestStart(j) < r ? -1 : start(view, j, h, r, d);
      return start < 0 ? noWindow(view, j, name()) : Wish.contiguous(h, start, d);
    }

    /**
     * The start of job {@code j} (released in slot {@code r}, {@code d} slots long) at hub {@code h},
     * in {@code [r, view.latestStart(j)]}, which is not empty; -1 for none.
     */
    abstract int start(Intensities view, int j, int h, int r, int d);
  }

  /**
   * The Carbon Aware SDK's "best location and time": for every location the job may run in, the
   * rolling average of the forecast over the job's duration for every start that fits its window; the
   * lowest average wins, the earliest on ties (the SDK's first optimal data point), then the location
   * listed first (problem order). Jobs always run in one block: the SDK's windows are consecutive.
   */
  static final class CarbonAwareSdk implements Policy {
    @Override
    public String name() {
      return "carbon-aware-sdk";
    }

    @Override
    public Wish choose(Intensities view, int j) {
      Job job = view.problem().jobs().get(j);
      int d = job.durationSlots();
      int bestHub = -1;
      int bestStart = -1;
      double bestAverage = Double.POSITIVE_INFINITY;
      for (int s = view.release(j); s <= view.latestStart(j); s++) {
        for (int h = 0; h < view.problem().hubs().size(); h++) {
          if (!job.allows(view.problem().hubs().get(h).id())) {
            continue;
          }
          double average = view.sum(h, s, s + d) / d;
          if (average < bestAverage) {
            bestAverage = average;
            bestHub = h;
            bestStart = s;
          }
        }
      }
      return bestHub < 0 ? noWindow(view, j, name()) : Wish.contiguous(bestHub, bestStart, d);
    }
  }

  /**
   * Let's Wait Awhile (Wiesner et al., Middleware 2021): temporal shifting only, at the job's home
   * hub. A job that may not be interrupted runs in the window with the lowest total intensity
   * (earliest on ties); an interruptible one in the {@code durationSlots} lowest-intensity slots of
   * its window (earlier slots on ties).
   */
  static final class LetsWaitAwhile extends AtHomeHub {
    LetsWaitAwhile() {
      super("lets-wait-awhile");
    }

    @Override
    Wish chooseAt(Intensities view, int j, int h) {
      Job job = view.problem().jobs().get(j);
      if (!job.interruptible()) {
        int start = view.lowestWindow(h, j);
        return start < 0 ? noWindow(view, j, name()) : Wish.contiguous(h, start, job.durationSlots());
      }
      int from = view.release(j);
      int to = view.deadline(j);
      if (to - from < job.durationSlots()) {
        return noWindow(view, j, name());
      }
      int[] cheapest = IntStream.range(from, to).boxed()
          .sorted(Comparator.<Integer>comparingDouble(s -> view.at(h, s)).thenComparingInt(s -> s))
          .limit(job.durationSlots()).mapToInt(Integer::intValue).toArray();
      Arrays.sort(cheapest);
      return Wish.slots(h, cheapest);
    }
  }

  /**
   * GAIA's Lowest-Window (Hanafy et al., ASPLOS 2024): at the job's home hub, the start within its
   * waiting window whose run has the least carbon, earliest on ties; with the job's known length
   * (GAIA's oracle variant: a Fairshift job states its duration). Jobs run in one block.
   */
  static final class GaiaLowestWindow extends OneBlockAtHomeHub {
    GaiaLowestWindow() {
      super("gaia-lowest-window");
    }

    @Override
    int start(Intensities view, int j, int h, int r, int d) {
      return view.lowestWindow(h, j);
    }
  }

  /**
   * GAIA's Carbon-Time (carbon saving per waiting time): at the job's home hub, with C(s) the carbon
   * of running from slot s and r the release, the start that maximises (C(r) - C(s)) / (s - r + d),
   * the carbon saved per unit of completion time; earliest on ties, so it starts at once unless
   * waiting saves carbon. Known job length (GAIA's oracle variant). Jobs run in one block.
   */
  static final class GaiaCarbonTime extends OneBlockAtHomeHub {
    GaiaCarbonTime() {
      super("gaia-carbon-time");
    }

    @Override
    int start(Intensities view, int j, int h, int r, int d) {
      double now = view.sum(h, r, r + d);
      int best = r;
      double bestScore = 0;
      for (int s = r + 1; s <= view.latestStart(j); s++) {
        double score = (now - view.sum(h, s, s + d)) / (s - r + d);
        if (score > bestScore) {
          bestScore = score;
          best = s;
        }
      }
      return best;
    }
  }

  /**
   * A threshold policy like the Compute Gardener scheduler's: at the job's home hub, hold the job
   * until the intensity of the current slot is at or below the threshold, but no longer than the
   * maximum delay (and no later than the last start that meets the deadline), then start it. Jobs
   * run in one block.
   */
  static final class Threshold extends OneBlockAtHomeHub {
    private final double gramsPerKwh;
    private final Duration maxDelay;

    Threshold(double gramsPerKwh, Duration maxDelay) {
      super("threshold");
      this.gramsPerKwh = gramsPerKwh;
      this.maxDelay = maxDelay;
    }

    @Override
    int start(Intensities view, int j, int h, int r, int d) {
      long slotNanos = view.problem().horizon().slotLength().toNanos();
      long delaySlots = maxDelay.toNanos() / slotNanos;
      int last = (int) Math.min(view.latestStart(j), r + delaySlots);
      for (int s = r; s <= last; s++) {
        if (view.at(h, s) <= gramsPerKwh) {
          return s;
        }
      }
      return last;
    }
  }
}
