package dev.fairshift.benchmarks;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.signals.EmbeddedData;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * The hard scenario family: problems generated independently of the solvers' tuning, built to stress
 * what carbon-aware placement is for. Every draw comes from the scenario's seed, so the same
 * {@link Spec} gives an equal {@link Problem}. Stateless and thread-safe.
 *
 * <p><b>Two seed ranges.</b> {@link SeedRange#DEVELOP} seeds are the ones to look at while changing a
 * solver; {@link SeedRange#REPORTED} seeds are never tuned on and only produce the reported table
 * ({@code benchmarks/results/hard-reported.md}). Scenario {@code i} of a size has the same load and
 * slack in both ranges ({@link Spec#load()}, {@link Spec#slackHours()}) and its own random draws for
 * everything else.
 *
 * <p><b>What a scenario holds</b> (drawn per scenario from its seed):
 * <ul>
 *   <li>a random week (Monday 00:00 UTC, 2021-2024) and 2 to 5 random zones of the 16 shipped
 *       Electricity Maps zones ({@link EmbeddedData#electricityMaps()}), real hourly intensities;
 *   <li>hubs of 16 to 64 units, PUE 1.1 to 1.5, price 0.10 to 0.30 per kWh; at 1,000 and 10,000 jobs
 *       also one to three large hubs of hundreds to thousands of units (a campus GPU cluster, a regional
 *       data centre);
 *   <li>on two thirds of the hubs on-site solar from vessim's capacity factors (the city nearest in time
 *       zone, {@link SolarProfiles}), sized so that its mean output is 0.5 to 3 times the hub's mean load
 *       (capacity x load x mean kW per unit x PUE);
 *   <li>on half of the hubs a power cap below capacity x mean kW per unit x PUE (0.35 to 0.85 of it); a job
 *       whose power alone exceeds a hub's cap may not run there; at least one hub is uncapped;
 *   <li>jobs with the Alibaba PAI trace's run lengths and CPUs ({@link JobTrace}; run lengths capped at
 *       24 h for the CP-SAT sizes), 0.15 to 0.6 kW per unit (CPU to GPU work), released over an arrival
 *       window (at least 4 h, at most a week) sized so that demand fills the load (0.3, 0.6 or 0.9) of the
 *       fleet's unit-slots over it, deadline = release + duration + slack (0, 6, 24 or 72 h); the horizon
 *       is the arrival window plus the longest job plus the slack;
 *   <li>0 to 70 % of the longer jobs interruptible, 0 to 50 % of jobs bound to their origin hub's zone
 *       (data residency), every job an origin hub and 0.1 to 50 GB of data (0.03 kWh/GB when moved), 20 %
 *       of jobs at priority 5 and the rest at priority 1, two tenants without quotas or caps.
 * </ul>
 * No forecasts: solvers plan on the intensities they are measured on, so CP-SAT's optimum is the
 * reference.
 */
public final class HardScenarios {
  /** Loads (fraction of the fleet's unit-slots the demand fills), cycled by scenario index. */
  public static final List<Double> LOADS = List.of(0.3, 0.6, 0.9);
  /** Slacks in hours, cycled by scenario index after the loads. */
  public static final List<Integer> SLACKS_HOURS = List.of(0, 6, 24, 72);
  /** Mean IT power per unit used to size solar and power caps, kW. */
  public static final double MEAN_KW_PER_UNIT = 0.375;
  /** Energy to move one GB of data between hubs, kWh. */
  public static final double TRANSFER_KWH_PER_GB = 0.03;
  /** Priority of the high-priority jobs (the others have 1). */
  public static final int HIGH_PRIORITY = 5;

  private static final LocalDate FIRST_WEEK = LocalDate.of(2021, 1, 4);
  private static final int WEEKS = 206;

  private HardScenarios() {}

  /** The two seed ranges. */
  public enum SeedRange {
    /** Seeds 100,000 to 199,999: tune and debug on these. */
    DEVELOP(100_000L),
    /** Seeds 900,000 to 999,999: never tuned on; only for the reported table. */
    REPORTED(900_000L);

    private final long firstSeed;

    SeedRange(long firstSeed) {
      this.firstSeed = firstSeed;
    }

    /** The first seed of the range; scenario {@code i} of size {@code s} uses firstSeed + s.offset + i. */
    public long firstSeed() {
      return firstSeed;
    }

    /** {@code develop} or {@code reported}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The range named {@code text} ({@code develop} or {@code reported}). */
    public static SeedRange parse(String text) {
      for (SeedRange r : values()) {
        if (r.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
          return r;
        }
      }
      throw new IllegalArgumentException("Unknown seed range '" + text + "'. Maybe develop or reported.");
    }
  }

  /** The sizes of the family. */
  public enum Size {
    /** 50 to 120 jobs on 3 to 5 hubs, where CP-SAT proves the optimum. */
    SMALL("small", 0, 50, 120, 3, 5, 0),
    /** 1,000 jobs on 6 to 10 hubs plus one large hub. */
    K1("1000", 10_000, 1_000, 1_000, 6, 10, 1),
    /** 10,000 jobs on 10 to 16 hubs plus one to three large hubs. */
    K10("10000", 20_000, 10_000, 10_000, 10, 16, 3);

    private final String label;
    private final int seedOffset;
    private final int minJobs;
    private final int maxJobs;
    private final int minHubs;
    private final int maxHubs;
    private final int maxLargeHubs;

    Size(String label, int seedOffset, int minJobs, int maxJobs, int minHubs, int maxHubs, int maxLargeHubs) {
      this.label = label;
      this.seedOffset = seedOffset;
      this.minJobs = minJobs;
      this.maxJobs = maxJobs;
      this.minHubs = minHubs;
      this.maxHubs = maxHubs;
      this.maxLargeHubs = maxLargeHubs;
    }

    /** {@code small}, {@code 1000} or {@code 10000}. */
    public String label() {
      return label;
    }

    /** The size labelled {@code text}. */
    public static Size parse(String text) {
      for (Size s : values()) {
        if (s.label.equals(text.strip())) {
          return s;
        }
      }
      throw new IllegalArgumentException("Unknown hard scenario size '" + text + "'. Maybe small, 1000 or 10000.");
    }
  }

  /**
   * One scenario of the family.
   *
   * @param range the seed range it belongs to
   * @param size its size class
   * @param index its index in the range (drives load and slack)
   * @param seed drives every other draw
   */
  public record Spec(SeedRange range, Size size, int index, long seed) {
    public Spec {
      Objects.requireNonNull(range, "range");
      Objects.requireNonNull(size, "size");
      if (index < 0 || index >= 10_000) {
        throw new IllegalArgumentException("Hard scenario index " + index + " is outside 0..9999.");
      }
    }

    /** The demand's share of the fleet's unit-slots. */
    public double load() {
      return LOADS.get(index % LOADS.size());
    }

    /**
     * Every job's slack, hours: at the small size index / 3 mod 4 (so 12 scenarios cover every load
     * and slack once), at the larger sizes index mod 4 (so a few scenarios cover every slack).
     */
    public int slackHours() {
      int k = size == Size.SMALL ? index / LOADS.size() : index;
      return SLACKS_HOURS.get(k % SLACKS_HOURS.size());
    }

    /** A short label, e.g. {@code hard-reported-small-03-load0.3-slack6}. */
    public String name() {
      return String.format(Locale.ROOT, "hard-%s-%s-%02d-load%.1f-slack%d", range.label(), size.label(),
          index, load(), slackHours());
    }
  }

  /** The first {@code count} scenarios of {@code size} in {@code range}. */
  public static List<Spec> specs(SeedRange range, Size size, int count) {
    List<Spec> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new Spec(range, size, i, range.firstSeed() + size.seedOffset + i));
    }
    return List.copyOf(out);
  }

  /**
   * A generated scenario: its spec, the problem and a one-line description of what was drawn.
   *
   * @param spec the spec
   * @param problem the problem
   * @param description zones, hubs (capacity, cap, solar), jobs, arrival window, shares
   */
  public record Scenario(Spec spec, Problem problem, String description) {}

  /** The problem {@code spec} describes. */
  public static Problem build(Spec spec) {
    return generate(spec).problem();
  }

  /** The scenario {@code spec} describes, with a description of its draws. */
  public static Scenario generate(Spec spec) {
    Objects.requireNonNull(spec, "spec");
    Size size = spec.size();
    Random random = new Random(spec.seed());
    JobTrace trace = JobTrace.pai100k();
    double load = spec.load();
    int slack = spec.slackHours();
    Instant start = FIRST_WEEK.plusWeeks(random.nextInt(WEEKS)).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        .atStartOfDay(ZoneOffset.UTC).toInstant();
    List<String> allZones = new ArrayList<>(EmbeddedData.electricityMapsZones());
    Collections.shuffle(allZones, random);
    List<String> zones = List.copyOf(allZones.subList(0, 2 + random.nextInt(4)));

    int jobCount = size.minJobs + random.nextInt(size.maxJobs - size.minJobs + 1);
    int maxHours = size == Size.SMALL ? 24 : 72;
    int[] hours = new int[jobCount];
    int[] units = new int[jobCount];
    double[] kwPerUnit = new double[jobCount];
    long demand = 0;
    for (int i = 0; i < jobCount; i++) {
      int pick = random.nextInt(trace.size());
      hours[i] = Math.min(trace.hours(pick), maxHours);
      units[i] = trace.units(pick);
      kwPerUnit[i] = 0.15 + 0.45 * random.nextDouble();
      demand += (long) hours[i] * units[i];
    }

    int hubCount = size.minHubs + random.nextInt(size.maxHubs - size.minHubs + 1);
    int[] capacity = new int[hubCount];
    long smallCapacity = 0;
    for (int h = 0; h < hubCount; h++) {
      capacity[h] = 16 + random.nextInt(49);
      smallCapacity += capacity[h];
    }
    // Arrival window: demand fills `load` of the fleet's unit-slots over it. At the larger sizes the week
    // is the window, and large hubs take the capacity the small ones lack.
    int arrival;
    int large = 0;
    if (size == Size.SMALL) {
      arrival = (int) Math.max(4, Math.min(168, Math.ceil(demand / (load * smallCapacity))));
    } else {
      // one to maxLargeHubs large hubs take the capacity the small ones lack over a week of arrivals (at
      // least 100 units each; then the arrival window shrinks to keep the load)
      large = 1 + random.nextInt(size.maxLargeHubs);
      double needed = Math.max(100.0 * large, demand / (load * 168) - smallCapacity);
      int[] grown = java.util.Arrays.copyOf(capacity, hubCount + large);
      double[] weights = new double[large];
      double total = 0;
      for (int k = 0; k < large; k++) {
        weights[k] = 0.5 + random.nextDouble();
        total += weights[k];
      }
      long fleet = smallCapacity;
      for (int k = 0; k < large; k++) {
        grown[hubCount + k] = (int) Math.max(100, Math.round(needed * weights[k] / total));
        fleet += grown[hubCount + k];
      }
      capacity = grown;
      hubCount += large;
      arrival = (int) Math.max(24, Math.min(168, Math.ceil(demand / (load * fleet))));
    }
    int longest = java.util.Arrays.stream(hours).max().orElse(1);
    int slots = arrival + longest + slack;
    Horizon horizon = Horizon.hourly(start, slots);

    Problem.Builder b = Problem.builder()
        .horizon(horizon)
        .carbonPricePerTonne(Scenarios.CARBON_PRICE_PER_TONNE)
        .transferKwhPerGb(TRANSFER_KWH_PER_GB)
        .intensities(EmbeddedData.intensityTable(horizon, zones.toArray(String[]::new)));
    String[] hubIds = new String[hubCount];
    String[] hubZone = new String[hubCount];
    double[] pue = new double[hubCount];
    double[] capKw = new double[hubCount];
    int uncapped = random.nextInt(hubCount);
    StringBuilder hubText = new StringBuilder();
    for (int h = 0; h < hubCount; h++) {
      boolean isLarge = h >= hubCount - large;
      hubZone[h] = zones.get(random.nextInt(zones.size()));
      hubIds[h] = String.format(Locale.ROOT, "hub-%02d-%s", h, hubZone[h]);
      pue[h] = Math.round((1.1 + 0.4 * random.nextDouble()) * 100) / 100.0;
      double price = Math.round((0.10 + 0.20 * random.nextDouble()) * 1000) / 1000.0;
      Hub.Builder hub = Hub.builder(hubIds[h], hubZone[h]).capacityUnits(capacity[h]).pue(pue[h]).pricePerKwh(price);
      double nominalKw = capacity[h] * MEAN_KW_PER_UNIT * pue[h];
      capKw[h] = Double.POSITIVE_INFINITY;
      boolean capped = h != uncapped && random.nextDouble() < 0.5;
      if (capped) {
        double cap = nominalKw * (0.35 + 0.5 * random.nextDouble());
        capKw[h] = Math.round(cap * 100) / 100.0;
        hub.powerCapKw(capKw[h]);
      }
      double solarRatio = 0;
      if (random.nextDouble() < 2.0 / 3) {
        solarRatio = 0.5 + 2.5 * random.nextDouble();
        double[] cf = SolarProfiles.forZone(hubZone[h]);
        double meanCf = java.util.Arrays.stream(cf).average().orElse(0);
        double meanLoadKw = load * nominalKw;
        double installed = solarRatio * meanLoadKw / meanCf;
        int offset = random.nextInt(cf.length / 24) * 24;
        double[] kw = new double[slots];
        for (int s = 0; s < slots; s++) {
          kw[s] = Math.round(installed * cf[(offset + s) % cf.length] * 1000) / 1000.0;
        }
        hub.renewableKw(SlotSeries.of(kw));
      }
      b.hub(hub.build());
      hubText.append(String.format(Locale.ROOT, "%s%s %du%s%s", h == 0 ? "" : ", ", hubIds[h], capacity[h],
          Double.isFinite(capKw[h]) ? String.format(Locale.ROOT, " cap %.0f%%", 100 * capKw[h] / nominalKw) : "",
          solarRatio > 0 ? String.format(Locale.ROOT, " solar %.1fx", solarRatio) : ""));
    }
    b.tenant(Tenant.of("lab", "research"));
    b.tenant(Tenant.of("company", "commercial"));

    double interruptibleShare = 0.7 * random.nextDouble();
    double residentShare = 0.5 * random.nextDouble();
    for (int i = 0; i < jobCount; i++) {
      int d = hours[i];
      int release = random.nextInt(arrival);
      int deadline = release + d + slack;
      int origin = random.nextInt(hubCount);
      double kw = Math.round(units[i] * kwPerUnit[i] * 1000) / 1000.0;
      boolean interruptible = d > 1 && random.nextDouble() < interruptibleShare;
      boolean resident = random.nextDouble() < residentShare;
      boolean high = random.nextDouble() < 0.2;
      double dataGb = Math.round(0.1 * Math.exp(random.nextDouble() * Math.log(500)) * 10) / 10.0;
      List<String> allowed = new ArrayList<>();
      List<String> anywhere = new ArrayList<>();
      for (int h = 0; h < hubCount; h++) {
        boolean fits = capacity[h] >= units[i] && capKw[h] + 1e-9 >= kw * pue[h];
        if (fits) {
          anywhere.add(hubIds[h]);
          if (!resident || hubZone[h].equals(hubZone[origin])) {
            allowed.add(hubIds[h]);
          }
        }
      }
      if (allowed.isEmpty()) {
        allowed = anywhere;
      }
      Job.Builder job = Job.builder(String.format(Locale.ROOT, "job-%05d", i), random.nextBoolean() ? "lab" : "company")
          .durationSlots(d)
          .powerKw(kw)
          .units(units[i])
          .window(horizon.slotStart(release), horizon.slotStart(deadline))
          .interruptible(interruptible)
          .originHub(hubIds[origin])
          .dataGb(dataGb)
          .priority(high ? HIGH_PRIORITY : 1);
      if (allowed.size() < hubCount) {
        job.allowedHubs(allowed);
      }
      b.job(job.build());
    }
    Problem problem = b.build();
    String description = String.format(Locale.ROOT,
        "%s: seed %d, week of %s, zones %s, %d jobs (%.0f %% interruptible-eligible, %.0f %% resident), "
            + "load %.1f over %d arrival hours, slack %d h, %d slots; hubs: %s",
        spec.name(), spec.seed(), start.toString().substring(0, 10), zones, jobCount, 100 * interruptibleShare,
        100 * residentShare, load, arrival, slack, slots, hubText);
    return new Scenario(spec, problem, description);
  }
}
