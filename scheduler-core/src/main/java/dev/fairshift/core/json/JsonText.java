package dev.fairshift.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.fairshift.core.FairshiftException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON text in and out, streaming: reads a document token by token, turning syntax errors into
 * {@link dev.fairshift.core.InvalidProblemException}s with line and column, and writes one through a
 * generator as stable, readable text ({@link Layout}) without building a tree of it. Stateless and
 * thread-safe.
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

  /**
   * Reads the document's root value with {@code body}, the parser on its first token; the body
   * consumes exactly that value. Syntax errors (with line and column), read limits, trailing
   * content and an empty document are reported instead of whatever the body recorded: the body's
   * errors are its own business, in what it returns.
   *
   * @throws dev.fairshift.core.InvalidProblemException for malformed JSON
   * @throws FairshiftException when the text cannot be read at all (wrapping the IOException)
   */
  static <T> T read(ObjectMapper mapper, ParserFactory factory, String what, Body<T> body) {
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
      JsonToken first = parser.nextToken();
      // NOT_AVAILABLE: a tree that is a MissingNode, as empty as a document of whitespace.
      if (first == null || first == JsonToken.NOT_AVAILABLE) {
        errors.add("$", "the document is empty; expected a JSON object starting with '{'.");
      } else {
        T result = body.read(parser, values(mapper));
        if (parser.nextToken() != null) {
          JsonLocation at = parser.currentTokenLocation();
          errors.add("$", "unexpected content after the end of the document at line " + at.getLineNr()
              + ", column " + at.getColumnNr() + ". Maybe remove it, or look for a '}' that closes the "
              + "document too early.");
        } else {
          return result;
        }
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

  /** Reads the root value of a document from a parser on its first token. */
  @FunctionalInterface
  interface Body<T> {
    T read(JsonParser parser, ObjectReader values) throws IOException;
  }

  /**
   * The caller's mapper reading one value (e.g. one job) into a small tree, the parser left on the
   * value's last token: with {@code FAIL_ON_TRAILING_TOKENS} off, as the value is inside a document.
   */
  private static ObjectReader values(ObjectMapper mapper) {
    return mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** Reads a value into a tree, JSON null as a NullNode. */
  static JsonNode tree(ObjectReader values, JsonParser parser) throws IOException {
    JsonNode node = values.readTree(parser);
    return node == null ? NullNode.getInstance() : node;
  }

  /** Parses a whole document into one tree (for small documents, e.g. schedules in tests). */
  static JsonNode parse(ObjectMapper mapper, ParserFactory factory, String what) {
    return read(mapper, factory, what, (parser, values) -> tree(values, parser));
  }

  static ParserFactory from(Reader reader) {
    return m -> m.createParser(reader);
  }

  /** A tree already parsed, read back as tokens (no syntax errors; paths but no line numbers). */
  static ParserFactory from(JsonNode tree) {
    return m -> tree.traverse(m);
  }

  /**
   * Reads a file with {@code body}; Jackson detects its encoding (UTF-8, UTF-16 or UTF-32).
   *
   * @throws FairshiftException if the file cannot be opened or read
   */
  static <T> T read(ObjectMapper mapper, Path file, String what, Body<T> body) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(mapper, m -> m.createParser(in), what, body);
    } catch (IOException e) {
      throw cannotRead(what, e);
    }
  }

  /** Writes a document's tokens to a generator. */
  @FunctionalInterface
  interface Emitter {
    /**
     * Writes the document; {@code layout} (null when the caller's mapper decides the layout) is to
     * be told which arrays hold objects, one per line.
     */
    void write(JsonGenerator generator, Layout layout) throws IOException;
  }

  /** The document as stable text (see {@link Layout}), ending with a newline. */
  static String text(Emitter emitter) {
    StringWriter out = new StringWriter();
    try {
      write(emitter, out);
    } catch (IOException e) {
      throw new UncheckedIOException("A StringWriter failed", e);
    }
    return out.toString();
  }

  /** Writes the document as stable text to {@code out} as it goes, then flushes it (left open). */
  private static void write(Emitter emitter, Writer out) throws IOException {
    Layout layout = new Layout();
    try (JsonGenerator g = DEFAULT_MAPPER.getFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setPrettyPrinter(layout);
      emitter.write(g, layout);
    }
    out.write('\n');
    out.flush();
  }

  /** Writes the document as stable UTF-8 text to {@code file}, replacing it if it exists. */
  static void writeFile(Emitter emitter, Path file, String what) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(emitter, out);
    } catch (IOException e) {
      throw new FairshiftException("Cannot write the " + lowerFirst(what) + " " + file + ": " + describe(e)
          + ". Maybe check that its directory exists and is writable.", e);
    }
  }

  /** Writes the document as stable text to {@code writer}, which stays open. */
  static void write(Emitter emitter, Writer writer, String what) {
    try {
      write(emitter, writer);
    } catch (IOException e) {
      throw new FairshiftException("Cannot write the " + lowerFirst(what) + ": " + describe(e) + ".", e);
    }
  }

  /**
   * The document written by the caller's mapper, with its settings (e.g. compact unless it indents).
   *
   * @throws FairshiftException if the mapper fails
   */
  static String write(Emitter emitter, ObjectMapper mapper, String noun) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = mapper.createGenerator(out)) {
      emitter.write(g, null);
    } catch (IOException e) {
      throw new FairshiftException("Cannot write the " + noun + " with the given ObjectMapper: " + e.getMessage(), e);
    }
    return out.toString();
  }

  /** The document as a tree, numbers as the types written (int, long, double). */
  static ObjectNode tree(Emitter emitter) {
    try (TokenBuffer buffer = new TokenBuffer(DEFAULT_MAPPER, false)) {
      emitter.write(buffer, null);
      return (ObjectNode) DEFAULT_MAPPER.readTree(buffer.asParser());
    } catch (IOException e) {
      throw new UncheckedIOException("A token buffer failed", e);
    }
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
}
