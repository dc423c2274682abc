package dev.fairshift.kubernetes;

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
    return EngineSection.read(file, KubernetesConfig::parse);
  }

  /** Reads a config from {@code text}; {@code name} is used in messages, {@code base} resolves relative paths. */
  public static KubernetesConfig parse(String text, String name, boolean yaml, Path base) {
    LoopConfig loop = LoopConfigReader.parse(text, name, yaml, base);   // syntax errors with line and column
    KubernetesOptions options = KubernetesOptions.defaults();
    JsonNode engine = EngineSection.of(text, name, yaml, base).orElse(null);
    if (engine != null) {
      options = options(name, engine, options);
    }
    return new KubernetesConfig(loop, options);
  }

  private static KubernetesOptions options(String name, JsonNode engine, KubernetesOptions defaults) {
    EngineSection.object(name, "engine", engine, KEYS);
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
        EngineSection.object(name, "engine.lease", lease, LEASE_KEYS);
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
}
