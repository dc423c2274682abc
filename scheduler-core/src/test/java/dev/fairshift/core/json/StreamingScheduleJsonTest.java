package dev.fairshift.core.json;

import static dev.fairshift.core.json.TestDocs.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairshift.core.Assignment;
import dev.fairshift.core.ProblemError;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Unscheduled;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming schedule reader against the tree-based one it replaced ({@link LegacyTreeJson},
 * kept in test code only): for any document, valid or not, in any member order, as text, as a file
 * or as a tree, the same schedule or the same errors in the same order; and seeded round trips.
 */
class StreamingScheduleJsonTest {
  private static final int CASES = 400;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @TempDir
  Path dir;

  @Test
  void writeThenRead_givesTheSameSchedule_forRandomSchedules() throws IOException {
    for (long seed = 0; seed < CASES; seed++) {
      Schedule s = RandomSchedules.schedule(seed);

      String text = ScheduleJson.write(s);
      Path file = Files.writeString(dir.resolve("s.json"), text);

      assertThat(ScheduleJson.read(text)).as("seed %d", seed).isEqualTo(s);
      assertThat(ScheduleJson.read(new StringReader(text))).as("seed %d", seed).isEqualTo(s);
      assertThat(ScheduleJson.read(file)).as("seed %d", seed).isEqualTo(s);
      assertThat(ScheduleJson.fromTree(ScheduleJson.toTree(s))).as("seed %d", seed).isEqualTo(s);
      assertThat(ScheduleJson.read(ScheduleJson.write(s, TestDocs.MAPPER), TestDocs.MAPPER)).as("seed %d", seed)
          .isEqualTo(s);
      assertThat(ScheduleJson.write(ScheduleJson.read(text))).as("seed %d", seed).isEqualTo(text);
      assertThat(LegacyTreeJson.readSchedule(text)).as("seed %d", seed).isEqualTo(s);
    }
  }

  @Test
  void read_membersInAnyOrder_givesTheSameSchedule() {
    for (long seed = 0; seed < 50; seed++) {
      Schedule s = RandomSchedules.schedule(seed);
      ObjectNode tree = ScheduleJson.toTree(s);
      ObjectNode reversed = F.objectNode();
      List<String> names = new ArrayList<>();
      tree.fieldNames().forEachRemaining(names::add);
      Collections.reverse(names);
      names.forEach(name -> reversed.set(name, tree.get(name)));

      String text = reversed.toString();

      assertThat(text.indexOf("\"unscheduled\"")).isLessThan(text.indexOf("\"assignments\""));
      assertThat(ScheduleJson.read(text)).as("seed %d", seed).isEqualTo(s);
    }
  }

  @Test
  void read_unscheduledBeforeAssignments_reportsRepeatedJobsWhereTheTreeReaderDid() {
    String json = """
        {"unscheduled": [{"job": "a", "colour": 1}, {"job": "b", "reason": "r"}, {"job": "b", "reason": 7}],
         "solver": "greedy", "version": 1,
         "assignments": [{"job": "a", "hub": "h", "slots": [2, 1]}, {"job": "c", "hub": "h", "slots": [0]}]}
        """;

    List<ProblemError> errors = TestDocs.invalid(() -> ScheduleJson.read(json)).errors();

    // The format's order: assignments first, then unscheduled; each item's repeated job after its other errors.
    assertThat(errors).extracting(ProblemError::path).containsExactly("assignments[0].slots[1]",
        "unscheduled[0].colour", "unscheduled[0].reason", "unscheduled[0].job", "unscheduled[2].reason",
        "unscheduled[2].job");
    assertThat(errors.get(3).message()).isEqualTo("job 'a' appears twice (also assignments[0]). Every job is "
        + "either assigned once or unscheduled once; remove one of them.");
    assertThat(errors.get(5).message()).startsWith("job 'b' appears twice (also unscheduled[1]).");
    assertThat(errors).isEqualTo(TestDocs.invalid(() -> LegacyTreeJson.readSchedule(json)).errors());
  }

