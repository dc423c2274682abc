package dev.fairshift.core.json;

import static dev.fairshift.core.json.TestDocs.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairshift.core.Assignment;
import dev.fairshift.core.Problem;
import dev.fairshift.core.ProblemError;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Unscheduled;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader and writer against the tree-based ones they replaced ({@link LegacyTreeJson},
 * kept in test code only): byte-identical text out, and for any document, valid or not, in any
 * member order, the same problem or the same errors in the same order.
 */
class StreamingJsonTest {
  private static final int CASES = 300;

  @Test
  void write_isByteIdenticalToTheTreeWriter_onTheExamplesAndRandomProblems() {
    List<Problem> problems = new ArrayList<>(List.of(TestDocs.richProblem(), ProblemJson.read(TestDocs.MINIMAL),
        ProblemJson.read(TestDocs.resource("format-example.problem.json"))));
    for (long seed = 0; seed < CASES; seed++) {
      problems.add(RandomProblems.problem(seed));
    }
    for (Problem p : problems) {
      assertThat(ProblemJson.write(p)).isEqualTo(LegacyTreeJson.write(p));
      // The tree API gives the old tree, node types included (IntNode, LongNode, DoubleNode).
      assertThat(ProblemJson.toTree(p)).isEqualTo(LegacyTreeJson.toTree(p));
      assertThat(ProblemJson.write(p, TestDocs.MAPPER)).isEqualTo(LegacyTreeJson.toTree(p).toString());
    }
  }

  @Test
  void writeThenRead_givesTheSameProblem_forRandomProblems() {
    for (long seed = 0; seed < CASES; seed++) {
      Problem p = RandomProblems.problem(seed);

      String text = ProblemJson.write(p);

      assertThat(ProblemJson.read(text)).as("seed %d", seed).isEqualTo(p);
      assertThat(ProblemJson.fromTree(ProblemJson.toTree(p))).as("seed %d", seed).isEqualTo(p);
      assertThat(ProblemJson.write(ProblemJson.read(text))).as("seed %d", seed).isEqualTo(text);
    }
  }

  @Test
  void read_membersInAnyOrder_givesTheSameProblem() {
    Problem rich = TestDocs.richProblem();
    ObjectNode tree = ProblemJson.toTree(rich);
    ObjectNode reversed = JsonNodeFactory.instance.objectNode();
    List<String> names = new ArrayList<>();
    tree.fieldNames().forEachRemaining(names::add);
    Collections.reverse(names);
    names.forEach(name -> reversed.set(name, tree.get(name)));

    String text = reversed.toPrettyString();

    assertThat(text.indexOf("\"jobs\"")).isLessThan(text.indexOf("\"hubs\""));
    assertThat(ProblemJson.read(text)).isEqualTo(rich);
  }

  @Test
  void read_jobsBeforeHubsWithErrors_reportsThemInTheFormatsOrder() {
    String json = """
        {"jobs": [{"id": "j", "tenant": "t", "durationSlots": 1.5, "powerKw": 1, "release": "2021-03-01T00:00:00Z",
                   "deadline": "2021-03-01T01:00:00Z", "colour": "red"}],
         "hubs": "none", "extra": 1, "tenants": [], "version": 2,
         "horizon": {"start": "2021-03-01T00:00:00Z", "slotMinutes": 60, "slots": 1}}
        """;

    List<ProblemError> errors = TestDocs.invalid(() -> ProblemJson.read(json)).errors();

    assertThat(errors).extracting(ProblemError::path).containsExactly(
        "extra", "version", "zones", "hubs", "jobs[0].colour", "jobs[0].durationSlots");
    assertThat(errors).isEqualTo(TestDocs.invalid(() -> LegacyTreeJson.read(json)).errors());
  }

