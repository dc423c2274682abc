package dev.fairshift.solver.optaplanner.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * Regret-2 insertion of several unscheduled jobs: at each step, every job still out is scored at
 * each of its candidate positions, and the job whose best position beats its second best by the
 * most (its <i>regret</i>: what it loses if it cannot have its best) goes in first, at its best
 * position. A job with one position that fits (the other being left out, which costs its priority
 * on the medium level) has the largest regret, so the jobs with the fewest options are packed
 * first, before others take their room: the order a packing needs where a plain best-insertion in a
 * fixed order fills a power-capped or full hub with the wrong jobs. Leaving a job out is one of its
 * positions; a job placed nowhere better than out stays out.
 *
 * <p>Every position is scored through a {@link ScoreAccess} (the solver's incremental score), so
 * capacity, power caps, renewables left, tenant rules and transfers count as the solver counts
 * them. Deterministic given the solution, the jobs and the random generator (which only picks the
 * starts tried when a job has more than {@code maxStartsPerHub} in a hub; ties keep list order).
 * Not thread-safe.
 */
final class RegretInsertion {
  private RegretInsertion() {}

  /** One candidate position of a job: a hub and, for a non-interruptible job, a start. */
  private record Position(HubFact hub, int start) {}

  /**
   * Puts the unscheduled, unpinned {@code jobs} back by regret-2 insertion.
   *
   * @param jobs the jobs to insert, all unscheduled now; interruptible ones keep their parts' slots
   *     and only choose a hub
   * @param random picks the starts tried per hub when a job has more than {@code maxStartsPerHub}
   * @return how many were placed
   */
  static int insert(ScoreAccess access, List<JobAssignment> jobs, Random random, int maxStartsPerHub) {
    List<JobAssignment> left = new ArrayList<>(jobs);
    List<List<Position>> positions = new ArrayList<>(left.size());
    for (JobAssignment a : left) {
      positions.add(candidates(a.job(), random, maxStartsPerHub));
    }
    int placed = 0;
    while (!left.isEmpty()) {
      HardMediumSoftLongScore out = access.score();
      int chosen = -1;
      Position chosenPosition = null;
      HardMediumSoftLongScore chosenRegret = null;
      for (int i = 0; i < left.size(); i++) {
        JobAssignment a = left.get(i);
        HardMediumSoftLongScore best = null;
        HardMediumSoftLongScore second = out;
        Position bestPosition = null;
        for (Position p : positions.get(i)) {
          HardMediumSoftLongScore score = scoreAt(access, a, p);
          if (best == null || score.compareTo(best) > 0) {
            if (best != null && best.compareTo(second) > 0) {
              second = best;
            }
            best = score;
            bestPosition = p;
          } else if (score.compareTo(second) > 0) {
            second = score;
          }
        }
        access.setHub(a, null);
        if (best == null || best.compareTo(out) <= 0) {
          continue; // nowhere better than out as things stand
        }
        HardMediumSoftLongScore regret = best.subtract(second);
        if (chosenRegret == null || regret.compareTo(chosenRegret) > 0) {
          chosen = i;
          chosenPosition = bestPosition;
          chosenRegret = regret;
        }
      }
      if (chosen < 0) {
        break; // no job left out goes anywhere better than out
      }
      JobAssignment a = left.remove(chosen);
      positions.remove(chosen);
      place(access, a, chosenPosition);
      placed++;
    }
    return placed;
  }

  private static HardMediumSoftLongScore scoreAt(ScoreAccess access, JobAssignment a, Position p) {
    place(access, a, p);
    return access.score();
  }

  private static void place(ScoreAccess access, JobAssignment a, Position p) {
    if (!a.job().interruptible()) {
      access.setStart(a, p.start());
    }
    access.setHub(a, p.hub());
  }

  /** Every hub of {@code job}; per hub every start, or {@code maxStartsPerHub} random ones when it has more. */
  private static List<Position> candidates(JobFact job, Random random, int maxStartsPerHub) {
    List<Position> out = new ArrayList<>();
    for (HubFact hub : job.hubRange()) {
      if (job.interruptible()) {
        out.add(new Position(hub, -1));
        continue;
      }
      List<Integer> starts = job.startRange();
      if (starts.size() <= maxStartsPerHub) {
        starts.forEach(s -> out.add(new Position(hub, s)));
      } else {
        for (int k = 0; k < maxStartsPerHub; k++) {
          out.add(new Position(hub, starts.get(random.nextInt(starts.size()))));
        }
      }
    }
    return out;
  }
}
