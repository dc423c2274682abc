package dev.fairshift.integrations;

import static dev.fairshift.integrations.LoopFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The adapters' shared command line and run-until-stopped lifecycle. */
class LoopRunnerTest {
  private static final String USAGE = "Usage: fairshift x --config <x.yaml> [--flag]";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private LoopRunner.CommandLine parse(String... args) {
    return LoopRunner.parse(args, "x", "--flag", USAGE, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void parse_readsTheConfigAndTheFlagInAnyOrder() {
    LoopRunner.CommandLine line = parse("--flag", "-c", "a.yaml");

    assertThat(line.exitCode()).isEmpty();
    assertThat(line.configFile()).contains(Path.of("a.yaml"));
    assertThat(line.flag()).isTrue();
    assertThat(parse("--config", "b.yaml").flag()).isFalse();
    assertThat(err()).isEmpty();
  }

  @Test
  void parse_helpPrintsTheUsageOnOutAndExitsZero() {
    assertThat(parse("--config", "a.yaml", "-h").exitCode()).contains(0);

    assertThat(out.toString(StandardCharsets.UTF_8)).contains(USAGE);
    assertThat(err()).isEmpty();
  }

  @Test
  void parse_badUsageNamesTheProblemWithAnExampleAndExitsTwo() {
    assertThat(parse("--config").exitCode()).contains(2);
    assertThat(err()).contains("--config needs a file, e.g. --config x.yaml.", USAGE);
    err.reset();

    assertThat(parse("--config", "a.yaml", "--once").exitCode()).contains(2);
    assertThat(err()).contains("Unknown argument '--once'.", USAGE);
    err.reset();

    assertThat(parse("--flag").exitCode()).contains(2);
    assertThat(err()).contains("Missing --config. Maybe: fairshift x --config x.yaml", USAGE);
  }

  private static PlanningLoop loop() {
    MutableClock clock = new MutableClock(T0);
    return PlanningLoop.builder(new InMemoryEngineFixture(clock), LoopFixtures.config(LoopFixtures.TENANTS))
        .clock(clock).intensityFeed(LoopFixtures.cleanMinutesFeed()).build();
  }

  private static final LoopRunner.Run RUN = new LoopRunner.Run(LoggerFactory.getLogger(LoopRunnerTest.class),
      "the loop", "Stopping.", "fairshift-test-shutdown");

  @Test
  void runUntilStopped_startsTheSidecarThenRunsAndClosesBothOnceInOrderWhenInterrupted() throws Exception {
    PlanningLoop loop = loop();
    List<String> events = new CopyOnWriteArrayList<>();
    AtomicReference<PlanningLoop> given = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    Thread runner = new Thread(() -> LoopRunner.runUntilStopped(RUN, loop, () -> events.add("close"), l -> {
      given.set(l);
      events.add("sidecar");
      return () -> events.add("beside closed");
    }, () -> {
      events.add("start");
      started.countDown();
    }));
    runner.start();
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(runner.isAlive()).isTrue();

    runner.interrupt();
    runner.join(30_000);

    assertThat(runner.isAlive()).isFalse();
    assertThat(given.get()).isSameAs(loop);
    assertThat(events).containsExactly("sidecar", "start", "close", "beside closed");
    loop.close();
  }

  @Test
  void runUntilStopped_aFailingSidecarClosesAndPropagatesWithoutStarting() {
    PlanningLoop loop = loop();
    List<String> events = new CopyOnWriteArrayList<>();

    assertThatThrownBy(() -> LoopRunner.runUntilStopped(RUN, loop, () -> events.add("close"), l -> {
      throw new IllegalStateException("port taken");
    }, () -> events.add("start"))).isInstanceOf(IllegalStateException.class).hasMessage("port taken");

    assertThat(events).containsExactly("close");
    loop.close();
  }

  @Test
  void runUntilStopped_aSidecarThatFailsToCloseStillLetsItReturn() throws Exception {
    PlanningLoop loop = loop();
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch started = new CountDownLatch(1);
    Thread runner = new Thread(() -> LoopRunner.runUntilStopped(RUN, loop, () -> events.add("close"), l -> () -> {
      events.add("beside closing");
      throw new java.io.IOException("socket stuck");
    }, started::countDown));
    runner.start();
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

    runner.interrupt();
    runner.join(30_000);

    assertThat(runner.isAlive()).isFalse();
    assertThat(events).containsExactly("close", "beside closing");
    loop.close();
  }
}