  @Test
  void read_fieldErrorInAnEarlierJobAndUnknownFieldInALaterOne_reportsTheUnknownFieldFirst() {
    // The tree reader opened every element of an array (not an object, unknown fields) before it
    // read their fields: jobs[1].colour comes before jobs[0].durationSlots.
    String json = """
        {"version": 1, "horizon": {"start": "2021-03-01T00:00:00Z", "slotMinutes": 60, "slots": 2},
         "zones": [], "hubs": [], "tenants": [],
         "jobs": [{"id": "a", "tenant": "t", "durationSlots": 1.5, "powerKw": 1, "release": "2021-03-01T00:00:00Z",
                   "deadline": "2021-03-01T01:00:00Z"},
                  {"id": "b", "tenant": "t", "durationSlots": 1, "powerKw": 1, "release": "2021-03-01T00:00:00Z",
                   "deadline": "2021-03-01T01:00:00Z", "colour": "red"},
                  7]}
        """;

    List<ProblemError> errors = TestDocs.invalid(() -> ProblemJson.read(json)).errors();

    assertThat(errors).extracting(ProblemError::path)
        .containsExactly("jobs[1].colour", "jobs[2]", "jobs[0].durationSlots");
    assertThat(errors).isEqualTo(TestDocs.invalid(() -> LegacyTreeJson.read(json)).errors());
  }

  /**
   * Differential fuzz on arrays with several broken elements: in zones, hubs, tenants and jobs (the
   * arrays of objects of the format), several elements each get one or more of an unknown field, a
   * value of the wrong type, a required field removed, or are replaced by something that is not an
   * object; members are sometimes shuffled. The streaming reader must give the tree reader's errors,
   * text and order, from text and from a tree.
   */
  @Test
  void read_severalBrokenElementsPerArray_givesTheTreeReadersErrorsInItsOrder() {
    int reordered = 0;
    for (long seed = 0; seed < CASES; seed++) {
      Random r = new Random(seed * 0x9E3779B97F4A7C15L + 7);
      ObjectNode doc = ProblemJson.toTree(RandomProblems.problem(seed));
      for (String array : REQUIRED.keySet()) {
        if (r.nextInt(4) != 0) {
          breakElements((ArrayNode) doc.get(array), array, r);
        }
      }
      if (r.nextBoolean()) {
        shuffleMembers(doc, r);
      }
      Object expected = assertSameAsTreeReader(doc, seed, r);
      if (expected instanceof List<?> errors && !inElementOrder(errors)) {
        reordered++;
      }
    }
    // Most cases have an opening error of a later element listed before a field error of an earlier one.
    assertThat(reordered).isGreaterThan(CASES / 2);
  }

  /** The required fields of the elements of each array of objects of the problem (FORMAT.md). */
  private static final Map<String, List<String>> REQUIRED = new java.util.LinkedHashMap<>(Map.of(
      "zones", List.of("id", "signal", "gramsPerKwh"),
      "hubs", List.of("id", "zone", "pue", "capacityUnits", "pricePerKwh"),
      "tenants", List.of("id"),
      "jobs", List.of("id", "tenant", "durationSlots", "powerKw", "release", "deadline")));

