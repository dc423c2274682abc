package dev.fairshift.kubernetes;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kubernetes adapter's settings: the {@code engine:} section of {@code kubernetes.yaml} (see the README's
 * "Kubernetes" section). Immutable; start from {@link #defaults()} and change what differs.
 *
 * <pre>{@code
 * KubernetesOptions options = KubernetesOptions.defaults()
 *     .withHubLabel("topology.kubernetes.io/region")
 *     .withClock(clock);
 * }</pre>
 *
 * @param hubLabel the node label whose value names a node's pool (hub): {@code fairshift.dev/hub},
 *     {@code topology.kubernetes.io/region} or {@code topology.kubernetes.io/zone}; the hub's node selector at
 *     release is this label with the pool as value
 * @param tenantLabel the pod or Job label that names its tenant; empty (or a missing label): the namespace
 * @param namespaces the namespaces whose gated pods and suspended Jobs are planned; empty: all
 * @param gpuResources the extended resources counted as GPUs, e.g. {@code nvidia.com/gpu}
 * @param timeout the longest an API call may take (and the informers' first sync)
 * @param identity this replica's name in Events and in the Lease (the pod name in a Deployment)
 * @param lease leader election settings
 * @param clock the clock Events and release times are stamped with
 */
public record KubernetesOptions(
    String hubLabel,
    Optional<String> tenantLabel,
    List<String> namespaces,
    List<String> gpuResources,
    Duration timeout,
    String identity,
    Lease lease,
    Clock clock) {

  public KubernetesOptions {
    Objects.requireNonNull(hubLabel, "hubLabel");
    Objects.requireNonNull(tenantLabel, "tenantLabel");
    namespaces = List.copyOf(namespaces);
    gpuResources = List.copyOf(gpuResources);
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(clock, "clock");
    if (hubLabel.isBlank()) {
      throw new IllegalArgumentException("engine.hubLabel is blank. Maybe fairshift.dev/hub or"
          + " topology.kubernetes.io/region.");
    }
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("engine.timeout is " + timeout + "; it must be positive, e.g. 15s.");
    }
    if (identity.isBlank()) {
      throw new IllegalArgumentException("engine.identity is blank. Maybe the pod name (POD_NAME from the"
          + " downward API).");
    }
  }

  /**
   * Leader election on a {@code coordination.k8s.io/v1} Lease: only the replica holding it runs the loop.
   *
   * @param namespace the Lease's namespace (the controller's own)
   * @param name the Lease's name
   * @param duration how long a leader's claim lasts without renewal (a new leader takes over after it)
   * @param renewDeadline how long the leader keeps trying to renew before it stops acting, below duration
   * @param retryPeriod how often candidates try to acquire and the leader renews, below renewDeadline
   */
  public record Lease(String namespace, String name, Duration duration, Duration renewDeadline,
      Duration retryPeriod) {
    public Lease {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(renewDeadline, "renewDeadline");
      Objects.requireNonNull(retryPeriod, "retryPeriod");
      if (namespace.isBlank() || name.isBlank()) {
        throw new IllegalArgumentException("engine.lease needs a namespace and a name, e.g. {namespace:"
            + " fairshift, name: fairshift-controller}.");
      }
      if (retryPeriod.isZero() || retryPeriod.isNegative() || renewDeadline.compareTo(retryPeriod) <= 0
          || duration.compareTo(renewDeadline) <= 0) {
        throw new IllegalArgumentException("engine.lease durations must satisfy 0 < retryPeriod (" + retryPeriod
            + ") < renewDeadline (" + renewDeadline + ") < duration (" + duration + "). Maybe 2s, 10s, 15s.");
      }
    }

    /** {@code fairshift/fairshift-controller}, 15 s, renewed within 10 s, tried every 2 s (client-go's defaults). */
    public static Lease defaults() {
      return new Lease("fairshift", "fairshift-controller", Duration.ofSeconds(15), Duration.ofSeconds(10),
          Duration.ofSeconds(2));
    }
  }

  /** Hub label {@code fairshift.dev/hub}, tenant = namespace, every namespace, nvidia.com and amd.com GPUs, 15 s. */
  public static KubernetesOptions defaults() {
    return new KubernetesOptions(FairshiftKeys.HUB_LABEL, Optional.empty(), List.of(),
        List.of("nvidia.com/gpu", "amd.com/gpu"), Duration.ofSeconds(15), defaultIdentity(), Lease.defaults(),
        Clock.systemUTC());
  }

  private static String defaultIdentity() {
    String pod = System.getenv("POD_NAME");
    if (pod != null && !pod.isBlank()) {
      return pod;
    }
    String host = System.getenv("HOSTNAME");
    return host != null && !host.isBlank() ? host : "fairshift-" + ProcessHandle.current().pid();
  }

  /** A copy whose pools are the values of node label {@code label}. */
  public KubernetesOptions withHubLabel(String label) {
    return new KubernetesOptions(label, tenantLabel, namespaces, gpuResources, timeout, identity, lease, clock);
  }

  /** A copy taking the tenant from label {@code label} (the namespace when an object lacks it). */
  public KubernetesOptions withTenantLabel(String label) {
    return new KubernetesOptions(hubLabel, Optional.of(label), namespaces, gpuResources, timeout, identity, lease,
        clock);
  }

  /** A copy planning only objects in {@code list} (empty: all namespaces). */
  public KubernetesOptions withNamespaces(List<String> list) {
    return new KubernetesOptions(hubLabel, tenantLabel, list, gpuResources, timeout, identity, lease, clock);
  }

  /** A copy counting {@code resources} as GPUs. */
  public KubernetesOptions withGpuResources(List<String> resources) {
    return new KubernetesOptions(hubLabel, tenantLabel, namespaces, resources, timeout, identity, lease, clock);
  }

  /** A copy with API calls bounded by {@code d}. */
  public KubernetesOptions withTimeout(Duration d) {
    return new KubernetesOptions(hubLabel, tenantLabel, namespaces, gpuResources, d, identity, lease, clock);
  }

  /** A copy named {@code name} in Events and the Lease. */
  public KubernetesOptions withIdentity(String name) {
    return new KubernetesOptions(hubLabel, tenantLabel, namespaces, gpuResources, timeout, name, lease, clock);
  }

  /** A copy electing its leader with {@code l}. */
  public KubernetesOptions withLease(Lease l) {
    return new KubernetesOptions(hubLabel, tenantLabel, namespaces, gpuResources, timeout, identity, l, clock);
  }

  /** A copy stamping Events and release times with {@code c}. */
  public KubernetesOptions withClock(Clock c) {
    return new KubernetesOptions(hubLabel, tenantLabel, namespaces, gpuResources, timeout, identity, lease, c);
  }
}
