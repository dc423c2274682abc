package dev.fairshift.signals.internal.http;

import java.time.Duration;

/**
 * What the {@link RetryInterceptor} learned during one call, attached to the request as a tag so
 * the caller can report it. Confined to the thread executing the call.
 */
final class CallContext {
  /** Requests made so far, including the first. */
  int attempts;
  /** The last {@code Retry-After} the provider sent, or {@code null}. */
  Duration retryAfter;
  /** The wait the retry policy would have used next, when retries ran out. */
  Duration nextWait = Duration.ZERO;

  /** The wait to report in a rate-limit error: the provider's, else the policy's next one. */
  Duration suggestedWait() {
    return retryAfter != null ? retryAfter : nextWait;
  }
}
