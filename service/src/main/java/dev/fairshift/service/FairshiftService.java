package dev.fairshift.service;

import dev.fairshift.core.FairshiftException;
import dev.fairshift.service.internal.GuardedHttpConnectionFactory;
import dev.fairshift.service.internal.JsonErrorHandler;
import dev.fairshift.service.internal.ServiceHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Fairshift over HTTP, for Kubernetes, Slurm, Nomad or in-house schedulers: schedule, evaluate,
 * long solves as jobs, health and readiness, and the read-only routes other modules mount (see the
 * README section "HTTP service").
 *
 * <pre>{@code
 * try (RunningService service = FairshiftService.start(ServiceConfig.builder().port(8080).build())) {
 *   service.awaitTermination();
 * }
 * }</pre>
 *
 * <p>Runs on Jetty 12's core API: a bounded request thread pool and queue, a connection limit,
 * idle and read timeouts, and a graceful stop. Solves run on their own pool.
 */
public final class FairshiftService {
  private FairshiftService() {}

  /**
   * Starts serving as {@code config} says.
   *
   * @throws FairshiftException when the host is not loopback and no token is configured, when the
   *     host cannot be resolved, or when the port cannot be bound; the message says what to change
   */
  public static RunningService start(ServiceConfig config) {
    InetAddress address;
    try {
      address = InetAddress.getByName(config.host());
    } catch (UnknownHostException e) {
      throw new FairshiftException("Cannot resolve host '" + config.host() + "'. Maybe use 127.0.0.1 (this machine "
          + "only) or 0.0.0.0 (every interface, with a token).");
    }
    if (!address.isLoopbackAddress() && config.token().isEmpty()) {
      throw new FairshiftException("Refusing to listen on " + config.host() + " without an auth token: anyone who can "
          + "reach it could run solves. Maybe give a token from a file (chmod 600) or an environment variable, or bind "
          + "127.0.0.1.");
    }

    // The task queue is bounded by maxConnections (one request in flight per HTTP/1.1 connection).
    QueuedThreadPool threads = new QueuedThreadPool(config.maxThreads(), Math.min(8, config.maxThreads()));
    threads.setName("fairshift-http");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(config.maxHeaderBytes());
    http.setIdleTimeout(config.idleTimeout().toMillis());
    ServerConnector connector = new ServerConnector(server, 1, 1,
        new GuardedHttpConnectionFactory(http, config.readTimeout()));
    connector.setHost(config.host());
    connector.setPort(config.port());
    connector.setIdleTimeout(config.idleTimeout().toMillis());
    connector.setAcceptQueueSize(Math.min(128, config.maxConnections()));
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(config.maxConnections(), connector));
    server.setErrorHandler(new JsonErrorHandler());
    server.setStopTimeout(config.shutdownGrace().toMillis());

    ExecutorService solvers = Executors.newFixedThreadPool(config.maxConcurrentSolves(), named("fairshift-solve"));
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(named("fairshift-timer"));
    ServiceHandler handler = new ServiceHandler(config, solvers, timers);
    server.setHandler(new GracefulHandler(handler));
    try {
      server.start();
    } catch (Exception e) {
      RunningService.stopQuietly(server, solvers, timers, config.shutdownGrace());
      Throwable cause = e instanceof IOException || e.getCause() == null ? e : e.getCause();
      String why = cause instanceof java.net.BindException ? "the address is in use or not this machine's"
          : "the server could not start";
      throw new FairshiftException("Cannot listen on " + config.host() + ":" + config.port() + ": " + why
          + ". Maybe another process uses the port; use port 0 for a free one.", e);
    }
    return new RunningService(server, connector, handler, solvers, timers, config);
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
