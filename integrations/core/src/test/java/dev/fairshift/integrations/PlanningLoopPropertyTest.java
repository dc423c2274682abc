package dev.fairshift.integrations;

import static dev.fairshift.integrations.LoopFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property test over random event sequences (seeded {@link Random}, so every failure replays): submissions,
 * cancellations, passes, restarts of the loop, a loop killed mid-pass, engine outages. After each sequence:
 * no job is released twice, none after its latest start (unless every pass that could have released it
 * failed), none before its earliest start, started or cancelled jobs are never written to, and the same seed
 * gives the same releases.
 */
class PlanningLoopPropertyTest {

  private static final Duration TICK = Duration.ofSeconds(15);
  private static final int SEEDS = 24;
  private static final int EVENTS = 160;
  private static final LoopConfig CONFIG = LoopFixtures.config("""
      tenants:
        - {account: physics, class: research, guaranteedShare: 0.2, maxShare: 0.9, weight: 1}
        - {account: civic, class: civic, guaranteedShare: 0.3, maxShare: 1.0, weight: 2}
      """);

  /** What the test knows about a job independently of the loop. */
  private record Expect(Instant submitted, Instant earliest, Instant latestStart, boolean mappable) {
  }

  private record Outcome(List<InMemoryEngineFixture.ReleaseEvent> releases, List<String> violations,
      Map<String, Expect> expected, List<Instant> failedPasses, Optional<Instant> lastOkPass,
      Map<String, EngineJob> finalJobs) {
  }

