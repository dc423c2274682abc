package dev.fairshift.service.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.ProblemError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Request bodies: strict UTF-8, and the {@code {"problem": ..., "schedule": ...}} envelope of
 * {@code /v1/evaluate} parsed as strictly as the documents inside it (duplicate keys, unknown fields,
 * trailing content are errors) with messages of our own, never the parser's text. Stateless.
 */
final class Envelope {
  static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private Envelope() {}

  /** The body as text; 400 when it is not UTF-8. */
  static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new ApiError(400, "The body is not UTF-8 text. Maybe send the JSON encoded as UTF-8 with "
          + "Content-Type: application/json.");
    }
  }

  /** A JSON object with exactly {@code fields}, each present; 400 listing every problem otherwise. */
  static JsonNode object(String text, List<String> fields) {
    JsonNode tree;
    try (JsonParser parser = MAPPER.createParser(text)) {
      try {
        tree = MAPPER.readTree(parser);
        if (tree != null && parser.nextToken() != null) {
          JsonLocation at = parser.currentTokenLocation();
          throw new ApiError(400, "$", "malformed JSON: unexpected content after the end of the document at line "
              + at.getLineNr() + ", column " + at.getColumnNr() + ". Maybe remove it.");
        }
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        boolean duplicate = String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field");
        String path = path(parser.getParsingContext(), duplicate);
        throw new ApiError(400, path, duplicate
            ? "a field appears twice in one object" + where + ". Each field may appear once; remove one of them."
            : "malformed JSON" + where + ". Maybe a comma, quote or bracket is missing or extra near there, or the "
                + "body is cut short.");
      }
    } catch (IOException e) {
      throw new ApiError(400, "The body cannot be read as JSON. Maybe check that it is a JSON object.");
    }
    if (tree == null || tree.isMissingNode()) {
      throw new ApiError(400, "The body is empty; expected {" + quoted(fields) + "}.");
    }
    if (!tree.isObject()) {
      throw new ApiError(400, "The body must be a JSON object {" + quoted(fields) + "}, not a "
          + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ".");
    }
    List<ProblemError> errors = new ArrayList<>();
    for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        errors.add(new ProblemError(Text.safe(name), "unknown field '" + Text.safe(name) + "'. The body has only "
            + quoted(fields) + "."));
      }
    }
    for (String field : fields) {
      if (!tree.has(field)) {
        errors.add(new ProblemError(field, "missing. The body must be {" + quoted(fields) + "}."));
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiError(400, errors);
    }
    return tree;
  }

  /** Reads a part of an envelope, its error paths prefixed with the part's name. */
  static <T> T part(String prefix, Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidProblemException e) {
      throw new ApiError(400, e.errors().stream()
          .map(err -> new ProblemError(prefix + (err.path().equals("$") ? "" : "." + err.path()), err.message()))
          .toList());
    }
  }

  private static String quoted(List<String> fields) {
    return String.join(", ", fields.stream().map(f -> "\"" + f + "\": {...}").toList());
  }

  private static String path(JsonStreamContext context, boolean fieldLevel) {
    Deque<String> parts = new ArrayDeque<>();
    JsonStreamContext c = fieldLevel ? context : context == null ? null : context.getParent();
    for (; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.inObject() && c.getCurrentName() != null) {
        parts.push("." + Text.safe(c.getCurrentName()));
      }
    }
    String p = String.join("", parts);
    return p.isEmpty() ? "$" : p.startsWith(".") ? p.substring(1) : p;
  }

}
