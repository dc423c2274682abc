package dev.fairshift.integrations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loop's Micrometer meters (names as Prometheus shows them, documented in the README). Package-private.
 */
final class LoopMetrics {

  private final MeterRegistry registry;
  private final Tags engine;
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

  LoopMetrics(MeterRegistry registry, String engineName) {
    this.registry = registry;
    this.engine = Tags.of("engine", engineName);
  }

  void tick(String outcome) {
    counter("fairshift.loop.ticks", "Reconcile passes by outcome", Tags.of("outcome", outcome)).increment();
  }

  void released(Release.Kind kind) {
    counter("fairshift.loop.releases", "Jobs released, by why", Tags.of("kind", kind.name().toLowerCase())).increment();
  }

  void decision() {
    counter("fairshift.loop.decisions", "Decisions written to the engine", Tags.empty()).increment();
  }

  void engineError(String operation, EngineException e) {
    counter("fairshift.loop.engine.errors", "Engine calls that failed, by call and kind",
        Tags.of("operation", operation, "error", e.getClass().getSimpleName())).increment();
  }

  void planningFailed() {
    counter("fairshift.loop.planning.failures", "Ticks whose planning failed (jobs still released by their"
        + " latest start)", Tags.empty()).increment();
  }

  void gauge(String name, String help, Tags tags, double value) {
    String key = name + tags;
    AtomicLong holder = gauges.computeIfAbsent(key, k -> {
      AtomicLong h = new AtomicLong(Double.doubleToLongBits(Double.NaN));
      Gauge.builder(name, h, a -> Double.longBitsToDouble(a.get())).description(help).tags(engine.and(tags))
          .register(registry);
      return h;
    });
    holder.set(Double.doubleToLongBits(value));
  }

  private Counter counter(String name, String help, Tags tags) {
    return Counter.builder(name).description(help).tags(engine.and(tags)).register(registry);
  }
}
