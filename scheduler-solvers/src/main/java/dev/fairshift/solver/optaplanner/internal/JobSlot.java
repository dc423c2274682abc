package dev.fairshift.solver.optaplanner.internal;

import java.util.List;
import java.util.Objects;
import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.entity.PlanningPin;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.domain.variable.PlanningVariable;
import org.optaplanner.core.api.domain.variable.ShadowVariable;

/**
 * One slot of an interruptible job: the job runs in {@code durationSlots} of these, each free to
 * take any slot of the job's window, so the run may have gaps. The hub is a shadow of the job's
 * {@link JobAssignment#getHub()} (kept equal by {@link JobSlotHubListener}), so all slots of a job
 * are always in one hub and a hub move of the job moves all of them at once. Mutable, as OptaPlanner
 * requires; not thread-safe.
 */
@PlanningEntity
public class JobSlot implements Occupant {
  @PlanningId
  private String id;
  private JobFact job;
  private int part;

  @PlanningVariable(valueRangeProviderRefs = "slotRange")
  private Integer slot;

  @ShadowVariable(variableListenerClass = JobSlotHubListener.class, sourceEntityClass = JobAssignment.class,
      sourceVariableName = "hub")
  private HubFact hub;

  /** Set by a re-planning session once the job has started: moves leave it where it runs. */
  @PlanningPin
  private boolean pinned;

  /** For OptaPlanner's cloner. */
  public JobSlot() {}

  /** Part {@code part} (0-based) of interruptible job {@code job}. */
  public JobSlot(JobFact job, int part) {
    this.job = Objects.requireNonNull(job, "job");
    this.part = part;
    this.id = job.id() + "#" + part;
  }

  /** Part {@code part} of {@code job} in {@code slot}, on the job's hub {@code hub} (null = unscheduled). */
  public JobSlot(JobFact job, int part, HubFact hub, Integer slot) {
    this(job, part);
    this.hub = hub;
    this.slot = slot;
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

  public int part() {
    return part;
  }

  public Integer getSlot() {
    return slot;
  }

  public void setSlot(Integer slot) {
    this.slot = slot;
  }

  public HubFact getHub() {
    return hub;
  }

  public void setHub(HubFact hub) {
    this.hub = hub;
  }

  @ValueRangeProvider(id = "slotRange")
  public List<Integer> getSlotRange() {
    return job.slotRange();
  }

  @Override
  public boolean isPlaced() {
    return hub != null && slot != null;
  }

  @Override
  public HubFact placedHub() {
    return hub;
  }

  @Override
  public int firstSlot() {
    return slot;
  }

  @Override
  public int length() {
    return 1;
  }

  @Override
  public String toString() {
    return id + "->" + (hub == null ? "unscheduled" : hub.id() + "@" + slot);
  }
}
