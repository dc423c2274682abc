package dev.fairshift.service;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import java.time.Instant;
import java.util.Random;

/**
  * Problems for the service tests. A week-long, seeded synthetic problem at scale (as scheduler-solvers' ScaleProblems): daily intensity cycles in
 * several zones, solar at some hubs, jobs of four tenants with windows of hours to days. Not for
 * asserting timings.
 */
final class TestProblems {
  private TestProblems() {}

  /** One job, one hub, four hourly slots: greedy and the optimum run it in slots 2-3 (4.5 kg CO2e). */
  static final String SMALL = """
      {
        "version": 1,
        "horizon": { "start": "2021-03-01T00:00:00Z", "slotMinutes": 60, "slots": 4 },
        "carbonPricePerTonne": 80.0,
        "zones": [ { "id": "DE", "signal": "average", "gramsPerKwh": [400.0, 300.0, 100.0, 200.0] } ],
        "hubs": [ { "id": "berlin", "zone": "DE", "pue": 1.5, "capacityUnits": 4, "pricePerKwh": 0.2 } ],
        "tenants": [ { "id": "students", "class": "newcomer", "guaranteedShare": 0.25 } ],
        "jobs": [
          { "id": "train-1", "tenant": "students", "durationSlots": 2, "powerKw": 10.0, "units": 2,
            "release": "2021-03-01T00:00:00Z", "deadline": "2021-03-01T04:00:00Z" }
        ]
      }
      """;

  /** A week of {@code jobs} jobs on {@code hubs} hubs as JSON: OptaPlanner keeps improving it for seconds. */
  static String weekJson(long seed, int jobs, int hubs) {
    return dev.fairshift.core.json.ProblemJson.write(week(seed, jobs, hubs));
  }

  /** {@code jobs} jobs over {@code hubs} hubs and 168 hourly slots, with energy and carbon prices. */
  static Problem week(long seed, int jobs, int hubs) {
    return week(seed, jobs, hubs, 168, true);
  }

  /**
   * {@code jobs} jobs over {@code hubs} hubs and {@code slots} hourly slots; without prices the
   * soft score is emissions alone.
   */
  static Problem week(long seed, int jobs, int hubs, int slots, boolean priced) {
    Random r = new Random(seed);
    Instant t0 = Instant.parse("2021-03-01T00:00:00Z");
    Horizon horizon = Horizon.hourly(t0, slots);
    Problem.Builder b = Problem.builder().horizon(horizon).carbonPricePerTonne(priced ? 80 : 0)
        .transferKwhPerGb(0.03);
    int zones = Math.min(hubs, 4);
    for (int z = 0; z < zones; z++) {
      double[] g = new double[slots];
      double base = 150 + 100 * z;
      for (int s = 0; s < slots; s++) {
        g[s] = Math.round(base + 120 * Math.sin((s % 24 - 6 + 3 * z) / 24.0 * 2 * Math.PI) + r.nextGaussian() * 15);
        g[s] = Math.max(20, g[s]);
      }
      b.zone(ZoneIntensity.of("Z" + z, SlotSeries.of(g)));
    }
    for (int h = 0; h < hubs; h++) {
      Hub.Builder hub = Hub.builder("hub-" + h, "Z" + (h % zones)).pue(1.1 + 0.05 * (h % 4))
          .capacityUnits(24 + 8 * (h % 3)).powerCapKw(400).pricePerKwh(priced ? 0.12 + 0.02 * (h % 5) : 0);
      if (h % 2 == 0) {
        double[] sun = new double[slots];
        for (int s = 0; s < slots; s++) {
          int hour = s % 24;
          sun[s] = hour >= 7 && hour <= 18 ? Math.round(80 * Math.sin((hour - 6) / 13.0 * Math.PI)) : 0;
        }
        hub.renewableKw(SlotSeries.of(sun));
      }
      b.hub(hub.build());
    }
    String[] tenants = {"students", "civic", "research", "commercial"};
    b.tenant(Tenant.of("students", "newcomer").withGuaranteedShare(0.05).withWeight(2));
    b.tenant(Tenant.of("civic", "civic").withGuaranteedShare(0.1));
    b.tenant(Tenant.of("research", "research").withMaxShare(0.5));
    b.tenant(Tenant.of("commercial", "commercial").withMaxShare(0.4));
    for (int j = 0; j < jobs; j++) {
      int duration = 1 + r.nextInt(8);
      int release = r.nextInt(slots - duration);
      int window = duration + r.nextInt(Math.min(slots - release - duration, Math.max(1, slots / 3)) + 1);
      Job.Builder job = Job.builder("job-" + j, tenants[r.nextInt(tenants.length)])
          .durationSlots(duration)
          .powerKw(Math.round((2 + r.nextDouble() * 30) * 10) / 10.0)
          .units(1 + r.nextInt(4))
          .window(horizon.slotStart(release), horizon.slotStart(release + window))
          .interruptible(r.nextDouble() < 0.25)
          .priority(1 + r.nextInt(3));
      if (r.nextDouble() < 0.5) {
        job.originHub("hub-" + r.nextInt(hubs)).dataGb(Math.round(r.nextDouble() * 500));
      }
      if (r.nextDouble() < 0.3) {
        job.allowedHubs("hub-" + r.nextInt(hubs), "hub-" + r.nextInt(hubs));
      }
      b.job(job.build());
    }
    return b.build();
  }
}
