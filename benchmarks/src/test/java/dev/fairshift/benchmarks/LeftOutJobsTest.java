package dev.fairshift.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Assignment;
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

class LeftOutJobsTest {
  private static final Instant T0 = Instant.parse("2023-01-02T00:00:00Z");
  private static final Horizon H = Horizon.hourly(T0, 4);

  private static Job job(String id, int units, double kw, int release, int deadline, int duration, boolean interruptible) {
    return Job.builder(id, "lab").units(units).powerKw(kw).durationSlots(duration).interruptible(interruptible)
        .window(H.slotStart(release), H.slotStart(deadline)).build();
  }

  private static Problem problem(Hub hub, Tenant tenant, Job... jobs) {
    Problem.Builder b = Problem.builder().horizon(H).zone(ZoneIntensity.of("DE", SlotSeries.of(100, 200, 300, 400)))
        .hub(hub).tenant(tenant);
    for (Job j : jobs) {
      b.job(j);
    }
    return b.build();
  }

  private static Schedule schedule(Problem p, List<Assignment> placed) {
    List<String> ids = placed.stream().map(Assignment::job).toList();
    return new Schedule("test", placed, p.jobs().stream().filter(j -> !ids.contains(j.id()))
        .map(j -> new Unscheduled(j.id(), "left out")).toList());
  }

  @Test
  void countsOnlyJobsWithRoomInTheirWindow() {
    Hub hub = Hub.builder("hub", "DE").capacityUnits(4).build();
    Problem p = problem(hub, Tenant.of("lab", "research"),
        job("a", 4, 1, 0, 4, 3, false),   // placed in slots 0-2
        job("late", 4, 1, 0, 4, 1, false), // fits in slot 3
        job("early", 4, 1, 0, 3, 1, false), // window 0-2 is full
        job("long", 2, 1, 0, 4, 2, false)); // needs two consecutive free slots: only slot 3 is free
    Schedule s = schedule(p, List.of(Assignment.contiguous("a", "hub", 0, 3)));
    assertThat(LeftOutJobs.thatFit(p, s)).containsExactly("late");
  }

  @Test
  void powerCapAndInterruptibleGaps() {
    // 2 kW of IT at PUE 1.5 = 3 kW; cap 4 kW leaves room for 1 kW more (0.666 kW of IT) in each slot
    Hub hub = Hub.builder("hub", "DE").capacityUnits(10).pue(1.5).powerCapKw(4).build();
    Problem p = problem(hub, Tenant.of("lab", "research"),
        job("a", 1, 2, 0, 4, 2, false),     // slots 1 and 3 (via interruptible twin below)
        job("small", 1, 0.6, 0, 4, 2, false),
        job("big", 1, 1.0, 0, 4, 1, false),
        job("gaps", 1, 2.0, 0, 4, 2, true));
    Schedule s = schedule(p, List.of(new Assignment("a", "hub", List.of(1, 2))));
    // small fits (0.6 x 1.5 = 0.9 <= 1 left) anywhere; big needs 1.5 kW, only slots 0 and 3 are free;
    // gaps needs 3 kW in two slots: slots 0 and 3, not consecutive, fine for an interruptible job
    assertThat(LeftOutJobs.thatFit(p, s)).containsExactly("small", "big", "gaps");
    Schedule fuller = schedule(p, List.of(new Assignment("a", "hub", List.of(1, 2)),
        new Assignment("gaps", "hub", List.of(0, 3))));
    assertThat(LeftOutJobs.thatFit(p, fuller)).containsExactly("small");
  }

  @Test
  void tenantCapBlocksAJobThatOtherwiseFits() {
    Hub hub = Hub.builder("hub", "DE").capacityUnits(4).build();
    // maxShare 0.5 of 16 unit-slots = 8; 'a' holds 8 already
    Problem p = problem(hub, new Tenant("lab", "research", 0, 0.5, 1),
        job("a", 4, 1, 0, 4, 2, false), job("b", 1, 1, 0, 4, 1, false));
    assertThat(LeftOutJobs.thatFit(p, schedule(p, List.of(Assignment.contiguous("a", "hub", 0, 2))))).isEmpty();
    assertThat(LeftOutJobs.thatFit(p, schedule(p, List.of()))).containsExactly("a", "b");
  }
}
