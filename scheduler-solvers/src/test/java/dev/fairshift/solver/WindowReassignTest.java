package dev.fairshift.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link WindowReassign} against brute force on seeded zero-slack puzzles (every job starts in the
 * first slot, so one reassignment holds them all and must reach the best hub for each, measured by the
 * {@link Evaluator}), and, as a property, on greedy's and ASAP's plans of seeded random problems.
 */
class WindowReassignTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");
  private static final int PUZZLES = 40;
  private static final int PUZZLE_JOBS = 7;
  private static final int SEEDS = 60;

  /**
   * Three hourly slots; every job runs from the first one (no slack), 1-3 slots long. Two hubs on a dirty
   * grid with on-site supply (one also power-capped) and a clean-grid hub with few units; some jobs may
   * run at two hubs only, some have their data at one hub (moving costs transfer energy).
   */
  private static Problem puzzle(long seed) {
    Random rnd = new Random(seed);
    double[] dirty = new double[3];
    double[] clean = new double[3];
    double[] sunA = new double[3];
    double[] sunB = new double[3];
    for (int s = 0; s < 3; s++) {
      dirty[s] = 700 + rnd.nextInt(300);
      clean[s] = 100 + rnd.nextInt(150);
      sunA[s] = 4 + rnd.nextInt(16);
      sunB[s] = 4 + rnd.nextInt(16);
    }
    String[] hubs = {"sunA", "sunB", "clean"};
    Problem.Builder b = Problem.builder()
        .horizon(Horizon.hourly(T0, 3))
        .transferKwhPerGb(0.05)
        .zone(ZoneIntensity.of("DIRTY", SlotSeries.of(dirty)))
        .zone(ZoneIntensity.of("CLEAN", SlotSeries.of(clean)))
        .tenant(Tenant.of("t", "research"))
        .hub(Hub.builder("sunA", "DIRTY").pue(1.0 + rnd.nextInt(3) / 10.0).capacityUnits(6)
            .renewableKw(SlotSeries.of(sunA)).build())
        .hub(Hub.builder("sunB", "DIRTY").pue(1.0).capacityUnits(6).powerCapKw(16 + rnd.nextInt(16))
            .renewableKw(SlotSeries.of(sunB)).build())
        .hub(Hub.builder("clean", "CLEAN").pue(1.2).capacityUnits(3).build());
    for (int j = 0; j < PUZZLE_JOBS; j++) {
      int duration = 1 + rnd.nextInt(3);
      Job.Builder job = Job.builder("j" + j, "t").units(1 + rnd.nextInt(2)).durationSlots(duration)
          .powerKw(2 + rnd.nextInt(8)).window(T0, T0.plus(Duration.ofHours(duration)));
      if (rnd.nextInt(4) == 0) {
        int out = rnd.nextInt(3);
        job.allowedHubs(hubs[(out + 1) % 3], hubs[(out + 2) % 3]);
      }
      if (rnd.nextInt(3) == 0) {
        job.originHub(hubs[rnd.nextInt(3)]).dataGb(20 + rnd.nextInt(200));
      }
      b.job(job.build());
    }
    return b.build();
  }

  /** The least emissions of any feasible choice of hubs for {@code start}'s jobs in their slots (Evaluator). */
  private static double bruteForce(Problem p, Schedule start) {
    List<Assignment> placed = start.assignments();
    int n = placed.size();
    double best = Double.POSITIVE_INFINITY;
    int[] hub = new int[n];
    int combos = (int) Math.pow(p.hubs().size(), n);
    for (int c = 0; c < combos; c++) {
      int x = c;
      List<Assignment> as = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        hub[i] = x % p.hubs().size();
        x /= p.hubs().size();
        as.add(new Assignment(placed.get(i).job(), p.hubs().get(hub[i]).id(), placed.get(i).slots()));
      }
      var e = Evaluator.evaluate(p, new Schedule("oracle", as, start.unscheduled()));
      if (e.violations().isEmpty()) {
        best = Math.min(best, e.emissionsGrams());
      }
    }
    return best;
  }

  @Test
  void zeroSlackPuzzles_reachTheBruteForceOptimum_whereOneHubRepacksDoNot() {
    int improved = 0;
    int repackShort = 0;
    for (long seed = 7300; seed < 7300 + PUZZLES; seed++) {
      Problem p = puzzle(seed);
      Schedule start = Scheduler.asap().schedule(p);
      double optimum = bruteForce(p, start);
      double before = Evaluator.evaluate(p, start).emissionsGrams();

      PlanState st = PlanStates.load(p, start);
      double saved = new WindowReassign(st).run(10_000_000);
      var e = Evaluator.evaluate(p, st.toSchedule("asap", PlanMoveProperty.reasons(st, p, start)));

      assertThat(e.violations()).as("seed %d", seed).isEmpty();
      assertThat(e.emissionsGrams()).as("seed %d: the optimum over hubs", seed)
          .isCloseTo(optimum, within(1e-6 * Math.max(1, optimum)));
      assertThat(saved).as("seed %d: saved as reported", seed).isCloseTo(before - optimum, within(1e-6 * before));
      improved += before > optimum + 1e-6 ? 1 : 0;

      PlanState one = PlanStates.load(p, start);
      new HubRepack(one).run(10_000_000);
      double repacked = Evaluator.evaluate(p, one.toSchedule("asap", PlanMoveProperty.reasons(one, p, start))).emissionsGrams();
      repackShort += repacked > optimum + 1e-6 * Math.max(1, optimum) ? 1 : 0;
    }
    // Not vacuous: ASAP's hubs are often not the best, and repacking one hub at a time often falls short.
    assertThat(improved).isGreaterThan(PUZZLES / 2);
    assertThat(repackShort).isPositive();
  }

  /**
   * On {@value #SEEDS} random problems, from greedy's plan without its improvement rounds and from
   * ASAP's: emissions never rise, the same jobs stay placed in the same slots, every hard rule holds
   * (Evaluator), the saving is the one reported, and the same plan gives the same result.
   */
  @Test
  void property_neverMoreEmissions_sameJobsAndSlots_hardRulesHold_deterministic() {
    int improved = PlanMoveProperty.check(9400, SEEDS, st -> new WindowReassign(st).run(2_000_000));
    assertThat(improved).isPositive();
  }
}
