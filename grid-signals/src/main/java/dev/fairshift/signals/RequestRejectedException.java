package dev.fairshift.signals;

import java.time.Instant;

/**
 * The provider rejected the request with a 4xx status other than 401, 403, 404 and 429 (for
 * example 400 for an interval it does not serve, or 501 from a Carbon Aware SDK without
 * forecasts). Not retried.
 */
public final class RequestRejectedException extends ProviderException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;

  /** Creates the exception; {@code detail} must not contain credentials. */
  public RequestRejectedException(String provider, String zone, Instant from, Instant to,
      int statusCode, String detail) {
    super(provider, zone, from, to, detail, null);
    this.statusCode = statusCode;
  }

  /** The HTTP status. */
  public int statusCode() {
    return statusCode;
  }
}