  @Test
  void read_noAssignmentsMember_stillChecksTheJobsOfUnscheduled() {
    String json = """
        {"version": 1, "solver": "x", "unscheduled": [{"job": "a", "reason": "r"}, {"job": "a", "reason": "s"}]}
        """;

    List<ProblemError> errors = TestDocs.invalid(() -> ScheduleJson.read(json)).errors();

    assertThat(errors).extracting(ProblemError::path).containsExactly("assignments", "unscheduled[1].job");
    assertThat(errors).isEqualTo(TestDocs.invalid(() -> LegacyTreeJson.readSchedule(json)).errors());
  }

  @Test
  void read_manyJobsOnOneHubInTheSameSlots_shareTheirHubAndSlotList() {
    List<Assignment> assignments = new ArrayList<>();
    for (int j = 0; j < 1000; j++) {
      assignments.add(new Assignment("job-" + j, "hub-" + (j % 2), List.of(150, 151, 152)));
    }
    String text = ScheduleJson.write(new Schedule("greedy", assignments, List.of(new Unscheduled("x", "none"))));

    Schedule read = ScheduleJson.read(text);

    Assignment first = read.assignments().get(0);
    Assignment third = read.assignments().get(2);
    assertThat(third.slots()).isEqualTo(List.of(150, 151, 152)).isSameAs(first.slots());
    assertThat(third.hub()).isEqualTo("hub-0").isSameAs(first.hub());
    assertThat(read.assignments()).hasSize(1000).isEqualTo(assignments);
  }

  /**
   * Differential fuzz on trees: random valid schedules broken in random ways (a member removed, made
   * null or of another type, an unknown field, an element that is not an object, slots out of order,
   * a job listed twice, members shuffled), read by the streaming reader and by the tree reader, as
   * text and as a tree: the same schedule, or the same errors in the same order.
   */
  @Test
  void read_mutatedDocuments_givesWhatTheTreeReaderGave() {
    int invalid = 0;
    for (long seed = 0; seed < CASES; seed++) {
      Random r = new Random(seed * 0x9E3779B97F4A7C15L);
      ObjectNode doc = ScheduleJson.toTree(RandomSchedules.schedule(seed));
      int mutations = r.nextInt(4);
      StringBuilder did = new StringBuilder();
      for (int m = 0; m < mutations; m++) {
        did.append(mutate(doc, r)).append("; ");
      }
      if (r.nextBoolean()) {
        shuffleMembers(doc, r);
        did.append("shuffled");
      }
      String text = r.nextBoolean() ? doc.toString() : LegacyTreeJson.layout(doc);

      Object expected = outcome(() -> LegacyTreeJson.readSchedule(text));
      Object actual = outcome(() -> ScheduleJson.read(text));

      assertThat(actual).as("seed %d (%s): %s", seed, did, text).isEqualTo(expected);
      // A tree may hold what no text reads back as (e.g. a BigDecimal beyond a double).
      assertThat(outcome(() -> ScheduleJson.fromTree(doc))).as("seed %d (%s, tree)", seed, did)
          .isEqualTo(outcome(() -> LegacyTreeJson.readSchedule(doc, ScheduleJson.WHAT)));
      invalid += expected instanceof List ? 1 : 0;
    }
    // Both kinds of outcome are exercised.
    assertThat(invalid).isBetween(CASES / 3, CASES - CASES / 10);
  }

