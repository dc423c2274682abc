package dev.fairshift.slurm.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One job of {@code squeue --json}, the fields Fairshift reads, as Slurm printed them (no mapping yet).
 * Instants that Slurm prints as {@code 0} (not set) are empty.
 *
 * @param jobId Slurm's job id
 * @param state {@code job_state}, e.g. {@code PENDING}, {@code RUNNING}, {@code CANCELLED}
 * @param stateReason {@code state_reason}, e.g. {@code JobHeldUser}, {@code BeginTime}
 * @param priority {@code priority}; 0 means held
 * @param partition {@code partition}: the requested list ({@code north,south}) while pending, the partition
 *     it runs in once started
 * @param timeLimitMinutes {@code time_limit}; empty when unlimited or not set
 * @param cpus {@code cpus}, or the {@code cpu=} count of {@code tres_req_str} when Slurm prints null
 */
public record SqueueJob(
    String jobId,
    String name,
    String account,
    String userName,
    String state,
    String stateReason,
    long priority,
    String partition,
    String comment,
    String adminComment,
    String qos,
    Instant submitTime,
    Optional<Instant> eligibleTime,
    Optional<Instant> startTime,
    Optional<Instant> endTime,
    Optional<Instant> deadline,
    OptionalLong timeLimitMinutes,
    OptionalInt cpus,
    int nodeCount,
    String tresPerJob,
    String tresPerNode,
    String tresAllocStr) {

  /** Pending and held (priority 0 or a hold reason): Slurm will not start it until released. */
  public boolean isHeld() {
    return "PENDING".equals(state) && (priority == 0 || "JobHeldUser".equals(stateReason)
        || "JobHeldAdmin".equals(stateReason));
  }
}
