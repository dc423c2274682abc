package dev.fairshift.solver;

import static dev.fairshift.solver.RandomProblems.jobIds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * ASAP on {@value #PROBLEMS} random problems ({@link RandomProblems}, seeds 1000..): feasible, every
 * job once, deterministic, and exactly the first-come-first-served rule replayed independently with
 * {@link Occupancy}. A failure names its seed: rerun it with {@code RandomProblems.generate(seed)}.
 */
class AsapPropertyTest {
  private static final int PROBLEMS = 400;
  private static final long FIRST_SEED = 1000;

  @Test
  void schedule_isFeasible_listsEveryJobOnce_andIsDeterministic() {
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROBLEMS; seed++) {
      Problem p = RandomProblems.generate(seed);
      Schedule s = Scheduler.asap().schedule(p);
      Evaluation e = Evaluator.evaluate(p, s);

      assertThat(e.violations()).as("seed %d", seed).isEmpty();
      assertThat(jobIds(s)).as("seed %d", seed)
          .containsExactlyInAnyOrderElementsOf(p.jobs().stream().map(Job::id).toList());
      assertThat(Scheduler.asap().schedule(p)).as("seed %d", seed).isEqualTo(s);
    }
  }

  @Test
  void schedule_isFirstComeFirstServedAtHomeAsSoonAsItFits() {
    int unscheduled = 0;
    int movedFromOrigin = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROBLEMS; seed++) {
      Problem p = RandomProblems.generate(seed);
      Schedule s = Scheduler.asap().schedule(p);
      Map<String, String> reasons = new HashMap<>();
      s.unscheduled().forEach(u -> reasons.put(u.job(), u.reason()));
      Occupancy before = new Occupancy(p);
      int[] order = IntStream.range(0, p.jobs().size()).boxed()
          .sorted(Comparator.comparing((Integer j) -> p.jobs().get(j).release()).thenComparing(j -> j))
          .mapToInt(Integer::intValue).toArray();
      for (int j : order) {
        Job job = p.jobs().get(j);
        Optional<Assignment> actual = s.assignment(job.id());
        String where = "seed " + seed + ", job " + job.id();
        if (!before.shareAllows(job)) {
          assertThat(actual).as(where).isEmpty();
          assertThat(reasons.get(job.id())).as(where).contains("maxShare");
          unscheduled++;
          continue;
        }
        int expectedHub = -1;
        int[] expectedSlots = null;
        int origin = job.originHub().map(p::hubIndex).orElse(-1);
        if (origin >= 0 && job.allows(job.originHub().get()) && before.earliest(j, origin) != null) {
          expectedHub = origin;
          expectedSlots = before.earliest(j, origin);
        } else {
          for (int h = 0; h < p.hubs().size(); h++) {
            int[] slots = job.allows(p.hubs().get(h).id()) ? before.earliest(j, h) : null;
            if (slots != null && (expectedSlots == null || slots[0] < expectedSlots[0])) {
              expectedHub = h;
              expectedSlots = slots;
            }
          }
          movedFromOrigin += origin >= 0 && expectedHub >= 0 && expectedHub != origin ? 1 : 0;
        }
        if (expectedHub < 0) {
          assertThat(actual).as(where).isEmpty();
          assertThat(reasons.get(job.id())).as(where).startsWith("No allowed hub has " + job.units() + " free units");
          unscheduled++;
          continue;
        }
        assertThat(actual).as(where).isPresent();
        assertThat(actual.get().hub()).as(where).isEqualTo(p.hubs().get(expectedHub).id());
        assertThat(actual.get().slots()).as(where)
            .containsExactlyElementsOf(Arrays.stream(expectedSlots).boxed().toList());
        before.add(actual.get());
      }
    }
    // The random problems exercise both outcomes.
    assertThat(unscheduled).isGreaterThan(50);
    assertThat(movedFromOrigin).isGreaterThan(50);
  }
}
