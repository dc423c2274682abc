package dev.fairshift.solver.optaplanner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.IntensityTable;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.solver.fixtures.GeneratedProblems;
import dev.fairshift.solver.fixtures.RandomChanges;
import dev.fairshift.solver.fixtures.RandomSchedules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.impl.score.director.InnerScoreDirector;
import org.optaplanner.core.impl.solver.DefaultSolverFactory;
import org.optaplanner.core.impl.solver.change.DefaultProblemChangeDirector;

/**
 * Applies {@link ReplanChange}s through OptaPlanner's own score director and problem change
 * director, as the solver does between two runs, and after every change checks what FULL_ASSERT
 * checks after every move: the incremental score equals one calculated from scratch and no shadow
 * variable is stale. Also checks that the solution then describes the new planning view fact for
 * fact, that started jobs stay pinned where they ran, and that the change replaced only what changed.
 */
class ReplanChangeTest {
  private static final double FAIRNESS = 700;
  private static final Instant T0 = GeneratedProblems.T0;

  /** A working solution under a score director, changed the way a solver changes it. */
  private static final class Harness {
    final InnerScoreDirector<PlanSolution, HardMediumSoftLongScore> director;
    final AtomicReference<PlanningView> view;
    long revision;

    Harness(Problem problem, Optional<Schedule> warmStart) {
      PlanningView start = PlanningView.of(problem, 0, Set.of(), false, 0);
      PlanSolution built = PlanBuilder.build(start.planning(), FAIRNESS, warmStart).solution();
      PlanSolution solution = new PlanSolution(built.getContext(), new ArrayList<>(built.getHubs()),
          new ArrayList<>(built.getTenants()), new ArrayList<>(built.getJobs()),
          new ArrayList<>(built.getAssignments()), new ArrayList<>(built.getJobSlots()));
      SolverRun.Settings settings = new SolverRun.Settings(Duration.ofSeconds(1), Optional.empty(),
          OptionalLong.empty(), 0, "NONE", EnvironmentMode.FULL_ASSERT);
      SolverFactory<PlanSolution> factory = SolverFactory.create(SolverRun.config(settings, solution, true));
      DefaultSolverFactory<PlanSolution> defaultFactory = (DefaultSolverFactory<PlanSolution>) factory;
      this.director = defaultFactory.<HardMediumSoftLongScore>getScoreDirectorFactory().buildScoreDirector(true, false);
      director.setWorkingSolution(solution);
      director.calculateScore();
      this.view = new AtomicReference<>(start);
    }

    PlanSolution solution() {
      return director.getWorkingSolution();
    }

    PlanningView view() {
      return view.get();
    }

    /** Applies a change as the solver does and fails on a corrupted score or a stale shadow variable. */
    void change(Problem next, int nowSlot) {
      ReplanChange change = new ReplanChange(next, nowSlot, ++revision, false, FAIRNESS, view);
      change.doChange(director.getWorkingSolution(), new DefaultProblemChangeDirector<>(director));
      director.triggerVariableListeners();
      HardMediumSoftLongScore score = director.calculateScore();
      director.assertShadowVariablesAreNotStale(score, change);
      director.assertWorkingScoreFromScratch(score, change);
    }

    /**
     * A move as construction or local search makes one: an entity that is not pinned takes random
     * values from its value ranges (a job's hub may become none).
     */
    void randomMove(Random r) {
      List<JobAssignment> movable = solution().getAssignments().stream().filter(a -> !a.isPinned()).toList();
      List<JobSlot> movableSlots = solution().getJobSlots().stream().filter(s -> !s.isPinned()).toList();
      if (!movableSlots.isEmpty() && r.nextInt(3) == 0) {
        JobSlot part = movableSlots.get(r.nextInt(movableSlots.size()));
        List<Integer> range = part.job().slotRange();
        director.beforeVariableChanged(part, "slot");
        part.setSlot(range.get(r.nextInt(range.size())));
        director.afterVariableChanged(part, "slot");
      } else if (!movable.isEmpty()) {
        JobAssignment a = movable.get(r.nextInt(movable.size()));
        List<HubFact> hubs = a.job().hubRange();
        List<Integer> starts = a.job().startRange();
        director.beforeVariableChanged(a, "hub");
        a.setHub(r.nextInt(4) == 0 ? null : hubs.get(r.nextInt(hubs.size())));
        director.afterVariableChanged(a, "hub");
        director.beforeVariableChanged(a, "start");
        a.setStart(starts.get(r.nextInt(starts.size())));
        director.afterVariableChanged(a, "start");
      }
      director.triggerVariableListeners();
      HardMediumSoftLongScore score = director.calculateScore();
      director.assertWorkingScoreFromScratch(score, "random move");
    }

