package dev.fairshift.signals.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads fields of a provider's JSON answer, failing with a {@link
 * dev.fairshift.signals.MalformedResponseException} that names the JSON path and what was found.
 */
final class Json {
  /** .NET {@code TimeSpan} text: {@code [d.]hh:mm:ss[.fffffff]}. */
  private static final Pattern TIME_SPAN =
      Pattern.compile("(?:(\\d{1,8})\\.)?(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,7}))?");

  private Json() {
  }

  /** The non-null field {@code name} of {@code parent}. */
  static JsonNode required(JsonNode parent, String name, String path, Query query) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      throw query.malformed("field '" + path + name + "' is missing" + (node == null ? "" : " (null)")
          + ". Maybe the provider changed its API, or the base URL points at another service.");
    }
    return node;
  }

  /** The array field {@code name} of {@code parent}. */
  static JsonNode array(JsonNode parent, String name, String path, Query query) {
    return typed(parent, name, path, query, JsonNode::isArray, "an array");
  }

  /** The object field {@code name} of {@code parent}. */
  static JsonNode object(JsonNode parent, String name, String path, Query query) {
    return typed(parent, name, path, query, JsonNode::isObject, "an object");
  }

  /** The text field {@code name} of {@code parent}. */
  static String text(JsonNode parent, String name, String path, Query query) {
    return typed(parent, name, path, query, JsonNode::isTextual, "text").textValue();
  }

  /** The non-null field {@code name} of {@code parent}, which must be {@code expected} ({@code is}). */
  private static JsonNode typed(JsonNode parent, String name, String path, Query query, Predicate<JsonNode> is,
      String expected) {
    JsonNode node = required(parent, name, path, query);
    if (!is.test(node)) {
      throw query.malformed("field '" + path + name + "' should be " + expected + " but is " + kind(node, query)
          + ". Maybe the provider changed its API.");
    }
    return node;
  }

  /** The optional text field {@code name}, or {@code null} when absent or null. */
  static String optionalText(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    return node == null || node.isNull() ? null : node.asText();
  }

  /** The instant in text field {@code name} of {@code parent}. */
  static Instant instant(JsonNode parent, String name, String path, Query query) {
    String text = text(parent, name, path, query);
    try {
      return parseInstant(text);
    } catch (DateTimeException e) {
      // No cause: the parser quotes the text, which the message already shows clipped and cleaned.
      throw query.malformed("field '" + path + name + "' is '" + query.quote(text, 60) + "', not an ISO-8601 "
          + "date-time. Maybe the provider changed its API.");
    }
  }

  /**
   * The number in field {@code name} of {@code parent}: empty when absent or null (a gap), NaN
   * when the mapper allowed a NaN token.
   */
  static OptionalDouble number(JsonNode parent, String name, String path, Query query) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return OptionalDouble.empty();
    }
    if (!node.isNumber()) {
      throw query.malformed("field '" + path + name + "' is " + kind(node, query) + ", not a number. "
          + "Maybe the provider changed its API.");
    }
    return OptionalDouble.of(node.doubleValue());
  }

  /**
   * Parses an ISO-8601 date-time with an offset ({@code 2018-01-20T12:00Z},
   * {@code 2022-07-15T00:05:00+00:00}, up to nanoseconds); one without offset is read as UTC.
   */
  static Instant parseInstant(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
    }
  }

  /**
   * Parses a duration written as a .NET {@code TimeSpan} ({@code 00:05:00}, {@code 1.00:00:00})
   * or ISO-8601 ({@code PT5M}).
   */
  static Duration parseDuration(String text) {
    Matcher m = TIME_SPAN.matcher(text.trim());
    if (m.matches()) {
      Duration d = Duration.ofDays(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
          .plusHours(Long.parseLong(m.group(2)))
          .plusMinutes(Long.parseLong(m.group(3)))
          .plusSeconds(Long.parseLong(m.group(4)));
      if (m.group(5) != null) {
        String fraction = (m.group(5) + "000000000").substring(0, 9);
        d = d.plusNanos(Long.parseLong(fraction));
      }
      return d;
    }
    return Duration.parse(text.trim());
  }

  private static String kind(JsonNode node, Query query) {
    if (node.isTextual()) {
      return "the text '" + query.quote(node.textValue(), 40) + "'";
    }
    return node.getNodeType().name().toLowerCase(Locale.ROOT)
        + (node.isValueNode() ? " " + query.quote(node.asText(), 40) : "");
  }
}
