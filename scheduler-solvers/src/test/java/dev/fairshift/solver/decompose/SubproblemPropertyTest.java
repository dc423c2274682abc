package dev.fairshift.solver.decompose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.solver.Scheduler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A part with the rest of the schedule fixed is an exact model: its jobs' emissions in it equal what
 * they add to the whole schedule's emissions (on-site renewables shared with the fixed jobs, transfers
 * included), and the warm start is feasible in it.
 */
class SubproblemPropertyTest {

  @Test
  void of_randomParts_emissionsEqualMarginalEmissionsOfTheWhole() {
    for (int seed = 0; seed < 40; seed++) {
      Problem problem = RegionalProblems.random(4_000 + seed, 60);
      Schedule greedy = Scheduler.greedy().schedule(problem);
      Random r = new Random(seed);
      Map<Integer, Assignment> placed = new TreeMap<>();
      greedy.assignments().forEach(a -> placed.put(problem.jobIndex(a.job()), a));
      List<Integer> part = new ArrayList<>();
      for (int j = 0; j < problem.jobs().size(); j++) {
        if (r.nextBoolean()) {
          part.add(j);
        }
      }
      int[] partJobs = part.stream().mapToInt(Integer::intValue).toArray();
      // a random subset of hubs that holds the part's placements
      boolean[] hub = new boolean[problem.hubs().size()];
      for (int h = 0; h < hub.length; h++) {
        hub[h] = r.nextBoolean();
      }
      for (int j : partJobs) {
        if (placed.containsKey(j)) {
          hub[problem.hubIndex(placed.get(j).hub())] = true;
        }
      }
      int[] partHubs = java.util.stream.IntStream.range(0, hub.length).filter(h -> hub[h]).toArray();
      double[] share = new double[problem.tenants().size()];
      Arrays.fill(share, 1.0);
      Subproblem sub = Subproblem.of(problem, placed, greedy.unscheduled(), partJobs, partHubs, share);
      String context = "seed " + seed + ": " + problem;

      Evaluation inPart = Evaluator.evaluate(sub.problem, sub.initial);
      assertThat(inPart.violations()).as(context).isEmpty();
      Evaluation whole = Evaluator.evaluate(problem, greedy);
      List<Assignment> rest = new ArrayList<>();
      List<Unscheduled> restOut = new ArrayList<>(greedy.unscheduled());
      boolean[] in = new boolean[problem.jobs().size()];
      for (int j : partJobs) {
        in[j] = true;
      }
      for (Map.Entry<Integer, Assignment> e : placed.entrySet()) {
        if (in[e.getKey()]) {
          restOut.add(new Unscheduled(e.getValue().job(), "taken out for the test"));
        } else {
          rest.add(e.getValue());
        }
      }
      Evaluation without = Evaluator.evaluate(problem, new Schedule("rest", rest, restOut));
      double marginal = whole.emissionsGrams() - without.emissionsGrams();
      assertThat(inPart.emissionsGrams()).as(context).isCloseTo(marginal, within(1e-6 * (1 + whole.emissionsGrams())));
      if (whole.plannedEmissionsGrams().isPresent()) {
        double plannedMarginal = whole.plannedEmissionsGrams().get() - without.plannedEmissionsGrams().get();
        assertThat(inPart.plannedEmissionsGrams().get()).as(context)
            .isCloseTo(plannedMarginal, within(1e-6 * (1 + whole.plannedEmissionsGrams().get())));
      }
      // every part job is in the part problem, or unscheduled and fitting nowhere there
      assertThat(sub.jobs.length + sub.leftOut.size()).as(context).isEqualTo(partJobs.length);
    }
  }
}
