package dev.fairshift.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.ProblemError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schemas and the readers agree: the same fields per object, the same required fields,
 * the same defaults. Parses the schemas with Jackson; no schema validator involved.
 */
class JsonSchemaTest {

  /**
   * A problem document with every field of every object present, optional ones included, so that
   * removing any one field tells whether the reader requires it.
   */
  private static final String FULL_PROBLEM = """
      {
        "version": 1,
        "horizon": {"start": "2021-03-01T00:00:00Z", "slotMinutes": 60, "slots": 4},
        "carbonPricePerTonne": 80.0,
        "transferKwhPerGb": 0.03,
        "zones": [{"id": "DE", "signal": "average", "gramsPerKwh": [300.0, 200.0, 100.0, 250.0],
                   "forecastGramsPerKwh": [310.0, 190.0, 120.0, 240.0]}],
        "hubs": [{"id": "berlin", "zone": "DE", "pue": 1.2, "capacityUnits": 8, "powerCapKw": 100.0,
                  "renewableKw": [0.0, 5.0, 5.0, 0.0], "pricePerKwh": 0.2}],
        "tenants": [{"id": "lab", "class": "research", "guaranteedShare": 0.2, "maxShare": 0.9, "weight": 2.0,
                     "fairnessWindowSlots": 2}],
        "jobs": [{"id": "train-1", "tenant": "lab", "durationSlots": 2, "powerKw": 10.0, "units": 2,
                  "release": "2021-03-01T00:00:00Z", "deadline": "2021-03-01T04:00:00Z",
                  "interruptible": true, "allowedHubs": ["berlin"], "originHub": "berlin",
                  "dataGb": 5.0, "priority": 2}]
      }
      """;

  @Test
  void problemSchema_listsExactlyTheFieldsTheReaderKnows() throws IOException {
    JsonNode schema = schema("problem.schema.json");

    assertThat(propertyNames(schema)).containsExactlyElementsOf(Fields.PROBLEM);
    assertThat(propertyNames(def(schema, "horizon"))).containsExactlyElementsOf(Fields.HORIZON);
    assertThat(propertyNames(def(schema, "zone"))).containsExactlyElementsOf(Fields.ZONE);
    assertThat(propertyNames(def(schema, "hub"))).containsExactlyElementsOf(Fields.HUB);
    assertThat(propertyNames(def(schema, "tenant"))).containsExactlyElementsOf(Fields.TENANT);
    assertThat(propertyNames(def(schema, "job"))).containsExactlyElementsOf(Fields.JOB);
  }

  @Test
  void scheduleSchema_listsExactlyTheFieldsTheReaderKnows() throws IOException {
    JsonNode schema = schema("schedule.schema.json");

    assertThat(propertyNames(schema)).containsExactlyElementsOf(Fields.SCHEDULE);
    assertThat(propertyNames(def(schema, "assignment"))).containsExactlyElementsOf(Fields.ASSIGNMENT);
    assertThat(propertyNames(def(schema, "unscheduled"))).containsExactlyElementsOf(Fields.UNSCHEDULED);
  }

