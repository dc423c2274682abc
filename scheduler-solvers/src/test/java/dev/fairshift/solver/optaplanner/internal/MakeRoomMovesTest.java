package dev.fairshift.solver.optaplanner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.fixtures.HardProblems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * The moves that make room: regret insertion packs where inserting in a fixed order does not, an
 * ejection move puts a job into a full hub by taking others out, and both moves' undo puts every job
 * back (the redo giving the same schedule), scored incrementally as from scratch.
 */
class MakeRoomMovesTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  /** One slot; clean (1 unit) and dirty (1 unit) hubs; {@code only-clean} may only use the clean one. */
  private static Problem twoJobs() {
    return Problem.builder()
        .horizon(Horizon.of(T0, 60, 1))
        .zone(ZoneIntensity.of("clean-grid", SlotSeries.of(10.0)))
        .zone(ZoneIntensity.of("dirty-grid", SlotSeries.of(500.0)))
        .hub(Hub.builder("clean", "clean-grid").capacityUnits(1).build())
        .hub(Hub.builder("dirty", "dirty-grid").capacityUnits(1).build())
        .tenant(new Tenant("lab", "research", 0, 1, 1))
        .job(Job.builder("flexible", "lab").durationSlots(1).units(1).powerKw(1).window(T0, T0.plusSeconds(3600)).build())
        .job(Job.builder("only-clean", "lab").durationSlots(1).units(1).powerKw(1).window(T0, T0.plusSeconds(3600))
            .allowedHubs("clean").build())
        .build();
  }

  private static PlanSolution solution(Problem problem, Schedule schedule) {
    return PlanBuilder.build(problem, 700, Optional.of(schedule)).solution();
  }

  private static JobAssignment assignment(PlanSolution solution, String id) {
    return solution.getAssignments().stream().filter(a -> a.job().id().equals(id)).findFirst().orElseThrow();
  }

  private static Schedule nothingPlaced() {
    return new Schedule("empty", List.of(),
        List.of(new Unscheduled("flexible", "out"), new Unscheduled("only-clean", "out")));
  }

  @Test
  void regretInsertion_placesTheJobWithOneOptionFirst() {
    PlanSolution solution = solution(twoJobs(), nothingPlaced());
    ScoreAccess access = ScoreAccess.of(solution);
    JobAssignment flexible = assignment(solution, "flexible");
    JobAssignment onlyClean = assignment(solution, "only-clean");

    int placed = RegretInsertion.insert(access, List.of(flexible, onlyClean), new Random(0), 8);

    assertThat(placed).isEqualTo(2);
    assertThat(onlyClean.getHub().id()).isEqualTo("clean");
    assertThat(flexible.getHub().id()).isEqualTo("dirty");
    assertThat(access.score().hardScore()).isZero();
    assertThat(access.score().mediumScore()).isZero();
  }

  @Test
  void bestInsertionInListOrder_leavesTheJobWithOneOptionOut() {
    // The contrast that makes regret worth its cost: the flexible job, first, takes the clean hub.
    PlanSolution solution = solution(twoJobs(), nothingPlaced());
    ScoreAccess access = ScoreAccess.of(solution);
    JobAssignment flexible = assignment(solution, "flexible");
    JobAssignment onlyClean = assignment(solution, "only-clean");

    BestInsertion.insert(access, flexible, BestInsertion.Floor.BEST_SCORE, null, 24, false, null);
    BestInsertion.insert(access, onlyClean, BestInsertion.Floor.BEST_SCORE, null, 24, false, null);

    assertThat(flexible.getHub().id()).isEqualTo("clean");
    assertThat(onlyClean.getHub()).isNull();
    assertThat(access.score().mediumScore()).isNegative();
  }

  @Test
  void ejectionMove_putsAJobIntoAFullHubAndMovesTheOneItTakesOut() {
    // The clean hub is full with two small jobs, the big one runs in the dirty hub: the move puts the
    // big one in the clean hub, takes both small ones out, and they go where it left room.
    Problem problem = Problem.builder()
        .horizon(Horizon.of(T0, 60, 1))
        .zone(ZoneIntensity.of("clean-grid", SlotSeries.of(10.0)))
        .zone(ZoneIntensity.of("dirty-grid", SlotSeries.of(500.0)))
        .hub(Hub.builder("clean", "clean-grid").capacityUnits(2).build())
        .hub(Hub.builder("dirty", "dirty-grid").capacityUnits(2).build())
        .tenant(new Tenant("lab", "research", 0, 1, 1))
        .job(Job.builder("small-1", "lab").durationSlots(1).units(1).powerKw(0.5).window(T0, T0.plusSeconds(3600)).build())
        .job(Job.builder("small-2", "lab").durationSlots(1).units(1).powerKw(0.5).window(T0, T0.plusSeconds(3600)).build())
        .job(Job.builder("big", "lab").durationSlots(1).units(2).powerKw(4).window(T0, T0.plusSeconds(3600)).build())
        .build();
    Schedule start = new Schedule("start", List.of(
        new Assignment("small-1", "clean", List.of(0)),
        new Assignment("small-2", "clean", List.of(0)),
        new Assignment("big", "dirty", List.of(0))), List.of());
    PlanSolution solution = solution(problem, start);
    ScoreAccess access = ScoreAccess.of(solution);
    HardMediumSoftLongScore before = access.score();
    JobAssignment big = assignment(solution, "big");
    HubFact clean = solution.getHubs().stream().filter(h -> h.id().equals("clean")).findFirst().orElseThrow();
    List<JobAssignment> candidates = List.of(assignment(solution, "small-1"), assignment(solution, "small-2"));

    new EjectionMove(big, clean, candidates, 1).apply(access);

    assertThat(big.getHub().id()).isEqualTo("clean");
    assertThat(assignment(solution, "small-1").getHub().id()).isEqualTo("dirty");
    assertThat(assignment(solution, "small-2").getHub().id()).isEqualTo("dirty");
    assertThat(access.score().hardScore()).isZero();
    assertThat(access.score().mediumScore()).isZero();
    assertThat(access.score()).isGreaterThan(before);
    assertThat(ScoreAccess.of(solution).score()).isEqualTo(access.score());
  }

  @Test
  void hubSlotRuinAndEjectionMoves_undoPutsEveryJobBackAndRedoGivesTheSameSchedule() {
    for (int seed = 0; seed < 4; seed++) {
      Problem problem = HardProblems.random(new Random(40 + seed), 30);
      PlanSolution solution = solution(problem, Scheduler.greedy().schedule(problem));
      HubSlotRuinMoveFactory ruins = new HubSlotRuinMoveFactory();
      ruins.indexFor(solution);
      EjectionMoveFactory ejections = new EjectionMoveFactory();
      ejections.indexFor(solution);
      check(solution, seed, random -> ruins.createRandomMoveIterator(null, random).next(),
          m -> PlacementMove.current(ScoreAccess.of(solution), m.order()), (m, a) -> m.apply(a));
      check(solution, seed, random -> ejections.createRandomMoveIterator(null, random).next(),
          m -> PlacementMove.current(ScoreAccess.of(solution), m.getPlanningEntities()), (m, a) -> m.apply(a));
    }
  }

  private static <M> void check(PlanSolution solution, int seed, Function<Random, M> draw,
      Function<M, PlacementMove> undoOf, java.util.function.BiConsumer<M, ScoreAccess> apply) {
    ScoreAccess access = ScoreAccess.of(solution);
    Random random = new Random(seed);
    int changed = 0;
    for (int i = 0; i < 30; i++) {
      List<String> before = placements(solution);
      HardMediumSoftLongScore score = access.score();
      M move = draw.apply(random);
      PlacementMove undo = undoOf.apply(move);
      apply.accept(move, access);
      List<String> after = placements(solution);
      changed += after.equals(before) ? 0 : 1;
      HardMediumSoftLongScore moved = access.score();
      assertThat(ScoreAccess.of(solution).score()).as("incremental against from scratch, " + move).isEqualTo(moved);
      undo.apply(access);
      assertThat(placements(solution)).as("undo of " + move).isEqualTo(before);
      assertThat(access.score()).isEqualTo(score);
      apply.accept(move, access);
      assertThat(placements(solution)).as("redo of " + move).isEqualTo(after);
      assertThat(access.score()).isEqualTo(moved);
      if (moved.compareTo(score) < 0) {
        undo.apply(access);
      }
    }
    assertThat(changed).as("moves that changed the schedule, seed " + seed).isPositive();
  }

  private static List<String> placements(PlanSolution solution) {
    List<String> out = new ArrayList<>();
    for (JobAssignment a : solution.getAssignments()) {
      out.add(a + "/" + (a.job().interruptible()
          ? java.util.Arrays.toString(BestInsertion.slotsOf(solution.getJobSlots().subList(a.job().firstJobSlotIndex(),
              a.job().firstJobSlotIndex() + a.job().durationSlots()))) : ""));
    }
    return out;
  }
}