  /**
   * Differential fuzz on bytes, through files: truncated, with a character deleted, inserted or
   * replaced, a member repeated, nested too deep, a number too long, content after the end, other
   * encodings and invalid UTF-8. Same outcome as the tree reader, and every error a sentence in the
   * format's terms (no library names).
   */
  @Test
  void read_brokenBytes_givesWhatTheTreeReaderGave() throws IOException {
    int invalid = 0;
    for (long seed = 0; seed < CASES; seed++) {
      Random r = new Random(seed * 0x9E3779B97F4A7C15L + 7);
      String text = ScheduleJson.write(RandomSchedules.schedule(seed));
      Map.Entry<byte[], String> broken = breakBytes(text, r);
      Path file = Files.write(dir.resolve("s" + seed + ".json"), broken.getKey());
      String as = "seed " + seed + " (" + broken.getValue() + ")";

      Object expected = outcome(() -> LegacyTreeJson.readSchedule(file));
      Object actual = outcome(() -> ScheduleJson.read(file));

      assertThat(actual).as(as).isEqualTo(expected);
      if (actual instanceof List<?> errors) {
        invalid++;
        assertThat(errors).as(as).isNotEmpty();
        for (Object e : errors) {
          assertThat(((ProblemError) e).message()).as(as)
              .doesNotContain("Exception", "com.fasterxml", "jackson", "StreamReadConstraints", "\n");
        }
      }
    }
    assertThat(invalid).isBetween(CASES / 2, CASES - 1);
  }

  @Test
  void read_rootThatIsNotAnObject_givesWhatTheTreeReaderGave() {
    for (String text : List.of("[]", "[1, {\"a\": 2}]", "null", "\"text\"", "12", "true", "[[[]]]", "", "  ", "{}",
        "{} {}", "{\"version\": 1} x")) {
      assertThat(outcome(() -> ScheduleJson.read(text))).as(text)
          .isEqualTo(outcome(() -> LegacyTreeJson.readSchedule(text)));
    }
  }

  @Test
  void fromTree_ofAMissingNode_isAnEmptyDocument() {
    List<ProblemError> errors = TestDocs.invalid(() -> ScheduleJson.fromTree(MissingNode.getInstance())).errors();

    assertThat(errors).containsExactly(
        new ProblemError("$", "the document is empty; expected a JSON object starting with '{'."));
  }


  /** One random change to the document; returns what it did. */
  private static String mutate(ObjectNode doc, Random r) {
    List<ObjectNode> items = new ArrayList<>();
    for (String field : List.of("assignments", "unscheduled")) {
      if (doc.get(field) instanceof ArrayNode a) {
        a.forEach(e -> {
          if (e instanceof ObjectNode o) {
            items.add(o);
          }
        });
      }
    }
    int kind = r.nextInt(16);
    if (kind == 0 && !items.isEmpty()) {
      // A job listed twice: another item's job, or an assignment copied into unscheduled.
      ObjectNode from = items.get(r.nextInt(items.size()));
      ObjectNode to = items.get(r.nextInt(items.size()));
      to.set("job", from.get("job"));
      return "job of " + from + " into " + to;
    }
    if (kind == 1 && doc.get("unscheduled") instanceof ArrayNode u && !items.isEmpty()) {
      ObjectNode copy = items.get(r.nextInt(items.size())).deepCopy();
      copy.remove("hub");
      copy.remove("slots");
      copy.put("reason", "copied");
      u.insert(r.nextInt(u.size() + 1), copy);
      return "copied into unscheduled: " + copy;
    }
    if (kind == 2 && doc.get(r.nextBoolean() ? "assignments" : "unscheduled") instanceof ArrayNode a) {
      JsonNode element = switch (r.nextInt(4)) {
        case 0 -> F.numberNode(3);
        case 1 -> F.textNode("x");
        case 2 -> F.nullNode();
        default -> F.arrayNode().add(F.objectNode());
      };
      a.insert(r.nextInt(a.size() + 1), element);
      return "element " + element;
    }
    if (kind == 3 && !items.isEmpty() && items.get(r.nextInt(items.size())).get("slots") instanceof ArrayNode slots
        && !slots.isEmpty()) {
      // Slots out of order, repeated, negative, fractional, too large, or not numbers.
      int i = r.nextInt(slots.size());
      JsonNode value = switch (r.nextInt(7)) {
        case 0 -> F.numberNode(slots.get(0).intValue());
        case 1 -> F.numberNode(-1);
        case 2 -> F.numberNode(2.5);
        case 3 -> F.numberNode(2.0);
        case 4 -> F.numberNode((long) Integer.MAX_VALUE + 1);
        case 5 -> F.textNode("7");
        default -> F.nullNode();
      };
      slots.set(i, value);
      return "slot " + i + " = " + value;
    }
    ObjectNode object = r.nextInt(3) == 0 || items.isEmpty() ? doc : items.get(r.nextInt(items.size()));
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    if (names.isEmpty()) {
      return "nothing";
    }
    String name = names.get(r.nextInt(names.size()));
    switch (r.nextInt(13)) {
      case 0 -> object.remove(name);
      case 1 -> object.putNull(name);
      case 2 -> object.put(name, "12");
      case 3 -> object.put(name, 1.5);
      case 4 -> object.put(name, new BigInteger("123456789012345678901234567890"));
      case 5 -> object.put(name, new BigDecimal("1e400"));
      case 6 -> object.put(name, true);
      case 7 -> object.putObject(name).put("a", 1);
      case 8 -> object.putArray(name).add(1).add("x").addNull().addObject();
      case 9 -> object.set(name.substring(0, name.length() - 1) + "x", object.remove(name));
      case 10 -> object.put(name, "a\u001B[2Jb");
      case 11 -> object.put(name, "\u202Eevil");
      default -> object.putArray(name);
    }
    return name + " of " + object;
  }

