package dev.fairshift.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks every rule of the format on a {@link Problem.Builder}, collecting all errors. */
final class ProblemValidator {
  private final Problem.Builder b;
  private final List<ProblemError> errors;
  private final Horizon horizon;
  private final int slots;

  private ProblemValidator(Problem.Builder b, List<ProblemError> errors) {
    this.b = b;
    this.errors = errors;
    this.horizon = b.horizon();
    this.slots = horizon.slots();
  }

  static void validate(Problem.Builder b, List<ProblemError> errors) {
    new ProblemValidator(b, errors).run();
  }

  private void error(String path, String message) {
    errors.add(new ProblemError(path, message));
  }

  private void run() {
    if (!horizonWithinLimits()) {
      return; // every other rule measures against the horizon
    }
    if (!Double.isFinite(b.carbonPricePerTonne()) || b.carbonPricePerTonne() < 0) {
      error("carbonPricePerTonne", "carbonPricePerTonne is " + b.carbonPricePerTonne()
          + " but must be a finite number >= 0. Maybe use 0 to leave emissions unpriced.");
    } else {
      atMost("carbonPricePerTonne", "carbonPricePerTonne", b.carbonPricePerTonne(), Limits.MAX_CARBON_PRICE_PER_TONNE);
    }
    if (!Double.isFinite(b.transferKwhPerGb()) || b.transferKwhPerGb() < 0) {
      error("transferKwhPerGb", "transferKwhPerGb is " + b.transferKwhPerGb()
          + " but must be a finite number >= 0. Maybe use 0 to ignore data transfer.");
    } else {
      atMost("transferKwhPerGb", "transferKwhPerGb", b.transferKwhPerGb(), Limits.MAX_TRANSFER_KWH_PER_GB);
    }
    if ((long) b.hubs().size() * slots > Limits.MAX_HUB_SLOTS) {
      error("hubs", "The problem has " + b.hubs().size() + " hubs over " + slots + " slots, "
          + (long) b.hubs().size() * slots + " hub-slots; at most " + Limits.MAX_HUB_SLOTS
          + " are accepted. Maybe plan a shorter horizon or fewer hubs per run.");
      return;
    }
    Set<String> zoneIds = zones();
    Set<String> hubIds = hubs(zoneIds);
    Set<String> tenantIds = tenants();
    jobs(hubIds, tenantIds);
    if (errors.isEmpty()) {
      magnitudes();
    }
  }

  /** The horizon's own limits (Limits): checked first, as every instant and slot is measured on it. */
  private boolean horizonWithinLimits() {
    boolean ok = true;
    if (horizon.slotLength().compareTo(Limits.MAX_SLOT_LENGTH) > 0) {
      error("horizon.slotMinutes", "The horizon's slots are " + horizon.slotLength().toMinutes()
          + " minutes long; at most " + Limits.MAX_SLOT_MINUTES + " (a week) are accepted. Maybe use 60.");
      ok = false;
    }
    if (slots > Limits.MAX_SLOTS) {
      error("horizon.slots", "The horizon has " + slots + " slots; at most " + Limits.MAX_SLOTS
          + " are accepted. Maybe plan a shorter horizon or use longer slots.");
      ok = false;
    }
    if (!withinTime(horizon.start())) {
      error("horizon.start", "The horizon starts at " + horizon.start() + ", outside the years 1 to 9999 "
          + "that Fairshift plans in. Maybe a digit too many in the year?");
      ok = false;
    }
    if (ok && horizon.end().isAfter(Limits.END_OF_TIME)) {
      error("horizon.slots", "The horizon's " + slots + " slots of " + horizon.slotMinutes() + " minutes from "
          + horizon.start() + " end at " + horizon.end() + ", after the end of year 9999. Maybe use fewer slots.");
      ok = false;
    }
    return ok;
  }

  private static boolean withinTime(Instant instant) {
    return !instant.isBefore(Limits.EARLIEST) && instant.isBefore(Limits.END_OF_TIME);
  }

