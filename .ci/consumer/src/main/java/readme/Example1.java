// Generated from README.md ("Use it from Java", java block 1) by examples' ReadmeConsumerTest.
// Do not edit: change the README, then run mvn -B -pl examples -am verify -Dtest=ReadmeConsumerTest -Dsurefire.failIfNoSpecifiedTests=false -Dfairshift.readme.write=true
package readme;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Report;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Tenant;
import dev.fairshift.signals.EmbeddedData;
import dev.fairshift.solver.Scheduler;
import java.time.Instant;

public final class Example1 {
  public static void main(String[] args) throws Exception {
    Horizon week = Horizon.hourly(Instant.parse("2021-03-01T00:00:00Z"), 168);
    Problem problem = Problem.builder()
        .horizon(week)
        .carbonPricePerTonne(80)
        .intensities(EmbeddedData.intensityTable(week, "DE", "GB"))      // real hourly data, shipped in the jar
        .hub(Hub.builder("berlin-campus", "DE").capacityUnits(64).pue(1.2).pricePerKwh(0.21).build())
        .hub(Hub.builder("london-dc", "GB").capacityUnits(32).pue(1.1).pricePerKwh(0.25).build())
        .tenant(Tenant.of("students", "newcomer").withGuaranteedShare(0.15))
        .tenant(Tenant.of("acme", "commercial").withMaxShare(0.4))
        .job(Job.builder("train-1", "students")
            .durationSlots(6).powerKw(12.5).units(8)
            .window(Instant.parse("2021-03-01T02:00:00Z"), Instant.parse("2021-03-02T08:00:00Z"))
            .originHub("berlin-campus").dataGb(200)
            .build())
        .build();                                   // validates everything; InvalidProblemException lists every error

    Schedule schedule = Scheduler.greedy().schedule(problem);
    Evaluation evaluation = Evaluator.evaluate(problem, schedule);   // the one place every number comes from
    System.out.print(Report.detail(problem, schedule, evaluation));
  }
}
