package dev.fairshift.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  private final Problem problem = Problem.builder()
      .horizon(Horizon.hourly(T0, 4))
      .zone(ZoneIntensity.of("Z1", SlotSeries.of(100, 200, 300, 400)))
      .tenant(Tenant.of("students", "newcomer").withGuaranteedShare(0.25))
      .hub(Hub.builder("h1", "Z1").capacityUnits(2).build())
      .job(Job.builder("a", "students").durationSlots(1).powerKw(10).window(T0, T0.plus(Duration.ofHours(4))).build())
      .job(Job.builder("b", "students").durationSlots(1).powerKw(10).window(T0, T0.plus(Duration.ofHours(4))).build())
      .build();

  @Test
  void comparison_showsSavingAgainstTheBaseline() {
    Evaluation late = Evaluator.evaluate(problem, new Schedule("asap",
        List.of(Assignment.contiguous("a", "h1", 3, 1), Assignment.contiguous("b", "h1", 3, 1)), List.of()));
    Evaluation early = Evaluator.evaluate(problem, new Schedule("greedy",
        List.of(Assignment.contiguous("a", "h1", 0, 1), Assignment.contiguous("b", "h1", 0, 1)), List.of()));

    String text = Report.comparison(List.of(late, early), "asap");

    // 8 kg vs 2 kg: greedy saves 75 %.
    assertThat(text).contains("asap", "8.0", "greedy", "2.0", "-75.0 %", "2/2");
    // With a 1.6 kg bound: asap is (8 - 1.6) / 1.6 = 400 % above it, greedy 25 %.
    String withBound = Report.comparison(List.of(late, early), "asap", java.util.OptionalDouble.of(1600));
    assertThat(withBound).contains("gap to bound", "400.0 %", "25.0 %");
  }

  @Test
  void detail_listsUnscheduledReasonsUnmetQuotasAndViolations() {
    // The guarantee is min(demand 2, 0.25 x 8) = 2 unit-slots; one placed job holds 1.
    Schedule s = new Schedule("greedy", List.of(Assignment.contiguous("a", "h1", 1, 1)),
        List.of(new Unscheduled("b", "no allowed hub has 1 free unit before the deadline")));
    Evaluation e = Evaluator.evaluate(problem, s);

    String text = Report.detail(problem, s, e);

    assertThat(text).contains("1 of 2 jobs placed", "no hard-rule violations",
        "b: no allowed hub has 1 free unit before the deadline", "students", "NOT MET");
  }

  @Test
  void detail_tenantWithWindows_listsEachWindowsGuaranteeAndCap() {
    // Windows of 2 slots, 4 unit-slots each: guarantee min(1, 0.25 x 4) = 1, cap 0.5 x 4 = 2. a
    // (released in window 0) runs at 0: met there; b (released in window 1) is left out: not met.
    Tenant students = Tenant.of("students", "newcomer").withGuaranteedShare(0.25).withMaxShare(0.5)
        .withFairnessWindowSlots(2);
    Problem p = Problem.builder()
        .horizon(Horizon.hourly(T0, 4))
        .zone(ZoneIntensity.of("Z1", SlotSeries.of(100, 200, 300, 400)))
        .tenant(students)
        .hub(Hub.builder("h1", "Z1").capacityUnits(2).build())
        .job(Job.builder("a", "students").durationSlots(1).powerKw(10).window(T0, T0.plus(Duration.ofHours(4))).build())
        .job(Job.builder("b", "students").durationSlots(1).powerKw(10)
            .window(T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofHours(4))).build())
        .build();
    Schedule s = new Schedule("greedy", List.of(Assignment.contiguous("a", "h1", 0, 1)),
        List.of(new Unscheduled("b", "test")));

    String text = Report.detail(p, s, Evaluator.evaluate(p, s));

    assertThat(text).contains("Fairness windows of 'students' (2 slots each): guarantee NOT MET in 1 of 2 windows");
    assertThat(text).containsPattern("\\n  0 +0\\.\\.1 +2021-03-01T00:00:00Z +1 +1 +1 +met +1 +2\\n");
    assertThat(text).containsPattern("\\n  1 +2\\.\\.3 +2021-03-01T02:00:00Z +1 +1 +0 +NOT MET +0 +2\\n");
  }

  @Test
  void detail_tenantWithoutWindowsOrOneLongerThanTheHorizon_isUnchanged() {
    Schedule s = new Schedule("greedy", List.of(Assignment.contiguous("a", "h1", 1, 1)),
        List.of(new Unscheduled("b", "test")));
    Problem.Builder b = Problem.builder().horizon(problem.horizon()).zones(problem.intensities().zones())
        .hubs(problem.hubs()).jobs(problem.jobs())
        .tenant(problem.tenant("students").withFairnessWindowSlots(4));

    String without = Report.detail(problem, s, Evaluator.evaluate(problem, s));
    Problem longWindow = b.build();
    String withLongWindow = Report.detail(longWindow, s, Evaluator.evaluate(longWindow, s));

    assertThat(without).doesNotContain("Fairness windows");
    assertThat(withLongWindow).isEqualTo(without);
  }

  @Test
  void detail_listsViolations() {
    Schedule s = new Schedule("greedy", List.of(new Assignment("a", "h1", List.of(1, 3))),
        List.of(new Unscheduled("b", "test")));
    Evaluation e = Evaluator.evaluate(problem, s);

    assertThat(Report.detail(problem, s, e)).contains("2 HARD-RULE VIOLATIONS", "DURATION a");
  }
}
