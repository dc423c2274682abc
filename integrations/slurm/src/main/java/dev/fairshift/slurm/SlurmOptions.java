package dev.fairshift.slurm;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How {@link SlurmEngine} talks to Slurm and which jobs it treats as opted in to Fairshift.
 *
 * @param squeue the {@code squeue} command (a name on {@code PATH} or a path)
 * @param sinfo the {@code sinfo} command
 * @param scontrol the {@code scontrol} command
 * @param timeout the longest any one Slurm command may take before it is killed
 * @param optInComments a job whose {@code --comment} contains one of these words (case-insensitive) is under
 *     Fairshift's control; keep in step with {@code job_submit.lua}
 * @param optInQos a job with one of these QOS names is under Fairshift's control
 * @param optInPartitions a job that may run in one of these partitions is under Fairshift's control
 * @param clock the clock for release times
 */
public record SlurmOptions(
    String squeue,
    String sinfo,
    String scontrol,
    Duration timeout,
    List<String> optInComments,
    List<String> optInQos,
    List<String> optInPartitions,
    Clock clock) {

  /** The default timeout of one Slurm command. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  public SlurmOptions {
    Objects.requireNonNull(squeue, "squeue");
    Objects.requireNonNull(sinfo, "sinfo");
    Objects.requireNonNull(scontrol, "scontrol");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(clock, "clock");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("Slurm command timeout " + timeout + " must be positive,"
          + " e.g. PT15S.");
    }
    optInComments = optInComments.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    optInQos = List.copyOf(optInQos);
    optInPartitions = List.copyOf(optInPartitions);
  }

  /**
   * The commands on {@code PATH}, a 15 s timeout, and the opt-in of the shipped {@code job_submit.lua}:
   * comment {@code fairshift} or QOS {@code fairshift}.
   */
  public static SlurmOptions defaults() {
    return new SlurmOptions("squeue", "sinfo", "scontrol", DEFAULT_TIMEOUT, List.of("fairshift"),
        List.of("fairshift"), List.of(), Clock.systemUTC());
  }

  /** A copy that runs {@code squeue}, {@code sinfo} and {@code scontrol} from {@code binDirectory}. */
  public SlurmOptions withBinDirectory(String binDirectory) {
    String dir = binDirectory.endsWith("/") ? binDirectory : binDirectory + "/";
    return new SlurmOptions(dir + "squeue", dir + "sinfo", dir + "scontrol", timeout, optInComments, optInQos,
        optInPartitions, clock);
  }

  /** A copy with {@code newTimeout} per command. */
  public SlurmOptions withTimeout(Duration newTimeout) {
    return new SlurmOptions(squeue, sinfo, scontrol, newTimeout, optInComments, optInQos, optInPartitions,
        clock);
  }

  /** A copy with these opt-in rules. */
  public SlurmOptions withOptIn(List<String> comments, List<String> qos, List<String> partitions) {
    return new SlurmOptions(squeue, sinfo, scontrol, timeout, comments, qos, partitions, clock);
  }

  /** A copy reading {@code newClock}. */
  public SlurmOptions withClock(Clock newClock) {
    return new SlurmOptions(squeue, sinfo, scontrol, timeout, optInComments, optInQos, optInPartitions,
        newClock);
  }
}
