package dev.fairshift.integrations;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The planning loop's configuration: hubs, tenants, defaults, slot length, intensity sources. Read from YAML
 * or JSON with {@link LoopConfigReader}; the README's "Planning loop" section documents every field with an
 * example. Immutable and validated: every record's constructor checks its own fields, naming them.
 *
 * @param slot slot length: an hour in production, a minute in tests; a whole number of seconds
 * @param horizon how far ahead the loop plans, at least one slot
 * @param tick how often the loop reconciles (also on every engine change); at most one slot
 * @param defaults what jobs that leave fields out get
 * @param planning solver settings
 * @param hubs the engine's pools that Fairshift plans, with grid zone, PUE and power factors
 * @param tenants engine accounts / namespaces mapped to Fairshift tenants
 * @param defaultTenant the tenant settings for accounts not listed; empty: their jobs are left to the engine
 * @param intensity where carbon intensities come from
 * @param transparency what the running metrics cover
 */
public record LoopConfig(
    Duration slot,
    Duration horizon,
    Duration tick,
    Defaults defaults,
    Planning planning,
    List<HubConfig> hubs,
    List<TenantConfig> tenants,
    Optional<TenantSettings> defaultTenant,
    IntensityConfig intensity,
    Transparency transparency) {

  /** The longest slack, default time limit or lookback accepted. */
  static final Duration YEAR = Duration.ofDays(366);

  public LoopConfig {
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(horizon, "horizon");
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(defaults, "defaults");
    Objects.requireNonNull(planning, "planning");
    hubs = List.copyOf(hubs);
    tenants = List.copyOf(tenants);
    Objects.requireNonNull(defaultTenant, "defaultTenant");
    Objects.requireNonNull(intensity, "intensity");
    Objects.requireNonNull(transparency, "transparency");
    if (slot.isNegative() || slot.isZero() || slot.getNano() != 0 || slot.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("slot is " + slot + "; it must be a positive whole number of seconds,"
          + " at most a day, e.g. 1h in production or 1m in tests.");
    }
    if (horizon.compareTo(slot) < 0 || horizon.toSeconds() % slot.toSeconds() != 0) {
      throw new IllegalArgumentException("horizon " + horizon + " must be a whole number of slots of " + slot
          + ", at least one. Maybe set horizon: 48h with slot: 1h.");
    }
    if (horizon.toSeconds() / slot.toSeconds() > 10_000) {
      throw new IllegalArgumentException("horizon " + horizon + " holds " + horizon.toSeconds() / slot.toSeconds()
          + " slots of " + slot + "; at most 10000 are planned. Maybe shorten the horizon.");
    }
    if (tick.isNegative() || tick.isZero() || tick.compareTo(slot) > 0) {
      throw new IllegalArgumentException("tick " + tick + " must be positive and at most one slot (" + slot
          + "), or jobs could be released late. Maybe leave tick out to use the default.");
    }
    if (planning.improveFor().compareTo(tick.dividedBy(2)) > 0) {
      throw new IllegalArgumentException("planning.improveFor " + planning.improveFor() + " is more than half a tick ("
          + tick + "); passes would fall behind. Maybe improveFor: " + tick.dividedBy(4).getSeconds() + "s.");
    }
    if (hubs.isEmpty()) {
      throw new IllegalArgumentException("hubs is empty. Add at least one hub, e.g. {id: north, pool: north,"
          + " zone: GB, pue: 1.2, wattsPerCpu: 10}.");
    }
    Set<String> ids = new HashSet<>();
    Set<String> pools = new HashSet<>();
    for (HubConfig hub : hubs) {
      if (!ids.add(hub.id())) {
        throw new IllegalArgumentException("hub id '" + hub.id() + "' appears twice in hubs. Ids must be unique.");
      }
      if (!pools.add(hub.pool())) {
        throw new IllegalArgumentException("hub pool '" + hub.pool() + "' appears twice in hubs (hub '"
            + hub.id() + "'). Each engine pool maps to one hub.");
      }
    }
    Set<String> accounts = new HashSet<>();
    double guaranteed = 0;
    for (TenantConfig tenant : tenants) {
      if (!accounts.add(tenant.account())) {
        throw new IllegalArgumentException("tenant account '" + tenant.account() + "' appears twice in tenants.");
      }
      guaranteed += tenant.settings().guaranteedShare();
    }
    if (defaultTenant.isPresent()) {
      guaranteed += defaultTenant.get().guaranteedShare();
    }
    if (guaranteed > 1.0 + 1e-9) {
      throw new IllegalArgumentException("The tenants' guaranteedShare values add up to " + guaranteed
          + ", more than all the capacity (1.0). Maybe lower some guarantees.");
    }
  }

  /** The hub whose engine pool is {@code pool}, if configured. */
  public Optional<HubConfig> hubForPool(String pool) {
    return hubs.stream().filter(h -> h.pool().equals(pool)).findFirst();
  }

  /** The hub with Fairshift id {@code id}, if configured. */
  public Optional<HubConfig> hub(String id) {
    return hubs.stream().filter(h -> h.id().equals(id)).findFirst();
  }

  /** The tenant settings for engine account {@code account}: its own, else the default, else empty. */
  public Optional<TenantSettings> tenantFor(String account) {
    for (TenantConfig tenant : tenants) {
      if (tenant.account().equals(account)) {
        return Optional.of(tenant.settings());
      }
    }
    return defaultTenant;
  }

  /** Slots in the horizon. */
  public int horizonSlots() {
    return (int) (horizon.toSeconds() / slot.toSeconds());
  }

  /**
   * Defaults for jobs that leave fields out.
   *
   * @param slack for a job without a deadline: deadline = earliest start + time limit + slack
   * @param timeLimit for a job without a time limit (most engines always give one)
   */
  public record Defaults(Duration slack, Duration timeLimit) {
    public Defaults {
      Objects.requireNonNull(slack, "slack");
      Objects.requireNonNull(timeLimit, "timeLimit");
      if (slack.isNegative() || slack.compareTo(YEAR) > 0) {
        throw new IllegalArgumentException("defaults.slack is " + slack + "; it must be between 0 and 366 days.");
      }
      if (timeLimit.isNegative() || timeLimit.isZero() || timeLimit.compareTo(YEAR) > 0) {
        throw new IllegalArgumentException("defaults.timeLimit is " + timeLimit
            + "; it must be positive and at most 366 days.");
      }
    }
  }

  /**
   * Solver settings. Greedy plans on every tick; OptaPlanner then improves the plan for at most
   * {@code improveFor} when that is positive.
   *
   * @param improveFor OptaPlanner's time budget per tick; zero for greedy only
   * @param seed the random seed of the improvement (same state and seed, same plan)
   */
  public record Planning(Duration improveFor, long seed) {
    public Planning {
      Objects.requireNonNull(improveFor, "improveFor");
      if (improveFor.isNegative()) {
        throw new IllegalArgumentException("planning.improveFor is " + improveFor + "; it must be at least 0.");
      }
    }
  }

  /**
   * One hub: an engine pool with its grid zone and power model.
   *
   * @param id Fairshift's hub id (in logs, metrics and plans)
   * @param pool the engine's name: Slurm partition, Kubernetes node-pool label value
   * @param zone grid zone for carbon intensity (an Electricity Maps zone key such as {@code GB}, {@code DE})
   * @param pue power usage effectiveness, at least 1
   * @param wattsPerCpu IT power per allocated CPU, W
   * @param wattsPerGpu IT power per allocated GPU, W
   * @param maxCpus at most this many CPUs for Fairshift's jobs (empty: what the engine reports)
   * @param solar on-site solar, if any
   */
  public record HubConfig(
      String id,
      String pool,
      String zone,
      double pue,
      double wattsPerCpu,
      double wattsPerGpu,
      Optional<Integer> maxCpus,
      Optional<Solar> solar) {
    public HubConfig {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(zone, "zone");
      pool = pool == null ? id : pool;
      Objects.requireNonNull(maxCpus, "maxCpus");
      Objects.requireNonNull(solar, "solar");
      if (id.isBlank() || pool.isBlank() || zone.isBlank()) {
        throw new IllegalArgumentException("hub '" + id + "' has a blank id, pool or zone.");
      }
      if (!(pue >= 1.0) || !Double.isFinite(pue)) {
        throw new IllegalArgumentException("hub '" + id + "' has pue " + pue + "; it must be at least 1"
            + " (facility energy / IT energy). Maybe 1.2.");
      }
      if (!(wattsPerCpu >= 0) || !(wattsPerGpu >= 0) || !Double.isFinite(wattsPerCpu)
          || !Double.isFinite(wattsPerGpu)) {
        throw new IllegalArgumentException("hub '" + id + "' has wattsPerCpu " + wattsPerCpu + " and wattsPerGpu "
            + wattsPerGpu + "; both must be finite and at least 0.");
      }
      if (wattsPerCpu == 0 && wattsPerGpu == 0) {
        throw new IllegalArgumentException("hub '" + id + "' has neither wattsPerCpu nor wattsPerGpu; jobs there"
            + " would draw no power. Maybe wattsPerCpu: 10.");
      }
      if (maxCpus.isPresent() && maxCpus.get() < 0) {
        throw new IllegalArgumentException("hub '" + id + "' has maxCpus " + maxCpus.get() + "; it must be >= 0.");
      }
    }
  }

  /**
   * On-site solar as a simple clear-sky day: zero outside {@code [sunrise, sunset)} local time, a half sine
   * peaking at {@code peakKw} at solar noon in between. A planning estimate, not a measurement.
   *
   * @param peakKw peak output, kW
   * @param timeZone the hub's local time zone, e.g. {@code Europe/London}
   * @param sunrise local time output starts
   * @param sunset local time output ends, after sunrise
   */
  public record Solar(double peakKw, ZoneId timeZone, LocalTime sunrise, LocalTime sunset) {
    public Solar {
      Objects.requireNonNull(timeZone, "timeZone");
      sunrise = sunrise == null ? LocalTime.of(6, 0) : sunrise;
      sunset = sunset == null ? LocalTime.of(18, 0) : sunset;
      if (!(peakKw >= 0) || !Double.isFinite(peakKw)) {
        throw new IllegalArgumentException("solar.peakKw is " + peakKw + "; it must be finite and at least 0.");
      }
      if (!sunset.isAfter(sunrise)) {
        throw new IllegalArgumentException("solar.sunset " + sunset + " is not after sunrise " + sunrise + ".");
      }
    }
  }

  /**
   * An engine account (Slurm account, Kubernetes namespace) and its Fairshift tenant settings.
   *
   * @param account the engine's tenant name
   * @param settings class and shares
   */
  public record TenantConfig(String account, TenantSettings settings) {
    public TenantConfig {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(settings, "settings");
    }
  }

  /**
   * A tenant's fairness settings, as in {@link dev.fairshift.core.Tenant}.
   *
   * @param tenantClass e.g. newcomer, civic, research, commercial
   * @param guaranteedShare fraction of the horizon's capacity it is guaranteed when it asks for it, 0 to 1
   * @param maxShare at most this fraction of the horizon's capacity, above 0 and at most 1
   * @param weight weight for the fair share of the rest, above 0
   */
  public record TenantSettings(String tenantClass, double guaranteedShare, double maxShare, double weight) {
    public TenantSettings {
      Objects.requireNonNull(tenantClass, "tenantClass");
      if (!(guaranteedShare >= 0 && guaranteedShare <= 1)) {
        throw new IllegalArgumentException("guaranteedShare is " + guaranteedShare + "; it must be between 0 and 1.");
      }
      if (!(maxShare > 0 && maxShare <= 1)) {
        throw new IllegalArgumentException("maxShare is " + maxShare + "; it must be above 0 and at most 1.");
      }
      if (guaranteedShare > maxShare) {
        throw new IllegalArgumentException("guaranteedShare " + guaranteedShare + " is above maxShare " + maxShare
            + ". Maybe raise maxShare.");
      }
      if (!(weight > 0) || !Double.isFinite(weight)) {
        throw new IllegalArgumentException("weight is " + weight + "; it must be finite and above 0.");
      }
    }
  }

  /**
   * Where intensities come from, in order, each cached; after them the embedded real data (the same hours
   * of the latest covered year, with the weekday kept) and, for zones it lacks, a flat series, each saying so.
   *
   * @param sources providers and files, asked in order
   * @param cacheFor how long an answer is reused
   * @param forecaster the model that extends history when a source has no forecast: {@code persistence},
   *     {@code seasonal-naive} (same time yesterday) or {@code regression} (28 days)
   * @param embeddedFallback whether the embedded data stands in when every source fails
   */
  public record IntensityConfig(List<SourceConfig> sources, Duration cacheFor, String forecaster,
      boolean embeddedFallback) {
    public IntensityConfig {
      sources = List.copyOf(sources);
      Objects.requireNonNull(cacheFor, "cacheFor");
      Objects.requireNonNull(forecaster, "forecaster");
      if (!List.of("persistence", "seasonal-naive", "regression").contains(forecaster)) {
        throw new IllegalArgumentException("intensity.forecaster is '" + forecaster + "'; it must be one of"
            + " persistence, seasonal-naive, regression.");
      }
      if (cacheFor.isNegative() || cacheFor.isZero()) {
        throw new IllegalArgumentException("intensity.cacheFor is " + cacheFor + "; it must be positive.");
      }
    }
  }

  /**
   * One intensity source.
   *
   * @param type {@code electricitymaps}, {@code ukcarbonintensity}, {@code csv} or {@code json}
   * @param path the file, for {@code csv} and {@code json} (relative to the config file)
   * @param tokenEnv the environment variable holding the API token ({@code electricitymaps}); secrets are
   *     never in the file
   */
  public record SourceConfig(String type, Optional<String> path, Optional<String> tokenEnv) {
    public SourceConfig {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(tokenEnv, "tokenEnv");
      if (!List.of("electricitymaps", "ukcarbonintensity", "csv", "json").contains(type)) {
        throw new IllegalArgumentException("intensity source type '" + type + "' is unknown; use one of"
            + " electricitymaps, ukcarbonintensity, csv, json.");
      }
      if ((type.equals("csv") || type.equals("json")) && path.isEmpty()) {
        throw new IllegalArgumentException("intensity source '" + type + "' needs a path.");
      }
      if (type.equals("electricitymaps") && tokenEnv.isEmpty()) {
        throw new IllegalArgumentException("intensity source '" + type + "' needs tokenEnv: the environment"
            + " variable holding its credentials.");
      }
    }
  }

  /**
   * What the running transparency metrics cover.
   *
   * @param lookback jobs that started within this long before now count as "what actually ran"
   */
  public record Transparency(Duration lookback) {
    public Transparency {
      Objects.requireNonNull(lookback, "lookback");
      if (lookback.isNegative() || lookback.isZero() || lookback.compareTo(YEAR) > 0) {
        throw new IllegalArgumentException("transparency.lookback is " + lookback
            + "; it must be positive and at most 366 days.");
      }
    }
  }
}
