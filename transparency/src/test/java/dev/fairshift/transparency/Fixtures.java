package dev.fairshift.transparency;

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
import dev.fairshift.signals.EmbeddedData;
import dev.fairshift.solver.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Problems on real grid data (Electricity Maps, DE and GB, a March 2023 week) and their schedules. */
final class Fixtures {
  static final Instant START = Instant.parse("2023-03-06T00:00:00Z");
  static final Horizon WEEK = Horizon.hourly(START, 168);

  private Fixtures() {}

  /** Solar-shaped on-site supply: peakKw at noon UTC, 0 at night. */
  static SlotSeries solar(int slots, double peakKw) {
    double[] kw = new double[slots];
    for (int s = 0; s < slots; s++) {
      int hour = s % 24;
      kw[s] = hour >= 6 && hour <= 18 ? peakKw * Math.sin(Math.PI * (hour - 6) / 12.0) : 0;
    }
    return SlotSeries.of(kw);
  }

  /**
   * Three hubs in DE and GB (one with solar and a power cap), five tenants of four classes (a
   * guarantee measured per day, a cap, one tenant with the given odd id), {@code jobs} seeded jobs,
   * five competing for the same two slots of one
   * hub, so that four are left out.
   */
  static Problem problem(long seed, int jobs, String oddTenantId) {
    return problem(seed, jobs, oddTenantId, true);
  }

  static Problem problem(long seed, int jobs, String oddTenantId, boolean oversize) {
    Random random = new Random(seed);
    ZoneIntensity de = EmbeddedData.zoneIntensity("DE", WEEK);
    ZoneIntensity gb = EmbeddedData.zoneIntensity("GB", WEEK);
    Problem.Builder b = Problem.builder().horizon(WEEK).carbonPricePerTonne(80).transferKwhPerGb(0.03)
        .zone(de).zone(gb)
        .hub(Hub.builder("berlin-campus", "DE").pue(1.2).capacityUnits(16).powerCapKw(60)
            .renewableKw(solar(168, 25)).pricePerKwh(0.21).build())
        .hub(Hub.builder("leipzig-community", "DE").pue(1.4).capacityUnits(8).pricePerKwh(0.19).build())
        .hub(Hub.builder("edinburgh-uni", "GB").pue(1.1).capacityUnits(12).pricePerKwh(0.24).build())
        .tenant(Tenant.of("students", "newcomer").withGuaranteedShare(0.1).withFairnessWindowSlots(24))
        .tenant(Tenant.of(oddTenantId, "newcomer").withGuaranteedShare(0.05))
        .tenant(Tenant.of("city-council", "civic").withGuaranteedShare(0.1))
        .tenant(Tenant.of("climate-lab", "research").withMaxShare(0.4).withWeight(2))
        .tenant(Tenant.of("render-farm", "commercial").withMaxShare(0.25));
    String[] tenants = {"students", oddTenantId, "city-council", "climate-lab", "render-farm"};
    String[] hubs = {"berlin-campus", "leipzig-community", "edinburgh-uni"};
    for (int i = 0; i < jobs; i++) {
      String tenant = tenants[random.nextInt(tenants.length)];
      int release = random.nextInt(140);
      int duration = 1 + random.nextInt(6);
      int slack = duration + random.nextInt(30);
      Job.Builder job = Job.builder("job-" + i, tenant).durationSlots(duration).powerKw(2 + random.nextInt(18))
          .units(1 + random.nextInt(4)).interruptible(random.nextInt(4) == 0)
          .window(WEEK.slotStart(release), WEEK.slotStart(Math.min(168, release + slack)));
      if (random.nextInt(3) == 0) {
        job.originHub(hubs[random.nextInt(hubs.length)]).dataGb(random.nextInt(300));
      }
      if (oversize && i % 25 == 7) {
        // all want the whole of one small hub in the same two slots: only one can run
        job.units(8).durationSlots(2).interruptible(false).allowedHubs("leipzig-community")
            .window(WEEK.slotStart(50), WEEK.slotStart(52));
      }
      b.job(job.build());
    }
    return b.build();
  }

  static Problem problem(long seed, int jobs) {
    return problem(seed, jobs, "makers-club");
  }

  static Schedule greedy(Problem problem) {
    return Scheduler.greedy().schedule(problem);
  }

  static Schedule asap(Problem problem) {
    return Scheduler.asap().schedule(problem);
  }

  /**
   * {@code jobs} two-slot jobs on 16 hubs with room for all, placed at release round-robin without
   * a solver: a large feasible schedule built fast.
   */
  static Problem large(int jobs) {
    Horizon horizon = WEEK;
    ZoneIntensity de = EmbeddedData.zoneIntensity("DE", horizon);
    Problem.Builder b = Problem.builder().horizon(horizon).carbonPricePerTonne(80).zone(de);
    for (int h = 0; h < 16; h++) {
      b.hub(Hub.builder("hub-" + h, "DE").pue(1.2).capacityUnits(1_000).pricePerKwh(0.2).build());
    }
    for (int t = 0; t < 40; t++) {
      b.tenant(Tenant.of("tenant-" + t, t % 4 == 0 ? "newcomer" : "research").withGuaranteedShare(t % 4 == 0 ? 0.01 : 0));
    }
    Random random = new Random(7);
    List<Job> list = new ArrayList<>(jobs);
    for (int i = 0; i < jobs; i++) {
      int release = random.nextInt(160);
      list.add(Job.builder("j" + i, "tenant-" + (i % 40)).durationSlots(2).powerKw(1 + random.nextInt(5))
          .window(horizon.slotStart(release), horizon.slotStart(168)).build());
    }
    return b.jobs(list).build();
  }

  /** Every job of {@link #large} at its release, hubs round-robin; every 50th left out. */
  static Schedule largeSchedule(Problem problem) {
    List<Assignment> assignments = new ArrayList<>();
    List<Unscheduled> unscheduled = new ArrayList<>();
    for (int i = 0; i < problem.jobs().size(); i++) {
      Job job = problem.jobs().get(i);
      if (i % 50 == 49) {
        unscheduled.add(new Unscheduled(job.id(), "left out on purpose by the test"));
        continue;
      }
      assignments.add(Assignment.contiguous(job.id(), "hub-" + (i % 16), problem.releaseSlot(i), 2));
    }
    return new Schedule("round-robin", assignments, unscheduled);
  }

  static Duration hours(long h) {
    return Duration.ofHours(h);
  }
}
