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
  /** When the call must be over, by {@link System#nanoTime()}, or 0 for never. */
  long deadlineNanos;
  /** Whether retries stopped because the next wait would pass the deadline. */
  boolean outOfTime;

  /** A context for a call limited to {@code timeout} from now (zero: unlimited). */
  static CallContext startingNow(Duration timeout) {
    CallContext context = new CallContext();
    if (!timeout.isZero()) {
      context.deadlineNanos = System.nanoTime() + timeout.toNanos();
      if (context.deadlineNanos == 0) {
        context.deadlineNanos = 1;
      }
    }
    return context;
  }

  /** Whether waiting {@code wait} still leaves time before the deadline. */
  boolean hasTimeFor(Duration wait) {
    return deadlineNanos == 0 || deadlineNanos - System.nanoTime() > wait.toNanos();
  }

  /** The wait to report in a rate-limit error: the provider's, else the policy's next one. */
  Duration suggestedWait() {
    return retryAfter != null ? retryAfter : nextWait;
  }
}
