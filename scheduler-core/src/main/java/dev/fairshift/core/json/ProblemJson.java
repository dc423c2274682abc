package dev.fairshift.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairshift.core.FairshiftException;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.Problem;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads and writes a {@link Problem} in the Fairshift JSON format, version 1 (see the README section
 * "JSON format" and the JSON Schema {@code dev/fairshift/core/json/problem.schema.json} on the
 * classpath).
 *
 * <p>Reading is strict: unknown fields, values of the wrong type, a missing required field or a
 * {@code version} other than 1 are errors naming their JSON path (e.g. {@code jobs[2].deadline}).
 * Every error of the document is collected and thrown together in one
 * {@link InvalidProblemException}; malformed JSON is reported with its line and column. A document
 * that is well formed is then built through {@link Problem#builder()}, so the domain rules run too
 * and their {@link InvalidProblemException} (with paths in the same terms) propagates.
 *
 * <p>Reading and writing stream: the reader takes the document job by job from a Jackson
 * {@link com.fasterxml.jackson.core.JsonParser} (members in any order, e.g. {@code jobs} before
 * {@code hubs}; errors listed in the format's order whatever the document's), and the writers
 * emit it through a {@link com.fasterxml.jackson.core.JsonGenerator}, so neither holds a tree of
 * the whole document: memory is the problem plus a constant (plus the text itself for the
 * overloads taking or returning a {@code String}).
 *
 * <p>Writing is stable: fields in the order of the format, two-space indentation, series written
 * as a number when they are the same in every slot, doubles in their shortest exact form. For any
 * problem {@code p}, {@code read(write(p)).equals(p)}, and {@code write(read(text))} is a fixed
 * point: writing what was read gives the same text again.
 *
 * <pre>{@code
 * Problem problem = ProblemJson.read(Path.of("problem.json"));
 * Schedule schedule = scheduler.schedule(problem);
 * ScheduleJson.write(schedule, Path.of("schedule.json"));
 * }</pre>
 *
 * <p>Stateless and thread-safe. The overloads taking an {@link ObjectMapper} use the caller's
 * mapper (its parser and generator settings); the others use a private default mapper.
 */
public final class ProblemJson {
  /** The {@code what} of the exceptions thrown for a malformed document. */
  static final String WHAT = "Problem file";

  private ProblemJson() {}

  /**
   * Reads a problem from JSON text.
   *
   * @throws InvalidProblemException listing every error of the document, or every rule the problem
   *     breaks
   */
  public static Problem read(String json) {
    return read(json, JsonText.DEFAULT_MAPPER);
  }

  /** Reads a problem from JSON text with the caller's mapper. See {@link #read(String)}. */
  public static Problem read(String json, ObjectMapper mapper) {
    Objects.requireNonNull(json, "json");
    return read(new StringReader(json), mapper);
  }

  /**
   * Reads a problem from a reader, which is left open.
   *
   * @throws InvalidProblemException listing every error of the document, or every rule the problem
   *     breaks
   * @throws FairshiftException if the reader fails, wrapping its {@link java.io.IOException}
   */
  public static Problem read(Reader reader) {
    return read(reader, JsonText.DEFAULT_MAPPER);
  }

  /** Reads a problem from a reader with the caller's mapper. See {@link #read(Reader)}. */
  public static Problem read(Reader reader, ObjectMapper mapper) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(mapper, "mapper");
    return JsonText.read(mapper, JsonText.from(reader), WHAT, (p, values) -> ProblemMapping.read(p, values, WHAT)).get();
  }

  /**
   * Reads a problem from a file in UTF-8 (UTF-16 and UTF-32 are detected too).
   *
   * @throws InvalidProblemException listing every error of the document (named after the file), or
   *     every rule the problem breaks
   * @throws FairshiftException if the file cannot be read, wrapping its {@link java.io.IOException}
   */
  public static Problem read(Path file) {
    Objects.requireNonNull(file, "file");
    String what = WHAT + " " + file;
    return JsonText.read(JsonText.DEFAULT_MAPPER, file, what, (p, values) -> ProblemMapping.read(p, values, what)).get();
  }

  /**
   * Reads a problem from a tree already parsed, e.g. by a web framework. Errors have paths but no
   * line numbers.
   *
   * @throws InvalidProblemException listing every error of the document, or every rule the problem
   *     breaks
   */
  public static Problem fromTree(JsonNode tree) {
    Objects.requireNonNull(tree, "tree");
    return JsonText.read(JsonText.DEFAULT_MAPPER, JsonText.from(tree), WHAT,
        (p, values) -> ProblemMapping.read(p, values, WHAT)).get();
  }

  /**
   * The problem as a JSON tree, fields in the order of the format; a new tree on every call. For
   * a web framework's response; files and writers are better served by {@link #write(Problem, Path)}
   * and {@link #write(Problem, Writer)}, which stream.
   */
  public static ObjectNode toTree(Problem problem) {
    Objects.requireNonNull(problem, "problem");
    return JsonText.tree((g, layout) -> ProblemMapping.write(problem, g, layout));
  }

  /** The problem as JSON text: stable, two-space indented, ending with a newline. */
  public static String write(Problem problem) {
    Objects.requireNonNull(problem, "problem");
    return JsonText.text((g, layout) -> ProblemMapping.write(problem, g, layout));
  }

  /**
   * The problem as JSON text written by the caller's mapper, with its settings (e.g. compact unless
   * it indents output). Field order is the format's.
   *
   * @throws FairshiftException if the mapper fails
   */
  public static String write(Problem problem, ObjectMapper mapper) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(mapper, "mapper");
    return JsonText.write((g, layout) -> ProblemMapping.write(problem, g, layout), mapper, "problem");
  }

  /**
   * Writes {@link #write(Problem)}'s text to a writer, which is flushed and left open.
   *
   * @throws FairshiftException if the writer fails, wrapping its {@link java.io.IOException}
   */
  public static void write(Problem problem, Writer writer) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(writer, "writer");
    JsonText.write((g, layout) -> ProblemMapping.write(problem, g, layout), writer, WHAT);
  }

  /**
   * Writes {@link #write(Problem)}'s text to a file in UTF-8, replacing it if it exists.
   *
   * @throws FairshiftException if the file cannot be written, wrapping its {@link java.io.IOException}
   */
  public static void write(Problem problem, Path file) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(file, "file");
    JsonText.writeFile((g, layout) -> ProblemMapping.write(problem, g, layout), file, WHAT);
  }
}
