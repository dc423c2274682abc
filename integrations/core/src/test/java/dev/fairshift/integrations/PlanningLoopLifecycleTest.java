package dev.fairshift.integrations;

import static dev.fairshift.integrations.LoopFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PlanningLoopLifecycleTest {

  private static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  /** The fixture with change notifications, as an informer-backed engine would give. */
  private static final class NotifyingFixture extends InMemoryEngineFixture {
    final AtomicReference<Runnable> listener = new AtomicReference<>();
    final AtomicBoolean unregistered = new AtomicBoolean();

    NotifyingFixture(MutableClock clock) {
      super(clock);
    }

    @Override
    public AutoCloseable onChange(Runnable l) {
      listener.set(l);
      return () -> unregistered.set(true);
    }
  }

  @Test
  void start_passesOnEngineChangesAndCloseStopsThem() throws Exception {
    MutableClock clock = new MutableClock(T0);
    NotifyingFixture engine = new NotifyingFixture(clock);
    engine.pool("a", 4).pool("b", 4);
    PlanningLoop loop = PlanningLoop.builder(engine, LoopFixtures.config(LoopFixtures.TENANTS)).clock(clock)
        .intensityFeed(LoopFixtures.cleanMinutesFeed()).build();
    loop.start();
    assertThatThrownBy(loop::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
    waitFor(() -> loop.lastReport().isPresent());

    synchronized (loop) { // no pass runs while the job is submitted
      engine.submit("j1", "physics", LoopFixtures.request(Duration.ofMinutes(3), 4, at(40), "a"));
    }
    engine.listener.get().run();
    waitFor(() -> {
      synchronized (loop) { // read the fixture only between passes
        return engine.job("j1").decision().isPresent();
      }
    });
    assertThat(engine.job("j1").decision().orElseThrow().plannedStart()).isEqualTo(at(20));

    loop.close();
    assertThat(engine.unregistered).isTrue();
    engine.listener.get().run(); // a late notification after close is ignored, not an exception
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("fairshift-loop-fixture"));
  }

  @Test
  void reconcile_optaPlannerImprovementKeepsEveryRule() {
    MutableClock clock = new MutableClock(T0);
    InMemoryEngineFixture engine = new InMemoryEngineFixture(clock).pool("a", 4).pool("b", 4);
    // one-minute ticks and a 0.2 s budget keep the test short: OptaPlanner runs only while jobs are held
    LoopConfig config = LoopConfigReader.parse(LoopFixtures.yaml(LoopFixtures.TENANTS).replace("tick: 15s", "tick: 1m")
        + "planning: {improveFor: PT0.2S, seed: 7}\n", "opta.yaml", true, null);
    PlanningLoop loop = PlanningLoop.builder(engine, config).clock(clock)
        .intensityFeed(LoopFixtures.cleanMinutesFeed()).build();
    for (int i = 0; i < 6; i++) {
      engine.submit("j" + i, i % 2 == 0 ? "physics" : "civic",
          LoopFixtures.request(Duration.ofMinutes(2 + i % 3), 1 + i % 4, at(30 + 2 * i)));
    }
    loop.reconcile();
    while (clock.instant().isBefore(at(45))) {
      loop.reconcile();
      engine.step();
      clock.advance(config.tick());
    }
    for (int i = 0; i < 6; i++) {
      InMemoryEngineFixture.ReleaseEvent r = engine.releaseOf("j" + i).orElseThrow();
      Duration limit = Duration.ofMinutes(2 + i % 3);
      assertThat(r.at()).isBeforeOrEqualTo(at(30 + 2 * i).minus(limit));
      assertThat(engine.job("j" + i).endedAt().orElseThrow()).isBeforeOrEqualTo(at(30 + 2 * i));
    }
    assertThat(engine.violations()).isEmpty();
  }

  @Test
  void scrape_namesDocumentedInTheReadme() throws Exception {
    MutableClock clock = new MutableClock(T0);
    InMemoryEngineFixture engine = new InMemoryEngineFixture(clock).pool("a", 4).pool("b", 4);
    PlanningLoop loop = PlanningLoop.builder(engine, LoopFixtures.config(LoopFixtures.TENANTS)).clock(clock)
        .intensityFeed(LoopFixtures.cleanMinutesFeed()).build();
    engine.submit("j1", "physics", LoopFixtures.request(Duration.ofMinutes(3), 4, at(40), "a"));
    while (clock.instant().isBefore(at(30))) {
      loop.reconcile();
      engine.step();
      clock.advance(Duration.ofSeconds(15));
    }
    String scrape = loop.scrape();
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../../README.md"));
    for (String name : List.of("fairshift_tenant_wait_seconds", "fairshift_tenant_acceptance_ratio",
        "fairshift_tenant_guaranteed_share_met", "fairshift_tenant_emissions_grams", "fairshift_emissions_grams",
        "fairshift_loop_ticks_total", "fairshift_loop_decisions_total", "fairshift_loop_releases_total",
        "fairshift_loop_intensity_degraded", "fairshift_loop_held_jobs",
        "fairshift_loop_last_pass_timestamp_seconds")) {
      assertThat(scrape).as("scrape has %s", name).contains(name + "{");
      assertThat(readme).as("README documents %s", name).contains(name);
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
