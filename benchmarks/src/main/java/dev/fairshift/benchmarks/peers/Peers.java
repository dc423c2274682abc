package dev.fairshift.benchmarks.peers;

import dev.fairshift.benchmarks.NamedScheduler;
import dev.fairshift.solver.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The carbon-aware policies people use today, as {@link Scheduler}s on Fairshift problems, so that the
 * quality suite measures them with the same {@link dev.fairshift.core.Evaluator} on the same
 * scenarios as Fairshift's solvers:
 *
 * <ul>
 *   <li>{@link #carbonAwareSdk()}: the Green Software Foundation's Carbon Aware SDK, best location
 *       and window per job (lowest rolling average of the forecast over the job's duration);
 *   <li>{@link #letsWaitAwhile()}: Let's Wait Awhile's strategies (Wiesner et al., Middleware 2021);
 *   <li>{@link #gaiaLowestWindow()} and {@link #gaiaCarbonTime()}: GAIA's Lowest-Window and
 *       Carbon-Time (Hanafy et al., ASPLOS 2024);
 *   <li>{@link #threshold(double, Duration)}: a threshold policy like the Compute Gardener
 *       Kubernetes scheduler's (hold a job until the intensity is at or below a threshold or a
 *       maximum delay has passed).
 * </ul>
 *
 * <p>Every policy plans on what Fairshift's solvers plan on (the forecast when a zone has one) and sees
 * only grid intensity: no PUE, on-site renewables, prices or transfer. Only the Carbon Aware SDK moves
 * work between hubs (any hub the job may run at); the others shift in time at the job's home hub (its
 * origin hub when it may run there, else the first hub it may run at). None knows capacity: each
 * job's choice is admitted first come (by release), first served into the real capacity, power caps
 * and maxShares, and a job that finds no room waits at its chosen hub for the next free slot; one
 * that then misses its deadline is unscheduled with the reason. So every schedule keeps every hard
 * rule, and the Evaluator counts the jobs left out and the quotas missed.
 *
 * <pre>{@code
 * Schedule sdk = Peers.carbonAwareSdk().schedule(problem);
 * Evaluation e = Evaluator.evaluate(problem, sdk);   // e.unscheduledJobs(): deadline misses
 * }</pre>
 *
 * <p>All schedulers are stateless, deterministic and thread-safe.
 */
public final class Peers {
  /** Compute Gardener's default carbon-intensity threshold, g CO2e/kWh. */
  public static final double COMPUTE_GARDENER_THRESHOLD_GRAMS_PER_KWH = 200;
  /** Compute Gardener's default maximum scheduling delay. */
  public static final Duration COMPUTE_GARDENER_MAX_DELAY = Duration.ofHours(24);

  private Peers() {}

  /**
   * The Carbon Aware SDK's best location and window, named {@code carbon-aware-sdk}: over every hub the
   * job may run at and every start that fits its window, the lowest rolling average of the planning
   * intensity over the job's duration; the earliest start on ties (the SDK's first optimal data
   * point), then the hub listed first. Jobs run in one block.
   */
  public static Scheduler carbonAwareSdk() {
    return new PeerScheduler(new Policies.CarbonAwareSdk());
  }

  /**
   * Let's Wait Awhile, named {@code lets-wait-awhile}: at the job's home hub, a job that may not be
   * interrupted runs in the window of least total intensity (earliest on ties), an interruptible one in
   * the {@code durationSlots} lowest-intensity slots of its window (earlier on ties).
   */
  public static Scheduler letsWaitAwhile() {
    return new PeerScheduler(new Policies.LetsWaitAwhile());
  }

  /**
   * GAIA's Lowest-Window, named {@code gaia-lowest-window}: at the job's home hub, the start with the
   * least carbon over the job's known length, earliest on ties; one block.
   */
  public static Scheduler gaiaLowestWindow() {
    return new PeerScheduler(new Policies.GaiaLowestWindow());
  }

  /**
   * GAIA's Carbon-Time, named {@code gaia-carbon-time}: at the job's home hub, the start s that maximises
   * the carbon saved against starting at release r per unit of completion time, (C(r) - C(s)) / (s - r +
   * duration), with C(s) the summed intensity of running from s; earliest on ties; one block.
   */
  public static Scheduler gaiaCarbonTime() {
    return new PeerScheduler(new Policies.GaiaCarbonTime());
  }

  /**
   * A threshold policy, named {@code threshold}: at the job's home hub, the first slot from release
   * whose planning intensity is at or below {@code gramsPerKwh}, else the release plus {@code
   * maxDelay} (whole slots), at the latest the last start that meets the deadline; one block.
   *
   * @throws IllegalArgumentException if the threshold is negative or not finite, or the delay negative
   */
  public static Scheduler threshold(double gramsPerKwh, Duration maxDelay) {
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (!(gramsPerKwh >= 0) || Double.isInfinite(gramsPerKwh)) {
      throw new IllegalArgumentException("Threshold " + gramsPerKwh + " g/kWh is not a finite number >= 0. "
          + "Maybe use Compute Gardener's default, " + COMPUTE_GARDENER_THRESHOLD_GRAMS_PER_KWH + ".");
    }
    if (maxDelay.isNegative()) {
      throw new IllegalArgumentException("Maximum delay " + maxDelay + " is negative. Maybe use "
          + "Compute Gardener's default, " + COMPUTE_GARDENER_MAX_DELAY + ".");
    }
    return new PeerScheduler(new Policies.Threshold(gramsPerKwh, maxDelay));
  }

  /** {@link #threshold} with Compute Gardener's defaults: 200 g CO2e/kWh, 24 hours. */
  public static Scheduler computeGardener() {
    return threshold(COMPUTE_GARDENER_THRESHOLD_GRAMS_PER_KWH, COMPUTE_GARDENER_MAX_DELAY);
  }

  /**
   * Every peer as a quality-suite row, labelled {@code peer-carbon-aware-sdk}, {@code
   * peer-lets-wait-awhile}, {@code peer-gaia-lowest-window}, {@code peer-gaia-carbon-time} and {@code
   * peer-threshold-200g-24h}.
   */
  public static List<NamedScheduler> all() {
    return List.of(
        new NamedScheduler("peer-carbon-aware-sdk", carbonAwareSdk()),
        new NamedScheduler("peer-lets-wait-awhile", letsWaitAwhile()),
        new NamedScheduler("peer-gaia-lowest-window", gaiaLowestWindow()),
        new NamedScheduler("peer-gaia-carbon-time", gaiaCarbonTime()),
        new NamedScheduler("peer-threshold-200g-24h", computeGardener()));
  }
}
