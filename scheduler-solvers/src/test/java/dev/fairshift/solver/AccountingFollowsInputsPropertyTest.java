package dev.fairshift.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Limits;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.solver.bound.EmissionsBound;
import dev.fairshift.solver.bound.LowerBound;
import dev.fairshift.solver.fixtures.GeneratedProblems;
import dev.fairshift.solver.optaplanner.internal.FairshiftIncrementalScore;
import dev.fairshift.solver.optaplanner.internal.PlanBuilder;
import dev.fairshift.solver.optaplanner.internal.PlanSolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * One accounting kernel (issue 12): when an input of one formula changes (the PUE in facility energy,
 * the renewable supply, transferKwhPerGb in transfer energy), greedy's plan state, the OptaPlanner facts and
 * incremental score, the bounds and the Evaluator all follow it together. On seeded random problems and
 * their changed variants, greedy's schedule is measured by each: greedy's planned grams are the
 * Evaluator's planned emissions exactly; the incremental soft score (carbon price and fairness off, so it
 * is emissions alone) is the Evaluator's planned emissions in milligrams, up to half a milligram per
 * rounded term; the lower bound stays at or below the Evaluator's emissions (when greedy runs every job). And the change does move
 * the numbers, so the agreement is not between unchanged values.
 */
class AccountingFollowsInputsPropertyTest {
  private static final int PROBLEMS = 40;
  private static final long FIRST_SEED = 412_000;

  record Variant(String name, UnaryOperator<Problem> change) {}

  private static final List<Variant> VARIANTS = List.of(
      new Variant("as generated", p -> p),
      new Variant("PUE x 1.3", p -> withHubs(p, h -> new Hub(h.id(), h.zone(), Math.min(Limits.MAX_PUE, h.pue() * 1.3),
          h.capacityUnits(), h.powerCapKw(), h.renewableKw(), h.pricePerKwh()))),
      new Variant("renewables x 4 + 2 kW", p -> withHubs(p, h -> new Hub(h.id(), h.zone(), h.pue(),
          h.capacityUnits(), h.powerCapKw(), scaled(h.renewableKw(), p.horizon().slots(), 4, 2), h.pricePerKwh()))),
      new Variant("transferKwhPerGb x 5 + 0.05", p -> rebuilt(p, p.hubs(), 5 * p.transferKwhPerGb() + 0.05)));

