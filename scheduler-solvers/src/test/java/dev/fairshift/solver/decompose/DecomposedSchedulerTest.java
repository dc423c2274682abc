package dev.fairshift.solver.decompose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DecomposedSchedulerTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  /**
   * Two regions, each a clean and a dirty hub; a capped tenant's jobs in both regions. Greedy alone
   * fills the cap; the split must share the cap's slack, never exceed it.
   */
  private static Problem twoRegions() {
    Horizon horizon = Horizon.hourly(T0, 24);
    double[] clean = new double[24];
    double[] dirty = new double[24];
    for (int s = 0; s < 24; s++) {
      clean[s] = 50 + 10 * (s % 5);
      dirty[s] = 500 - 7 * s;
    }
    Problem.Builder b = Problem.builder().horizon(horizon)
        .zone(ZoneIntensity.of("A", SlotSeries.of(clean))).zone(ZoneIntensity.of("B", SlotSeries.of(dirty)))
        .hub(Hub.builder("a1", "A").capacityUnits(4).build()).hub(Hub.builder("a2", "B").capacityUnits(8).build())
        .hub(Hub.builder("b1", "A").capacityUnits(4).build()).hub(Hub.builder("b2", "B").capacityUnits(8).build())
        .tenant(Tenant.of("capped", "commercial").withMaxShare(0.2)).tenant(Tenant.of("free", "research"));
    for (int j = 0; j < 24; j++) {
      String region = j % 2 == 0 ? "a" : "b";
      b.job(Job.builder("job-" + j, j % 3 == 0 ? "capped" : "free").durationSlots(1 + j % 4).powerKw(1.0 + j % 3)
          .units(1 + j % 3).window(horizon.slotStart(j % 6), horizon.slotStart(24))
          .allowedHubs(region + "1", region + "2").originHub(region + "1").build());
    }
    return b.build();
  }

  @Test
  void solve_twoRegions_splitsByRegionAndReportsEveryPart() {
    Problem problem = twoRegions();
    DecomposedResult result = DecomposedScheduler.create(DecomposedScheduler.Config.builder().threads(2)
        .scoreCalculationsPerJob(200).build()).solve(problem);

    assertThat(result.split()).isEqualTo(Split.REGION);
    assertThat(result.parts()).hasSize(2);
    assertThat(result.parts()).extracting(PartReport::jobs).containsExactly(12, 12);
    assertThat(result.parts()).extracting(PartReport::hubs).containsExactly(2, 2);
    assertThat(result.coordination()).isEmpty(); // no job may cross regions
    assertThat(Evaluator.evaluate(problem, result.schedule()).violations()).isEmpty();
    assertThat(result.evaluation().emissionsGrams()).isLessThanOrEqualTo(result.greedy().emissionsGrams() + 1e-3);
    assertThat(result.bound()).isPresent();
    assertThat(result.gap()).isPresent();
    assertThat(result.gap().getAsDouble()).isGreaterThanOrEqualTo(0);
    assertThat(result.describe()).contains("split region into 2 part(s)", "region 1 (2 hubs in A, B)",
        "Lower bound", "less than greedy");
  }

  @Test
  void solve_noneSplit_isOneSearchOfTheWholeProblem() {
    Problem problem = twoRegions();
    DecomposedResult result = DecomposedScheduler.create(DecomposedScheduler.Config.builder().split(Split.NONE)
        .scoreCalculationsPerJob(100).bound(false).build()).solve(problem);
    assertThat(result.split()).isEqualTo(Split.NONE);
    assertThat(result.parts()).singleElement().satisfies(p -> {
      assertThat(p.jobs()).isEqualTo(24);
      assertThat(p.hubs()).isEqualTo(4);
    });
    assertThat(result.bound()).isEmpty();
  }

  @Test
  void split_parse_namesTheChoicesOnATypo() {
    assertThat(Split.parse(" Region ")).isEqualTo(Split.REGION);
    assertThat(Split.parse("time")).isEqualTo(Split.TIME);
    assertThatThrownBy(() -> Split.parse("regoin")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown split 'regoin'. Maybe auto, region, time or none.");
  }

  @Test
  void config_outOfRange_rejectedWithTheValueAndAFix() {
    DecomposedScheduler.Config.Builder b = DecomposedScheduler.Config.builder();
    assertThatThrownBy(() -> b.threads(0)).hasMessageContaining("threads is 0");
    assertThatThrownBy(() -> b.parts(-1)).hasMessageContaining("parts is -1");
    assertThatThrownBy(() -> b.targetPartJobs(0)).hasMessageContaining("Maybe 10000");
    assertThatThrownBy(() -> b.timeWindows(-2)).hasMessageContaining("timeWindows is -2");
    assertThatThrownBy(() -> b.timeLimit(Duration.ZERO)).hasMessageContaining("must be positive");
    assertThatThrownBy(() -> b.timeLimit(Duration.ofSeconds(-1))).hasMessageContaining("must be positive");
    assertThatThrownBy(() -> b.scoreCalculationsPerJob(-5)).hasMessageContaining("Maybe 20");
    assertThatThrownBy(() -> b.coordinationJobs(-1)).hasMessageContaining("coordinationJobs is -1");
    assertThatThrownBy(() -> b.split(null)).isInstanceOf(NullPointerException.class);
  }
}
