package dev.fairshift.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.fairshift.core.Assignment;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.core.ZoneIntensity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TEST ONLY: the tree-based problem reader and the problem and schedule writers as they were before ProblemJson streamed
 * (commit 27b33b7), and the tree-based schedule reader as it was before ScheduleJson streamed (commit 98542ac): the whole document as a Jackson tree, mapped in the format's order, and laid out
 * from a tree. The oracle for the streaming code: same text out, same problem or same errors in.
 * It maps each object with the same element functions (ProblemMapping.zone, hub, ...), so what it
 * checks is the document's walk: order, missing and unknown members, containers of the wrong kind.
 */
final class LegacyTreeJson {
  private static final SlotSeries NO_RENEWABLES = SlotSeries.scalar(0.0);

  private LegacyTreeJson() {}

  /** The old ProblemJson.read(String): parse into a tree, then map the tree. */
  static Problem read(String json) {
    JsonNode root = JsonText.parse(JsonText.DEFAULT_MAPPER, JsonText.from(new java.io.StringReader(json)),
        ProblemJson.WHAT);
    return read(root, ProblemJson.WHAT);
  }

  /** The old ProblemMapping.read(JsonNode, String). */
  static Problem read(JsonNode root, String what) {
    Errors errors = new Errors();
    Optional<ObjectCursor> opened = ObjectCursor.open(root, "$", Fields.PROBLEM, errors);
    if (opened.isEmpty()) {
      errors.throwIfAny(what);
    }
    ObjectCursor doc = opened.orElseThrow();
    ProblemMapping.version(doc);
    Optional<Horizon> horizon = doc.requiredObject("horizon", Fields.HORIZON).flatMap(ProblemMapping::horizon);
    double carbonPrice = doc.optional("carbonPricePerTonne", JsonType.NUMBER).orElse(0.0);
    double transfer = doc.optional("transferKwhPerGb", JsonType.NUMBER).orElse(0.0);
    List<ZoneIntensity> zones = new ArrayList<>();
    for (ObjectCursor zone : doc.requiredObjects("zones", Fields.ZONE)) {
      zones.add(ProblemMapping.zone(zone));
    }
    List<Hub> hubs = new ArrayList<>();
    for (ObjectCursor hub : doc.requiredObjects("hubs", Fields.HUB)) {
      hubs.add(ProblemMapping.hub(hub));
    }
    List<Tenant> tenants = new ArrayList<>();
    for (ObjectCursor tenant : doc.requiredObjects("tenants", Fields.TENANT)) {
      tenants.add(ProblemMapping.tenant(tenant));
    }
    List<Job> jobs = new ArrayList<>();
    ProblemMapping.Strings strings = new ProblemMapping.Strings();
    for (ObjectCursor job : doc.requiredObjects("jobs", Fields.JOB)) {
      jobs.add(ProblemMapping.job(job, strings));
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

  /** The old ScheduleJson.read(String): parse into a tree, then map the tree (commit 98542ac). */
  static Schedule readSchedule(String json) {
    JsonNode root = JsonText.parse(JsonText.DEFAULT_MAPPER, JsonText.from(new java.io.StringReader(json)),
        ScheduleJson.WHAT);
    return readSchedule(root, ScheduleJson.WHAT);
  }

  /** The old ScheduleJson.read(Path): the file's whole tree (encoding detected), then mapped. */
  static Schedule readSchedule(java.nio.file.Path file) {
    String what = ScheduleJson.WHAT + " " + file;
    return readSchedule(JsonText.read(JsonText.DEFAULT_MAPPER, file, what, (p, values) -> JsonText.tree(values, p)),
        what);
  }

  /** The old ScheduleMapping.read(JsonNode, String), also the old ScheduleJson.fromTree. */
  static Schedule readSchedule(JsonNode root, String what) {
    Errors errors = new Errors();
    Optional<ObjectCursor> opened = ObjectCursor.open(root, "$", Fields.SCHEDULE, errors);
    if (opened.isEmpty()) {
      errors.throwIfAny(what);
    }
    ObjectCursor doc = opened.orElseThrow();
    ProblemMapping.version(doc);
    String solver = doc.required("solver", JsonType.PRINTABLE_STRING).orElse("");
    Map<String, String> seen = new HashMap<>();
    List<Assignment> assignments = new ArrayList<>();
    for (ObjectCursor a : doc.requiredObjects("assignments", Fields.ASSIGNMENT)) {
      Optional<String> job = a.required("job", JsonType.PRINTABLE_STRING);
      String hub = a.required("hub", JsonType.PRINTABLE_STRING).orElse("");
      List<Integer> slots = slots(a, errors);
      job.ifPresent(id -> once(id, a, seen));
      assignments.add(new Assignment(job.orElse(""), hub, slots));
    }
    List<Unscheduled> unscheduled = new ArrayList<>();
    for (ObjectCursor u : doc.requiredObjects("unscheduled", Fields.UNSCHEDULED)) {
      Optional<String> job = u.required("job", JsonType.PRINTABLE_STRING);
      String reason = u.required("reason", JsonType.PRINTABLE_STRING).orElse("");
      job.ifPresent(id -> once(id, u, seen));
      unscheduled.add(new Unscheduled(job.orElse(""), reason));
    }
    errors.throwIfAny(what);
    return new Schedule(solver, assignments, unscheduled);
  }

  private static void once(String job, ObjectCursor item, Map<String, String> seen) {
    String first = seen.putIfAbsent(job, item.path());
    if (first != null) {
      item.error("job", "job '" + job + "' appears twice (also " + first + "). Every job is either "
          + "assigned once or unscheduled once; remove one of them.");
    }
  }

  private static List<Integer> slots(ObjectCursor a, Errors errors) {
    Optional<JsonNode> array = a.requiredArray("slots", "an array of slot indices, ascending");
    if (array.isEmpty()) {
      return List.of();
    }
    JsonNode values = array.get();
    String path = a.pathOf("slots");
    if (values.isEmpty()) {
      errors.add(path, "slots is empty; an assigned job runs in at least one slot. Maybe move the job to "
          + "'unscheduled' with a reason.");
      return List.of();
    }
    List<Integer> slots = new ArrayList<>();
    Integer previous = null;
    for (int i = 0; i < values.size(); i++) {
      Optional<Integer> slot = JsonType.wholeAtLeast(0).convert(values.get(i), path + "[" + i + "]", errors);
      if (slot.isEmpty()) {
        continue;
      }
      int s = slot.get();
      if (previous != null && s == previous) {
        errors.add(path + "[" + i + "]", "slot " + s + " is listed twice. Each slot appears once; remove "
            + "the repeat.");
      } else if (previous != null && s < previous) {
        errors.add(path + "[" + i + "]", "slot " + s + " comes after slot " + previous
            + "; slots are listed in ascending order. Maybe sort them.");
      }
      previous = previous == null ? s : Math.max(previous, s);
      slots.add(s);
    }
    return slots;
  }

  /** The old ProblemJson.write(Problem): the tree, laid out. */
  static String write(Problem problem) {
    return layout(toTree(problem));
  }

  /** The old ProblemMapping.write(Problem). */
  static ObjectNode toTree(Problem problem) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("version", ProblemMapping.VERSION);
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

  /** The old ScheduleMapping.write(Schedule). */
  static ObjectNode toTree(Schedule schedule) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("version", ProblemMapping.VERSION);
    root.put("solver", schedule.solver());
    ArrayNode assignments = root.putArray("assignments");
    for (Assignment a : schedule.assignments()) {
      ObjectNode o = assignments.addObject();
      o.put("job", a.job());
      o.put("hub", a.hub());
      ArrayNode slots = o.putArray("slots");
      a.slots().forEach(slots::add);
    }
    ArrayNode unscheduled = root.putArray("unscheduled");
    for (Unscheduled u : schedule.unscheduled()) {
      ObjectNode o = unscheduled.addObject();
      o.put("job", u.job());
      o.put("reason", u.reason());
    }
    return root;
  }

  private static JsonNode series(SlotSeries series, boolean wholeNumbers) {
    double[] values = series.values();
    if (series.isScalar()) {
      return number(values[0], wholeNumbers);
    }
    ArrayNode array = JsonNodeFactory.instance.arrayNode(values.length);
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

  /** The old JsonText.layout(JsonNode). */
  static String layout(JsonNode tree) {
    StringBuilder out = new StringBuilder();
    layout(tree, 0, out);
    return out.append('\n').toString();
  }

  private static void layout(JsonNode node, int depth, StringBuilder out) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        indent(depth + 1, out).append(TextNode.valueOf(field.getKey())).append(": ");
        layout(field.getValue(), depth + 1, out);
        out.append(fields.hasNext() ? ",\n" : "\n");
      }
      indent(depth, out).append('}');
    } else if (node.isArray()) {
      boolean flat = true;
      for (JsonNode element : node) {
        flat &= element.isValueNode();
      }
      if (flat) {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          out.append(i == 0 ? "" : ", ").append(node.get(i));
        }
        out.append(']');
        return;
      }
      out.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        indent(depth + 1, out);
        layout(node.get(i), depth + 1, out);
        out.append(i + 1 < node.size() ? ",\n" : "\n");
      }
      indent(depth, out).append(']');
    } else {
      out.append(node);
    }
  }

  private static StringBuilder indent(int depth, StringBuilder out) {
    for (int i = 0; i < depth; i++) {
      out.append("  ");
    }
    return out;
  }
}
