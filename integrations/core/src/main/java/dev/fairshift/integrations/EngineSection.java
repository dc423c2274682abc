package dev.fairshift.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reading an adapter's config file: the planning loop's configuration (read by {@link LoopConfigReader}) plus the
 * adapter's own {@code engine:} section, which the loop's reader leaves to the adapter. The Slurm and Kubernetes
 * configs read their file and the fields of their section with this, so that both name the file, the field and
 * the problem the same way.
 *
 * <pre>{@code
 * public static SlurmConfig read(Path file) {
 *   return EngineSection.read(file, SlurmConfig::parse);
 * }
 * }</pre>
 */
public final class EngineSection {

  private EngineSection() {
  }

  /** Parses a config's text: {@code name} is used in messages, {@code base} resolves relative paths. */
  @FunctionalInterface
  public interface Parser<T> {
    /** The config in {@code text} (YAML if {@code yaml}, JSON otherwise). */
    T parse(String text, String name, boolean yaml, Path base);
  }

  /**
   * Reads {@code file} (YAML for {@code .yaml}/{@code .yml}, JSON otherwise) and parses it with {@code parser},
   * naming the file by its name and resolving relative paths against its directory.
   *
   * @throws ConfigException the file cannot be read, or what {@code parser} throws
   */
  public static <T> T read(Path file, Parser<T> parser) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("Cannot read " + file + ": " + e.getMessage()
          + ". Maybe check the path and its permissions.", e);
    }
    String name = file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
    return parser.parse(text, name, yaml, file.toAbsolutePath().getParent());
  }

  /**
   * The {@code engine:} section of the config in {@code text}, if it has a non-null one.
   *
   * @throws ConfigException the text is not valid YAML or JSON (with line and column, from the loop's reader)
   */
  public static Optional<JsonNode> of(String text, String name, boolean yaml, Path base) {
    ObjectMapper mapper = yaml ? new YAMLMapper() : new ObjectMapper();
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      LoopConfigReader.parse(text, name, yaml, base);   // reports syntax errors with line and column
      throw new ConfigException(name + ": not valid " + (yaml ? "YAML" : "JSON") + ".", e);
    }
    if (root instanceof ObjectNode object && object.hasNonNull(LoopConfigReader.ENGINE)) {
      return Optional.of(object.get(LoopConfigReader.ENGINE));
    }
    return Optional.empty();
  }

  /**
   * Checks that {@code node}, at {@code path}, is an object whose fields are all {@code known}.
   *
   * @throws ConfigException it is not an object, or it has a field not known (with the known ones)
   */
  public static void object(String name, String path, JsonNode node, Set<String> known) {
    if (!node.isObject()) {
      throw new ConfigException(name + ": " + path + " must be an object with " + sorted(known) + ".", null);
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!known.contains(field)) {
        throw new ConfigException(name + ": " + path + "." + field + " is not a known field. Maybe one of "
            + sorted(known) + ".", null);
      }
    }
  }

  /**
   * The non-blank string at {@code path}.
   *
   * @throws ConfigException it is not a string, or blank
   */
  public static String text(String name, String path, JsonNode node) {
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new ConfigException(name + ": " + path + " must be a non-empty string, got " + node + ".", null);
    }
    return node.asText();
  }

  /**
   * The positive duration at {@code path} ({@code 15s}, {@code 1m}, {@code PT15S}).
   *
   * @throws ConfigException it is not a duration, or not positive
   */
  public static Duration duration(String name, String path, JsonNode node) {
    String value = text(name, path, node);
    Duration d;
    try {
      d = LoopConfigReader.duration(value);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new ConfigException(name + ": " + path + ": '" + value + "' is not a duration. Maybe 15s, 1m or PT15S.",
          e);
    }
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(name + ": " + path + ": " + value + " must be positive, e.g. 15s.", null);
    }
    return d;
  }

  /**
   * The list of non-blank strings at {@code path}.
   *
   * @throws ConfigException it is not a list, or an element is not a non-blank string (named by its index)
   */
  public static List<String> strings(String name, String path, JsonNode node) {
    if (!node.isArray()) {
      throw new ConfigException(name + ": " + path + " must be a list, e.g. [a, b], got " + node + ".", null);
    }
    List<String> result = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      result.add(text(name, path + "[" + i + "]", node.get(i)));
    }
    return result;
  }

  private static List<String> sorted(Set<String> keys) {
    return keys.stream().sorted().toList();
  }
}