  /** Reports {@code value} above {@code max}; returns whether it is within. */
  private boolean atMost(String path, String what, double value, double max) {
    if (value > max) {
      error(path, what + " is " + value + "; at most " + fmt(max) + " is accepted (Limits). Maybe a unit "
          + "is off, e.g. W instead of kW, or a digit too many?");
      return false;
    }
    return true;
  }

  /** Reports the first value of {@code series} above {@code max}. */
  private boolean seriesAtMost(String path, String what, SlotSeries series, double max) {
    double[] values = series.values();
    for (int i = 0; i < values.length; i++) {
      if (values[i] > max) {
        return atMost(series.isScalar() ? path : path + "[" + i + "]",
            what + (series.isScalar() ? "" : " in slot " + i), values[i], max);
      }
    }
    return true;
  }

  /** An id: 1 to Limits.MAX_ID_LENGTH characters, none of them a control or invisible one. */
  private void id(String path, String kind, String id) {
    if (id.isEmpty()) {
      error(path, kind + " id is empty. Give it a name, e.g. a short word without spaces.");
      return;
    }
    if (id.length() > Limits.MAX_ID_LENGTH) {
      error(path, kind + " id '" + id.substring(0, 40) + "...' has " + id.length() + " characters; at most "
          + Limits.MAX_ID_LENGTH + " are accepted. Maybe shorten it.");
      return;
    }
    text(path, kind + " id '" + id + "'", id);
  }

  /** Free text that appears in reports: no control or invisible characters. */
  private void text(String path, String what, String text) {
    int bad = Printable.firstUnsafe(text);
    if (bad >= 0) {
      error(path, what + " has the control or invisible character U+"
          + String.format("%04X", text.codePointAt(bad)) + " at position " + bad
          + ". Maybe remove it; ids are printed in reports and logs.");
    }
  }