  @Test
  void randomEventSequences_keepTheLoopInvariants() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      Outcome o = run(seed);
      check(seed, o);
    }
  }

  @Test
  void randomEventSequences_sameSeedSameReleases() {
    for (long seed : new long[] {3, 17}) {
      assertThat(run(seed).releases()).as("seed %d", seed).isEqualTo(run(seed).releases());
    }
  }

  private static Outcome run(long seed) {
    Random rnd = new Random(seed);
    MutableClock clock = new MutableClock(T0);
    InMemoryEngineFixture engine = new InMemoryEngineFixture(clock).pool("a", 2 + rnd.nextInt(6))
        .pool("b", 2 + rnd.nextInt(6));
    IntensityFeed feed = LoopFixtures.cleanMinutesFeed();
    PlanningLoop loop = newLoop(engine, clock, feed);
    Map<String, Expect> expected = new HashMap<>();
    List<String> ids = new ArrayList<>();
    List<Instant> failedPasses = new ArrayList<>();
    Optional<Instant> lastOk = Optional.empty();
    int next = 0;
    for (int e = 0; e < EVENTS; e++) {
      int kind = rnd.nextInt(100);
      if (kind < 30) {
        String id = "j" + next++;
        String tenant = rnd.nextInt(10) == 0 ? "stranger" : rnd.nextBoolean() ? "physics" : "civic";
        Duration limit = Duration.ofSeconds(60 + rnd.nextInt(8 * 60));
        Instant now = clock.instant();
        Optional<Instant> begin = rnd.nextInt(4) == 0 ? Optional.of(now.plusSeconds(rnd.nextInt(20 * 60)))
            : Optional.empty();
        Instant earliest = begin.orElse(now);
        Optional<Instant> deadline = rnd.nextInt(5) == 0 ? Optional.empty()
            : Optional.of(earliest.plus(limit).plusSeconds(rnd.nextInt(40 * 60) - 120));
        List<String> pools = switch (rnd.nextInt(4)) {
          case 0 -> List.of("a");
          case 1 -> List.of("b");
          case 2 -> List.of("b", "a");
          default -> List.of();
        };
        int cpus = 1 + rnd.nextInt(2);
        engine.submit(id, tenant, new JobRequest(Optional.of(limit), begin, deadline, pools, cpus, 0));
        Instant dl = deadline.orElse(earliest.plus(limit).plus(CONFIG.defaults().slack()));
        expected.put(id, new Expect(now, earliest, dl.minus(limit), !tenant.equals("stranger")));
        ids.add(id);
      } else if (kind < 36 && !ids.isEmpty()) {
        engine.cancel(ids.get(rnd.nextInt(ids.size())));
      } else if (kind < 41) {
        loop = newLoop(engine, clock, feed); // a clean restart between passes
      } else if (kind < 45) {
        // killed mid-pass: the engine stops answering after a few calls, then a new process starts
        engine.failAfter(2 + rnd.nextInt(4), () -> new EngineUnavailableException("fixture", "call", "killed"));
        if (loop.reconcile().outcome() == TickReport.Outcome.ENGINE_ERROR) {
          failedPasses.add(clock.instant());
        }
        engine.heal();
        loop = newLoop(engine, clock, feed);
      } else if (kind < 49) {
        engine.failAfter(rnd.nextInt(6), () -> new EngineTimeoutException("fixture", "call", null, "hangs", null));
        if (loop.reconcile().outcome() == TickReport.Outcome.ENGINE_ERROR) {
          failedPasses.add(clock.instant());
        }
        engine.heal();
        engine.step();
        clock.advance(TICK);
      } else {
        TickReport r = loop.reconcile();
        if (r.outcome() == TickReport.Outcome.ENGINE_ERROR) {
          failedPasses.add(clock.instant());
        } else {
          lastOk = Optional.of(clock.instant());
        }
        engine.step();
        clock.advance(TICK);
      }
    }
    Map<String, EngineJob> finalJobs = new HashMap<>();
    for (String id : ids) {
      finalJobs.put(id, engine.job(id));
    }
    return new Outcome(engine.releases(), engine.violations(), expected, failedPasses, lastOk, finalJobs);
  }

  private static PlanningLoop newLoop(InMemoryEngineFixture engine, MutableClock clock, IntensityFeed feed) {
    return PlanningLoop.builder(engine, CONFIG).clock(clock).intensityFeed(feed).build();
  }

  private static void check(long seed, Outcome o) {
    assertThat(o.violations()).as("seed %d: calls on jobs that were not held", seed).isEmpty();
    Set<String> seen = new HashSet<>();
    for (InMemoryEngineFixture.ReleaseEvent r : o.releases()) {
      assertThat(seen.add(r.jobId())).as("seed %d: %s released twice", seed, r.jobId()).isTrue();
      Expect x = o.expected().get(r.jobId());
      Release.Kind kind = r.release().kind();
      if (!x.mappable()) {
        assertThat(kind).as("seed %d: %s", seed, r.jobId()).isEqualTo(Release.Kind.UNMAPPED);
        continue;
      }
      if (x.latestStart().isBefore(x.submitted())) {
        assertThat(kind).as("seed %d: %s unreachable at submission", seed, r.jobId())
            .isEqualTo(Release.Kind.DEADLINE_UNREACHABLE);
        continue;
      }
      if (!x.latestStart().isBefore(x.earliest())) {
        assertThat(r.at()).as("seed %d: %s released before its earliest start", seed, r.jobId())
            .isAfterOrEqualTo(x.earliest());
      }
      if (r.at().isAfter(x.latestStart())) {
        boolean excused = o.failedPasses().stream().anyMatch(f -> !f.isBefore(x.latestStart().minus(TICK.multipliedBy(2)))
            && !f.isAfter(x.latestStart()));
        assertThat(excused).as("seed %d: %s released at %s after its latest start %s (%s)", seed, r.jobId(), r.at(),
            x.latestStart(), kind).isTrue();
      }
    }
    for (Map.Entry<String, EngineJob> e : o.finalJobs().entrySet()) {
      EngineJob j = e.getValue();
      Expect x = o.expected().get(e.getKey());
      // after a successful pass, a held job is one whose latest start is more than a tick away
      Optional<Instant> last = o.lastOkPass();
      if (j.state() == JobState.HELD && last.isPresent() && !x.submitted().isAfter(last.get())) {
        assertThat(x.mappable()).as("seed %d: %s unmappable but held", seed, e.getKey()).isTrue();
        assertThat(x.latestStart().minus(TICK)).as("seed %d: %s still held past its latest start", seed, e.getKey())
            .isAfter(last.get());
      }
    }
  }
}
