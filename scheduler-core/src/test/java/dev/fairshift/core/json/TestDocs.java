package dev.fairshift.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Documents and problems shared by the JSON tests. */
final class TestDocs {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** A valid problem using only required fields: 4 hourly slots, one zone, hub, tenant and job. */
  static final String MINIMAL = """
      {
        "version": 1,
        "horizon": {"start": "2021-03-01T00:00:00Z", "slotMinutes": 60, "slots": 4},
        "zones": [{"id": "DE", "signal": "average", "gramsPerKwh": [300.0, 200.0, 100.0, 250.0]}],
        "hubs": [{"id": "berlin", "zone": "DE", "pue": 1.2, "capacityUnits": 8, "pricePerKwh": 0.2}],
        "tenants": [{"id": "lab"}],
        "jobs": [{"id": "train-1", "tenant": "lab", "durationSlots": 2, "powerKw": 10.0,
                  "release": "2021-03-01T00:00:00Z", "deadline": "2021-03-01T04:00:00Z"}]
      }
      """;

  /** A valid schedule in the format's example shape. */
  static final String SCHEDULE = """
      {
        "version": 1,
        "solver": "greedy",
        "assignments": [{"job": "train-1", "hub": "lyon-dc", "slots": [30, 31, 32, 33, 34, 35]}],
        "unscheduled": [{"job": "render-9", "reason": "no allowed hub has 16 free units before the deadline"}]
      }
      """;

  private TestDocs() {}

  /**
   * A problem that uses every feature of the format: 30-minute slots, a forecast, per-slot and
   * scalar series, renewables, an uncapped hub, tenants with every field, jobs with and without
   * optional fields, an unaligned window.
   */
  static Problem richProblem() {
    Instant start = Instant.parse("2021-03-01T00:00:00Z");
    return Problem.builder()
        .horizon(Horizon.of(start, 30, 6))
        .carbonPricePerTonne(80.0)
        .transferKwhPerGb(0.03)
        .zone(ZoneIntensity.withForecast("DE",
            SlotSeries.of(380.1, 371.0, 365.5, 402.25, 410.0, 399.9),
            SlotSeries.of(375.0, 370.0, 360.0, 400.0, 415.5, 390.0)))
        .zone(ZoneIntensity.of("FR", SlotSeries.of(56.7, 55.1, 54.0, 58.3, 60.2, 0.1 + 0.2)))
        .hub(Hub.builder("berlin-campus", "DE").pue(1.2)
            .capacityUnits(SlotSeries.of(64, 64, 32, 32, 64, 64))
            .powerCapKw(400.0)
            .renewableKw(SlotSeries.of(0.0, 0.0, 12.5, 30.0, 22.25, 0.0))
            .pricePerKwh(0.21)
            .build())
        .hub(Hub.builder("lyon-dc", "FR").pue(1.1)
            .capacityUnits(16)
            .pricePerKwh(SlotSeries.of(0.17, 0.17, 0.15, 0.15, 0.19, 0.19))
            .build())
        .tenant(new Tenant("students", "newcomer", 0.15, 0.5, 1.0))
        .tenant(new Tenant("lab", "research", 0.25, 1.0, 2.5).withFairnessWindowSlots(4))
        .job(Job.builder("train-1", "students").durationSlots(3).powerKw(12.5).units(8)
            .window(Instant.parse("2021-03-01T00:30:00Z"), Instant.parse("2021-03-01T03:00:00Z"))
            .allowedHubs("berlin-campus", "lyon-dc").originHub("berlin-campus").dataGb(200.0).priority(2)
            .build())
        .job(Job.builder("render-9", "lab").durationSlots(2).powerKw(4.0)
            .window(start, Instant.parse("2021-03-01T03:00:00Z")).build())
        .job(new Job("batch-3", "lab", 2, 0.75, 2, Instant.parse("2021-03-01T00:10:00Z"),
            Instant.parse("2021-03-01T02:50:00Z"), true, List.of(), Optional.of("lyon-dc"), 0.5, 3))
        .build();
  }

  /** {@code json} changed by {@code edit} on its tree. */
  static String edit(String json, Consumer<ObjectNode> edit) {
    try {
      ObjectNode tree = (ObjectNode) MAPPER.readTree(json);
      edit.accept(tree);
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Object {@code index} of array {@code field} of {@code tree}. */
  static ObjectNode item(ObjectNode tree, String field, int index) {
    return (ObjectNode) tree.get(field).get(index);
  }

  /** The exception {@code call} throws, which must be an {@link InvalidProblemException}. */
  static InvalidProblemException invalid(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(InvalidProblemException.class);
    return (InvalidProblemException) thrown;
  }

  /** What {@code read} returns, or the list of errors it throws (any other exception fails the test). */
  static Object outcome(Supplier<?> read) {
    try {
      return read.get();
    } catch (InvalidProblemException e) {
      return e.errors();
    }
  }

  static String resource(String name) {
    try (InputStream in = TestDocs.class.getResourceAsStream(name)) {
      assertThat(in).as("resource " + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