  /**
   * The worst case of every sum the accounting and the solvers keep, in doubles, against Limits:
   * every job at the highest PUE in the dirtiest and most expensive slot, and the fair-share term
   * with every demanded unit-slot on the lightest tenant.
   */
  private void magnitudes() {
    double maxPue = 1;
    double maxPrice = 0;
    long capacity = 0;
    for (Hub hub : b.hubs()) {
      maxPue = Math.max(maxPue, hub.pue());
      for (double p : hub.pricePerKwh().values()) {
        maxPrice = Math.max(maxPrice, p);
      }
      for (int s = 0; s < slots; s++) {
        capacity += (long) hub.capacityUnits().at(s);
      }
    }
    double maxGrams = 0;
    String dirtiest = "";
    for (ZoneIntensity zone : b.zones()) {
      for (SlotSeries series : zone.forecastGramsPerKwh().isPresent()
          ? List.of(zone.gramsPerKwh(), zone.forecastGramsPerKwh().get()) : List.of(zone.gramsPerKwh())) {
        for (double g : series.values()) {
          if (g > maxGrams) {
            maxGrams = g;
            dirtiest = zone.zone();
          }
        }
      }
    }
    double t = horizon.slotHours();
    double energy = 0;
    double largest = -1;
    int largestAt = -1;
    long unitSlots = 0;
    double totalKw = 0;
    for (int j = 0; j < b.jobs().size(); j++) {
      Job job = b.jobs().get(j);
      totalKw += job.powerKw();
      double own = job.powerKw() * maxPue * job.durationSlots() * t + job.dataGb() * b.transferKwhPerGb();
      energy += own;
      if (own > largest) {
        largest = own;
        largestAt = j;
      }
      unitSlots += job.unitSlots();
    }
    String largestJob = largestAt < 0 ? "" : " The largest is jobs[" + largestAt + "] ('" + b.jobs().get(largestAt).id()
        + "', up to " + fmt(Math.rint(largest)) + " kWh).";
    if (totalKw > Limits.MAX_TOTAL_POWER_KW) {
      error("jobs", "The jobs draw " + fmt(Math.rint(totalKw)) + " kW together; at most "
          + fmt(Limits.MAX_TOTAL_POWER_KW) + " kW (all of them in one slot of one hub) are added up exactly."
          + largestJob + " Maybe check powerKw for a unit or digit too many, or split the problem.");
    }
    double grams = energy * maxGrams;
    if (grams > Limits.MAX_WORST_CASE_GRAMS) {
      error("jobs", "The jobs could draw up to " + fmt(Math.rint(energy)) + " kWh (at the highest PUE, " + maxPue
          + "), which at the dirtiest intensity (" + fmt(maxGrams) + " g/kWh in zone '" + dirtiest + "') is "
          + grams + " g CO2e, beyond the " + fmt(Limits.MAX_WORST_CASE_GRAMS) + " g (1 Gt) the accounting adds "
          + "up exactly." + largestJob + " Maybe check powerKw, durationSlots and dataGb for a unit or digit too many.");
    }
    if (b.carbonPricePerTonne() > 0) {
      double costGrams = energy * maxPrice * 1e6 / b.carbonPricePerTonne();
      if (costGrams > Limits.MAX_WORST_CASE_GRAMS) {
        error("carbonPricePerTonne", "At carbonPricePerTonne " + b.carbonPricePerTonne()
            + " the energy cost of the jobs (up to " + fmt(Math.rint(energy)) + " kWh at prices up to " + maxPrice
            + " per kWh) is worth " + costGrams + " g CO2e to the solvers, beyond the "
            + fmt(Limits.MAX_WORST_CASE_GRAMS) + " g they add up exactly. Maybe raise the carbon price, lower "
            + "pricePerKwh, or use 0 to leave emissions unpriced.");
      }
    }
    if (unitSlots > Limits.MAX_UNIT_SLOTS) {
      error("jobs", "The jobs demand " + unitSlots + " unit-slots (units x durationSlots); at most "
          + Limits.MAX_UNIT_SLOTS + " are accepted. Maybe split the problem into several runs.");
      return;
    }
    int lightest = -1;
    for (int i = 0; i < b.tenants().size(); i++) {
      if (lightest < 0 || b.tenants().get(i).weight() < b.tenants().get(lightest).weight()) {
        lightest = i;
      }
    }
    if (lightest >= 0 && unitSlots > 0) {
      Tenant tenant = b.tenants().get(lightest);
      double fairness = FAIRNESS_GRAMS_PER_UNIT_SLOT * (double) unitSlots * unitSlots
          / (tenant.weight() * Math.max(1, capacity));
      if (fairness > Limits.MAX_WORST_CASE_GRAMS) {
        error("tenants[" + lightest + "].weight", "Tenant '" + tenant.id() + "' has weight " + tenant.weight()
            + "; with the jobs' " + unitSlots + " unit-slots on " + capacity + " unit-slots of capacity, the "
            + "fair-share term could reach " + fairness + " g, beyond the " + fmt(Limits.MAX_WORST_CASE_GRAMS)
            + " g the solvers add up exactly. Maybe use weights nearer 1 or add capacity.");
      }
    }
  }

  /** The solvers' default fair-share scale (OptaPlannerScheduler.Config), used for the worst case. */
  private static final double FAIRNESS_GRAMS_PER_UNIT_SLOT = 1000.0;

