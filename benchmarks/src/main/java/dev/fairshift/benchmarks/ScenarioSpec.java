package dev.fairshift.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Scenarios#build(ScenarioSpec)} generates: a problem on the embedded real carbon data with
 * jobs drawn from the Alibaba PAI trace. Immutable and thread-safe; same spec, same problem.
 *
 * @param name a short label, e.g. {@code winter-slack24-1000}
 * @param start the first hour of the horizon (its carbon data must be embedded, e.g. 2023)
 * @param slots hourly slots in the horizon
 * @param arrivalSlots jobs are released in slots {@code [0, arrivalSlots)} (and early enough to fit)
 * @param zones the grid zones; hub {@code h} draws from {@code zones[h % zones.size()]}
 * @param hubs how many hubs, at least 1
 * @param jobs how many jobs, at least 1
 * @param slackHours time each job may wait beyond its earliest finish, in hours (deadlines are clamped
 *     to the horizon's end)
 * @param interruptibleShare fraction of jobs longer than one hour that may run in non-contiguous slots
 * @param newcomerShare fraction of jobs submitted by the newcomer tenant, whose guaranteed share of
 *     capacity is {@code newcomerShare x targetLoad} (about its demand)
 * @param residentShare fraction of the other jobs (not civic, whose data always stays in the first
 *     zone) whose data must stay in their origin hub's zone (data residency)
 * @param targetLoad the fleet's capacity is sized so that demand fills this fraction of the hubs'
 *     unit-slots over the arrival slots (0 &lt; load &le; {@value #MAX_TARGET_LOAD}; above 1 the fleet
 *     is overloaded and a schedule can place only part of the work)
 * @param seed drives every random draw
 */
public record ScenarioSpec(
    String name,
    Instant start,
    int slots,
    int arrivalSlots,
    List<String> zones,
    int hubs,
    int jobs,
    int slackHours,
    double interruptibleShare,
    double newcomerShare,
    double residentShare,
    double targetLoad,
    long seed) {

  /** The largest targetLoad: demand four times the fleet's capacity. */
  public static final double MAX_TARGET_LOAD = 4.0;

  /** Hourly slots in a week. */
  public static final int WEEK_SLOTS = 168;

  public ScenarioSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(start, "start");
    zones = List.copyOf(zones);
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("ScenarioSpec '" + name + "' has no zones. Maybe use List.of(\"DE\").");
    }
    if (slots < 1 || arrivalSlots < 1 || arrivalSlots > slots) {
      throw new IllegalArgumentException("ScenarioSpec '" + name + "' has slots " + slots + " and arrivalSlots "
          + arrivalSlots + ". Maybe use 1 <= arrivalSlots <= slots.");
    }
    if (hubs < 1 || jobs < 1) {
      throw new IllegalArgumentException("ScenarioSpec '" + name + "' has " + hubs + " hubs and " + jobs
          + " jobs. Maybe use at least one of each.");
    }
    if (slackHours < 0) {
      throw new IllegalArgumentException("ScenarioSpec '" + name + "' has slackHours " + slackHours
          + ". Maybe use 0 for no slack.");
    }
    if (!(interruptibleShare >= 0 && interruptibleShare <= 1) || !(newcomerShare >= 0 && newcomerShare <= 1)
        || !(residentShare >= 0 && residentShare <= 1) || !(targetLoad > 0 && targetLoad <= MAX_TARGET_LOAD)) {
      throw new IllegalArgumentException("ScenarioSpec '" + name + "' has interruptibleShare "
          + interruptibleShare + ", newcomerShare " + newcomerShare + ", residentShare " + residentShare
          + ", targetLoad " + targetLoad
          + ". Maybe use fractions between 0 and 1 (targetLoad above 0 and at most " + MAX_TARGET_LOAD
          + ", above 1 for an overloaded fleet).");
    }
  }

  /**
   * A week of arrivals starting at {@code start} plus 72 hours to finish (240 slots), 25 % of the longer
   * jobs interruptible, 20 % newcomer jobs, half the jobs bound to their origin's zone, 70 % target load.
   */
  public static ScenarioSpec week(String name, Instant start, List<String> zones, int hubs, int jobs,
      int slackHours, long seed) {
    return new ScenarioSpec(name, start, WEEK_SLOTS + 72, WEEK_SLOTS, zones, hubs, jobs, slackHours, 0.25,
        0.20, 0.5, 0.7, seed);
  }

  /** A copy with another job count. */
  public ScenarioSpec withJobs(int count) {
    return new ScenarioSpec(name, start, slots, arrivalSlots, zones, hubs, count, slackHours,
        interruptibleShare, newcomerShare, residentShare, targetLoad, seed);
  }
}
