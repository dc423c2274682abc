package dev.fairshift.kubernetes;

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
 * The {@code kubernetes.yaml} of the controller: the planning loop's configuration (hubs = node pools by the
 * value of the hub label, tenants = namespaces; see the README's planning-loop section) plus the adapter's
 * optional {@code engine:} section:
 *
 * <pre>{@code
 * engine:
 *   hubLabel: fairshift.dev/hub     # or topology.kubernetes.io/region | topology.kubernetes.io/zone
 *   tenantLabel: team               # optional; default: the namespace is the tenant
 *   namespaces: []                  # empty: every namespace
 *   gpuResources: [nvidia.com/gpu, amd.com/gpu]
 *   timeout: 15s                    # per API call, and the informers' first list
 *   lease: {namespace: fairshift, name: fairshift-controller, duration: 15s, renewDeadline: 10s, retryPeriod: 2s}
 * }</pre>
 *
 * @param loop the planning loop's configuration
 * @param options the adapter's options (identity from {@code POD_NAME}, else the host name)
 */
public record KubernetesConfig(LoopConfig loop, KubernetesOptions options) {

  private static final Set<String> KEYS = Set.of("hubLabel", "tenantLabel", "namespaces", "gpuResources", "timeout",
      "lease");
  private static final Set<String> LEASE_KEYS = Set.of("namespace", "name", "duration", "renewDeadline",
      "retryPeriod");

  public KubernetesConfig {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(options, "options");
  }

  /**
   * Reads {@code file} (YAML for {@code .yaml}/{@code .yml}, JSON otherwise).
   *
   * @throws ConfigException naming the file, the field and the problem
   */
  public static KubernetesConfig read(Path file) {
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

  /** Reads a config from {@code text}; {@code name} is used in messages, {@code base} resolves relative paths. */
  public static KubernetesConfig parse(String text, String name, boolean yaml, Path base) {
    LoopConfig loop = LoopConfigReader.parse(text, name, yaml, base);   // syntax errors with line and column
    ObjectMapper mapper = yaml ? new YAMLMapper() : new ObjectMapper();
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(name + ": not valid " + (yaml ? "YAML" : "JSON") + ".", e);
    }
    KubernetesOptions options = KubernetesOptions.defaults();
    if (root instanceof ObjectNode object && object.hasNonNull(LoopConfigReader.ENGINE)) {
      options = options(name, object.get(LoopConfigReader.ENGINE), options);
    }
    return new KubernetesConfig(loop, options);
  }

  private static KubernetesOptions options(String name, JsonNode engine, KubernetesOptions defaults) {
    if (!engine.isObject()) {
      throw new ConfigException(name + ": engine must be an object with " + sorted(KEYS) + ".", null);
    }
    unknown(name, "engine", engine, KEYS);
    KubernetesOptions o = defaults;
    try {
      if (engine.has("hubLabel")) {
        o = o.withHubLabel(text(name, "engine.hubLabel", engine.get("hubLabel")));
      }
      if (engine.has("tenantLabel")) {
        o = o.withTenantLabel(text(name, "engine.tenantLabel", engine.get("tenantLabel")));
      }
      if (engine.has("namespaces")) {
        o = o.withNamespaces(strings(name, "engine.namespaces", engine.get("namespaces")));
      }
      if (engine.has("gpuResources")) {
        o = o.withGpuResources(strings(name, "engine.gpuResources", engine.get("gpuResources")));
      }
      if (engine.has("timeout")) {
        o = o.withTimeout(duration(name, "engine.timeout", engine.get("timeout")));
      }
      if (engine.has("lease")) {
        JsonNode lease = engine.get("lease");
        if (!lease.isObject()) {
          throw new ConfigException(name + ": engine.lease must be an object with " + sorted(LEASE_KEYS) + ".", null);
        }
        unknown(name, "engine.lease", lease, LEASE_KEYS);
        KubernetesOptions.Lease d = o.lease();
        o = o.withLease(new KubernetesOptions.Lease(
            lease.has("namespace") ? text(name, "engine.lease.namespace", lease.get("namespace")) : d.namespace(),
            lease.has("name") ? text(name, "engine.lease.name", lease.get("name")) : d.name(),
            lease.has("duration") ? duration(name, "engine.lease.duration", lease.get("duration")) : d.duration(),
            lease.has("renewDeadline") ? duration(name, "engine.lease.renewDeadline", lease.get("renewDeadline"))
                : d.renewDeadline(),
            lease.has("retryPeriod") ? duration(name, "engine.lease.retryPeriod", lease.get("retryPeriod"))
                : d.retryPeriod()));
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name + ": " + e.getMessage(), e);
    }
    return o;
  }

  private static List<String> sorted(Set<String> keys) {
    return keys.stream().sorted().toList();
  }

  private static void unknown(String name, String path, JsonNode node, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!known.contains(field)) {
        throw new ConfigException(name + ": " + path + "." + field + " is not a known field. Maybe one of "
            + sorted(known) + ".", null);
      }
    }
  }

  private static String text(String name, String path, JsonNode node) {
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new ConfigException(name + ": " + path + " must be a non-empty string, got " + node + ".", null);
    }
    return node.asText();
  }

  private static Duration duration(String name, String path, JsonNode node) {
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

  private static List<String> strings(String name, String path, JsonNode node) {
    if (!node.isArray()) {
      throw new ConfigException(name + ": " + path + " must be a list, e.g. [a, b], got " + node + ".", null);
    }
    List<String> result = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      result.add(text(name, path + "[" + i + "]", node.get(i)));
    }
    return result;
  }
}
