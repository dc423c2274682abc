package dev.fairshift.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairshift.core.Assignment;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Unscheduled;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
   * Reads a schedule document from a parser on its first token, streaming: assignment by
   * assignment, each a small tree for the time it is mapped, so memory is the schedule plus a
   * constant. Members may come in any order; the errors are reported in the order of the format
   * (unknown fields of the document, then version, solver, assignments, unscheduled), as when the
   * document was read as a tree: a job listed twice is named at its place after the first in that
   * order, wherever the members are. What is returned throws every error found, or gives the
   * schedule, when called: after the whole document is known to be well formed.
   */
  static Supplier<Schedule> read(JsonParser parser, ObjectReader values, String what) throws IOException {
    Errors errors = new Errors();
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      ObjectCursor.open(JsonText.tree(values, parser), "$", Fields.SCHEDULE, errors);
      return () -> {
        errors.throwIfAny(what);
        throw new IllegalStateException("A document that is not an object was accepted");
      };
    }
    Seen seen = new Seen();
    Canonical canonical = new Canonical();
    Items<Assignment> assignments = new Items<>("assignments", Fields.ASSIGNMENT, true,
        (a, errs, job) -> assignment(a, errs, job, canonical));
    Items<Unscheduled> unscheduled = new Items<>("unscheduled", Fields.UNSCHEDULED, false,
        (u, errs, job) -> unscheduled(u, job, canonical));
    // The small members (version, solver) as a tree, read by the same cursor as before.
    ObjectNode head = JsonNodeFactory.instance.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (name.equals(assignments.field)) {
        assignments.read(parser, values, seen);
        // Every assignment is known: the jobs of unscheduled read from now on are checked as they come.
        seen.assignmentsRead = true;
      } else if (name.equals(unscheduled.field)) {
        unscheduled.read(parser, values, seen);
      } else if (Fields.SCHEDULE.contains(name)) {
        head.set(name, JsonText.tree(values, parser));
      } else {
        ObjectCursor.unknownField("$", name, Fields.SCHEDULE, errors);
        parser.skipChildren();
      }
    }
    Errors headErrors = new Errors();
    ObjectCursor doc = ObjectCursor.open(head, "$", Fields.SCHEDULE, headErrors).orElseThrow();
    ProblemMapping.version(doc);
    String solver = doc.required("solver", PRINTABLE).orElse("");
    errors.addAll(headErrors);
    assignments.finish(seen);
    errors.addAll(assignments.errors);
    seen.assignmentsRead = true;
    unscheduled.finish(seen);
    errors.addAll(unscheduled.errors);
    return () -> {
      errors.throwIfAny(what);
      return new Schedule(solver, assignments.items, unscheduled.items);
    };
  }

  private static Assignment assignment(ObjectCursor a, Errors errors, Consumer<String> onJob, Canonical canonical) {
    Optional<String> job = a.required("job", PRINTABLE);
    String hub = canonical.string(a.required("hub", PRINTABLE).orElse(""));
    List<Integer> slots = canonical.slots(slots(a, errors));
    job.ifPresent(onJob);
    return new Assignment(job.orElse(""), hub, slots);
  }

  private static Unscheduled unscheduled(ObjectCursor u, Consumer<String> onJob, Canonical canonical) {
    Optional<String> job = u.required("job", PRINTABLE);
    String reason = canonical.string(u.required("reason", PRINTABLE).orElse(""));
    job.ifPresent(onJob);
    return new Unscheduled(job.orElse(""), reason);
  }

  /** Maps one object of a section, recording its errors and passing its job id, when valid, to {@code onJob}. */
  @FunctionalInterface
  private interface ItemMapping<T> {
    T map(ObjectCursor item, Errors errors, Consumer<String> onJob);
  }

  /**
   * One required array of objects of the document (assignments or unscheduled), read element by
   * element as it streams by; its errors are kept apart so that they can be reported in the format's
   * order: first what opening the elements finds (elements that are not objects, unknown fields),
   * then what reading their fields finds, each in the elements' order.
   */
  private static final class Items<T> {
    final String field;
    final List<String> fields;
    final boolean isAssignments;
    final ItemMapping<T> mapping;
    /** Errors of the member itself and of opening its elements. */
    final Errors opened = new Errors();
    /** Errors of the elements' fields, then (after {@link #finish}) all of the section's errors. */
    Errors errors = new Errors();
    final List<T> items = new ArrayList<>();
    boolean present;
    /**
     * The jobs of unscheduled read before the assignments (a document with its members in another
     * order), checked once every assignment is known: what the tree reader, which read the
     * assignments first, would have said.
     */
    final List<Pending> pending = new ArrayList<>();

    Items(String field, List<String> fields, boolean isAssignments, ItemMapping<T> mapping) {
      this.field = field;
      this.fields = fields;
      this.isAssignments = isAssignments;
      this.mapping = mapping;
    }

    /** Reads the member's value, the parser on its first token, and leaves the parser on its last. */
    void read(JsonParser parser, ObjectReader values, Seen seen) throws IOException {
      present = true;
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        ObjectCursor.notObjects(field, JsonText.tree(values, parser), opened);
        return;
      }
      int i = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        JsonNode element = JsonText.tree(values, parser);
        int index = i;
        Optional<ObjectCursor> item = ObjectCursor.open(element, field + "[" + i + "]", fields, opened, errors);
        if (item.isPresent()) {
          items.add(mapping.map(item.get(), errors, job -> {
            if (isAssignments || seen.assignmentsRead) {
              once(seen, job, index, errors);
            } else {
              pending.add(new Pending(errors.size(), index, job));
            }
          }));
        }
        i++;
      }
    }

    /**
     * Records the member if it is missing, checks the jobs that waited for the assignments, and puts
     * all the section's errors in {@link #errors}.
     */
    void finish(Seen seen) {
      if (!present) {
        ObjectCursor.missingObjects(field, opened);
      }
      // Each job that waited, checked in its place: after its item's other errors, as it was read.
      Errors merged = new Errors();
      merged.addAll(opened);
      int from = 0;
      for (Pending p : pending) {
        merged.addAll(errors, from, p.errorIndex());
        from = p.errorIndex();
        once(seen, p.job(), p.index(), merged);
      }
      merged.addAll(errors, from, errors.size());
      errors = merged;
      pending.clear();
    }

    /** Every job appears once in the whole document, in assignments or unscheduled. */
    private void once(Seen seen, String job, int index, Errors into) {
      String first = seen.first(job, isAssignments, index);
      if (first != null) {
        into.add(field + "[" + index + "].job", "job '" + job + "' appears twice (also " + first + "). Every job "
            + "is either assigned once or unscheduled once; remove one of them.");
      }
    }
  }

  /** A job of unscheduled waiting for the assignments: where its error goes, its index and its id. */
  private record Pending(int errorIndex, int index, String job) {}

  /**
   * Where each job was first listed, as an index: {@code i} for {@code assignments[i]}, {@code -1 - i}
   * for {@code unscheduled[i]} (no path string per job).
   */
  private static final class Seen {
    private final Map<String, Integer> first = new HashMap<>();
    boolean assignmentsRead;

    /** The path where {@code job} was first listed, or null (remembering this place) if it was not. */
    String first(String job, boolean assignment, int index) {
      Integer known = first.putIfAbsent(job, assignment ? index : -1 - index);
      if (known == null) {
        return null;
      }
      return known >= 0 ? "assignments[" + known + "]" : "unscheduled[" + (-1 - known) + "]";
    }
  }

  /**
   * One instance of equal hub ids, reasons and slot lists across the assignments, so that a million
   * assignments on a few hubs hold a few lists, not a million copies. At most {@link #MAX} of each
   * kind are kept; values beyond are used as they are.
   */
  private static final class Canonical {
    static final int MAX = 1 << 16;
    private final Map<String, String> strings = new HashMap<>();
    private final Map<List<Integer>, List<Integer>> slotLists = new HashMap<>();

    String string(String s) {
      String known = strings.get(s);
      if (known != null) {
        return known;
      }
      if (strings.size() < MAX) {
        strings.put(s, s);
      }
      return s;
    }

    List<Integer> slots(List<Integer> slots) {
      List<Integer> known = slotLists.get(slots);
      if (known != null) {
        return known;
      }
      List<Integer> copy = List.copyOf(slots);
      if (slotLists.size() < MAX) {
        slotLists.put(copy, copy);
      }
      return copy;
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
