package dev.fairshift.core.json;

import static dev.fairshift.core.json.TestDocs.SCHEDULE;
import static dev.fairshift.core.json.TestDocs.edit;
import static dev.fairshift.core.json.TestDocs.invalid;
import static dev.fairshift.core.json.TestDocs.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairshift.core.Assignment;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.ProblemError;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Unscheduled;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleJsonTest {

  private static Schedule sample() {
    return new Schedule("optaplanner",
        List.of(Assignment.contiguous("train-1", "lyon-dc", 30, 3),
            new Assignment("batch-3", "berlin-campus", List.of(2, 5, 9)),
            new Assignment("render-\"quoted\"", "h\u00fcb-\u00e9", List.of(0))),
        List.of(new Unscheduled("render-9", "no allowed hub has 16 free units before the deadline")));
  }

  @Test
  void read_formatExample_givesItsValues() {
    Schedule schedule = ScheduleJson.read(SCHEDULE);

    assertThat(schedule).isEqualTo(new Schedule("greedy",
        List.of(new Assignment("train-1", "lyon-dc", List.of(30, 31, 32, 33, 34, 35))),
        List.of(new Unscheduled("render-9", "no allowed hub has 16 free units before the deadline"))));
  }

  @Test
  void read_ofWrite_givesEqualSchedule() {
    assertThat(ScheduleJson.read(ScheduleJson.write(sample()))).isEqualTo(sample());
  }

  @Test
  void write_isTheDocumentedLayoutAndStable() {
    Schedule schedule = new Schedule("greedy", List.of(Assignment.contiguous("train-1", "lyon-dc", 30, 2)),
        List.of(new Unscheduled("render-9", "no capacity")));
    String expected = """
        {
          "version": 1,
          "solver": "greedy",
          "assignments": [
            {
              "job": "train-1",
              "hub": "lyon-dc",
              "slots": [30, 31]
            }
          ],
          "unscheduled": [
            {
              "job": "render-9",
              "reason": "no capacity"
            }
          ]
        }
        """;

    assertThat(ScheduleJson.write(schedule)).isEqualTo(expected);
    assertThat(ScheduleJson.write(ScheduleJson.read(expected))).isEqualTo(expected);
  }

  @Test
  void write_emptySchedule_keepsBothArrays() {
    String text = ScheduleJson.write(new Schedule("asap", List.of(), List.of()));

    assertThat(text).contains("\"assignments\": []", "\"unscheduled\": []");
    assertThat(ScheduleJson.read(text)).isEqualTo(new Schedule("asap", List.of(), List.of()));
  }

  @Test
  void read_slotsNotAscending_namesTheSlot() {
    String json = edit(SCHEDULE, doc -> item(doc, "assignments", 0).putArray("slots").add(3).add(5).add(4));

    ProblemError error = onlyError(json);

    assertThat(error.path()).isEqualTo("assignments[0].slots[2]");
    assertThat(error.message()).isEqualTo("slot 4 comes after slot 5; slots are listed in ascending order. Maybe sort them.");
  }

  @Test
  void read_repeatedSlot_isAnError() {
    String json = edit(SCHEDULE, doc -> item(doc, "assignments", 0).putArray("slots").add(3).add(3));

    ProblemError error = onlyError(json);

    assertThat(error.path()).isEqualTo("assignments[0].slots[1]");
    assertThat(error.message()).contains("slot 3 is listed twice");
  }

  @Test
  void read_negativeOrFractionalOrTextSlots_areErrors() {
    String json = edit(SCHEDULE, doc -> item(doc, "assignments", 0).putArray("slots").add(-1).add(2.5).add("7"));

    List<ProblemError> errors = invalid(() -> ScheduleJson.read(json)).errors();

    assertThat(errors).extracting(ProblemError::path).containsExactly(
        "assignments[0].slots[0]", "assignments[0].slots[1]", "assignments[0].slots[2]");
    assertThat(errors.get(0).message()).isEqualTo("expected a whole number >= 0 but found -1.");
    assertThat(errors.get(1).message()).isEqualTo("expected a whole number >= 0 but found 2.5.");
    assertThat(errors.get(2).message()).contains("\"7\"", "remove the quotes");
  }

  @Test
  void read_emptySlots_suggestsUnscheduled() {
    ProblemError error = onlyError(edit(SCHEDULE, doc -> item(doc, "assignments", 0).putArray("slots")));

    assertThat(error.path()).isEqualTo("assignments[0].slots");
    assertThat(error.message()).contains("slots is empty", "'unscheduled'");
  }

  @Test
  void read_slotsNotAnArray_isAnError() {
    ProblemError error = onlyError(edit(SCHEDULE, doc -> item(doc, "assignments", 0).put("slots", 30)));

    assertThat(error).isEqualTo(new ProblemError("assignments[0].slots",
        "expected an array of slot indices, ascending but found 30."));
  }

  @Test
  void read_jobListedTwice_namesBothPlaces() {
    String json = edit(SCHEDULE, doc -> item(doc, "unscheduled", 0).put("job", "train-1"));

    ProblemError error = onlyError(json);

    assertThat(error.path()).isEqualTo("unscheduled[0].job");
    assertThat(error.message()).contains("job 'train-1' appears twice (also assignments[0])");
  }

  @Test
  void read_unknownFieldAndMissingFields_areAllReported() {
    String json = edit(SCHEDULE, doc -> {
      doc.remove("solver");
      doc.put("version", 2);
      ObjectNode a = item(doc, "assignments", 0);
      a.set("slot", a.remove("slots"));
      item(doc, "unscheduled", 0).remove("reason");
    });

    InvalidProblemException e = invalid(() -> ScheduleJson.read(json));

    assertThat(e.errors()).extracting(ProblemError::path).containsExactly(
        "version", "solver", "assignments[0].slot", "assignments[0].slots", "unscheduled[0].reason");
    assertThat(e.errors().get(2).message()).endsWith("Maybe you meant 'slots'?");
    assertThat(e.errors().get(4).message()).isEqualTo("missing required field 'reason': a string.");
    assertThat(e.getMessage()).startsWith("Schedule file has 5 errors:");
  }

  @Test
  void read_malformed_givesLineAndColumn() {
    String json = "{\n  \"version\": 1,\n  \"solver\": \"greedy\",\n  \"assignments\": [\n    {\"job\": \"a\", \"hub\": \"b\", \"slots\": [1, 2}\n";

    ProblemError error = onlyError(json);

    // The '}' that should have been ']' is on line 5, column 44.
    assertThat(error.message()).startsWith("malformed JSON at line 5, column 44:");
    assertThat(error.path()).isEqualTo("assignments[0].slots");
  }

  @Test
  void read_anyTruncation_throwsOnlyInvalidProblemException() {
    String whole = ScheduleJson.write(sample());
    Random random = new Random(7);
    for (int round = 0; round < 100; round++) {
      String broken = whole.substring(0, random.nextInt(whole.length()));
      assertThat(invalid(() -> ScheduleJson.read(broken)).errors()).isNotEmpty();
    }
  }

  @Test
  void writeAndReadPath_roundTrip(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("schedule.json");

    ScheduleJson.write(sample(), file);

    assertThat(ScheduleJson.read(file)).isEqualTo(sample());
  }

  @Test
  void treeApiAndCallersMapper_roundTrip() {
    assertThat(ScheduleJson.fromTree(ScheduleJson.toTree(sample()))).isEqualTo(sample());
    String compact = ScheduleJson.write(sample(), TestDocs.MAPPER);
    assertThat(compact).doesNotContain("\n");
    assertThat(ScheduleJson.read(compact, TestDocs.MAPPER)).isEqualTo(sample());
  }

  private static ProblemError onlyError(String json) {
    List<ProblemError> errors = invalid(() -> ScheduleJson.read(json)).errors();
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }
}