  private Set<String> zones() {
    Map<String, Integer> firstAt = new HashMap<>();
    if (b.zones().isEmpty()) {
      error("zones", "The problem has no zones. Add the carbon intensity of each hub's grid zone.");
    }
    SignalKind first = null;
    for (int i = 0; i < b.zones().size(); i++) {
      ZoneIntensity zone = b.zones().get(i);
      String path = "zones[" + i + "]";
      id(path + ".id", "Zone", zone.zone());
      Integer firstIndex = firstAt.putIfAbsent(zone.zone(), i);
      if (firstIndex != null) {
        error(path + ".id", "Zone '" + zone.zone() + "' is listed twice (also zones[" + firstIndex
            + "]). Zone ids must be unique.");
      }
      if (first == null) {
        first = zone.signal();
      } else if (zone.signal() != first) {
        error(path + ".signal", "Zone '" + zone.zone() + "' has signal '" + zone.signal().jsonName()
            + "' but zone '" + b.zones().get(0).zone() + "' has '" + first.jsonName()
            + "'. Average and marginal intensities cannot be mixed in one problem.");
      }
      intensity(path + ".gramsPerKwh", "Zone '" + zone.zone() + "' gramsPerKwh", zone.gramsPerKwh());
      zone.forecastGramsPerKwh().ifPresent(f -> intensity(path + ".forecastGramsPerKwh",
          "Zone '" + zone.zone() + "' forecastGramsPerKwh", f));
    }
    return firstAt.keySet();
  }

  private void intensity(String path, String what, SlotSeries series) {
    if (series.isScalar()) {
      error(path, what + " is a single number; give one value per slot (" + slots + " values).");
      return;
    }
    coverage(path, what, series);
    int bad = series.firstInvalidNonNegative();
    if (bad >= 0) {
      error(path + "[" + bad + "]", what + " has " + series.values()[bad] + " in slot " + bad + " ("
          + horizon.slotStart(Math.min(bad, slots)) + "); intensities must be finite and >= 0. Maybe fill the gap "
          + "from a neighbouring hour or a forecast.");
      return;
    }
    seriesAtMost(path, what, series, Limits.MAX_GRAMS_PER_KWH);
  }

  private boolean coverage(String path, String what, SlotSeries series) {
    if (series.covers(slots)) {
      return true;
    }
    int n = series.size();
    error(path, what + " has " + n + " values but the horizon has " + slots + " slots"
        + (n < slots ? " (slots " + n + ".." + (slots - 1) + " from " + horizon.slotStart(n) + " are missing)"
            : " (" + (n - slots) + " too many)")
        + ". Give exactly one value per slot.");
    return false;
  }

  private void nonNegative(String path, String what, SlotSeries series, double max) {
    if (!coverage(path, what, series)) {
      return;
    }
    int bad = series.firstInvalidNonNegative();
    if (bad >= 0) {
      error(series.isScalar() ? path : path + "[" + bad + "]", what + " is " + series.values()[bad]
          + (series.isScalar() ? "" : " in slot " + bad) + "; it must be finite and >= 0.");
      return;
    }
    seriesAtMost(path, what, series, max);
  }

  private Set<String> hubs(Set<String> zoneIds) {
    Map<String, Integer> firstAt = new HashMap<>();
    if (b.hubs().isEmpty()) {
      error("hubs", "The problem has no hubs. Add at least one hub to run jobs in.");
    }
    for (int i = 0; i < b.hubs().size(); i++) {
      Hub hub = b.hubs().get(i);
      String path = "hubs[" + i + "]";
      String name = "Hub '" + hub.id() + "'";
      id(path + ".id", "Hub", hub.id());
      Integer first = firstAt.putIfAbsent(hub.id(), i);
      if (first != null) {
        error(path + ".id", name + " is listed twice (also hubs[" + first + "]). Hub ids must be unique.");
      }
      if (!zoneIds.contains(hub.zone())) {
        error(path + ".zone", name + " is in zone '" + hub.zone() + "', which has no intensity series. "
            + "Known zones: " + sorted(zoneIds) + ". Maybe add the zone or fix the hub's zone.");
      }
      if (!Double.isFinite(hub.pue()) || hub.pue() < 1.0) {
        error(path + ".pue", name + " has pue " + hub.pue() + "; PUE is facility energy over IT "
            + "energy and must be a finite number >= 1.0.");
      } else {
        atMost(path + ".pue", name + " pue", hub.pue(), Limits.MAX_PUE);
      }
      nonNegative(path + ".capacityUnits", name + " capacityUnits", hub.capacityUnits(), Limits.MAX_CAPACITY_UNITS);
      for (double v : hub.capacityUnits().values()) {
        if (Double.isFinite(v) && v != Math.rint(v)) {
          error(path + ".capacityUnits", name + " capacityUnits has " + v
              + "; capacity is counted in whole units.");
          break;
        }
      }
      hub.powerCapKw().ifPresent(cap -> nonNegative(path + ".powerCapKw", name + " powerCapKw", cap,
          Limits.MAX_SITE_POWER_KW));
      nonNegative(path + ".renewableKw", name + " renewableKw", hub.renewableKw(), Limits.MAX_SITE_POWER_KW);
      nonNegative(path + ".pricePerKwh", name + " pricePerKwh", hub.pricePerKwh(), Limits.MAX_PRICE_PER_KWH);
    }
    return firstAt.keySet();
  }

