package dev.fairshift.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.fairshift.core.FairshiftException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON text in and out: parses a document into a tree, turning syntax errors into
 * {@link dev.fairshift.core.InvalidProblemException}s with line and column, and lays a tree out as
 * stable, readable text. Stateless and thread-safe.
 */
final class JsonText {
  /** The mapper used when the caller gives none; configured once, then only read (thread-safe). */
  static final ObjectMapper DEFAULT_MAPPER = JsonMapper.builder().build();

  private static final Pattern START_MARKER =
      Pattern.compile("\\s*\\(start marker at \\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]\\)");
  private static final Pattern SOURCE = Pattern.compile("\\s*(at )?\\[Source: [^\\]]*\\]");

  private JsonText() {}

  /** A source of JSON text for a mapper: a reader or a stream. */
  @FunctionalInterface
  interface ParserFactory {
    JsonParser create(ObjectMapper mapper) throws IOException;
  }

  static JsonNode parse(ObjectMapper mapper, Reader reader, String what) {
    return parse(mapper, m -> m.createParser(reader), what);
  }

  static JsonNode parse(ObjectMapper mapper, InputStream in, String what) {
    return parse(mapper, m -> m.createParser(in), what);
  }

  /** Parses a file; Jackson detects its encoding (UTF-8, UTF-16 or UTF-32). */
  static JsonNode parse(ObjectMapper mapper, Path file, String what) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(mapper, in, what);
    } catch (IOException e) {
      throw cannotRead(what, e);
    }
  }

  /** Writes {@code text} to {@code file} as UTF-8, replacing it if it exists. */
  static void writeFile(String text, Path file, String what) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new FairshiftException("Cannot write the " + lowerFirst(what) + " " + file + ": " + describe(e)
          + ". Maybe check that its directory exists and is writable.", e);
    }
  }

  /** Writes {@code text} to {@code writer}, which stays open. */
  static void write(String text, Writer writer, String what) {
    try {
      writer.write(text);
      writer.flush();
    } catch (IOException e) {
      throw new FairshiftException("Cannot write the " + lowerFirst(what) + ": " + describe(e) + ".", e);
    }
  }

  /**
   * Parses one JSON document. Duplicate field names, trailing content and an empty document are
   * errors; every syntax error names its line and column.
   *
   * @throws dev.fairshift.core.InvalidProblemException for malformed JSON
   * @throws FairshiftException when the text cannot be read at all (wrapping the IOException)
   */
  static JsonNode parse(ObjectMapper mapper, ParserFactory factory, String what) {
    Errors errors = new Errors();
    JsonParser parser;
    try {
      parser = factory.create(mapper);
    } catch (IOException e) {
      throw cannotRead(what, e);
    }
    // The caller owns the reader or stream it gave; read(Path) closes its own stream.
    parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    try (parser) {
      JsonNode tree = mapper.readTree(parser);
      if (tree == null || tree.isMissingNode()) {
        errors.add("$", "the document is empty; expected a JSON object starting with '{'.");
      } else if (parser.nextToken() != null) {
        JsonLocation at = parser.currentTokenLocation();
        errors.add("$", "unexpected content after the end of the document at line " + at.getLineNr()
            + ", column " + at.getColumnNr() + ". Maybe remove it, or look for a '}' that closes the "
            + "document too early.");
      } else {
        return tree;
      }
    } catch (StreamConstraintsException e) {
      errors.add(shorten(containerPath(parser.getParsingContext())), constraintMessage(e));
    } catch (JsonProcessingException e) {
      errors.add(shorten(containerPath(parser.getParsingContext())), syntaxMessage(e));
    } catch (CharConversionException e) {
      // Jackson's encoding detection found UTF-16 or UTF-32 and then an impossible character.
      errors.add("$", "the text is not valid UTF-8, UTF-16 or UTF-32 (" + e.getMessage() + "). Maybe save the "
          + "file as UTF-8.");
    } catch (IOException e) {
      throw cannotRead(what, e);
    }
    errors.throwIfAny(what);
    throw new IllegalStateException("A document with no errors was not returned");
  }

  private static final Pattern CONSTRAINT =
      Pattern.compile("(Number value length|String value length|Document nesting depth|Name length) \\((\\d+)\\) "
          + "exceeds the maximum allowed \\((\\d+)");

  /**
   * Jackson's read limits (StreamReadConstraints) in the format's terms, without its class names: a
   * number, a string or a field name too long, or a document nested too deep.
   */
  private static String constraintMessage(StreamConstraintsException e) {
    Matcher m = CONSTRAINT.matcher(String.valueOf(e.getOriginalMessage()));
    if (!m.find()) {
      return "the document exceeds a read limit (numbers of 1000 characters, strings of 20 million, 1000 levels "
          + "of nesting). Maybe the file is not a Fairshift problem or schedule.";
    }
    String n = m.group(2);
    String max = m.group(3);
    return switch (m.group(1)) {
      case "Number value length" -> "a number of " + n + " characters; at most " + max + " are read. Maybe "
          + "digits were repeated by mistake.";
      case "String value length" -> "a string of " + n + " characters; at most " + max + " are read. Maybe a "
          + "closing quote is missing.";
      case "Name length" -> "a field name of " + n + " characters; at most " + max + " are read.";
      default -> "the document is nested " + n + " levels deep; at most " + max + " are read. Maybe brackets are "
          + "unbalanced.";
    };
  }

  /** A path of at most 12 segments, e.g. for a syntax error 1000 arrays deep. */
  static String shorten(String path) {
    int segments = 0;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '[' || c == '.') {
        segments++;
        if (segments > 12) {
          return path.substring(0, i) + "...";
        }
      }
    }
    return path;
  }

  private static FairshiftException cannotRead(String what, IOException e) {
    return new FairshiftException("Cannot read the " + lowerFirst(what) + ": " + describe(e)
        + ". Maybe check that it exists and is readable.", e);
  }

  /** "Problem file x/Y.json" as "problem file x/Y.json", leaving the file name as it is. */
  private static String lowerFirst(String what) {
    return what.substring(0, 1).toLowerCase(Locale.ROOT) + what.substring(1);
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }

  private static String syntaxMessage(JsonProcessingException e) {
    String detail = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    Matcher marker = START_MARKER.matcher(detail);
    detail = marker.replaceAll(" (opened at line $1, column $2)");
    detail = SOURCE.matcher(detail).replaceAll("");
    detail = detail.replace('\n', ' ').trim();
    JsonLocation at = e.getLocation();
    String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    String hint;
    if (e instanceof JsonEOFException || detail.contains("end-of-input")) {
      hint = "Maybe the file is truncated: check that every '{' and '[' is closed.";
    } else if (detail.startsWith("Duplicate field")) {
      hint = "Each field may appear once in an object; remove one of them.";
    } else {
      hint = "Maybe a comma, quote or bracket is missing or extra near there.";
    }
    return "malformed JSON" + where + ": " + detail + (detail.endsWith(".") ? " " : ". ") + hint;
  }

  /**
   * The path of the object or array the parser was reading, e.g. {@code jobs[2]}: a syntax error
   * lies inside it (the field the parser last saw may be fine; the error can follow it).
   */
  static String containerPath(JsonStreamContext context) {
    return context == null ? "$" : path(context.getParent());
  }

  /** The path of a parsing context's current value in the format's terms, e.g. {@code jobs[2].release}. */
  static String path(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.inObject() && c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName());
      }
    }
    String path = String.join("", parts);
    return path.isEmpty() ? "$" : path.startsWith(".") ? path.substring(1) : path;
  }

  /**
   * Lays out a tree as text: objects one field per line indented by two spaces, arrays of plain
   * values on one line, field order as in the tree, a final newline. Leaves are written by Jackson,
   * so strings are escaped and doubles use their shortest exact form.
   */
  static String layout(JsonNode tree) {
    StringBuilder out = new StringBuilder();
    layout(tree, 0, out);
    return out.append('\n').toString();
  }

  private static void layout(JsonNode node, int depth, StringBuilder out) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        indent(depth + 1, out).append(TextNode.valueOf(field.getKey())).append(": ");
        layout(field.getValue(), depth + 1, out);
        out.append(fields.hasNext() ? ",\n" : "\n");
      }
      indent(depth, out).append('}');
    } else if (node.isArray()) {
      boolean flat = true;
      for (JsonNode element : node) {
        flat &= element.isValueNode();
      }
      if (flat) {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          out.append(i == 0 ? "" : ", ").append(node.get(i));
        }
        out.append(']');
        return;
      }
      out.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        indent(depth + 1, out);
        layout(node.get(i), depth + 1, out);
        out.append(i + 1 < node.size() ? ",\n" : "\n");
      }
      indent(depth, out).append(']');
    } else {
      out.append(node);
    }
  }

  private static StringBuilder indent(int depth, StringBuilder out) {
    for (int i = 0; i < depth; i++) {
      out.append("  ");
    }
    return out;
  }
}
