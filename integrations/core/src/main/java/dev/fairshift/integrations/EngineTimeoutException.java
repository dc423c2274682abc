package dev.fairshift.integrations;

/** The engine did not answer within the adapter's timeout; the call was abandoned (a child process is killed). */
public final class EngineTimeoutException extends EngineException {

  private static final long serialVersionUID = 1L;

  /**
   * @param engine the engine's name
   * @param operation the call that failed
   * @param jobId the job concerned, or {@code null}
   * @param message what happened, naming the job or the command, with a "Maybe ..." fix where one exists
   * @param cause the underlying failure, or {@code null}
   */
  public EngineTimeoutException(String engine, String operation, String jobId, String message, Throwable cause) {
    super(engine, operation, jobId, message, cause);
  }

  /** Without a job and a cause. */
  public EngineTimeoutException(String engine, String operation, String message) {
    this(engine, operation, null, message, null);
  }
}
