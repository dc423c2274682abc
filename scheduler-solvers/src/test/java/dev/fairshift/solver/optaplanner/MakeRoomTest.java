package dev.fairshift.solver.optaplanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.core.ZoneIntensity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A packing instance where a job only gets in after several others move (issue 9): no slack, so
 * every job has its one slot; {@code wide} (2 units) may only run in the clean hub, which holds
 * {@code a} and {@code b} (1 unit each, 2 units of capacity); the middle hub holds {@code d} with
 * room for one more; the dirty hub has room for one. Running every job takes moving {@code a} and
 * {@code b} out of the clean hub and one of the three into the dirty hub: at least two moves
 * before {@code wide} fits, each alone leaving the schedule no better. The optimum is found by
 * brute force over every assignment (each job out or in one of its hubs), checked by the
 * Evaluator, and the search must reach it within a score-calculation budget (not wall-clock), from
 * the stuck start.
 */
class MakeRoomTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");
  private static final List<String> HUBS = List.of("clean", "middle", "dirty");

  private static Problem problem() {
    return Problem.builder()
        .horizon(Horizon.of(T0, 60, 1))
        .zone(ZoneIntensity.of("clean-grid", SlotSeries.of(10.0)))
        .zone(ZoneIntensity.of("middle-grid", SlotSeries.of(300.0)))
        .zone(ZoneIntensity.of("dirty-grid", SlotSeries.of(500.0)))
        .hub(Hub.builder("clean", "clean-grid").capacityUnits(2).build())
        .hub(Hub.builder("middle", "middle-grid").capacityUnits(2).build())
        .hub(Hub.builder("dirty", "dirty-grid").capacityUnits(1).build())
        .tenant(new Tenant("lab", "research", 0, 1, 1))
        .job(job("a", 1, 1.0).build())
        .job(job("b", 1, 1.2).build())
        .job(job("d", 1, 0.8).allowedHubs("middle", "dirty").build())
        .job(job("wide", 2, 2.0).allowedHubs("clean").build())
        .build();
  }

  private static Job.Builder job(String id, int units, double kw) {
    return Job.builder(id, "lab").durationSlots(1).units(units).powerKw(kw).window(T0, T0.plusSeconds(3600));
  }

  /** a and b in the clean hub, d in the middle one, wide left out: feasible, three of four jobs. */
  private static Schedule stuck() {
    return new Schedule("start", List.of(
        new Assignment("a", "clean", List.of(0)),
        new Assignment("b", "clean", List.of(0)),
        new Assignment("d", "middle", List.of(0))),
        List.of(new Unscheduled("wide", "no room")));
  }

  /** The best feasible schedule by brute force: most jobs placed (equal priorities), then least emissions. */
  private static Evaluation bruteForceOptimum(Problem problem) {
    List<Job> jobs = problem.jobs();
    int options = HUBS.size() + 1;
    int combinations = (int) Math.pow(options, jobs.size());
    Evaluation best = null;
    int feasible = 0;
    for (int code = 0; code < combinations; code++) {
      List<Assignment> placed = new ArrayList<>();
      List<Unscheduled> out = new ArrayList<>();
      int c = code;
      for (Job job : jobs) {
        int option = c % options;
        c /= options;
        if (option == HUBS.size()) {
          out.add(new Unscheduled(job.id(), "left out"));
        } else {
          placed.add(new Assignment(job.id(), HUBS.get(option), List.of(0)));
        }
      }
      Evaluation e = Evaluator.evaluate(problem, new Schedule("brute-force", placed, out));
      if (!e.feasible()) {
        continue;
      }
      feasible++;
      if (best == null || e.scheduledJobs() > best.scheduledJobs()
          || e.scheduledJobs() == best.scheduledJobs() && e.emissionsGrams() < best.emissionsGrams() - 1e-9) {
        best = e;
      }
    }
    assertThat(feasible).as("feasible schedules among %d", combinations).isGreaterThan(10);
    return best;
  }

  @Test
  void instance_placingEveryJobTakesMovingAtLeastTwoOthers() {
    Problem problem = problem();
    Schedule start = stuck();
    assertThat(Evaluator.evaluate(problem, start).feasible()).isTrue();
    Evaluation optimum = bruteForceOptimum(problem);
    assertThat(optimum.scheduledJobs()).isEqualTo(4);
    // From the stuck start, no schedule that places wide while moving fewer than two other jobs is feasible.
    for (String first : List.of("a", "b", "d")) {
      for (String hub : HUBS) {
        List<Assignment> moved = new ArrayList<>();
        for (Assignment a : start.assignments()) {
          moved.add(a.job().equals(first) ? new Assignment(first, hub, List.of(0)) : a);
        }
        moved.add(new Assignment("wide", "clean", List.of(0)));
        assertThat(Evaluator.evaluate(problem, new Schedule("one-move", moved, List.of())).feasible())
            .as("wide in after moving only %s to %s", first, hub).isFalse();
      }
    }
  }

  @Test
  void solve_fromTheStuckStart_reachesTheBruteForceOptimumWithinAScoreCalculationBudget() {
    Problem problem = problem();
    Evaluation optimum = bruteForceOptimum(problem);
    for (long seed = 0; seed < 3; seed++) {
      OptaPlannerResult result = OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
          .timeLimit(Duration.ofMinutes(5)).noUnimprovedTimeLimit().scoreCalculationLimit(5_000).seed(seed)
          .build()).solve(problem, stuck());

      assertThat(result.evaluation().violations()).as("seed %d", seed).isEmpty();
      assertThat(result.evaluation().scheduledJobs()).as("seed %d", seed).isEqualTo(optimum.scheduledJobs());
      assertThat(result.evaluation().emissionsGrams()).as("seed %d", seed)
          .isCloseTo(optimum.emissionsGrams(), within(1e-6));
      assertThat(result.schedule().assignment("wide").map(Assignment::hub)).contains("clean");
    }
  }
}
