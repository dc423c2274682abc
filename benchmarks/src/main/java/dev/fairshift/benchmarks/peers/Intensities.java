package dev.fairshift.benchmarks.peers;

import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;

/**
 * What a peer policy sees of a problem: per hub, the planning intensity of its zone (the forecast
 * when the zone has one, else the actual values, as every Fairshift solver plans) with prefix sums,
 * and per job its window in slots. Policies read grid intensity only: none of them knows about PUE,
 * on-site renewables, prices or data transfer, as the tools they stand for do not. Immutable.
 */
final class Intensities {
  private final Problem problem;
  private final double[][] gramsPerKwh;
  private final double[][] prefix;

  Intensities(Problem problem) {
    this.problem = problem;
    int slots = problem.horizon().slots();
    int hubs = problem.hubs().size();
    gramsPerKwh = new double[hubs][];
    prefix = new double[hubs][];
    for (int h = 0; h < hubs; h++) {
      Hub hub = problem.hubs().get(h);
      gramsPerKwh[h] = problem.zoneOf(hub).planningGramsPerKwh().toArray(slots);
      prefix[h] = new double[slots + 1];
      for (int s = 0; s < slots; s++) {
        prefix[h][s + 1] = prefix[h][s] + gramsPerKwh[h][s];
      }
    }
  }

  Problem problem() {
    return problem;
  }

  /** Planning intensity of hub {@code h}'s zone in slot {@code s}, g/kWh. */
  double at(int h, int s) {
    return gramsPerKwh[h][s];
  }

  /** Sum of hub {@code h}'s planning intensity over slots {@code [from, to)}. */
  double sum(int h, int from, int to) {
    return prefix[h][to] - prefix[h][from];
  }

  /** The first slot job {@code j} may run in. */
  int release(int j) {
    return problem.releaseSlot(j);
  }

  /** The last slot job {@code j} may start in when it runs consecutively (below the release when it cannot). */
  int latestStart(int j) {
    return problem.deadlineSlot(j) - problem.jobs().get(j).durationSlots();
  }

  /** The slot boundary job {@code j} must finish by (exclusive). */
  int deadline(int j) {
    return problem.deadlineSlot(j);
  }

  /**
   * The hub a policy that only shifts in time runs job {@code j} at: its origin hub when it has one
   * and may run there, else the first hub in problem order it may run at; -1 when none.
   */
  int homeHub(int j) {
    Job job = problem.jobs().get(j);
    if (job.originHub().isPresent() && job.allows(job.originHub().get())) {
      return problem.hubIndex(job.originHub().get());
    }
    for (int h = 0; h < problem.hubs().size(); h++) {
      if (job.allows(problem.hubs().get(h).id())) {
        return h;
      }
    }
    return -1;
  }

  /** The start in {@code [release, latestStart]} with the least sum over the job's duration at hub h; ties: earliest. */
  int lowestWindow(int h, int j) {
    int d = problem.jobs().get(j).durationSlots();
    int best = -1;
    double bestSum = Double.POSITIVE_INFINITY;
    for (int s = release(j); s <= latestStart(j); s++) {
      double sum = sum(h, s, s + d);
      if (sum < bestSum) {
        bestSum = sum;
        best = s;
      }
    }
    return best;
  }
}
