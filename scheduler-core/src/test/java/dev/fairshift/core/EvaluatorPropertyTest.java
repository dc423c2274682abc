package dev.fairshift.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Evaluator against a deliberately naive transcription of FORMAT.md's accounting (maps keyed by
 * hub and slot, no shared code), on random problems and random schedules, feasible or not.
 */
class EvaluatorPropertyTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  @Test
  void evaluate_matchesAnIndependentRecomputationOfFormatMd() {
    for (long seed = 1; seed <= 300; seed++) {
      Random r = new Random(seed);
      Problem p = randomProblem(r);
      Schedule s = randomSchedule(r, p);

      Evaluation e = Evaluator.evaluate(p, s);

      double[] expected = naive(p, s);
      String why = "seed " + seed;
      assertThat(e.energyKwh()).as(why).isCloseTo(expected[0], within(1e-6 * (1 + expected[0])));
      assertThat(e.emissionsGrams()).as(why).isCloseTo(expected[1], within(1e-6 * (1 + expected[1])));
      assertThat(e.cost()).as(why).isCloseTo(expected[2], within(1e-6 * (1 + expected[2])));
      double perJob = e.jobs().stream().mapToDouble(JobResult::emissionsGrams).sum();
      assertThat(perJob).as(why + ": per-job emissions add up").isCloseTo(e.emissionsGrams(),
          within(1e-6 * (1 + e.emissionsGrams())));
    }
  }

  /** {energy kWh, emissions g, cost} straight from FORMAT.md. */
  private static double[] naive(Problem p, Schedule s) {
    double t = p.horizon().slotLength().toMinutes() / 60.0;
    Map<String, Double> itKw = new HashMap<>();
    double transferGrams = 0;
    for (Assignment a : s.assignments()) {
      Job job = p.job(a.job());
      for (int slot : a.slots()) {
        itKw.merge(a.hub() + "@" + slot, job.powerKw(), Double::sum);
      }
      if (job.originHub().isPresent() && !job.originHub().get().equals(a.hub())) {
        Hub hub = p.hub(a.hub());
        transferGrams += job.dataGb() * p.transferKwhPerGb()
            * p.intensities().zone(hub.zone()).gramsPerKwh().at(a.slots().get(0));
      }
    }
    double energy = 0;
    double grid = 0;
    double gridCost = 0;
    double grams = 0;
    for (Map.Entry<String, Double> cell : itKw.entrySet()) {
      String[] key = cell.getKey().split("@");
      Hub hub = p.hub(key[0]);
      int slot = Integer.parseInt(key[1]);
      double e = hub.pue() * cell.getValue() * t;
      double g = Math.max(0, e - hub.renewableKw().at(slot) * t);
      energy += e;
      grid += g;
      gridCost += g * hub.pricePerKwh().at(slot);
      grams += g * p.intensities().zone(hub.zone()).gramsPerKwh().at(slot);
    }
    grams += transferGrams;
    return new double[] {energy, grams, gridCost + p.carbonPricePerTonne() * grams / 1e6, grid};
  }

  private static Problem randomProblem(Random r) {
    int slots = 6 + r.nextInt(30);
    int minutes = new int[] {15, 30, 60}[r.nextInt(3)];
    Horizon horizon = Horizon.of(T0, minutes, slots);
    Problem.Builder b = Problem.builder().horizon(horizon)
        .carbonPricePerTonne(r.nextInt(3) * 50.0).transferKwhPerGb(r.nextDouble() * 0.05);
    int zones = 1 + r.nextInt(3);
    for (int z = 0; z < zones; z++) {
      b.zone(ZoneIntensity.of("Z" + z, SlotSeries.of(series(r, slots, 20, 700))));
    }
    int hubs = 1 + r.nextInt(4);
    for (int h = 0; h < hubs; h++) {
      Hub.Builder hub = Hub.builder("h" + h, "Z" + r.nextInt(zones)).capacityUnits(50).pue(1 + r.nextDouble() * 0.6)
          .pricePerKwh(r.nextBoolean() ? SlotSeries.scalar(0.2) : SlotSeries.of(series(r, slots, 0.05, 0.4)));
      if (r.nextBoolean()) {
        hub.renewableKw(SlotSeries.of(series(r, slots, 0, 30)));
      }
      b.hub(hub.build());
    }
    b.tenant(Tenant.of("t", "research"));
    int jobs = 1 + r.nextInt(12);
    Instant end = horizon.end();
    for (int j = 0; j < jobs; j++) {
      Job.Builder job = Job.builder("j" + j, "t").durationSlots(1 + r.nextInt(Math.min(4, slots)))
          .powerKw(r.nextDouble() * 20).units(1 + r.nextInt(3)).window(T0, end)
          .interruptible(r.nextBoolean());
      if (r.nextBoolean()) {
        job.originHub("h" + r.nextInt(hubs)).dataGb(r.nextDouble() * 300);
      }
      b.job(job.build());
    }
    return b.build();
  }

  /** Random placements: any hub, any distinct slots of the right count (rules may well be broken). */
  private static Schedule randomSchedule(Random r, Problem p) {
    List<Assignment> assigned = new ArrayList<>();
    List<Unscheduled> left = new ArrayList<>();
    for (Job job : p.jobs()) {
      if (r.nextInt(5) == 0) {
        left.add(new Unscheduled(job.id(), "random"));
        continue;
      }
      TreeSet<Integer> slots = new TreeSet<>();
      while (slots.size() < job.durationSlots()) {
        slots.add(r.nextInt(p.horizon().slots()));
      }
      assigned.add(new Assignment(job.id(), "h" + r.nextInt(p.hubs().size()), List.copyOf(slots)));
    }
    return new Schedule("random", assigned, left);
  }

  private static double[] series(Random r, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo + r.nextDouble() * (hi - lo);
    }
    return v;
  }
}
