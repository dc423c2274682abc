package dev.fairshift.signals;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * The provider could not be reached or kept failing: HTTP 5xx, connection failures or timeouts on
 * every attempt. The cause, when present, is the last {@link java.io.IOException}.
 */
public final class ProviderUnavailableException extends ProviderException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final int attempts;

  /**
   * Creates the exception; {@code detail} must not contain credentials.
   *
   * @param statusCode the last HTTP status, or empty when no answer arrived (I/O failure)
   */
  public ProviderUnavailableException(String provider, String zone, Instant from, Instant to,
      OptionalInt statusCode, int attempts, String detail, Throwable cause) {
    super(provider, zone, from, to, detail, cause);
    this.statusCode = statusCode.orElse(-1);
    this.attempts = attempts;
  }

  /** The last HTTP status (5xx), or empty when the last attempt got no answer at all. */
  public OptionalInt statusCode() {
    return statusCode < 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
  }

  /** How many requests were made. */
  public int attempts() {
    return attempts;
  }
}
