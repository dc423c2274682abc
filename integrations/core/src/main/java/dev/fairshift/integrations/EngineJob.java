package dev.fairshift.integrations;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A job under Fairshift's control as the engine reports it now, with its recorded decision.
 *
 * @param id the engine's job id (Slurm job id; Kubernetes {@code namespace/name} of the pod or Job)
 * @param name a human name for logs (job name), may equal the id
 * @param tenant the engine's tenant: Slurm account, Kubernetes namespace (or label)
 * @param state where it is in its life cycle
 * @param submittedAt when it was submitted (Slurm SubmitTime; Kubernetes creationTimestamp)
 * @param request what it asked for
 * @param decision the decision recorded on it by Fairshift, if any (read back from the engine)
 * @param pool where it runs or ran ({@link JobState#RUNNING}, {@link JobState#FINISHED}), if known
 * @param startedAt when it started, if it did
 * @param endedAt when it ended, if it did
 * @param fieldProblems fields the adapter could not read; non-empty means the loop releases it untouched
 */
public record EngineJob(
    String id,
    String name,
    String tenant,
    JobState state,
    Instant submittedAt,
    JobRequest request,
    Optional<Decision> decision,
    Optional<String> pool,
    Optional<Instant> startedAt,
    Optional<Instant> endedAt,
    List<FieldProblem> fieldProblems) {

  public EngineJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(submittedAt, "submittedAt");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
    fieldProblems = List.copyOf(fieldProblems);
    if (id.isBlank()) {
      throw new IllegalArgumentException("Engine job id is blank.");
    }
  }

  /** A held job with no decision yet. */
  public static EngineJob held(String id, String tenant, Instant submittedAt, JobRequest request) {
    return new EngineJob(id, id, tenant, JobState.HELD, submittedAt, request, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }

  /** A copy in {@code newState}. */
  public EngineJob withState(JobState newState) {
    return new EngineJob(id, name, tenant, newState, submittedAt, request, decision, pool, startedAt, endedAt,
        fieldProblems);
  }

  /** A copy with {@code newDecision} recorded. */
  public EngineJob withDecision(Decision newDecision) {
    return new EngineJob(id, name, tenant, state, submittedAt, request, Optional.of(newDecision), pool,
        startedAt, endedAt, fieldProblems);
  }

  /** A copy running on {@code runningPool} since {@code at}. */
  public EngineJob startedOn(String runningPool, Instant at) {
    return new EngineJob(id, name, tenant, JobState.RUNNING, submittedAt, request, decision,
        Optional.of(runningPool), Optional.of(at), Optional.empty(), fieldProblems);
  }

  /** A copy finished at {@code at}. */
  public EngineJob endedAt(Instant at) {
    return new EngineJob(id, name, tenant, JobState.FINISHED, submittedAt, request, decision, pool, startedAt,
        Optional.of(at), fieldProblems);
  }

  /** A copy with {@code problems} (fields the adapter could not read). */
  public EngineJob withFieldProblems(List<FieldProblem> problems) {
    return new EngineJob(id, name, tenant, state, submittedAt, request, decision, pool, startedAt, endedAt,
        problems);
  }
}
