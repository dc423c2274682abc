package dev.fairshift.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.SignalKind;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Maps the problem document to and from {@link Problem}. Stateless and thread-safe. */
final class ProblemMapping {
  static final int VERSION = 1;
  static final String DEFAULT_TENANT_CLASS = "standard";

  private static final JsonType<Integer> POSITIVE = JsonType.wholeAtLeast(1);
  private static final JsonType<SlotSeries> INTENSITIES =
      JsonType.SERIES.describedAs("an array of grams CO2e per kWh, one number per slot");
  private static final SlotSeries NO_RENEWABLES = SlotSeries.scalar(0.0);
  private static final SlotSeries INVALID = SlotSeries.scalar(0.0);

  private ProblemMapping() {}

  /**
   * Reads a problem document: first its structure (every error collected), then the domain rules
   * through {@link Problem.Builder#build()}.
   *
   * @throws dev.fairshift.core.InvalidProblemException from either stage
   */
  static Problem read(JsonNode root, String what) {
    Errors errors = new Errors();
    Optional<ObjectCursor> opened = ObjectCursor.open(root, "$", Fields.PROBLEM, errors);
    if (opened.isEmpty()) {
      errors.throwIfAny(what);
    }
    ObjectCursor doc = opened.orElseThrow();
    version(doc);
    Optional<Horizon> horizon = doc.requiredObject("horizon", Fields.HORIZON).flatMap(ProblemMapping::horizon);
    double carbonPrice = doc.optional("carbonPricePerTonne", JsonType.NUMBER).orElse(0.0);
    double transfer = doc.optional("transferKwhPerGb", JsonType.NUMBER).orElse(0.0);
    List<ZoneIntensity> zones = new ArrayList<>();
    for (ObjectCursor zone : doc.requiredObjects("zones", Fields.ZONE)) {
      zones.add(zone(zone));
    }
    List<Hub> hubs = new ArrayList<>();
    for (ObjectCursor hub : doc.requiredObjects("hubs", Fields.HUB)) {
      hubs.add(hub(hub));
    }
    List<Tenant> tenants = new ArrayList<>();
    for (ObjectCursor tenant : doc.requiredObjects("tenants", Fields.TENANT)) {
      tenants.add(tenant(tenant));
    }
    List<Job> jobs = new ArrayList<>();
    for (ObjectCursor job : doc.requiredObjects("jobs", Fields.JOB)) {
      jobs.add(job(job));
    }
    errors.throwIfAny(what);
    return Problem.builder()
        .horizon(horizon.orElseThrow())
        .carbonPricePerTonne(carbonPrice)
        .transferKwhPerGb(transfer)
        .zones(zones)
        .hubs(hubs)
        .tenants(tenants)
        .jobs(jobs)
        .build();
  }

  static void version(ObjectCursor doc) {
    doc.required("version", JsonType.WHOLE.describedAs("the format version, " + VERSION)).ifPresent(v -> {
      if (v != VERSION) {
        doc.error("version", "unsupported version " + v + "; this reader knows version " + VERSION
            + ". Maybe the file was written by a newer Fairshift: upgrade, or write it as version "
            + VERSION + ".");
      }
    });
  }

  private static Optional<Horizon> horizon(ObjectCursor h) {
    Optional<Instant> start = h.required("start", JsonType.INSTANT);
    Optional<Integer> slotMinutes = h.required("slotMinutes", POSITIVE);
    Optional<Integer> slots = h.required("slots", POSITIVE);
    if (start.isEmpty() || slotMinutes.isEmpty() || slots.isEmpty()) {
      return Optional.empty();
    }
    // Where the horizon lies in time (years 1 to 9999) and how long it is are domain rules
    // (Limits), reported by Problem.Builder#build() without computing an end that could overflow.
    return Optional.of(Horizon.of(start.get(), slotMinutes.get(), slots.get()));
  }

  private static ZoneIntensity zone(ObjectCursor z) {
    String id = z.required("id", JsonType.STRING).orElse("");
    SignalKind signal = z.required("signal", JsonType.SIGNAL).orElse(SignalKind.AVERAGE);
    SlotSeries grams = z.required("gramsPerKwh", INTENSITIES).orElse(INVALID);
    Optional<SlotSeries> forecast = z.optional("forecastGramsPerKwh", INTENSITIES);
    return new ZoneIntensity(id, signal, grams, forecast);
  }

  private static Hub hub(ObjectCursor h) {
    String id = h.required("id", JsonType.STRING).orElse("");
    String zone = h.required("zone", JsonType.STRING).orElse("");
    double pue = h.required("pue", JsonType.NUMBER).orElse(1.0);
    SlotSeries capacity = h.required("capacityUnits", JsonType.SERIES).orElse(INVALID);
    Optional<SlotSeries> powerCap = h.optional("powerCapKw", JsonType.SERIES);
    SlotSeries renewable = h.optional("renewableKw", JsonType.SERIES).orElse(NO_RENEWABLES);
    SlotSeries price = h.required("pricePerKwh", JsonType.SERIES).orElse(INVALID);
    return new Hub(id, zone, pue, capacity, powerCap, renewable, price);
  }

