package dev.fairshift.slurm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fairshift.integrations.ConfigException;
import dev.fairshift.integrations.LoopConfig;
import dev.fairshift.integrations.LoopConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code slurm.yaml} of {@code fairshift slurm}: the planning loop's configuration (hubs, tenants,
 * defaults, slot, intensity; see the README's planning-loop section) plus the adapter's optional
 * {@code engine:} section (which the loop's reader leaves to the adapter):
 *
 * <pre>{@code
 * engine:
 *   bin: /usr/bin              # where squeue, sinfo and scontrol are; default: PATH
 *   timeout: 15s               # per Slurm command
 *   optIn:                     # keep in step with job_submit.lua
 *     comments: [fairshift]
 *     qos: [fairshift]
 *     partitions: []
 * }</pre>
 *
 * @param loop the planning loop's configuration
 * @param options the adapter's options
 */
public record SlurmConfig(LoopConfig loop, SlurmOptions options) {

  private static final Set<String> SLURM_KEYS = Set.of("bin", "timeout", "optIn");
  private static final Set<String> OPT_IN_KEYS = Set.of("comments", "qos", "partitions");

  public SlurmConfig {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(options, "options");
  }

  /**
   * Reads {@code file} (YAML for {@code .yaml}/{@code .yml}, JSON otherwise).
   *
   * @throws ConfigException naming the file, the field and the problem
   */
  public static SlurmConfig read(Path file) {
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
    return parse(text, name, yaml, file.toAbsolutePath().getParent());
  }

  /** Reads a config from {@code text}; {@code name} is used in messages. */
  public static SlurmConfig parse(String text, String name, boolean yaml, Path base) {
    ObjectMapper mapper = yaml ? new YAMLMapper() : new ObjectMapper();
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      // The loop's reader reports syntax errors with line and column.
      LoopConfigReader.parse(text, name, yaml, base);
      throw new ConfigException(name + ": not valid " + (yaml ? "YAML" : "JSON") + ".", e);
    }
    SlurmOptions options = SlurmOptions.defaults();
    if (root instanceof ObjectNode object && object.hasNonNull(LoopConfigReader.ENGINE)) {
      options = options(name, object.get(LoopConfigReader.ENGINE), options);
    }
    return new SlurmConfig(LoopConfigReader.parse(text, name, yaml, base), options);
  }

  private static SlurmOptions options(String name, JsonNode engine, SlurmOptions options) {
    if (!engine.isObject()) {
      throw new ConfigException(name + ": engine must be an object with bin, timeout, optIn.", null);
    }
    unknown(name, "engine", engine, SLURM_KEYS);
    SlurmOptions result = options;
    if (engine.has("bin")) {
      result = result.withBinDirectory(text(name, "engine.bin", engine.get("bin")));
    }
    if (engine.has("timeout")) {
      String value = text(name, "engine.timeout", engine.get("timeout"));
      Duration timeout;
      try {
        timeout = LoopConfigReader.duration(value);
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new ConfigException(name + ": engine.timeout: '" + value + "' is not a duration."
            + " Maybe write 15s, 1m or PT15S.", e);
      }
      if (timeout.isZero() || timeout.isNegative()) {
        throw new ConfigException(name + ": engine.timeout: " + value + " must be positive, e.g. 15s.", null);
      }
      result = result.withTimeout(timeout);
    }
    if (engine.has("optIn")) {
      JsonNode optIn = engine.get("optIn");
      if (!optIn.isObject()) {
        throw new ConfigException(name + ": engine.optIn must be an object with comments, qos, partitions.",
            null);
      }
      unknown(name, "engine.optIn", optIn, OPT_IN_KEYS);
      result = result.withOptIn(
          optIn.has("comments") ? strings(name, "engine.optIn.comments", optIn.get("comments"))
              : result.optInComments(),
          optIn.has("qos") ? strings(name, "engine.optIn.qos", optIn.get("qos")) : result.optInQos(),
          optIn.has("partitions") ? strings(name, "engine.optIn.partitions", optIn.get("partitions"))
              : result.optInPartitions());
    }
    return result;
  }

  private static void unknown(String name, String path, JsonNode node, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!known.contains(field)) {
        throw new ConfigException(name + ": " + path + "." + field + " is not a known field. Maybe one of "
            + known.stream().sorted().toList() + ".", null);
      }
    }
  }

  private static String text(String name, String path, JsonNode node) {
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new ConfigException(name + ": " + path + " must be a non-empty string, got " + node + ".", null);
    }
    return node.asText();
  }

  private static List<String> strings(String name, String path, JsonNode node) {
    if (!node.isArray()) {
      throw new ConfigException(name + ": " + path + " must be a list, e.g. [fairshift], got " + node + ".",
          null);
    }
    List<String> result = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      result.add(text(name, path + "[" + i + "]", node.get(i)));
    }
    return result;
  }
}
