package dev.fairshift.benchmarks.referee;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.solver.fixtures.RandomJobs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random small valid problems for the referee's property tests: 1-3 hubs, 1-2 zones (sometimes with
 * a forecast), 8-16 hourly slots, capacities that are sometimes per slot, power caps, renewables,
 * transfers, 1-9 jobs with random windows, interruptible flags, allowed hubs, origins and priorities,
 * and tenants with guarantees and caps. Small enough that CP-SAT proves optimality in well under a
 * second. The same seed gives the same problem.
 */
final class SmallProblems {
  static final Instant T0 = Instant.parse("2023-01-16T00:00:00Z");

  private SmallProblems() {}

  static Problem generate(long seed) {
    Random rnd = new Random(seed);
    int slots = 8 + rnd.nextInt(9);
    Horizon horizon = Horizon.hourly(T0, slots);
    Problem.Builder b = Problem.builder().horizon(horizon);
    if (rnd.nextBoolean()) {
      b.transferKwhPerGb(0.01 + rnd.nextInt(5) * 0.01);
    }
    int zones = 1 + rnd.nextInt(2);
    for (int z = 0; z < zones; z++) {
      double[] grams = new double[slots];
      double[] forecast = new double[slots];
      for (int s = 0; s < slots; s++) {
        grams[s] = Math.round((50 + rnd.nextDouble() * 500) * 100) / 100.0;
        forecast[s] = Math.round(grams[s] * (0.8 + 0.4 * rnd.nextDouble()) * 100) / 100.0;
      }
      b.zone(rnd.nextInt(4) == 0 ? ZoneIntensity.withForecast("Z" + z, SlotSeries.of(grams), SlotSeries.of(forecast))
          : ZoneIntensity.of("Z" + z, SlotSeries.of(grams)));
    }
    int hubs = 1 + rnd.nextInt(3);
    List<Hub> hubList = new ArrayList<>();
    for (int h = 0; h < hubs; h++) {
      Hub.Builder hb = Hub.builder("H" + h, "Z" + rnd.nextInt(zones)).pue(1 + rnd.nextInt(5) * 0.1);
      int cap = 2 + rnd.nextInt(5);
      if (rnd.nextBoolean()) {
        hb.capacityUnits(cap);
      } else {
        double[] caps = new double[slots];
        for (int s = 0; s < slots; s++) {
          caps[s] = rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(cap);
        }
        hb.capacityUnits(SlotSeries.of(caps));
      }
      if (rnd.nextInt(3) == 0) {
        hb.powerCapKw(15 + rnd.nextInt(30));
      }
      if (rnd.nextInt(3) == 0) {
        double[] kw = new double[slots];
        for (int s = 0; s < slots; s++) {
          kw[s] = s % 24 >= 3 && s % 24 < 9 ? rnd.nextInt(15) : 0;
        }
        hb.renewableKw(SlotSeries.of(kw));
      }
      hubList.add(hb.build());
    }
    b.hubs(hubList);
    int tenants = 1 + rnd.nextInt(3);
    for (int t = 0; t < tenants; t++) {
      double guaranteed = rnd.nextInt(3) == 0 ? 0.02 + rnd.nextInt(10) * 0.01 : 0;
      double max = rnd.nextInt(3) == 0 ? Math.max(guaranteed, 0.05 + rnd.nextInt(30) * 0.01) : 1.0;
      b.tenant(new Tenant("T" + t, "research", guaranteed, max, 1.0));
    }
    int jobs = 1 + rnd.nextInt(9);
    RandomJobs.addFittingAlone(b, jobs, horizon, hubList, j -> job(rnd, "J" + j, tenants, horizon, hubList));
    return b.build();
  }

  private static Job job(Random rnd, String id, int tenants, Horizon horizon, List<Hub> hubs) {
    int slots = horizon.slots();
    int duration = 1 + rnd.nextInt(4);
    int release = rnd.nextInt(slots - duration + 1);
    int deadline = Math.min(slots, release + duration + rnd.nextInt(8));
    Job.Builder jb = Job.builder(id, "T" + rnd.nextInt(tenants))
        .durationSlots(duration)
        .powerKw(1 + rnd.nextInt(12) + rnd.nextInt(4) * 0.25)
        .units(1 + rnd.nextInt(3))
        .window(horizon.slotStart(release), horizon.slotStart(deadline))
        .interruptible(duration > 1 && rnd.nextInt(3) == 0)
        .priority(rnd.nextInt(4) == 0 ? 2 + rnd.nextInt(2) : 1);
    return RandomJobs.residency(rnd, jb, hubs, 400).build();
  }

}
