package dev.fairshift.solver;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.solver.fixtures.RandomJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random valid problems for the property tests: 1-4 hubs, 1-3 zones, 24-72 slots, capacities that
 * are sometimes per slot with zero slots, power caps, renewables, 1-{@code maxJobs} jobs with random
 * windows, interruptible flags, allowed hubs, origins, and tenants with guarantees and max shares.
 * The same seed gives the same problem.
 */
final class RandomProblems {
  static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  private RandomProblems() {}

  static Problem generate(long seed) {
    return generate(new Random(seed), 40);
  }

  static Problem generate(Random rnd, int maxJobs) {
    int slots = 24 + rnd.nextInt(49);
    int slotMinutes = rnd.nextInt(4) == 0 ? 30 : 60;
    Horizon horizon = Horizon.of(T0, slotMinutes, slots);
    Problem.Builder b = Problem.builder().horizon(horizon);
    if (rnd.nextBoolean()) {
      b.transferKwhPerGb(rnd.nextDouble() * 0.2);
    }
    if (rnd.nextBoolean()) {
      b.carbonPricePerTonne(rnd.nextInt(150));
    }

    int zones = 1 + rnd.nextInt(3);
    for (int z = 0; z < zones; z++) {
      double base = 50 + rnd.nextInt(500);
      double swing = rnd.nextDouble() * base;
      double phase = rnd.nextDouble() * 24;
      double[] grams = new double[slots];
      for (int s = 0; s < slots; s++) {
        double hour = s * slotMinutes / 60.0;
        grams[s] = Math.max(5, base + swing * Math.sin((hour + phase) / 24 * 2 * Math.PI)
            + rnd.nextGaussian() * 20);
        if (rnd.nextInt(5) == 0) {
          grams[s] = Math.round(grams[s]); // some exact ties between slots
        }
      }
      b.zone(ZoneIntensity.of("Z" + z, SlotSeries.of(grams)));
    }

    int hubs = 1 + rnd.nextInt(4);
    List<Hub> hubList = new ArrayList<>();
    for (int h = 0; h < hubs; h++) {
      Hub.Builder hb = Hub.builder("H" + h, "Z" + rnd.nextInt(zones)).pue(1 + rnd.nextInt(7) * 0.1);
      int cap = 2 + rnd.nextInt(15);
      if (rnd.nextBoolean()) {
        hb.capacityUnits(cap);
      } else {
        double[] caps = new double[slots];
        for (int s = 0; s < slots; s++) {
          caps[s] = rnd.nextInt(6) == 0 ? 0 : rnd.nextInt(cap + 1);
        }
        hb.capacityUnits(SlotSeries.of(caps));
      }
      switch (rnd.nextInt(3)) {
        case 0 -> hb.powerCapKw(20 + rnd.nextInt(100));
        case 1 -> {
          double[] caps = new double[slots];
          for (int s = 0; s < slots; s++) {
            caps[s] = 10 + rnd.nextInt(120);
          }
          hb.powerCapKw(SlotSeries.of(caps));
        }
        default -> { }
      }
      if (rnd.nextBoolean()) {
        double[] kw = new double[slots];
        double peak = rnd.nextInt(60);
        for (int s = 0; s < slots; s++) {
          double hour = (s * slotMinutes / 60.0) % 24;
          kw[s] = hour >= 8 && hour < 17 ? Math.round(peak * Math.sin((hour - 8) / 9 * Math.PI)) : 0;
        }
        hb.renewableKw(SlotSeries.of(kw));
      }
      if (rnd.nextBoolean()) {
        hb.pricePerKwh(0.1 + rnd.nextInt(20) * 0.01);
      } else {
        double[] price = new double[slots];
        for (int s = 0; s < slots; s++) {
          price[s] = 0.05 + rnd.nextInt(30) * 0.01;
        }
        hb.pricePerKwh(SlotSeries.of(price));
      }
      hubList.add(hb.build());
    }
    b.hubs(hubList);

    int tenants = 1 + rnd.nextInt(4);
    double guaranteeLeft = 1.0;
    for (int t = 0; t < tenants; t++) {
      double guaranteed = 0;
      if (rnd.nextInt(3) == 0) {
        guaranteed = Math.min(guaranteeLeft, 0.02 + rnd.nextInt(25) * 0.01);
        guaranteeLeft -= guaranteed;
      }
      double max = rnd.nextInt(3) == 0 ? Math.max(guaranteed, 0.05 + rnd.nextInt(60) * 0.01) : 1.0;
      b.tenant(new Tenant("T" + t, "research", guaranteed, Math.max(max, 0.01), 1.0));
    }

    int jobs = 1 + rnd.nextInt(maxJobs);
    RandomJobs.addFittingAlone(b, jobs, horizon, hubList, j -> job(rnd, "J" + j, tenants, horizon, hubList));
    return b.build();
  }

  private static Job job(Random rnd, String id, int tenants, Horizon horizon, List<Hub> hubs) {
    int slots = horizon.slots();
    int duration = 1 + rnd.nextInt(Math.min(8, slots));
    int release = rnd.nextInt(slots - duration + 1);
    int deadline = Math.min(slots, release + duration + rnd.nextInt(slots));
    Duration slot = horizon.slotLength();
    Instant releaseAt = horizon.slotStart(release);
    Instant deadlineAt = horizon.slotStart(deadline);
    if (rnd.nextInt(6) == 0 && release > 0) {
      releaseAt = releaseAt.minus(slot.dividedBy(3)); // rounds up to the slot boundary
    }
    if (rnd.nextInt(6) == 0 && deadline < slots) {
      deadlineAt = deadlineAt.plus(slot.dividedBy(2)); // rounds down to the slot boundary
    }
    Job.Builder jb = Job.builder(id, "T" + rnd.nextInt(tenants))
        .durationSlots(duration)
        .powerKw(rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(30) + rnd.nextInt(4) * 0.25)
        .units(1 + rnd.nextInt(6))
        .window(releaseAt, deadlineAt)
        .interruptible(rnd.nextInt(3) == 0)
        .priority(1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(3) : 0));
    return RandomJobs.residency(rnd, jb, hubs, 500).build();
  }

  /** The ids of the jobs a schedule lists, assigned then unscheduled. */
  static List<String> jobIds(Schedule schedule) {
    List<String> ids = new ArrayList<>();
    schedule.assignments().forEach(a -> ids.add(a.job()));
    schedule.unscheduled().forEach(u -> ids.add(u.job()));
    return ids;
  }

}
