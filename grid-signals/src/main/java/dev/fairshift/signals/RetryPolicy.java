package dev.fairshift.signals;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How provider clients retry a failed request: connection failures and timeouts, HTTP 429 and
 * HTTP 5xx (except 501) are retried; other 4xx answers are not.
 *
 * <p>Before retry {@code n} (1-based) a client waits {@link #backoff(int)} =
 * {@code min(maxBackoff, initialBackoff × 2^(n−1))}, shortened by a random jitter of up to
 * {@code jitter × backoff}: the wait lies in {@code [(1 − jitter) × backoff, backoff]}. When a 429 or
 * 503 answer carries {@code Retry-After} (seconds or an HTTP date), that wait is used instead,
 * without jitter, as long as it is at most {@code maxRetryAfter}; a longer {@code Retry-After} ends
 * the retries at once with a {@link RateLimitedException} carrying it, so the caller can decide.
 *
 * <p>The jitter comes from a {@link java.util.Random} seeded with {@code jitterSeed} when present
 * (the same seed gives the same waits), and from an unpredictable seed otherwise, so that many
 * clients do not retry in lock-step.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxAttempts the total number of attempts, at least 1 (1 = no retries)
 * @param initialBackoff the wait before the first retry, before jitter
 * @param maxBackoff the cap on the exponential wait
 * @param maxRetryAfter the longest {@code Retry-After} a client is willing to wait for
 * @param jitter the fraction of a backoff that may be cut at random, in {@code [0, 1]}
 * @param jitterSeed the seed of the jitter, or empty for an unpredictable one
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    double jitter,
    OptionalLong jitterSeed) {

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    Objects.requireNonNull(jitterSeed, "jitterSeed");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("RetryPolicy maxAttempts must be at least 1 but was "
          + maxAttempts + ". Maybe use 1 for no retries.");
    }
    requireNotNegative("initialBackoff", initialBackoff);
    requireNotNegative("maxBackoff", maxBackoff);
    requireNotNegative("maxRetryAfter", maxRetryAfter);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("RetryPolicy maxBackoff " + maxBackoff
          + " is shorter than initialBackoff " + initialBackoff + ". Maybe raise maxBackoff.");
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("RetryPolicy jitter must be in [0, 1] but was " + jitter
          + ". Maybe use 0.5.");
    }
  }

  /**
   * The default: 4 attempts, waits of 0.5 s, 1 s, 2 s (capped at 30 s) with 50 % jitter, and
   * {@code Retry-After} honoured up to 2 minutes.
   */
  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2),
        0.5, OptionalLong.empty());
  }

  /** A single attempt: failures are reported at once. */
  public static RetryPolicy none() {
    return defaults().withMaxAttempts(1);
  }

  /** A copy with another total number of attempts. */
  public RetryPolicy withMaxAttempts(int newMaxAttempts) {
    return new RetryPolicy(newMaxAttempts, initialBackoff, maxBackoff, maxRetryAfter, jitter, jitterSeed);
  }

  /** A copy with other exponential waits. */
  public RetryPolicy withBackoff(Duration newInitialBackoff, Duration newMaxBackoff) {
    return new RetryPolicy(maxAttempts, newInitialBackoff, newMaxBackoff, maxRetryAfter, jitter, jitterSeed);
  }

  /** A copy with another cap on {@code Retry-After}. */
  public RetryPolicy withMaxRetryAfter(Duration newMaxRetryAfter) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, newMaxRetryAfter, jitter, jitterSeed);
  }

  /** A copy with another jitter fraction. */
  public RetryPolicy withJitter(double newJitter) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, newJitter, jitterSeed);
  }

  /** A copy whose jitter is reproducible: the same seed gives the same waits. */
  public RetryPolicy withJitterSeed(long seed) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, jitter, OptionalLong.of(seed));
  }

  /**
   * The wait before retry {@code retry} (1-based) before jitter:
   * {@code min(maxBackoff, initialBackoff × 2^(retry−1))}.
   */
  public Duration backoff(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("Retry numbers start at 1 but was " + retry + ".");
    }
    Duration wait = initialBackoff;
    for (int i = 1; i < retry && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  private static void requireNotNegative(String name, Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException("RetryPolicy " + name + " must not be negative but was "
          + value + ".");
    }
  }
}
