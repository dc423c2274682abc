package dev.fairshift.slurm.internal;

import java.util.List;

/**
 * One node of {@code sinfo --json}: its CPUs, GPUs, partitions and state.
 *
 * @param state {@code state}, e.g. {@code idle}, {@code mixed}, {@code allocated}, {@code down}
 * @param stateFlags {@code state_flags}, e.g. {@code DRAIN}, {@code NOT_RESPONDING}
 * @param gpus GPUs from {@code gres} ({@code gpu:2}, {@code gpu:a100:4(S:0-1)})
 */
public record SinfoNode(String name, int cpus, int allocCpus, int gpus, List<String> partitions, String state,
    List<String> stateFlags) {

  public SinfoNode {
    partitions = List.copyOf(partitions);
    stateFlags = List.copyOf(stateFlags);
  }

  /** Whether Slurm will start new jobs on it: up, not drained, not responding. */
  public boolean usable() {
    String s = state.toLowerCase(java.util.Locale.ROOT);
    if (s.startsWith("down") || s.startsWith("drain") || s.startsWith("fail") || s.startsWith("inval")
        || s.startsWith("future") || s.startsWith("unknown")) {
      return false;
    }
    for (String flag : stateFlags) {
      String f = flag.toUpperCase(java.util.Locale.ROOT);
      if (f.startsWith("DRAIN") || f.equals("NOT_RESPONDING") || f.equals("FAIL") || f.startsWith("POWER")
          || f.equals("MAINTENANCE") || f.equals("REBOOT_REQUESTED")) {
        return false;
      }
    }
    return true;
  }
}
