package dev.fairshift.solver;

import static dev.fairshift.solver.RandomProblems.jobIds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.TenantResult;
import dev.fairshift.core.Unscheduled;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Greedy on {@value #PROBLEMS} random problems ({@link RandomProblems}, seeds 5000..; no forecasts,
 * so planning and evaluation intensities are the same). A failure names its seed: rerun it with
 * {@code RandomProblems.generate(seed)}.
 */
class GreedyPropertyTest {
  private static final int PROBLEMS = 400;
  private static final long FIRST_SEED = 5000;
  private static final GreedyOptions RAW = new GreedyOptions(false, 0);

  /** (a) and (d), for the default options and for the bare construction (no repair, no portfolio). */
  @Test
  void schedule_isFeasible_listsEveryJobOnce_andIsDeterministic() {
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROBLEMS; seed++) {
      Problem p = RandomProblems.generate(seed);
      List<String> ids = p.jobs().stream().map(Job::id).toList();
      for (GreedyOptions options : List.of(GreedyOptions.defaults(), RAW)) {
        Schedule s = Scheduler.greedy(options).schedule(p);
        String where = "seed " + seed + ", " + options;

        assertThat(Evaluator.evaluate(p, s).violations()).as(where).isEmpty();
        assertThat(jobIds(s)).as(where).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(s.solver()).as(where).isEqualTo("greedy");
        assertThat(Scheduler.greedy(options).schedule(p)).as(where).isEqualTo(s);
      }
    }
  }

  /**
   * (b) Every feasible guaranteed quota is met. A quota counts as feasible when the bare greedy
   * construction ({@code GreedyOptions(false, 0)}) on the same problem restricted to the jobs of the
   * tenants with a guarantee meets it: that run exhibits a schedule meeting it, built from an empty
   * plan exactly as the full run's quota phase is, so the full run must meet it too (later phases
   * never unschedule, and the portfolio only switches to schedules meeting every quota met).
   */
  @Test
  void schedule_meetsEveryFeasibleQuota() {
    int feasibleQuotas = 0;
    int quotasMissedByAsap = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROBLEMS; seed++) {
      Problem p = RandomProblems.generate(seed);
      Set<String> guaranteed = p.tenants().stream().filter(Tenant::hasGuarantee).map(Tenant::id)
          .collect(Collectors.toSet());
      if (guaranteed.isEmpty()) {
        continue;
      }
      Problem restricted = p.toBuilder().clearJobs()
          .jobs(p.jobs().stream().filter(j -> guaranteed.contains(j.tenant())).toList())
          .build();
      Evaluation witness = Evaluator.evaluate(restricted, Scheduler.greedy(RAW).schedule(restricted));
      Evaluation full = Evaluator.evaluate(p, Scheduler.greedy().schedule(p));
      Evaluation asap = Evaluator.evaluate(p, Scheduler.asap().schedule(p));
      for (TenantResult w : witness.tenants()) {
        if (!guaranteed.contains(w.tenant()) || !w.quotaMet() || w.demandedUnitSlots() == 0) {
          continue;
        }
        feasibleQuotas++;
        quotasMissedByAsap += asap.tenant(w.tenant()).quotaMet() ? 0 : 1;
        assertThat(full.tenant(w.tenant()).quotaMet())
            .as("seed %d, tenant %s: %s", seed, w.tenant(), full.tenant(w.tenant()))
            .isTrue();
      }
    }
    assertThat(feasibleQuotas).isGreaterThan(100);
    assertThat(quotasMissedByAsap).as("quotas only the quota phase meets").isGreaterThan(5);
  }

  /**
   * (c) Wherever ASAP schedules every job, greedy schedules every job too and emits no more (the
   * Evaluator's emissions; the portfolio guarantees it). Greedy must also really be carbon-aware:
   * on most of these problems it emits clearly less.
   */
  @Test
  void schedule_neverEmitsMoreThanAsap_whenAsapSchedulesEveryJob() {
    int compared = 0;
    int clearlyCleaner = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROBLEMS; seed++) {
      Problem p = RandomProblems.generate(seed);
      Evaluation asap = Evaluator.evaluate(p, Scheduler.asap().schedule(p));
      if (asap.unscheduledJobs() > 0) {
        continue;
      }
      Evaluation greedy = Evaluator.evaluate(p, Scheduler.greedy().schedule(p));
      compared++;

      assertThat(greedy.unscheduledJobs()).as("seed %d", seed).isZero();
      assertThat(greedy.emissionsGrams()).as("seed %d", seed).isLessThanOrEqualTo(asap.emissionsGrams());
      clearlyCleaner += greedy.emissionsGrams() < 0.95 * asap.emissionsGrams() ? 1 : 0;
    }
    assertThat(compared).isGreaterThan(80);
    assertThat(clearlyCleaner).isGreaterThan(compared * 3 / 4);
  }

  /**
   * Reasons are true of the returned schedule: an unscheduled job would break its tenant's maxShare
   * (and the reason says so) or fits no allowed hub given the others (and the reason says that).
   */
  @Test
  void schedule_leavesOutOnlyJobsThatFitNowhere_withTheirReason() {
    int leftOut = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROBLEMS; seed++) {
      Problem p = RandomProblems.generate(seed);
      Schedule s = Scheduler.greedy().schedule(p);
      Occupancy final_ = new Occupancy(p);
      s.assignments().forEach(final_::add);
      for (Unscheduled u : s.unscheduled()) {
        Job job = p.job(u.job());
        String where = "seed " + seed + ", job " + job.id() + ": " + u.reason();
        leftOut++;
        if (!final_.shareAllows(job)) {
          assertThat(u.reason()).as(where).startsWith("Tenant '" + job.tenant() + "' would exceed its maxShare");
        } else {
          assertThat(final_.fitsSomewhere(p.jobIndex(job.id()))).as(where).isFalse();
          assertThat(u.reason()).as(where).startsWith("No allowed hub has " + job.units() + " free units");
        }
      }
    }
    assertThat(leftOut).isGreaterThan(100);
  }
}
