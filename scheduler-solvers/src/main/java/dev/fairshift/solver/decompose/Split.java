package dev.fairshift.solver.decompose;

import java.util.Locale;

/** How {@link DecomposedScheduler} cuts a problem into parts. */
public enum Split {
  /**
   * {@link #REGION} when data residency ties the hubs into at least two groups, else {@link #TIME}
   * when at least two time windows hold jobs, else {@link #NONE}.
   */
  AUTO,
  /**
   * By region: hubs that some job's residency ties together form a group (the union of the allowed
   * hubs of every job bound to at most half of the hubs, e.g. to its origin's zone); groups are packed
   * into parts of about equal work. A job bound that way belongs to its group's part; a job allowed in
   * more hubs (no residency) is solved in the part of the hub greedy gave it, restricted to that part's
   * hubs, and may move to another part in the coordinating pass (greedy left it out: only there). Parts
   * share no hub, so their capacity, power caps and on-site renewables are independent.
   */
  REGION,
  /**
   * By time window: the horizon is cut into equal windows; a job whose release and deadline lie in one
   * window belongs to it; the others keep greedy's placement while the windows are solved (their
   * capacity, power and renewables use fixed), then go to the coordinating pass.
   */
  TIME,
  /** No split: one OptaPlanner search over the whole problem from greedy's schedule. */
  NONE;

  /** {@code auto}, {@code region}, {@code time} or {@code none}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The split labelled {@code text} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the labels when there is none
   */
  public static Split parse(String text) {
    for (Split s : values()) {
      if (s.label().equalsIgnoreCase(text.strip())) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown split '" + text + "'. Maybe auto, region, time or none.");
  }
}