    /** Where each scheduled job runs: hub id and slots. */
    Map<String, String> placements() {
      Map<String, List<Integer>> slots = new HashMap<>();
      for (JobSlot part : solution().getJobSlots()) {
        slots.computeIfAbsent(part.job().id(), k -> new ArrayList<>()).add(part.getSlot());
      }
      Map<String, String> out = new HashMap<>();
      for (JobAssignment a : solution().getAssignments()) {
        if (a.getHub() != null && a.getStart() != null) {
          out.put(a.getId(), a.getHub().id() + "@" + (a.job().interruptible() ? slots.get(a.getId()) : a.getStart()));
        }
      }
      return out;
    }
  }

  @Test
  void doChange_randomChangeSequences_keepIncrementalScoreAndShape() {
    int changes = 0;
    for (int seed = 0; seed < 40; seed++) {
      Random r = new Random(5000 + seed);
      Problem problem = GeneratedProblems.random(r, 6);
      Optional<Schedule> warmStart = r.nextBoolean()
          ? Optional.of(RandomSchedules.random(problem, r)) : Optional.empty();
      Harness h = new Harness(problem, warmStart);
      int now = 0;
      for (int step = 0; step < 12; step++) {
        Map<String, String> pinnedBefore = new HashMap<>(h.placements());
        pinnedBefore.keySet().retainAll(h.view().startedJobs());
        Problem next = problem;
        int nextNow = now;
        switch (r.nextInt(4)) {
          case 0 -> {
            Job job = RandomChanges.job(r, problem, "new-" + step, now);
            try {
              next = problem.toBuilder().job(job).build();
            } catch (InvalidProblemException e) {
              continue;
            }
            if (PlanningView.noRoom(next, next.jobs().size() - 1, now).isPresent()) {
              continue;
            }
          }
          case 1 -> {
            if (problem.jobs().isEmpty()) {
              continue;
            }
            String gone = problem.jobs().get(r.nextInt(problem.jobs().size())).id();
            next = problem.toBuilder().clearJobs().jobs(problem.jobs().stream().filter(j -> !j.id().equals(gone))
                .toList()).build();
          }
          case 2 -> {
            List<ZoneIntensity> zones = new ArrayList<>(problem.intensities().zones());
            int z = r.nextInt(zones.size());
            ZoneIntensity old = zones.get(z);
            zones.set(z, ZoneIntensity.withForecast(old.zone(), old.gramsPerKwh(),
                RandomChanges.series(r, problem.horizon().slots())));
            next = withIntensities(problem, IntensityTable.of(zones));
          }
          default -> nextNow = Math.min(problem.horizon().slots(), now + 1 + r.nextInt(3));
        }
        h.change(next, nextNow);
        changes++;
        problem = next;
        now = nextNow;
        assertDescribesView(h, "seed " + seed + " step " + step);
        Map<String, String> after = h.placements();
        for (Map.Entry<String, String> pinned : pinnedBefore.entrySet()) {
          if (h.view().problem().hasJob(pinned.getKey())) {
            assertThat(after.get(pinned.getKey())).as("started job %s, seed %d step %d", pinned.getKey(), seed, step)
                .isEqualTo(pinned.getValue());
          }
        }
        for (int m = r.nextInt(6); m > 0; m--) {
          h.randomMove(r);
        }
      }
    }
    assertThat(changes).isGreaterThan(300);
  }

