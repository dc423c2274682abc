package dev.fairshift.service;

import dev.fairshift.service.internal.ServiceHandler;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started service. {@link #close()} stops it gracefully: readiness answers 503, new solves are
 * refused, running solves are asked to stop (each answers with its best schedule so far), requests
 * in flight get up to {@code shutdownGrace} to finish, then the port is released. Thread-safe.
 */
public final class RunningService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

  private final Server server;
  private final ServerConnector connector;
  private final ServiceHandler handler;
  private final ExecutorService solvers;
  private final ScheduledExecutorService timers;
  private final ServiceConfig config;
  private final CountDownLatch stopped = new CountDownLatch(1);

  RunningService(Server server, ServerConnector connector, ServiceHandler handler, ExecutorService solvers,
      ScheduledExecutorService timers, ServiceConfig config) {
    this.server = server;
    this.connector = connector;
    this.handler = handler;
    this.solvers = solvers;
    this.timers = timers;
    this.config = config;
  }

  /** The port it listens on (the one picked when configured with 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** The configured host. */
  public String host() {
    return config.host();
  }

  /** {@code http://host:port}, e.g. for a client. */
  public URI uri() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return URI.create("http://" + host + ":" + port());
  }

  /** Its configuration. */
  public ServiceConfig config() {
    return config;
  }

  /** Blocks until {@link #close()} has finished (or the thread is interrupted). */
  public void awaitTermination() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops gracefully; see the class comment. Idempotent. */
  @Override
  public void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    synchronized (this) {
      if (stopped.getCount() == 0) {
        return;
      }
      handler.beginShutdown();
      stopQuietly(server, solvers, timers, config.shutdownGrace());
      stopped.countDown();
    }
  }

  static void stopQuietly(Server server, ExecutorService solvers, ScheduledExecutorService timers, Duration grace) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("The HTTP server did not stop cleanly: {}", e.toString());
    }
    solvers.shutdown();
    try {
      if (!solvers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        solvers.shutdownNow();
      }
    } catch (InterruptedException e) {
      solvers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    timers.shutdownNow();
  }
}