  private Set<String> tenants() {
    Map<String, Integer> firstAt = new HashMap<>();
    double guaranteed = 0;
    List<String> guarantees = new ArrayList<>();
    for (int i = 0; i < b.tenants().size(); i++) {
      Tenant t = b.tenants().get(i);
      String path = "tenants[" + i + "]";
      String name = "Tenant '" + t.id() + "'";
      id(path + ".id", "Tenant", t.id());
      text(path + ".class", name + " class '" + t.tenantClass() + "'", t.tenantClass());
      Integer first = firstAt.putIfAbsent(t.id(), i);
      if (first != null) {
        error(path + ".id", name + " is listed twice (also tenants[" + first + "]). Tenant ids must be unique.");
      }
      boolean shareOk = true;
      if (!(t.guaranteedShare() >= 0 && t.guaranteedShare() <= 1)) {
        error(path + ".guaranteedShare", name + " has guaranteedShare " + t.guaranteedShare()
            + "; it is a fraction of total capacity between 0 and 1.");
        shareOk = false;
      }
      if (!(t.maxShare() > 0 && t.maxShare() <= 1)) {
        error(path + ".maxShare", name + " has maxShare " + t.maxShare()
            + "; it is a fraction of total capacity above 0 and at most 1 (1 = no cap).");
        shareOk = false;
      }
      if (shareOk && t.guaranteedShare() > t.maxShare()) {
        error(path + ".guaranteedShare", name + " has guaranteedShare " + t.guaranteedShare()
            + " above its maxShare " + t.maxShare() + ". Maybe raise maxShare or lower the guarantee.");
      }
      if (!Double.isFinite(t.weight()) || t.weight() <= 0) {
        error(path + ".weight", name + " has weight " + t.weight() + "; it must be a finite number > 0.");
      } else if (t.weight() < Limits.MIN_WEIGHT || t.weight() > Limits.MAX_WEIGHT) {
        error(path + ".weight", name + " has weight " + t.weight() + "; weights from " + Limits.MIN_WEIGHT
            + " to " + fmt(Limits.MAX_WEIGHT) + " are accepted (only their ratios matter). Maybe use 1.");
      }
      if (t.fairnessWindowSlots().isPresent() && t.fairnessWindowSlots().getAsInt() < 1) {
        error(path + ".fairnessWindowSlots", name + " has fairnessWindowSlots " + t.fairnessWindowSlots().getAsInt()
            + "; a fairness window is at least 1 slot. Maybe use " + slotsPerDay()
            + ", or leave it out to measure the tenant's shares over the whole horizon.");
      }
      if (shareOk && t.guaranteedShare() > 0) {
        guaranteed += t.guaranteedShare();
        guarantees.add(t.id() + " " + t.guaranteedShare());
      }
    }
    if (guaranteed > 1 + 1e-9) {
      // Rounded for reading: 0.35 three times sums to 1.0499999999999998 in doubles.
      error("tenants", "The tenants' guaranteed shares add up to " + Math.round(guaranteed * 1e9) / 1e9
          + " (" + String.join(", ", guarantees) + "), more than all the capacity (1.0). "
          + "Maybe lower some guarantees.");
    }
    return firstAt.keySet();
  }

