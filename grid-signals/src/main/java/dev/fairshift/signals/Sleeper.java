package dev.fairshift.signals;

import java.time.Duration;

/**
 * How provider clients wait between retries. Production code uses {@link #system()}; tests inject a
 * sleeper that records the requested waits and returns at once, so retry tests never really wait.
 *
 * <p>Implementations must be thread-safe: one client may retry several calls at the same time.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits for {@code duration} (zero or positive).
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  void sleep(Duration duration) throws InterruptedException;

  /** Sleeps the current thread with {@link Thread#sleep(long, int)}. */
  static Sleeper system() {
    return duration -> {
      if (!duration.isNegative() && !duration.isZero()) {
        Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
      }
    };
  }
}
