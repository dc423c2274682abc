package dev.fairshift.signals;

import java.time.Instant;

/**
 * The provider refused the credentials (HTTP 401 or 403), also after WattTime's one retry with a
 * fresh token. Never retried otherwise: the same credentials would be refused again.
 */
public final class AuthenticationException extends ProviderException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;

  /** Creates the exception; {@code detail} must not contain credentials. */
  public AuthenticationException(String provider, String zone, Instant from, Instant to,
      int statusCode, String detail) {
    super(provider, zone, from, to, detail, null);
    this.statusCode = statusCode;
  }

  /** The HTTP status: 401 or 403. */
  public int statusCode() {
    return statusCode;
  }
}
