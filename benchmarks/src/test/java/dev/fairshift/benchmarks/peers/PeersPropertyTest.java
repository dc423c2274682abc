package dev.fairshift.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.solver.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Invariants of every peer on seeded random problems: tight capacity, power caps, maxShares with and
 * without fairness windows, interruptible jobs, forecasts. Whatever the policy wants, the admitted
 * schedule keeps every hard rule and lists every job once; and with room for everything, each policy's
 * choice is what a brute-force search over the same rule finds.
 */
class PeersPropertyTest {
  private static final Instant T0 = Instant.parse("2022-06-01T00:00:00Z");
  private static final List<Scheduler> PEERS = List.of(Peers.carbonAwareSdk(), Peers.letsWaitAwhile(),
      Peers.gaiaLowestWindow(), Peers.gaiaCarbonTime(), Peers.computeGardener(), Peers.threshold(120, Duration.ofHours(5)));

  @Test
  void schedule_randomTightProblems_keepEveryHardRule() {
    int leftOut = 0;
    for (int seed = 0; seed < 150; seed++) {
      Problem p = random(new Random(seed), true);
      for (Scheduler peer : PEERS) {
        Schedule s = peer.schedule(p);
        Evaluation e = Evaluator.evaluate(p, s);
        assertThat(e.violations()).as("seed %d, %s", seed, peer.name()).isEmpty();
        Set<String> seen = new HashSet<>();
        s.assignments().forEach(a -> assertThat(seen.add(a.job())).isTrue());
        s.unscheduled().forEach(u -> assertThat(seen.add(u.job())).isTrue());
        assertThat(seen).hasSize(p.jobs().size());
        for (Unscheduled u : s.unscheduled()) {
          assertThat(u.reason()).as("seed %d, %s", seed, peer.name()).contains(u.job()).contains("Maybe");
        }
        assertThat(peer.schedule(p)).as("deterministic").isEqualTo(s);
        leftOut += s.unscheduled().size();
      }
    }
    assertThat(leftOut).as("the problems are tight enough to make jobs wait and miss").isPositive();
  }

  @Test
  void schedule_withRoomForEverything_isThePolicysOwnChoice() {
    for (int seed = 0; seed < 100; seed++) {
      Problem p = random(new Random(1000 + seed), false);
      Schedule sdk = Peers.carbonAwareSdk().schedule(p);
      Schedule lwa = Peers.letsWaitAwhile().schedule(p);
      Schedule lowest = Peers.gaiaLowestWindow().schedule(p);
      assertThat(sdk.unscheduled()).isEmpty();
      assertThat(lwa.unscheduled()).isEmpty();
      for (int j = 0; j < p.jobs().size(); j++) {
        Job job = p.jobs().get(j);
        int home = p.hubIndex(job.originHub().orElseThrow());
        double bestHome = Double.POSITIVE_INFINITY;
        double bestAnywhere = Double.POSITIVE_INFINITY;
        for (int h = 0; h < p.hubs().size(); h++) {
          if (!job.allows(p.hubs().get(h).id())) {
            continue;
          }
          for (int s = p.releaseSlot(j); s + job.durationSlots() <= p.deadlineSlot(j); s++) {
            double sum = 0;
            for (int k = s; k < s + job.durationSlots(); k++) {
              sum += planning(p, h, k);
            }
            bestAnywhere = Math.min(bestAnywhere, sum);
            bestHome = h == home ? Math.min(bestHome, sum) : bestHome;
          }
        }
        Assignment a = sdk.assignment(job.id()).orElseThrow();
        assertThat(sum(p, a)).isCloseTo(bestAnywhere, org.assertj.core.api.Assertions.within(1e-9));
        Assignment g = lowest.assignment(job.id()).orElseThrow();
        assertThat(g.hub()).isEqualTo(job.originHub().get());
        assertThat(sum(p, g)).isCloseTo(bestHome, org.assertj.core.api.Assertions.within(1e-9));
        Assignment l = lwa.assignment(job.id()).orElseThrow();
        if (job.interruptible()) {
          List<Double> window = new ArrayList<>();
          for (int s = p.releaseSlot(j); s < p.deadlineSlot(j); s++) {
            window.add(planning(p, home, s));
          }
          window.sort(null);
          double cheapest = window.subList(0, job.durationSlots()).stream().mapToDouble(Double::doubleValue).sum();
          assertThat(sum(p, l)).isCloseTo(cheapest, org.assertj.core.api.Assertions.within(1e-9));
        } else {
          assertThat(sum(p, l)).isCloseTo(bestHome, org.assertj.core.api.Assertions.within(1e-9));
        }
      }
    }
  }

