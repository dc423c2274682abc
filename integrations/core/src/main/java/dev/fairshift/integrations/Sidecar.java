package dev.fairshift.integrations;

/**
 * What runs beside an adapter's planning loop, such as the HTTP server of its {@code /metrics}: started once the
 * cluster has been read and before the loop acts, closed after the loop stops (see {@link LoopRunner}).
 */
@FunctionalInterface
public interface Sidecar {
  /** Nothing beside the loop. */
  Sidecar NONE = loop -> () -> { };

  /**
   * Starts beside {@code loop} (not started yet, or passing only while this replica leads); the result is closed
   * after the loop. An exception stops the command: the loop is closed and the exception propagates to the caller.
   */
  AutoCloseable start(PlanningLoop loop);
}
