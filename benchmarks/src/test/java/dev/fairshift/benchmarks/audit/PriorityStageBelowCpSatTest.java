package dev.fairshift.benchmarks.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.benchmarks.referee.CpSatReferee;
import dev.fairshift.benchmarks.referee.CpSatResult;
import dev.fairshift.benchmarks.referee.CpSatStatus;
import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.core.json.ProblemJson;
import dev.fairshift.solver.Scheduler;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9 promises that "the priority stage (jobs placed, priority-weighted) [is] never below
 * CP-SAT's"; the issue-9 audit found greedy and OptaPlanner placing less priority than a feasible
 * schedule does, and these are its smallest cases (now passing: priority trades, then the packing
 * search).
 *
 * <p>The smallest cases found (by removing jobs and hubs from {@link AuditProblems} seeds 9, 10, 16,
 * 38 and 1,298 while greedy's shortfall stayed) are in {@code src/test/resources/audit/}; each test writes out, by
 * hand, a schedule that places more priority, checks with the {@link Evaluator} that it breaks no hard
 * rule, and asks greedy and OptaPlanner to place at least as much. No CP-SAT is needed for those. The last test
 * is the property on the audit's seeds against CP-SAT's proven priority ({@code -Daudit.count=N},
 * default 40).
 */
class PriorityStageBelowCpSatTest {
  private static final int COUNT = Integer.getInteger("audit.count", 40);

  /**
   * The smallest cases, each with a schedule written out by hand (from CP-SAT's) that places more
   * priority than greedy does:
   * <ul>
   *   <li>seed 16: 2 jobs, 1 hub of 5 units. J2 (priority 3, the whole hub, 3 slots in [4, 10)) and J6
   *       (priority 1, 4 units, 8 slots in [3, 13)) cannot both run; greedy runs J6 and leaves J2 out
   *       (priority 1 instead of 3);
   *   <li>seed 38: 4 jobs, 1 hub of 4 units, and every job can run (J4 at 22-25, J3 the whole hub at
   *       26-29, J0 at 30-32, J2 at 33); greedy places J4 at 23-26 and J0 at 29-31 and leaves J3 out.
   *       Inserting it takes moving two jobs by one slot each;
   *   <li>seed 9: 8 jobs, 2 hubs (2 and 3 units), zero-slack windows; also placing J3 (interruptible,
   *       only H1, slots 1-5) takes moving J11 from H1 to H0 and J5 from H0 to H1 (priority 12, not 11);
   *   <li>seed 10: 7 jobs of priority 1, 2 hubs (6 and 8 units, no caps or renewables); six run when
   *       J0, J7 and J10 go to H0 and J1, J8 and J9 to H1; greedy runs five.
   *   <li>seed 1,298: 11 jobs on one hub of 8 units (1 in slots 2, 10 and 12), all 11 can run (priority 18).
   *       Greedy with the priority trades ran 10, leaving out J12 (5 units, interruptible, 5 of slots
   *       4-18): placing it takes moving several jobs at once, which the ejection chains and the
   *       ruin-and-recreate did not reach (the packing search does). The schedule below is CP-SAT's for
   *       these 11 jobs.
   * </ul>
   */
  static Stream<Arguments> smallestCases() {
    Map<String, List<Assignment>> better = new LinkedHashMap<>();
    better.put("priority-stage-seed16-smallest.json", List.of(Assignment.contiguous("J2", "H0", 4, 3)));
    better.put("priority-stage-seed38-smallest.json", List.of(
        Assignment.contiguous("J4", "H0", 22, 4),
        Assignment.contiguous("J3", "H0", 26, 4),
        Assignment.contiguous("J0", "H0", 30, 3),
        Assignment.contiguous("J2", "H0", 33, 1)));
    better.put("priority-stage-seed9-smallest.json", List.of(
        Assignment.contiguous("J0", "H1", 3, 6),
        new Assignment("J3", "H1", List.of(1, 2, 3, 4, 5)),
        Assignment.contiguous("J5", "H1", 3, 5),
        Assignment.contiguous("J9", "H1", 10, 3),
        Assignment.contiguous("J11", "H0", 4, 1)));
    better.put("priority-stage-seed10-smallest.json", List.of(
        Assignment.contiguous("J0", "H0", 11, 5),
        Assignment.contiguous("J1", "H1", 8, 7),
        Assignment.contiguous("J7", "H0", 3, 7),
        Assignment.contiguous("J8", "H1", 14, 6),
        Assignment.contiguous("J9", "H1", 2, 7),
        Assignment.contiguous("J10", "H0", 16, 8)));
    better.put("priority-stage-seed1298-smallest.json", List.of(
        Assignment.contiguous("J1", "H0", 6, 4),
        new Assignment("J2", "H0", List.of(14, 15)),
        new Assignment("J4", "H0", List.of(9, 11, 14, 15, 16, 17, 18)),
        Assignment.contiguous("J9", "H0", 11, 4),
        Assignment.contiguous("J11", "H0", 10, 2),
        new Assignment("J12", "H0", List.of(4, 5, 16, 17, 18)),
        Assignment.contiguous("J13", "H0", 5, 4),
        Assignment.contiguous("J16", "H0", 13, 1),
        new Assignment("J17", "H0", List.of(7, 8, 9, 11, 13, 14)),
        new Assignment("J18", "H0", List.of(1, 3, 4, 6)),
        new Assignment("J19", "H0", List.of(8, 9, 11, 13, 15))));
    List<Arguments> cases = new ArrayList<>();
    for (Map.Entry<String, List<Assignment>> e : better.entrySet()) {
      cases.add(Arguments.of(e.getKey(), "greedy", e.getValue()));
      cases.add(Arguments.of(e.getKey(), "optaplanner", e.getValue()));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("smallestCases")
  void smallestCase_aFeasibleScheduleWithMorePriorityExists_solverPlacesAsMuch(String file, String solver,
      List<Assignment> assignments) {
    Problem p = read(file);
    Schedule better = schedule(p, assignments);
    Evaluation e = Evaluator.evaluate(p, better);
    assertThat(e.violations()).as("the hand-written schedule's hard-rule violations").isEmpty();
    long target = priority(p, better);
    Scheduler s = solver.equals("greedy") ? Scheduler.greedy() : AuditPropertyTest.OPTAPLANNER;
    Schedule got = s.schedule(p);
    assertThat(priority(p, got)).as("%s's placed priority on %s (a feasible schedule places %d): %s", solver, file,
        target, got).isGreaterThanOrEqualTo(target);
  }

  /** The promise on the audit's seeds, against the priority CP-SAT proves possible. */
  @Test
  void auditSeeds_greedyAndOptaPlannerPlaceCpSatsProvenPriority() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    Assumptions.assumeTrue(os.contains("linux") && System.getProperty("os.arch", "").matches("amd64|x86_64"),
        "Needs CP-SAT, whose natives the benchmarks module ships for linux-x86-64 only; run it there.");
    CpSatReferee referee = CpSatReferee.create(CpSatReferee.Config.defaults()
        .withTimeLimit(Duration.ofSeconds(4)).withDeterministic(true));
    List<String> shortfalls = new ArrayList<>();
    int compared = 0;
    for (long seed = 1; seed <= COUNT; seed++) {
      Problem p = AuditProblems.generate(seed);
      CpSatResult cp = referee.solve(p);
      if (cp.status() != CpSatStatus.OPTIMAL || !cp.priorityProven()) {
        continue;
      }
      compared++;
      for (Scheduler s : List.of(Scheduler.greedy(), AuditPropertyTest.OPTAPLANNER)) {
        long placed = priority(p, s.schedule(p));
        if (placed < cp.placedPriority()) {
          shortfalls.add("seed " + seed + " (" + AuditProblems.flavour(seed) + "): " + s.name() + " places priority "
              + placed + ", CP-SAT proved " + cp.placedPriority());
        }
      }
    }
    assertThat(compared).isGreaterThanOrEqualTo(COUNT / 2);
    assertThat(shortfalls).as("the priority stage below CP-SAT's on %d proven problems", compared).isEmpty();
  }

  private static Schedule schedule(Problem p, List<Assignment> assignments) {
    List<Unscheduled> out = new ArrayList<>();
    for (Job j : p.jobs()) {
      if (assignments.stream().noneMatch(a -> a.job().equals(j.id()))) {
        out.add(new Unscheduled(j.id(), "left out by hand"));
      }
    }
    return new Schedule("by-hand", assignments, out);
  }

  private static long priority(Problem p, Schedule s) {
    return s.assignments().stream().mapToLong(a -> p.job(a.job()).priority()).sum();
  }

  private static Problem read(String name) {
    try (Reader r = new InputStreamReader(Objects.requireNonNull(
        PriorityStageBelowCpSatTest.class.getResourceAsStream("/audit/" + name), name), StandardCharsets.UTF_8)) {
      return ProblemJson.read(r);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
