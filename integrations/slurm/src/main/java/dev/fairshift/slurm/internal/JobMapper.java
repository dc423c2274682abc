package dev.fairshift.slurm.internal;

import dev.fairshift.integrations.Decision;
import dev.fairshift.integrations.DecisionMarker;
import dev.fairshift.integrations.EngineJob;
import dev.fairshift.integrations.FieldProblem;
import dev.fairshift.integrations.JobRequest;
import dev.fairshift.integrations.JobState;
import dev.fairshift.slurm.SlurmOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Maps a {@link SqueueJob} to the engine SPI: which jobs are Fairshift's, their state, request and decision. */
public final class JobMapper {

  /** The marker {@code job_submit.lua} writes in the admin comment of a job it held. */
  public static final String INTAKE_MARKER = "fairshift:intake";

  private final SlurmOptions options;

  public JobMapper(SlurmOptions options) {
    this.options = options;
  }

  /** Whether Fairshift controls {@code job}: intake marker, a recorded decision, or an opt-in rule. */
  public boolean controlled(SqueueJob job) {
    String admin = job.adminComment();
    if (admin.contains(INTAKE_MARKER) || admin.contains(AskedRecord.PREFIX)
        || admin.contains(DecisionMarker.PREFIX)) {
      return true;
    }
    String comment = job.comment().toLowerCase(Locale.ROOT);
    for (String word : options.optInComments()) {
      if (!word.isEmpty() && comment.contains(word)) {
        return true;
      }
    }
    if (!job.qos().isEmpty() && options.optInQos().contains(job.qos())) {
      return true;
    }
    for (String partition : job.partition().split(",")) {
      if (options.optInPartitions().contains(partition)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The SPI state of a job now: {@link JobState#HELD} when Slurm holds it (priority 0) or when Fairshift's
   * decision keeps it waiting for its planned StartTime (a begin-time hold that Slurm lifts by itself at the
   * planned start, so the job runs even if Fairshift is down).
   */
  public JobState state(SqueueJob job) {
    JobState state = baseState(job);
    if (state == JobState.PENDING && job.adminComment().contains(DecisionMarker.PREFIX)
        && job.eligibleTime().isPresent() && job.eligibleTime().get().isAfter(options.clock().instant())) {
      return JobState.HELD;
    }
    return state;
  }

  /** The SPI state of a Slurm job state, holds by priority only. */
  public static JobState baseState(SqueueJob job) {
    if (job.isHeld()) {
      return JobState.HELD;
    }
    return switch (job.state()) {
      case "PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "SPECIAL_EXIT" -> JobState.PENDING;
      case "RUNNING", "COMPLETING", "CONFIGURING", "SUSPENDED", "STAGE_OUT", "SIGNALING", "RESIZING",
          "STOPPED" -> JobState.RUNNING;
      case "CANCELLED" -> JobState.CANCELLED;
      case "COMPLETED", "FAILED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE",
          "OUT_OF_MEMORY", "REVOKED" -> JobState.FINISHED;
      default -> JobState.PENDING;
    };
  }

  /** The job as the engine SPI sees it; fields that cannot be mapped are named in its field problems. */
  public EngineJob toEngineJob(SqueueJob job) {
    List<FieldProblem> problems = new ArrayList<>();
    JobState state = state(job);

    Optional<AskedRecord> asked = Optional.empty();
    try {
      asked = AskedRecord.parse(job.adminComment());
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem("AdminComment", job.adminComment(), e.getMessage()));
    }
    Optional<Decision> decision = Optional.empty();
    try {
      decision = DecisionMarker.parse(job.adminComment());
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem("AdminComment", job.adminComment(), e.getMessage()));
    }

    Optional<Duration> timeLimit = Optional.empty();
    if (job.timeLimitMinutes().isPresent() && job.timeLimitMinutes().getAsLong() > 0) {
      timeLimit = Optional.of(Duration.ofMinutes(job.timeLimitMinutes().getAsLong()));
    } else {
      problems.add(new FieldProblem("TimeLimit", "UNLIMITED", "Fairshift plans a job for its time limit and"
          + " job " + job.jobId() + " has none. Maybe submit it with --time (e.g. --time=30), or set the"
          + " partition's DefaultTime."));
    }

    Optional<Instant> begin = asked.isPresent() ? asked.get().begin() : job.eligibleTime();
    List<String> pools = asked.isPresent() ? asked.get().partitions() : partitions(job.partition());

    int cpus = 0;
    if (job.cpus().isPresent()) {
      cpus = job.cpus().getAsInt();
    } else if (!state.isTerminal()) {
      problems.add(new FieldProblem("NumCPUs", "null", "Slurm reports no CPU count for job " + job.jobId()
          + ". Maybe submit it with --cpus-per-task or --ntasks."));
    }
    int gpus = 0;
    try {
      gpus = SlurmOutput.jobGpus(job);
    } catch (MalformedSlurmOutputException e) {
      problems.add(new FieldProblem("TresPerNode", job.tresPerNode() + job.tresPerJob(), e.getMessage()));
    }

    String tenant = job.account();
    if (tenant.isBlank()) {
      problems.add(new FieldProblem("Account", "", "Job " + job.jobId() + " has no account, and Fairshift's"
          + " tenants are Slurm accounts. Maybe submit it with --account=<account>."));
      tenant = "(none)";
    }

    JobRequest request = new JobRequest(timeLimit, begin, job.deadline(), pools, cpus, gpus);

    Optional<String> pool = Optional.empty();
    Optional<Instant> startedAt = Optional.empty();
    Optional<Instant> endedAt = Optional.empty();
    switch (state) {
      case RUNNING -> {
        pool = Optional.of(job.partition());
        startedAt = job.startTime();
      }
      case FINISHED -> {
        pool = Optional.of(job.partition());
        startedAt = job.startTime();
        endedAt = job.endTime();
      }
      case CANCELLED -> {
        // A job cancelled while pending has start = end = the cancel time; one that ran has start < end.
        if (job.startTime().isPresent() && job.endTime().isPresent()
            && job.startTime().get().isBefore(job.endTime().get())) {
          pool = Optional.of(job.partition());
          startedAt = job.startTime();
        }
        endedAt = job.endTime();
      }
      default -> {
      }
    }
    String name = job.name().isBlank() ? job.jobId() : job.name();
    return new EngineJob(job.jobId(), name, tenant, state, job.submitTime(), request, decision, pool,
        startedAt, endedAt, problems);
  }

  /** The partitions of a {@code partition} field ({@code north,south}); empty for none. */
  public static List<String> partitions(String field) {
    if (field.isBlank()) {
      return List.of();
    }
    return Arrays.stream(field.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
