package dev.fairshift.solver.optaplanner;

import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.solver.fixtures.ScaleProblems;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints how long a re-planning session on a week-long problem takes to start, to show each kind
 * of change in its best schedule (background mode), to read a snapshot, and to settle again. A
 * manual check, not a test:
 * {@code mvn -o -q -pl scheduler-solvers test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.fairshift.solver.optaplanner.ReplanningSpeedCheck -Dexec.args="1000 8 2 10"}
 * (jobs, hubs, unimproved seconds and seconds per re-solve).
 */
public final class ReplanningSpeedCheck {
  private ReplanningSpeedCheck() {}

  public static void main(String[] args) {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int hubs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int unimproved = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int limit = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    Problem problem = ScaleProblems.week(1, jobs, hubs, 168, false);
    ReplanningSession.Config config = ReplanningSession.Config.builder()
        .solver(OptaPlannerScheduler.Config.builder().timeLimit(Duration.ofSeconds(limit))
            .unimprovedTimeLimit(Duration.ofSeconds(unimproved)).build())
        .build();
    System.out.println(problem);
    long started = System.nanoTime();
    try (ReplanningSession session = ReplanningSession.start(problem, config)) {
      print("start (greedy warm start, solver built)", started, session);
      settle(session);

      Job arrived = problem.jobs().get(0);
      started = System.nanoTime();
      session.addJob(new Job("arrived", arrived.tenant(), 3, arrived.powerKw(), 1, problem.horizon().slotStart(30),
          problem.horizon().slotStart(80), false, arrived.allowedHubs(), arrived.originHub(), 0, 1));
      until(session, 1);
      untilPlaced(session, "arrived");
      print("addJob until placed", started, session);
      settle(session);

      started = System.nanoTime();
      session.advanceTo(48);
      until(session, 2);
      print("advanceTo(48) until in the best schedule", started, session);
      settle(session);

      ZoneIntensity zone = problem.intensities().zones().get(0);
      double[] shifted = new double[problem.horizon().slots()];
      for (int s = 0; s < shifted.length; s++) {
        shifted[s] = zone.gramsPerKwh().at((s + 12) % shifted.length);
      }
      started = System.nanoTime();
      session.updateForecast(zone.zone(), SlotSeries.of(shifted));
      until(session, 3);
      print("updateForecast (zone " + zone.zone() + " shifted 12 h) until in the best schedule", started, session);
      settle(session);

      started = System.nanoTime();
      session.removeJob(problem.jobs().get(jobs - 1).id());
      until(session, 4);
      print("removeJob until in the best schedule", started, session);
      settle(session);
    }
  }

  private static void settle(ReplanningSession session) {
    long started = System.nanoTime();
    session.awaitIdle(Duration.ofMinutes(2));
    print("  re-solved until its limits", started, session);
  }

  private static void untilPlaced(ReplanningSession session, String job) {
    while (session.current().schedule().assignment(job).isEmpty()) {
      Thread.onSpinWait();
    }
  }

  /** Waits until the best schedule includes change number {@code revision}. */
  private static void until(ReplanningSession session, long revision) {
    while (session.current().revision() < revision) {
      Thread.onSpinWait();
    }
  }

  private static void print(String what, long startedNanos, ReplanningSession session) {
    long millis = (System.nanoTime() - startedNanos) / 1_000_000;
    long read = System.nanoTime();
    ReplanningSnapshot s = session.current();
    long readMillis = (System.nanoTime() - read) / 1_000_000;
    System.out.println(String.format(Locale.ROOT, "%-70s %6d ms  (snapshot read %d ms): %d/%d scheduled, "
        + "%.1f kg planned, started %d, violations %d", what, millis, readMillis, s.evaluation().scheduledJobs(),
        s.problem().jobs().size(), s.evaluation().plannedEmissionsGrams().orElse(s.evaluation().emissionsGrams())
            / 1000, s.startedJobs().size(), s.evaluation().violations().size()));
  }
}
