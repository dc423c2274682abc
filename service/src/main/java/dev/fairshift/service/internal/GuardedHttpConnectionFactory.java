package dev.fairshift.service.internal;

import dev.fairshift.core.ProblemError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * HTTP/1.1 connections that bound how long a request line and headers may take: once the first
 * byte of a request has arrived, the rest of its head must arrive within {@code readTimeout}, and a
 * connection idle in the middle of a head is answered too. Either way the client gets 408 with the
 * error JSON and the connection closes, so that clients trickling half a request line hold a
 * connection for at most {@code readTimeout}, never a thread.
 */
public final class GuardedHttpConnectionFactory extends HttpConnectionFactory {
  private final Duration readTimeout;

  public GuardedHttpConnectionFactory(HttpConfiguration configuration, Duration readTimeout) {
    super(configuration);
    this.readTimeout = readTimeout;
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    GuardedConnection connection = new GuardedConnection(getHttpConfiguration(), connector, endPoint);
    connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
    connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
    return configure(connection, connector, endPoint);
  }

  private final class GuardedConnection extends HttpConnection {
    private final Scheduler scheduler;
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile long headStartedNanos;
    private volatile Scheduler.Task deadline;

    GuardedConnection(HttpConfiguration configuration, Connector connector, EndPoint endPoint) {
      super(configuration, connector, endPoint);
      this.scheduler = connector.getScheduler();
    }

    private boolean inHead() {
      HttpParser.State state = getParser().getState();
      return state.compareTo(HttpParser.State.START) > 0 && state.compareTo(HttpParser.State.HEADER) <= 0;
    }

    @Override
    public void onFillable() {
      super.onFillable();
      if (inHead()) {
        if (headStartedNanos == 0) {
          long started = System.nanoTime();
          headStartedNanos = started;
          long messages = getMessagesIn();
          deadline = scheduler.schedule(() -> {
            if (headStartedNanos == started && getMessagesIn() == messages && inHead()) {
              answer408();
            }
          }, readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
      } else {
        headStartedNanos = 0;
        Scheduler.Task task = deadline;
        if (task != null) {
          task.cancel();
        }
      }
    }

    @Override
    public boolean onIdleExpired(TimeoutException timeout) {
      if (inHead()) {
        answer408();
        return false;
      }
      return super.onIdleExpired(timeout);
    }

    @Override
    public void onClose(Throwable cause) {
      Scheduler.Task task = deadline;
      if (task != null) {
        task.cancel();
      }
      super.onClose(cause);
    }

    private void answer408() {
      if (!answered.compareAndSet(false, true)) {
        return;
      }
      String requestId = RequestIds.next();
      byte[] body;
      try {
        body = ServiceHandler.MAPPER.writeValueAsBytes(ErrorBodies.body(List.of(new ProblemError("$",
            "The request line and headers did not arrive within " + Text.duration(readTimeout)
                + ". Maybe check the network.")), requestId));
      } catch (java.io.IOException e) {
        getEndPoint().close();
        return;
      }
      String head = "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: "
          + body.length + "\r\n" + RequestIds.HEADER + ": " + requestId + "\r\nConnection: close\r\n\r\n";
      ByteBuffer out = ByteBuffer.allocate(head.length() + body.length);
      out.put(head.getBytes(StandardCharsets.US_ASCII)).put(body).flip();
      EndPoint endPoint = getEndPoint();
      endPoint.write(Callback.from(endPoint::close, failure -> endPoint.close()), out);
    }
  }
}
