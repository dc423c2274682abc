package dev.fairshift.slurm.internal;

import java.util.OptionalInt;

/**
 * One partition of {@code scontrol show partition --oneliner} (Slurm 22.05 has no JSON for partitions):
 * its name, whether it is UP and its per-node CPU cap.
 */
public record PartitionInfo(String name, boolean up, OptionalInt maxCpusPerNode) {
}
