package dev.fairshift.solver.bound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Job;
import dev.fairshift.core.JobResult;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.fixtures.GeneratedProblems;
import dev.fairshift.solver.fixtures.RandomSchedules;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bound a report states for a schedule ({@link LowerBound#forSchedule}) on {@value #PROBLEMS} seeded
 * random problems (many congested), by LP and by the Lagrangian: it claims that every job can run only
 * when the schedule runs every job; it never lies above the schedule; and a bound on the placed jobs
 * never lies above a random feasible schedule that runs those jobs.
 */
class BoundScopePropertyTest {
  private static final int PROBLEMS = 150;
  private static final long FIRST_SEED = 77_000;
  private static final LowerBound.Options LAGRANGIAN = LowerBound.Options.defaults()
      .withMethod(BoundMethod.LAGRANGIAN).withLagrangianIterations(200);

  @Test
  void forSchedule_claimsOnlyWhatItKnows_andNeverLiesAboveAScheduleItBounds() {
    int placedOnly = 0;
    int proven = 0;
    int comparedWithOthers = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROBLEMS; seed++) {
      Random random = new Random(seed);
      Problem p = GeneratedProblems.random(random, 14);
      for (Scheduler scheduler : List.of(Scheduler.greedy(), Scheduler.asap())) {
        Evaluation e = Evaluator.evaluate(p, scheduler.schedule(p));
        for (LowerBound.Options options : List.of(LowerBound.Options.defaults(), LAGRANGIAN)) {
          EmissionsBound b = LowerBound.forSchedule(p, e, options);
          String where = "seed " + seed + ", " + scheduler.name() + ", " + b;
          assertThat(b.everyJobCanRun()).as(where).isEqualTo(e.unscheduledJobs() == 0);
          assertThat(b.scope()).as(where)
              .isEqualTo(e.unscheduledJobs() == 0 ? BoundScope.EVERY_JOB_PROVEN : BoundScope.PLACED_JOBS);
          assertThat(b.gramsCo2e()).as(where).isLessThanOrEqualTo(e.emissionsGrams() * (1 + 1e-9) + 1e-6);
          assertThat(b.gapTo(e)).as(where).isPresent();
          if (b.scope() == BoundScope.EVERY_JOB_PROVEN) {
            proven++;
            continue;
          }
          placedOnly++;
          List<Job> placed = e.jobs().stream().filter(JobResult::scheduled).map(j -> p.job(j.job())).toList();
          if (placed.isEmpty()) {
            continue;
          }
          Problem restricted = p.toBuilder().clearJobs().jobs(placed).build();
          for (int i = 0; i < 3; i++) {
            Optional<Schedule> other = RandomSchedules.runningEveryJob(restricted, random, 20);
            if (other.isPresent()) {
              Evaluation o = Evaluator.evaluate(restricted, other.get());
              assertThat(o.feasible()).as(where).isTrue();
              assertThat(b.gramsCo2e()).as(where + " vs " + other.get())
                  .isLessThanOrEqualTo(o.emissionsGrams() * (1 + 1e-9) + 1e-6);
              comparedWithOthers++;
            }
          }
        }
      }
    }
    assertThat(proven).isGreaterThan(50);
    assertThat(placedOnly).as("congested problems where schedules leave jobs out").isGreaterThan(30);
    assertThat(comparedWithOthers).isGreaterThan(20);
  }
}