  /** "24 (one day of 60-minute slots)", or the horizon's slot count when a day is not a whole number of slots. */
  private String slotsPerDay() {
    int minutes = horizon.slotMinutes();
    if (1440 % minutes == 0) {
      return (1440 / minutes) + " (one day of " + minutes + "-minute slots)";
    }
    return slots + " (the whole horizon)";
  }

  private void jobs(Set<String> hubIds, Set<String> tenantIds) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < b.jobs().size(); i++) {
      Job job = b.jobs().get(i);
      String path = "jobs[" + i + "]";
      String name = "Job '" + job.id() + "'";
      id(path + ".id", "Job", job.id());
      Integer first = seen.putIfAbsent(job.id(), i);
      if (first != null) {
        error(path + ".id", name + " is listed twice (also jobs[" + first + "]). Job ids must be unique.");
      }
      if (!tenantIds.contains(job.tenant())) {
        error(path + ".tenant", name + " belongs to tenant '" + job.tenant() + "', which is not in the "
            + "problem. Known tenants: " + sorted(tenantIds) + ".");
      }
      boolean shapeOk = true;
      if (job.durationSlots() < 1) {
        error(path + ".durationSlots", name + " has durationSlots " + job.durationSlots()
            + "; a job runs for at least 1 slot.");
        shapeOk = false;
      }
      if (!Double.isFinite(job.powerKw()) || job.powerKw() < 0) {
        error(path + ".powerKw", name + " has powerKw " + job.powerKw() + "; it must be finite and >= 0.");
        shapeOk = false;
      } else if (!atMost(path + ".powerKw", name + " powerKw", job.powerKw(), Limits.MAX_JOB_POWER_KW)) {
        shapeOk = false;
      }
      if (job.units() < 1) {
        error(path + ".units", name + " has units " + job.units() + "; a job holds at least 1 unit.");
        shapeOk = false;
      }
      if (!Double.isFinite(job.dataGb()) || job.dataGb() < 0) {
        error(path + ".dataGb", name + " has dataGb " + job.dataGb() + "; it must be finite and >= 0.");
      } else {
        atMost(path + ".dataGb", name + " dataGb", job.dataGb(), Limits.MAX_DATA_GB);
      }
      if (job.priority() < 1) {
        error(path + ".priority", name + " has priority " + job.priority() + "; it must be at least 1.");
      } else if (job.priority() > Limits.MAX_PRIORITY) {
        error(path + ".priority", name + " has priority " + job.priority() + "; at most " + Limits.MAX_PRIORITY
            + " is accepted. Maybe use a smaller scale, e.g. 1 to 10.");
      }
      boolean timesOk = true;
      if (!withinTime(job.release())) {
        error(path + ".release", name + " is released at " + job.release() + ", outside the years 1 to 9999. "
            + "Maybe a digit too many in the year?");
        timesOk = false;
      }
      if (!withinTime(job.deadline())) {
        error(path + ".deadline", name + " has deadline " + job.deadline() + ", outside the years 1 to 9999. "
            + "Maybe a digit too many in the year?");
        timesOk = false;
      }
      boolean hubsOk = true;
      for (int k = 0; k < job.allowedHubs().size(); k++) {
        String hub = job.allowedHubs().get(k);
        if (!hubIds.contains(hub)) {
          error(path + ".allowedHubs[" + k + "]", name + " allows hub '" + hub + "', which is not in the "
              + "problem. Known hubs: " + sorted(hubIds) + ".");
          hubsOk = false;
        }
      }
      if (job.originHub().isPresent() && !hubIds.contains(job.originHub().get())) {
        error(path + ".originHub", name + " has originHub '" + job.originHub().get()
            + "', which is not in the problem. Known hubs: " + sorted(hubIds) + ".");
      }
      if (shapeOk && timesOk && window(path, name, job) && hubsOk) {
        fitsSomeHub(path, name, job);
      }
    }
  }

  /** Checks that the job's rounded window holds its duration; returns whether it does. */
  private boolean window(String path, String name, Job job) {
    Instant release = job.release();
    Instant deadline = job.deadline();
    Instant earliestEnd = release.plus(horizon.slotLength().multipliedBy(job.durationSlots()));
    if (deadline.isBefore(earliestEnd)) {
      error(path + ".deadline", name + " has deadline " + deadline + " before release + duration ("
          + earliestEnd + "). Maybe extend the deadline or shorten the job.");
      return false;
    }
    if (!release.isBefore(horizon.end())) {
      error(path + ".release", name + " is released at " + release + ", at or after the horizon ends ("
          + horizon.end() + "). Maybe extend the horizon or plan it in a later run.");
      return false;
    }
    int from = horizon.slotAtOrAfter(release);
    int to = horizon.slotAtOrBefore(deadline);
    if (to - from < job.durationSlots()) {
      error(path + ".deadline", name + " needs " + job.durationSlots() + " slots but only " + Math.max(0, to - from)
          + " whole slots lie between its release rounded up (" + horizon.slotStart(from)
          + ") and its deadline rounded down, within the horizon (" + horizon.slotStart(to)
          + "). Maybe extend the deadline or the horizon, or align the window to slot boundaries.");
      return false;
    }
    return true;
  }

  /** A job must fit at least one allowed hub on its own: capacity and power cap in its window. */
  private void fitsSomeHub(String path, String name, Job job) {
    int from = horizon.slotAtOrAfter(job.release());
    int to = horizon.slotAtOrBefore(job.deadline());
    StringBuilder why = new StringBuilder();
    int candidates = 0;
    for (Hub hub : b.hubs()) {
      if (!job.allows(hub.id()) || !hub.capacityUnits().covers(slots)
          || (hub.powerCapKw().isPresent() && !hub.powerCapKw().get().covers(slots))) {
        continue;
      }
      candidates++;
      double kw = job.powerKw() * hub.pue();
      int run = 0;
      int best = 0;
      int total = 0;
      int maxUnits = 0;
      double maxCap = 0;
      for (int s = from; s < to; s++) {
        int cap = (int) hub.capacityUnits().at(s);
        double powerCap = hub.powerCapKwAt(s);
        maxUnits = Math.max(maxUnits, cap);
        maxCap = Math.max(maxCap, powerCap);
        boolean fits = cap >= job.units() && powerCap + 1e-9 >= kw;
        run = fits ? run + 1 : 0;
        best = Math.max(best, run);
        total += fits ? 1 : 0;
      }
      int usable = job.interruptible() ? total : best;
      if (usable >= job.durationSlots()) {
        return;
      }
      if (why.length() > 0) {
        why.append("; ");
      }
      why.append(hub.id()).append(" offers at most ").append(maxUnits).append(" units");
      if (hub.powerCapKw().isPresent()) {
        why.append(" and ").append(fmt(maxCap)).append(" kW");
      }
      why.append(", enough in ").append(usable).append(job.interruptible() ? " slots" : " consecutive slots");
    }
    if (candidates == 0) {
      return; // unknown hubs were already reported
    }
    error(path, name + " fits no allowed hub: it needs " + job.units() + " units and "
        + fmt(job.powerKw()) + " kW (times the hub's PUE) for " + job.durationSlots()
        + (job.interruptible() ? " slots" : " consecutive slots") + " between " + horizon.slotStart(from)
        + " and " + horizon.slotStart(to) + ", but " + why
        + ". Maybe allow another hub, lower its demand or widen its window.");
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static List<String> sorted(Set<String> ids) {
    return ids.stream().sorted().toList();
  }
}
