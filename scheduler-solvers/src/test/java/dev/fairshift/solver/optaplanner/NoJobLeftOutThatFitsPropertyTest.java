package dev.fairshift.solver.optaplanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.HardRule;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.core.Violation;
import dev.fairshift.solver.fixtures.HardProblems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * After OptaPlanner, no unscheduled job has a feasible placement with everything else unchanged,
 * per the Evaluator: on 30 seeded problems of the hard kind (binding power caps, on-site solar,
 * congestion, zero slack), with short searches that end by their score-calculation limit, from the
 * greedy schedule and from the construction heuristic. Every (hub, start) of a non-interruptible job
 * is tried; an interruptible job is tried in each hub on the first of its window's slots where it
 * fits on its own next to the schedule.
 */
class NoJobLeftOutThatFitsPropertyTest {

  @Test
  void solve_noUnscheduledJobFitsAsTheScheduleStands() {
    int unscheduledSeen = 0;
    for (int seed = 0; seed < 30; seed++) {
      Problem problem = HardProblems.random(new Random(seed), 40);
      OptaPlannerScheduler.Config.Builder config = OptaPlannerScheduler.Config.builder()
          .timeLimit(Duration.ofSeconds(20)).scoreCalculationLimit(seed % 3 == 0 ? 0 : 1500).seed(seed);
      if (seed % 2 == 1) {
        config.noWarmStart();
      }
      OptaPlannerResult result = OptaPlannerScheduler.create(config.build()).solve(problem);
      String context = "seed " + seed + ": " + problem;
      assertThat(result.evaluation().violations()).as(context).isEmpty();
      unscheduledSeen += result.schedule().unscheduled().size();
      for (Unscheduled u : result.schedule().unscheduled()) {
        assertThat(feasiblePlacement(problem, result.schedule(), problem.job(u.job()))).as(context).isEmpty();
      }
    }
    // The problems are congested enough that the check has jobs to look at.
    assertThat(unscheduledSeen).isGreaterThan(20);
  }

  @Test
  void sessionSnapshot_noUnscheduledJobFitsAsTheScheduleStands() {
    int unscheduledSeen = 0;
    for (int seed = 100; seed < 110; seed++) {
      Problem problem = HardProblems.random(new Random(seed), 30);
      ReplanningSession.Config config = ReplanningSession.Config.builder()
          .mode(ReplanningSession.Mode.SYNCHRONOUS)
          .solver(OptaPlannerScheduler.Config.builder().timeLimit(Duration.ofSeconds(20)).noUnimprovedTimeLimit()
              .scoreCalculationLimit(200).noWarmStart().seed(seed).build())
          .build();
      try (ReplanningSession session = ReplanningSession.start(problem, config)) {
        ReplanningSnapshot snapshot = session.current();
        String context = "seed " + seed + ": " + problem;
        assertThat(snapshot.evaluation().violations()).as(context).isEmpty();
        unscheduledSeen += snapshot.schedule().unscheduled().size();
        for (Unscheduled u : snapshot.schedule().unscheduled()) {
          assertThat(feasiblePlacement(problem, snapshot.schedule(), problem.job(u.job()))).as(context).isEmpty();
        }
      }
    }
    assertThat(unscheduledSeen).isGreaterThan(5);
  }

  /** A placement of unscheduled {@code job} that the Evaluator accepts next to {@code schedule}, if any. */
  static Optional<Assignment> feasiblePlacement(Problem problem, Schedule schedule, Job job) {
    int j = problem.jobIndex(job.id());
    int release = problem.releaseSlot(j);
    int deadline = problem.deadlineSlot(j);
    for (Hub hub : problem.hubs()) {
      if (!job.allows(hub.id())) {
        continue;
      }
      List<Assignment> candidates = new ArrayList<>();
      if (job.interruptible()) {
        List<Integer> slots = new ArrayList<>();
        for (int s = release; s < deadline && slots.size() < job.durationSlots(); s++) {
          if (fitsInSlot(problem, schedule, job, hub, s)) {
            slots.add(s);
          }
        }
        if (slots.size() == job.durationSlots()) {
          candidates.add(new Assignment(job.id(), hub.id(), slots));
        }
      } else {
        for (int start = release; start + job.durationSlots() <= deadline; start++) {
          candidates.add(Assignment.contiguous(job.id(), hub.id(), start, job.durationSlots()));
        }
      }
      for (Assignment a : candidates) {
        if (Evaluator.evaluate(problem, with(schedule, a)).feasible()) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether one slot of {@code job} in {@code hub} at {@code s} breaks no capacity or power cap there. */
  private static boolean fitsInSlot(Problem problem, Schedule schedule, Job job, Hub hub, int s) {
    Evaluation e = Evaluator.evaluate(problem, with(schedule, new Assignment(job.id(), hub.id(), List.of(s))));
    for (Violation v : e.violations()) {
      if ((v.rule() == HardRule.CAPACITY || v.rule() == HardRule.POWER_CAP) && v.subject().equals(hub.id())) {
        return false;
      }
    }
    return true;
  }

  private static Schedule with(Schedule schedule, Assignment a) {
    List<Assignment> assignments = new ArrayList<>(schedule.assignments());
    assignments.add(a);
    List<Unscheduled> unscheduled = schedule.unscheduled().stream().filter(u -> !u.job().equals(a.job())).toList();
    return new Schedule(schedule.solver(), assignments, unscheduled);
  }
}
