package dev.fairshift.solver.optaplanner.internal;

import dev.fairshift.core.Problem;
import java.util.Optional;

/**
 * Planning facts of a hand-made problem, and entities placed by hand, for constraint tests.
 */
final class PlanFixture {
  private final PlanSolution solution;

  PlanFixture(Problem problem, double fairnessGramsPerUnitSlot) {
    this.solution = PlanBuilder.build(problem, fairnessGramsPerUnitSlot, Optional.empty()).solution();
  }

  /** Facts with the fair-share term switched off. */
  PlanFixture(Problem problem) {
    this(problem, 0.0);
  }

  PlanSolution solution() {
    return solution;
  }

  JobFact job(String id) {
    return solution.getJobs().stream().filter(j -> j.id().equals(id)).findFirst().orElseThrow();
  }

  HubFact hub(String id) {
    return solution.getHubs().stream().filter(h -> h.id().equals(id)).findFirst().orElseThrow();
  }

  long hardRuleWeight() {
    return solution.getContext().hardRuleWeight();
  }

  /** Job {@code job} in hub {@code hub} from slot {@code start}. */
  JobAssignment placed(String job, String hub, int start) {
    return new JobAssignment(job(job), hub(hub), start);
  }

  /** Job {@code job} unscheduled. */
  JobAssignment unscheduled(String job) {
    JobFact fact = job(job);
    return new JobAssignment(fact, null, fact.startRange().get(0));
  }

  /** Interruptible job {@code job} in hub {@code hub}, its own entity (start unused). */
  JobAssignment interruptible(String job, String hub) {
    JobFact fact = job(job);
    return new JobAssignment(fact, hub(hub), fact.startRange().get(0));
  }

  /** Part {@code part} of interruptible job {@code job} in hub {@code hub} (null: unscheduled) and {@code slot}. */
  JobSlot slot(String job, int part, String hub, int slot) {
    return new JobSlot(job(job), part, hub == null ? null : hub(hub), slot);
  }
}
