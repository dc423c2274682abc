package dev.fairshift.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairshift.core.Printable;
import dev.fairshift.core.SignalKind;
import dev.fairshift.core.SlotSeries;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one JSON value is read as a Java value: what is expected (for messages) and the conversion,
 * which records an error naming the path and the bad value when the value does not fit.
 *
 * @param <T> the Java type read
 */
final class JsonType<T> {
  /** Reads a non-null JSON value at {@code path}; empty after recording an error. */
  @FunctionalInterface
  interface Conversion<T> {
    Optional<T> convert(JsonNode value, String path, Errors errors);
  }

  static final String INSTANT_EXAMPLE = "2021-03-01T00:00:00Z";

  static final JsonType<String> STRING = new JsonType<>("a string", (v, path, errors) -> {
    if (v.isTextual()) {
      return Optional.of(v.textValue());
    }
    errors.add(path, "expected a string but found " + describe(v) + "."
        + (v.isNumber() || v.isBoolean() ? " Maybe put it in quotes: \"" + v.asText() + "\"." : ""));
    return Optional.empty();
  });

  /** A string without control or invisible characters (see {@link Printable}). */
  static final JsonType<String> PRINTABLE_STRING = new JsonType<>("a string", (v, path, errors) -> {
    Optional<String> s = STRING.convert(v, path, errors);
    if (s.isPresent()) {
      int bad = Printable.firstUnsafe(s.get());
      if (bad >= 0) {
        errors.add(path, "the string " + describe(v) + " has the control or invisible character U+"
            + String.format("%04X", s.get().codePointAt(bad)) + " at position " + bad + ". Maybe remove it.");
        return Optional.empty();
      }
    }
    return s;
  });

  static final JsonType<Double> NUMBER = new JsonType<>("a number", JsonType::number);

  static final JsonType<Integer> WHOLE = wholeAtLeast(Integer.MIN_VALUE);

  static final JsonType<Boolean> BOOLEAN = new JsonType<>("true or false", (v, path, errors) -> {
    if (v.isBoolean()) {
      return Optional.of(v.booleanValue());
    }
    errors.add(path, "expected true or false but found " + describe(v) + "."
        + (v.isTextual() && (v.textValue().equals("true") || v.textValue().equals("false"))
            ? " Maybe remove the quotes: " + v.textValue() + "." : ""));
    return Optional.empty();
  });

  static final JsonType<Instant> INSTANT = new JsonType<>(
      "an ISO-8601 UTC instant like \"" + INSTANT_EXAMPLE + "\"", JsonType::instant);

  static final JsonType<SignalKind> SIGNAL = new JsonType<>("\"average\" or \"marginal\"",
      (v, path, errors) -> {
        if (v.isTextual()) {
          for (SignalKind kind : SignalKind.values()) {
            if (kind.jsonName().equals(v.textValue())) {
              return Optional.of(kind);
            }
          }
        }
        String hint = "";
        if (v.isTextual()) {
          for (SignalKind kind : SignalKind.values()) {
            if (kind.jsonName().equalsIgnoreCase(v.textValue().trim())) {
              hint = " Maybe \"" + kind.jsonName() + "\".";
            }
          }
        }
        errors.add(path, "expected \"average\" or \"marginal\" but found " + describe(v) + "." + hint);
        return Optional.empty();
      });

  /** A number for every slot, or an array with one number per slot. */
  static final JsonType<SlotSeries> SERIES = new JsonType<>(
      "a number (every slot) or an array with one number per slot", JsonType::series);

  /** An array of strings with at least one element. */
  static final JsonType<List<String>> NON_EMPTY_STRINGS = new JsonType<>(
      "a non-empty array of strings", (v, path, errors) -> {
        if (!v.isArray()) {
          errors.add(path, "expected an array of strings but found " + describe(v) + ".");
          return Optional.empty();
        }
        if (v.isEmpty()) {
          errors.add(path, fieldName(path) + " is empty; omit it to allow every hub.");
          return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < v.size(); i++) {
          Optional<String> s = STRING.convert(v.get(i), path + "[" + i + "]", errors);
          ok &= s.isPresent();
          s.ifPresent(out::add);
        }
        return ok ? Optional.of(List.copyOf(out)) : Optional.empty();
      });

  private final String expected;
  private final Conversion<T> conversion;

  private JsonType(String expected, Conversion<T> conversion) {
    this.expected = Objects.requireNonNull(expected, "expected");
    this.conversion = Objects.requireNonNull(conversion, "conversion");
  }

