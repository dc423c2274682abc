package dev.fairshift.slurm;

import static dev.fairshift.integrations.EngineSection.duration;
import static dev.fairshift.integrations.EngineSection.strings;
import static dev.fairshift.integrations.EngineSection.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairshift.integrations.ConfigException;
import dev.fairshift.integrations.EngineSection;
import dev.fairshift.integrations.LoopConfig;
import dev.fairshift.integrations.LoopConfigReader;
import java.nio.file.Path;
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
    return EngineSection.read(file, SlurmConfig::parse);
  }

  /** Reads a config from {@code text}; {@code name} is used in messages. */
  public static SlurmConfig parse(String text, String name, boolean yaml, Path base) {
    SlurmOptions options = SlurmOptions.defaults();
    JsonNode engine = EngineSection.of(text, name, yaml, base).orElse(null);
    if (engine != null) {
      options = options(name, engine, options);
    }
    return new SlurmConfig(LoopConfigReader.parse(text, name, yaml, base), options);
  }

  private static SlurmOptions options(String name, JsonNode engine, SlurmOptions options) {
    EngineSection.object(name, "engine", engine, SLURM_KEYS);
    SlurmOptions result = options;
    if (engine.has("bin")) {
      result = result.withBinDirectory(text(name, "engine.bin", engine.get("bin")));
    }
    if (engine.has("timeout")) {
      result = result.withTimeout(duration(name, "engine.timeout", engine.get("timeout")));
    }
    if (engine.has("optIn")) {
      JsonNode optIn = engine.get("optIn");
      EngineSection.object(name, "engine.optIn", optIn, OPT_IN_KEYS);
      result = result.withOptIn(
          optIn.has("comments") ? strings(name, "engine.optIn.comments", optIn.get("comments"))
              : result.optInComments(),
          optIn.has("qos") ? strings(name, "engine.optIn.qos", optIn.get("qos")) : result.optInQos(),
          optIn.has("partitions") ? strings(name, "engine.optIn.partitions", optIn.get("partitions"))
              : result.optInPartitions());
    }
    return result;
  }
}
