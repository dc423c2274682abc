package dev.fairshift.solver;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;

/** Test helper: a schedule's assignments placed into a fresh {@link PlanState}. */
final class PlanStates {
  private PlanStates() {}

  /** The plan of {@code s}'s assignments on {@code p}, each job in its hub and slots. */
  static PlanState load(Problem p, Schedule s) {
    PlanState st = new PlanState(p);
    for (Assignment a : s.assignments()) {
      int[] slots = a.slots().stream().mapToInt(Integer::intValue).toArray();
      st.place(p.jobIndex(a.job()), p.hubIndex(a.hub()), slots, slots.length);
    }
    return st;
  }
}
