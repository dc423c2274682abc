package dev.fairshift.transparency;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.FairnessWindow;
import dev.fairshift.core.Hub;
import dev.fairshift.core.HubResult;
import dev.fairshift.core.JobResult;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.TenantResult;
import dev.fairshift.core.TenantWindowResult;
import dev.fairshift.core.Violation;
import dev.fairshift.transparency.internal.PageModel;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The numbers of the {@link TransparencyPage} as open data: one JSON document with the same fields in
 * a fixed order (format {@code "fairshift-transparency"}, version 1), every job included however many
 * rows the page shows. Field names match the page's {@code data-metric} keys: the page's
 * {@code tenant/<id>/acceptanceRate} is {@code tenants[i].acceptanceRate} where {@code tenants[i].id}
 * is {@code <id>}; {@code total/x} is {@code totals.x}. Waits are whole seconds, emissions grams,
 * energy kWh, shares fractions; an absent value is {@code null}; an infinite ratio is the string
 * {@code "Infinity"}. Stateless and thread-safe.
 */
public final class TransparencyJson {
  /** The {@code format} field of the document. */
  public static final String FORMAT = "fairshift-transparency";
  /** The {@code version} field of the document. */
  public static final int VERSION = 1;

  private static final JsonFactory FACTORY = new JsonFactory();

  private TransparencyJson() {}

  /** The document, compact (one line; {@code jq .} pretty-prints it). */
  public static String write(Problem problem, Schedule schedule, Evaluation evaluation, PageOptions options) {
    StringWriter out = new StringWriter(4096 + evaluation.jobs().size() * 400);
    write(problem, schedule, evaluation, options, out);
    return out.toString();
  }

  /** Writes the document to {@code writer} (not closed). */
  public static void write(Problem problem, Schedule schedule, Evaluation evaluation, PageOptions options,
      Writer writer) {
    PageModel m = PageModel.of(problem, schedule, evaluation, options);
    try (JsonGenerator g = FACTORY.createGenerator(writer)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      document(g, m);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the transparency JSON: " + e.getMessage(), e);
    }
  }

