package dev.fairshift.integrations;

/** The engine answered and refused the request (unknown partition, invalid value, permission denied). */
public final class EngineRejectedException extends EngineException {

  private static final long serialVersionUID = 1L;

  /**
   * @param engine the engine's name
   * @param operation the call that failed
   * @param jobId the job concerned, or {@code null}
   * @param message what happened, naming the job or the command, with a "Maybe ..." fix where one exists
   * @param cause the underlying failure, or {@code null}
   */
  public EngineRejectedException(String engine, String operation, String jobId, String message, Throwable cause) {
    super(engine, operation, jobId, message, cause);
  }

  /** Without a job and a cause. */
  public EngineRejectedException(String engine, String operation, String message) {
    this(engine, operation, null, message, null);
  }
}
