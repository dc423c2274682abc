package dev.fairshift.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A scheduling problem: a horizon, grid zones and their carbon intensities, hubs, tenants and jobs,
 * and the prices that turn emissions and energy into cost.
 *
 * <p>A {@code Problem} is always valid: {@link Builder#build()} checks every rule of the format at
 * once and throws {@link InvalidProblemException} listing all of them. Solvers and the
 * {@link Evaluator} can then trust it. Immutable and thread-safe.
 *
 * <pre>{@code
 * Problem problem = Problem.builder()
 *     .horizon(Horizon.hourly(Instant.parse("2021-03-01T00:00:00Z"), 168))
 *     .zone(ZoneIntensity.of("DE", SlotSeries.of(gramsPerKwh)))
 *     .hub(Hub.builder("berlin-campus", "DE").capacityUnits(64).pue(1.2).build())
 *     .tenant(Tenant.of("students", "newcomer").withGuaranteedShare(0.15))
 *     .job(Job.builder("train-1", "students").durationSlots(6).powerKw(12.5)
 *         .window(release, deadline).build())
 *     .build();
 * }</pre>
 */
public final class Problem {
  private final Horizon horizon;
  private final double carbonPricePerTonne;
  private final double transferKwhPerGb;
  private final IntensityTable intensities;
  private final List<Hub> hubs;
  private final List<Tenant> tenants;
  private final List<Job> jobs;

  private final Map<String, Integer> hubIndex;
  private final Map<String, Integer> tenantIndex;
  private final Map<String, Integer> jobIndex;
  private final int[] releaseSlot;
  private final int[] deadlineSlot;
  private final long totalCapacityUnitSlots;
  /** Per tenant, its fairness windows in order. */
  private final List<List<FairnessWindow>> fairnessWindows;

  private Problem(Builder b) {
    this.horizon = b.horizon;
    this.carbonPricePerTonne = b.carbonPricePerTonne;
    this.transferKwhPerGb = b.transferKwhPerGb;
    this.intensities = IntensityTable.of(b.zones);
    this.hubs = List.copyOf(b.hubs);
    this.tenants = List.copyOf(b.tenants);
    this.jobs = List.copyOf(b.jobs);
    this.hubIndex = index(hubs, Hub::id);
    this.tenantIndex = index(tenants, Tenant::id);
    this.jobIndex = index(jobs, Job::id);
    this.releaseSlot = new int[jobs.size()];
    this.deadlineSlot = new int[jobs.size()];
    for (int j = 0; j < jobs.size(); j++) {
      releaseSlot[j] = horizon.slotAtOrAfter(jobs.get(j).release());
      deadlineSlot[j] = horizon.slotAtOrBefore(jobs.get(j).deadline());
    }
    long total = 0;
    long[] slotCapacity = new long[horizon.slots()];
    for (Hub hub : hubs) {
      for (int s = 0; s < horizon.slots(); s++) {
        total += hub.capacityUnitsAt(s);
        slotCapacity[s] += hub.capacityUnitsAt(s);
      }
    }
    this.totalCapacityUnitSlots = total;
    List<List<FairnessWindow>> windows = new ArrayList<>(tenants.size());
    for (Tenant tenant : tenants) {
      windows.add(windows(tenant.windowSlotsIn(horizon.slots()), slotCapacity, total));
    }
    this.fairnessWindows = List.copyOf(windows);
  }

  /** Consecutive windows of {@code length} slots from slot 0, the last one possibly shorter. */
  private List<FairnessWindow> windows(int length, long[] slotCapacity, long total) {
    int slots = horizon.slots();
    if (length >= slots) {
      return List.of(new FairnessWindow(0, 0, slots, horizon.start(), horizon.end(), total));
    }
    List<FairnessWindow> out = new ArrayList<>((slots + length - 1) / length);
    for (int from = 0, k = 0; from < slots; from += length, k++) {
      int to = Math.min(slots, from + length);
      long capacity = 0;
      for (int s = from; s < to; s++) {
        capacity += slotCapacity[s];
      }
      out.add(new FairnessWindow(k, from, to, horizon.slotStart(from), horizon.slotStart(to), capacity));
    }
    return List.copyOf(out);
  }

  private static <T> Map<String, Integer> index(List<T> items, java.util.function.Function<T, String> id) {
    Map<String, Integer> map = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      map.putIfAbsent(id.apply(items.get(i)), i);
    }
    return Map.copyOf(map);
  }

  /** Starts an empty problem. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this problem's contents, to derive a changed problem. */
  public Builder toBuilder() {
    Builder b = new Builder().horizon(horizon).carbonPricePerTonne(carbonPricePerTonne)
        .transferKwhPerGb(transferKwhPerGb);
    intensities.zones().forEach(b::zone);
    hubs.forEach(b::hub);
    tenants.forEach(b::tenant);
    jobs.forEach(b::job);
    return b;
  }

  public Horizon horizon() {
    return horizon;
  }

  /** The price of emissions, in currency per tonne CO2e (0 when not priced). */
  public double carbonPricePerTonne() {
    return carbonPricePerTonne;
  }

  /** Energy to move one GB of data away from a job's origin hub, in kWh per GB. */
  public double transferKwhPerGb() {
    return transferKwhPerGb;
  }

  public IntensityTable intensities() {
    return intensities;
  }

  public List<Hub> hubs() {
    return hubs;
  }

  public List<Tenant> tenants() {
    return tenants;
  }

  public List<Job> jobs() {
    return jobs;
  }

  /** The hub with id {@code id}; throws {@link NoSuchElementException} when there is none. */
  public Hub hub(String id) {
    return hubs.get(hubIndex(id));
  }

  /** The position of hub {@code id} in {@link #hubs()}. */
  public int hubIndex(String id) {
    Integer i = hubIndex.get(id);
    if (i == null) {
      throw new NoSuchElementException("No hub '" + id + "' in the problem.");
    }
    return i;
  }

  /** Whether the problem has a hub {@code id}. */
  public boolean hasHub(String id) {
    return hubIndex.containsKey(id);
  }

  /** The tenant with id {@code id}; throws {@link NoSuchElementException} when there is none. */
  public Tenant tenant(String id) {
    Integer i = tenantIndex.get(id);
    if (i == null) {
      throw new NoSuchElementException("No tenant '" + id + "' in the problem.");
    }
    return tenants.get(i);
  }

  /** The position of tenant {@code id} in {@link #tenants()}. */
  public int tenantIndex(String id) {
    Integer i = tenantIndex.get(id);
    if (i == null) {
      throw new NoSuchElementException("No tenant '" + id + "' in the problem.");
    }
    return i;
  }

  /** The job with id {@code id}; throws {@link NoSuchElementException} when there is none. */
  public Job job(String id) {
    return jobs.get(jobIndex(id));
  }

  /** The position of job {@code id} in {@link #jobs()}. */
  public int jobIndex(String id) {
    Integer i = jobIndex.get(id);
    if (i == null) {
      throw new NoSuchElementException("No job '" + id + "' in the problem.");
    }
    return i;
  }

  /** Whether the problem has a job {@code id}. */
  public boolean hasJob(String id) {
    return jobIndex.containsKey(id);
  }

  /** The first slot job number {@code jobIndex} may run in: its release rounded up to a slot. */
  public int releaseSlot(int jobIndex) {
    return releaseSlot[jobIndex];
  }

  /**
   * The slot boundary job number {@code jobIndex} must finish by (exclusive): its deadline rounded
   * down to a slot, clamped to the horizon.
   */
  public int deadlineSlot(int jobIndex) {
    return deadlineSlot[jobIndex];
  }

  /** The grid intensity zone hub {@code hub} draws from. */
  public ZoneIntensity zoneOf(Hub hub) {
    return intensities.zone(hub.zone());
  }

  /** Total capacity over the horizon: the sum over hubs and slots of capacity units (unit-slots). */
  public long totalCapacityUnitSlots() {
    return totalCapacityUnitSlots;
  }

  /**
   * The fairness windows of tenant number {@code tenantIndex}, in order: one window, the whole
   * horizon, when it has no {@code fairnessWindowSlots} (or one at least as long as the horizon).
   */
  public List<FairnessWindow> fairnessWindows(int tenantIndex) {
    return fairnessWindows.get(tenantIndex);
  }

  /** The fairness windows of tenant {@code tenantId}, see {@link #fairnessWindows(int)}. */
  public List<FairnessWindow> fairnessWindows(String tenantId) {
    return fairnessWindows.get(tenantIndex(tenantId));
  }

  /** The fairness window of tenant number {@code tenantIndex} that holds slot {@code slot}. */
  public FairnessWindow fairnessWindowAt(int tenantIndex, int slot) {
    List<FairnessWindow> windows = fairnessWindows.get(tenantIndex);
    return windows.get(Math.min(windows.size() - 1, slot / windows.get(0).slots()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Problem p
        && horizon.equals(p.horizon)
        && Double.compare(carbonPricePerTonne, p.carbonPricePerTonne) == 0
        && Double.compare(transferKwhPerGb, p.transferKwhPerGb) == 0
        && intensities.equals(p.intensities)
        && hubs.equals(p.hubs)
        && tenants.equals(p.tenants)
        && jobs.equals(p.jobs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(horizon, carbonPricePerTonne, transferKwhPerGb, intensities, hubs, tenants, jobs);
  }

  @Override
  public String toString() {
    return "Problem[" + horizon.slots() + " slots from " + horizon.start() + ", "
        + intensities.zones().size() + " zones, " + hubs.size() + " hubs, " + tenants.size()
        + " tenants, " + jobs.size() + " jobs]";
  }

  /**
   * Builds a {@link Problem}. Setters only reject nulls; {@link #build()} checks every rule and
   * reports all violations together. Not thread-safe.
   */
  public static final class Builder {
    private Horizon horizon;
    private double carbonPricePerTonne;
    private double transferKwhPerGb;
    private final List<ZoneIntensity> zones = new ArrayList<>();
    private final List<Hub> hubs = new ArrayList<>();
    private final List<Tenant> tenants = new ArrayList<>();
    private final List<Job> jobs = new ArrayList<>();

    private Builder() {}

    public Builder horizon(Horizon horizon) {
      this.horizon = Objects.requireNonNull(horizon, "horizon");
      return this;
    }

    /** Price of emissions in currency per tonne CO2e; default 0. */
    public Builder carbonPricePerTonne(double price) {
      this.carbonPricePerTonne = price;
      return this;
    }

    /** Energy to move data away from a job's origin hub, kWh per GB; default 0. */
    public Builder transferKwhPerGb(double kwhPerGb) {
      this.transferKwhPerGb = kwhPerGb;
      return this;
    }

    public Builder zone(ZoneIntensity zone) {
      zones.add(Objects.requireNonNull(zone, "zone"));
      return this;
    }

    public Builder zones(List<ZoneIntensity> zones) {
      zones.forEach(this::zone);
      return this;
    }

    /** Adds every zone of {@code table}, e.g. {@code EmbeddedData.intensityTable(horizon, "DE", "GB")}. */
    public Builder intensities(IntensityTable table) {
      return zones(table.zones());
    }

    public Builder hub(Hub hub) {
      hubs.add(Objects.requireNonNull(hub, "hub"));
      return this;
    }

    public Builder hubs(List<Hub> hubs) {
      hubs.forEach(this::hub);
      return this;
    }

    public Builder tenant(Tenant tenant) {
      tenants.add(Objects.requireNonNull(tenant, "tenant"));
      return this;
    }

    public Builder tenants(List<Tenant> tenants) {
      tenants.forEach(this::tenant);
      return this;
    }

    public Builder job(Job job) {
      jobs.add(Objects.requireNonNull(job, "job"));
      return this;
    }

    public Builder jobs(List<Job> jobs) {
      jobs.forEach(this::job);
      return this;
    }

    /** Removes every job, e.g. to reuse hubs and zones for another batch. */
    public Builder clearJobs() {
      jobs.clear();
      return this;
    }

    /**
     * Validates and builds the problem.
     *
     * @throws InvalidProblemException listing every rule the contents break
     */
    public Problem build() {
      List<ProblemError> errors = new ArrayList<>();
      if (horizon == null) {
        errors.add(new ProblemError("horizon", "The problem has no horizon. Set one, e.g. "
            + "Horizon.hourly(Instant.parse(\"2021-03-01T00:00:00Z\"), 168)."));
      } else {
        ProblemValidator.validate(this, errors);
      }
      if (!errors.isEmpty()) {
        throw new InvalidProblemException("Problem", errors);
      }
      return new Problem(this);
    }

    Horizon horizon() {
      return horizon;
    }

    double carbonPricePerTonne() {
      return carbonPricePerTonne;
    }

    double transferKwhPerGb() {
      return transferKwhPerGb;
    }

    List<ZoneIntensity> zones() {
      return zones;
    }

    List<Hub> hubs() {
      return hubs;
    }

    List<Tenant> tenants() {
      return tenants;
    }

    List<Job> jobs() {
      return jobs;
    }
  }
}
