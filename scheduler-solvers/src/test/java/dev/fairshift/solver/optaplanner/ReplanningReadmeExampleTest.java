package dev.fairshift.solver.optaplanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "Rolling re-planning" example, verbatim between the markers, so that it compiles
 * and runs; then checks what it claims.
 */
class ReplanningReadmeExampleTest {

  @Test
  void readmeExample_runsAndKeepsItsPromises() {
    // README example begins
    double[] forecast = {300, 280, 250, 200, 150, 120, 100, 90, 95, 110, 140, 180,
        220, 260, 290, 310, 320, 300, 280, 260, 240, 220, 200, 180};   // g CO2e/kWh, hourly
    Instant t0 = Instant.parse("2021-03-01T00:00:00Z");
    Problem problem = Problem.builder()
        .horizon(Horizon.hourly(t0, 24))
        .zone(ZoneIntensity.of("DE", SlotSeries.of(forecast)))
        .hub(Hub.builder("berlin", "DE").capacityUnits(4).build())
        .tenant(Tenant.of("lab", "research"))
        .build();

    ReplanningSession.Config config = ReplanningSession.Config.builder()
        .solver(OptaPlannerScheduler.Config.builder()
            .timeLimit(Duration.ofSeconds(30))           // per re-solve
            .unimprovedTimeLimit(Duration.ofSeconds(1))  // then idle until the next change
            .build())
        .build();

    ReplanningSnapshot plan;
    try (ReplanningSession session = ReplanningSession.start(problem, config)) {
      session.addListener(best -> System.out.println("new best plan, change " + best.revision()));

      // 00:30: two jobs arrive.
      session.addJobs(List.of(
          Job.builder("train-1", "lab").durationSlots(3).powerKw(12)
              .window(t0.plus(Duration.ofMinutes(30)), t0.plus(Duration.ofHours(18))).build(),
          Job.builder("render-2", "lab").durationSlots(2).powerKw(8)
              .window(t0.plus(Duration.ofHours(10)), t0.plus(Duration.ofHours(24))).build()));
      session.awaitIdle(Duration.ofSeconds(30));  // in a service, hours pass here

      // 08:00: train-1 (planned 06:00-09:00) has started and stays; render-2 has not.
      session.advanceTo(t0.plus(Duration.ofHours(8)));

      // A new forecast: windy from 14:00 to 16:00. render-2 moves there, train-1 does not.
      double[] windy = forecast.clone();
      windy[14] = 40;
      windy[15] = 40;
      session.updateForecast("DE", SlotSeries.of(windy));

      session.awaitIdle(Duration.ofSeconds(30));
      plan = session.current();
    }
    System.out.println(plan.schedule().assignments() + ", started " + plan.startedJobs() + ", "
        + plan.evaluation().plannedEmissionsGrams().orElseThrow() + " g CO2e on the forecast");
    // README example ends

    assertThat(plan.revision()).isEqualTo(3);
    assertThat(plan.evaluation().violations()).isEmpty();
    // train-1: the cleanest 3 hours in 01:00-18:00 were 06:00-09:00 (100 + 90 + 95 g/kWh).
    assertThat(plan.schedule().assignment("train-1")).contains(Assignment.contiguous("train-1", "berlin", 6, 3));
    assertThat(plan.startedJobs()).containsExactly("train-1");
    // render-2: the two windy hours.
    assertThat(plan.schedule().assignment("render-2")).contains(Assignment.contiguous("render-2", "berlin", 14, 2));
    // 12 kW x (100 + 90 + 95) + 8 kW x (40 + 40).
    assertThat(plan.evaluation().plannedEmissionsGrams()).contains(12.0 * 285 + 8.0 * 80);
  }
}
