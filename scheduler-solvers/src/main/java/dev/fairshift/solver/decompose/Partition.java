package dev.fairshift.solver.decompose;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The parts of a problem and the jobs that span them. Deterministic: depends only on the problem, the
 * warm-start schedule and the sizes asked for.
 *
 * @param split the split used (never {@link Split#AUTO})
 * @param parts the parts, in a fixed order
 * @param spanning problem indices of the jobs allowed in more than one part (region) or whose window
 *     crosses a window boundary (time), ascending: the coordinating pass's candidates
 */
record Partition(Split split, List<Part> parts, int[] spanning) {

  /**
   * One part.
   *
   * @param name a label for reports
   * @param jobs problem indices of its jobs, ascending
   * @param hubs problem indices of its hubs, ascending
   */
  record Part(String name, int[] jobs, int[] hubs) {}

  static Partition of(Problem problem, Schedule warmStart, Split requested, int targetParts, int timeWindows) {
    return switch (requested) {
      case NONE -> whole(problem);
      case REGION -> region(problem, warmStart, targetParts);
      case TIME -> time(problem, timeWindows);
      case AUTO -> {
        Partition region = region(problem, warmStart, targetParts);
        if (region.parts.size() >= 2) {
          yield region;
        }
        Partition time = time(problem, timeWindows);
        yield time.parts.size() >= 2 ? time : whole(problem);
      }
    };
  }

  static Partition whole(Problem problem) {
    int[] jobs = range(problem.jobs().size());
    int[] hubs = range(problem.hubs().size());
    return new Partition(Split.NONE, List.of(new Part("whole problem", jobs, hubs)), new int[0]);
  }

  /** Hubs tied by residency into groups, packed into at most {@code targetParts} parts. */
  static Partition region(Problem problem, Schedule warmStart, int targetParts) {
    int hubCount = problem.hubs().size();
    int[] parent = range(hubCount);
    List<Job> jobs = problem.jobs();
    for (Job job : jobs) {
      if (!ties(job, hubCount)) {
        continue;
      }
      int first = -1;
      for (String id : job.allowedHubs()) {
        int h = problem.hubIndex(id);
        if (first < 0) {
          first = h;
        } else {
          union(parent, first, h);
        }
      }
    }
    // groups in order of their lowest hub
    int[] groupOf = new int[hubCount];
    Arrays.fill(groupOf, -1);
    int groups = 0;
    for (int h = 0; h < hubCount; h++) {
      int root = find(parent, h);
      if (groupOf[root] < 0) {
        groupOf[root] = groups++;
      }
      groupOf[h] = groupOf[root];
    }
    if (groups < 2) {
      return new Partition(Split.REGION, List.of(new Part("all hubs", range(jobs.size()), range(hubCount))),
          new int[0]);
    }
    int[] warmHub = warmHubs(problem, warmStart);
    // the group of each job: its allowed hubs' group, or (allowed everywhere) its warm-start hub's
    int[] jobGroup = new int[jobs.size()];
    long[] groupWork = new long[groups];
    for (int j = 0; j < jobs.size(); j++) {
      Job job = jobs.get(j);
      int g = ties(job, hubCount) ? groupOf[problem.hubIndex(job.allowedHubs().get(0))]
          : warmHub[j] >= 0 ? groupOf[warmHub[j]] : -1;
      jobGroup[j] = g;
      if (g >= 0) {
        groupWork[g] += job.unitSlots();
      }
    }
    // pack groups into parts: largest first, each into the part with the least work so far
    int partCount = Math.max(1, Math.min(groups, targetParts));
    Integer[] order = new Integer[groups];
    for (int g = 0; g < groups; g++) {
      order[g] = g;
    }
    Arrays.sort(order, Comparator.comparingLong((Integer g) -> -groupWork[g]).thenComparingInt(g -> g));
    long[] partWork = new long[partCount];
    int[] partOfGroup = new int[groups];
    for (int g : order) {
      int best = 0;
      for (int p = 1; p < partCount; p++) {
        if (partWork[p] < partWork[best]) {
          best = p;
        }
      }
      partOfGroup[g] = best;
      partWork[best] += groupWork[g];
    }
    if (partCount < 2) {
      return new Partition(Split.REGION, List.of(new Part("all hubs", range(jobs.size()), range(hubCount))),
          new int[0]);
    }
    int[] partOfHub = new int[hubCount];
    for (int h = 0; h < hubCount; h++) {
      partOfHub[h] = partOfGroup[groupOf[h]];
    }
    List<List<Integer>> partJobs = new ArrayList<>();
    List<List<Integer>> partHubs = new ArrayList<>();
    for (int p = 0; p < partCount; p++) {
      partJobs.add(new ArrayList<>());
      partHubs.add(new ArrayList<>());
    }
    for (int h = 0; h < hubCount; h++) {
      partHubs.get(partOfHub[h]).add(h);
    }
    List<Integer> spanning = new ArrayList<>();
    for (int j = 0; j < jobs.size(); j++) {
      Job job = jobs.get(j);
      boolean spans = job.allowedHubs().isEmpty();
      if (!spans) {
        int p0 = partOfHub[problem.hubIndex(job.allowedHubs().get(0))];
        for (String id : job.allowedHubs()) {
          spans |= partOfHub[problem.hubIndex(id)] != p0;
        }
      }
      if (spans) {
        spanning.add(j);
      }
      if (jobGroup[j] >= 0) {
        partJobs.get(partOfGroup[jobGroup[j]]).add(j);
      }
    }
    List<Part> parts = new ArrayList<>();
    for (int p = 0; p < partCount; p++) {
      int[] hubs = toArray(partHubs.get(p));
      parts.add(new Part(String.format(Locale.ROOT, "region %d (%s)", p + 1, describeHubs(problem, hubs)),
          toArray(partJobs.get(p)), hubs));
    }
    return new Partition(Split.REGION, List.copyOf(parts), toArray(spanning));
  }

  /** Equal windows of the horizon; a job belongs to the window that holds its release and deadline. */
  static Partition time(Problem problem, int windows) {
    int slots = problem.horizon().slots();
    int k = Math.max(1, Math.min(windows, slots));
    int length = (slots + k - 1) / k;
    List<List<Integer>> windowJobs = new ArrayList<>();
    for (int w = 0; w < k; w++) {
      windowJobs.add(new ArrayList<>());
    }
    List<Integer> spanning = new ArrayList<>();
    for (int j = 0; j < problem.jobs().size(); j++) {
      int from = problem.releaseSlot(j);
      int to = problem.deadlineSlot(j);
      int w = from / length;
      if (to <= (w + 1) * length) {
        windowJobs.get(w).add(j);
      } else {
        spanning.add(j);
      }
    }
    int[] hubs = range(problem.hubs().size());
    List<Part> parts = new ArrayList<>();
    for (int w = 0; w < k; w++) {
      if (!windowJobs.get(w).isEmpty()) {
        int from = w * length;
        int to = Math.min(slots, from + length);
        parts.add(new Part(String.format(Locale.ROOT, "window %d (slots %d-%d)", w + 1, from, to - 1),
            toArray(windowJobs.get(w)), hubs));
      }
    }
    return new Partition(Split.TIME, List.copyOf(parts), toArray(spanning));
  }

  /**
   * Whether {@code job}'s residency ties its allowed hubs into one group: it is bound to at most half
   * of the hubs. A job allowed in more (e.g. all hubs but those too small for it) is flexible: it goes
   * to the part of its warm-start hub and may change part in the coordinating pass.
   */
  static boolean ties(Job job, int hubCount) {
    return !job.allowedHubs().isEmpty() && 2 * job.allowedHubs().size() <= hubCount;
  }

  /** The hub index of each job in {@code schedule}, -1 when unscheduled. */
  static int[] warmHubs(Problem problem, Schedule schedule) {
    int[] hub = new int[problem.jobs().size()];
    Arrays.fill(hub, -1);
    for (Assignment a : schedule.assignments()) {
      hub[problem.jobIndex(a.job())] = problem.hubIndex(a.hub());
    }
    return hub;
  }

  private static String describeHubs(Problem problem, int[] hubs) {
    Set<String> zones = new LinkedHashSet<>();
    for (int h : hubs) {
      zones.add(problem.hubs().get(h).zone());
    }
    List<String> shown = new ArrayList<>(zones);
    String zoneText = shown.size() <= 4 ? String.join(", ", shown)
        : String.join(", ", shown.subList(0, 4)) + " and " + (shown.size() - 4) + " more";
    return hubs.length + (hubs.length == 1 ? " hub" : " hubs") + " in " + zoneText;
  }

  private static int find(int[] parent, int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }

  static int[] range(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  private static int[] toArray(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }
}
