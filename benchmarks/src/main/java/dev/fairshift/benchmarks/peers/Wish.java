package dev.fairshift.benchmarks.peers;

import java.util.Arrays;

/**
 * Where and when a capacity-blind policy wants a job to run: a hub and ascending slots, or nowhere
 * (hub -1) with the reason. {@code slots} is owned by the wish; callers do not change it.
 */
record Wish(int hub, int[] slots, String reason) {

  static Wish contiguous(int hub, int start, int duration) {
    int[] slots = new int[duration];
    for (int i = 0; i < duration; i++) {
      slots[i] = start + i;
    }
    return new Wish(hub, slots, "");
  }

  static Wish slots(int hub, int[] ascending) {
    return new Wish(hub, ascending, "");
  }

  static Wish none(String reason) {
    return new Wish(-1, new int[0], reason);
  }

  boolean placed() {
    return hub >= 0;
  }

  boolean consecutive() {
    return slots.length == 0 || slots[slots.length - 1] - slots[0] == slots.length - 1;
  }

  @Override
  public String toString() {
    return placed() ? "hub " + hub + " slots " + Arrays.toString(slots) : "none: " + reason;
  }
}
