package dev.fairshift.solver.optaplanner;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The best schedule of a {@link ReplanningSession} at one moment, together with the problem it is a
 * schedule of. The schedule was checked by the {@link dev.fairshift.core.Evaluator} against
 * {@link #problem()} and breaks no hard rule (should the solver's best schedule break one, the
 * jobs involved are unscheduled and {@link OptaPlannerResult#fallback()} says so). Jobs that can no
 * longer run before their deadline are unscheduled with a reason that says so. Immutable and
 * thread-safe.
 *
 * @param problem the session's problem as of {@link #revision()}: the jobs, hubs, tenants and
 *     intensities this is a schedule of
 * @param nowSlot the session's "now": jobs that had not started by then start in this slot or later
 * @param revision how many changes the session had accepted when this schedule was planned (0: the
 *     problem the session started from)
 * @param startedJobs the jobs that started before {@code nowSlot} and are pinned where they run
 * @param result the schedule, its score and explanation, unmet quotas, the Evaluator's accounting
 *     and the solver's work for the run that found it
 */
public record ReplanningSnapshot(
    Problem problem,
    int nowSlot,
    long revision,
    Set<String> startedJobs,
    OptaPlannerResult result) {

  public ReplanningSnapshot {
    Objects.requireNonNull(problem, "problem");
    startedJobs = Set.copyOf(startedJobs);
    Objects.requireNonNull(result, "result");
  }

  /** The best schedule: feasible per the Evaluator. */
  public Schedule schedule() {
    return result.schedule();
  }

  /** The Evaluator's accounting of {@link #schedule()} on {@link #problem()}. */
  public Evaluation evaluation() {
    return result.evaluation();
  }

  /** The instant {@link #nowSlot()} starts. */
  public Instant now() {
    return problem.horizon().slotStart(nowSlot);
  }
}
