package dev.fairshift.integrations;

/** The engine cannot be reached (daemon down, connection refused, command missing or failing to run). */
public final class EngineUnavailableException extends EngineException {

  private static final long serialVersionUID = 1L;

  /**
   * @param engine the engine's name
   * @param operation the call that failed
   * @param jobId the job concerned, or {@code null}
   * @param message what happened, naming the job or the command, with a "Maybe ..." fix where one exists
   * @param cause the underlying failure, or {@code null}
   */
  public EngineUnavailableException(String engine, String operation, String jobId, String message, Throwable cause) {
    super(engine, operation, jobId, message, cause);
  }

  /** Without a job and a cause. */
  public EngineUnavailableException(String engine, String operation, String message) {
    this(engine, operation, null, message, null);
  }
}