  /**
   * The working solution holds exactly the planning view's jobs, in order, with facts equal to the
   * ones a fresh build gives; started jobs are pinned, others start at now or later.
   */
  private static void assertDescribesView(Harness h, String where) {
    PlanningView view = h.view();
    PlanSolution working = h.solution();
    PlanSolution fresh = PlanBuilder.build(view.planning(), FAIRNESS, Optional.empty()).solution();
    assertThat(working.getJobs().stream().map(JobFact::id).toList()).as(where)
        .isEqualTo(view.planning().jobs().stream().map(Job::id).toList());
    assertThat(working.getAssignments().stream().map(JobAssignment::getId).toList()).as(where)
        .isEqualTo(view.planning().jobs().stream().map(Job::id).toList());
    assertThat(working.getTenants()).as(where).isEqualTo(fresh.getTenants());
    for (int i = 0; i < fresh.getJobs().size(); i++) {
      JobFact expected = fresh.getJobs().get(i);
      JobFact actual = working.getJobs().get(i);
      assertThat(working.getAssignments().get(i).job()).as(where).isSameAs(actual);
      assertThat(List.of(actual.releaseSlot(), actual.deadlineSlot(), actual.firstJobSlotIndex(), actual.index()))
          .as(where + " job " + expected.id())
          .isEqualTo(List.of(expected.releaseSlot(), expected.deadlineSlot(), expected.firstJobSlotIndex(),
              expected.index()));
      assertThat(actual.tenant()).as(where).isEqualTo(expected.tenant());
      assertThat(actual.startRange()).as(where).isEqualTo(expected.startRange());
      assertThat(actual.slotRange()).as(where).isEqualTo(expected.slotRange());
      assertThat(actual.hubRange()).as(where).allSatisfy(hub -> assertThat(working.getHubs()).containsOnlyOnce(hub));
      assertThat(actual.hubRange().stream().map(HubFact::id).toList()).as(where)
          .isEqualTo(expected.hubRange().stream().map(HubFact::id).toList());
    }
    for (int i = 0; i < fresh.getHubs().size(); i++) {
      for (int s = 0; s < view.problem().horizon().slots(); s++) {
        assertThat(working.getHubs().get(i).slot(s).gramsPerKwh()).as(where)
            .isEqualTo(fresh.getHubs().get(i).slot(s).gramsPerKwh());
      }
    }
    for (JobAssignment a : working.getAssignments()) {
      boolean started = view.startedJobs().contains(a.getId());
      assertThat(a.isPinned()).as(where + " job " + a.getId()).isEqualTo(started);
      if (a.getHub() != null) {
        assertThat(working.getHubs()).as(where).contains(a.getHub());
      }
      if (!started && a.getHub() != null && !a.job().interruptible() && a.getStart() != null) {
        assertThat(a.getStart()).as(where + " job " + a.getId()).isGreaterThanOrEqualTo(view.nowSlot());
      }
    }
    for (JobSlot part : working.getJobSlots()) {
      assertThat(part.isPinned()).as(where).isEqualTo(view.startedJobs().contains(part.job().id()));
      if (!part.isPinned() && part.getHub() != null) {
        assertThat(part.getSlot()).as(where + " " + part.getId()).isGreaterThanOrEqualTo(view.nowSlot());
      }
    }
  }

  private static Problem withIntensities(Problem problem, IntensityTable intensities) {
    return Problem.builder().horizon(problem.horizon()).carbonPricePerTonne(problem.carbonPricePerTonne())
        .transferKwhPerGb(problem.transferKwhPerGb()).intensities(intensities).hubs(problem.hubs())
        .tenants(problem.tenants()).jobs(problem.jobs()).build();
  }

  /** Two hubs in two zones, two tenants, three hourly jobs. */
  private static Problem twoZones() {
    return Problem.builder()
        .horizon(Horizon.hourly(T0, 6))
        .zone(ZoneIntensity.of("A", SlotSeries.of(100, 200, 300, 400, 500, 600)))
        .zone(ZoneIntensity.of("B", SlotSeries.of(600, 500, 400, 300, 200, 100)))
        .hub(Hub.builder("north", "A").capacityUnits(2).build())
        .hub(Hub.builder("south", "B").capacityUnits(2).build())
        .tenant(Tenant.of("lab", "research"))
        .tenant(Tenant.of("city", "civic").withGuaranteedShare(0.1))
        .job(job("lab-1", "lab", 0, 6))
        .job(job("lab-2", "lab", 0, 6))
        .job(job("city-1", "city", 0, 6))
        .build();
  }

  private static Job job(String id, String tenant, int release, int deadline) {
    return Job.builder(id, tenant).durationSlots(2).powerKw(5).window(T0.plusSeconds(3600L * release),
        T0.plusSeconds(3600L * deadline)).build();
  }

