package dev.fairshift.benchmarks;

import java.util.Objects;

/**
 * One point of the scaling run: a solver on {@link Scenarios#benchmark(int, int)}. Immutable and
 * thread-safe.
 *
 * @param solver the solver label
 * @param jobs jobs in the problem
 * @param hubs hubs in the problem
 * @param slots hourly slots in the horizon
 * @param wallMillis the best wall time over the repetitions, milliseconds
 * @param peakHeapMb the peak heap in use during one run minus the heap in use before it, MiB
 *     (approximate: the sum of the heap pools' peaks)
 */
public record ScalingRow(String solver, int jobs, int hubs, int slots, double wallMillis, double peakHeapMb) {
  public ScalingRow {
    Objects.requireNonNull(solver, "solver");
  }
}