  private static void document(JsonGenerator g, PageModel m) throws IOException {
    Evaluation ev = m.evaluation;
    Problem p = m.problem;
    g.writeStartObject();
    g.writeStringField("format", FORMAT);
    g.writeNumberField("version", VERSION);
    g.writeStringField("title", m.options.title());
    g.writeStringField("generatedAt", m.options.generatedAt().map(Object::toString).orElse(null));
    g.writeStringField("solver", ev.solver());
    g.writeBooleanField("feasible", ev.feasible());
    g.writeStringField("planningBasis", m.plannedOnForecast() ? "forecast" : "actual");
    g.writeStringField("evaluationBasis", ev.basis().name().toLowerCase(java.util.Locale.ROOT));
    g.writeStringField("signal", p.intensities().signal().jsonName());
    g.writeStringField("currency", m.options.currency());
    g.writeStringField("priceFormula", "price = energy + carbon; energy = sum over the job's slots of its share of "
        + "the hub's grid energy (kWh) x pricePerKwh; carbon = emissionsGrams / 1e6 x carbonPricePerTonne");
    g.writeObjectFieldStart("horizon");
    g.writeStringField("start", p.horizon().start().toString());
    g.writeNumberField("slotMinutes", p.horizon().slotMinutes());
    g.writeNumberField("slots", p.horizon().slots());
    g.writeEndObject();

    g.writeObjectFieldStart("totals");
    g.writeNumberField("jobs", ev.jobs().size());
    g.writeNumberField("scheduledJobs", ev.scheduledJobs());
    g.writeNumberField("unscheduledJobs", ev.unscheduledJobs());
    g.writeNumberField("hubs", p.hubs().size());
    g.writeNumberField("violations", ev.violations().size());
    num(g, "emissionsGrams", ev.emissionsGrams());
    opt(g, "plannedEmissionsGrams", ev.plannedEmissionsGrams().map(OptionalDouble::of).orElse(OptionalDouble.empty()));
    num(g, "baselineEmissionsGrams", ev.baselineEmissionsGrams());
    opt(g, "asapEmissionsGrams", m.options.asapEmissionsGrams());
    opt(g, "savingVersusAsap", m.savingVersusAsap());
    opt(g, "lowerBoundGrams", m.options.lowerBoundGrams());
    if (m.options.lowerBoundGrams().isPresent()) {
      g.writeStringField("lowerBoundCovers", m.options.lowerBoundCovers());
    }
    opt(g, "gap", m.gap());
    num(g, "transferEmissionsGrams", ev.transferEmissionsGrams());
    num(g, "energyKwh", ev.energyKwh());
    num(g, "gridKwh", ev.gridKwh());
    num(g, "renewableKwh", ev.renewableKwh());
    num(g, "renewableShare", ev.renewableShare());
    num(g, "transferKwh", ev.transferKwh());
    num(g, "gramsPerKwh", ev.gramsPerKwh());
    num(g, "cost", ev.cost());
    num(g, "carbonCost", m.carbonCostTotal());
    num(g, "carbonPricePerTonne", p.carbonPricePerTonne());
    num(g, "jainIndex", ev.jainIndex());
    g.writeBooleanField("allQuotasMet", ev.allQuotasMet());
    g.writeNumberField("totalCapacityUnitSlots", m.totalCapacityUnitSlots);
    g.writeEndObject();

    g.writeArrayFieldStart("tenants");
    for (int i = 0; i < p.tenants().size(); i++) {
      Tenant tenant = p.tenants().get(i);
      TenantResult t = ev.tenants().get(i);
      g.writeStartObject();
      g.writeStringField("id", t.tenant());
      g.writeStringField("class", t.tenantClass());
      g.writeNumberField("jobs", t.jobs());
      g.writeNumberField("scheduledJobs", t.scheduledJobs());
      num(g, "acceptanceRate", t.acceptanceRate());
      waitField(g, "waitP50Seconds", t.waitP50());
      waitField(g, "waitP95Seconds", t.waitP95());
      g.writeNumberField("demandedUnitSlots", t.demandedUnitSlots());
      g.writeNumberField("scheduledUnitSlots", t.scheduledUnitSlots());
      num(g, "shareOfCapacity", t.shareOfCapacity());
      num(g, "shareOfScheduled", t.shareOfScheduled());
      num(g, "guaranteedShare", tenant.guaranteedShare());
      num(g, "guaranteedUnitSlots", t.guaranteedUnitSlots());
      num(g, "guaranteedShareOfCapacity", m.fractionOfCapacity(t.guaranteedUnitSlots()));
      num(g, "maxShare", tenant.maxShare());
      num(g, "maxUnitSlots", t.maxUnitSlots());
      num(g, "capShareOfCapacity", m.fractionOfCapacity(t.maxUnitSlots()));
      num(g, "weight", tenant.weight());
      g.writeNumberField("fairnessWindowSlots", tenant.windowSlotsIn(p.horizon().slots()));
      g.writeBooleanField("quotaMet", t.quotaMet());
      num(g, "emissionsGrams", t.emissionsGrams());
      g.writeArrayFieldStart("windows");
      for (TenantWindowResult w : t.windows()) {
        FairnessWindow win = w.window();
        g.writeStartObject();
        g.writeNumberField("index", win.index());
        g.writeNumberField("startSlot", win.startSlot());
        g.writeNumberField("endSlot", win.endSlot());
        g.writeStringField("start", win.start().toString());
        g.writeStringField("end", win.end().toString());
        g.writeNumberField("capacityUnitSlots", win.capacityUnitSlots());
        g.writeNumberField("demandedUnitSlots", w.demandedUnitSlots());
        num(g, "guaranteedUnitSlots", w.guaranteedUnitSlots());
        g.writeNumberField("scheduledUnitSlots", w.scheduledUnitSlots());
        g.writeBooleanField("quotaMet", w.quotaMet());
        g.writeNumberField("runningUnitSlots", w.runningUnitSlots());
        num(g, "maxUnitSlots", w.maxUnitSlots());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeArrayFieldStart("tenantClasses");
    for (PageModel.ClassResult c : m.classes) {
      g.writeStartObject();
      g.writeStringField("class", c.tenantClass());
      g.writeNumberField("tenants", c.tenants());
      g.writeNumberField("jobs", c.jobs());
      g.writeNumberField("scheduledJobs", c.scheduledJobs());
      num(g, "acceptanceRate", c.acceptanceRate());
      waitField(g, "waitP50Seconds", c.waitP50());
      waitField(g, "waitP95Seconds", c.waitP95());
      g.writeNumberField("scheduledUnitSlots", c.scheduledUnitSlots());
      num(g, "shareOfCapacity", c.shareOfCapacity());
      num(g, "guaranteedUnitSlots", c.guaranteedUnitSlots());
      num(g, "guaranteedShareOfCapacity", m.fractionOfCapacity(c.guaranteedUnitSlots()));
      num(g, "maxUnitSlots", c.maxUnitSlots());
      num(g, "capShareOfCapacity", m.fractionOfCapacity(c.maxUnitSlots()));
      g.writeBooleanField("quotaMet", c.quotaMet());
      num(g, "emissionsGrams", c.emissionsGrams());
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeArrayFieldStart("hubs");
    for (int h = 0; h < p.hubs().size(); h++) {
      Hub hub = p.hubs().get(h);
      HubResult r = ev.hubs().get(h);
      int slots = p.horizon().slots();
      g.writeStartObject();
      g.writeStringField("id", r.hub());
      g.writeStringField("zone", r.zone());
      num(g, "pue", hub.pue());
      num(g, "energyKwh", r.energyKwh());
      num(g, "gridKwh", r.gridKwh());
      num(g, "renewableKwh", r.renewableKwh());
      num(g, "emissionsGrams", r.emissionsGrams());
      g.writeNumberField("unitSlots", r.unitSlots());
      g.writeNumberField("capacityUnitSlots", r.capacityUnitSlots());
      num(g, "utilisation", r.utilisation());
      num(g, "peakUtilisation", r.peakUtilisation());
      num(g, "peakPowerKw", r.peakPowerKw());
      Optional<double[]> cap = m.powerCapRange(hub);
      opt(g, "powerCapKw", cap.map(c -> OptionalDouble.of(c[0])).orElse(OptionalDouble.empty()));
      opt(g, "peakPowerOverCap", m.hubPeakOverCap.get(h));
      series(g, "loadKw", m.hubLoadKw.get(h));
      series(g, "renewableKw", hub.renewableKw().toArray(slots));
      series(g, "gramsPerKwh", p.zoneOf(hub).gramsPerKwh().toArray(slots));
      if (hub.powerCapKw().isPresent()) {
        series(g, "powerCapKwPerSlot", hub.powerCapKw().get().toArray(slots));
      } else {
        g.writeNullField("powerCapKwPerSlot");
      }
      series(g, "pricePerKwh", hub.pricePerKwh().toArray(slots));
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeArrayFieldStart("jobs");
    for (JobResult j : ev.jobs()) {
      g.writeStartObject();
      g.writeStringField("id", j.job());
      g.writeStringField("tenant", j.tenant());
      g.writeBooleanField("scheduled", j.scheduled());
      g.writeStringField("hub", j.hub().orElse(null));
      g.writeStringField("start", j.start().map(Object::toString).orElse(null));
      g.writeStringField("end", j.end().map(Object::toString).orElse(null));
      waitField(g, "waitSeconds", j.waitTime());
      num(g, "energyKwh", j.energyKwh());
      num(g, "gridKwh", j.gridKwh());
      num(g, "transferKwh", j.transferKwh());
      num(g, "emissionsGrams", j.emissionsGrams());
      num(g, "baselineEmissionsGrams", j.baselineEmissionsGrams());
      num(g, "energyCost", m.energyCost(j));
      num(g, "carbonCost", m.carbonCost(j));
      num(g, "price", j.cost());
      g.writeStringField("unscheduledReason", j.scheduled() ? null : m.unscheduledReasons.get(j.job()));
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeArrayFieldStart("violations");
    for (Violation v : ev.violations()) {
      g.writeStartObject();
      g.writeStringField("rule", v.rule().name());
      g.writeStringField("subject", v.subject());
      g.writeNumberField("slot", v.slot());
      g.writeStringField("message", v.message());
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeArrayFieldStart("dataSources");
    for (DataSource s : m.options.dataSources()) {
      g.writeStartObject();
      g.writeStringField("name", s.name());
      g.writeStringField("licence", s.licence());
      g.writeStringField("address", s.address());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void num(JsonGenerator g, String field, double v) throws IOException {
    if (Double.isInfinite(v) || Double.isNaN(v)) {
      g.writeStringField(field, Double.toString(v));
    } else {
      g.writeNumberField(field, v);
    }
  }

  private static void opt(JsonGenerator g, String field, OptionalDouble v) throws IOException {
    if (v.isPresent()) {
      num(g, field, v.getAsDouble());
    } else {
      g.writeNullField(field);
    }
  }

  private static void waitField(JsonGenerator g, String field, Optional<Duration> wait) throws IOException {
    if (wait.isPresent()) {
      g.writeNumberField(field, wait.get().getSeconds());
    } else {
      g.writeNullField(field);
    }
  }

  private static void series(JsonGenerator g, String field, double[] values) throws IOException {
    g.writeFieldName(field);
    g.writeArray(values, 0, values.length);
  }
}