  @Test
  void schemas_closeEveryObjectAndDeclareDraft2020() throws IOException {
    for (String name : List.of("problem.schema.json", "schedule.schema.json")) {
      JsonNode schema = schema(name);
      assertThat(schema.get("$schema").textValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
      List<JsonNode> objects = new ArrayList<>();
      collectObjectSchemas(schema, objects);
      assertThat(objects).as(name).hasSizeGreaterThanOrEqualTo(name.startsWith("problem") ? 6 : 3);
      for (JsonNode object : objects) {
        assertThat(object.get("additionalProperties").asBoolean(true)).as(name + " " + object.get("properties").fieldNames().next())
            .isFalse();
        for (JsonNode required : object.get("required")) {
          assertThat(object.get("properties").has(required.textValue())).isTrue();
        }
      }
    }
  }

  @Test
  void problemSchemaRequired_matchesWhatTheReaderRequires() throws IOException {
    JsonNode schema = schema("problem.schema.json");
    assertThat(ProblemJson.read(FULL_PROBLEM)).isNotNull();
    Map<String, Function<ObjectNode, ObjectNode>> objects = new LinkedHashMap<>();
    objects.put("$", doc -> doc);
    objects.put("horizon", doc -> (ObjectNode) doc.get("horizon"));
    objects.put("zone", doc -> TestDocs.item(doc, "zones", 0));
    objects.put("hub", doc -> TestDocs.item(doc, "hubs", 0));
    objects.put("tenant", doc -> TestDocs.item(doc, "tenants", 0));
    objects.put("job", doc -> TestDocs.item(doc, "jobs", 0));
    for (Map.Entry<String, Function<ObjectNode, ObjectNode>> object : objects.entrySet()) {
      JsonNode objectSchema = object.getKey().equals("$") ? schema : def(schema, object.getKey());
      List<String> required = texts(objectSchema.get("required"));
      for (String field : propertyNames(objectSchema)) {
        String withoutField = TestDocs.edit(FULL_PROBLEM, doc -> object.getValue().apply(doc).remove(field));
        boolean reportedMissing = readErrors(() -> ProblemJson.read(withoutField)).stream()
            .anyMatch(e -> e.message().startsWith("missing required field '" + field + "'"));
        assertThat(reportedMissing).as("%s.%s is required", object.getKey(), field).isEqualTo(required.contains(field));
      }
    }
  }

  @Test
  void problemSchemaDefaults_areTheReadersDefaults() throws IOException {
    JsonNode schema = schema("problem.schema.json");
    Map<String, Function<ObjectNode, ObjectNode>> objects = Map.of(
        "$", doc -> doc,
        "tenant", doc -> TestDocs.item(doc, "tenants", 0),
        "job", doc -> TestDocs.item(doc, "jobs", 0));
    int checked = 0;
    for (Map.Entry<String, Function<ObjectNode, ObjectNode>> object : objects.entrySet()) {
      JsonNode objectSchema = object.getKey().equals("$") ? schema : def(schema, object.getKey());
      for (String field : propertyNames(objectSchema)) {
        JsonNode defaultValue = objectSchema.get("properties").get(field).get("default");
        if (defaultValue == null) {
          continue;
        }
        String absent = TestDocs.edit(FULL_PROBLEM, doc -> object.getValue().apply(doc).remove(field));
        String explicit = TestDocs.edit(FULL_PROBLEM, doc -> object.getValue().apply(doc).set(field, defaultValue));
        assertThat(ProblemJson.read(absent)).as("%s.%s defaults to %s", object.getKey(), field, defaultValue)
            .isEqualTo(ProblemJson.read(explicit));
        checked++;
      }
    }
    // carbonPricePerTonne, transferKwhPerGb, class, guaranteedShare, maxShare, weight, units,
    // interruptible, dataGb, priority
    assertThat(checked).isEqualTo(10);
  }

  @Test
  void scheduleSchemaRequired_matchesWhatTheReaderRequires() throws IOException {
    JsonNode schema = schema("schedule.schema.json");
    Map<String, Function<ObjectNode, ObjectNode>> objects = Map.of(
        "$", doc -> doc,
        "assignment", doc -> TestDocs.item(doc, "assignments", 0),
        "unscheduled", doc -> TestDocs.item(doc, "unscheduled", 0));
    for (Map.Entry<String, Function<ObjectNode, ObjectNode>> object : objects.entrySet()) {
      JsonNode objectSchema = object.getKey().equals("$") ? schema : def(schema, object.getKey());
      List<String> required = texts(objectSchema.get("required"));
      for (String field : propertyNames(objectSchema)) {
        String withoutField = TestDocs.edit(TestDocs.SCHEDULE, doc -> object.getValue().apply(doc).remove(field));
        boolean reportedMissing = readErrors(() -> ScheduleJson.read(withoutField)).stream()
            .anyMatch(e -> e.message().startsWith("missing required field '" + field + "'"));
        assertThat(reportedMissing).as("%s.%s is required", object.getKey(), field).isEqualTo(required.contains(field));
      }
    }
  }

  private static List<ProblemError> readErrors(Runnable read) {
    try {
      read.run();
      return List.of();
    } catch (InvalidProblemException e) {
      return e.errors();
    }
  }

  private static JsonNode schema(String name) throws IOException {
    return TestDocs.MAPPER.readTree(TestDocs.resource("/dev/fairshift/core/json/" + name));
  }

  private static JsonNode def(JsonNode schema, String name) {
    JsonNode def = schema.get("$defs").get(name);
    assertThat(def).as("$defs/" + name).isNotNull();
    return def;
  }

  private static List<String> propertyNames(JsonNode objectSchema) {
    List<String> names = new ArrayList<>();
    objectSchema.get("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    ((ArrayNode) array).forEach(n -> out.add(n.textValue()));
    return out;
  }

  private static void collectObjectSchemas(JsonNode node, List<JsonNode> out) {
    if (node.isObject()) {
      if (node.has("properties")) {
        out.add(node);
      }
      node.elements().forEachRemaining(child -> collectObjectSchemas(child, out));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collectObjectSchemas(child, out));
    }
  }
}
