package dev.fairshift.solver.optaplanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Assignment;
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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The case one- and two-job moves cannot solve: no slack, a power-capped clean hub holding two small
 * jobs while a larger one runs in a dirty hub. Moving the large job in breaks the cap, swapping it
 * with one small job too, and moving a small job out leaves the dirty hub over its capacity, so
 * every single step breaks a hard rule. Taking the three out and putting the largest back first
 * packs the clean hub: 1.5 kg instead of 2 kg.
 */
class RuinRecreateTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  private static Problem problem() {
    return Problem.builder()
        .horizon(Horizon.of(T0, 60, 1))
        .zone(ZoneIntensity.of("clean", SlotSeries.of(1.0)))
        .zone(ZoneIntensity.of("dirty", SlotSeries.of(500.0)))
        .hub(Hub.builder("solar-park", "clean").capacityUnits(10).powerCapKw(4).build())
        .hub(Hub.builder("city", "dirty").capacityUnits(2).build())
        .tenant(new Tenant("lab", "research", 0, 1, 1))
        .job(job("small-a", 1.5))
        .job(job("small-b", 1.5))
        .job(Job.builder("large", "lab").durationSlots(1).units(2).powerKw(4).window(T0, T0.plusSeconds(3600)).build())
        .build();
  }

  private static Job job(String id, double kw) {
    return Job.builder(id, "lab").durationSlots(1).units(1).powerKw(kw).window(T0, T0.plusSeconds(3600)).build();
  }

  /** Small jobs in the clean hub, the large one in the dirty hub: feasible, 2 kg. */
  private static Schedule stuck() {
    return new Schedule("start", List.of(
        new Assignment("small-a", "solar-park", List.of(0)),
        new Assignment("small-b", "solar-park", List.of(0)),
        new Assignment("large", "city", List.of(0))), List.of());
  }

  private static OptaPlannerResult solve(boolean ruinAndRecreate) {
    return OptaPlannerScheduler.create(OptaPlannerScheduler.Config.builder()
        .timeLimit(Duration.ofSeconds(30)).scoreCalculationLimit(20_000).seed(1)
        .ruinAndRecreate(ruinAndRecreate).build()).solve(problem(), stuck());
  }

  @Test
  void solve_ruinAndRecreatePacksThePowerCappedCleanHub() {
    OptaPlannerResult result = solve(true);

    assertThat(result.evaluation().violations()).isEmpty();
    assertThat(result.schedule().assignment("large").map(Assignment::hub)).contains("solar-park");
    assertThat(result.schedule().assignment("small-a").map(Assignment::hub)).contains("city");
    assertThat(result.schedule().assignment("small-b").map(Assignment::hub)).contains("city");
    // 3 kW x 1 h x 500 g/kWh in the city, 4 kWh x 1 g/kWh in the solar park.
    assertThat(result.evaluation().emissionsGrams()).isCloseTo(1504.0, within(1e-6));
  }

  @Test
  void solve_withoutRuinAndRecreateOneAndTwoJobMovesStayStuck() {
    OptaPlannerResult result = solve(false);

    assertThat(result.evaluation().violations()).isEmpty();
    assertThat(result.schedule().assignment("large").map(Assignment::hub)).contains("city");
    assertThat(result.evaluation().emissionsGrams()).isCloseTo(2003.0, within(1e-6));
  }
}
