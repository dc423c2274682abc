package dev.fairshift.solver.bound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Hub;
import dev.fairshift.core.IntensityBasis;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.fixtures.GeneratedProblems;
import dev.fairshift.solver.fixtures.RandomSchedules;
import dev.fairshift.solver.optaplanner.OptaPlannerResult;
import dev.fairshift.solver.optaplanner.OptaPlannerScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * On 220 seeded random problems, both bounds stay at or below the emissions of every feasible
 * schedule that runs every job: random ones, OptaPlanner's, and, on problems small enough to
 * enumerate, the true optimum.
 */
class LowerBoundPropertyTest {
  private static final int PROBLEMS = 220;
  private static final int MAX_ENUMERATED = 3000;
  private static final LowerBound.Options LAGRANGIAN = LowerBound.Options.defaults().withMethod(BoundMethod.LAGRANGIAN);

  @Test
  void of_neverAboveAnyFeasibleScheduleRunningEveryJob() {
    int compared = 0;
    int optimaKnown = 0;
    int lpTightAtOptimum = 0;
    for (int seed = 0; seed < PROBLEMS; seed++) {
      Random random = new Random(5000 + seed);
      Problem problem = GeneratedProblems.random(random, 6);
      EmissionsBound lp = LowerBound.of(problem);
      EmissionsBound lagrangian = LowerBound.of(problem, LAGRANGIAN);
      String context = "seed " + (5000 + seed) + ": " + problem + ", LP " + lp + ", Lagrangian " + lagrangian;
      assertThat(lp.method()).as(context).isIn(BoundMethod.LINEAR_PROGRAM, BoundMethod.PROVEN_INFEASIBLE);
      assertThat(lp.gramsCo2e()).as(context).isGreaterThanOrEqualTo(0);
      assertThat(lagrangian.gramsCo2e()).as(context).isGreaterThanOrEqualTo(0);
      if (lp.hasValue()) {
        // The Lagrangian dual never exceeds the LP it relaxes (up to the LP's safety margin).
        assertThat(lagrangian.gramsCo2e()).as(context).isLessThanOrEqualTo(lp.gramsCo2e() * (1 + 1e-6) + 1e-3);
      }

      List<Schedule> full = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        RandomSchedules.runningEveryJob(problem, random, 30).ifPresent(full::add);
      }
      if (seed % 10 == 0) {
        OptaPlannerResult solved = OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
            .timeLimit(Duration.ofSeconds(5)).scoreCalculationLimit(3000).build()).solve(problem);
        if (solved.schedule().unscheduled().isEmpty()) {
          full.add(solved.schedule());
        }
      }
      Optional<Double> optimum = bruteForceOptimum(problem);
      if (!lp.hasValue()) {
        assertThat(full).as(context).isEmpty();
        assertThat(optimum).as(context).isEmpty();
      }
      for (Schedule schedule : full) {
        Evaluation evaluation = Evaluator.evaluate(problem, schedule);
        assertThat(evaluation.feasible()).as(context).isTrue();
        assertThat(lp.gramsCo2e()).as(context + " vs " + schedule).isLessThanOrEqualTo(evaluation.emissionsGrams());
        assertThat(lagrangian.gramsCo2e()).as(context + " vs " + schedule)
            .isLessThanOrEqualTo(evaluation.emissionsGrams());
        assertThat(lp.gapTo(evaluation)).as(context).isPresent();
        compared++;
      }
      if (optimum.isPresent()) {
        assertThat(lp.gramsCo2e()).as(context).isLessThanOrEqualTo(optimum.get());
        assertThat(lagrangian.gramsCo2e()).as(context).isLessThanOrEqualTo(optimum.get());
        optimaKnown++;
        if (optimum.get() - lp.gramsCo2e() <= 1e-3 + 1e-6 * optimum.get()) {
          lpTightAtOptimum++;
        }
      }
    }
    // The test must have compared enough: schedules from most problems and optima of many.
    assertThat(compared).isGreaterThan(PROBLEMS);
    assertThat(optimaKnown).isGreaterThan(40);
    assertThat(lpTightAtOptimum).isGreaterThan(optimaKnown / 2);
  }

  /** A random problem (generated from seed 5,000 + {@code seed}) whose optimum brute force proved, and its fresh model. */
  record BruteForced(int seed, Problem problem, BoundModel model, double optimumGrams) {}

  /**
   * The first {@code seeds} random problems of up to 6 jobs that have a model and a brute-forced optimum,
   * computed one at a time as they are asked for (a loop may stop early).
   */
  static Iterable<BruteForced> bruteForced(int seeds) {
    return () -> java.util.stream.IntStream.range(0, seeds).mapToObj(seed -> {
      Problem problem = GeneratedProblems.random(new Random(5000 + seed), 6);
      BoundModel model = new BoundModel(problem, IntensityBasis.ACTUAL);
      if (model.infeasibility.isPresent()) {
        return null;
      }
      return bruteForceOptimum(problem).map(optimum -> new BruteForced(seed, problem, model, optimum)).orElse(null);
    }).filter(java.util.Objects::nonNull).iterator();
  }

  /** The least emissions of any feasible schedule running every job, when few enough exist to try all. */
  static Optional<Double> bruteForceOptimum(Problem problem) {
    List<List<Assignment>> placements = new ArrayList<>();
    long product = 1;
    for (int j = 0; j < problem.jobs().size(); j++) {
      List<Assignment> options = placements(problem, j);
      placements.add(options);
      product *= Math.max(1, options.size());
      if (product > MAX_ENUMERATED) {
        return Optional.empty();
      }
    }
    double[] best = {Double.POSITIVE_INFINITY};
    enumerate(problem, placements, 0, new ArrayList<>(), best);
    return best[0] == Double.POSITIVE_INFINITY ? Optional.empty() : Optional.of(best[0]);
  }

  private static void enumerate(Problem problem, List<List<Assignment>> placements, int j, List<Assignment> chosen,
      double[] best) {
    if (j == placements.size()) {
      Evaluation evaluation = Evaluator.evaluate(problem, new Schedule("all", chosen, List.of()));
      if (evaluation.feasible()) {
        best[0] = Math.min(best[0], evaluation.emissionsGrams());
      }
      return;
    }
    for (Assignment a : placements.get(j)) {
      chosen.add(a);
      enumerate(problem, placements, j + 1, chosen, best);
      chosen.remove(chosen.size() - 1);
    }
  }

  /** Every placement of job j on its own: allowed hub, window, duration, contiguity. */
  private static List<Assignment> placements(Problem problem, int j) {
    Job job = problem.jobs().get(j);
    int release = problem.releaseSlot(j);
    int deadline = problem.deadlineSlot(j);
    List<Assignment> out = new ArrayList<>();
    for (Hub hub : problem.hubs()) {
      if (!job.allows(hub.id())) {
        continue;
      }
      if (!job.interruptible()) {
        for (int st = release; st + job.durationSlots() <= deadline; st++) {
          out.add(Assignment.contiguous(job.id(), hub.id(), st, job.durationSlots()));
        }
      } else {
        subsets(release, deadline, job.durationSlots(), new ArrayList<>(), slots ->
            out.add(new Assignment(job.id(), hub.id(), List.copyOf(slots))));
      }
      if (out.size() > MAX_ENUMERATED) {
        return out;
      }
    }
    return out;
  }

  private static void subsets(int from, int to, int size, List<Integer> current,
      Consumer<List<Integer>> sink) {
    if (current.size() == size) {
      sink.accept(current);
      return;
    }
    for (int s = from; s < to && to - s >= size - current.size(); s++) {
      current.add(s);
      subsets(s + 1, to, size, current, sink);
      current.remove(current.size() - 1);
    }
  }

  @Test
  void of_lagrangianWithKnownUpperBoundStillBelowIt() {
    for (int seed = 0; seed < 40; seed++) {
      Random random = new Random(9000 + seed);
      Problem problem = GeneratedProblems.random(random, 6);
      Optional<Schedule> schedule = RandomSchedules.runningEveryJob(problem, random, 30);
      if (schedule.isEmpty()) {
        continue;
      }
      double emissions = Evaluator.evaluate(problem, schedule.get()).emissionsGrams();
      EmissionsBound bound = LowerBound.of(problem, LAGRANGIAN.withUpperBoundGrams(emissions));
      assertThat(bound.gramsCo2e()).as("seed " + seed).isLessThanOrEqualTo(emissions);
      assertThat(bound.detail()).contains("Lagrangian");
    }
  }
}
