package dev.fairshift.core.json;

import static dev.fairshift.core.json.TestDocs.MINIMAL;
import static dev.fairshift.core.json.TestDocs.edit;
import static dev.fairshift.core.json.TestDocs.invalid;
import static dev.fairshift.core.json.TestDocs.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairshift.core.FairshiftException;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.ProblemError;
import dev.fairshift.core.SignalKind;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProblemJsonTest {

  // ---------------------------------------------------------------- round trips

  @Test
  void read_ofWrite_givesEqualProblem() {
    Problem rich = TestDocs.richProblem();

    Problem back = ProblemJson.read(ProblemJson.write(rich));

    assertThat(back).isEqualTo(rich);
    // equals covers these, but say what matters: scalar stays scalar, array stays array.
    assertThat(back.hub("berlin-campus").powerCapKw()).contains(SlotSeries.scalar(400.0));
    assertThat(back.hub("berlin-campus").capacityUnits()).isEqualTo(SlotSeries.of(64, 64, 32, 32, 64, 64));
    assertThat(back.hub("lyon-dc").renewableKw()).isEqualTo(SlotSeries.scalar(0.0));
    assertThat(back.intensities().zone("FR").gramsPerKwh().at(5)).isEqualTo(0.1 + 0.2);
  }

  @Test
  void write_ofRead_isStableText() {
    String first = ProblemJson.write(TestDocs.richProblem());

    String second = ProblemJson.write(ProblemJson.read(first));

    assertThat(second).isEqualTo(first);
  }

  @Test
  void write_randomDoubles_roundTripExactly() {
    Random random = new Random(20210301L);
    for (int round = 0; round < 50; round++) {
      double[] grams = new double[24];
      for (int i = 0; i < grams.length; i++) {
        // Every magnitude from 1e-300 to the limit (Limits.MAX_GRAMS_PER_KWH = 1e5), tiny values and integers.
        grams[i] = random.nextInt(4) == 0 ? random.nextInt(1000) : Math.pow(10, random.nextInt(306) - 300) * random.nextDouble();
      }
      double pue = 1 + random.nextDouble();
      Problem p = Problem.builder()
          .horizon(Horizon.hourly(Instant.parse("2021-03-01T00:00:00Z"), grams.length))
          .carbonPricePerTonne(random.nextDouble() * 200)
          .zone(ZoneIntensity.of("Z", SlotSeries.of(grams)))
          .hub(Hub.builder("h", "Z").pue(pue).capacityUnits(4).pricePerKwh(random.nextDouble()).build())
          .build();

      Problem back = ProblemJson.read(ProblemJson.write(p));

      assertThat(back).isEqualTo(p);
      assertThat(back.intensities().zone("Z").gramsPerKwh().values()).containsExactly(grams);
    }
  }

  @Test
  void write_minimalProblem_isTheDocumentedLayout() {
    // Hand-written: defaults spelled out, absent options left out, series of one value as numbers,
    // capacity as integers, arrays of numbers on one line.
    String expected = """
        {
          "version": 1,
          "horizon": {
            "start": "2021-03-01T00:00:00Z",
            "slotMinutes": 60,
            "slots": 4
          },
          "carbonPricePerTonne": 0.0,
          "transferKwhPerGb": 0.0,
          "zones": [
            {
              "id": "DE",
              "signal": "average",
              "gramsPerKwh": [300.0, 200.0, 100.0, 250.0]
            }
          ],
          "hubs": [
            {
              "id": "berlin",
              "zone": "DE",
              "pue": 1.2,
              "capacityUnits": 8,
              "pricePerKwh": 0.2
            }
          ],
          "tenants": [
            {
              "id": "lab",
              "class": "standard",
              "guaranteedShare": 0.0,
              "maxShare": 1.0,
              "weight": 1.0
            }
          ],
          "jobs": [
            {
              "id": "train-1",
              "tenant": "lab",
              "durationSlots": 2,
              "powerKw": 10.0,
              "units": 1,
              "release": "2021-03-01T00:00:00Z",
              "deadline": "2021-03-01T04:00:00Z",
              "interruptible": false,
              "priority": 1
            }
          ]
        }
        """;

    assertThat(ProblemJson.write(ProblemJson.read(MINIMAL))).isEqualTo(expected);
    assertThat(ProblemJson.write(ProblemJson.read(expected))).isEqualTo(expected);
  }

  @Test
  void write_richProblem_writesScalarsAsNumbersAndOmitsOnlyAbsentOptions() throws IOException {
    JsonNode tree = TestDocs.MAPPER.readTree(ProblemJson.write(TestDocs.richProblem()));

    JsonNode berlin = tree.get("hubs").get(0);
    assertThat(berlin.get("powerCapKw").isNumber()).isTrue();
    assertThat(berlin.get("pricePerKwh").doubleValue()).isEqualTo(0.21);
    assertThat(berlin.get("capacityUnits").isArray()).isTrue();
    assertThat(berlin.get("capacityUnits").get(2).isIntegralNumber()).isTrue();
    assertThat(berlin.get("renewableKw").size()).isEqualTo(6);
    JsonNode lyon = tree.get("hubs").get(1);
    assertThat(lyon.has("powerCapKw")).isFalse();
    assertThat(lyon.has("renewableKw")).isFalse();
    assertThat(lyon.get("capacityUnits").isIntegralNumber()).isTrue();
    assertThat(tree.get("zones").get(1).has("forecastGramsPerKwh")).isFalse();
    JsonNode render = tree.get("jobs").get(1);
    assertThat(render.has("allowedHubs")).isFalse();
    assertThat(render.has("originHub")).isFalse();
    assertThat(render.has("dataGb")).isFalse();
    assertThat(render.get("units").intValue()).isEqualTo(1);
    assertThat(tree.get("jobs").get(2).get("release").textValue()).isEqualTo("2021-03-01T00:10:00Z");
    assertThat(fieldNames(tree)).containsExactly(
        "version", "horizon", "carbonPricePerTonne", "transferKwhPerGb", "zones", "hubs", "tenants", "jobs");
    assertThat(fieldNames(tree.get("jobs").get(0))).containsExactly(
        "id", "tenant", "durationSlots", "powerKw", "units", "release", "deadline", "interruptible",
        "allowedHubs", "originHub", "dataGb", "priority");
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  // ---------------------------------------------------------------- the format's example

  @Test
  void read_formatExample_givesItsValues() {
    Problem p = ProblemJson.read(TestDocs.resource("format-example.problem.json"));

    assertThat(p.horizon()).isEqualTo(Horizon.hourly(Instant.parse("2021-03-01T00:00:00Z"), 168));
    assertThat(p.carbonPricePerTonne()).isEqualTo(80.0);
    assertThat(p.transferKwhPerGb()).isEqualTo(0.03);
    ZoneIntensity de = p.intensities().zone("DE");
    assertThat(de.signal()).isEqualTo(SignalKind.AVERAGE);
    // Electricity Maps DE, 2021-03-01T00:00Z and T01:00Z; the forecast is the day before.
    assertThat(de.gramsPerKwh().at(0)).isEqualTo(417.96);
    assertThat(de.gramsPerKwh().at(1)).isEqualTo(412.74);
    assertThat(de.planningGramsPerKwh().at(24)).isEqualTo(417.96);
    Hub berlin = p.hub("berlin-campus");
    assertThat(berlin.pue()).isEqualTo(1.2);
    assertThat(berlin.capacityUnits()).isEqualTo(SlotSeries.scalar(64));
    assertThat(berlin.powerCapKw()).contains(SlotSeries.scalar(400.0));
    assertThat(berlin.renewableKw().size()).isEqualTo(168);
    assertThat(berlin.pricePerKwh()).isEqualTo(SlotSeries.scalar(0.21));
    assertThat(p.tenant("students")).isEqualTo(new Tenant("students", "newcomer", 0.15, 0.5, 1.0));
    assertThat(p.job("train-1")).isEqualTo(new Job("train-1", "students", 6, 12.5, 8,
        Instant.parse("2021-03-01T02:00:00Z"), Instant.parse("2021-03-02T08:00:00Z"), false,
        List.of("berlin-campus", "lyon-dc"), Optional.of("berlin-campus"), 200.0, 1));
    assertThat(ProblemJson.read(ProblemJson.write(p))).isEqualTo(p);
  }

  @Test
  void read_formatExampleWithoutLyonHub_reportsTheUnknownAllowedHub() {
    // FORMAT.md's example lets train-1 run in lyon-dc but defines no such hub.
    String json = edit(TestDocs.resource("format-example.problem.json"), doc -> {
      ((ArrayNode) doc.get("hubs")).remove(1);
      ((ArrayNode) doc.get("zones")).remove(1);
    });

    InvalidProblemException e = invalid(() -> ProblemJson.read(json));

    assertThat(e.errors()).singleElement().satisfies(err -> {
      assertThat(err.path()).isEqualTo("jobs[0].allowedHubs[1]");
      assertThat(err.message()).contains("'lyon-dc'", "not in the problem", "berlin-campus");
    });
  }

  // ---------------------------------------------------------------- defaults

  @Test
  void read_minimalDocument_appliesTheDefaults() {
    Problem p = ProblemJson.read(MINIMAL);

    assertThat(p.carbonPricePerTonne()).isZero();
    assertThat(p.transferKwhPerGb()).isZero();
    assertThat(p.intensities().zone("DE").forecastGramsPerKwh()).isEmpty();
    Hub hub = p.hub("berlin");
    assertThat(hub.powerCapKw()).isEmpty();
    assertThat(hub.powerCapKwAt(0)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(hub.renewableKw()).isEqualTo(SlotSeries.scalar(0));
    assertThat(hub.capacityUnits()).isEqualTo(SlotSeries.scalar(8));
    assertThat(p.tenant("lab")).isEqualTo(new Tenant("lab", "standard", 0.0, 1.0, 1.0));
    Job job = p.job("train-1");
    assertThat(job.units()).isEqualTo(1);
    assertThat(job.interruptible()).isFalse();
    assertThat(job.allowedHubs()).isEmpty();
    assertThat(job.allows("berlin")).isTrue();
    assertThat(job.originHub()).isEmpty();
    assertThat(job.dataGb()).isZero();
    assertThat(job.priority()).isEqualTo(1);
  }

  @Test
  void read_seriesAsNumberOrArray_givesScalarOrPerSlot() {
    String json = edit(MINIMAL, doc -> {
      ObjectNode hub = item(doc, "hubs", 0);
      hub.putArray("capacityUnits").add(8).add(8).add(4).add(8);
      hub.put("powerCapKw", 50);
      hub.putArray("renewableKw").add(0).add(1.5).add(2.5).add(0);
      hub.putArray("pricePerKwh").add(0.2).add(0.3).add(0.3).add(0.2);
    });

    Hub hub = ProblemJson.read(json).hub("berlin");

    assertThat(hub.capacityUnits()).isEqualTo(SlotSeries.of(8, 8, 4, 8));
    assertThat(hub.powerCapKw()).contains(SlotSeries.scalar(50));
    assertThat(hub.renewableKw()).isEqualTo(SlotSeries.of(0, 1.5, 2.5, 0));
    assertThat(hub.pricePerKwh()).isEqualTo(SlotSeries.of(0.2, 0.3, 0.3, 0.2));
  }

  @Test
  void read_integerFieldWrittenAsWholeDouble_isAccepted() {
    String json = edit(MINIMAL, doc -> ((ObjectNode) doc.get("horizon")).put("slotMinutes", 30.0));

    assertThat(ProblemJson.read(json).horizon().slotLength()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void read_instantWithOffset_isConvertedToUtc() {
    String json = edit(MINIMAL, doc -> item(doc, "jobs", 0).put("release", "2021-03-01T02:00:00+01:00"));

    assertThat(ProblemJson.read(json).job("train-1").release()).isEqualTo(Instant.parse("2021-03-01T01:00:00Z"));
  }

  @Test
  void read_deadlineFarInTheFuture_meansTheEndOfTheHorizon() {
    // 9999 is more than 292 years (the range of long nanoseconds) after the horizon's start.
    String json = edit(MINIMAL, doc -> item(doc, "jobs", 0).put("deadline", "9999-12-31T23:59:59Z"));

    Problem p = ProblemJson.read(json);

    assertThat(p.deadlineSlot(0)).isEqualTo(4);
  }

  // ---------------------------------------------------------------- fairness windows

  @Test
  void read_fairnessWindowSlots_givesTheTenantsWindowAndWritesItBack() throws IOException {
    String json = edit(MINIMAL, doc -> item(doc, "tenants", 0).put("fairnessWindowSlots", 2));

    Problem p = ProblemJson.read(json);

    assertThat(p.tenant("lab").fairnessWindowSlots()).isEqualTo(OptionalInt.of(2));
    assertThat(p.tenant("lab")).isEqualTo(Tenant.of("lab", "standard").withFairnessWindowSlots(2));
    assertThat(p.fairnessWindows("lab")).hasSize(2);
    JsonNode written = TestDocs.MAPPER.readTree(ProblemJson.write(p));
    assertThat(fieldNames(written.get("tenants").get(0)))
        .containsExactly("id", "class", "guaranteedShare", "maxShare", "weight", "fairnessWindowSlots");
    assertThat(written.get("tenants").get(0).get("fairnessWindowSlots").isIntegralNumber()).isTrue();
    assertThat(ProblemJson.read(ProblemJson.write(p))).isEqualTo(p);
  }

  @Test
  void read_noFairnessWindowSlots_meansTheWholeHorizonAndIsNotWritten() throws IOException {
    Problem p = ProblemJson.read(MINIMAL);

    assertThat(p.tenant("lab").fairnessWindowSlots()).isEmpty();
    assertThat(p.fairnessWindows("lab")).singleElement()
        .satisfies(w -> assertThat(w.slots()).isEqualTo(p.horizon().slots()));
    assertThat(TestDocs.MAPPER.readTree(ProblemJson.write(p)).get("tenants").get(0).has("fairnessWindowSlots"))
        .isFalse();
  }

  @Test
  void read_fairnessWindowLongerThanTheHorizon_isKeptAndMeansTheHorizon() {
    Problem p = ProblemJson.read(edit(MINIMAL, doc -> item(doc, "tenants", 0).put("fairnessWindowSlots", 500)));

    assertThat(p.tenant("lab").fairnessWindowSlots()).isEqualTo(OptionalInt.of(500));
    assertThat(p.fairnessWindows("lab")).singleElement()
        .satisfies(w -> assertThat(w.slots()).isEqualTo(4));
    assertThat(ProblemJson.write(p)).contains("\"fairnessWindowSlots\": 500");
  }

  @Test
  void read_zeroFairnessWindowSlots_isAnErrorWithItsPathValueAndAFix() {
    ProblemError error = onlyError(edit(MINIMAL, doc -> item(doc, "tenants", 0).put("fairnessWindowSlots", 0)));

    assertThat(error.path()).isEqualTo("tenants[0].fairnessWindowSlots");
    assertThat(error.message()).contains("Tenant 'lab'", "fairnessWindowSlots 0", "at least 1 slot",
        "Maybe use 24 (one day of 60-minute slots)");
  }

  @Test
  void read_fractionalOrTextFairnessWindowSlots_isAnError() {
    List<ProblemError> errors = invalid(() -> ProblemJson.read(edit(MINIMAL, doc -> {
      item(doc, "tenants", 0).put("fairnessWindowSlots", 1.5);
      ((ArrayNode) doc.get("tenants")).addObject().put("id", "b").put("fairnessWindowSlots", "24");
    }))).errors();

    assertThat(errors).extracting(ProblemError::path)
        .containsExactly("tenants[0].fairnessWindowSlots", "tenants[1].fairnessWindowSlots");
    assertThat(errors.get(0).message()).isEqualTo("expected a whole number but found 1.5.");
    assertThat(errors.get(1).message()).contains("\"24\"", "Maybe remove the quotes");
  }

  @Test
  void read_misspelledFairnessWindowSlots_suggestsTheField() {
    ProblemError error = onlyError(edit(MINIMAL, doc -> item(doc, "tenants", 0).put("fairnesWindowSlots", 24)));

    assertThat(error.path()).isEqualTo("tenants[0].fairnesWindowSlots");
    assertThat(error.message())
        .startsWith("unknown field 'fairnesWindowSlots'. Known fields: id, class, guaranteedShare, maxShare, weight, "
            + "fairnessWindowSlots.")
        .endsWith("Maybe you meant 'fairnessWindowSlots'?");
  }

  // ---------------------------------------------------------------- structural errors

  @Test
  void read_unknownJobField_namesPathListsKnownFieldsAndSuggestsClosest() {
    String json = edit(MINIMAL, doc -> item(doc, "jobs", 0).put("dedline", "2021-03-01T04:00:00Z"));

    ProblemError error = onlyError(json);

    assertThat(error.path()).isEqualTo("jobs[0].dedline");
    assertThat(error.message())
        .startsWith("unknown field 'dedline'. Known fields: id, tenant, durationSlots, powerKw, units, release, "
            + "deadline, interruptible, allowedHubs, originHub, dataGb, priority.")
        .endsWith("Maybe you meant 'deadline'?");
  }

  @Test
  void read_unknownFieldFarFromAnyName_suggestsNothing() {
    String json = edit(MINIMAL, doc -> doc.put("comment", "made by hand"));

    ProblemError error = onlyError(json);

    assertThat(error.path()).isEqualTo("comment");
    assertThat(error.message()).contains("unknown field 'comment'", "Known fields: version, horizon,")
        .doesNotContain("Maybe");
  }

  @Test
  void read_unknownFieldsInNestedObjects_useTheirPaths() {
    String json = edit(MINIMAL, doc -> {
      ((ObjectNode) doc.get("horizon")).put("slotminutes", 60);
      item(doc, "hubs", 0).put("PUE", 1.1);
      item(doc, "tenants", 0).put("tenantClass", "civic");
      item(doc, "zones", 0).put("forecast", 1);
    });

    List<ProblemError> errors = invalid(() -> ProblemJson.read(json)).errors();

    assertThat(errors).extracting(ProblemError::path).containsExactly(
        "horizon.slotminutes", "zones[0].forecast", "hubs[0].PUE", "tenants[0].tenantClass");
    assertThat(errors.get(0).message()).endsWith("Maybe you meant 'slotMinutes'?");
    assertThat(errors.get(2).message()).endsWith("Maybe you meant 'pue'?");
  }

  @Test
  void read_stringWhereNumberExpected_showsValueAndSuggestsRemovingQuotes() {
    String json = edit(MINIMAL, doc -> item(doc, "jobs", 0).put("powerKw", "12.5"));

    ProblemError error = onlyError(json);

    assertThat(error.path()).isEqualTo("jobs[0].powerKw");
    assertThat(error.message()).isEqualTo("expected a number but found \"12.5\". Maybe remove the quotes: 12.5.");
  }

  @Test
  void read_numberWhereStringExpected_isAnError() {
    String json = edit(MINIMAL, doc -> item(doc, "tenants", 0).put("class", 3));

    ProblemError error = onlyError(json);

    assertThat(error.path()).isEqualTo("tenants[0].class");
    assertThat(error.message()).contains("expected a string but found 3", "\"3\"");
  }

  @Test
  void read_badInstant_showsValueAndSuggestsTheIsoForm() {
    String json = edit(MINIMAL, doc -> item(doc, "jobs", 0).put("release", "2021-03-01 02:00:00"));

    ProblemError error = onlyError(json);

    assertThat(error.path()).isEqualTo("jobs[0].release");
    assertThat(error.message()).contains("ISO-8601", "\"2021-03-01 02:00:00\"", "Maybe add Z for UTC: \"2021-03-01T02:00:00Z\"");
  }

  @Test
  void read_instantAsNumber_isAnError() {
    String json = edit(MINIMAL, doc -> item(doc, "jobs", 0).put("deadline", 1614567600));

    ProblemError error = onlyError(json);

    assertThat(error.path()).isEqualTo("jobs[0].deadline");
    assertThat(error.message()).contains("found 1614567600", "write the instant as text");
  }

  @Test
  void read_missingRequiredField_namesIt() {
    String json = edit(MINIMAL, doc -> item(doc, "jobs", 0).remove("deadline"));

    ProblemError error = onlyError(json);

    assertThat(error.path()).isEqualTo("jobs[0].deadline");
    assertThat(error.message()).startsWith("missing required field 'deadline': an ISO-8601 UTC instant");
  }

  @Test
  void read_missingTopLevelArray_suggestsAnEmptyOne() {
    String json = edit(MINIMAL, doc -> doc.remove("tenants"));

    ProblemError error = onlyError(json);

    assertThat(error.path()).isEqualTo("tenants");
    assertThat(error.message()).contains("missing required field 'tenants'", "\"tenants\": []");
  }

  @Test
  void read_otherVersion_isRejected() {
    ProblemError error = onlyError(edit(MINIMAL, doc -> doc.put("version", 2)));

    assertThat(error.path()).isEqualTo("version");
    assertThat(error.message()).contains("unsupported version 2", "version 1");
  }

  @Test
  void read_versionMissingOrText_isRejected() {
    assertThat(onlyError(edit(MINIMAL, doc -> doc.remove("version"))))
        .isEqualTo(new ProblemError("version", "missing required field 'version': the format version, 1."));
    assertThat(onlyError(edit(MINIMAL, doc -> doc.put("version", "1"))).message())
        .isEqualTo("expected a whole number but found \"1\". Maybe remove the quotes: 1.");
  }

  @Test
  void read_unknownSignal_isRejectedWithTheCaseFixed() {
    assertThat(onlyError(edit(MINIMAL, doc -> item(doc, "zones", 0).put("signal", "avg"))))
        .isEqualTo(new ProblemError("zones[0].signal", "expected \"average\" or \"marginal\" but found \"avg\"."));
    assertThat(onlyError(edit(MINIMAL, doc -> item(doc, "zones", 0).put("signal", "Marginal"))).message())
        .endsWith("Maybe \"marginal\".");
  }

  @Test
  void read_nonIntegerSlotMinutes_isRejected() {
    ProblemError error = onlyError(edit(MINIMAL, doc -> ((ObjectNode) doc.get("horizon")).put("slotMinutes", 60.5)));

    assertThat(error).isEqualTo(new ProblemError("horizon.slotMinutes", "expected a whole number >= 1 but found 60.5."));
  }

  @Test
  void read_zeroSlots_isRejected() {
    ProblemError error = onlyError(edit(MINIMAL, doc -> ((ObjectNode) doc.get("horizon")).put("slots", 0)));

    assertThat(error).isEqualTo(new ProblemError("horizon.slots", "expected a whole number >= 1 but found 0."));
  }

  @Test
  void read_horizonBeyondJavaTime_isRejected() {
    String json = edit(MINIMAL, doc -> {
      ObjectNode horizon = (ObjectNode) doc.get("horizon");
      horizon.put("slotMinutes", Integer.MAX_VALUE);
      horizon.put("slots", Integer.MAX_VALUE);
    });

    InvalidProblemException e = catchThrowableOfType(() -> ProblemJson.read(json), InvalidProblemException.class);

    // Both are beyond Limits, and neither is turned into an instant that Java cannot represent.
    assertThat(e.errors()).extracting(ProblemError::path).containsExactly("horizon.slotMinutes", "horizon.slots");
    assertThat(e.errors().get(0).message()).contains("2147483647 minutes", "at most 10080");
    assertThat(e.errors().get(1).message()).contains("2147483647 slots", "at most 100000");
  }

  @Test
  void read_horizonStartNearInstantMax_isAFieldErrorNotAnOverflow() {
    String json = edit(MINIMAL, doc -> ((ObjectNode) doc.get("horizon")).put("start", "+1000000000-12-31T23:00:00Z"));

    ProblemError error = onlyError(json);

    assertThat(error.path()).isEqualTo("horizon.start");
    assertThat(error.message()).contains("+1000000000-12-31T23:00:00Z", "years 1 to 9999");
  }

  @Test
  void read_wholeNumberTooLarge_isRejected() {
    ProblemError error = onlyError(edit(MINIMAL, doc -> item(doc, "jobs", 0).put("units", 30_000_000_000L)));

    assertThat(error.path()).isEqualTo("jobs[0].units");
    assertThat(error.message()).contains("30000000000", "too large");
  }

  @Test
  void read_numberBeyondDouble_isRejected() {
    String json = MINIMAL.replace("\"powerKw\": 10.0", "\"powerKw\": 1e400");

    ProblemError error = onlyError(json);

    assertThat(error.path()).isEqualTo("jobs[0].powerKw");
    assertThat(error.message()).contains("too large for a double");
  }

  @Test
  void read_badElementsOfSeries_nameTheirIndex() {
    String json = edit(MINIMAL, doc -> {
      item(doc, "zones", 0).putArray("gramsPerKwh").add(300.0).add(200.0).add(100.0).addNull();
      item(doc, "hubs", 0).putArray("capacityUnits").add(8).add(8).add("x").add(8);
    });

    List<ProblemError> errors = invalid(() -> ProblemJson.read(json)).errors();

    assertThat(errors).extracting(ProblemError::path)
        .containsExactly("zones[0].gramsPerKwh[3]", "hubs[0].capacityUnits[2]");
    assertThat(errors.get(0).message()).contains("null in slot 3", "Maybe fill the gap");
    assertThat(errors.get(1).message()).isEqualTo("expected a number but found \"x\".");
  }

  @Test
  void read_seriesAsString_isRejected() {
    ProblemError error = onlyError(edit(MINIMAL, doc -> item(doc, "hubs", 0).put("pricePerKwh", "0.2")));

    assertThat(error.path()).isEqualTo("hubs[0].pricePerKwh");
    assertThat(error.message()).contains("a number (every slot) or an array", "\"0.2\"", "remove the quotes");
  }

  @Test
  void read_emptyAllowedHubs_isAnError() {
    ProblemError error = onlyError(edit(MINIMAL, doc -> item(doc, "jobs", 0).putArray("allowedHubs")));

    assertThat(error).isEqualTo(new ProblemError("jobs[0].allowedHubs", "allowedHubs is empty; omit it to allow every hub."));
  }

  @Test
  void read_allowedHubsWithNonString_namesTheElement() {
    ProblemError error = onlyError(edit(MINIMAL, doc -> item(doc, "jobs", 0).putArray("allowedHubs").add("berlin").add(7)));

    assertThat(error.path()).isEqualTo("jobs[0].allowedHubs[1]");
    assertThat(error.message()).contains("expected a string but found 7");
  }

  @Test
  void read_booleanAsText_suggestsRemovingQuotes() {
    ProblemError error = onlyError(edit(MINIMAL, doc -> item(doc, "jobs", 0).put("interruptible", "true")));

    assertThat(error).isEqualTo(new ProblemError("jobs[0].interruptible",
        "expected true or false but found \"true\". Maybe remove the quotes: true."));
  }

  @Test
  void read_nullOptionalField_suggestsOmittingIt() {
    ProblemError error = onlyError(edit(MINIMAL, doc -> item(doc, "jobs", 0).putNull("originHub")));

    assertThat(error.path()).isEqualTo("jobs[0].originHub");
    assertThat(error.message()).contains("found null", "Maybe omit 'originHub'");
  }

  @Test
  void read_fractionalDuration_isRejected() {
    ProblemError error = onlyError(edit(MINIMAL, doc -> item(doc, "jobs", 0).put("durationSlots", 2.5)));

    assertThat(error).isEqualTo(new ProblemError("jobs[0].durationSlots", "expected a whole number but found 2.5."));
  }

  @Test
  void read_wrongContainers_areNamed() {
    String json = edit(MINIMAL, doc -> {
      doc.put("zones", "DE");
      doc.withArray("jobs").add(42);
      doc.put("horizon", 168);
    });

    List<ProblemError> errors = invalid(() -> ProblemJson.read(json)).errors();

    assertThat(errors).extracting(ProblemError::path).containsExactly("horizon", "zones", "jobs[1]");
    assertThat(errors.get(0).message()).isEqualTo("expected an object {...} but found 168.");
    assertThat(errors.get(1).message()).isEqualTo("expected an array of objects but found \"DE\".");
    assertThat(errors.get(2).message()).isEqualTo("expected an object {...} but found 42.");
  }

  @Test
  void read_documentNotAnObject_isAnErrorAtTheRoot() {
    ProblemError error = onlyError("[1, 2, 3]");

    assertThat(error).isEqualTo(new ProblemError("$", "expected an object {...} but found an array."));
  }

  @Test
  void read_manyErrors_reportsThemAllInDocumentOrder() {
    String json = edit(MINIMAL, doc -> {
      doc.put("version", 3);
      ((ObjectNode) doc.get("horizon")).put("start", "yesterday");
      item(doc, "hubs", 0).remove("pue");
      item(doc, "jobs", 0).put("powerKw", true);
      item(doc, "jobs", 0).put("prio", 2);
    });

    InvalidProblemException e = invalid(() -> ProblemJson.read(json));

    assertThat(e.errors()).extracting(ProblemError::path).containsExactly(
        "version", "horizon.start", "hubs[0].pue", "jobs[0].prio", "jobs[0].powerKw");
    assertThat(e.getMessage()).startsWith("Problem file has 5 errors:\n  - version: unsupported version 3");
  }

  @Test
  void read_structurallyValidButBreaksDomainRules_reportsTheValidatorsErrors() {
    String json = edit(MINIMAL, doc -> {
      item(doc, "jobs", 0).put("tenant", "nobody");
      item(doc, "hubs", 0).put("pue", 0.9);
    });

    InvalidProblemException e = invalid(() -> ProblemJson.read(json));

    assertThat(e.errors()).extracting(ProblemError::path).containsExactly("hubs[0].pue", "jobs[0].tenant");
    assertThat(e.getMessage()).startsWith("Problem has 2 errors");
  }

  // ---------------------------------------------------------------- malformed JSON

  @Test
  void read_missingComma_givesLineAndColumn() {
    String json = "{\n  \"version\": 1\n  \"horizon\": {}\n}";

    ProblemError error = onlyError(json);

    // The opening quote of "horizon" is on line 3, column 3, in the document's root object.
    assertThat(error.path()).isEqualTo("$");
    assertThat(error.message()).startsWith("malformed JSON at line 3, column 3: ")
        .contains("expecting comma").endsWith("Maybe a comma, quote or bracket is missing or extra near there.");
  }

  @Test
  void read_truncatedDocument_saysSoWithoutJacksonInternals() {
    String whole = ProblemJson.write(TestDocs.richProblem());
    String truncated = whole.substring(0, whole.indexOf("\"tenants\""));

    InvalidProblemException e = invalid(() -> ProblemJson.read(truncated));

    assertThat(e.getCause()).isNull();
    assertThat(e.errors()).singleElement().satisfies(err -> {
      assertThat(err.path()).isEqualTo("$");
      assertThat(err.message()).startsWith("malformed JSON at line ").contains("end-of-input", "truncated")
          .doesNotContain("Source", "REDACTED", "StreamReadFeature");
    });
  }

  @Test
  void read_truncatedInsideArray_namesWhereItStopped() {
    String json = "{\n  \"version\": 1,\n  \"zones\": [1, 2";

    ProblemError error = onlyError(json);

    assertThat(error.path()).isEqualTo("zones");
    assertThat(error.message()).contains("line 3", "opened at line 3, column 12", "truncated");
  }

  @Test
  void read_duplicateField_isAnError() {
    String json = "{\"version\": 1, \"horizon\": {\"slots\": 4, \"slots\": 5}}";

    ProblemError error = onlyError(json);

    assertThat(error.path()).isEqualTo("horizon");
    assertThat(error.message()).contains("Duplicate field 'slots'", "line 1", "remove one of them");
  }

  @Test
  void read_emptyOrTrailingContent_isAnError() {
    assertThat(onlyError("  \n").message()).contains("the document is empty");
    assertThat(onlyError(MINIMAL + " {}").message()).contains("unexpected content after the end", "line 10, column 2");
  }

  @Test
  void read_anyTruncationOrMutation_throwsOnlyInvalidProblemException() {
    String whole = ProblemJson.write(TestDocs.richProblem());
    Random random = new Random(42);
    String junk = "{}[]\",:0-e.x \n";
    for (int round = 0; round < 300; round++) {
      String broken;
      int at = random.nextInt(whole.length());
      if (round % 2 == 0) {
        broken = whole.substring(0, at);
      } else {
        broken = whole.substring(0, at) + junk.charAt(random.nextInt(junk.length())) + whole.substring(at + 1);
      }
      Throwable thrown = catchThrowable(() -> ProblemJson.read(broken));
      if (thrown != null) {
        assertThat(thrown).as("read of a document broken at %d", at).isExactlyInstanceOf(InvalidProblemException.class);
        assertThat(((InvalidProblemException) thrown).errors()).isNotEmpty();
      }
    }
  }

  // ---------------------------------------------------------------- sources, sinks and mappers

  @Test
  void writeAndReadPath_roundTrip(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("problem.json");
    Problem rich = TestDocs.richProblem();

    ProblemJson.write(rich, file);

    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(ProblemJson.write(rich));
    assertThat(ProblemJson.read(file)).isEqualTo(rich);
  }

  @Test
  void readPath_errorsNameTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"version\": 1");

    InvalidProblemException e = invalid(() -> ProblemJson.read(file));

    assertThat(e.getMessage()).startsWith("Problem file " + file + " has 1 error");
  }

  @Test
  void readPath_missingFile_wrapsTheIoException(@TempDir Path dir) {
    Path file = dir.resolve("Nowhere.json");

    assertThatThrownBy(() -> ProblemJson.read(file))
        .isExactlyInstanceOf(FairshiftException.class)
        .hasCauseInstanceOf(NoSuchFileException.class)
        .hasMessageStartingWith("Cannot read the problem file " + file + ": NoSuchFileException ");
  }

  @Test
  void writePath_missingDirectory_wrapsTheIoException(@TempDir Path dir) {
    Path file = dir.resolve("no-such-dir").resolve("problem.json");

    assertThatThrownBy(() -> ProblemJson.write(TestDocs.richProblem(), file))
        .isExactlyInstanceOf(FairshiftException.class)
        .hasCauseInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("problem file " + file, "Maybe check that its directory exists");
  }

  @Test
  void readReader_leavesTheReaderOpen() throws IOException {
    boolean[] closed = {false};
    Reader reader = new StringReader(MINIMAL) {
      @Override
      public void close() {
        closed[0] = true;
        super.close();
      }
    };

    ProblemJson.read(reader);

    assertThat(closed[0]).isFalse();
  }

  @Test
  void writeWriter_writesTheSameText() {
    StringWriter out = new StringWriter();

    ProblemJson.write(TestDocs.richProblem(), out);

    assertThat(out).hasToString(ProblemJson.write(TestDocs.richProblem()));
  }

  @Test
  void callersMapper_isUsedToReadAndWrite() {
    ObjectMapper lenient = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
    String commented = MINIMAL.replace("\"version\": 1,", "\"version\": 1, // the format version");

    assertThat(ProblemJson.read(commented, lenient)).isEqualTo(ProblemJson.read(MINIMAL));
    assertThat(onlyError(commented).message()).startsWith("malformed JSON at line 2");

    String compact = ProblemJson.write(TestDocs.richProblem(), lenient);
    assertThat(compact).doesNotContain("\n").startsWith("{\"version\":1,\"horizon\":{");
    assertThat(ProblemJson.read(compact)).isEqualTo(TestDocs.richProblem());
  }

  @Test
  void treeApi_roundTrips() {
    Problem rich = TestDocs.richProblem();

    ObjectNode tree = ProblemJson.toTree(rich);

    assertThat(ProblemJson.fromTree(tree)).isEqualTo(rich);
    tree.put("extra", 1);
    assertThat(invalid(() -> ProblemJson.fromTree(tree)).errors()).extracting(ProblemError::path)
        .containsExactly("extra");
  }

  private static ProblemError onlyError(String json) {
    List<ProblemError> errors = invalid(() -> ProblemJson.read(json)).errors();
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }
}
