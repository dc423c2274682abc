package dev.fairshift.service;

import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;

/**
 * Told of every schedule the service has solved, e.g. to publish the most recent one as a page:
 *
 * <pre>{@code
 * AtomicReference<Published> latest = new AtomicReference<>();
 * ServiceConfig config = ServiceConfig.builder()
 *     .onSolved((problem, schedule) -> latest.set(Published.of(problem, schedule)))
 *     .route(TransparencyRoute.PATH, TransparencyRoute.of(() -> Optional.ofNullable(latest.get()), options))
 *     .build();
 * }</pre>
 *
 * <p>Called once per finished solve ({@code POST /v1/schedule} answered, or a solve job completed or
 * cancelled with its best schedule), on the solve's thread, after the answer is made; never for a failed
 * solve or one whose client left. It must be quick and thread-safe; an exception it throws is logged and
 * changes no answer.
 */
@FunctionalInterface
public interface SolvedListener {
  /** Listens to nothing. */
  SolvedListener NONE = (problem, schedule) -> { };

  /** {@code schedule} of {@code problem} has been solved. */
  void solved(Problem problem, Schedule schedule);
}
