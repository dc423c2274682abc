package dev.fairshift.solver.optaplanner.internal;

import java.util.List;
import java.util.Random;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * Puts one unscheduled job where the score is best, trying its positions one by one through a
 * {@link ScoreAccess}: the marginal cost of each position is the score with the job there, so
 * capacity, power caps, renewables left, tenant rules and transfers all count as the solver counts
 * them. Not thread-safe.
 */
final class BestInsertion {
  /** Below the unscheduled position, what a placement must not make worse. */
  enum Floor {
    /** Place only where no hard level gets worse (the job fits as the schedule stands). */
    HARD_NOT_WORSE,
    /** Place where the whole score is best, the job left out when that is best. */
    BEST_SCORE
  }

  /** A quick necessary condition for a position to be worth scoring. */
  interface Prefilter {
    /** Whether one slot of {@code job} may fit in {@code hub} in {@code slot}. */
    boolean mayFit(JobFact job, HubFact hub, int slot);

    /** Whether non-interruptible {@code job} may fit in {@code hub} from {@code start}. */
    default boolean mayFitRun(JobFact job, HubFact hub, int start) {
      for (int s = start; s < start + job.durationSlots(); s++) {
        if (!mayFit(job, hub, s)) {
          return false;
        }
      }
      return true;
    }

    /** Whether interruptible {@code job} may fit in {@code hub}: in enough of its slots. */
    default boolean mayFitSlots(JobFact job, HubFact hub) {
      int free = 0;
      for (int s : job.slotRange()) {
        if (mayFit(job, hub, s) && ++free >= job.durationSlots()) {
          return true;
        }
      }
      return false;
    }
  }

  private BestInsertion() {}

  /**
   * Places unscheduled, unpinned {@code assignment} at its best position, or leaves it unscheduled.
   *
   * @param random when not null and a hub has more than {@code maxStartsPerHub} starts, that many
   *     random ones are tried; when null, all of them
   * @param reslotParts for an interruptible job, also choose its slots (each part in turn, on every
   *     hub); otherwise its parts keep their slots and only the hub is chosen
   * @param prefilter positions it rejects are not scored; null to score every one
   * @return whether it was placed
   */
  static boolean insert(ScoreAccess access, JobAssignment assignment, Floor floor, Random random, int maxStartsPerHub,
      boolean reslotParts, Prefilter prefilter) {
    JobFact job = assignment.job();
    HardMediumSoftLongScore out = access.score();
    HardMediumSoftLongScore best = null;
    HubFact bestHub = null;
    int bestStart = -1;
    int[] bestSlots = null;
    if (!job.interruptible()) {
      for (HubFact hub : job.hubRange()) {
        List<Integer> starts = job.startRange();
        int tries = random == null || starts.size() <= maxStartsPerHub ? starts.size() : maxStartsPerHub;
        for (int i = 0; i < tries; i++) {
          int start = tries == starts.size() ? starts.get(i) : starts.get(random.nextInt(starts.size()));
          if (prefilter != null && !prefilter.mayFitRun(job, hub, start)) {
            continue;
          }
          access.setStart(assignment, start);
          access.setHub(assignment, hub);
          HardMediumSoftLongScore score = access.score();
          if (better(score, best, out, floor)) {
            best = score;
            bestHub = hub;
            bestStart = start;
          }
        }
      }
      if (best == null) {
        access.setHub(assignment, null);
        return false;
      }
      access.setStart(assignment, bestStart);
      access.setHub(assignment, bestHub);
      return true;
    }
    List<JobSlot> parts = access.parts(job);
    int[] original = slotsOf(parts);
    for (HubFact hub : job.hubRange()) {
      if (prefilter != null && !prefilter.mayFitSlots(job, hub)) {
        continue;
      }
      setSlots(access, parts, original);
      access.setHub(assignment, hub);
      if (reslotParts) {
        reslot(access, parts, job, hub, prefilter);
      }
      HardMediumSoftLongScore score = access.score();
      if (better(score, best, out, floor)) {
        best = score;
        bestHub = hub;
        bestSlots = slotsOf(parts);
      }
    }
    if (best == null) {
      access.setHub(assignment, null);
      setSlots(access, parts, original);
      return false;
    }
    access.setHub(assignment, bestHub);
    setSlots(access, parts, bestSlots);
    return true;
  }

  private static boolean better(HardMediumSoftLongScore score, HardMediumSoftLongScore best,
      HardMediumSoftLongScore out, Floor floor) {
    boolean allowed = floor == Floor.HARD_NOT_WORSE
        ? score.hardScore() >= out.hardScore()
        : score.compareTo(out) > 0;
    return allowed && (best == null || score.compareTo(best) > 0);
  }

  /** Each part in turn to its best slot among those no other part of the job holds. */
  private static void reslot(ScoreAccess access, List<JobSlot> parts, JobFact job, HubFact hub, Prefilter prefilter) {
    for (JobSlot part : parts) {
      HardMediumSoftLongScore best = null;
      int bestSlot = part.getSlot();
      for (int s : job.slotRange()) {
        if (s != part.getSlot() && (heldByOther(parts, part, s) || prefilter != null && !prefilter.mayFit(job, hub, s))) {
          continue;
        }
        access.setSlot(part, s);
        HardMediumSoftLongScore score = access.score();
        if (best == null || score.compareTo(best) > 0) {
          best = score;
          bestSlot = s;
        }
      }
      access.setSlot(part, bestSlot);
    }
  }

  private static boolean heldByOther(List<JobSlot> parts, JobSlot part, int slot) {
    for (JobSlot other : parts) {
      if (other != part && other.getSlot() != null && other.getSlot() == slot) {
        return true;
      }
    }
    return false;
  }

  static int[] slotsOf(List<JobSlot> parts) {
    int[] slots = new int[parts.size()];
    for (int k = 0; k < slots.length; k++) {
      slots[k] = parts.get(k).getSlot();
    }
    return slots;
  }

  static void setSlots(ScoreAccess access, List<JobSlot> parts, int[] slots) {
    for (int k = 0; k < slots.length; k++) {
      access.setSlot(parts.get(k), slots[k]);
    }
  }
}
