package dev.fairshift.solver.optaplanner;

import dev.fairshift.core.Problem;
import dev.fairshift.solver.bound.EmissionsBound;
import dev.fairshift.solver.bound.LowerBound;
import dev.fairshift.solver.fixtures.ScaleProblems;
import java.time.Duration;

/**
 * Prints score calculation speed on a week-long 1000-job problem, and the gap to the lower bound. A
 * manual check, not a test:
 * {@code mvn -o -q -pl scheduler-solvers test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.fairshift.solver.optaplanner.OptaPlannerSpeedCheck
 * -Dexec.args="1000 8 30 NONE false LATE_ACCEPTANCE 1"}
 * (jobs, hubs, seconds, move threads, priced, search strategy, problem seed).
 */
public final class OptaPlannerSpeedCheck {
  private OptaPlannerSpeedCheck() {}

  public static void main(String[] args) {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int hubs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    String threads = args.length > 3 ? args[3] : "NONE";
    boolean priced = args.length > 4 && Boolean.parseBoolean(args[4]);
    SearchStrategy strategy = args.length > 5 ? SearchStrategy.valueOf(args[5]) : SearchStrategy.LATE_ACCEPTANCE;
    long problemSeed = args.length > 6 ? Long.parseLong(args[6]) : 1;
    Problem problem = ScaleProblems.week(problemSeed, jobs, hubs, 168, priced);
    MoveThreads moveThreads = threads.equals("NONE") ? MoveThreads.none()
        : threads.equals("AUTO") ? MoveThreads.auto() : MoveThreads.of(Integer.parseInt(threads));
    OptaPlannerScheduler solver = OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
        .timeLimit(Duration.ofSeconds(seconds)).noUnimprovedTimeLimit().moveThreads(moveThreads)
        .searchStrategy(strategy).build());
    OptaPlannerResult result = solver.solve(problem);
    System.out.println(problem);
    System.out.println(result.statistics() + " -> " + result.statistics().scoreCalculationsPerSecond() + "/s");
    System.out.println("scheduled " + result.evaluation().scheduledJobs() + "/" + problem.jobs().size()
        + ", emissions " + Math.round(result.evaluation().emissionsKg()) + " kg, fallback " + result.fallback());
    long started = System.nanoTime();
    EmissionsBound bound = LowerBound.of(problem);
    long boundMillis = (System.nanoTime() - started) / 1_000_000;
    System.out.println("lower bound " + Math.round(bound.gramsCo2e() / 1000) + " kg (" + bound.detail() + ", "
        + boundMillis + " ms), gap " + bound.gapTo(result.evaluation()));
    System.out.println(result.explanation());
  }
}
