package dev.fairshift.core.json;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Unscheduled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random valid schedule documents for the JSON property tests: no jobs to a few dozen, every
 * job once (assigned or left out), slots contiguous or with gaps up to {@code Integer.MAX_VALUE}, ids
 * and reasons that need escaping or are not ASCII (the empty string too), hubs shared by many jobs.
 * Same seed, same schedule.
 */
final class RandomSchedules {
  private static final String[] NAMES = {"berlin", "lyon-dc", "Zürich \"main\"", "東京", "a\\b", "x/y", "🚀-hub", ""};
  private static final String[] REASONS = {
      "no allowed hub has 16 free units before the deadline", "", "quota \"research\" is full", "c:\\tmp",
      "über 東京 😀", "x".repeat(300)};
  private static final String[] SOLVERS = {"greedy", "asap", "optaplanner", "", "mein \"Löser\""};

  private RandomSchedules() {}

  static Schedule schedule(long seed) {
    Random r = new Random(seed * 0x9E3779B97F4A7C15L + 3);
    int jobs = r.nextInt(6) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 8 : 40);
    List<Assignment> assignments = new ArrayList<>();
    List<Unscheduled> unscheduled = new ArrayList<>();
    for (int j = 0; j < jobs; j++) {
      // Unique ids; one job in a hundred or so is the empty id, which the format accepts.
      String job = r.nextInt(97) == 0 && j == 0 ? "" : "job-" + j + NAMES[r.nextInt(NAMES.length)];
      if (r.nextInt(10) < 7) {
        assignments.add(new Assignment(job, NAMES[r.nextInt(3)], slots(r)));
      } else {
        unscheduled.add(new Unscheduled(job, REASONS[r.nextInt(REASONS.length)]));
      }
    }
    return new Schedule(SOLVERS[r.nextInt(SOLVERS.length)], assignments, unscheduled);
  }

  /** Ascending, distinct, at least one: contiguous runs, gaps, and values near the int range's end. */
  private static List<Integer> slots(Random r) {
    int count = 1 + r.nextInt(r.nextBoolean() ? 4 : 30);
    int start = switch (r.nextInt(4)) {
      case 0 -> 0;
      case 1 -> r.nextInt(168);
      case 2 -> r.nextInt(100_000);
      default -> Integer.MAX_VALUE - count * 4;
    };
    boolean contiguous = r.nextBoolean();
    List<Integer> slots = new ArrayList<>();
    int s = start;
    for (int i = 0; i < count; i++) {
      slots.add(s);
      s += contiguous ? 1 : 1 + r.nextInt(3);
    }
    return slots;
  }
}
