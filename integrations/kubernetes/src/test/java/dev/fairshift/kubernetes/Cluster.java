package dev.fairshift.kubernetes;

import static org.assertj.core.api.Assertions.fail;

import dev.fairshift.signals.IntensityPoint;
import dev.fairshift.signals.IntensitySeries;
import dev.fairshift.core.SignalKind;
import dev.fairshift.integrations.EngineJob;
import dev.fairshift.integrations.IntensityFeed;
import dev.fairshift.integrations.LoopConfig;
import dev.fairshift.integrations.LoopConfigReader;
import dev.fairshift.signals.CarbonIntensitySources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntToDoubleFunction;
import java.util.function.Predicate;

/** Test fixtures: the hand-written v1 objects, the loop config and a synthetic intensity feed. */
final class Cluster {

  /**
   * The hour the tests start in. The API server (also the mock) stamps creationTimestamp with the real time, so
   * the tests' clock starts at the real hour and every time in them is relative to it.
   */
  static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
  static final Duration HOUR = Duration.ofHours(1);

  static final String CONFIG = """
      slot: 1h
      horizon: 12h
      tick: 1m
      defaults: {slack: 6h, timeLimit: 1h}
      planning: {improveFor: 0s, seed: 7}
      hubs:
        - {id: north, pool: north, zone: XN, pue: 1.0, wattsPerCpu: 10, wattsPerGpu: 300}
        - {id: south, pool: south, zone: XS, pue: 1.0, wattsPerCpu: 10, wattsPerGpu: 300}
      tenants:
        - {account: physics, class: research, guaranteedShare: 0.2, maxShare: 1.0, weight: 1}
        - {account: civic, class: civic, guaranteedShare: 0.2, maxShare: 1.0, weight: 1}
      defaultTenant: {class: research, guaranteedShare: 0.0, maxShare: 1.0, weight: 1}
      intensity: {sources: [], cacheFor: 1h, forecaster: persistence, embeddedFallback: false}
      transparency: {lookback: 24h}
      """;

  private Cluster() {
  }

  static LoopConfig config() {
    return LoopConfigReader.parse(CONFIG, "test.yaml", true, Path.of("."));
  }

  /**
   * North (XN) is clean (50 g/kWh) only in the hour [T0+3h, T0+4h), 400 otherwise; south (XS) is 300 throughout:
   * a job that may run in north and whose window holds T0+3h is planned there, then.
   */
  static IntensityFeed feed() {
    IntToDoubleFunction north = h -> h == 3 ? 50 : 400;
    IntToDoubleFunction south = h -> 300;
    return IntensityFeed.of(Optional.of(CarbonIntensitySources.of("synthetic",
        List.of(series("XN", north), series("XS", south)))), "persistence", false);
  }

  private static IntensitySeries series(String zone, IntToDoubleFunction gramsAt) {
    List<IntensityPoint> points = new ArrayList<>();
    for (int h = -24; h < 48; h++) {
      points.add(IntensityPoint.of(T0.plus(HOUR.multipliedBy(h)), HOUR, gramsAt.applyAsDouble(h)));
    }
    return new IntensitySeries(zone, SignalKind.AVERAGE, "synthetic", points, Map.of());
  }

  /** A fixture of {@code k8s-v1/}, read with fabric8's deserialiser. */
  static <T extends HasMetadata> T load(String name, Class<T> type) {
    try (InputStream in = Cluster.class.getResourceAsStream("/k8s-v1/" + name)) {
      if (in == null) {
        throw new IllegalStateException("No fixture k8s-v1/" + name);
      }
      return Serialization.unmarshal(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates {@code o} as a client would: the server sets uid and resourceVersion. */
  static <T extends HasMetadata> T create(KubernetesClient client, T o) {
    o.getMetadata().setResourceVersion(null);
    return client.resource(o).create();
  }

  /** The two ready nodes, the not-ready one and the control plane. */
  static void nodes(KubernetesClient client) {
    for (String n : List.of("node-north-1.json", "node-south-1.json", "node-south-2-notready.json",
        "node-control-plane.json")) {
      create(client, load(n, Node.class));
    }
  }

  static Pod gatedPod(String name, Map<String, String> annotations) {
    Pod pod = load("pod-gated.json", Pod.class);
    pod.getMetadata().setName(name);
    pod.getMetadata().setUid(null);
    pod.getMetadata().getAnnotations().put(FairshiftKeys.DEADLINE, T0.plus(Duration.ofHours(10)).toString());
    pod.getMetadata().getAnnotations().putAll(annotations);
    return pod;
  }

  static Job suspendedJob() {
    return load("job-suspended.json", Job.class);
  }

  /** Waits (up to 30 s) until the engine's informers show {@code id} matching {@code condition}. */
  static EngineJob await(KubernetesEngine engine, String id, Predicate<EngineJob> condition) {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    EngineJob last = null;
    while (System.nanoTime() < until) {
      for (EngineJob j : engine.jobs()) {
        if (j.id().equals(id)) {
          last = j;
          if (condition.test(j)) {
            return j;
          }
        }
      }
      sleep();
    }
    return fail("The informers never showed " + id + " as expected; last seen: " + last);
  }

  /** Waits (up to 30 s) until {@code condition} holds. */
  static void await(String what, BooleanSupplier condition) {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < until) {
      if (condition.getAsBoolean()) {
        return;
      }
      sleep();
    }
    fail("Timed out waiting until " + what);
  }

  /** The Events (events.k8s.io/v1) about object {@code name} in {@code namespace}. */
  static List<Event> events(KubernetesClient client, String namespace, String name) {
    return client.events().v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> e.getRegarding() != null && name.equals(e.getRegarding().getName()))
        .toList();
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
