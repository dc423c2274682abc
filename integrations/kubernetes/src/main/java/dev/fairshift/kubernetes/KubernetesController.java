package dev.fairshift.kubernetes;

import dev.fairshift.integrations.LoopConfig;
import dev.fairshift.integrations.PlanningLoop;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica of the Fairshift controller: the {@link KubernetesEngine}'s informers run in every replica (so a
 * new leader starts with a warm cache), and fabric8's {@link LeaderElector} on a {@code coordination.k8s.io/v1}
 * Lease decides which replica runs the {@link PlanningLoop}. Only the leader's loop passes, and the engine
 * refuses writes from a replica that is not (or no longer) the leader, so two replicas never both act. When the
 * leader stops (or loses the Lease) another takes over after at most the Lease duration and carries on from the
 * annotations.
 *
 * <pre>{@code
 * KubernetesController controller = KubernetesController.start(client, config.loop(), config.options(),
 *     b -> b);                        // or customise the loop: b -> b.intensityFeed(feed)
 * controller.loop().scrape();         // metrics, in every replica
 * controller.close();                 // releases the Lease so another replica takes over at once
 * }</pre>
 */
public final class KubernetesController implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesController.class);

  private final KubernetesOptions options;
  private final AtomicBoolean leading = new AtomicBoolean();
  private final AtomicReference<String> leader = new AtomicReference<>();
  private final KubernetesEngine engine;
  private final PlanningLoop loop;
  private final KubernetesClient client;
  private final Object lifecycle = new Object();
  private boolean closed;
  private CompletableFuture<?> election;

  private KubernetesController(KubernetesClient client, LoopConfig config, KubernetesOptions options,
      UnaryOperator<PlanningLoop.Builder> customize) {
    this.options = options;
    this.client = client;
    this.engine = KubernetesEngine.start(client, options, leading::get);
    PlanningLoop built;
    try {
      built = customize.apply(PlanningLoop.builder(engine, config).clock(options.clock())).build();
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    this.loop = built;
    synchronized (lifecycle) {
      elect();
    }
  }

  private void electUnlessClosed() {
    synchronized (lifecycle) {
      if (!closed) {
        elect();
      }
    }
  }

  /**
   * Runs for the Lease. fabric8's elector ends once this replica loses the Lease; it is then started again, so a
   * replica that lost the Lease (a slow renewal, an API server restart) becomes a candidate again.
   */
  private void elect() {
    KubernetesOptions.Lease lease = options.lease();
    LeaderElector elector = client.leaderElector()
        .withConfig(new LeaderElectionConfigBuilder()
            .withName("fairshift")
            .withLock(new LeaseLock(lease.namespace(), lease.name(), options.identity()))
            .withLeaseDuration(lease.duration())
            .withRenewDeadline(lease.renewDeadline())
            .withRetryPeriod(lease.retryPeriod())
            .withReleaseOnCancel(true)
            .withLeaderCallbacks(new LeaderCallbacks(this::startLeading, this::stopLeading, this::newLeader))
            .build())
        .build();
    CompletableFuture<?> run = elector.start();
    election = run;
    run.whenComplete((done, failure) -> {
      synchronized (lifecycle) {
        if (!closed && election == run) {
          if (failure != null && !(failure instanceof java.util.concurrent.CancellationException)) {
            LOG.warn("Leader election of {} ended ({}); running for the Lease again.", options.identity(),
                failure.toString());
          }
          // after one retry period, so that an election that ends at once cannot spin
          CompletableFuture.runAsync(this::electUnlessClosed, CompletableFuture.delayedExecutor(
              options.lease().retryPeriod().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
        }
      }
    });
  }

  /**
   * Starts a replica: the engine's informers (waiting for their first list), then the election. {@code customize}
   * may set the loop's intensity feed, registry or scheduler; its clock is the options' clock.
   *
   * @throws dev.fairshift.integrations.EngineUnavailableException the cluster cannot be listed in time
   */
  public static KubernetesController start(KubernetesClient client, LoopConfig config, KubernetesOptions options,
      UnaryOperator<PlanningLoop.Builder> customize) {
    return new KubernetesController(Objects.requireNonNull(client, "client"), Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(options, "options"), Objects.requireNonNull(customize, "customize"));
  }

  private void startLeading() {
    LOG.info("{} holds the Lease {}/{}: planning.", options.identity(), options.lease().namespace(),
        options.lease().name());
    leading.set(true);
    try {
      loop.start();
    } catch (IllegalStateException alreadyStarted) {
      // leadership came back before the previous stop finished: the loop runs
    }
  }

  private void stopLeading() {
    leading.set(false);
    loop.close();
    LOG.info("{} no longer holds the Lease {}/{}: stopped planning; the annotations keep every decision.",
        options.identity(), options.lease().namespace(), options.lease().name());
  }

  private void newLeader(String identity) {
    leader.set(identity);
    if (!identity.equals(options.identity())) {
      LOG.info("Leader is {}; {} waits.", identity, options.identity());
    }
  }

  /** Whether this replica holds the Lease (and so runs the loop) now. */
  public boolean leading() {
    return leading.get();
  }

  /** The identity of the last leader this replica saw, if any. */
  public Optional<String> leader() {
    return Optional.ofNullable(leader.get());
  }

  /** This replica's planning loop (passes only while leading); its metrics and status serve in every replica. */
  public PlanningLoop loop() {
    return loop;
  }

  /** This replica's engine. */
  public KubernetesEngine engine() {
    return engine;
  }

  /** Stops acting, releases the Lease (another replica takes over at its next try) and stops the informers. */
  @Override
  public void close() {
    CompletableFuture<?> run;
    synchronized (lifecycle) {
      closed = true;
      run = election;
    }
    leading.set(false);
    run.cancel(true);
    loop.close();
    engine.close();
  }
}
