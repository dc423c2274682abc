package dev.fairshift.core;

/** The root of Fairshift's unchecked exceptions. */
public class FairshiftException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FairshiftException(String message) {
    super(message);
  }

  public FairshiftException(String message, Throwable cause) {
    super(message, cause);
  }
}
