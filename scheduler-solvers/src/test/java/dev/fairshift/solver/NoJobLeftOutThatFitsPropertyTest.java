package dev.fairshift.solver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.HardRule;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.core.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No scheduler ends with a job left out that fits as the schedule is: for every unscheduled job, every
 * allowed hub and every start (for an interruptible job, every slot) is tried by adding the job to the
 * schedule and asking the {@link Evaluator}; none may come out without violations. Written apart from
 * the schedulers' own feasibility code. Seeded: {@value #PROBLEMS} problems of {@link RandomProblems}
 * from seed {@value #FIRST_SEED}, with up to 60 jobs so that many are congested.
 */
class NoJobLeftOutThatFitsPropertyTest {
  private static final int PROBLEMS = 150;
  private static final long FIRST_SEED = 91_000;
  private static final Set<HardRule> SLOT_RULES =
      Set.of(HardRule.CAPACITY, HardRule.POWER_CAP, HardRule.RELEASE_DEADLINE, HardRule.RESIDENCY, HardRule.MAX_SHARE);

  @Test
  void greedyAndAsap_leaveOutNoJobThatFits_andBreakNoRule() {
    int leftOut = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROBLEMS; seed++) {
      Problem p = RandomProblems.generate(new java.util.Random(seed), 60);
      for (Scheduler scheduler : List.of(Scheduler.greedy(), Scheduler.greedy(new GreedyOptions(false, 0)),
          Scheduler.greedy(GreedyOptions.defaults().withPortfolio(false)), Scheduler.asap())) {
        Schedule s = scheduler.schedule(p);
        String where = "seed " + seed + ", " + scheduler;
        assertThat(Evaluator.evaluate(p, s).violations()).as(where).isEmpty();
        for (Unscheduled u : s.unscheduled()) {
          leftOut++;
          assertThat(fittingPlacement(p, s, u.job())).as(where + ": job " + u.job() + " is left out but fits")
              .isEmpty();
        }
      }
    }
    assertThat(leftOut).as("the problems must leave jobs out for this to test anything").isGreaterThan(200);
  }

  @Test
  void fittingPlacement_findsTheRoomAJobLeavesWhenItIsRemoved() {
    // The checker itself: take a job out of a feasible schedule; its old place must be found.
    int found = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + 40; seed++) {
      Problem p = RandomProblems.generate(new java.util.Random(seed), 60);
      Schedule s = Scheduler.greedy().schedule(p);
      if (s.assignments().isEmpty()) {
        continue;
      }
      Assignment removed = s.assignments().get(0);
      List<Assignment> rest = new ArrayList<>(s.assignments().subList(1, s.assignments().size()));
      List<Unscheduled> out = new ArrayList<>(s.unscheduled());
      out.add(new Unscheduled(removed.job(), "removed"));
      Schedule without = new Schedule("test", rest, out);
      assertThat(fittingPlacement(p, without, removed.job())).as("seed " + seed).isPresent();
      found++;
    }
    assertThat(found).isGreaterThan(30);
  }

  /** A placement of {@code jobId} that the Evaluator accepts with everything else as it is, if any. */
  static Optional<Assignment> fittingPlacement(Problem p, Schedule s, String jobId) {
    Job job = p.job(jobId);
    int j = p.jobIndex(jobId);
    int release = p.releaseSlot(j);
    int deadline = p.deadlineSlot(j);
    List<Unscheduled> others = s.unscheduled().stream().filter(u -> !u.job().equals(jobId)).toList();
    for (Hub hub : p.hubs()) {
      if (!job.allows(hub.id())) {
        continue;
      }
      if (!job.interruptible()) {
        for (int a = release; a + job.durationSlots() <= deadline; a++) {
          Assignment candidate = Assignment.contiguous(jobId, hub.id(), a, job.durationSlots());
          if (accepted(p, s, others, candidate, false)) {
            return Optional.of(candidate);
          }
        }
      } else {
        // slots where it fits on its own (a one-slot trial, its duration aside), then the earliest set
        List<Integer> usable = new ArrayList<>();
        for (int slot = release; slot < deadline; slot++) {
          if (accepted(p, s, others, new Assignment(jobId, hub.id(), List.of(slot)), true)) {
            usable.add(slot);
          }
        }
        if (usable.size() >= job.durationSlots()) {
          Assignment candidate = new Assignment(jobId, hub.id(), usable.subList(0, job.durationSlots()));
          if (accepted(p, s, others, candidate, false)) {
            return Optional.of(candidate);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static boolean accepted(Problem p, Schedule s, List<Unscheduled> others, Assignment candidate,
      boolean slotRulesOnly) {
    List<Assignment> assignments = new ArrayList<>(s.assignments());
    assignments.add(candidate);
    List<Violation> violations = Evaluator.evaluate(p, new Schedule("check", assignments, others)).violations();
    return slotRulesOnly ? violations.stream().noneMatch(v -> SLOT_RULES.contains(v.rule())) : violations.isEmpty();
  }
}
