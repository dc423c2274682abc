package dev.fairshift.signals;

import java.time.Instant;

/**
 * The provider answered, but not as documented: invalid or truncated JSON, a missing field, a
 * timestamp that does not parse, unexpected units or signal type, or (with
 * {@link InvalidValuePolicy#REJECT}) an impossible value. Not retried: the same request would get
 * the same answer.
 */
public final class MalformedResponseException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code detail} must not contain credentials. */
  public MalformedResponseException(String provider, String zone, Instant from, Instant to,
      String detail, Throwable cause) {
    super(provider, zone, from, to, detail, cause);
  }
}
