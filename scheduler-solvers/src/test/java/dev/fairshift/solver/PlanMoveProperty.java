package dev.fairshift.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Test helper: the property every plan move must keep ({@link HubRepack}, {@link WindowReassign} and
 * {@link HubRetime}), checked on greedy's plan without its improvement rounds and on ASAP's plan of
 * seeded random problems.
 */
final class PlanMoveProperty {
  private PlanMoveProperty() {}

  /**
   * Runs {@code move} (which returns the grams it says it saved) on both plans of each seed in
   * [{@code firstSeed}, {@code firstSeed + seeds}) of {@link RandomProblems#generate(long)} and asserts:
   * no hard rule broken (Evaluator), emissions never higher, the saving the one reported, the same jobs
   * placed in the same slots, and the same plan giving the same result. Returns how many plans it
   * improved.
   */
  static int check(long firstSeed, int seeds, ToDoubleFunction<PlanState> move) {
    return check(firstSeed, seeds, 40, true, move);
  }

  /**
   * The same on problems of up to {@code maxJobs} jobs; with {@code sameSlots} false the jobs may move
   * in time, and still the same jobs stay placed.
   */
  static int check(long firstSeed, int seeds, int maxJobs, boolean sameSlots, ToDoubleFunction<PlanState> move) {
    int improved = 0;
    for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
      Problem p = RandomProblems.generate(new java.util.Random(seed), maxJobs);
      for (Schedule start : List.of(Scheduler.asap().schedule(p),
          new GreedyScheduler(new GreedyOptions(false, 0)).schedule(p))) {
        var startEval = Evaluator.evaluate(p, start);
        PlanState st = PlanStates.load(p, start);
        double saved = move.applyAsDouble(st);
        Schedule s = st.toSchedule(start.solver(), reasons(st, p, start));
        var e = Evaluator.evaluate(p, s);
        double scale = Math.max(1, startEval.emissionsGrams());
        assertThat(e.violations()).as("seed %d", seed).isEmpty();
        assertThat(e.emissionsGrams()).as("seed %d", seed).isLessThanOrEqualTo(startEval.emissionsGrams() + 1e-9 * scale);
        assertThat(e.emissionsGrams()).as("seed %d: saved as reported", seed)
            .isCloseTo(startEval.emissionsGrams() - saved, within(1e-6 * scale));
        assertThat(s.assignments()).as("seed %d", seed).hasSameSizeAs(start.assignments());
        for (Assignment a : start.assignments()) {
          Assignment b = s.assignments().stream().filter(x -> x.job().equals(a.job())).findFirst().orElseThrow();
          if (sameSlots) {
            assertThat(b.slots()).as("seed %d job %s keeps its slots", seed, a.job()).isEqualTo(a.slots());
          }
        }
        PlanState again = PlanStates.load(p, start);
        move.applyAsDouble(again);
        assertThat(again.toSchedule(start.solver(), reasons(again, p, start))).as("seed %d", seed).isEqualTo(s);
        improved += saved > 0 ? 1 : 0;
      }
    }
    return improved;
  }

  /** Reasons for the plan's left-out jobs: {@code start}'s where it gave one. */
  static String[] reasons(PlanState st, Problem p, Schedule start) {
    String[] r = new String[st.jobCount];
    Arrays.fill(r, "left out");
    start.unscheduled().forEach(u -> r[p.jobIndex(u.job())] = u.reason());
    return r;
  }
}
