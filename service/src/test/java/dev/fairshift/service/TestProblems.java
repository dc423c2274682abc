package dev.fairshift.service;

import dev.fairshift.solver.fixtures.JsonProblems;

/** The service tests' names for the shared problem fixtures of scheduler-solvers' test-jar. */
final class TestProblems {
  private TestProblems() {}

  /** {@link JsonProblems#ONE_JOB}: greedy and the optimum run it in slots 2-3 (4.5 kg CO2e). */
  static final String SMALL = JsonProblems.ONE_JOB;

  /** {@link JsonProblems#week}: a week of {@code jobs} jobs on {@code hubs} hubs as JSON. */
  static String weekJson(long seed, int jobs, int hubs) {
    return JsonProblems.week(seed, jobs, hubs);
  }
}
