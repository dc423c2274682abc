package dev.fairshift.solver.optaplanner;

import dev.fairshift.core.Problem;
import dev.fairshift.solver.fixtures.ScaleProblems;
import java.time.Duration;

/**
 * Prints score calculation speed on a week-long 1000-job problem. A manual check, not a test:
 * {@code mvn -o -q -pl scheduler-solvers test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.fairshift.solver.optaplanner.OptaPlannerSpeedCheck -Dexec.args="1000 8 30"}
 * (jobs, hubs, seconds).
 */
public final class OptaPlannerSpeedCheck {
  private OptaPlannerSpeedCheck() {}

  public static void main(String[] args) {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int hubs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    String threads = args.length > 3 ? args[3] : "NONE";
    Problem problem = ScaleProblems.week(1, jobs, hubs);
    MoveThreads moveThreads = threads.equals("NONE") ? MoveThreads.none()
        : threads.equals("AUTO") ? MoveThreads.auto() : MoveThreads.of(Integer.parseInt(threads));
    OptaPlannerScheduler solver = OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
        .timeLimit(Duration.ofSeconds(seconds)).noUnimprovedTimeLimit().moveThreads(moveThreads).build());
    OptaPlannerResult result = solver.solve(problem);
    System.out.println(problem);
    System.out.println(result.statistics() + " -> " + result.statistics().scoreCalculationsPerSecond() + "/s");
    System.out.println("scheduled " + result.evaluation().scheduledJobs() + "/" + problem.jobs().size()
        + ", emissions " + Math.round(result.evaluation().emissionsKg()) + " kg, fallback " + result.fallback());
    System.out.println(result.explanation());
  }
}