  /**
   * Pads the array to at least three elements (copies of its first, or a fresh one) and breaks two
   * or more of its elements, each in one to three ways.
   */
  private static void breakElements(ArrayNode array, String name, Random r) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    while (array.size() < 3 + r.nextInt(3)) {
      ObjectNode copy = array.isEmpty() ? f.objectNode() : ((ObjectNode) array.get(0)).deepCopy();
      copy.put("id", name + "-copy-" + array.size());
      array.add(copy);
    }
    int broken = 2 + r.nextInt(array.size() - 1);
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      indices.add(i);
    }
    Collections.shuffle(indices, r);
    List<String> required = REQUIRED.get(name);
    for (int i : indices.subList(0, broken)) {
      if (r.nextInt(6) == 0) {
        array.set(i, switch (r.nextInt(4)) {
          case 0 -> f.numberNode(7);
          case 1 -> f.textNode("job");
          case 2 -> f.nullNode();
          default -> {
            ArrayNode wrapped = f.arrayNode();
            wrapped.addObject().put("id", "x");
            yield wrapped;
          }
        });
        continue;
      }
      ObjectNode element = (ObjectNode) array.get(i);
      for (int ways = 1 + r.nextInt(3); ways > 0; ways--) {
        String field = required.get(r.nextInt(required.size()));
        switch (r.nextInt(4)) {
          case 0 -> element.put(r.nextBoolean() ? "colour" : field + "s", "red");
          case 1 -> element.remove(field);
          case 2 -> element.put(field, r.nextBoolean() ? f.booleanNode(true) : f.textNode("12"));
          default -> element.putObject(field).put("a", 1);
        }
      }
    }
  }

  /** Whether the errors' paths list the elements of each array in ascending index order. */
  private static boolean inElementOrder(List<?> errors) {
    Map<String, Integer> last = new java.util.HashMap<>();
    for (Object e : errors) {
      String path = ((ProblemError) e).path();
      int open = path.indexOf('[');
      if (open < 0) {
        continue;
      }
      String array = path.substring(0, open);
      int index = Integer.parseInt(path.substring(open + 1, path.indexOf(']')));
      Integer before = last.put(array, index);
      if (before != null && before > index) {
        return false;
      }
    }
    return true;
  }

  @Test
  void write_schedule_isByteIdenticalToTheTreeWriter() {
    Random r = new Random(11);
    for (int round = 0; round < 50; round++) {
      List<Assignment> assignments = new ArrayList<>();
      List<Unscheduled> unscheduled = new ArrayList<>();
      int jobs = r.nextInt(20);
      for (int j = 0; j < jobs; j++) {
        if (r.nextBoolean()) {
          List<Integer> slots = new ArrayList<>();
          for (int s = r.nextInt(5); slots.isEmpty() || r.nextBoolean(); s += 1 + r.nextInt(3)) {
            slots.add(s);
          }
          assignments.add(new Assignment("job-" + j + (j % 4 == 1 ? " \"東京\"" : ""), "hub-" + r.nextInt(3), slots));
        } else {
          unscheduled.add(new Unscheduled("job-" + j, "no room: \\ " + r.nextInt(100)));
        }
      }
      Schedule schedule = new Schedule(r.nextBoolean() ? "greedy" : "asap", assignments, unscheduled);

      assertThat(ScheduleJson.write(schedule)).isEqualTo(LegacyTreeJson.layout(LegacyTreeJson.toTree(schedule)));
      assertThat(ScheduleJson.toTree(schedule)).isEqualTo(LegacyTreeJson.toTree(schedule));
      assertThat(ScheduleJson.read(ScheduleJson.write(schedule))).isEqualTo(schedule);
    }
  }

  /**
   * Differential fuzz: random valid documents, broken in random ways (a member removed, made null or
   * of another type, an unknown field, an element that is not an object, members shuffled), read by
   * the streaming reader and by the tree reader: the same problem, or the same errors in the same order.
   */
  @Test
  void read_mutatedDocuments_givesWhatTheTreeReaderGave() {
    int invalid = 0;
    for (long seed = 0; seed < CASES; seed++) {
      // Seeds spread out: java.util.Random's first draws of neighbouring seeds are alike.
      Random r = new Random(seed * 0x9E3779B97F4A7C15L);
      ObjectNode doc = ProblemJson.toTree(RandomProblems.problem(seed));
      int mutations = r.nextInt(4);
      for (int m = 0; m < mutations; m++) {
        mutate(pickObject(doc, r), r);
      }
      if (r.nextBoolean()) {
        shuffleMembers(doc, r);
      }
      Object expected = assertSameAsTreeReader(doc, seed, r);
      invalid += expected instanceof List ? 1 : 0;
    }
    // Both kinds of outcome are exercised.
    assertThat(invalid).isBetween(CASES / 4, CASES - CASES / 10);
  }

  @Test
  void read_rootThatIsNotAnObject_givesWhatTheTreeReaderGave() {
    for (String text : List.of("[]", "[1, {\"a\": 2}]", "null", "\"text\"", "12", "true", "[[[]]]")) {
      assertThat(outcome(() -> ProblemJson.read(text))).as(text).isEqualTo(outcome(() -> LegacyTreeJson.read(text)));
    }
  }

  @Test
  void fromTree_ofAMissingNode_isAnEmptyDocument() {
    List<ProblemError> errors = TestDocs.invalid(() -> ProblemJson.fromTree(MissingNode.getInstance())).errors();

    assertThat(errors).extracting(ProblemError::message)
        .containsExactly("the document is empty; expected a JSON object starting with '{'.");
  }

  /**
   * Reads {@code doc} as text (compact or laid out, as {@code r} picks) and as a tree, with the streaming
   * reader and the old tree reader, asserts the same outcomes, and returns the tree reader's (the
   * problem, or its errors).
   */
  private static Object assertSameAsTreeReader(ObjectNode doc, long seed, Random r) {
    String text = r.nextBoolean() ? doc.toString() : LegacyTreeJson.layout(doc);
    Object expected = outcome(() -> LegacyTreeJson.read(text));
    Object actual = outcome(() -> ProblemJson.read(text));

    assertThat(actual).as("seed %d: %s", seed, text).isEqualTo(expected);
    // A tree may hold what no text reads back as (e.g. a BigDecimal beyond a double): the old tree reader.
    assertThat(outcome(() -> ProblemJson.fromTree(doc))).as("seed %d (tree)", seed)
        .isEqualTo(outcome(() -> LegacyTreeJson.read(doc, ProblemJson.WHAT)));
    return expected;
  }

  /** The document, its horizon, or one of its zones, hubs, tenants or jobs. */
  private static ObjectNode pickObject(ObjectNode doc, Random r) {
    String[] arrays = {"zones", "hubs", "tenants", "jobs"};
    int pick = r.nextInt(6);
    if (pick == 0) {
      return doc;
    }
    if (pick == 1 && doc.get("horizon") instanceof ObjectNode horizon) {
      return horizon;
    }
    JsonNode array = doc.get(arrays[r.nextInt(arrays.length)]);
    if (array instanceof ArrayNode a && !a.isEmpty() && a.get(r.nextInt(a.size())) instanceof ObjectNode o) {
      return o;
    }
    return doc;
  }

  private static void mutate(ObjectNode object, Random r) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    if (names.isEmpty()) {
      return;
    }
    String name = names.get(r.nextInt(names.size()));
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (r.nextInt(12)) {
      case 0 -> object.remove(name);
      case 1 -> object.putNull(name);
      case 2 -> object.put(name, "12");
      case 3 -> object.put(name, 1.5);
      case 4 -> object.put(name, new BigInteger("123456789012345678901234567890"));
      case 5 -> object.put(name, new BigDecimal("1e400"));
      case 6 -> object.put(name, true);
      case 7 -> object.putObject(name).put("a", 1);
      case 8 -> object.putArray(name).add(1).add("x").addNull().addObject();
      case 9 -> object.put(name.substring(0, name.length() - 1) + "x", 3);
      case 10 -> object.put(name, -7);
      default -> {
        if (object.get(name) instanceof ArrayNode a && !a.isEmpty()) {
          a.set(r.nextInt(a.size()), r.nextBoolean() ? f.textNode("x") : f.numberNode(3));
        } else {
          object.put(name, "2021-03-01 00:00:00");
        }
      }
    }
  }

  private static void shuffleMembers(ObjectNode doc, Random r) {
    List<Map.Entry<String, JsonNode>> members = new ArrayList<>(doc.properties());
    Collections.shuffle(members, r);
    doc.removeAll();
    members.forEach(e -> doc.set(e.getKey(), e.getValue()));
  }
}
