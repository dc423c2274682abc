package dev.fairshift.service.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.HubResult;
import dev.fairshift.core.JobResult;
import dev.fairshift.core.TenantResult;
import dev.fairshift.core.TenantWindowResult;
import dev.fairshift.core.Violation;
import java.time.Duration;
import java.util.Optional;

/**
 * An {@link Evaluation} as JSON, for the HTTP service: totals, per tenant, per hub, per job and the
 * violations. Field names carry their units; durations are in minutes. A tenant with more than one
 * fairness window also lists {@code fairnessWindows}: per window its slots {@code [startSlot,
 * endSlot)} and instants, capacity, the demand, guarantee and scheduled unit-slots of its jobs
 * released there and whether the guarantee is met, and the unit-slots running there against
 * {@code maxUnitSlots}; its {@code guaranteedUnitSlots} is then the windows' sum and {@code quotaMet}
 * true only when every window's is met. Thread-safe.
 */
public final class EvaluationJson {
  private EvaluationJson() {}

  /** The evaluation as a JSON object. */
  public static ObjectNode toJson(ObjectMapper mapper, Evaluation e) {
    ObjectNode root = mapper.createObjectNode();
    root.put("solver", e.solver());
    root.put("intensityBasis", e.basis().name().toLowerCase(java.util.Locale.ROOT));
    root.put("feasible", e.feasible());
    root.put("scheduledJobs", e.scheduledJobs());
    root.put("unscheduledJobs", e.unscheduledJobs());
    root.put("energyKwh", e.energyKwh());
    root.put("gridKwh", e.gridKwh());
    root.put("renewableKwh", e.renewableKwh());
    root.put("transferKwh", e.transferKwh());
    root.put("emissionsGrams", e.emissionsGrams());
    root.put("transferEmissionsGrams", e.transferEmissionsGrams());
    e.plannedEmissionsGrams().ifPresent(g -> root.put("plannedEmissionsGrams", g));
    root.put("baselineEmissionsGrams", e.baselineEmissionsGrams());
    root.put("cost", e.cost());
    root.put("renewableShare", e.renewableShare());
    root.put("jainIndex", e.jainIndex());
    root.put("allQuotasMet", e.allQuotasMet());
    ArrayNode tenants = root.putArray("tenants");
    for (TenantResult t : e.tenants()) {
      ObjectNode n = tenants.addObject();
      n.put("tenant", t.tenant());
      n.put("class", t.tenantClass());
      n.put("jobs", t.jobs());
      n.put("scheduledJobs", t.scheduledJobs());
      n.put("acceptanceRate", t.acceptanceRate());
      n.put("demandedUnitSlots", t.demandedUnitSlots());
      n.put("scheduledUnitSlots", t.scheduledUnitSlots());
      n.put("shareOfCapacity", t.shareOfCapacity());
      n.put("shareOfScheduled", t.shareOfScheduled());
      n.put("guaranteedUnitSlots", t.guaranteedUnitSlots());
      n.put("quotaMet", t.quotaMet());
      minutes(n, "waitP50Minutes", t.waitP50());
      minutes(n, "waitP95Minutes", t.waitP95());
      n.put("emissionsGrams", t.emissionsGrams());
      if (t.hasFairnessWindows()) {
        ArrayNode windows = n.putArray("fairnessWindows");
        for (TenantWindowResult w : t.windows()) {
          ObjectNode o = windows.addObject();
          o.put("index", w.window().index());
          o.put("startSlot", w.window().startSlot());
          o.put("endSlot", w.window().endSlot());
          o.put("start", w.window().start().toString());
          o.put("end", w.window().end().toString());
          o.put("capacityUnitSlots", w.window().capacityUnitSlots());
          o.put("demandedUnitSlots", w.demandedUnitSlots());
          o.put("guaranteedUnitSlots", w.guaranteedUnitSlots());
          o.put("scheduledUnitSlots", w.scheduledUnitSlots());
          o.put("quotaMet", w.quotaMet());
          o.put("runningUnitSlots", w.runningUnitSlots());
          o.put("maxUnitSlots", w.maxUnitSlots());
        }
      }
    }
    ArrayNode hubs = root.putArray("hubs");
    for (HubResult h : e.hubs()) {
      ObjectNode n = hubs.addObject();
      n.put("hub", h.hub());
      n.put("zone", h.zone());
      n.put("energyKwh", h.energyKwh());
      n.put("renewableKwh", h.renewableKwh());
      n.put("emissionsGrams", h.emissionsGrams());
      n.put("utilisation", h.utilisation());
      n.put("peakUtilisation", h.peakUtilisation());
      n.put("peakPowerKw", h.peakPowerKw());
    }
    ArrayNode jobs = root.putArray("jobs");
    for (JobResult j : e.jobs()) {
      ObjectNode n = jobs.addObject();
      n.put("job", j.job());
      n.put("tenant", j.tenant());
      j.hub().ifPresent(h -> n.put("hub", h));
      j.start().ifPresent(s -> n.put("start", s.toString()));
      minutes(n, "waitMinutes", j.waitTime());
      n.put("energyKwh", j.energyKwh());
      n.put("emissionsGrams", j.emissionsGrams());
      n.put("baselineEmissionsGrams", j.baselineEmissionsGrams());
      n.put("cost", j.cost());
    }
    ArrayNode violations = root.putArray("violations");
    for (Violation v : e.violations()) {
      ObjectNode n = violations.addObject();
      n.put("rule", v.rule().name());
      n.put("subject", v.subject());
      if (v.slot() >= 0) {
        n.put("slot", v.slot());
      }
      n.put("message", v.message());
    }
    return root;
  }

  private static void minutes(ObjectNode n, String field, Optional<Duration> d) {
    d.ifPresent(value -> n.put(field, value.toMinutes()));
  }
}
