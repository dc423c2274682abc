package dev.fairshift.integrations;

import java.util.List;

/**
 * A cluster manager that Fairshift plans for: Slurm, Kubernetes, or a test fixture.
 *
 * <p>Fairshift is the brain and the engine stays the body: the engine queues, binds and runs jobs;
 * Fairshift only decides <em>where</em> (which hub: a Slurm partition, a Kubernetes node pool) and
 * <em>when</em> (the planned start) a job it controls may start, records that decision on the engine's own
 * job record, and releases the job when its slot comes. All state lives in the engine: an adapter keeps no
 * state of its own that a restart would lose, and the planning loop reads everything back on every tick.
 *
 * <h2>Job life cycle seen through this interface</h2>
 * <pre>
 *   HELD ──applyDecision (0..n times, while HELD)──▶ HELD
 *   HELD ──release──▶ PENDING ──engine starts it──▶ RUNNING ──▶ FINISHED
 *   any state ──user cancels──▶ CANCELLED (or the job disappears from {@link #jobs()})
 * </pre>
 * A job is <em>under Fairshift's control</em> when the engine's intake marked it as such (Slurm: held at
 * submission by the shipped {@code job_submit.lua}; Kubernetes: a scheduling gate or a suspended Job with
 * the managed label). {@link #jobs()} returns only such jobs, in every state, as long as the engine still
 * knows them, so that the loop sees what started, when and where.
 *
 * <h2>Contract for implementations</h2>
 * <ul>
 *   <li>Every method is <b>idempotent</b>: {@link #applyDecision} with the decision already recorded changes
 *       nothing; {@link #release} of a job that is no longer held returns {@code false} and changes nothing.
 *       Running the loop twice on the same state therefore changes nothing.
 *   <li>Every method is <b>all or nothing</b> from the loop's point of view: when it throws, the job is left
 *       as it was before the call, or in a state that the next {@link #jobs()} reports truthfully (the loop
 *       retries on its next tick). In particular {@link #release} never leaves a job half-released.
 *   <li>Every call is <b>bounded in time</b>; a call that does not finish in the adapter's timeout throws
 *       {@link EngineTimeoutException}.
 *   <li>Errors are the typed {@link EngineException}s below; no other exception escapes for engine faults.
 *   <li>A job whose engine fields the adapter cannot read is still returned, with
 *       {@link EngineJob#fieldProblems()} naming the field; the loop then releases it untouched.
 *   <li>Implementations are thread-safe; the loop calls them from one thread at a time.
 * </ul>
 *
 * <h2>When Fairshift itself is down</h2>
 * The loop releases every held job no later than its latest feasible start (deadline minus time limit) while
 * it runs. So that a job also runs by its deadline when the loop is <em>not</em> running, an adapter should,
 * where its engine allows, make the hold expire on its own at the latest start: for Slurm, hold the job with a
 * begin time ({@code StartTime}) set to its latest start at submission instead of a plain hold, and let
 * {@link #release} set {@code StartTime=now}; Kubernetes has no such timer, so there the documented rule is
 * that a gated object waits at most until the controller is back. {@link JobState#HELD} covers both kinds of
 * hold.
 *
 * <p>Hubs are named by the engine's own name ({@link HubCapacity#pool()}: the Slurm partition, the value of
 * the Kubernetes node-pool label); the loop's configuration maps them to Fairshift hubs with grid zone, PUE
 * and power factors.
 *
 * <pre>{@code
 * Engine engine = new SlurmEngine(commands, Duration.ofSeconds(10));   // an adapter module
 * PlanningLoop loop = PlanningLoop.builder(engine, LoopConfig.read(Path.of("slurm.yaml")))
 *     .clock(Clock.systemUTC())
 *     .build();
 * loop.start();   // ticks every slot and on every engine change
 * }</pre>
 */
public interface Engine {

  /** A short name for logs and metrics, e.g. {@code "slurm"} or {@code "kubernetes"}. */
  String name();

  /**
   * The engine's hubs (partitions / node pools) and their capacity now.
   *
   * @throws EngineUnavailableException the engine cannot be reached
   * @throws EngineTimeoutException the engine did not answer in time
   */
  List<HubCapacity> hubs();

  /**
   * Every job under Fairshift's control that the engine still knows, in every state, with its requested
   * fields and the decision recorded on it (if any). Jobs the engine has forgotten (purged after they ended)
   * may be missing; jobs cancelled by their users are either {@link JobState#CANCELLED} or missing.
   *
   * @throws EngineUnavailableException the engine cannot be reached
   * @throws EngineTimeoutException the engine did not answer in time
   */
  List<EngineJob> jobs();

  /**
   * Records {@code decision} on the held job {@code jobId}'s own record (Slurm: partition, StartTime and a
   * marker in the admin comment; Kubernetes: annotations and the hub's node selector) so that a restart reads
   * it back through {@link EngineJob#decision()}. Does not release the job. Recording the decision that is
   * already there changes nothing.
   *
   * @throws JobGoneException the job no longer exists or is no longer held (it started or was cancelled)
   * @throws EngineRejectedException the engine refused the change (e.g. the pool does not exist)
   * @throws EngineUnavailableException the engine cannot be reached
   * @throws EngineTimeoutException the engine did not answer in time
   */
  void applyDecision(String jobId, Decision decision);

  /**
   * Releases the held job {@code jobId} so that the engine may start it now (Slurm: {@code scontrol
   * release}; Kubernetes: remove the scheduling gate or unsuspend the Job), on {@link Release#pool()} if
   * given (set in the same call, before the release) or else where the job itself asked to run.
   *
   * @return {@code true} if this call released the job; {@code false} if it was not held any more (already
   *     released, running, finished): nothing changed
   * @throws JobGoneException the job no longer exists
   * @throws EngineRejectedException the engine refused the change
   * @throws EngineUnavailableException the engine cannot be reached
   * @throws EngineTimeoutException the engine did not answer in time
   */
  boolean release(String jobId, Release release);

  /**
   * Registers a listener called when the engine's state changes (a job submitted, started, cancelled), so
   * that the loop reconciles at once rather than at its next tick. Engines that can only be polled keep
   * this default, which never calls the listener.
   *
   * @return a handle that unregisters the listener
   */
  default AutoCloseable onChange(Runnable listener) {
    return () -> { };
  }
}
