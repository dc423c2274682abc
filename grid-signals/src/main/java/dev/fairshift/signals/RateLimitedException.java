package dev.fairshift.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The provider answered HTTP 429 (too many requests) on every attempt, or asked to wait longer
 * than {@link RetryPolicy#maxRetryAfter()}.
 */
public final class RateLimitedException extends ProviderException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;
  private final int attempts;

  /** Creates the exception; {@code detail} must not contain credentials. */
  public RateLimitedException(String provider, String zone, Instant from, Instant to,
      Duration retryAfter, int attempts, String detail) {
    super(provider, zone, from, to, detail, null);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    this.attempts = attempts;
  }

  /**
   * How long to wait before asking again: the provider's last {@code Retry-After}, or the next
   * backoff of the retry policy when the provider sent none.
   */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** How many requests were made. */
  public int attempts() {
    return attempts;
  }
}
