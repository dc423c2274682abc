package dev.fairshift.core;

import java.util.List;
import java.util.Objects;

/**
 * Where and when one job runs.
 *
 * @param job the job id
 * @param hub the hub id
 * @param slots the slot indices it runs in, ascending
 */
public record Assignment(String job, String hub, List<Integer> slots) {
  public Assignment {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(hub, "hub");
    slots = List.copyOf(slots);
  }

  /** A job run in {@code duration} consecutive slots from {@code start}. */
  public static Assignment contiguous(String job, String hub, int start, int duration) {
    Integer[] slots = new Integer[duration];
    for (int i = 0; i < duration; i++) {
      slots[i] = start + i;
    }
    return new Assignment(job, hub, List.of(slots));
  }

  /** The first slot, the job's start. */
  public int firstSlot() {
    return slots.get(0);
  }

  /** The last slot it runs in. */
  public int lastSlot() {
    return slots.get(slots.size() - 1);
  }
}
