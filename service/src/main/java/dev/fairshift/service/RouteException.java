package dev.fairshift.service;

/**
 * A {@link RouteHandler}'s refusal: the service answers {@code status} with the error JSON
 * {@code {"errors":[{"path":"$","message":...}],"requestId":...}}. The message reaches the client, so
 * it must say what is wrong and never hold a secret.
 */
public final class RouteException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  /** A refusal with {@code status} 400..599 and a message for the client. */
  public RouteException(int status, String message) {
    super(message);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("A RouteException has a 4xx or 5xx status, not " + status + ".");
    }
    this.status = status;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }
}