  private static double planning(Problem p, int h, int s) {
    return p.zoneOf(p.hubs().get(h)).planningGramsPerKwh().at(s);
  }

  private static double sum(Problem p, Assignment a) {
    int h = p.hubIndex(a.hub());
    return a.slots().stream().mapToDouble(s -> planning(p, h, s)).sum();
  }

  /** 3 zones (with forecasts), 2-4 hubs, 48 hourly slots, 10-40 jobs; tight or roomy. */
  private static Problem random(Random r, boolean tight) {
    int slots = 48;
    Horizon horizon = Horizon.hourly(T0, slots);
    Problem.Builder p = Problem.builder().horizon(horizon);
    for (int z = 0; z < 3; z++) {
      double[] actual = new double[slots];
      double[] forecast = new double[slots];
      for (int s = 0; s < slots; s++) {
        actual[s] = 20 + r.nextInt(400);
        forecast[s] = Math.max(0, actual[s] + r.nextGaussian() * 40);
      }
      p.zone(ZoneIntensity.withForecast("Z" + z, SlotSeries.of(actual), SlotSeries.of(forecast)));
    }
    int hubs = 2 + r.nextInt(3);
    List<String> hubIds = new ArrayList<>();
    for (int h = 0; h < hubs; h++) {
      Hub.Builder hub = Hub.builder("h" + h, "Z" + r.nextInt(3)).pue(1 + r.nextInt(5) / 10.0)
          .capacityUnits(tight ? 2 + r.nextInt(6) : 10_000);
      if (tight && r.nextBoolean()) {
        hub.powerCapKw(5 + r.nextInt(8));
      }
      p.hub(hub.build());
      hubIds.add("h" + h);
    }
    Tenant capped = Tenant.of("capped", "commercial").withMaxShare(tight ? 0.1 + r.nextDouble() * 0.3 : 1);
    if (tight && r.nextBoolean()) {
      capped = capped.withFairnessWindowSlots(12 + r.nextInt(24));
    }
    p.tenant(Tenant.of("free", "research")).tenant(capped)
        .tenant(Tenant.of("new", "newcomer").withGuaranteedShare(tight ? 0.2 : 0));
    int jobs = 10 + r.nextInt(31);
    String[] tenants = {"free", "capped", "new"};
    for (int j = 0; j < jobs; j++) {
      int d = 1 + r.nextInt(6);
      int release = r.nextInt(slots - d);
      int deadline = Math.min(slots, release + d + r.nextInt(20));
      Job.Builder job = Job.builder("j" + j, tenants[r.nextInt(3)]).durationSlots(d)
          .powerKw(0.5 + r.nextInt(4)).units(1 + r.nextInt(tight ? 2 : 4))
          .window(horizon.slotStart(release), horizon.slotStart(deadline))
          .interruptible(d > 1 && r.nextInt(3) == 0)
          .originHub(hubIds.get(r.nextInt(hubs)));
      if (r.nextInt(3) == 0) {
        job.allowedHubs(hubIds.subList(0, 1 + r.nextInt(hubs)));
        job.originHub(hubIds.get(0));
      }
      p.job(job.build());
    }
    return p.build();
  }
}
