package dev.fairshift.benchmarks.peers;

import java.util.Arrays;

/**
 * Where and when a capacity-blind policy wants a job to run: a hub and ascending slots, or nowhere
 * (hub -1) with the reason. A {@code divisible} wish is admitted slot by slot (an interruptible job),
 * otherwise as one block. {@code slots} is owned by the wish; callers do not change it.
 */
record Wish(int hub, int[] slots, boolean divisible, String reason) {

  static Wish contiguous(int hub, int start, int duration) {
    int[] slots = new int[duration];
    for (int i = 0; i < duration; i++) {
      slots[i] = start + i;
    }
    return new Wish(hub, slots, false, "");
  }

  static Wish slots(int hub, int[] ascending) {
    return new Wish(hub, ascending, true, "");
  }

  static Wish none(String reason) {
    return new Wish(-1, new int[0], false, reason);
  }

  boolean placed() {
    return hub >= 0;
  }

  @Override
  public String toString() {
    return placed() ? "hub " + hub + " slots " + Arrays.toString(slots) : "none: " + reason;
  }
}