  @Test
  void doChange_newForecastForOneZone_replacesOnlyItsHub() {
    Problem problem = twoZones();
    Harness h = new Harness(problem, Optional.empty());
    HubFact north = h.solution().getHubs().get(0);
    HubFact south = h.solution().getHubs().get(1);
    List<ZoneIntensity> zones = List.of(ZoneIntensity.withForecast("A", SlotSeries.of(100, 200, 300, 400, 500, 600),
        SlotSeries.of(9, 9, 9, 9, 9, 9)), problem.intensities().zone("B"));

    h.change(withIntensities(problem, IntensityTable.of(zones)), 0);

    assertThat(h.solution().getHubs().get(0)).isNotSameAs(north);
    assertThat(h.solution().getHubs().get(0).slot(3).gramsPerKwh()).isEqualTo(9.0);
    assertThat(h.solution().getHubs().get(1)).isSameAs(south);
  }

  @Test
  void doChange_addedJob_keepsHubsAndOtherTenantsJobFacts() {
    Problem problem = twoZones();
    Harness h = new Harness(problem, Optional.empty());
    List<HubFact> hubs = List.copyOf(h.solution().getHubs());
    JobFact city = h.solution().getJobs().get(2);
    JobFact lab = h.solution().getJobs().get(0);

    h.change(problem.toBuilder().job(job("lab-3", "lab", 1, 6)).build(), 0);

    assertThat(h.solution().getHubs()).containsExactlyElementsOf(hubs);
    // The city tenant's demand did not change, so neither did its facts; the lab's demand did.
    assertThat(h.solution().getJobs().get(2)).isSameAs(city);
    assertThat(h.solution().getJobs().get(0)).isNotSameAs(lab);
    assertThat(h.solution().getJobs().get(0).tenant().demandUnitSlots()).isEqualTo(6);
    assertThat(h.solution().getAssignments().get(3).getId()).isEqualTo("lab-3");
    // Added without hub and start, for the construction heuristic.
    assertThat(h.solution().getAssignments().get(3).getStart()).isNull();
  }

  @Test
  void doChange_timePasses_pinsStartedJobsAndMovesReleasesToNow() {
    Problem problem = twoZones();
    Schedule warm = new Schedule("test", List.of(
        Assignment.contiguous("lab-1", "north", 0, 2),
        Assignment.contiguous("lab-2", "south", 3, 2)),
        List.of(new Unscheduled("city-1", "left out")));
    Harness h = new Harness(problem, Optional.of(warm));

    h.change(problem, 2);

    assertThat(h.view().startedJobs()).containsExactly("lab-1");
    JobAssignment lab1 = h.solution().getAssignments().get(0);
    assertThat(lab1.isPinned()).isTrue();
    assertThat(lab1.getStart()).isZero();
    JobAssignment lab2 = h.solution().getAssignments().get(1);
    assertThat(lab2.isPinned()).isFalse();
    assertThat(lab2.getStart()).isEqualTo(3);
    assertThat(lab2.job().releaseSlot()).isEqualTo(2);
    assertThat(lab2.job().startRange()).containsExactly(2, 3, 4);
    // Unscheduled and not started: its start moves into its new range, which begins at now.
    JobAssignment city = h.solution().getAssignments().get(2);
    assertThat(city.getHub()).isNull();
    assertThat(city.getStart()).isEqualTo(2);
  }

  @Test
  void doChange_jobThatNoLongerFits_leavesThePlanWithAReason() {
    Problem problem = Problem.builder()
        .horizon(Horizon.hourly(T0, 4))
        .zone(ZoneIntensity.of("A", SlotSeries.of(1, 1, 1, 1)))
        .hub(Hub.builder("north", "A").capacityUnits(1).build())
        .tenant(Tenant.of("lab", "research"))
        .job(job("early", "lab", 0, 3))
        .job(job("late", "lab", 0, 4))
        .build();
    Harness h = new Harness(problem, Optional.empty());

    h.change(problem, 2);

    assertThat(h.view().expired()).containsOnlyKeys("early");
    assertThat(h.view().expired().get("early")).contains("Job 'early' can no longer run", "only 1 whole slot(s)",
        "Maybe extend its deadline");
    assertThat(h.solution().getAssignments()).extracting(JobAssignment::getId).containsExactly("late");
  }
}
