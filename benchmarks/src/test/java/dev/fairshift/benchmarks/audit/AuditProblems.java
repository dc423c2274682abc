package dev.fairshift.benchmarks.audit;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A second, independent generator of tiny-to-small problems for the audit of issue 9's promises,
 * written apart from {@code HardScenarios} and the solvers' fixtures: 3-30 jobs, 1-5 hubs, 6-48 hourly
 * slots. Each seed picks a flavour so that every one of these is common:
 * <ul>
 *   <li>{@code SOLAR}: on-site renewables from a third to three times a hub's load (a solar bell per
 *       day), so the grid energy max(0, E - R) is both binding and slack;
 *   <li>{@code CAPPED_CLEAN}: one hub in a zone about forty times cleaner than the rest, its power cap
 *       (facility power, PUE counted) well below capacity x power per unit;
 *   <li>{@code CONGESTED}: more unit-slots of demand than capacity (1.1-2x), so not every job can run;
 *   <li>{@code TIGHT}: jobs as big as a hub, windows of zero slack, capacity 1-3;
 *   <li>{@code TENANTS}: two or three tenants with maxShares and guaranteed quotas, priorities 1-3;
 *   <li>{@code MIXED}: every feature drawn at random.
 * </ul>
 * Across flavours: capacities 1-8 units (sometimes per slot), PUE 1.0-1.6, interruptible jobs (0-70 %),
 * data transfer with origins, residency (allowed hubs), zero-slack windows, priorities. No forecasts
 * (so planning and actual intensities agree and the bound and CP-SAT measure the same thing) and no
 * fairness windows (the CP-SAT referee refuses them). Every job fits some allowed hub alone (the
 * validator's rule); a draw that does not is redrawn, up to 50 times. The same seed gives the same
 * problem. {@link #withFairnessWindows} adds fairness windows for the checks that need no referee.
 */
public final class AuditProblems {
  static final Instant T0 = Instant.parse("2024-06-03T00:00:00Z");

  /** What a seed's problem stresses. */
  public enum Flavour { SOLAR, CAPPED_CLEAN, CONGESTED, TIGHT, TENANTS, MIXED }

  private AuditProblems() {}

  /** The flavour of {@code seed}'s problem. */
  public static Flavour flavour(long seed) {
    return Flavour.values()[(int) Math.floorMod(seed, (long) Flavour.values().length)];
  }

  /** The problem of {@code seed}. */
  public static Problem generate(long seed) {
    Flavour f = flavour(seed);
    Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + 17);
    int slots = 6 + rnd.nextInt(43);
    Horizon horizon = Horizon.hourly(T0, slots);
    Problem.Builder b = Problem.builder().horizon(horizon);
    boolean transfer = rnd.nextInt(3) == 0;
    if (transfer) {
      b.transferKwhPerGb(0.005 + rnd.nextInt(6) * 0.005);
    }
    int hubCount = 1 + rnd.nextInt(5);
    if (f == Flavour.CAPPED_CLEAN) {
      hubCount = Math.max(2, hubCount);
    }
    // Zones: one per hub at most; CAPPED_CLEAN makes zone 0 forty times cleaner.
    int zones = 1 + rnd.nextInt(hubCount);
    if (f == Flavour.CAPPED_CLEAN) {
      zones = Math.max(2, zones);
    }
    for (int z = 0; z < zones; z++) {
      double base = f == Flavour.CAPPED_CLEAN && z == 0 ? 8 + rnd.nextInt(8) : 150 + rnd.nextInt(500);
      double swing = rnd.nextDouble() * 0.6;
      double phase = rnd.nextDouble() * 24;
      double[] g = new double[slots];
      for (int s = 0; s < slots; s++) {
        double v = base * (1 + swing * Math.sin(2 * Math.PI * (s + phase) / 24)) * (0.9 + 0.2 * rnd.nextDouble());
        g[s] = Math.max(1, Math.round(v * 10) / 10.0);
      }
      b.zone(ZoneIntensity.of("Z" + z, SlotSeries.of(g)));
    }

    // Jobs' power per unit, so caps and renewables can be sized against the load.
    double kwPerUnit = 0.5 + rnd.nextInt(6) * 0.5;
    int maxCap = f == Flavour.TIGHT ? 3 : 8;
    List<Hub> hubs = new ArrayList<>();
    int[] caps = new int[hubCount];
    for (int h = 0; h < hubCount; h++) {
      String zone = f == Flavour.CAPPED_CLEAN && h == 0 ? "Z0" : "Z" + rnd.nextInt(zones);
      double pue = 1 + rnd.nextInt(7) * 0.1;
      int cap = 1 + rnd.nextInt(maxCap);
      caps[h] = cap;
      Hub.Builder hb = Hub.builder("H" + h, zone).pue(pue);
      if (rnd.nextInt(5) == 0) {
        double[] c = new double[slots];
        for (int s = 0; s < slots; s++) {
          c[s] = rnd.nextInt(6) == 0 ? Math.max(0, cap - 1 - rnd.nextInt(cap)) : cap;
        }
        hb.capacityUnits(SlotSeries.of(c));
      } else {
        hb.capacityUnits(cap);
      }
      double fullKw = cap * kwPerUnit * 1.3 * pue;
      boolean capped = f == Flavour.CAPPED_CLEAN && h == 0 || f == Flavour.MIXED && rnd.nextInt(3) == 0
          || f == Flavour.TIGHT && rnd.nextInt(2) == 0;
      if (capped) {
        // Binding: 30-90 % of what the hub's units would draw at full power, but at least one unit's job.
        double kw = Math.max(kwPerUnit * 1.3 * pue, fullKw * (0.3 + 0.6 * rnd.nextDouble()));
        hb.powerCapKw(Math.round(kw * 4) / 4.0);
      }
      boolean solar = f == Flavour.SOLAR || f == Flavour.MIXED && rnd.nextBoolean()
          || f == Flavour.CAPPED_CLEAN && rnd.nextInt(3) == 0;
      if (solar) {
        // Peak from a third to three times the hub's mean facility load at ~60 % use.
        double meanLoadKw = cap * 0.6 * kwPerUnit * pue;
        double peak = meanLoadKw * (0.33 + rnd.nextDouble() * 2.67);
        double[] kw = new double[slots];
        for (int s = 0; s < slots; s++) {
          int hour = s % 24;
          double sun = hour >= 6 && hour < 19 ? Math.sin(Math.PI * (hour - 6 + 0.5) / 13) : 0;
          kw[s] = Math.round(peak * sun * (0.6 + 0.4 * rnd.nextDouble()) * 100) / 100.0;
        }
        hb.renewableKw(SlotSeries.of(kw));
      }
      hubs.add(hb.build());
    }
    b.hubs(hubs);

    int tenantCount = f == Flavour.TENANTS ? 2 + rnd.nextInt(2) : 1 + rnd.nextInt(f == Flavour.MIXED ? 3 : 2);
    boolean shares = f == Flavour.TENANTS || f == Flavour.MIXED && rnd.nextBoolean();
    for (int t = 0; t < tenantCount; t++) {
      double guaranteed = shares && rnd.nextBoolean() ? 0.02 + rnd.nextInt(4) * 0.03 : 0;
      double max = shares && rnd.nextInt(3) > 0 ? Math.max(guaranteed, 0.15 + rnd.nextInt(9) * 0.05) : 1.0;
      b.tenant(new Tenant("T" + t, t == 0 ? "research" : "commercial", guaranteed, max, 1.0));
    }

    // Load: unit-slots of demand over capacity.
    long capacity = 0;
    for (Hub hub : hubs) {
      for (int s = 0; s < slots; s++) {
        capacity += hub.capacityUnitsAt(s);
      }
    }
    double load = switch (f) {
      case CONGESTED -> 1.1 + rnd.nextDouble() * 0.9;
      case TIGHT -> 0.5 + rnd.nextDouble() * 0.8;
      default -> 0.3 + rnd.nextDouble() * 0.9;
    };
    int maxJobs = 3 + rnd.nextInt(28);
    double interruptibleShare = rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble() * 0.7;
    boolean priorities = f == Flavour.TENANTS || f == Flavour.CONGESTED || rnd.nextBoolean();
    long demand = 0;
    int maxHubCap = 0;
    for (int c : caps) {
      maxHubCap = Math.max(maxHubCap, c);
    }
    for (int j = 0; j < maxJobs && (j < 3 || demand < load * capacity); j++) {
      for (int attempt = 0; attempt < 50; attempt++) {
        Job job = job(rnd, f, "J" + j, tenantCount, horizon, hubs, maxHubCap, kwPerUnit, interruptibleShare,
            priorities, transfer);
        if (fitsAlone(job, horizon, hubs)) {
          b.job(job);
          demand += job.unitSlots();
          break;
        }
      }
    }
    return b.build();
  }

  private static Job job(Random rnd, Flavour f, String id, int tenants, Horizon horizon, List<Hub> hubs,
      int maxHubCap, double kwPerUnit, double interruptibleShare, boolean priorities, boolean transfer) {
    int slots = horizon.slots();
    int duration = 1 + rnd.nextInt(Math.min(8, slots));
    int slack = switch (rnd.nextInt(f == Flavour.TIGHT ? 2 : 4)) {
      case 0 -> 0;
      case 1 -> rnd.nextInt(3);
      case 2 -> rnd.nextInt(8);
      default -> rnd.nextInt(slots);
    };
    int release = rnd.nextInt(slots - duration + 1);
    int deadline = Math.min(slots, release + duration + slack);
    int units;
    if (f == Flavour.TIGHT && rnd.nextInt(3) == 0 || rnd.nextInt(8) == 0) {
      // As big as a hub: a whole hub's (first slot's) capacity.
      int whole = hubs.get(rnd.nextInt(hubs.size())).capacityUnitsAt(0);
      units = whole == 0 ? maxHubCap : whole;
    } else {
      units = 1 + rnd.nextInt(Math.min(4, maxHubCap));
    }
    double kw = Math.round(units * kwPerUnit * (0.7 + 0.6 * rnd.nextDouble()) * 4) / 4.0;
    Job.Builder jb = Job.builder(id, "T" + rnd.nextInt(tenants))
        .durationSlots(duration)
        .units(units)
        .powerKw(Math.max(0.25, kw))
        .window(horizon.slotStart(release), horizon.slotStart(deadline))
        .interruptible(duration > 1 && rnd.nextDouble() < interruptibleShare)
        .priority(priorities && rnd.nextInt(3) == 0 ? 2 + rnd.nextInt(2) : 1);
    if (hubs.size() > 1 && rnd.nextInt(3) == 0) {
      List<String> allowed = new ArrayList<>();
      for (Hub hub : hubs) {
        if (rnd.nextBoolean()) {
          allowed.add(hub.id());
        }
      }
      if (!allowed.isEmpty()) {
        jb.allowedHubs(allowed);
      }
    }
    if (transfer && rnd.nextBoolean()) {
      jb.originHub(hubs.get(rnd.nextInt(hubs.size())).id()).dataGb(1 + rnd.nextInt(500));
    }
    return jb.build();
  }

  /**
   * {@code problem} with fairness windows of 3-12 slots for some of its tenants (each with even chance,
   * at least one), guarantees and caps as they are, plus a cap of 0.3-0.7 where a tenant had none one
   * time in two: for the checks that need no CP-SAT (the referee refuses fairness windows). The same
   * problem and seed give the same copy.
   */
  public static Problem withFairnessWindows(Problem problem, long seed) {
    Random rnd = new Random(seed * 31 + 7);
    List<Tenant> tenants = new ArrayList<>();
    for (int t = 0; t < problem.tenants().size(); t++) {
      Tenant tenant = problem.tenants().get(t);
      if (t == 0 || rnd.nextBoolean()) {
        tenant = tenant.withFairnessWindowSlots(3 + rnd.nextInt(10));
        if (tenant.maxShare() >= 1 && rnd.nextBoolean()) {
          tenant = tenant.withMaxShare(Math.max(tenant.guaranteedShare(), 0.3 + rnd.nextInt(5) * 0.1));
        }
      }
      tenants.add(tenant);
    }
    return Problem.builder().horizon(problem.horizon()).transferKwhPerGb(problem.transferKwhPerGb())
        .intensities(problem.intensities()).hubs(problem.hubs()).tenants(tenants).jobs(problem.jobs()).build();
  }

  /** The validator's rule, written here again: the job alone fits some allowed hub within its window. */
  static boolean fitsAlone(Job job, Horizon horizon, List<Hub> hubs) {
    int from = horizon.slotAtOrAfter(job.release());
    int to = horizon.slotAtOrBefore(job.deadline());
    if (to - from < job.durationSlots()) {
      return false;
    }
    for (Hub hub : hubs) {
      if (!job.allows(hub.id())) {
        continue;
      }
      int run = 0;
      int count = 0;
      int best = 0;
      for (int s = from; s < to; s++) {
        boolean fits = hub.capacityUnitsAt(s) >= job.units() && hub.powerCapKwAt(s) >= job.powerKw() * hub.pue();
        run = fits ? run + 1 : 0;
        count += fits ? 1 : 0;
        best = Math.max(best, run);
      }
      if ((job.interruptible() ? count : best) >= job.durationSlots()) {
        return true;
      }
    }
    return false;
  }
}
