package dev.fairshift.examples;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * A realistic week for a network of six hubs in Germany, Great Britain and France: the 1,000 jobs of
 * the real Alibaba PAI trace ({@link WorkloadTrace#pai1k()}), four tenants (students with a
 * guaranteed share, a civic-data project bound to German hubs, a university research group, a
 * commercial AI start-up capped at 35 %), and the zones' real hourly carbon intensity.
 *
 * <p>The Berlin campus has 4 kW of rooftop solar ({@link SolarProfile}).
 *
 * <p>Modelling choices (the trace has no deadlines, power, tenants or data): each trace CPU is one
 * capacity unit drawing {@value #KW_PER_UNIT} kW; run lengths round up to whole hours; a job's
 * deadline is its release rounded up to the hour, plus its run, plus {@code slack}; tenant, origin
 * hub and data size are drawn from a {@link Random} seeded with {@code seed}. The horizon runs ten
 * days from {@link #DEFAULT_START} so that the jobs submitted late in the week still fit.
 *
 * <p>Same seed and slack, same problem.
 */
public final class DemoScenario {
  /** The Monday the trace's week starts on: 2 March 2020, midnight UTC. */
  public static final Instant DEFAULT_START = Instant.parse("2020-03-02T00:00:00Z");
  /** Average power per capacity unit, kW. */
  public static final double KW_PER_UNIT = 0.35;
  /** Planning horizon: ten days of hourly slots. */
  public static final int SLOTS = 240;

  private DemoScenario() {}

  /**
   * The demo problem.
   *
   * @param seed drives tenants, origins and data sizes
   * @param slack time each job may wait beyond its earliest finish
   * @param start the first hour of the horizon
   * @param intensity the carbon intensity of a zone ({@code DE}, {@code GB}, {@code FR}) over a horizon
   */
  public static Problem build(long seed, Duration slack, Instant start,
      BiFunction<String, Horizon, ZoneIntensity> intensity) {
    Objects.requireNonNull(slack, "slack");
    Objects.requireNonNull(intensity, "intensity");
    Horizon horizon = Horizon.hourly(start, SLOTS);
    Problem.Builder b = Problem.builder()
        .horizon(horizon)
        .carbonPricePerTonne(80.0)
        .transferKwhPerGb(0.03);
    for (String zone : List.of("DE", "GB", "FR")) {
      b.zone(intensity.apply(zone, horizon));
    }
    b.hub(Hub.builder("berlin-campus", "DE").capacityUnits(6).pue(1.35).pricePerKwh(0.30)
        .renewableKw(SolarProfile.renewableKw(horizon, 4.0)).build());
    b.hub(Hub.builder("frankfurt-dc", "DE").capacityUnits(12).pue(1.15).powerCapKw(4.0).pricePerKwh(0.24).build());
    b.hub(Hub.builder("london-dc", "GB").capacityUnits(10).pue(1.2).pricePerKwh(0.27).build());
    b.hub(Hub.builder("edinburgh-community", "GB").capacityUnits(4).pue(1.1).pricePerKwh(0.22).build());
    b.hub(Hub.builder("lyon-dc", "FR").capacityUnits(8).pue(1.2).pricePerKwh(0.19).build());
    b.hub(Hub.builder("paris-campus", "FR").capacityUnits(nightOnly(horizon, 6, 1)).pue(1.4)
        .pricePerKwh(0.21).build());
    String[] hubs = {"berlin-campus", "frankfurt-dc", "london-dc", "edinburgh-community", "lyon-dc", "paris-campus"};
    String[] germanHubs = {"berlin-campus", "frankfurt-dc"};

    b.tenant(new Tenant("students", "newcomer", 0.10, 0.50, 1.0));
    b.tenant(new Tenant("civic-data", "civic", 0.03, 0.30, 1.0));
    b.tenant(new Tenant("uni-research", "research", 0.0, 0.60, 2.0));
    b.tenant(new Tenant("acme-ai", "commercial", 0.0, 0.35, 1.0));

    Random random = new Random(seed);
    Instant end = horizon.end();
    int n = 0;
    for (WorkloadTrace.TraceJob t : WorkloadTrace.pai1k().jobs()) {
      n++;
      Instant release = start.plus(t.arrival());
      int hours = (int) Math.max(1, (t.length().toSeconds() + 3599) / 3600);
      Instant releaseHour = release.truncatedTo(ChronoUnit.HOURS);
      if (releaseHour.isBefore(release)) {
        releaseHour = releaseHour.plus(Duration.ofHours(1));
      }
      Instant deadline = releaseHour.plus(Duration.ofHours(hours)).plus(slack);
      if (deadline.isAfter(end)) {
        deadline = end;
      }
      double r = random.nextDouble();
      String tenant = r < 0.20 ? "students" : r < 0.30 ? "civic-data" : r < 0.65 ? "uni-research" : "acme-ai";
      String origin = tenant.equals("civic-data") ? germanHubs[random.nextInt(2)] : hubs[random.nextInt(hubs.length)];
      double dataGb = Math.round(Math.exp(random.nextDouble() * Math.log(500)) * 10) / 10.0;
      boolean interruptible = random.nextDouble() < 0.25 && hours > 1;
      Job.Builder job = Job.builder(String.format("pai-%04d", n), tenant)
          .durationSlots(hours)
          .powerKw(KW_PER_UNIT * t.cpus())
          .units(t.cpus())
          .window(release, deadline)
          .interruptible(interruptible)
          .originHub(origin)
          .dataGb(dataGb);
      if (tenant.equals("civic-data")) {
        job.allowedHubs(germanHubs);
      }
      if (!fits(horizon, release, deadline, hours)) {
        continue;
      }
      b.job(job.build());
    }
    return b.build();
  }

  private static boolean fits(Horizon horizon, Instant release, Instant deadline, int hours) {
    return horizon.slotAtOrBefore(deadline) - horizon.slotAtOrAfter(release) >= hours;
  }

  /** {@code night} units from 20:00 to 08:00 UTC, {@code day} units otherwise: a campus free at night. */
  static SlotSeries nightOnly(Horizon horizon, int night, int day) {
    double[] units = new double[horizon.slots()];
    for (int s = 0; s < units.length; s++) {
      int hour = horizon.slotStart(s).atZone(java.time.ZoneOffset.UTC).getHour();
      units[s] = hour >= 20 || hour < 8 ? night : day;
    }
    return SlotSeries.of(units);
  }
}
