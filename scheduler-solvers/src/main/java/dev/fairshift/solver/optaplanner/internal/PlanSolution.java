package dev.fairshift.solver.optaplanner.internal;

import java.util.List;
import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.solution.ProblemFactCollectionProperty;
import org.optaplanner.core.api.domain.solution.ProblemFactProperty;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * The planning solution: problem facts, one {@link JobAssignment} per job, one {@link JobSlot} per
 * slot of each interruptible job, and the score. Mutable, as OptaPlanner requires; not thread-safe.
 */
@PlanningSolution
public class PlanSolution {
  @ProblemFactProperty
  private PlanContext context;
  @ProblemFactCollectionProperty
  private List<HubFact> hubs;
  @ProblemFactCollectionProperty
  private List<TenantFact> tenants;
  @ProblemFactCollectionProperty
  private List<JobFact> jobs;
  @PlanningEntityCollectionProperty
  private List<JobAssignment> assignments;
  @PlanningEntityCollectionProperty
  private List<JobSlot> jobSlots;
  @PlanningScore
  private HardMediumSoftLongScore score;

  /** For OptaPlanner's cloner. */
  public PlanSolution() {}

  public PlanSolution(PlanContext context, List<HubFact> hubs, List<TenantFact> tenants, List<JobFact> jobs,
      List<JobAssignment> assignments, List<JobSlot> jobSlots) {
    this.context = context;
    this.hubs = hubs;
    this.tenants = tenants;
    this.jobs = jobs;
    this.assignments = assignments;
    this.jobSlots = jobSlots;
  }

  public PlanContext getContext() {
    return context;
  }

  public List<HubFact> getHubs() {
    return hubs;
  }

  public List<TenantFact> getTenants() {
    return tenants;
  }

  public List<JobFact> getJobs() {
    return jobs;
  }

  /**
   * Replaces the hub list. A real-time planning change that adds or removes hub facts first sets a
   * copy here: planning clones share their fact lists, and the best solution must not change.
   */
  public void setHubs(List<HubFact> hubs) {
    this.hubs = hubs;
  }

  /** Replaces the tenant list; see {@link #setHubs}. */
  public void setTenants(List<TenantFact> tenants) {
    this.tenants = tenants;
  }

  /** Replaces the job list; see {@link #setHubs}. */
  public void setJobs(List<JobFact> jobs) {
    this.jobs = jobs;
  }

  public List<JobAssignment> getAssignments() {
    return assignments;
  }

  public List<JobSlot> getJobSlots() {
    return jobSlots;
  }

  public HardMediumSoftLongScore getScore() {
    return score;
  }

  public void setScore(HardMediumSoftLongScore score) {
    this.score = score;
  }
}
