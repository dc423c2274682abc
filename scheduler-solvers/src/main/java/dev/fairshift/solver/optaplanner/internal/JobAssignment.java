package dev.fairshift.solver.optaplanner.internal;

import java.util.List;
import java.util.Objects;
import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.entity.PlanningPin;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/**
 * The planning entity of one job: which hub it runs in ({@code null} = unscheduled) and, for a
 * non-interruptible job, its start slot. An interruptible job's slots are its {@link JobSlot}s,
 * which follow this entity's hub; its {@code start} is fixed to its release and unused.
 *
 * <p>Both value ranges are per entity ({@link JobFact#hubRange()}, {@link JobFact#startRange()}),
 * so moves never try a hub the job may not use or a start it cannot fit. Mutable, as OptaPlanner
 * requires; not thread-safe.
 */
@PlanningEntity
public class JobAssignment implements Occupant {
  @PlanningId
  private String id;
  private JobFact job;

  @PlanningVariable(valueRangeProviderRefs = "hubRange", nullable = true)
  private HubFact hub;

  @PlanningVariable(valueRangeProviderRefs = "startRange")
  private Integer start;

  /** Set by a re-planning session once the job has started: moves leave it where it runs. */
  @PlanningPin
  private boolean pinned;

  /** For OptaPlanner's cloner. */
  public JobAssignment() {}

  /** An assignment of {@code job}, unscheduled and without a start until set. */
  public JobAssignment(JobFact job) {
    this.job = Objects.requireNonNull(job, "job");
    this.id = job.id();
  }

  /** An assignment of {@code job} to {@code hub} (null = unscheduled) from {@code start}. */
  public JobAssignment(JobFact job, HubFact hub, Integer start) {
    this(job);
    this.hub = hub;
    this.start = start;
  }

  public String getId() {
    return id;
  }

  @Override
  public JobFact job() {
    return job;
  }

  /**
   * Replaces its job fact by an updated one for the same job; only a real-time planning change may
   * call this, through {@code ProblemChangeDirector.changeProblemProperty}.
   */
  public void setJob(JobFact job) {
    this.job = Objects.requireNonNull(job, "job");
  }

  /** Whether a re-planning session pinned it: the job started, so it stays where it runs. */
  public boolean isPinned() {
    return pinned;
  }

  /** Pins or unpins it; only through {@code ProblemChangeDirector.changeProblemProperty}. */
  public void setPinned(boolean pinned) {
    this.pinned = pinned;
  }

  public HubFact getHub() {
    return hub;
  }

  public void setHub(HubFact hub) {
    this.hub = hub;
  }

  public Integer getStart() {
    return start;
  }

  public void setStart(Integer start) {
    this.start = start;
  }

  @ValueRangeProvider(id = "hubRange")
  public List<HubFact> getHubRange() {
    return job.hubRange();
  }

  @ValueRangeProvider(id = "startRange")
  public List<Integer> getStartRange() {
    return job.startRange();
  }

  /** Whether the job is scheduled (has a hub). */
  public boolean isScheduled() {
    return hub != null;
  }

  /** Unit-slots the job holds: all of them when scheduled, else 0. */
  public long scheduledUnitSlots() {
    return hub == null ? 0 : job.unitSlots();
  }

  @Override
  public boolean isPlaced() {
    return !job.interruptible() && hub != null && start != null;
  }

  @Override
  public HubFact placedHub() {
    return hub;
  }

  @Override
  public int firstSlot() {
    return start;
  }

  @Override
  public int length() {
    return job.durationSlots();
  }

  @Override
  public String toString() {
    return id + "->" + (hub == null ? "unscheduled" : hub.id() + "@" + start);
  }
}
