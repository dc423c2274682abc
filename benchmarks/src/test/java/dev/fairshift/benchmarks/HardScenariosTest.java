package dev.fairshift.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.benchmarks.HardScenarios.SeedRange;
import dev.fairshift.benchmarks.HardScenarios.Size;
import dev.fairshift.benchmarks.HardScenarios.Spec;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HardScenariosTest {

  @Test
  void specs_rangesAreDisjointAndCoverEveryLoadAndSlack() {
    List<Spec> develop = HardScenarios.specs(SeedRange.DEVELOP, Size.SMALL, 12);
    List<Spec> reported = HardScenarios.specs(SeedRange.REPORTED, Size.SMALL, 12);
    Set<Long> seeds = new HashSet<>();
    develop.forEach(s -> seeds.add(s.seed()));
    reported.forEach(s -> assertThat(seeds.add(s.seed())).as("seed %d in both ranges", s.seed()).isTrue());
    Set<String> combos = new HashSet<>();
    reported.forEach(s -> combos.add(s.load() + "/" + s.slackHours()));
    assertThat(combos).hasSize(12);
    assertThat(reported.get(4).name()).isEqualTo("hard-reported-small-04-load0.6-slack6");
  }

  @Test
  void build_sameSpec_equalProblems_otherSeed_otherProblem() {
    Spec a = HardScenarios.specs(SeedRange.DEVELOP, Size.SMALL, 2).get(0);
    Spec b = new Spec(a.range(), a.size(), a.index(), a.seed() + 7);
    assertThat(HardScenarios.build(a)).isEqualTo(HardScenarios.build(a));
    assertThat(HardScenarios.build(b).jobs()).isNotEqualTo(HardScenarios.build(a).jobs());
  }

  @Test
  void small_scenarios_haveTheFamilysShape() {
    int solarHubs = 0;
    int cappedHubs = 0;
    int interruptible = 0;
    int highPriority = 0;
    int resident = 0;
    int jobs = 0;
    for (Spec spec : HardScenarios.specs(SeedRange.DEVELOP, Size.SMALL, 12)) {
      Problem p = HardScenarios.build(spec);
      assertThat(p.jobs().size()).isBetween(50, 120);
      assertThat(p.hubs().size()).isBetween(3, 5);
      assertThat(p.intensities().hasForecast()).isFalse();
      boolean uncapped = false;
      for (Hub h : p.hubs()) {
        int cap = h.capacityUnitsAt(0);
        assertThat(cap).isBetween(16, 64);
        double nominal = cap * HardScenarios.MEAN_KW_PER_UNIT * h.pue();
        if (h.powerCapKw().isPresent()) {
          cappedHubs++;
          assertThat(h.powerCapKwAt(0)).isLessThan(nominal);
        } else {
          uncapped = true;
        }
        double peakSolar = 0;
        for (int s = 0; s < p.horizon().slots(); s++) {
          peakSolar = Math.max(peakSolar, h.renewableKw().at(s));
        }
        if (peakSolar > 0) {
          solarHubs++;
          // installed so that the profile's mean output is 0.5 to 3 x the hub's mean load
          double meanCf = java.util.Arrays.stream(SolarProfiles.forZone(h.zone())).average().orElseThrow();
          double installedPerLoad = 1 / meanCf;
          assertThat(peakSolar / (spec.load() * nominal)).isLessThanOrEqualTo(3 * installedPerLoad + 1e-6);
        }
      }
      assertThat(uncapped).isTrue();
      for (int j = 0; j < p.jobs().size(); j++) {
        Job job = p.jobs().get(j);
        jobs++;
        interruptible += job.interruptible() ? 1 : 0;
        highPriority += job.priority() == HardScenarios.HIGH_PRIORITY ? 1 : 0;
        resident += job.allowedHubs().isEmpty() ? 0 : 1;
        assertThat(job.priority()).isIn(1, HardScenarios.HIGH_PRIORITY);
        assertThat(job.durationSlots()).isBetween(1, 24);
        int window = p.deadlineSlot(j) - p.releaseSlot(j);
        assertThat(window).isLessThanOrEqualTo(job.durationSlots() + spec.slackHours());
      }
    }
    assertThat(solarHubs).isGreaterThan(10);
    assertThat(cappedHubs).isGreaterThan(5);
    assertThat(interruptible).isGreaterThan(jobs / 20);
    assertThat(highPriority).isBetween(jobs / 10, jobs * 3 / 10);
    assertThat(resident).isGreaterThan(jobs / 20);
  }

  @Test
  void large_scenarios_haveLargeHubs() {
    Problem p = HardScenarios.build(HardScenarios.specs(SeedRange.DEVELOP, Size.K10, 1).get(0));
    assertThat(p.jobs()).hasSize(10_000);
    assertThat(p.hubs().stream().mapToInt(h -> h.capacityUnitsAt(0)).max().orElseThrow()).isGreaterThanOrEqualTo(100);
  }

  @Test
  void parse_rejectsUnknownNames() {
    assertThat(SeedRange.parse("Reported")).isEqualTo(SeedRange.REPORTED);
    assertThat(Size.parse("1000")).isEqualTo(Size.K1);
    assertThatThrownBy(() -> SeedRange.parse("test")).hasMessageContaining("Maybe develop or reported");
    assertThatThrownBy(() -> Size.parse("huge")).hasMessageContaining("Maybe small, 1000 or 10000");
  }

  @Test
  void solarProfiles_areUtcAlignedDailyShapes() {
    double[] berlin = SolarProfiles.hourly("Berlin");
    double[] sydney = SolarProfiles.hourly("Sydney");
    assertThat(berlin.length % 24).isZero();
    assertThat(SolarProfiles.cities()).hasSize(10);
    // Berlin is dark at 22:00 UTC and bright at 11:00 UTC; Sydney the other way round
    assertThat(berlin[22]).isZero();
    assertThat(berlin[11]).isGreaterThan(0.2);
    assertThat(sydney[2]).isGreaterThan(0.2);
    assertThat(sydney[14]).isZero();
  }

  @Test
  void hardSuite_withoutReferee_reportsRowsButNoGap() {
    Spec spec = HardScenarios.specs(SeedRange.DEVELOP, Size.SMALL, 1).get(0);
    HardSuite suite = new HardSuite(List.of(new NamedScheduler("asap", dev.fairshift.solver.Scheduler.asap()),
        new NamedScheduler("greedy", dev.fairshift.solver.Scheduler.greedy())));
    HardSuite.ScenarioResult r = suite.run(spec);
    assertThat(r.rows()).extracting(HardSuite.Row::solver).containsExactly("asap", "greedy");
    assertThat(r.rows()).allSatisfy(row -> assertThat(row.violations()).isZero());
    assertThat(r.referenceKind()).isEqualTo("none");
    assertThat(r.gapPercent(r.rows().get(1))).isEmpty();
    String md = HardSuite.markdown("cmd", SeedRange.DEVELOP, List.of(r));
    assertThat(md).contains("DEVELOP seeds: tuned on").contains(spec.name()).contains("| greedy | 1 | 0 |");
    assertThat(HardSuite.csv(List.of(r)).lines()).hasSize(3);
  }
}
