package dev.fairshift.solver.optaplanner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.fixtures.HardProblems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * Hub chains: a three-cycle of hubs is the only improving move on a problem without slack where
 * every hub is full and no two jobs may trade hubs; every chain keeps each job's start and slots,
 * uses only hubs in the jobs' ranges and pairs jobs near in time; undo puts every job back and
 * redo gives the same schedule, scored incrementally as from scratch.
 */
class HubChainMoveFactoryTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  /**
   * One slot, no slack; hubs clean (10 g), middle (300 g) and dirty (500 g) of one unit each; x may
   * use clean or middle, y middle or dirty, z dirty or clean. x (0.1 kW) holds clean, y (1 kW)
   * middle, z (5 kW) dirty: no job fits anywhere else and no two may swap, but the cycle x to
   * middle, y to dirty, z to clean emits 0.58 kg instead of 2.8.
   */
  private static Problem cycleOnly() {
    return Problem.builder()
        .horizon(Horizon.of(T0, 60, 1))
        .zone(ZoneIntensity.of("clean-grid", SlotSeries.of(10.0)))
        .zone(ZoneIntensity.of("middle-grid", SlotSeries.of(300.0)))
        .zone(ZoneIntensity.of("dirty-grid", SlotSeries.of(500.0)))
        .hub(Hub.builder("clean", "clean-grid").capacityUnits(1).build())
        .hub(Hub.builder("middle", "middle-grid").capacityUnits(1).build())
        .hub(Hub.builder("dirty", "dirty-grid").capacityUnits(1).build())
        .tenant(new Tenant("lab", "research", 0, 1, 1))
        .job(job("x", 0.1).allowedHubs("clean", "middle").build())
        .job(job("y", 1.0).allowedHubs("middle", "dirty").build())
        .job(job("z", 5.0).allowedHubs("dirty", "clean").build())
        .build();
  }

  private static Job.Builder job(String id, double kw) {
    return Job.builder(id, "lab").durationSlots(1).units(1).powerKw(kw).window(T0, T0.plusSeconds(3600));
  }

  private static Schedule stuck() {
    return new Schedule("start", List.of(
        new Assignment("x", "clean", List.of(0)),
        new Assignment("y", "middle", List.of(0)),
        new Assignment("z", "dirty", List.of(0))), List.of());
  }

  private static JobAssignment assignment(PlanSolution solution, String id) {
    return solution.getAssignments().stream().filter(a -> a.job().id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void threeCycle_isTheOnlyImprovingMoveAndTheFactoryFindsIt() {
    Problem problem = cycleOnly();
    PlanSolution solution = PlanBuilder.build(problem, 700, Optional.of(stuck())).solution();
    ScoreAccess access = ScoreAccess.of(solution);
    HardMediumSoftLongScore before = access.score();
    assertThat(before.hardScore()).isZero();
    assertThat(before.mediumScore()).isZero();
    // No swap of two jobs stays in their hubs: each pair shares at most one allowed hub.
    NearbySwapMoveFactory swaps = new NearbySwapMoveFactory();
    swaps.phaseStartedFor(solution);
    for (String[] pair : new String[][] {{"x", "y"}, {"y", "z"}, {"x", "z"}}) {
      assertThat(NearbySwapMoveFactory.swap(solution, assignment(solution, pair[0]), assignment(solution, pair[1]), true))
          .as("hub swap of " + Arrays.toString(pair)).isNull();
    }

    HubChainMoveFactory factory = new HubChainMoveFactory();
    factory.phaseStartedFor(solution);
    Iterator<PlacementMove> moves = factory.createRandomMoveIterator(null, new Random(3));
    PlacementMove cycle = null;
    for (int i = 0; i < 200 && cycle == null; i++) {
      PlacementMove m = moves.next();
      if (m.placements().size() == 3) {
        cycle = m;
      }
    }
    assertThat(cycle).as("a three-cycle among 200 draws").isNotNull();
    cycle.apply(access);

    assertThat(assignment(solution, "x").getHub().id()).isEqualTo("middle");
    assertThat(assignment(solution, "y").getHub().id()).isEqualTo("dirty");
    assertThat(assignment(solution, "z").getHub().id()).isEqualTo("clean");
    assertThat(access.score().hardScore()).isZero();
    assertThat(access.score().mediumScore()).isZero();
    assertThat(access.score()).isGreaterThan(before);
    assertThat(ScoreAccess.of(solution).score()).isEqualTo(access.score());
    Schedule after = new Schedule("after", List.of(
        new Assignment("x", "middle", List.of(0)),
        new Assignment("y", "dirty", List.of(0)),
        new Assignment("z", "clean", List.of(0))), List.of());
    assertThat(Evaluator.evaluate(problem, after).emissionsKg())
        .isLessThan(Evaluator.evaluate(problem, stuck()).emissionsKg() / 4);
  }

  @Test
  void randomChains_keepStartsAndSlotsUseAllowedHubsAndPairJobsNearInTime() {
    int cycles = 0;
    int open = 0;
    for (int seed = 0; seed < 5; seed++) {
      Problem problem = HardProblems.random(new Random(seed), 60);
      PlanSolution solution = PlanBuilder.build(problem, 700, Optional.of(Scheduler.greedy().schedule(problem)))
          .solution();
      HubChainMoveFactory factory = new HubChainMoveFactory();
      factory.phaseStartedFor(solution);
      Iterator<PlacementMove> moves = factory.createRandomMoveIterator(null, new Random(seed));
      for (int i = 0; i < 300; i++) {
        List<PlacementMove.Placement> chain = moves.next().placements();
        if (chain.isEmpty()) {
          continue;
        }
        assertThat(chain.size()).isBetween(2, 3);
        JobAssignment a = chain.get(0).assignment();
        JobAssignment b = chain.get(1).assignment();
        assertThat(chain.get(0).hub()).as("a takes b's hub").isSameAs(b.getHub());
        if (chain.size() == 3) {
          cycles++;
          JobAssignment c = chain.get(2).assignment();
          assertThat(chain.get(1).hub()).as("b takes c's hub").isSameAs(c.getHub());
          assertThat(chain.get(2).hub()).as("c takes a's hub").isSameAs(a.getHub());
          assertThat(List.of(a.getHub(), b.getHub(), c.getHub())).doesNotHaveDuplicates();
          assertNear(b, c);
        } else {
          open++;
          assertThat(chain.get(1).hub()).isNotSameAs(a.getHub()).isNotSameAs(b.getHub());
        }
        assertNear(a, b);
        for (PlacementMove.Placement p : chain) {
          JobAssignment x = p.assignment();
          assertThat(x.getHub()).as("only scheduled jobs move").isNotNull();
          assertThat(x.job().hubRange()).contains(p.hub());
          assertThat(p.start()).as("start kept").isEqualTo(x.getStart());
          if (x.job().interruptible()) {
            assertThat(p.slots()).as("slots kept").containsExactly(BestInsertion.slotsOf(solution.getJobSlots()
                .subList(x.job().firstJobSlotIndex(), x.job().firstJobSlotIndex() + x.job().durationSlots())));
          }
        }
      }
    }
    assertThat(cycles).as("three-cycles drawn").isPositive();
    assertThat(open).as("open chains drawn").isPositive();
  }

  /** {@code b}'s window contains a slot of {@code a}'s run (of its window when interruptible). */
  private static void assertNear(JobAssignment a, JobAssignment b) {
    int from = a.job().interruptible() ? a.job().releaseSlot() : a.getStart();
    int to = a.job().interruptible() ? a.job().deadlineSlot() : from + a.job().durationSlots();
    assertThat(b.job().releaseSlot()).as("partner near in time").isLessThan(to);
    assertThat(b.job().deadlineSlot()).as("partner near in time").isGreaterThan(from);
  }

  @Test
  void chains_undoPutsEveryJobBackAndRedoGivesTheSameSchedule() {
    for (int seed = 0; seed < 4; seed++) {
      Problem problem = HardProblems.random(new Random(40 + seed), 40);
      PlanSolution solution = PlanBuilder.build(problem, 700, Optional.of(Scheduler.greedy().schedule(problem)))
          .solution();
      HubChainMoveFactory factory = new HubChainMoveFactory();
      factory.phaseStartedFor(solution);
      Iterator<PlacementMove> moves = factory.createRandomMoveIterator(null, new Random(seed));
      ScoreAccess access = ScoreAccess.of(solution);
      int changed = 0;
      for (int i = 0; i < 40; i++) {
        List<String> before = placements(solution);
        HardMediumSoftLongScore score = access.score();
        PlacementMove move = moves.next();
        PlacementMove undo = PlacementMove.current(access, move.getPlanningEntities());
        move.apply(access);
        List<String> after = placements(solution);
        changed += after.equals(before) ? 0 : 1;
        HardMediumSoftLongScore moved = access.score();
        assertThat(ScoreAccess.of(solution).score()).as("incremental against from scratch, " + move).isEqualTo(moved);
        undo.apply(access);
        assertThat(placements(solution)).as("undo of " + move).isEqualTo(before);
        assertThat(access.score()).isEqualTo(score);
        move.apply(access);
        assertThat(placements(solution)).as("redo of " + move).isEqualTo(after);
        assertThat(access.score()).isEqualTo(moved);
        if (moved.compareTo(score) < 0) {
          undo.apply(access);
        }
      }
      assertThat(changed).as("chains that changed the schedule, seed " + seed).isPositive();
    }
  }

  private static List<String> placements(PlanSolution solution) {
    List<String> out = new ArrayList<>();
    for (JobAssignment a : solution.getAssignments()) {
      out.add(a + "/" + (a.job().interruptible()
          ? Arrays.toString(BestInsertion.slotsOf(solution.getJobSlots().subList(a.job().firstJobSlotIndex(),
              a.job().firstJobSlotIndex() + a.job().durationSlots()))) : ""));
    }
    return out;
  }
}
