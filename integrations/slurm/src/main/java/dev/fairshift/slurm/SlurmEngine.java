package dev.fairshift.slurm;

import dev.fairshift.integrations.Decision;
import dev.fairshift.integrations.DecisionMarker;
import dev.fairshift.integrations.Engine;
import dev.fairshift.integrations.EngineJob;
import dev.fairshift.integrations.EngineRejectedException;
import dev.fairshift.integrations.EngineUnavailableException;
import dev.fairshift.integrations.HubCapacity;
import dev.fairshift.integrations.JobGoneException;
import dev.fairshift.integrations.JobState;
import dev.fairshift.integrations.Release;
import dev.fairshift.slurm.internal.AskedRecord;
import dev.fairshift.slurm.internal.JobMapper;
import dev.fairshift.slurm.internal.MalformedSlurmOutputException;
import dev.fairshift.slurm.internal.PartitionInfo;
import dev.fairshift.slurm.internal.ProcessRunner;
import dev.fairshift.slurm.internal.SinfoNode;
import dev.fairshift.slurm.internal.SlurmOutput;
import dev.fairshift.slurm.internal.SqueueJob;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slurm engine: reads Slurm with {@code squeue --json}, {@code sinfo --json} and {@code scontrol show
 * partition}, and acts with {@code scontrol update} and {@code scontrol release}. Every command runs as a
 * child process with {@link SlurmOptions#timeout()} and every failure is a typed
 * {@link dev.fairshift.integrations.EngineException}.
 *
 * <p>State lives in Slurm. A decision is the job's Partition and StartTime plus a
 * {@link DecisionMarker} in its AdminComment; what the job itself asked for (its partitions and
 * {@code --begin}, which the decision overwrites) is kept beside it as {@code fairshift:asked ...} before the
 * first decision. Once a decision is recorded the submission hold is lifted, so the job is held by its
 * StartTime alone and Slurm starts it at the planned start even if Fairshift is down; such a job is still
 * {@link JobState#HELD} to the loop until that time. A restarted Fairshift reads all of it back with
 * {@link #jobs()}.
 *
 * <pre>{@code
 * Engine slurm = new SlurmEngine(SlurmOptions.defaults());
 * List<EngineJob> held = slurm.jobs().stream().filter(j -> j.state() == JobState.HELD).toList();
 * }</pre>
 */
public final class SlurmEngine implements Engine {

  private static final Logger LOG = LoggerFactory.getLogger(SlurmEngine.class);
  private static final String NAME = "slurm";
  private static final DateTimeFormatter SCONTROL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss",
      Locale.ROOT);

  private final SlurmOptions options;
  private final ProcessRunner runner;
  private final JobMapper mapper;

  public SlurmEngine(SlurmOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.runner = new ProcessRunner(NAME);
    this.mapper = new JobMapper(options);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The options this engine runs with. */
  public SlurmOptions options() {
    return options;
  }

  @Override
  public List<HubCapacity> hubs() {
    List<SinfoNode> nodes = parse("hubs", null, SlurmOutput::sinfoNodes,
        run("hubs", null, List.of(options.sinfo(), "--json")));
    List<PartitionInfo> partitions = parse("hubs", null, SlurmOutput::partitions,
        run("hubs", null, List.of(options.scontrol(), "show", "partition", "--oneliner")));
    List<SqueueJob> jobs = squeue("hubs", null);

    List<HubCapacity> result = new ArrayList<>();
    for (PartitionInfo partition : partitions) {
      int cpus = 0;
      int gpus = 0;
      for (SinfoNode node : nodes) {
        if (node.partitions().contains(partition.name()) && node.usable()) {
          int nodeCpus = node.cpus();
          if (partition.maxCpusPerNode().isPresent()) {
            nodeCpus = Math.min(nodeCpus, partition.maxCpusPerNode().getAsInt());
          }
          cpus += nodeCpus;
          gpus += node.gpus();
        }
      }
      int usedCpus = 0;
      int usedGpus = 0;
      for (SqueueJob job : jobs) {
        if (JobMapper.baseState(job) == JobState.RUNNING && job.partition().equals(partition.name())) {
          usedCpus += job.cpus().orElse(0);
          try {
            usedGpus += SlurmOutput.allocatedGpus(job);
          } catch (MalformedSlurmOutputException e) {
            throw unreadable("hubs", null, e);
          }
        }
      }
      result.add(new HubCapacity(partition.name(), cpus, Math.min(usedCpus, cpus), gpus,
          Math.min(usedGpus, gpus), partition.up() && cpus > 0));
    }
    return result;
  }

  @Override
  public List<EngineJob> jobs() {
    List<EngineJob> result = new ArrayList<>();
    for (SqueueJob job : squeue("jobs", null)) {
      if (mapper.controlled(job)) {
        result.add(mapper.toEngineJob(job));
      }
    }
    return result;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Slurm: (1) keeps what the job asked for ({@code fairshift:asked}) in its AdminComment, (2) sets its
   * Partition and StartTime, (3) writes the {@link DecisionMarker} last, and (4) lifts the priority hold of
   * {@code job_submit.lua}, so that from then on the job is held by its StartTime alone: Slurm starts it at
   * the planned start by itself even if Fairshift is down, while Fairshift may still move it (re-plans) or
   * start it earlier ({@link #release}) until then. A failure at any step leaves no decision recorded, or
   * the decision recorded and the priority hold still on; both are finished by the next call.
   */
  @Override
  public void applyDecision(String jobId, Decision decision) {
    SqueueJob job = find("applyDecision", jobId);
    if (mapper.state(job) != JobState.HELD) {
      throw new JobGoneException(NAME, "applyDecision", jobId, "Slurm job " + jobId + " is " + job.state()
          + " (" + job.stateReason() + "), no longer held, so Fairshift leaves it as it is.", null);
    }
    Optional<Decision> recorded = safeDecision(job);
    boolean inPlace = recorded.isPresent() && recorded.get().sameAs(decision)
        && job.partition().equals(decision.pool())
        && job.eligibleTime().equals(Optional.of(decision.plannedStart().truncatedTo(ChronoUnit.SECONDS)));
    if (!inPlace) {
      // 1. Keep what the job asked for before its Partition and StartTime are overwritten.
      String admin = job.adminComment();
      if (!admin.contains("fairshift:asked ")) {
        AskedRecord asked = new AskedRecord(JobMapper.partitions(job.partition()), job.eligibleTime());
        admin = asked.appendTo(admin);
        scontrol("applyDecision", jobId, "update", "JobId=" + jobId, "AdminComment=" + admin);
      }
      // 2. Where and when.
      scontrol("applyDecision", jobId, "update", "JobId=" + jobId, "Partition=" + decision.pool(),
          "StartTime=" + scontrolTime(decision.plannedStart()));
      // 3. The marker last: a decision is recorded only once Slurm holds it.
      scontrol("applyDecision", jobId, "update", "JobId=" + jobId,
          "AdminComment=" + DecisionMarker.embed(admin, decision));
      LOG.debug("Slurm job {}: recorded {} at {}", jobId, decision.pool(), decision.plannedStart());
    }
    // 4. From now on only the StartTime holds it: the job runs at its planned start even without Fairshift.
    if (job.isHeld()) {
      scontrol("applyDecision", jobId, "release", jobId);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Slurm: sets the Partition (if given and different) and brings a StartTime Fairshift set forward to now
   * (never before the job's own {@code --begin}), then lifts a priority hold if there is one.
   */
  @Override
  public boolean release(String jobId, Release release) {
    SqueueJob job = find("release", jobId);
    if (mapper.state(job) != JobState.HELD) {
      return false;
    }
    Instant now = options.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    List<String> update = new ArrayList<>(List.of("update", "JobId=" + jobId));
    if (release.pool().isPresent() && !release.pool().get().equals(job.partition())) {
      if (!job.adminComment().contains("fairshift:asked ")) {
        String admin = new AskedRecord(JobMapper.partitions(job.partition()), job.eligibleTime())
            .appendTo(job.adminComment());
        scontrol("release", jobId, "update", "JobId=" + jobId, "AdminComment=" + admin);
      }
      update.add("Partition=" + release.pool().get());
    }
    // A StartTime Fairshift set for a later slot would keep the released job waiting; bring it to now, but
    // never before what the job itself asked for.
    boolean fairshiftSetStart = job.adminComment().contains("fairshift:asked ")
        || job.adminComment().contains(DecisionMarker.PREFIX);
    if (fairshiftSetStart && job.eligibleTime().isPresent() && job.eligibleTime().get().isAfter(now)) {
      Instant earliest = now;
      try {
        Optional<AskedRecord> asked = AskedRecord.parse(job.adminComment());
        if (asked.isPresent() && asked.get().begin().isPresent() && asked.get().begin().get().isAfter(now)) {
          earliest = asked.get().begin().get();
        }
      } catch (IllegalArgumentException e) {
        // an edited record: release now, as the loop asked
      }
      update.add("StartTime=" + scontrolTime(earliest));
    }
    if (update.size() > 2) {
      scontrol("release", jobId, update.toArray(String[]::new));
    }
    if (job.isHeld()) {
      scontrol("release", jobId, "release", jobId);
    }
    return true;
  }

  private Optional<Decision> safeDecision(SqueueJob job) {
    try {
      return DecisionMarker.parse(job.adminComment());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private SqueueJob find(String operation, String jobId) {
    for (SqueueJob job : squeue(operation, jobId)) {
      if (job.jobId().equals(jobId)) {
        JobState state = JobMapper.baseState(job);
        if (state.isTerminal()) {
          throw new JobGoneException(NAME, operation, jobId, "Slurm job " + jobId + " has ended ("
              + job.state() + ").", null);
        }
        return job;
      }
    }
    throw new JobGoneException(NAME, operation, jobId, "Slurm has no job " + jobId
        + ". Maybe it ended longer ago than MinJobAge.", null);
  }

  private List<SqueueJob> squeue(String operation, String jobId) {
    // squeue --json in Slurm 22.05 prints every job whatever the filters, so none are passed.
    return parse(operation, jobId, SlurmOutput::squeueJobs,
        run(operation, jobId, List.of(options.squeue(), "--json")));
  }

  private String run(String operation, String jobId, List<String> argv) {
    ProcessRunner.Result result = runner.run(operation, jobId, argv, options.timeout());
    if (result.exitCode() != 0) {
      throw classify(operation, jobId, String.join(" ", argv), result);
    }
    return result.stdout();
  }

  private void scontrol(String operation, String jobId, String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(options.scontrol());
    argv.addAll(List.of(args));
    run(operation, jobId, argv);
  }

  private <T> T parse(String operation, String jobId, Function<String, T> parser, String output) {
    try {
      return parser.apply(output);
    } catch (MalformedSlurmOutputException e) {
      throw unreadable(operation, jobId, e);
    }
  }

  private static EngineUnavailableException unreadable(String operation, String jobId, RuntimeException e) {
    return new EngineUnavailableException(NAME, operation, jobId, e.getMessage()
        + " Fairshift supports Slurm's JSON output of 22.05 and later.", e);
  }

  /** The typed error for a Slurm command that exited non-zero, from what it printed. */
  static RuntimeException classify(String operation, String jobId, String commandLine,
      ProcessRunner.Result result) {
    String line = result.firstErrorLine();
    String lower = (result.stderr() + "\n" + result.stdout()).toLowerCase(Locale.ROOT);
    String message = "'" + commandLine + "' failed (exit " + result.exitCode() + "): " + line;
    if (lower.contains("invalid job id") || lower.contains("already completing or completed")
        || lower.contains("job has already finished") || lower.contains("no longer pending")) {
      return new JobGoneException(NAME, operation, jobId, message, null);
    }
    if (lower.contains("unable to contact slurm controller") || lower.contains("connection refused")
        || lower.contains("socket timed out") || lower.contains("zero bytes were transmitted")
        || lower.contains("communication connection failure") || lower.contains("could not establish")
        || lower.contains("munge")) {
      return new EngineUnavailableException(NAME, operation, jobId, message
          + ". Maybe slurmctld or munged is not running (see .ci/slurm/start.sh).", null);
    }
    if (lower.contains("invalid partition")) {
      return new EngineRejectedException(NAME, operation, jobId, message
          + ". Maybe the config maps a hub to a partition this cluster does not have (sinfo lists them).", null);
    }
    if (lower.contains("access/permission denied") || lower.contains("permission denied")) {
      return new EngineRejectedException(NAME, operation, jobId, message
          + ". Maybe run Fairshift as root or as SlurmUser: only they may change AdminComment and release"
          + " held jobs.", null);
    }
    return new EngineRejectedException(NAME, operation, jobId, message, null);
  }

  /** {@code instant} as scontrol reads it (local time; the runner sets TZ=UTC). */
  static String scontrolTime(Instant instant) {
    return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC)
        .format(SCONTROL_TIME);
  }
}
