package dev.fairshift.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairshift.core.Suggestions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the fields of one JSON object of the format, recording every problem in {@link Errors}
 * with its path: fields it does not know (with the closest known name), missing required fields and
 * values of the wrong type. Not thread-safe; one per object read.
 */
final class ObjectCursor {
  private final JsonNode node;
  private final String path;
  private final List<String> known;
  private final Errors errors;

  private ObjectCursor(JsonNode node, String path, List<String> known, Errors errors) {
    this.node = node;
    this.path = path;
    this.known = known;
    this.errors = errors;
  }

  /**
   * Opens {@code node} at {@code path} as an object with the fields {@code known}, reporting every
   * other field; empty (after recording an error) when it is not an object.
   */
  static Optional<ObjectCursor> open(JsonNode node, String path, List<String> known, Errors errors) {
    return open(node, path, known, errors, errors);
  }

  /**
   * Like {@link #open(JsonNode, String, List, Errors)}, recording what opening finds (not an object,
   * unknown fields) in {@code openErrors} and what the cursor reads later in {@code fieldErrors}.
   */
  static Optional<ObjectCursor> open(JsonNode node, String path, List<String> known, Errors openErrors,
      Errors fieldErrors) {
    if (!node.isObject()) {
      openErrors.add(path, "expected an object {...} but found " + JsonType.describe(node) + ".");
      return Optional.empty();
    }
    ObjectCursor cursor = new ObjectCursor(node, path, known, fieldErrors);
    cursor.reportUnknownFields(openErrors);
    return Optional.of(cursor);
  }

  /** The path of this object: {@code $} for the document, else e.g. {@code jobs[3]}. */
  String path() {
    return path;
  }

  /** The path of field {@code field} of this object, e.g. {@code jobs[3].deadline}. */
  String pathOf(String field) {
    return path.equals("$") ? field : path + "." + field;
  }

  /** Records an error about field {@code field} of this object. */
  void error(String field, String message) {
    errors.add(pathOf(field), message);
  }

  /** The value of a required field; empty, after recording why, when it is missing or invalid. */
  <T> Optional<T> required(String field, JsonType<T> type) {
    JsonNode value = node.get(checkKnown(field));
    if (value == null) {
      errors.add(pathOf(field), "missing required field '" + field + "': " + type.expected() + ".");
      return Optional.empty();
    }
    if (value.isNull()) {
      errors.add(pathOf(field), "expected " + type.expected() + " but found null.");
      return Optional.empty();
    }
    return type.convert(value, pathOf(field), errors);
  }

  /**
   * The value of an optional field; empty when it is absent, and when it is invalid (after recording
   * why). Use {@link #has} to tell them apart.
   */
  <T> Optional<T> optional(String field, JsonType<T> type) {
    JsonNode value = node.get(checkKnown(field));
    if (value == null) {
      return Optional.empty();
    }
    if (value.isNull()) {
      errors.add(pathOf(field), "expected " + type.expected() + " but found null. Maybe omit '" + field
          + "' to use its default.");
      return Optional.empty();
    }
    return type.convert(value, pathOf(field), errors);
  }

  /** Whether the object has field {@code field} (whatever its value). */
  boolean has(String field) {
    return node.has(checkKnown(field));
  }

  /** A required object-valued field, opened with the fields {@code fieldsOfValue}. */
  Optional<ObjectCursor> requiredObject(String field, List<String> fieldsOfValue) {
    JsonNode value = node.get(checkKnown(field));
    if (value == null) {
      errors.add(pathOf(field), "missing required field '" + field + "': an object {...}.");
      return Optional.empty();
    }
    return open(value, pathOf(field), fieldsOfValue, errors);
  }

  /**
   * A required array of objects, each opened with the fields {@code fieldsOfElements}; elements that
   * are not objects are reported and left out.
   */
  List<ObjectCursor> requiredObjects(String field, List<String> fieldsOfElements) {
    JsonNode value = node.get(checkKnown(field));
    if (value == null) {
      missingObjects(pathOf(field), errors);
      return List.of();
    }
    if (!value.isArray()) {
      notObjects(pathOf(field), value, errors);
      return List.of();
    }
    List<ObjectCursor> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      open(value.get(i), pathOf(field) + "[" + i + "]", fieldsOfElements, errors).ifPresent(out::add);
    }
    return out;
  }

  /**
   * The raw value of a required array field, for element checks of its own; empty (after recording
   * why) when missing or not an array.
   */
  Optional<JsonNode> requiredArray(String field, String expected) {
    JsonNode value = node.get(checkKnown(field));
    if (value == null) {
      errors.add(pathOf(field), "missing required field '" + field + "': " + expected + ".");
      return Optional.empty();
    }
    if (!value.isArray()) {
      errors.add(pathOf(field), "expected " + expected + " but found " + JsonType.describe(value) + ".");
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** Records that the required array of objects at {@code path} is missing. */
  static void missingObjects(String path, Errors errors) {
    String field = JsonType.fieldName(path);
    errors.add(path, "missing required field '" + field + "': an array of objects. "
        + "Maybe \"" + field + "\": [] if there are none.");
  }

  /** Records that the value at {@code path}, which should be an array of objects, is not an array. */
  static void notObjects(String path, JsonNode value, Errors errors) {
    errors.add(path, "expected an array of objects but found " + JsonType.describe(value) + ".");
  }

  /** Records that the object at {@code path} has field {@code name}, which is not one of {@code known}. */
  static void unknownField(String path, String name, List<String> known, Errors errors) {
    String closest = Suggestions.closest(name, known).orElse(null);
    errors.add(path.equals("$") ? name : path + "." + name, "unknown field '" + name + "'. Known fields: "
        + String.join(", ", known) + "." + (closest == null ? "" : " Maybe you meant '" + closest + "'?"));
  }

  private String checkKnown(String field) {
    if (!known.contains(field)) {
      throw new IllegalStateException("Field '" + field + "' is not declared for " + path);
    }
    return field;
  }

  private void reportUnknownFields(Errors into) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        unknownField(path, name, known, into);
      }
    }
  }
}
