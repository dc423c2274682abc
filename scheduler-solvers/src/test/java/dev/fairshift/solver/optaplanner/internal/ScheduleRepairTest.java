package dev.fairshift.solver.optaplanner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.core.ZoneIntensity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleRepairTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  /** Hubs 'a' (1 unit) and 'b' (4 units) over 4 hourly slots; tenant 'capped' may hold 0.25 of 20 = 5. */
  private static Problem problem() {
    Problem.Builder b = Problem.builder()
        .horizon(Horizon.hourly(T0, 4))
        .zone(ZoneIntensity.of("Z", SlotSeries.of(1, 1, 1, 1)))
        .hub(Hub.builder("a", "Z").capacityUnits(1).build())
        .hub(Hub.builder("b", "Z").capacityUnits(4).build())
        .tenant(Tenant.of("t", "research"))
        .tenant(Tenant.of("capped", "commercial").withMaxShare(0.25));
    b.job(Job.builder("low", "t").durationSlots(1).powerKw(1).window(T0, T0.plusSeconds(4 * 3600)).build());
    b.job(Job.builder("high", "t").durationSlots(1).powerKw(1).priority(3).window(T0, T0.plusSeconds(4 * 3600))
        .build());
    b.job(Job.builder("resident", "t").durationSlots(1).powerKw(1).allowedHubs("a")
        .window(T0, T0.plusSeconds(4 * 3600)).build());
    for (int i = 0; i < 3; i++) {
      b.job(Job.builder("c" + i, "capped").durationSlots(2).powerKw(1).priority(i + 1)
          .window(T0, T0.plusSeconds(4 * 3600)).build());
    }
    return b.build();
  }

  private static List<String> placed(Schedule schedule) {
    return schedule.assignments().stream().map(Assignment::job).sorted().toList();
  }

  @Test
  void repair_dropsLowestPriorityJobOfOverloadedSlot() {
    Problem problem = problem();
    Schedule overloaded = new Schedule("x", List.of(Assignment.contiguous("low", "a", 0, 1),
        Assignment.contiguous("high", "a", 0, 1), Assignment.contiguous("resident", "a", 1, 1)),
        List.of(new Unscheduled("c0", "-"), new Unscheduled("c1", "-"), new Unscheduled("c2", "-")));
    Schedule repaired = ScheduleRepair.repair(problem, overloaded);
    assertThat(Evaluator.evaluate(problem, repaired).violations()).isEmpty();
    assertThat(placed(repaired)).containsExactly("high", "resident");
    assertThat(repaired.unscheduled()).extracting(Unscheduled::job).contains("low");
  }

  @Test
  void repair_dropsJobOutsideItsAllowedHub() {
    Problem problem = problem();
    Schedule outside = new Schedule("x", List.of(Assignment.contiguous("resident", "b", 0, 1)),
        List.of(new Unscheduled("low", "-"), new Unscheduled("high", "-"), new Unscheduled("c0", "-"),
            new Unscheduled("c1", "-"), new Unscheduled("c2", "-")));
    Schedule repaired = ScheduleRepair.repair(problem, outside);
    assertThat(repaired.assignments()).isEmpty();
    assertThat(Evaluator.evaluate(problem, repaired).violations()).isEmpty();
  }

  @Test
  void repair_dropsTenantsLowestPriorityJobOverMaxShare() {
    Problem problem = problem();
    // Three 2-slot jobs: 6 unit-slots against 5 allowed; c0 has the lowest priority.
    Schedule over = new Schedule("x", List.of(Assignment.contiguous("c0", "b", 0, 2),
        Assignment.contiguous("c1", "b", 0, 2), Assignment.contiguous("c2", "b", 2, 2)),
        List.of(new Unscheduled("low", "-"), new Unscheduled("high", "-"), new Unscheduled("resident", "-")));
    Schedule repaired = ScheduleRepair.repair(problem, over);
    assertThat(Evaluator.evaluate(problem, repaired).violations()).isEmpty();
    assertThat(placed(repaired)).containsExactly("c1", "c2");
  }

  @Test
  void repair_listsMissingJobsAndKeepsFeasibleSchedule() {
    Problem problem = problem();
    Schedule partial = new Schedule("x", List.of(Assignment.contiguous("high", "b", 3, 1)), List.of());
    Schedule repaired = ScheduleRepair.repair(problem, partial);
    assertThat(placed(repaired)).containsExactly("high");
    assertThat(repaired.unscheduled()).hasSize(5);
    assertThat(Evaluator.evaluate(problem, repaired).violations()).isEmpty();
  }
}
