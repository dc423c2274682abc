package dev.fairshift.solver.optaplanner.internal;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a re-planning session plans at one moment: the session's problem, the slot that is "now",
 * the jobs that started before now (pinned where they run), and the problem the solver plans, which
 * is the session's problem with every job not yet started released no earlier than now, without the
 * jobs that can no longer run (with the reason), and unpriced when the objective is emissions only.
 * Immutable and thread-safe.
 *
 * @param problem the session's problem, which schedules are evaluated against
 * @param nowSlot the first slot a job that has not started may still use, 0..slots
 * @param startedJobs the jobs that started before {@code nowSlot}; they keep their place
 * @param planning the problem the solver plans
 * @param expired the jobs of {@code problem} left out of {@code planning}, each with its reason
 * @param revision how many accepted changes {@code problem} and {@code nowSlot} include
 */
public record PlanningView(
    Problem problem,
    int nowSlot,
    Set<String> startedJobs,
    Problem planning,
    Map<String, String> expired,
    long revision) {

  public PlanningView {
    Objects.requireNonNull(problem, "problem");
    startedJobs = Set.copyOf(startedJobs);
    Objects.requireNonNull(planning, "planning");
    expired = Map.copyOf(expired);
  }

  /**
   * The view of {@code problem} at {@code nowSlot} with {@code started} jobs pinned.
   *
   * @param priced whether the solver plans with the problem's carbon price (else with none)
   */
  public static PlanningView of(Problem problem, int nowSlot, Set<String> started, boolean priced, long revision) {
    Horizon horizon = problem.horizon();
    Instant now = horizon.slotStart(nowSlot);
    List<Job> planned = new ArrayList<>();
    Map<String, String> expired = new LinkedHashMap<>();
    for (int j = 0; j < problem.jobs().size(); j++) {
      Job job = problem.jobs().get(j);
      if (started.contains(job.id())) {
        planned.add(job);
        continue;
      }
      Optional<String> noRoom = noRoom(problem, j, nowSlot);
      if (noRoom.isPresent()) {
        expired.put(job.id(), noRoom.get());
      } else if (problem.releaseSlot(j) < nowSlot) {
        planned.add(new Job(job.id(), job.tenant(), job.durationSlots(), job.powerKw(), job.units(), now,
            job.deadline(), job.interruptible(), job.allowedHubs(), job.originHub(), job.dataGb(), job.priority()));
      } else {
        planned.add(job);
      }
    }
    Problem planning;
    try {
      planning = problem.toBuilder().clearJobs().jobs(planned)
          .carbonPricePerTonne(priced ? problem.carbonPricePerTonne() : 0).build();
    } catch (InvalidProblemException e) {
      throw new IllegalStateException("The planning problem at slot " + nowSlot + " is invalid although every job "
          + "was checked to still fit: " + e.getMessage(), e);
    }
    Set<String> kept = Set.copyOf(started.stream().filter(problem::hasJob).toList());
    return new PlanningView(problem, nowSlot, kept, planning, expired, revision);
  }

  /**
   * Why job number {@code j} of {@code problem}, not started, can no longer run from
   * {@code nowSlot} on: too few slots before its deadline, or no allowed hub with room for it on its
   * own (capacity and power cap) there; empty when it can still run.
   */
  public static Optional<String> noRoom(Problem problem, int j, int nowSlot) {
    Job job = problem.jobs().get(j);
    Horizon horizon = problem.horizon();
    int from = Math.max(problem.releaseSlot(j), nowSlot);
    int to = problem.deadlineSlot(j);
    String window = "between " + (from == nowSlot ? "now (slot " + nowSlot + ", " + horizon.slotStart(nowSlot) + ")"
        : "its release (" + horizon.slotStart(from) + ")") + " and its deadline (" + job.deadline() + ")";
    if (to - from < job.durationSlots()) {
      return Optional.of("Job '" + job.id() + "' can no longer run: it needs " + job.durationSlots()
          + (job.interruptible() ? " slot(s)" : " consecutive slot(s)") + " but only " + Math.max(0, to - from)
          + " whole slot(s) remain " + window + ". Maybe extend its deadline.");
    }
    for (Hub hub : problem.hubs()) {
      if (!job.allows(hub.id())) {
        continue;
      }
      int run = 0;
      int count = 0;
      for (int s = from; s < to; s++) {
        boolean fits = PlanBuilder.fitsAlone(job, hub, s);
        run = fits ? run + 1 : 0;
        count += fits ? 1 : 0;
        if ((job.interruptible() ? count : run) >= job.durationSlots()) {
          return Optional.empty();
        }
      }
    }
    return Optional.of("Job '" + job.id() + "' can no longer run: no allowed hub has room for its " + job.units()
        + " unit(s) and " + Format.kw(job.powerKw()) + " kW for " + job.durationSlots()
        + (job.interruptible() ? " slot(s)" : " consecutive slot(s)") + " " + window
        + ", even with no other job there. Maybe extend its deadline or allow another hub.");
  }
}
