package dev.fairshift.solver.optaplanner;

/** The level of an OptaPlanner score a constraint weighs on. */
public enum ScoreLevel {
  /** Rules: broken hard rules and unmet guaranteed quotas. */
  HARD,
  /** Unscheduled jobs, weighted by priority. */
  MEDIUM,
  /** Milligrams CO2e-equivalent: emissions, energy cost at the carbon price, fair share. */
  SOFT
}
