package dev.fairshift.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.benchmarks.NamedScheduler;
import dev.fairshift.benchmarks.QualitySuite;
import dev.fairshift.benchmarks.ScenarioSpec;
import dev.fairshift.benchmarks.Scenarios;
import dev.fairshift.core.Problem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerComparisonTest {

  @Test
  void table_ratiosPlacedMissesAndQuotas_workedOutByHand() {
    // s1: greedy 10 kg, peer 20 kg (ratio 2), both 100/100; the peer misses its one quota.
    // s2: greedy 40 kg, peer 10 kg (ratio 0.25) but only 90/100 placed.
    // geometric mean sqrt(2 x 0.25) = 0.707; where it places as many: s1 only, 2.00; less in 1 (s2).
    List<PeerComparison.Result> results = List.of(
        new PeerComparison.Result("default", "s1", "greedy", 100, 100, 10, 1, 0, 0),
        new PeerComparison.Result("default", "s1", "peer-x", 100, 100, 20, 1, 1, 0),
        new PeerComparison.Result("default", "s1", "asap", 100, 100, 50, 1, 1, 0),
        new PeerComparison.Result("default", "s2", "greedy", 100, 100, 40, 1, 0, 0),
        new PeerComparison.Result("default", "s2", "peer-x", 100, 90, 10, 1, 0, 0));

    String table = PeerComparison.table(results, "greedy");

    assertThat(table).contains("| x | 2 | 0.71× (0.25-2.00) | 2.00× (1) | 1 | 190 / 200 | 10, 1 | 1 / 0 of 2 | 0 |");
    assertThat(table).doesNotContain("asap");
  }

  @Test
  void run_everyPeerOnAQualityScenario_keepsEveryRuleAndCountsQuotas() {
    ScenarioSpec spec = ScenarioSpec.week("tiny", Instant.parse("2023-04-17T00:00:00Z"), List.of("DE", "GB"), 4, 60,
        24, 7);
    Problem problem = Scenarios.build(spec);
    List<NamedScheduler> solvers = PeerComparison.solvers(0);

    List<PeerComparison.Result> results = PeerComparison.run("default", "tiny", problem, solvers);

    assertThat(results).extracting(PeerComparison.Result::solver).containsExactly("asap", "greedy",
        "peer-carbon-aware-sdk", "peer-lets-wait-awhile", "peer-gaia-lowest-window", "peer-gaia-carbon-time",
        "peer-threshold-200g-24h");
    assertThat(results).allSatisfy(r -> {
      assertThat(r.violations()).isZero();
      assertThat(r.quotas()).isEqualTo(1); // the scenario's newcomer tenant
      assertThat(r.placed()).isBetween(0, 60);
    });
    assertThat(QualitySuite.solvers(List.of(), List.of(), 1)).extracting(NamedScheduler::label)
        .containsAll(Peers.all().stream().map(NamedScheduler::label).toList());
  }
}
