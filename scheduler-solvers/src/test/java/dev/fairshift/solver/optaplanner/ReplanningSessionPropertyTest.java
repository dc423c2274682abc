package dev.fairshift.solver.optaplanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.solver.fixtures.GeneratedProblems;
import dev.fairshift.solver.fixtures.RandomChanges;
import dev.fairshift.solver.fixtures.RandomSchedules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.config.solver.EnvironmentMode;

/**
 * Seeded random sessions in FULL_ASSERT mode: random problems, random changes (jobs arriving, some
 * of them invalid; cancellations; new forecasts; time passing), and after every change the best
 * schedule breaks no hard rule, lists every job once, keeps started jobs where they ran and starts no
 * other job before now.
 */
class ReplanningSessionPropertyTest {

  @Test
  void randomChanges_neverBreakAHardRule() {
    int accepted = 0;
    int rejected = 0;
    for (int seed = 0; seed < 6; seed++) {
      Random r = new Random(9000 + seed);
      Problem problem = GeneratedProblems.random(r, 6);
      ReplanningSession.Config config = ReplanningSession.Config.builder()
          .mode(ReplanningSession.Mode.SYNCHRONOUS)
          .solver(OptaPlannerScheduler.Config.builder().timeLimit(Duration.ofSeconds(60)).noUnimprovedTimeLimit()
              .scoreCalculationLimit(300).seed(seed).build())
          .build();
      try (ReplanningSession session = DefaultReplanningSession.start(problem,
          seed % 2 == 0 ? Optional.empty() : Optional.of(RandomSchedules.random(problem, r)), config,
          EnvironmentMode.FULL_ASSERT)) {
        check(session.current(), Map.of(), "seed " + seed + " start");
        for (int step = 0; step < 10; step++) {
          String where = "seed " + seed + " step " + step;
          ReplanningSnapshot before = session.current();
          Map<String, Assignment> started = new HashMap<>();
          before.startedJobs().forEach(job -> started.put(job, before.schedule().assignment(job).orElseThrow()));
          Problem current = session.problem();
          switch (r.nextInt(5)) {
            case 0, 1 -> {
              Job job = RandomChanges.job(r, current, "new-" + step, session.nowSlot());
              try {
                session.addJob(job);
              } catch (InvalidProblemException e) {
                assertThat(e.errors()).as(where).isNotEmpty().allSatisfy(error -> assertThat(error.message())
                    .contains("Job '" + job.id() + "'"));
                assertThat(session.problem()).as(where).isSameAs(current);
                assertThat(session.current()).as(where).isSameAs(before);
                rejected++;
                continue;
              }
            }
            case 2 -> {
              if (current.jobs().isEmpty()) {
                continue;
              }
              session.removeJob(current.jobs().get(r.nextInt(current.jobs().size())).id());
            }
            case 3 -> session.updateForecast(current.intensities().zones().get(r.nextInt(
                current.intensities().zones().size())).zone(), RandomChanges.series(r, current.horizon().slots()));
            default -> {
              int slots = current.horizon().slots();
              if (session.nowSlot() == slots) {
                continue;
              }
              session.advanceTo(Math.min(slots, session.nowSlot() + 1 + r.nextInt(3)));
            }
          }
          accepted++;
          ReplanningSnapshot after = session.current();
          assertThat(after.problem()).as(where).isSameAs(session.problem());
          assertThat(after.revision()).as(where).isEqualTo(before.revision() + 1);
          check(after, started, where);
        }
      }
    }
    assertThat(accepted).isGreaterThan(40);
    assertThat(rejected).isPositive();
  }

  private static void check(ReplanningSnapshot snapshot, Map<String, Assignment> startedBefore, String where) {
    assertThat(Evaluator.evaluate(snapshot.problem(), snapshot.schedule()).violations()).as(where).isEmpty();
    assertThat(snapshot.result().fallback()).as(where).isEmpty();
    List<String> listed = Stream.concat(snapshot.schedule().assignments().stream().map(Assignment::job),
        snapshot.schedule().unscheduled().stream().map(Unscheduled::job)).toList();
    assertThat(listed).as(where).containsExactlyInAnyOrderElementsOf(
        snapshot.problem().jobs().stream().map(Job::id).toList());
    startedBefore.forEach((job, place) -> {
      if (snapshot.problem().hasJob(job)) {
        assertThat(snapshot.schedule().assignment(job)).as(where + " started job " + job).contains(place);
        assertThat(snapshot.startedJobs()).as(where).contains(job);
      }
    });
    List<String> beforeNow = new ArrayList<>();
    for (Assignment a : snapshot.schedule().assignments()) {
      if (a.firstSlot() < snapshot.nowSlot()) {
        beforeNow.add(a.job());
      }
    }
    assertThat(snapshot.startedJobs()).as(where + " (jobs running before now are the started ones)")
        .containsExactlyInAnyOrderElementsOf(beforeNow);
  }
}
