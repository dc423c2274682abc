package dev.fairshift.benchmarks;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Tenant;
import dev.fairshift.signals.EmbeddedData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Generates benchmark problems from the embedded real carbon intensities ({@link EmbeddedData}) and the
 * job sizes of the Alibaba PAI trace. Deterministic: the same {@link ScenarioSpec} gives an equal
 * {@link Problem}. Stateless and thread-safe.
 *
 * <p>Modelling choices (the trace has only run lengths and CPUs):
 * <ul>
 *   <li>each job is a trace job drawn at random: duration = its length in whole hours, units = its CPUs
 *       (capped at 16), {@value #KW_PER_UNIT} kW per unit; a share of them (the spec's residentShare)
 *       may only run in the hubs of their origin hub's zone; released at a random slot of the arrival
 *       window (early enough to fit), deadline = release + duration + slack, clamped to the horizon;
 *   <li>four tenants: {@code newcomers} (class newcomer, the spec's share of jobs, guaranteed share =
 *       newcomerShare x targetLoad), {@code civic} (10 % of jobs, data bound to the first zone's hubs),
 *       {@code research} (35 %, weight 2) and {@code commercial} (the rest, capped at 35 % of capacity);
 *   <li>every job has an origin hub (data transfer at {@value #TRANSFER_KWH_PER_GB} kWh/GB when moved,
 *       0.1 to 50 GB log-uniform); hubs have PUE 1.1 to 1.4 and capacity sized from the demand and the
 *       target load, varied by a factor 0.5 to 1.5 per hub.
 * </ul>
 */
public final class Scenarios {
  /** Average IT power per capacity unit, kW. */
  public static final double KW_PER_UNIT = 0.35;
  /** Energy to move one GB of data between hubs, kWh. */
  public static final double TRANSFER_KWH_PER_GB = 0.03;
  /** Carbon price of every scenario, currency per tonne CO2e. */
  public static final double CARBON_PRICE_PER_TONNE = 80.0;

  /** Monday weeks of 2023, one per season (Electricity Maps data). */
  public static final List<Instant> SEASON_WEEKS_2023 = List.of(
      Instant.parse("2023-01-16T00:00:00Z"),
      Instant.parse("2023-04-17T00:00:00Z"),
      Instant.parse("2023-07-17T00:00:00Z"),
      Instant.parse("2023-10-16T00:00:00Z"));
  /** Names of {@link #SEASON_WEEKS_2023}, in order. */
  public static final List<String> SEASONS = List.of("winter", "spring", "summer", "autumn");
  /** Zones of the quality suite: two European, two North American (Electricity Maps, 2021-2024). */
  public static final List<String> ZONES = List.of("DE", "GB", "US-CAL-CISO", "CA-ON");

  private Scenarios() {}

  /** The problem {@code spec} describes. */
  public static Problem build(ScenarioSpec spec) {
    Objects.requireNonNull(spec, "spec");
    Random random = new Random(spec.seed());
    JobTrace trace = JobTrace.pai100k();
    Horizon horizon = Horizon.hourly(spec.start(), spec.slots());
    int n = spec.jobs();
    int[] pick = new int[n];
    long demand = 0;
    for (int i = 0; i < n; i++) {
      pick[i] = random.nextInt(trace.size());
      demand += (long) trace.units(pick[i]) * Math.min(trace.hours(pick[i]), spec.slots());
    }

    Problem.Builder b = Problem.builder()
        .horizon(horizon)
        .carbonPricePerTonne(CARBON_PRICE_PER_TONNE)
        .transferKwhPerGb(TRANSFER_KWH_PER_GB)
        .intensities(EmbeddedData.intensityTable(horizon, spec.zones().toArray(String[]::new)));
    double perHub = demand / (spec.hubs() * (double) spec.arrivalSlots() * spec.targetLoad());
    String[] hubIds = new String[spec.hubs()];
    Map<String, List<String>> hubsByZone = new HashMap<>();
    for (int h = 0; h < spec.hubs(); h++) {
      String zone = spec.zones().get(h % spec.zones().size());
      hubIds[h] = String.format("hub-%02d-%s", h, zone);
      hubsByZone.computeIfAbsent(zone, z -> new ArrayList<>()).add(hubIds[h]);
      int capacity = (int) Math.max(2 * JobTrace.MAX_UNITS, Math.ceil(perHub * (0.5 + random.nextDouble())));
      double pue = Math.round((1.1 + 0.3 * random.nextDouble()) * 100) / 100.0;
      double price = Math.round((0.15 + 0.15 * random.nextDouble()) * 1000) / 1000.0;
      b.hub(Hub.builder(hubIds[h], zone).capacityUnits(capacity).pue(pue).pricePerKwh(price).build());
    }

    b.tenant(new Tenant("newcomers", "newcomer", spec.newcomerShare() * spec.targetLoad(), 1.0, 1.0));
    b.tenant(Tenant.of("civic", "civic"));
    b.tenant(Tenant.of("research", "research").withWeight(2.0));
    b.tenant(Tenant.of("commercial", "commercial").withMaxShare(0.35));
    List<String> firstZoneHubs = hubsByZone.get(spec.zones().get(0));
    double civicUpTo = spec.newcomerShare() + 0.10 * (1 - spec.newcomerShare());
    double researchUpTo = civicUpTo + 0.35 * (1 - spec.newcomerShare());

    for (int i = 0; i < n; i++) {
      int d = Math.min(trace.hours(pick[i]), spec.slots());
      int units = trace.units(pick[i]);
      int latestRelease = Math.min(spec.arrivalSlots(), spec.slots() - d + 1);
      int release = random.nextInt(latestRelease);
      int deadline = (int) Math.min(spec.slots(), (long) release + d + spec.slackHours());
      double r = random.nextDouble();
      String tenant = r < spec.newcomerShare() ? "newcomers"
          : r < civicUpTo ? "civic" : r < researchUpTo ? "research" : "commercial";
      boolean civic = tenant.equals("civic");
      int originHub = random.nextInt(hubIds.length);
      String origin = civic ? firstZoneHubs.get(random.nextInt(firstZoneHubs.size())) : hubIds[originHub];
      double dataGb = Math.round(0.1 * Math.exp(random.nextDouble() * Math.log(500)) * 10) / 10.0;
      boolean interruptible = d > 1 && random.nextDouble() < spec.interruptibleShare();
      boolean resident = !civic && random.nextDouble() < spec.residentShare();
      Job.Builder job = Job.builder(String.format("job-%06d", i), tenant)
          .durationSlots(d)
          .powerKw(Math.round(KW_PER_UNIT * units * 1000) / 1000.0)
          .units(units)
          .window(horizon.slotStart(release), horizon.slotStart(deadline))
          .interruptible(interruptible)
          .originHub(origin)
          .dataGb(dataGb);
      if (civic) {
        job.allowedHubs(firstZoneHubs);
      } else if (resident) {
        job.allowedHubs(hubsByZone.get(spec.zones().get(originHub % spec.zones().size())));
      }
      b.job(job.build());
    }
    return b.build();
  }

  /**
   * The JMH problem: {@code jobs} jobs on {@code hubs} hubs over 168 hourly slots from 16 January 2023,
   * the eight zones DE, GB, US-CAL-CISO, CA-ON, AU-NSW, JP-TK, IN-WE, BR-CS; 24 h slack, 25 % of the
   * longer jobs interruptible, half the jobs bound to their origin's zone, 50 % target load; seed 42.
   */
  public static Problem benchmark(int jobs, int hubs) {
    return build(benchmarkSpec(jobs, hubs));
  }

  /**
   * The scale problem of {@link ScaleRun}: {@link #benchmark(int, int)}'s with demand at {@code load} x
   * the fleet's capacity (above 1: overloaded).
   */
  public static Problem scale(int jobs, int hubs, double load) {
    ScenarioSpec b = benchmarkSpec(jobs, hubs);
    return build(new ScenarioSpec("scale-" + jobs + "x" + hubs + "-load" + load, b.start(), b.slots(),
        b.arrivalSlots(), b.zones(), hubs, jobs, b.slackHours(), b.interruptibleShare(), b.newcomerShare(),
        b.residentShare(), load, b.seed()));
  }

  /** The spec of {@link #benchmark(int, int)}. */
  public static ScenarioSpec benchmarkSpec(int jobs, int hubs) {
    return new ScenarioSpec("bench-" + jobs + "x" + hubs, SEASON_WEEKS_2023.get(0), ScenarioSpec.WEEK_SLOTS,
        ScenarioSpec.WEEK_SLOTS, List.of("DE", "GB", "US-CAL-CISO", "CA-ON", "AU-NSW", "JP-TK", "IN-WE", "BR-CS"),
        hubs, jobs, 24, 0.25, 0.20, 0.5, 0.5, 42);
  }
}
