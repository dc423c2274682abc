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
 * A realistic week for a network of six GPU hubs in Germany, Great Britain and France, from a 256-GPU
 * community node to a 2,048-GPU data centre drawing well over a megawatt: 5,000 jobs of the real
 * Alibaba PAI trace ({@link WorkloadTrace#pai100kHead()}), four tenants (students with a guaranteed
 * share, a civic-data project bound to German hubs, a university research group, a commercial AI
 * start-up capped at 35 %), and the zones' real hourly carbon intensity.
 *
 * <p>Capacity units are GPUs, each drawing {@value #KW_PER_UNIT} kW of IT power including its share of
 * the host (an 8-GPU A100 server draws about 5–6.5 kW); hub PUEs run from 1.1 to 1.4. The Berlin campus
 * has {@value #BERLIN_SOLAR_KWP} kWp of rooftop solar ({@link SolarProfile}); the Frankfurt data centre's
 * facility power is capped at {@value #FRANKFURT_CAP_KW} kW, below its 2,048 GPUs at full load.
 *
 * <p>Modelling choices (the trace has no deadlines, power, tenants or data): each job asks for as many
 * GPUs as the trace's CPU count and jobs asking for more than {@value #MAX_UNITS} are left out (15 of
 * the 5,000); the trace's arrivals (re-timed upstream, flat over the day) are scaled linearly onto one
 * week, so that the week carries the work of about three; run lengths round up to whole hours; a job's
 * deadline is its release rounded up to the hour, plus its run, plus {@code slack}; tenant, origin hub
 * and data size are drawn from a {@link Random} seeded with {@code seed}. The horizon runs ten days from
 * {@link #DEFAULT_START} so that the jobs submitted late in the week still fit.
 *
 * <p>Same seed and slack, same problem.
 */
public final class DemoScenario {
  /** The Monday the trace's week starts on: 2 March 2020, midnight UTC. */
  public static final Instant DEFAULT_START = Instant.parse("2020-03-02T00:00:00Z");
  /** Average IT power per capacity unit (one GPU with its share of the host), kW. */
  public static final double KW_PER_UNIT = 0.7;
  /** Installed rooftop solar at the Berlin campus, kWp. */
  public static final double BERLIN_SOLAR_KWP = 200.0;
  /** The Frankfurt data centre's facility power cap, kW (2,048 GPUs at full load and PUE 1.15 draw 1,649 kW). */
  public static final double FRANKFURT_CAP_KW = 1400.0;
  /** The most GPUs a demo job asks for; the trace's larger jobs are left out. */
  public static final int MAX_UNITS = 64;
  /** How many of the trace's jobs the demo reads (before leaving out those over {@link #MAX_UNITS}). */
  public static final int TRACE_JOBS = 5_000;
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
    b.hub(Hub.builder("berlin-campus", "DE").capacityUnits(256).pue(1.35).pricePerKwh(0.30)
        .renewableKw(SolarProfile.renewableKw(horizon, BERLIN_SOLAR_KWP)).build());
    b.hub(Hub.builder("frankfurt-dc", "DE").capacityUnits(2048).pue(1.15).powerCapKw(FRANKFURT_CAP_KW)
        .pricePerKwh(0.24).build());
    b.hub(Hub.builder("london-dc", "GB").capacityUnits(1024).pue(1.2).pricePerKwh(0.27).build());
    b.hub(Hub.builder("edinburgh-community", "GB").capacityUnits(256).pue(1.1).pricePerKwh(0.22).build());
    b.hub(Hub.builder("lyon-dc", "FR").capacityUnits(256).pue(1.2).pricePerKwh(0.19).build());
    b.hub(Hub.builder("paris-campus", "FR").capacityUnits(nightOnly(horizon, 256, 32)).pue(1.4)
        .pricePerKwh(0.21).build());
    String[] hubs = {"berlin-campus", "frankfurt-dc", "london-dc", "edinburgh-community", "lyon-dc", "paris-campus"};
    String[] germanHubs = {"berlin-campus", "frankfurt-dc"};

    b.tenant(new Tenant("students", "newcomer", 0.10, 0.50, 1.0));
    b.tenant(new Tenant("civic-data", "civic", 0.03, 0.30, 1.0));
    b.tenant(new Tenant("uni-research", "research", 0.0, 0.60, 2.0));
    b.tenant(new Tenant("acme-ai", "commercial", 0.0, 0.35, 1.0));

    Random random = new Random(seed);
    Instant end = horizon.end();
    List<WorkloadTrace.TraceJob> trace = WorkloadTrace.pai100kHead().jobs();
    trace = trace.subList(0, Math.min(TRACE_JOBS, trace.size()));
    // The trace's arrivals, scaled linearly so that the last one falls at the end of the first week.
    double weekPerTraceTime = (double) Duration.ofDays(7).toMillis()
        / Math.max(1, trace.get(trace.size() - 1).arrival().toMillis());
    int n = 0;
    for (WorkloadTrace.TraceJob t : trace) {
      n++;
      if (t.cpus() > MAX_UNITS) {
        continue;
      }
      Instant release = start.plus(Duration.ofMillis(Math.round(t.arrival().toMillis() * weekPerTraceTime)));
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
      Job.Builder job = Job.builder(String.format("pai-%05d", n), tenant)
          .durationSlots(hours)
          .powerKw(Math.round(KW_PER_UNIT * t.cpus() * 1000) / 1000.0)
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
