package dev.fairshift.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fairshift.core.Assignment;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Unscheduled;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the schedule document to and from {@link Schedule}. Checks the document's own structure
 * only; whether it fits a problem is the Evaluator's question. Stateless and thread-safe.
 */
final class ScheduleMapping {
  private static final JsonType<Integer> SLOT = JsonType.wholeAtLeast(0);
  /** Ids and reasons end up in reports: no control or invisible characters. */
  private static final JsonType<String> PRINTABLE = JsonType.PRINTABLE_STRING;

  private ScheduleMapping() {}

  /**
   * Reads a schedule document, collecting every error.
   *
   * @throws dev.fairshift.core.InvalidProblemException listing them
   */
  static Schedule read(JsonNode root, String what) {
    Errors errors = new Errors();
    Optional<ObjectCursor> opened = ObjectCursor.open(root, "$", Fields.SCHEDULE, errors);
    if (opened.isEmpty()) {
      errors.throwIfAny(what);
    }
    ObjectCursor doc = opened.orElseThrow();
    ProblemMapping.version(doc);
    String solver = doc.required("solver", PRINTABLE).orElse("");
    Map<String, String> seen = new HashMap<>();
    List<Assignment> assignments = new ArrayList<>();
    for (ObjectCursor a : doc.requiredObjects("assignments", Fields.ASSIGNMENT)) {
      Optional<String> job = a.required("job", PRINTABLE);
      String hub = a.required("hub", PRINTABLE).orElse("");
      List<Integer> slots = slots(a, errors);
      job.ifPresent(id -> once(id, a, seen));
      assignments.add(new Assignment(job.orElse(""), hub, slots));
    }
    List<Unscheduled> unscheduled = new ArrayList<>();
    for (ObjectCursor u : doc.requiredObjects("unscheduled", Fields.UNSCHEDULED)) {
      Optional<String> job = u.required("job", PRINTABLE);
      String reason = u.required("reason", PRINTABLE).orElse("");
      job.ifPresent(id -> once(id, u, seen));
      unscheduled.add(new Unscheduled(job.orElse(""), reason));
    }
    errors.throwIfAny(what);
    return new Schedule(solver, assignments, unscheduled);
  }

  /** Every job appears once in the whole document, in assignments or unscheduled. */
  private static void once(String job, ObjectCursor item, Map<String, String> seen) {
    String first = seen.putIfAbsent(job, item.path());
    if (first != null) {
      item.error("job", "job '" + job + "' appears twice (also " + first + "). Every job is either "
          + "assigned once or unscheduled once; remove one of them.");
    }
  }

  /** Slot indices: whole numbers >= 0, ascending, no repeats, at least one. */
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
      Optional<Integer> slot = SLOT.convert(values.get(i), path + "[" + i + "]", errors);
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

  /** Writes the document of a schedule to a generator as it goes, fields in the order of the format. */
  static void write(Schedule schedule, JsonGenerator g, Layout layout) throws IOException {
    g.writeStartObject();
    g.writeNumberField("version", ProblemMapping.VERSION);
    g.writeStringField("solver", schedule.solver());
    ProblemMapping.startObjects(g, layout, "assignments");
    for (Assignment a : schedule.assignments()) {
      g.writeStartObject();
      g.writeStringField("job", a.job());
      g.writeStringField("hub", a.hub());
      g.writeArrayFieldStart("slots");
      for (int slot : a.slots()) {
        g.writeNumber(slot);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    ProblemMapping.startObjects(g, layout, "unscheduled");
    for (Unscheduled u : schedule.unscheduled()) {
      g.writeStartObject();
      g.writeStringField("job", u.job());
      g.writeStringField("reason", u.reason());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
