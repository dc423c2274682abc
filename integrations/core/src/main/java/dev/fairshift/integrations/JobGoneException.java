package dev.fairshift.integrations;

/** The job no longer exists in the engine, or is no longer in a state the call applies to (it started or was cancelled meanwhile). */
public final class JobGoneException extends EngineException {

  private static final long serialVersionUID = 1L;

  /**
   * @param engine the engine's name
   * @param operation the call that failed
   * @param jobId the job concerned, or {@code null}
   * @param message what happened, naming the job or the command, with a "Maybe ..." fix where one exists
   * @param cause the underlying failure, or {@code null}
   */
  public JobGoneException(String engine, String operation, String jobId, String message, Throwable cause) {
    super(engine, operation, jobId, message, cause);
  }

  /** Without a job and a cause. */
  public JobGoneException(String engine, String operation, String message) {
    this(engine, operation, null, message, null);
  }
}
