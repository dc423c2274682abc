package dev.fairshift.integrations;

import java.util.Objects;
import java.util.Optional;

/**
 * How to release a held job: on which pool (if Fairshift chose one) and why, for the engine's own record
 * (a Kubernetes Event, a Slurm admin comment).
 *
 * @param pool the engine's name of the hub to run it in; empty to leave the job where it asked to run
 *     (a job whose fields could not be mapped, a job released without a plan)
 * @param kind why it is released now
 * @param reason one human line, e.g. {@code "planned slot 2026-12-04T22:00Z on north"}
 */
public record Release(Optional<String> pool, Kind kind, String reason) {

  /** Why a job is released. */
  public enum Kind {
    /** Its planned slot has come. */
    PLANNED,
    /** Its latest feasible start has come (planning failed, or nothing better was found in time). */
    LATEST_START,
    /** Its deadline can no longer be met: released at once and reported, never held. */
    DEADLINE_UNREACHABLE,
    /** Its fields could not be mapped to a Fairshift job: left to the engine untouched. */
    UNMAPPED
  }

  public Release {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
  }

  /** Releases on {@code pool} because {@code kind}. */
  public static Release on(String pool, Kind kind, String reason) {
    return new Release(Optional.of(pool), kind, reason);
  }

  /** Releases where the job itself asked to run. */
  public static Release untouched(Kind kind, String reason) {
    return new Release(Optional.empty(), kind, reason);
  }
}
