package dev.fairshift.solver.decompose;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random problems with regions: 2 to 4 zones of 1 to 3 hubs each, a share of the jobs bound to
 * their origin's zone (data residency), the rest free; capacities that vary per slot, power caps that
 * bind, on-site solar, forecasts, tenants with guarantees, caps and fairness windows, interruptible
 * jobs and two priorities; loads up to about 1.2 of capacity. Every problem is valid.
 */
final class RegionalProblems {
  static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  private RegionalProblems() {}

  static Problem random(long seed, int maxJobs) {
    Random r = new Random(seed);
    for (int attempt = 0; ; attempt++) {
      try {
        return draw(r, maxJobs);
      } catch (InvalidProblemException e) {
        if (attempt > 200) {
          throw e;
        }
      }
    }
  }

  private static Problem draw(Random r, int maxJobs) {
    int slots = 24 + r.nextInt(49);
    Horizon horizon = Horizon.hourly(T0, slots);
    Problem.Builder b = Problem.builder().horizon(horizon).transferKwhPerGb(r.nextBoolean() ? 0.03 : 0);
    if (r.nextBoolean()) {
      b.carbonPricePerTonne(80);
    }
    int zones = 2 + r.nextInt(3);
    List<List<String>> hubsOfZone = new ArrayList<>();
    List<String> allHubs = new ArrayList<>();
    for (int z = 0; z < zones; z++) {
      double base = 30 + r.nextInt(600);
      double[] grams = new double[slots];
      double[] forecast = new double[slots];
      for (int s = 0; s < slots; s++) {
        grams[s] = Math.max(5, base * (1 + 0.5 * Math.sin((s + z * 5) / 24.0 * 2 * Math.PI)) + r.nextGaussian() * 15);
        forecast[s] = Math.max(5, grams[s] + r.nextGaussian() * 30);
      }
      b.zone(r.nextInt(4) == 0 ? ZoneIntensity.withForecast("Z" + z, SlotSeries.of(grams), SlotSeries.of(forecast))
          : ZoneIntensity.of("Z" + z, SlotSeries.of(grams)));
      List<String> ids = new ArrayList<>();
      int hubs = 1 + r.nextInt(3);
      for (int h = 0; h < hubs; h++) {
        String id = "Z" + z + "-hub-" + h;
        Hub.Builder hub = Hub.builder(id, "Z" + z).pue(Math.round((1 + r.nextDouble() * 0.5) * 100) / 100.0);
        int cap = 4 + r.nextInt(13);
        if (r.nextInt(3) == 0) {
          double[] caps = new double[slots];
          for (int s = 0; s < slots; s++) {
            caps[s] = r.nextInt(8) == 0 ? 0 : Math.max(4, cap - r.nextInt(4));
          }
          hub.capacityUnits(SlotSeries.of(caps));
        } else {
          hub.capacityUnits(cap);
        }
        if (r.nextBoolean()) {
          hub.powerCapKw(4 + r.nextInt(3 * cap));
        }
        if (r.nextBoolean()) {
          double peak = r.nextInt(2 * cap);
          double[] kw = new double[slots];
          for (int s = 0; s < slots; s++) {
            int hour = s % 24;
            kw[s] = hour >= 7 && hour < 18 ? Math.round(peak * Math.sin((hour - 7) / 11.0 * Math.PI) * 10) / 10.0 : 0;
          }
          hub.renewableKw(SlotSeries.of(kw));
        }
        hub.pricePerKwh(0.1 + r.nextInt(20) * 0.01);
        b.hub(hub.build());
        ids.add(id);
        allHubs.add(id);
      }
      hubsOfZone.add(ids);
    }
    int tenants = 1 + r.nextInt(3);
    for (int t = 0; t < tenants; t++) {
      Tenant tenant = Tenant.of("T" + t, "research");
      if (r.nextInt(3) == 0) {
        tenant = tenant.withMaxShare(0.15 + r.nextInt(40) * 0.01);
      }
      if (r.nextInt(3) == 0) {
        tenant = tenant.withGuaranteedShare(Math.min(tenant.maxShare(), 0.05 + r.nextInt(20) * 0.01) / tenants);
      }
      if (r.nextInt(4) == 0) {
        tenant = tenant.withFairnessWindowSlots(12 + r.nextInt(24));
      }
      b.tenant(tenant);
    }
    int jobs = 5 + r.nextInt(Math.max(1, maxJobs - 4));
    double residentShare = r.nextDouble();
    for (int j = 0; j < jobs; j++) {
      int duration = 1 + r.nextInt(6);
      int release = r.nextInt(slots - duration + 1);
      int deadline = Math.min(slots, release + duration + r.nextInt(24));
      int zone = r.nextInt(zones);
      List<String> home = hubsOfZone.get(zone);
      int units = 1 + r.nextInt(4);
      Job.Builder job = Job.builder("J" + j, "T" + r.nextInt(tenants)).durationSlots(duration)
          .powerKw(Math.round(units * (0.2 + r.nextDouble() * 0.4) * 100) / 100.0).units(units)
          .window(horizon.slotStart(release), horizon.slotStart(deadline))
          .interruptible(duration > 1 && r.nextInt(3) == 0)
          .originHub(home.get(r.nextInt(home.size()))).dataGb(Math.round(r.nextDouble() * 500) / 10.0)
          .priority(r.nextInt(5) == 0 ? 5 : 1);
      if (r.nextDouble() < residentShare) {
        job.allowedHubs(home);
      }
      b.job(job.build());
    }
    return b.build();
  }
}