  /** A whole number that fits an {@code int} and is at least {@code min}. */
  static JsonType<Integer> wholeAtLeast(int min) {
    String expected = min == Integer.MIN_VALUE ? "a whole number" : "a whole number >= " + min;
    return new JsonType<>(expected, (v, path, errors) -> {
      if (v.isNumber()) {
        double d = v.asDouble();
        boolean whole = v.isIntegralNumber() || d == Math.rint(d);
        boolean fits = v.isIntegralNumber() ? v.canConvertToInt() : d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE;
        if (whole && fits && (int) d >= min) {
          return Optional.of(v.isIntegralNumber() ? v.intValue() : (int) d);
        }
        if (whole && !fits) {
          errors.add(path, "expected " + expected + " but found " + describe(v) + ", which is too large.");
          return Optional.empty();
        }
      }
      errors.add(path, "expected " + expected + " but found " + describe(v) + "." + unquoteHint(v));
      return Optional.empty();
    });
  }

  /** The same conversion, described differently in "missing field" messages. */
  JsonType<T> describedAs(String newExpected) {
    return new JsonType<>(newExpected, conversion);
  }

  /** What a value of this type looks like, for messages: "a number", "true or false", ... */
  String expected() {
    return expected;
  }

  Optional<T> convert(JsonNode value, String path, Errors errors) {
    return conversion.convert(value, path, errors);
  }

  private static Optional<Double> number(JsonNode v, String path, Errors errors) {
    if (v.isNumber()) {
      double d = v.asDouble();
      if (Double.isFinite(d)) {
        return Optional.of(d);
      }
      errors.add(path, "expected a number but found " + describe(v) + ", which is too large for a double.");
      return Optional.empty();
    }
    errors.add(path, "expected a number but found " + describe(v) + "." + unquoteHint(v));
    return Optional.empty();
  }

  private static Optional<Instant> instant(JsonNode v, String path, Errors errors) {
    if (v.isTextual()) {
      String text = v.textValue();
      try {
        return Optional.of(Instant.parse(text));
      } catch (DateTimeParseException e) {
        errors.add(path, "expected an ISO-8601 UTC instant like \"" + INSTANT_EXAMPLE + "\" but found "
            + describe(v) + "." + instantHint(text));
        return Optional.empty();
      }
    }
    errors.add(path, "expected an ISO-8601 UTC instant like \"" + INSTANT_EXAMPLE + "\" but found "
        + describe(v) + "." + (v.isNumber() ? " Epoch numbers are not accepted; write the instant as text." : ""));
    return Optional.empty();
  }

  /** A fix for a near-miss instant: a missing zone or a space instead of 'T'. */
  private static String instantHint(String text) {
    String candidate = text.trim().replace(' ', 'T');
    try {
      return " Maybe \"" + Instant.parse(candidate) + "\".";
    } catch (DateTimeParseException e) {
      try {
        return " Maybe add Z for UTC: \"" + LocalDateTime.parse(candidate).toInstant(ZoneOffset.UTC) + "\".";
      } catch (DateTimeParseException e2) {
        return "";
      }
    }
  }

  private static Optional<SlotSeries> series(JsonNode v, String path, Errors errors) {
    if (v.isNumber()) {
      return number(v, path, errors).map(SlotSeries::scalar);
    }
    if (!v.isArray()) {
      errors.add(path, "expected a number (every slot) or an array with one number per slot but found "
          + describe(v) + "." + unquoteHint(v));
      return Optional.empty();
    }
    double[] values = new double[v.size()];
    boolean ok = true;
    for (int i = 0; i < values.length; i++) {
      JsonNode element = v.get(i);
      String elementPath = path + "[" + i + "]";
      if (element.isNull()) {
        errors.add(elementPath, "expected a number but found null in slot " + i
            + ". Maybe fill the gap from a neighbouring slot.");
        ok = false;
        continue;
      }
      Optional<Double> d = number(element, elementPath, errors);
      ok &= d.isPresent();
      values[i] = d.orElse(0.0);
    }
    return ok ? Optional.of(SlotSeries.of(values)) : Optional.empty();
  }

  private static String unquoteHint(JsonNode v) {
    if (v.isTextual()) {
      try {
        double d = Double.parseDouble(v.textValue().trim());
        if (Double.isFinite(d) && !v.textValue().isBlank()) {
          return " Maybe remove the quotes: " + v.textValue().trim() + ".";
        }
      } catch (NumberFormatException e) {
        return "";
      }
    }
    return "";
  }

  /** The last segment of a path, e.g. {@code allowedHubs} of {@code jobs[0].allowedHubs}. */
  static String fieldName(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** A bad value as it appears in the document, shortened, or its kind for containers. */
  static String describe(JsonNode v) {
    if (v.isObject()) {
      return "an object";
    }
    if (v.isArray()) {
      return "an array";
    }
    String text = v.toString();
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
