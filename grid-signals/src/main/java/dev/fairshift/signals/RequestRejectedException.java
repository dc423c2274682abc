package dev.fairshift.signals;

import java.time.Instant;

/**
 * The request was not served: the provider rejected it with a 4xx status other than 401, 403, 404
 * and 429 (for example 400 for an interval it does not serve, or 501 from a Carbon Aware SDK
 * without forecasts); it redirected to another origin (3xx: not followed, so credentials never
 * leave the configured scheme, host and port); or Fairshift did not send it at all (status 0: an
 * interval outside 1970 ... 9999 or needing more than 500 requests, a zone with control
 * characters). Not retried.
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

  /** The HTTP status (4xx, 501 or a 3xx redirect), or 0 when the request was not sent. */
  public int statusCode() {
    return statusCode;
  }
}
