package dev.fairshift.integrations;

import java.util.Objects;
import java.util.Optional;

/**
 * An engine call failed. The loop logs it, counts it in the {@code fairshift_loop_engine_errors_total}
 * metric and retries on its next tick; by the {@link Engine} contract nothing was half-applied.
 *
 * <p>Subclasses say what kind of failure it was: {@link EngineUnavailableException} (cannot reach the
 * engine), {@link EngineTimeoutException} (no answer in time), {@link EngineRejectedException} (the engine
 * said no), {@link JobGoneException} (the job does not exist, or is no longer held).
 */
public abstract class EngineException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String engine;
  private final String operation;
  private final String jobId;

  protected EngineException(String engine, String operation, String jobId, String message, Throwable cause) {
    super(message, cause);
    this.engine = Objects.requireNonNull(engine, "engine");
    this.operation = Objects.requireNonNull(operation, "operation");
    this.jobId = jobId;
  }

  /** The engine's {@link Engine#name()}. */
  public String engine() {
    return engine;
  }

  /** The call that failed, e.g. {@code "jobs"}, {@code "applyDecision"}, {@code "release"}. */
  public String operation() {
    return operation;
  }

  /** The job the call was about, if any. */
  public Optional<String> jobId() {
    return Optional.ofNullable(jobId);
  }
}
