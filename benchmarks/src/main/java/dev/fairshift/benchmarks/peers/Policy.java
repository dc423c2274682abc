package dev.fairshift.benchmarks.peers;

/** A capacity-blind placement rule: what one job would get if it had the hubs to itself. */
interface Policy {
  /** The policy's name, used as the scheduler's name. */
  String name();

  /** Where and when job number {@code j} of {@code view.problem()} wants to run. */
  Wish choose(Intensities view, int j);
}
