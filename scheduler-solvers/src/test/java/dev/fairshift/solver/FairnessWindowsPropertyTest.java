package dev.fairshift.solver;

import static dev.fairshift.solver.RandomProblems.jobIds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.FairnessWindow;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.TenantResult;
import dev.fairshift.core.TenantWindowResult;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.solver.bound.BoundMethod;
import dev.fairshift.solver.bound.EmissionsBound;
import dev.fairshift.solver.bound.LowerBound;
import dev.fairshift.solver.fixtures.RandomWindows;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Greedy and ASAP on {@value #PROBLEMS} random problems whose tenants have random fairness windows
 * and often tight maxShares ({@link RandomProblems} then {@link RandomWindows}, seeds 9000..). A
 * failure names its seed.
 */
class FairnessWindowsPropertyTest {
  private static final int PROBLEMS = 200;
  private static final long FIRST_SEED = 9000;
  private static final GreedyOptions RAW = new GreedyOptions(false, 0);

  static Problem windowed(long seed) {
    Random r = new Random(seed);
    return RandomWindows.of(RandomProblems.generate(r, 40), r);
  }

  /** No scheduler ever breaks a per-window cap (or any other rule); every job is listed once. */
  @Test
  void schedule_neverBreaksAPerWindowCap() {
    int windowedTenants = 0;
    int windowsAtTheirCap = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROBLEMS; seed++) {
      Problem p = windowed(seed);
      List<String> ids = p.jobs().stream().map(Job::id).toList();
      for (Scheduler scheduler : List.of(Scheduler.greedy(), Scheduler.greedy(RAW), Scheduler.asap())) {
        Schedule s = scheduler.schedule(p);
        String where = "seed " + seed + ", " + scheduler;
        Evaluation e = Evaluator.evaluate(p, s);

        assertThat(e.violations()).as(where).isEmpty();
        assertThat(jobIds(s)).as(where).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(scheduler.schedule(p)).as(where).isEqualTo(s);
        for (TenantResult t : e.tenants()) {
          windowedTenants += t.hasFairnessWindows() ? 1 : 0;
          for (TenantWindowResult w : t.windows()) {
            windowsAtTheirCap += t.hasFairnessWindows() && w.maxUnitSlots() < w.window().capacityUnitSlots()
                && w.runningUnitSlots() + p.jobs().stream().mapToInt(Job::units).max().orElse(1) > w.maxUnitSlots()
                ? 1 : 0;
          }
        }
      }
    }
    // The caps bind: many windows are within one job's units of their cap.
    assertThat(windowedTenants).isGreaterThan(PROBLEMS);
    assertThat(windowsAtTheirCap).isGreaterThan(200);
  }

  /**
   * Every per-window guarantee that greedy's quota phase can meet on its own is met. A window's
   * guarantee counts as feasible when the bare greedy construction on the problem restricted to the
   * jobs of tenants with a guarantee meets it: its quota phase is the full run's, placing a job only
   * while the window it is released in is short, and a job that cannot be placed then cannot be
   * placed later either (the plan only fills up), so after it every window's quota is as met as at the
   * end of that run; the full run's later phases never unschedule a job, and its portfolio switches
   * only to schedules meeting every (tenant, window) quota already met.
   */
  @Test
  void schedule_meetsEveryPerWindowQuotaItsQuotaPhaseCanMeet() {
    int feasible = 0;
    int missedByAsap = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROBLEMS; seed++) {
      Problem p = windowed(seed);
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
        if (!guaranteed.contains(w.tenant())) {
          continue;
        }
        for (int k = 0; k < w.windows().size(); k++) {
          TenantWindowResult window = w.windows().get(k);
          if (!window.quotaMet() || window.guaranteedUnitSlots() == 0) {
            continue;
          }
          feasible++;
          missedByAsap += asap.tenant(w.tenant()).windows().get(k).quotaMet() ? 0 : 1;
          assertThat(full.tenant(w.tenant()).windows().get(k).quotaMet())
              .as("seed %d, tenant %s, %s: %s", seed, w.tenant(), window.window(), full.tenant(w.tenant()))
              .isTrue();
        }
      }
    }
    assertThat(feasible).isGreaterThan(300);
    assertThat(missedByAsap).as("window quotas only the quota phase meets").isGreaterThan(10);
  }

  /**
   * Reasons are true of the returned schedule: a job left out for its tenant's cap has no place
   * where the hubs have room and every window stays within the cap (checked by brute force here),
   * and the reason names a fairness window when the tenant has them; any other job fits no hub.
   */
  @Test
  void schedule_leavesOutForTheCapOnlyJobsWithNoPlaceWithinIt() {
    int capped = 0;
    int full = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROBLEMS; seed++) {
      Problem p = windowed(seed);
      Schedule s = Scheduler.greedy().schedule(p);
      Occupancy occupancy = new Occupancy(p);
      s.assignments().forEach(occupancy::add);
      long[][] running = running(p, s);
      for (Unscheduled u : s.unscheduled()) {
        int j = p.jobIndex(u.job());
        Job job = p.jobs().get(j);
        int t = p.tenantIndex(job.tenant());
        String where = "seed " + seed + ", job " + job.id() + ": " + u.reason();
        assertThat(placeWithinCap(p, occupancy, running, j)).as(where).isFalse();
        if (u.reason().startsWith("Tenant '" + job.tenant() + "' would exceed its maxShare")) {
          capped++;
          if (p.fairnessWindows(t).size() > 1) {
            assertThat(u.reason()).as(where).contains("in a fairness window of", "window ");
          }
        } else {
          full++;
          assertThat(occupancy.fitsSomewhere(j)).as(where).isFalse();
          assertThat(u.reason()).as(where).startsWith("No allowed hub has " + job.units() + " free units");
        }
      }
    }
    assertThat(capped).isGreaterThan(100);
    assertThat(full).isGreaterThan(50);
  }

  /** The portfolio's guarantee holds with windows: wherever ASAP places every job, greedy does and emits no more. */
  @Test
  void schedule_neverEmitsMoreThanAsap_whenAsapSchedulesEveryJob() {
    int compared = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROBLEMS; seed++) {
      Problem p = windowed(seed);
      Evaluation asap = Evaluator.evaluate(p, Scheduler.asap().schedule(p));
      if (asap.unscheduledJobs() > 0) {
        continue;
      }
      compared++;
      Evaluation greedy = Evaluator.evaluate(p, Scheduler.greedy().schedule(p));
      assertThat(greedy.unscheduledJobs()).as("seed %d", seed).isZero();
      assertThat(greedy.emissionsGrams()).as("seed %d", seed).isLessThanOrEqualTo(asap.emissionsGrams());
    }
    assertThat(compared).isGreaterThan(20);
  }

  /**
   * The lower bound ignores the windows, which only add constraints, so it stays below every
   * feasible schedule that runs every job, and never calls such a problem infeasible. (The
   * Lagrangian relaxation with few iterations, for speed: the up-front infeasibility check is the
   * same for both methods.)
   */
  @Test
  void lowerBound_staysBelowEveryScheduleThatRunsEveryJob() {
    LowerBound.Options quick = LowerBound.Options.defaults().withMethod(BoundMethod.LAGRANGIAN)
        .withLagrangianIterations(20);
    int compared = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROBLEMS; seed++) {
      Problem p = windowed(seed);
      Evaluation greedy = Evaluator.evaluate(p, Scheduler.greedy().schedule(p));
      if (greedy.unscheduledJobs() > 0 || !greedy.feasible()) {
        continue;
      }
      compared++;
      EmissionsBound bound = LowerBound.of(p, quick);
      assertThat(bound.hasValue()).as("seed %d: %s", seed, bound).isTrue();
      assertThat(bound.gramsCo2e()).as("seed %d", seed)
          .isLessThanOrEqualTo(greedy.emissionsGrams() * (1 + 1e-9) + 1e-6);
    }
    assertThat(compared).isGreaterThan(50);
  }

  /** Per tenant and fairness window, the unit-slots a schedule runs there (this test's own count). */
  private static long[][] running(Problem p, Schedule s) {
    long[][] out = new long[p.tenants().size()][];
    for (int t = 0; t < out.length; t++) {
      out[t] = new long[p.fairnessWindows(t).size()];
    }
    for (Assignment a : s.assignments()) {
      Job job = p.job(a.job());
      int t = p.tenantIndex(job.tenant());
      for (int slot : a.slots()) {
        for (FairnessWindow w : p.fairnessWindows(t)) {
          out[t][w.index()] += w.contains(slot) ? job.units() : 0;
        }
      }
    }
    return out;
  }

  /**
   * Whether job {@code j} has a place where the hubs have room and its tenant stays within maxShare
   * of every window: every start of a consecutive job; for an interruptible one, per hub, whether
   * the fitting slots, at most as many per window as the cap leaves room for, number its duration.
   */
  private static boolean placeWithinCap(Problem p, Occupancy occupancy, long[][] running, int j) {
    Job job = p.jobs().get(j);
    int t = p.tenantIndex(job.tenant());
    Tenant tenant = p.tenants().get(t);
    List<FairnessWindow> windows = p.fairnessWindows(t);
    long[] room = new long[windows.size()];
    for (FairnessWindow w : windows) {
      double left = tenant.maxShare() * w.capacityUnitSlots() + 1e-9 - running[t][w.index()];
      room[w.index()] = left < 0 ? 0 : (long) Math.floor(left / job.units());
    }
    int from = p.releaseSlot(j);
    int to = p.deadlineSlot(j);
    int d = job.durationSlots();
    for (int h = 0; h < p.hubs().size(); h++) {
      Hub hub = p.hubs().get(h);
      if (!job.allows(hub.id())) {
        continue;
      }
      if (job.interruptible()) {
        long[] fitting = new long[windows.size()];
        for (int s = from; s < to; s++) {
          fitting[windowIndex(windows, s)] += occupancy.fits(job, h, s) ? 1 : 0;
        }
        long usable = 0;
        for (int k = 0; k < windows.size(); k++) {
          usable += Math.min(fitting[k], room[k]);
        }
        if (usable >= d) {
          return true;
        }
        continue;
      }
      for (int start = from; start + d <= to; start++) {
        boolean ok = true;
        long[] need = new long[windows.size()];
        for (int s = start; s < start + d; s++) {
          ok &= occupancy.fits(job, h, s);
          need[windowIndex(windows, s)]++;
        }
        for (int k = 0; k < windows.size() && ok; k++) {
          ok = need[k] <= room[k];
        }
        if (ok) {
          return true;
        }
      }
    }
    return false;
  }

  private static int windowIndex(List<FairnessWindow> windows, int slot) {
    for (FairnessWindow w : windows) {
      if (w.contains(slot)) {
        return w.index();
      }
    }
    throw new IllegalArgumentException("slot " + slot);
  }
}
