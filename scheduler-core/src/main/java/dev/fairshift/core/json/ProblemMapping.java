package dev.fairshift.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
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
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;

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
   * Reads a problem document from a parser on its first token, streaming: job by job, each job a
   * small tree for the time it is mapped, so memory is the problem plus a constant. Members may come
   * in any order; the errors are reported in the order of the format (unknown fields of the
   * document, then version, horizon, ..., zones, hubs, tenants, jobs; in each array, what opening
   * its elements finds before what their fields hold), as when the document was a tree. What is returned throws every error found, or builds the problem through
   * {@link Problem.Builder#build()} (the domain rules), when called: after the whole document is
   * known to be well formed.
   */
  static Supplier<Problem> read(JsonParser parser, ObjectReader values, String what) throws IOException {
    // Every error, in the format's order: unknown members first, in the document's order.
    Errors errors = new Errors();
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      ObjectCursor.open(JsonText.tree(values, parser), "$", Fields.PROBLEM, errors);
      return () -> {
        errors.throwIfAny(what);
        throw new IllegalStateException("A document that is not an object was accepted");
      };
    }
    Strings strings = new Strings();
    Section<ZoneIntensity> zones = new Section<>("zones", Fields.ZONE, ProblemMapping::zone);
    Section<Hub> hubs = new Section<>("hubs", Fields.HUB, ProblemMapping::hub);
    Section<Tenant> tenants = new Section<>("tenants", Fields.TENANT, ProblemMapping::tenant);
    Section<Job> jobs = new Section<>("jobs", Fields.JOB, j -> job(j, strings));
    List<Section<?>> sections = List.of(zones, hubs, tenants, jobs);
    // The small members (version, horizon, prices) as a tree, read by the same cursor as before.
    ObjectNode head = JsonNodeFactory.instance.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      Section<?> section = sections.stream().filter(s -> s.field.equals(name)).findFirst().orElse(null);
      if (section != null) {
        section.read(parser, values);
      } else if (Fields.PROBLEM.contains(name)) {
        head.set(name, JsonText.tree(values, parser));
      } else {
        ObjectCursor.unknownField("$", name, Fields.PROBLEM, errors);
        parser.skipChildren();
      }
    }
    Errors headErrors = new Errors();
    ObjectCursor doc = ObjectCursor.open(head, "$", Fields.PROBLEM, headErrors).orElseThrow();
    version(doc);
    Optional<Horizon> horizon = doc.requiredObject("horizon", Fields.HORIZON).flatMap(ProblemMapping::horizon);
    double carbonPrice = doc.optional("carbonPricePerTonne", JsonType.NUMBER).orElse(0.0);
    double transfer = doc.optional("transferKwhPerGb", JsonType.NUMBER).orElse(0.0);
    errors.addAll(headErrors);
    for (Section<?> section : sections) {
      section.finish();
      errors.addAll(section.errors);
    }
    return () -> {
      errors.throwIfAny(what);
      return Problem.builder()
          .horizon(horizon.orElseThrow())
          .carbonPricePerTonne(carbonPrice)
          .transferKwhPerGb(transfer)
          .zones(zones.items)
          .hubs(hubs.items)
          .tenants(tenants.items)
          .jobs(jobs.items)
          .build();
    };
  }

  /**
   * One required array of objects of the document, read element by element as it streams by; its
   * errors are kept apart so that they can be reported in the format's order: first what opening
   * the elements finds (the member missing or not an array, elements that are not objects, unknown
   * fields), then what reading their fields finds, each in the elements' order, as the tree reader
   * (which opened every element before reading any) reported them.
   */
  private static final class Section<T> {
    final String field;
    final List<String> fields;
    final Function<ObjectCursor, T> mapping;
    /** Errors of the member itself and of opening its elements. */
    final Errors opened = new Errors();
    /** Errors of the elements' fields. */
    final Errors read = new Errors();
    /** After {@link #finish}: all of the section's errors, in the format's order. */
    final Errors errors = new Errors();
    final List<T> items = new ArrayList<>();
    boolean present;

    Section(String field, List<String> fields, Function<ObjectCursor, T> mapping) {
      this.field = field;
      this.fields = fields;
      this.mapping = mapping;
    }

    /** Reads the member's value, the parser on its first token, and leaves the parser on its last. */
    void read(JsonParser parser, ObjectReader values) throws IOException {
      present = true;
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        ObjectCursor.notObjects(field, JsonText.tree(values, parser), opened);
        return;
      }
      int i = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        JsonNode element = JsonText.tree(values, parser);
        ObjectCursor.open(element, field + "[" + i + "]", fields, opened, read).map(mapping).ifPresent(items::add);
        i++;
      }
    }

    /** Records the member if it is missing and puts all the section's errors in {@link #errors}. */
    void finish() {
      if (!present) {
        ObjectCursor.missingObjects(field, opened);
      }
      errors.addAll(opened);
      errors.addAll(read);
    }
  }

  /**
   * One instance of equal ids and hub lists across the jobs, so that a million jobs of a few tenants
   * hold a few strings, not a million copies.
   */
  static final class Strings {
    private final Map<String, String> strings = new HashMap<>();
    private final Map<List<String>, List<String>> lists = new HashMap<>();

    String of(String s) {
      String known = strings.putIfAbsent(s, s);
      return known == null ? s : known;
    }

    List<String> of(List<String> list) {
      List<String> known = lists.get(list);
      if (known != null) {
        return known;
      }
      List<String> canonical = list.stream().map(this::of).toList();
      lists.put(canonical, canonical);
      return canonical;
    }
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

  static Optional<Horizon> horizon(ObjectCursor h) {
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

  static ZoneIntensity zone(ObjectCursor z) {
    String id = z.required("id", JsonType.STRING).orElse("");
    SignalKind signal = z.required("signal", JsonType.SIGNAL).orElse(SignalKind.AVERAGE);
    SlotSeries grams = z.required("gramsPerKwh", INTENSITIES).orElse(INVALID);
    Optional<SlotSeries> forecast = z.optional("forecastGramsPerKwh", INTENSITIES);
    return new ZoneIntensity(id, signal, grams, forecast);
  }

  static Hub hub(ObjectCursor h) {
    String id = h.required("id", JsonType.STRING).orElse("");
    String zone = h.required("zone", JsonType.STRING).orElse("");
    double pue = h.required("pue", JsonType.NUMBER).orElse(1.0);
    SlotSeries capacity = h.required("capacityUnits", JsonType.SERIES).orElse(INVALID);
    Optional<SlotSeries> powerCap = h.optional("powerCapKw", JsonType.SERIES);
    SlotSeries renewable = h.optional("renewableKw", JsonType.SERIES).orElse(NO_RENEWABLES);
    SlotSeries price = h.required("pricePerKwh", JsonType.SERIES).orElse(INVALID);
    return new Hub(id, zone, pue, capacity, powerCap, renewable, price);
  }

  static Tenant tenant(ObjectCursor t) {
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

  static Job job(ObjectCursor j, Strings strings) {
    String id = j.required("id", JsonType.STRING).orElse("");
    String tenant = strings.of(j.required("tenant", JsonType.STRING).orElse(""));
    int durationSlots = j.required("durationSlots", JsonType.WHOLE).orElse(1);
    double powerKw = j.required("powerKw", JsonType.NUMBER).orElse(0.0);
    int units = j.optional("units", JsonType.WHOLE).orElse(1);
    Instant release = j.required("release", JsonType.INSTANT).orElse(Instant.EPOCH);
    Instant deadline = j.required("deadline", JsonType.INSTANT).orElse(Instant.EPOCH);
    boolean interruptible = j.optional("interruptible", JsonType.BOOLEAN).orElse(false);
    List<String> allowedHubs = strings.of(j.optional("allowedHubs", JsonType.NON_EMPTY_STRINGS).orElse(List.of()));
    Optional<String> originHub = j.optional("originHub", JsonType.STRING).map(strings::of);
    double dataGb = j.optional("dataGb", JsonType.NUMBER).orElse(0.0);
    int priority = j.optional("priority", JsonType.WHOLE).orElse(1);
    return new Job(id, tenant, durationSlots, powerKw, units, release, deadline, interruptible,
        allowedHubs, originHub, dataGb, priority);
  }

  /**
   * Writes the document of a (valid) problem to a generator, fields in the order of the format, as
   * it goes: no tree of the document. Numbers keep their Java types (int, long, double).
   */
  static void write(Problem problem, JsonGenerator g, Layout layout) throws IOException {
    g.writeStartObject();
    g.writeNumberField("version", VERSION);
    Horizon horizon = problem.horizon();
    g.writeObjectFieldStart("horizon");
    g.writeStringField("start", horizon.start().toString());
    g.writeNumberField("slotMinutes", horizon.slotMinutes());
    g.writeNumberField("slots", horizon.slots());
    g.writeEndObject();
    g.writeNumberField("carbonPricePerTonne", problem.carbonPricePerTonne());
    g.writeNumberField("transferKwhPerGb", problem.transferKwhPerGb());
    startObjects(g, layout, "zones");
    for (ZoneIntensity zone : problem.intensities().zones()) {
      g.writeStartObject();
      g.writeStringField("id", zone.zone());
      g.writeStringField("signal", zone.signal().jsonName());
      series(g, "gramsPerKwh", zone.gramsPerKwh(), false);
      if (zone.forecastGramsPerKwh().isPresent()) {
        series(g, "forecastGramsPerKwh", zone.forecastGramsPerKwh().get(), false);
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    startObjects(g, layout, "hubs");
    for (Hub hub : problem.hubs()) {
      g.writeStartObject();
      g.writeStringField("id", hub.id());
      g.writeStringField("zone", hub.zone());
      g.writeNumberField("pue", hub.pue());
      series(g, "capacityUnits", hub.capacityUnits(), true);
      if (hub.powerCapKw().isPresent()) {
        series(g, "powerCapKw", hub.powerCapKw().get(), false);
      }
      if (!hub.renewableKw().equals(NO_RENEWABLES)) {
        series(g, "renewableKw", hub.renewableKw(), false);
      }
      series(g, "pricePerKwh", hub.pricePerKwh(), false);
      g.writeEndObject();
    }
    g.writeEndArray();
    startObjects(g, layout, "tenants");
    for (Tenant tenant : problem.tenants()) {
      g.writeStartObject();
      g.writeStringField("id", tenant.id());
      g.writeStringField("class", tenant.tenantClass());
      g.writeNumberField("guaranteedShare", tenant.guaranteedShare());
      g.writeNumberField("maxShare", tenant.maxShare());
      g.writeNumberField("weight", tenant.weight());
      if (tenant.fairnessWindowSlots().isPresent()) {
        g.writeNumberField("fairnessWindowSlots", tenant.fairnessWindowSlots().getAsInt());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    startObjects(g, layout, "jobs");
    for (Job job : problem.jobs()) {
      g.writeStartObject();
      g.writeStringField("id", job.id());
      g.writeStringField("tenant", job.tenant());
      g.writeNumberField("durationSlots", job.durationSlots());
      g.writeNumberField("powerKw", job.powerKw());
      g.writeNumberField("units", job.units());
      g.writeStringField("release", job.release().toString());
      g.writeStringField("deadline", job.deadline().toString());
      g.writeBooleanField("interruptible", job.interruptible());
      if (!job.allowedHubs().isEmpty()) {
        g.writeArrayFieldStart("allowedHubs");
        for (String hub : job.allowedHubs()) {
          g.writeString(hub);
        }
        g.writeEndArray();
      }
      if (job.originHub().isPresent()) {
        g.writeStringField("originHub", job.originHub().get());
      }
      if (Double.doubleToLongBits(job.dataGb()) != Double.doubleToLongBits(0.0)) {
        g.writeNumberField("dataGb", job.dataGb());
      }
      g.writeNumberField("priority", job.priority());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** Opens the array of objects {@code field}, one element per line in the format's layout. */
  static void startObjects(JsonGenerator g, Layout layout, String field) throws IOException {
    g.writeFieldName(field);
    if (layout != null) {
      layout.objectsNext();
    }
    g.writeStartArray();
  }

  /**
   * A series as a number (scalar) or an array; whole counts (capacity units) as integers, which
   * read back as the same doubles.
   */
  private static void series(JsonGenerator g, String field, SlotSeries series, boolean wholeNumbers)
      throws IOException {
    g.writeFieldName(field);
    double[] values = series.values();
    if (series.isScalar()) {
      number(g, values[0], wholeNumbers);
      return;
    }
    g.writeStartArray();
    for (double v : values) {
      number(g, v, wholeNumbers);
    }
    g.writeEndArray();
  }

  private static void number(JsonGenerator g, double v, boolean whole) throws IOException {
    long asLong = (long) v;
    if (whole && Double.doubleToLongBits((double) asLong) == Double.doubleToLongBits(v)) {
      g.writeNumber(asLong);
    } else {
      g.writeNumber(v);
    }
  }
}
