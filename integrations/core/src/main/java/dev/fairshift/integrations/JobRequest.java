package dev.fairshift.integrations;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a job asked the engine for, in the engine's terms, before Fairshift maps it to a
 * {@link dev.fairshift.core.Job}. Slurm: {@code --time}, {@code --begin}, {@code --deadline}, {@code -p a,b},
 * CPUs and GPUs; Kubernetes: the {@code fairshift.dev/*} annotations and {@code resources.requests}.
 *
 * @param timeLimit how long it may run (Slurm time limit, {@code fairshift.dev/duration}); the loop plans
 *     it for this long, rounded up to whole slots. Empty: the configuration's default duration applies
 * @param begin the earliest instant it may start ({@code --begin}), if any; else its submission
 * @param deadline the instant by which it must have finished ({@code --deadline}), if any; else the
 *     configuration's default slack after the earliest start plus its duration
 * @param allowedPools the engine names of the hubs it may run in ({@code -p a,b}, {@code
 *     fairshift.dev/allowed-hubs}); empty means any configured hub
 * @param cpus CPUs requested in total, at least 0
 * @param gpus GPUs requested in total, at least 0
 */
public record JobRequest(
    Optional<Duration> timeLimit,
    Optional<Instant> begin,
    Optional<Instant> deadline,
    List<String> allowedPools,
    int cpus,
    int gpus) {

  public JobRequest {
    Objects.requireNonNull(timeLimit, "timeLimit");
    Objects.requireNonNull(begin, "begin");
    Objects.requireNonNull(deadline, "deadline");
    allowedPools = List.copyOf(allowedPools);
    if (timeLimit.isPresent() && (timeLimit.get().isZero() || timeLimit.get().isNegative())) {
      throw new IllegalArgumentException("timeLimit " + timeLimit.get() + " is not positive."
          + " Maybe leave it empty to use the configured default duration.");
    }
    if (cpus < 0 || gpus < 0) {
      throw new IllegalArgumentException("cpus " + cpus + " and gpus " + gpus + " must be at least 0.");
    }
  }

  /** A request for {@code cpus} CPUs running at most {@code timeLimit}, anywhere, with no window. */
  public static JobRequest of(Duration timeLimit, int cpus) {
    return new JobRequest(Optional.of(timeLimit), Optional.empty(), Optional.empty(), List.of(), cpus, 0);
  }

  /** A copy with the earliest start {@code begin}. */
  public JobRequest withBegin(Instant begin) {
    return new JobRequest(timeLimit, Optional.of(begin), deadline, allowedPools, cpus, gpus);
  }

  /** A copy with the deadline {@code deadline}. */
  public JobRequest withDeadline(Instant deadline) {
    return new JobRequest(timeLimit, begin, Optional.of(deadline), allowedPools, cpus, gpus);
  }

  /** A copy restricted to the engine pools {@code pools} (empty: any). */
  public JobRequest withAllowedPools(List<String> pools) {
    return new JobRequest(timeLimit, begin, deadline, pools, cpus, gpus);
  }

  /** A copy asking for {@code gpus} GPUs. */
  public JobRequest withGpus(int gpus) {
    return new JobRequest(timeLimit, begin, deadline, allowedPools, cpus, gpus);
  }
}
