package dev.fairshift.solver.bound;

import java.util.Locale;

/** Which schedules an {@link EmissionsBound} bounds, and what is known about running every job. */
public enum BoundScope {
  /**
   * Every feasible schedule that runs every job, and one is known (the schedule it was computed for
   * runs every job), so the bound is not vacuous and a gap to it is a real distance limit.
   */
  EVERY_JOB_PROVEN,
  /**
   * Every feasible schedule that runs every job, but no such schedule is known: if none exists the
   * bound says nothing. Never read it as "every job can run".
   */
  EVERY_JOB_UNPROVEN,
  /**
   * Every feasible schedule that runs at least the jobs a given schedule places (it leaves some out):
   * emissions only grow with more jobs, so the bound of those jobs bounds every such schedule.
   */
  PLACED_JOBS,
  /** No schedule runs every job (proven), and no schedule was given to bound its placed jobs. */
  NO_SCHEDULE_RUNS_EVERY_JOB,
  /** No bound applies: the schedule given breaks a hard rule. */
  NONE;

  /** Lower-case words for reports, e.g. {@code placed jobs}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