  private static void shuffleMembers(ObjectNode doc, Random r) {
    List<Map.Entry<String, JsonNode>> members = new ArrayList<>(doc.properties());
    Collections.shuffle(members, r);
    doc.removeAll();
    members.forEach(e -> doc.set(e.getKey(), e.getValue()));
  }

  /** The text's bytes broken in one random way, and what was done. */
  private static Map.Entry<byte[], String> breakBytes(String text, Random r) {
    int at = r.nextInt(text.length() + 1);
    String chars = "{}[],:\"0-.x \\e\u0000\u00e9";
    String out;
    String did;
    switch (r.nextInt(12)) {
      case 0 -> {
        out = text.substring(0, at);
        did = "truncated at " + at;
      }
      case 1 -> {
        out = at < text.length() ? text.substring(0, at) + text.substring(at + 1) : text + "}";
        did = "deleted at " + at;
      }
      case 2 -> {
        char c = chars.charAt(r.nextInt(chars.length()));
        out = text.substring(0, at) + c + text.substring(at);
        did = "inserted U+" + Integer.toHexString(c) + " at " + at;
      }
      case 3 -> {
        char c = chars.charAt(r.nextInt(chars.length()));
        out = at < text.length() ? text.substring(0, at) + c + text.substring(at + 1) : text;
        did = "replaced with U+" + Integer.toHexString(c) + " at " + at;
      }
      case 4 -> {
        out = text.replaceFirst("\"solver\"", "\"version\": 1, \"solver\"");
        did = "version twice";
      }
      case 5 -> {
        out = text.replaceFirst("\"hub\"", "\"job\": \"dup\", \"hub\"");
        did = "job twice in an assignment";
      }
      case 6 -> {
        int depth = 990 + r.nextInt(20);
        out = text.replaceFirst("\"solver\"", "\"deep\": " + "[".repeat(depth) + "]".repeat(depth) + ", \"solver\"");
        did = "nested " + depth + " deep";
      }
      case 7 -> {
        out = text.replaceFirst("\"version\": 1", "\"version\": 1" + "0".repeat(995 + r.nextInt(10)));
        did = "a long number";
      }
      case 8 -> {
        out = text + (r.nextBoolean() ? "{}" : "x");
        did = "content after the end";
      }
      case 9 -> {
        Charset cs = List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, Charset.forName("UTF-32BE"))
            .get(r.nextInt(3));
        return Map.entry(text.getBytes(cs), "as " + cs);
      }
      case 10 -> {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int i = r.nextInt(bytes.length);
        bytes[i] = (byte) (0x80 + r.nextInt(0x80));
        return Map.entry(bytes, "byte " + i + " = " + (bytes[i] & 0xFF));
      }
      default -> {
        out = "\uFEFF" + text;
        did = "a byte order mark";
      }
    }
    return Map.entry(out.getBytes(StandardCharsets.UTF_8), did);
  }
}
