package dev.fairshift.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairshift.core.FairshiftException;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.Schedule;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads and writes a {@link Schedule} in the Fairshift JSON format, version 1 (JSON Schema
 * {@code dev/fairshift/core/json/schedule.schema.json} on the classpath):
 *
 * <pre>{@code
 * {"version": 1, "solver": "greedy",
 *  "assignments": [{"job": "train-1", "hub": "lyon-dc", "slots": [30, 31, 32]}],
 *  "unscheduled": [{"job": "render-9", "reason": "no allowed hub has 16 free units"}]}
 * }</pre>
 *
 * <p>Reading checks the document's own structure and collects every error with its JSON path:
 * unknown or missing fields, wrong types, slot indices that are negative, not ascending or repeated,
 * a job listed twice; malformed JSON is reported with its line and column. Whether the schedule fits
 * a problem (hubs exist, windows and capacity hold) is the Evaluator's job. Writing is stable, like
 * {@link ProblemJson#write(dev.fairshift.core.Problem)}.
 *
 * <p>Reading and writing stream, like {@link ProblemJson}: the reader takes the document assignment
 * by assignment from a Jackson {@link com.fasterxml.jackson.core.JsonParser} (members in any order;
 * errors listed in the format's order whatever the document's) and the writers emit it through a
 * {@link com.fasterxml.jackson.core.JsonGenerator}, so neither holds a tree of the whole document:
 * memory is the schedule plus a constant (plus the text itself for the overloads taking or returning
 * a {@code String}). Equal hub ids, reasons and slot lists read are shared, not copied per job.
 *
 * <p>Stateless and thread-safe. The overloads taking an {@link ObjectMapper} use the caller's
 * mapper; the others use a private default mapper.
 */
public final class ScheduleJson {
  /** The {@code what} of the exceptions thrown for a malformed document. */
  static final String WHAT = "Schedule file";

  private ScheduleJson() {}

  /**
   * Reads a schedule from JSON text.
   *
   * @throws InvalidProblemException listing every error of the document
   */
  public static Schedule read(String json) {
    return read(json, JsonText.DEFAULT_MAPPER);
  }

  /** Reads a schedule from JSON text with the caller's mapper. See {@link #read(String)}. */
  public static Schedule read(String json, ObjectMapper mapper) {
    Objects.requireNonNull(json, "json");
    return read(new StringReader(json), mapper);
  }

  /**
   * Reads a schedule from a reader, which is left open.
   *
   * @throws InvalidProblemException listing every error of the document
   * @throws FairshiftException if the reader fails, wrapping its {@link java.io.IOException}
   */
  public static Schedule read(Reader reader) {
    return read(reader, JsonText.DEFAULT_MAPPER);
  }

  /** Reads a schedule from a reader with the caller's mapper. See {@link #read(Reader)}. */
  public static Schedule read(Reader reader, ObjectMapper mapper) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(mapper, "mapper");
    return JsonText.read(mapper, JsonText.from(reader), WHAT, (p, values) -> ScheduleMapping.read(p, values, WHAT)).get();
  }

  /**
   * Reads a schedule from a file in UTF-8 (UTF-16 and UTF-32 are detected too).
   *
   * @throws InvalidProblemException listing every error of the document (named after the file)
   * @throws FairshiftException if the file cannot be read, wrapping its {@link java.io.IOException}
   */
  public static Schedule read(Path file) {
    Objects.requireNonNull(file, "file");
    String what = WHAT + " " + file;
    return JsonText.read(JsonText.DEFAULT_MAPPER, file, what, (p, values) -> ScheduleMapping.read(p, values, what)).get();
  }

  /**
   * Reads a schedule from a tree already parsed, e.g. by a web framework. Errors have paths but no
   * line numbers.
   *
   * @throws InvalidProblemException listing every error of the document
   */
  public static Schedule fromTree(JsonNode tree) {
    Objects.requireNonNull(tree, "tree");
    return JsonText.read(JsonText.DEFAULT_MAPPER, JsonText.from(tree), WHAT,
        (p, values) -> ScheduleMapping.read(p, values, WHAT)).get();
  }

  /** The schedule as a JSON tree, fields in the order of the format; a new tree on every call. */
  public static ObjectNode toTree(Schedule schedule) {
    Objects.requireNonNull(schedule, "schedule");
    return JsonText.tree((g, layout) -> ScheduleMapping.write(schedule, g, layout));
  }

  /** The schedule as JSON text: stable, two-space indented, ending with a newline. */
  public static String write(Schedule schedule) {
    Objects.requireNonNull(schedule, "schedule");
    return JsonText.text((g, layout) -> ScheduleMapping.write(schedule, g, layout));
  }

  /**
   * The schedule as JSON text written by the caller's mapper, with its settings.
   *
   * @throws FairshiftException if the mapper fails
   */
  public static String write(Schedule schedule, ObjectMapper mapper) {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(mapper, "mapper");
    return JsonText.write((g, layout) -> ScheduleMapping.write(schedule, g, layout), mapper, "schedule");
  }

  /**
   * Writes {@link #write(Schedule)}'s text to a writer, which is flushed and left open.
   *
   * @throws FairshiftException if the writer fails, wrapping its {@link java.io.IOException}
   */
  public static void write(Schedule schedule, Writer writer) {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(writer, "writer");
    JsonText.write((g, layout) -> ScheduleMapping.write(schedule, g, layout), writer, WHAT);
  }

  /**
   * Writes {@link #write(Schedule)}'s text to a file in UTF-8, replacing it if it exists.
   *
   * @throws FairshiftException if the file cannot be written, wrapping its {@link java.io.IOException}
   */
  public static void write(Schedule schedule, Path file) {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(file, "file");
    JsonText.writeFile((g, layout) -> ScheduleMapping.write(schedule, g, layout), file, WHAT);
  }
}
