package dev.fairshift.core.json;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.SignalKind;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Seeded random valid problems for the JSON property tests: every optional field present or absent,
 * series as scalars and arrays, doubles of every magnitude and ids that need escaping or are not
 * ASCII. Same seed, same problem.
 */
final class RandomProblems {
  private static final String[] NAMES = {"berlin", "lyon-dc", "Zürich \"main\"", "東京", "a\\b", "x/y", "tab-free"};

  private RandomProblems() {}

  static Problem problem(long seed) {
    Random r = new Random(seed * 0x9E3779B97F4A7C15L + 1);
    int slots = 1 + r.nextInt(48);
    int slotMinutes = new int[] {5, 15, 30, 60, 90}[r.nextInt(5)];
    Instant start = Instant.parse("2021-03-01T00:00:00Z").plusSeconds(60L * slotMinutes * r.nextInt(1000));
    Problem.Builder b = Problem.builder()
        .horizon(Horizon.of(start, slotMinutes, slots))
        .carbonPricePerTonne(r.nextBoolean() ? 0.0 : r.nextDouble() * 200)
        .transferKwhPerGb(r.nextBoolean() ? 0.0 : r.nextDouble());
    SignalKind signal = r.nextBoolean() ? SignalKind.AVERAGE : SignalKind.MARGINAL;
    int zones = 1 + r.nextInt(3);
    for (int z = 0; z < zones; z++) {
      // Intensities are one value per slot (a single number is an error of the domain rules).
      SlotSeries grams = perSlot(r, slots, 1000, 0);
      b.zone(r.nextBoolean() ? new ZoneIntensity(name("zone", z), signal, grams, Optional.empty())
          : new ZoneIntensity(name("zone", z), signal, grams, Optional.of(perSlot(r, slots, 1000, 0))));
    }
    int hubs = 1 + r.nextInt(4);
    List<String> hubIds = new ArrayList<>();
    for (int h = 0; h < hubs; h++) {
      String id = name("hub", h);
      hubIds.add(id);
      Hub.Builder hub = Hub.builder(id, name("zone", r.nextInt(zones)))
          .pue(1 + r.nextDouble())
          // Room for every job in every slot (a job that fits no hub breaks a domain rule).
          .capacityUnits(series(r, slots, 64, true, 8))
          .pricePerKwh(series(r, slots, 0.5, false, 0));
      if (r.nextBoolean()) {
        hub.powerCapKw(series(r, slots, 2000, false, 1000));
      }
      if (r.nextBoolean()) {
        hub.renewableKw(series(r, slots, 100, false, 0));
      }
      b.hub(hub.build());
    }
    int tenants = 1 + r.nextInt(3);
    for (int t = 0; t < tenants; t++) {
      Tenant tenant = new Tenant(name("tenant", t), r.nextBoolean() ? "standard" : "research",
          r.nextDouble() * 0.3, 0.3 + 0.7 * r.nextDouble(), 0.5 + r.nextDouble() * 3);
      b.tenant(r.nextBoolean() ? tenant : tenant.withFairnessWindowSlots(1 + r.nextInt(slots)));
    }
    int jobs = r.nextInt(30);
    for (int j = 0; j < jobs; j++) {
      int duration = 1 + r.nextInt(slots);
      int release = r.nextInt(slots - duration + 1);
      int deadline = release + duration + r.nextInt(slots - release - duration + 1);
      List<String> allowed = new ArrayList<>();
      if (r.nextBoolean()) {
        for (String hub : hubIds) {
          if (allowed.isEmpty() || r.nextBoolean()) {
            allowed.add(hub);
          }
        }
      }
      // Release and deadline off the slot boundaries too (they round in and must read back the same).
      long slack = r.nextBoolean() ? 0 : r.nextInt(60);
      b.job(new Job(name("job", j), name("tenant", r.nextInt(tenants)), duration,
          r.nextInt(4) == 0 ? r.nextInt(50) + 1 : r.nextDouble() * 100, 1 + r.nextInt(8),
          start.plusSeconds(60L * slotMinutes * release - slack),
          start.plusSeconds(60L * slotMinutes * deadline + slack),
          r.nextBoolean(), List.copyOf(allowed),
          r.nextBoolean() ? Optional.empty() : Optional.of(hubIds.get(r.nextInt(hubs))),
          r.nextBoolean() ? 0.0 : r.nextDouble() * 1000, 1 + r.nextInt(3)));
    }
    return b.build();
  }

  /** Ids with escapes, non-ASCII and plain ones, unique per kind and index. */
  private static String name(String kind, int index) {
    return kind + "-" + index + (index % 3 == 1 ? " " + NAMES[index % NAMES.length] : "");
  }

  /** A scalar or one value per slot: integers, doubles of every magnitude, from {@code min} to {@code max}. */
  private static SlotSeries series(Random r, int slots, double max, boolean whole, double min) {
    return r.nextInt(3) == 0 ? SlotSeries.scalar(value(r, max, whole, min)) : perSlot(r, slots, max, min, whole);
  }

  private static SlotSeries perSlot(Random r, int slots, double max, double min) {
    return perSlot(r, slots, max, min, false);
  }

  private static SlotSeries perSlot(Random r, int slots, double max, double min, boolean whole) {
    double[] values = new double[slots];
    for (int i = 0; i < slots; i++) {
      values[i] = value(r, max, whole, min);
    }
    return SlotSeries.of(values);
  }

  private static double value(Random r, double max, boolean whole, double min) {
    if (whole) {
      return min + r.nextInt((int) (max - min) + 1);
    }
    return min + switch (r.nextInt(4)) {
      case 0 -> r.nextInt((int) Math.max(1, max - min));
      case 1 -> Math.pow(10, -r.nextInt(300)) * r.nextDouble();
      default -> r.nextDouble() * (max - min);
    };
  }
}