  @Test
  void greedyOptaPlannerBoundsAndEvaluatorFollowAChangedInput() {
    int[] moved = new int[VARIANTS.size()];
    int withTransfers = 0;
    int bounded = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROBLEMS; seed++) {
      Problem generated = GeneratedProblems.random(new Random(seed), 12);
      // Unpriced, so the soft score is emissions alone (energy cost is a separate soft term).
      Problem base = generated.toBuilder().carbonPricePerTonne(0).build();
      Schedule baseSchedule = null;
      double basePlanned = Double.NaN;
      for (int v = 0; v < VARIANTS.size(); v++) {
        Variant variant = VARIANTS.get(v);
        Problem problem = variant.change().apply(base);
        String what = "seed " + seed + ", " + variant.name();

        PlanState st = new PlanState(problem);
        GreedyScheduler.construct(st, new CheapestPlacement(st), GreedyScheduler.mainOrder(st));
        String[] reasons = new String[st.jobCount];
        for (int j = 0; j < st.jobCount; j++) {
          reasons[j] = st.placed(j) ? null : "left out";
        }
        Schedule schedule = st.toSchedule("greedy", reasons);
        Evaluation evaluation = Evaluator.evaluate(problem, schedule);
        double planned = evaluation.plannedEmissionsGrams().orElse(evaluation.emissionsGrams());
        assertThat(st.plannedGrams()).as("greedy's planned grams, %s", what).isEqualTo(planned);

        PlanSolution solution = PlanBuilder.build(problem, 0.0, Optional.of(schedule)).solution();
        FairshiftIncrementalScore score = new FairshiftIncrementalScore();
        score.resetWorkingSolution(solution);
        long softMg = -score.calculateScore().softScore();
        int terms = roundedTerms(st);
        assertThat(softMg / 1000.0).as("OptaPlanner's soft score in grams, %s", what)
            .isCloseTo(planned, within(0.0005 * terms + 1e-9 * planned));

        if (evaluation.unscheduledJobs() == 0) {
          // The bound is over schedules that run every job, so it holds for greedy's when that runs them all.
          EmissionsBound bound = LowerBound.of(problem);
          assertThat(bound.gramsCo2e()).as("lower bound, %s", what)
              .isLessThanOrEqualTo(evaluation.emissionsGrams() * (1 + 1e-9) + 1e-6);
          bounded++;
        }

        if (v == 0) {
          baseSchedule = schedule;
          basePlanned = planned;
        } else {
          // The same schedule measured under the changed input: the Evaluator's numbers move with it.
          Evaluation same = Evaluator.evaluate(problem, baseSchedule);
          Evaluation before = Evaluator.evaluate(base, baseSchedule);
          if (same.energyKwh() + same.transferKwh() != before.energyKwh() + before.transferKwh()
              || same.gridKwh() != before.gridKwh()) {
            moved[v]++;
          }
          withTransfers += v == 3 && same.transferKwh() > 0 ? 1 : 0;
        }
        assertThat(basePlanned).as("base measured first").isNotNaN();
      }
    }
    assertThat(moved[1]).as("problems whose energy moved with the PUE").isGreaterThan(PROBLEMS * 3 / 4);
    assertThat(moved[2]).as("problems whose grid energy moved with the renewables").isGreaterThan(PROBLEMS / 2);
    assertThat(moved[3]).as("problems whose transfer energy moved with transferKwhPerGb").isEqualTo(withTransfers);
    assertThat(withTransfers).as("problems whose greedy schedule moves a job").isGreaterThan(0);
    assertThat(bounded).as("variants whose greedy schedule runs every job, checked against the bound")
        .isGreaterThan(PROBLEMS);
  }

  /** How many numbers the soft score rounds to milligrams: one per loaded hub-slot, one per moved job. */
  private static int roundedTerms(PlanState st) {
    boolean[][] loaded = new boolean[st.hubCount][st.slotCount];
    int terms = 0;
    for (int j = 0; j < st.jobCount; j++) {
      if (st.hubOf[j] < 0) {
        continue;
      }
      for (int s : st.slotsOf[j]) {
        if (!loaded[st.hubOf[j]][s]) {
          loaded[st.hubOf[j]][s] = true;
          terms++;
        }
      }
      terms += st.transferKwh[j] > 0 && st.origin[j] >= 0 && st.origin[j] != st.hubOf[j] ? 1 : 0;
    }
    return terms;
  }

  private static Problem withHubs(Problem p, UnaryOperator<Hub> change) {
    List<Hub> hubs = new ArrayList<>();
    p.hubs().forEach(h -> hubs.add(change.apply(h)));
    return rebuilt(p, hubs, p.transferKwhPerGb());
  }

  private static Problem rebuilt(Problem p, List<Hub> hubs, double transferKwhPerGb) {
    Problem.Builder b = Problem.builder().horizon(p.horizon()).carbonPricePerTonne(p.carbonPricePerTonne())
        .transferKwhPerGb(transferKwhPerGb);
    p.intensities().zones().forEach(b::zone);
    hubs.forEach(b::hub);
    p.tenants().forEach(b::tenant);
    p.jobs().forEach(b::job);
    return b.build();
  }

  private static SlotSeries scaled(SlotSeries kw, int slots, double factor, double plus) {
    double[] values = kw.toArray(slots);
    for (int s = 0; s < slots; s++) {
      values[s] = values[s] * factor + plus;
    }
    return SlotSeries.of(values);
  }
}