  private static Tenant tenant(ObjectCursor t) {
    String id = t.required("id", JsonType.STRING).orElse("");
    String tenantClass = t.optional("class", JsonType.STRING).orElse(DEFAULT_TENANT_CLASS);
    double guaranteed = t.optional("guaranteedShare", JsonType.NUMBER).orElse(0.0);
    double max = t.optional("maxShare", JsonType.NUMBER).orElse(1.0);
    double weight = t.optional("weight", JsonType.NUMBER).orElse(1.0);
    // Any whole number: the validator explains a window below 1 slot with the tenant's name.
    Optional<Integer> window = t.optional("fairnessWindowSlots", JsonType.WHOLE);
    return new Tenant(id, tenantClass, guaranteed, max, weight,
        window.map(OptionalInt::of).orElse(OptionalInt.empty()));
  }

  private static Job job(ObjectCursor j) {
    String id = j.required("id", JsonType.STRING).orElse("");
    String tenant = j.required("tenant", JsonType.STRING).orElse("");
    int durationSlots = j.required("durationSlots", JsonType.WHOLE).orElse(1);
    double powerKw = j.required("powerKw", JsonType.NUMBER).orElse(0.0);
    int units = j.optional("units", JsonType.WHOLE).orElse(1);
    Instant release = j.required("release", JsonType.INSTANT).orElse(Instant.EPOCH);
    Instant deadline = j.required("deadline", JsonType.INSTANT).orElse(Instant.EPOCH);
    boolean interruptible = j.optional("interruptible", JsonType.BOOLEAN).orElse(false);
    List<String> allowedHubs = j.optional("allowedHubs", JsonType.NON_EMPTY_STRINGS).orElse(List.of());
    Optional<String> originHub = j.optional("originHub", JsonType.STRING);
    double dataGb = j.optional("dataGb", JsonType.NUMBER).orElse(0.0);
    int priority = j.optional("priority", JsonType.WHOLE).orElse(1);
    return new Job(id, tenant, durationSlots, powerKw, units, release, deadline, interruptible,
        allowedHubs, originHub, dataGb, priority);
  }

  /** The document of a (valid) problem, fields in the order of the format. */
  static ObjectNode write(Problem problem) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("version", VERSION);
    Horizon horizon = problem.horizon();
    ObjectNode h = root.putObject("horizon");
    h.put("start", horizon.start().toString());
    h.put("slotMinutes", horizon.slotMinutes());
    h.put("slots", horizon.slots());
    root.put("carbonPricePerTonne", problem.carbonPricePerTonne());
    root.put("transferKwhPerGb", problem.transferKwhPerGb());
    ArrayNode zones = root.putArray("zones");
    for (ZoneIntensity zone : problem.intensities().zones()) {
      ObjectNode z = zones.addObject();
      z.put("id", zone.zone());
      z.put("signal", zone.signal().jsonName());
      z.set("gramsPerKwh", series(zone.gramsPerKwh(), false));
      zone.forecastGramsPerKwh().ifPresent(s -> z.set("forecastGramsPerKwh", series(s, false)));
    }
    ArrayNode hubs = root.putArray("hubs");
    for (Hub hub : problem.hubs()) {
      ObjectNode o = hubs.addObject();
      o.put("id", hub.id());
      o.put("zone", hub.zone());
      o.put("pue", hub.pue());
      o.set("capacityUnits", series(hub.capacityUnits(), true));
      hub.powerCapKw().ifPresent(s -> o.set("powerCapKw", series(s, false)));
      if (!hub.renewableKw().equals(NO_RENEWABLES)) {
        o.set("renewableKw", series(hub.renewableKw(), false));
      }
      o.set("pricePerKwh", series(hub.pricePerKwh(), false));
    }
    ArrayNode tenants = root.putArray("tenants");
    for (Tenant tenant : problem.tenants()) {
      ObjectNode t = tenants.addObject();
      t.put("id", tenant.id());
      t.put("class", tenant.tenantClass());
      t.put("guaranteedShare", tenant.guaranteedShare());
      t.put("maxShare", tenant.maxShare());
      t.put("weight", tenant.weight());
      tenant.fairnessWindowSlots().ifPresent(w -> t.put("fairnessWindowSlots", w));
    }
    ArrayNode jobs = root.putArray("jobs");
    for (Job job : problem.jobs()) {
      ObjectNode j = jobs.addObject();
      j.put("id", job.id());
      j.put("tenant", job.tenant());
      j.put("durationSlots", job.durationSlots());
      j.put("powerKw", job.powerKw());
      j.put("units", job.units());
      j.put("release", job.release().toString());
      j.put("deadline", job.deadline().toString());
      j.put("interruptible", job.interruptible());
      if (!job.allowedHubs().isEmpty()) {
        ArrayNode allowed = j.putArray("allowedHubs");
        job.allowedHubs().forEach(allowed::add);
      }
      job.originHub().ifPresent(o -> j.put("originHub", o));
      if (Double.doubleToLongBits(job.dataGb()) != Double.doubleToLongBits(0.0)) {
        j.put("dataGb", job.dataGb());
      }
      j.put("priority", job.priority());
    }
    return root;
  }

  /**
   * A series as a number (scalar) or an array; whole counts (capacity units) as integers, which
   * read back as the same doubles.
   */
  private static JsonNode series(SlotSeries series, boolean wholeNumbers) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    double[] values = series.values();
    if (series.isScalar()) {
      return number(values[0], wholeNumbers);
    }
    ArrayNode array = f.arrayNode(values.length);
    for (double v : values) {
      array.add(number(v, wholeNumbers));
    }
    return array;
  }

  private static JsonNode number(double v, boolean whole) {
    long asLong = (long) v;
    if (whole && Double.doubleToLongBits((double) asLong) == Double.doubleToLongBits(v)) {
      return JsonNodeFactory.instance.numberNode(asLong);
    }
    return JsonNodeFactory.instance.numberNode(v);
  }
}
