package dev.fairshift.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.benchmarks.referee.CpSatPlatform;
import dev.fairshift.benchmarks.referee.CpSatReferee;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.solver.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class QualitySuiteTest {
  private static final ScenarioSpec SMALL = ScenarioSpec.week("tiny", Instant.parse("2023-04-17T00:00:00Z"),
      List.of("DE", "GB"), 4, 60, 24, 7);

  @Test
  void build_sameSpec_equalProblems() {
    assertThat(Scenarios.build(SMALL)).isEqualTo(Scenarios.build(SMALL));
  }

  @Test
  void build_otherSeed_otherJobs() {
    ScenarioSpec other = new ScenarioSpec("tiny", SMALL.start(), SMALL.slots(), SMALL.arrivalSlots(),
        SMALL.zones(), SMALL.hubs(), SMALL.jobs(), SMALL.slackHours(), SMALL.interruptibleShare(),
        SMALL.newcomerShare(), SMALL.residentShare(), SMALL.targetLoad(), 8);
    assertThat(Scenarios.build(other).jobs()).isNotEqualTo(Scenarios.build(SMALL).jobs());
  }

  @Test
  void build_jobsKeepTheSpecsWindowAndTenants() {
    Problem p = Scenarios.build(SMALL);
    assertThat(p.jobs()).hasSize(60);
    assertThat(p.hubs()).hasSize(4);
    assertThat(p.hubs()).extracting(h -> h.zone()).containsExactly("DE", "GB", "DE", "GB");
    assertThat(p.tenant("newcomers").guaranteedShare()).isCloseTo(0.20 * 0.7, within(1e-12));
    long resident = p.jobs().stream().filter(j -> !j.tenant().equals("civic") && !j.allowedHubs().isEmpty()).count();
    assertThat(resident).isBetween(10L, 45L); // half of about 54 non-civic jobs, give or take
    for (int j = 0; j < p.jobs().size(); j++) {
      Job job = p.jobs().get(j);
      int release = p.releaseSlot(j);
      assertThat(release).isLessThan(ScenarioSpec.WEEK_SLOTS);
      // deadline = release + duration + 24 h of slack, unless clamped to the 240-slot horizon
      assertThat(p.deadlineSlot(j)).isEqualTo(Math.min(240, release + job.durationSlots() + 24));
      assertThat(job.units()).isBetween(1, JobTrace.MAX_UNITS);
      if (job.tenant().equals("civic")) {
        assertThat(job.allowedHubs()).containsExactly("hub-00-DE", "hub-02-DE");
      } else if (!job.allowedHubs().isEmpty()) {
        // a resident job stays in the zone of its origin hub
        String zone = p.hub(job.originHub().orElseThrow()).zone();
        assertThat(job.allowedHubs()).containsExactlyElementsOf(zone.equals("DE")
            ? List.of("hub-00-DE", "hub-02-DE") : List.of("hub-01-GB", "hub-03-GB"));
      }
    }
  }

  @Test
  void greedy_onGeneratedScenario_isFeasibleAndNoWorseThanAsap() {
    Problem p = Scenarios.build(SMALL);
    Evaluation greedy = Evaluator.evaluate(p, Scheduler.greedy().schedule(p));
    Evaluation asap = Evaluator.evaluate(p, Scheduler.asap().schedule(p));
    assertThat(greedy.violations()).isEmpty();
    assertThat(greedy.scheduledJobs()).isEqualTo(60);
    assertThat(greedy.emissionsGrams()).isLessThanOrEqualTo(asap.emissionsGrams());
  }

  @Test
  void run_withBound_reportsGapAndSavingsAgainstAsap() {
    // A bound of half the ASAP emissions: ASAP's gap is then exactly 100 %.
    Problem p = Scenarios.build(SMALL);
    double asapGrams = Evaluator.evaluate(p, Scheduler.asap().schedule(p)).emissionsGrams();
    QualitySuite suite = new QualitySuite(List.of(new NamedScheduler("greedy", Scheduler.greedy())),
        Optional.of(problem -> asapGrams / 2));
    List<QualityRow> rows = suite.run(SMALL);
    assertThat(rows).extracting(QualityRow::solver).containsExactly("asap", "greedy");
    assertThat(rows.get(0).savedPercent()).isEqualTo(0.0);
    assertThat(rows.get(0).gapPercent().getAsDouble()).isCloseTo(100.0, within(1e-9));
    assertThat(rows.get(0).quotas()).isEqualTo(1);
    QualityRow greedy = rows.get(1);
    assertThat(greedy.feasible()).isTrue();
    assertThat(greedy.savedPercent()).isCloseTo(100 * (1 - greedy.emissionsKg() * 1000 / asapGrams), within(1e-6));
  }

  @Test
  void qualityCsvAndTable_tinyInput_writeEveryField() {
    List<QualityRow> rows = List.of(
        new QualityRow("w-1", "winter", 24, 10, 2, "asap", 10, 12.3456, 0, OptionalDouble.empty(), 1, 1, 1.0,
            3.0, 4.25, true, OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty()),
        new QualityRow("w-1", "winter", 24, 10, 2, "greedy", 9, 6.0, 51.4, OptionalDouble.of(7.25), 0, 1, 0.9,
            20.0, 12.0, true, OptionalDouble.of(5.6), OptionalDouble.empty(), Optional.empty()),
        new QualityRow("w-1", "winter", 24, 10, 2, "cp-sat-1s", 10, 5.9, 52.2, OptionalDouble.of(5.36), 1, 1, 1.0,
            21.0, 1500.0, true, OptionalDouble.of(5.6), OptionalDouble.of(5.74), Optional.of("OPTIMAL")));
    assertThat(ResultWriters.qualityCsv(rows)).isEqualTo(ResultWriters.QUALITY_CSV_HEADER + "\n"
        + "w-1,winter,24,10,2,asap,10,12.346,0.00,,1,1,1.0000,3.0,4.3,true,,,\n"
        + "w-1,winter,24,10,2,greedy,9,6.000,51.40,7.25,0,1,0.9000,20.0,12.0,true,5.600,,\n"
        + "w-1,winter,24,10,2,cp-sat-1s,10,5.900,52.20,5.36,1,1,1.0000,21.0,1500.0,true,5.600,5.740,OPTIMAL\n");
    String table = ResultWriters.qualityTable(rows);
    assertThat(table.lines()).hasSize(5);
    assertThat(table.lines().skip(2).findFirst().orElseThrow())
        .isEqualTo("| w-1 | 24 | 10 | asap | 10 | 12.35 | 0.0 % | - | - | - | 1/1 | 1.000 | 3 | 4 |");
    assertThat(table)
        .contains("| w-1 | 24 | 10 | greedy | 9 | 6.00 | 51.4 % | 7.25 % | 5.60 | - | 0/1 | 0.900 | 20 | 12 |");
    assertThat(table).contains("| w-1 | 24 | 10 | cp-sat-1s (optimal) | 10 | 5.90 | 52.2 % | 5.36 % | 5.60 | 5.74 "
        + "| 1/1 | 1.000 | 21 | 1500 |");
    String summary = ResultWriters.summaryTable(rows);
    assertThat(summary).contains("| 24 | greedy | 1 | 51.4 % | 7.25 % | 0/1 | 0.900 | 20 | 12 | - | - |");
    // (5.74 - 5.6) / 5.6 = +2.50 % above Fairshift's bound.
    assertThat(summary).contains("| 24 | cp-sat-1s | 1 | 52.2 % | 5.36 % | 1/1 | 1.000 | 21 | 1500 | 1/1 | +2.50 % |");
    assertThat(SvgCharts.savedVsSlack(rows)).startsWith("<svg").contains("greedy").contains("cp-sat-1s")
        .doesNotContain(">asap<");
  }

  @Test
  void run_withCpSatReferee_reportsItsStatusAndOwnBound() {
    CpSatPlatform.assumeSupported();
    CpSatReferee referee = CpSatReferee.create(CpSatReferee.Config.defaults()
        .withTimeLimit(Duration.ofSeconds(1)).withDeterministic(true));
    QualitySuite suite = new QualitySuite(List.of(new NamedScheduler("greedy", Scheduler.greedy()),
        new NamedScheduler("cp-sat-1s", referee, 100)), QualitySuite.DEFAULT_LOWER_BOUND);
    List<QualityRow> rows = suite.run(SMALL);
    assertThat(rows).extracting(QualityRow::solver).containsExactly("asap", "greedy", "cp-sat-1s");
    QualityRow greedy = rows.get(1);
    QualityRow cpSat = rows.get(2);
    assertThat(greedy.status()).isEmpty();
    assertThat(greedy.ownBoundKg()).isEmpty();
    assertThat(cpSat.status()).hasValueSatisfying(s -> assertThat(s).isIn("OPTIMAL", "FEASIBLE"));
    assertThat(cpSat.feasible()).isTrue();
    assertThat(cpSat.scheduledJobs()).isEqualTo(60);
    // Started from greedy's schedule, so never worse (the scenario has no forecasts: planned = actual).
    assertThat(cpSat.emissionsKg()).isLessThanOrEqualTo(greedy.emissionsKg() + 1e-6);
    assertThat(cpSat.lowerBoundKg()).isEqualTo(greedy.lowerBoundKg());
    assertThat(cpSat.ownBoundKg().getAsDouble()).isLessThanOrEqualTo(cpSat.emissionsKg() + 1e-9);
    // Both bounds bound the same optimum, so neither exceeds the other solver's emissions.
    assertThat(cpSat.ownBoundKg().getAsDouble()).isLessThanOrEqualTo(greedy.emissionsKg() + 1e-9);
    assertThat(cpSat.lowerBoundKg().getAsDouble()).isLessThanOrEqualTo(cpSat.emissionsKg() + 1e-9);
  }

  @Test
  void run_solverAboveItsMaxJobs_hasNoRow() {
    QualitySuite suite = new QualitySuite(List.of(new NamedScheduler("greedy", Scheduler.greedy(), 59)),
        Optional.empty());
    assertThat(suite.run(SMALL)).extracting(QualityRow::solver).containsExactly("asap");
  }

  private static final String[] PEERS = {"peer-carbon-aware-sdk", "peer-lets-wait-awhile", "peer-gaia-lowest-window",
      "peer-gaia-carbon-time", "peer-threshold-200g-24h"};

  @Test
  void chosenSolvers_commandLineBudgets_labelRowsInOrder() {
    assertThat(QualitySuite.chosenSolvers(true, null, null, 1000)).extracting(NamedScheduler::label)
        .containsExactly("asap", "greedy", "optaplanner-1s", "cp-sat-5s", PEERS[0], PEERS[1], PEERS[2], PEERS[3],
            PEERS[4]);
    assertThat(QualitySuite.chosenSolvers(false, null, null, 1000)).extracting(NamedScheduler::label)
        .containsExactly("asap", "greedy", "optaplanner-1s", "optaplanner-10s", "optaplanner-30s", "cp-sat-1s",
            "cp-sat-10s", "cp-sat-30s", PEERS[0], PEERS[1], PEERS[2], PEERS[3], PEERS[4]);
    // CP-SAT follows --optaplanner-seconds unless given its own budgets.
    assertThat(QualitySuite.chosenSolvers(false, List.of(1L, 10L), null, 1000)).extracting(NamedScheduler::label)
        .containsExactly("asap", "greedy", "optaplanner-1s", "optaplanner-10s", "cp-sat-1s", "cp-sat-10s", PEERS[0],
            PEERS[1], PEERS[2], PEERS[3], PEERS[4]);
    List<NamedScheduler> none = QualitySuite.chosenSolvers(false, List.of(10L), QualitySuite.seconds("none", "x"), 1);
    assertThat(none).extracting(NamedScheduler::label).containsExactly("asap", "greedy", "optaplanner-10s", PEERS[0],
        PEERS[1], PEERS[2], PEERS[3], PEERS[4]);
    assertThat(QualitySuite.chosenSolvers(false, null, List.of(2L), 250)).filteredOn(s -> s.label().startsWith("cp-sat"))
        .last()
        .satisfies(s -> assertThat(s.label()).isEqualTo("cp-sat-2s"))
        .satisfies(s -> assertThat(s.maxJobs()).isEqualTo(250));
  }

  @Test
  void seconds_notPositiveWholeNumbers_areRejectedWithAFix() {
    assertThat(QualitySuite.seconds("1, 10,30", "--cp-sat-seconds")).containsExactly(1L, 10L, 30L);
    assertThatThrownBy(() -> QualitySuite.seconds("1,0", "--cp-sat-seconds"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'0'").hasMessageContaining("Maybe");
    assertThatThrownBy(() -> QualitySuite.seconds("ten", "--cp-sat-seconds"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ten'");
  }

  @Test
  void logLogSlope_powerLaw_recoversExponent() {
    double[] x = {1_000, 3_000, 10_000, 30_000};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 0.002 * Math.pow(x[i], 1.5);
    }
    assertThat(ResultWriters.logLogSlope(x, y)).isCloseTo(1.5, within(1e-9));
    assertThatThrownBy(() -> ResultWriters.logLogSlope(new double[] {1}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two or more");
  }

  @Test
  void scaling_andCharts_oneRowPerSolverAndSize() {
    List<ScalingRow> rows = QualitySuite.scaling(
        List.of(new NamedScheduler("asap", Scheduler.asap())), List.of(50, 100), 1);
    assertThat(rows).extracting(ScalingRow::jobs).containsExactly(50, 100);
    assertThat(rows).allSatisfy(r -> assertThat(r.wallMillis()).isPositive());
    assertThat(ResultWriters.scalingCsv(rows).lines()).hasSize(3);
    assertThat(SvgCharts.runtimeVsSize(rows)).contains("asap (~n^");
  }
}
