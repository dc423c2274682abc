package dev.fairshift.integrations;

import java.util.Objects;

/**
 * A hub as the engine sees it now: a Slurm partition or a Kubernetes node pool with its resources.
 *
 * <p>The loop plans in CPU units: a hub's capacity per slot is {@code totalCpus} minus what jobs outside
 * Fairshift's control hold now ({@code usedCpus} minus the CPUs of Fairshift's own running jobs), assumed to
 * stay for the horizon (a conservative guess: jobs are still released by their latest start).
 *
 * @param pool the engine's name (partition, node-pool label value); the config maps it to a hub
 * @param totalCpus CPUs of the hub's usable (up, not drained) nodes
 * @param usedCpus CPUs allocated now, by any job
 * @param totalGpus GPUs of the hub's usable nodes
 * @param usedGpus GPUs allocated now
 * @param up whether the engine will start jobs there now (Slurm partition state UP; a pool with ready nodes)
 */
public record HubCapacity(String pool, int totalCpus, int usedCpus, int totalGpus, int usedGpus, boolean up) {

  public HubCapacity {
    Objects.requireNonNull(pool, "pool");
    if (totalCpus < 0 || usedCpus < 0 || totalGpus < 0 || usedGpus < 0) {
      throw new IllegalArgumentException("Hub '" + pool + "' has a negative resource count: cpus "
          + usedCpus + "/" + totalCpus + ", gpus " + usedGpus + "/" + totalGpus + ".");
    }
  }

  /** An up hub with {@code totalCpus} CPUs, none used, no GPUs. */
  public static HubCapacity of(String pool, int totalCpus) {
    return new HubCapacity(pool, totalCpus, 0, 0, 0, true);
  }

  /** CPUs free now ({@code totalCpus - usedCpus}, at least 0). */
  public int freeCpus() {
    return Math.max(0, totalCpus - usedCpus);
  }
}
