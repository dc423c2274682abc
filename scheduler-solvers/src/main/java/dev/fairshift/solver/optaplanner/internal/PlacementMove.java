package dev.fairshift.solver.optaplanner.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.move.AbstractMove;

/**
 * Puts several jobs at given positions: hub (null = unscheduled), start, and the slots of an
 * interruptible job's parts. The undo of a {@link RuinRecreateMove}, which records where its jobs
 * were. Immutable; its entities are the working solution's (or rebased onto another's).
 */
final class PlacementMove extends AbstractMove<PlanSolution> {
  /** Where one job goes. */
  record Placement(JobAssignment assignment, HubFact hub, Integer start, int[] slots) {}

  private final List<Placement> placements;

  PlacementMove(List<Placement> placements) {
    this.placements = List.copyOf(placements);
  }

  List<Placement> placements() {
    return placements;
  }

  /** Where the jobs of {@code assignments} are now, in {@code access}'s solution. */
  static PlacementMove current(ScoreAccess access, List<JobAssignment> assignments) {
    List<Placement> now = new ArrayList<>(assignments.size());
    for (JobAssignment a : assignments) {
      now.add(new Placement(a, a.getHub(), a.getStart(), BestInsertion.slotsOf(access.parts(a.job()))));
    }
    return new PlacementMove(now);
  }

  @Override
  public boolean isMoveDoable(ScoreDirector<PlanSolution> scoreDirector) {
    return !placements.isEmpty();
  }

  @Override
  protected PlacementMove createUndoMove(ScoreDirector<PlanSolution> scoreDirector) {
    return current(ScoreAccess.of(scoreDirector), assignments());
  }

  @Override
  protected void doMoveOnGenuineVariables(ScoreDirector<PlanSolution> scoreDirector) {
    apply(ScoreAccess.of(scoreDirector));
  }

  /** Places the jobs through {@code access}. */
  void apply(ScoreAccess access) {
    // Everything out first, so that no job passes through a position another still holds.
    for (Placement p : placements) {
      access.setHub(p.assignment(), null);
    }
    for (Placement p : placements) {
      BestInsertion.setSlots(access, access.parts(p.assignment().job()), p.slots());
      access.setStart(p.assignment(), p.start());
      access.setHub(p.assignment(), p.hub());
    }
  }

  private List<JobAssignment> assignments() {
    return placements.stream().map(Placement::assignment).toList();
  }

  @Override
  public PlacementMove rebase(ScoreDirector<PlanSolution> destination) {
    List<Placement> rebased = new ArrayList<>(placements.size());
    for (Placement p : placements) {
      rebased.add(new Placement(destination.lookUpWorkingObject(p.assignment()),
          p.hub() == null ? null : destination.lookUpWorkingObject(p.hub()), p.start(), p.slots()));
    }
    return new PlacementMove(rebased);
  }

  @Override
  public List<JobAssignment> getPlanningEntities() {
    return assignments();
  }

  @Override
  public List<HubFact> getPlanningValues() {
    Set<HubFact> hubs = new LinkedHashSet<>();
    placements.stream().map(Placement::hub).filter(h -> h != null).forEach(hubs::add);
    return List.copyOf(hubs);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("place ");
    for (Placement p : placements) {
      b.append(p.assignment().getId()).append("->").append(p.hub() == null ? "unscheduled" : p.hub() + "@" + p.start());
      if (p.slots().length > 0) {
        b.append(Arrays.toString(p.slots()));
      }
      b.append(' ');
    }
    return b.toString().trim();
  }
}
