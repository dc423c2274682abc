package dev.fairshift.service;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link FairshiftService#start} needs: where to listen, the token and every limit. Build
 * with {@link #builder()}; every setter validates and says what a good value looks like.
 *
 * <p>The defaults bind loopback only ({@code 127.0.0.1:8080}) with no token; binding any other
 * address needs {@link Builder#token(AuthToken)}, or the service refuses to start.
 *
 * @param host the address to bind (default {@code 127.0.0.1})
 * @param port the TCP port, 0 for a free one (default 8080)
 * @param token the bearer token required on every request but health and readiness (default none;
 *     required unless {@code host} is a loopback address)
 * @param maxBodyBytes the largest request body; larger ones answer 413 (default 16 MiB)
 * @param maxHeaderBytes the largest request line and headers; larger ones answer 431 or 414 (default 8 KiB)
 * @param defaultTimeLimit a solve's time limit when the request names none (default 10 s)
 * @param maxTimeLimit the largest {@code timeLimit} a request may ask for; more answers 400 (default 5 min)
 * @param maxConcurrentSolves solves running at once, synchronous and jobs together; one more answers
 *     503 with {@code Retry-After} (default: the number of processors)
 * @param maxConcurrentRequests requests parsing or evaluating at once; one more
 *     answers 503 with {@code Retry-After} (default 8); keeps request threads free for health
 * @param retryAfter what {@code Retry-After} says on a 503 (default 5 s)
 * @param maxThreads request threads (default 32; solves run on their own {@code maxConcurrentSolves} threads).
 *     Tasks waiting for a request thread are bounded by {@code maxConnections}: HTTP/1.1 has one request
 *     in flight per connection (Jetty warns against a bounded task queue, which can drop its own tasks)
 * @param maxConnections open connections; the service stops accepting beyond (default 256)
 * @param idleTimeout a connection with no bytes in either direction for this long is closed; a read or
 *     write waiting this long fails, so a client that stops reading its answer is dropped (default 30 s)
 * @param readTimeout a request's line, headers and body must all arrive within this long after its first
 *     byte; a slower client gets 408 and is disconnected (default 30 s)
 * @param maxRetainedJobs solve jobs kept, running or finished; a new one beyond evicts the oldest finished
 *     job, or answers 503 when all are running (default 64)
 * @param jobRetention how long a finished job stays readable (default 15 min)
 * @param shutdownGrace how long {@link RunningService#close()} waits for requests in flight (default 10 s)
 * @param clock the clock of job timestamps and expiry (default UTC system clock)
 * @param routes read-only GET routes of other modules, by path (e.g. {@code /metrics})
 * @param onSolved told of every schedule solved (default {@link SolvedListener#NONE})
 */
public record ServiceConfig(
    String host,
    int port,
    Optional<AuthToken> token,
    long maxBodyBytes,
    int maxHeaderBytes,
    Duration defaultTimeLimit,
    Duration maxTimeLimit,
    int maxConcurrentSolves,
    int maxConcurrentRequests,
    Duration retryAfter,
    int maxThreads,
    int maxConnections,
    Duration idleTimeout,
    Duration readTimeout,
    int maxRetainedJobs,
    Duration jobRetention,
    Duration shutdownGrace,
    Clock clock,
    Map<String, RouteHandler> routes,
    SolvedListener onSolved) {

  /** The built-in endpoints; mounted routes may not use these paths. */
  static final String API_PREFIX = "/v1/";

  public ServiceConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(defaultTimeLimit, "defaultTimeLimit");
    Objects.requireNonNull(maxTimeLimit, "maxTimeLimit");
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(jobRetention, "jobRetention");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(onSolved, "onSolved");
    routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
    if (defaultTimeLimit.compareTo(maxTimeLimit) > 0) {
      throw new IllegalArgumentException("defaultTimeLimit " + defaultTimeLimit + " is above maxTimeLimit "
          + maxTimeLimit + ". Maybe raise maxTimeLimit or lower defaultTimeLimit.");
    }
    if (maxThreads < maxConcurrentRequests + 4) {
      throw new IllegalArgumentException("maxThreads " + maxThreads + " leaves fewer than 4 request threads for "
          + "health beside maxConcurrentRequests " + maxConcurrentRequests + ". Maybe use maxThreads "
          + (maxConcurrentRequests + 8) + ".");
    }
  }

  /** The defaults: loopback, port 8080, no token, the limits listed in the class comment. */
  public static ServiceConfig defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.host = host;
    b.port = port;
    b.token = token;
    b.maxBodyBytes = maxBodyBytes;
    b.maxHeaderBytes = maxHeaderBytes;
    b.defaultTimeLimit = defaultTimeLimit;
    b.maxTimeLimit = maxTimeLimit;
    b.maxConcurrentSolves = maxConcurrentSolves;
    b.maxConcurrentRequests = maxConcurrentRequests;
    b.retryAfter = retryAfter;
    b.maxThreads = maxThreads;
    b.maxConnections = maxConnections;
    b.idleTimeout = idleTimeout;
    b.readTimeout = readTimeout;
    b.maxRetainedJobs = maxRetainedJobs;
    b.jobRetention = jobRetention;
    b.shutdownGrace = shutdownGrace;
    b.clock = clock;
    b.routes.putAll(routes);
    b.onSolved = onSolved;
    return b;
  }

  @Override
  public String toString() {
    // The token's own toString names only its source.
    return "ServiceConfig[" + host + ":" + port + ", token=" + token.map(Object::toString).orElse("none")
        + ", maxBodyBytes=" + maxBodyBytes + ", maxTimeLimit=" + maxTimeLimit + ", maxConcurrentSolves="
        + maxConcurrentSolves + ", routes=" + routes.keySet() + "]";
  }

  /** A builder of {@link ServiceConfig}; setters validate. Not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8080;
    private Optional<AuthToken> token = Optional.empty();
    private long maxBodyBytes = 16L << 20;
    private int maxHeaderBytes = 8 << 10;
    private Duration defaultTimeLimit = Duration.ofSeconds(10);
    private Duration maxTimeLimit = Duration.ofMinutes(5);
    private int maxConcurrentSolves = Math.max(1, Runtime.getRuntime().availableProcessors());
    private int maxConcurrentRequests = 8;
    private Duration retryAfter = Duration.ofSeconds(5);
    private int maxThreads = 32;
    private int maxConnections = 256;
    private Duration idleTimeout = Duration.ofSeconds(30);
    private Duration readTimeout = Duration.ofSeconds(30);
    private int maxRetainedJobs = 64;
    private Duration jobRetention = Duration.ofMinutes(15);
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private Clock clock = Clock.systemUTC();
    private final Map<String, RouteHandler> routes = new LinkedHashMap<>();
    private SolvedListener onSolved = SolvedListener.NONE;

    private Builder() {}

    /** Tells {@code listener} of every schedule the service solves (see {@link SolvedListener}). */
    public Builder onSolved(SolvedListener listener) {
      this.onSolved = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The address to bind, e.g. {@code 127.0.0.1}, {@code ::1} or {@code 0.0.0.0} (which needs a token). */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
        throw new IllegalArgumentException("host must be an address or name without spaces or control "
            + "characters. Maybe use 127.0.0.1.");
      }
      this.host = host;
      return this;
    }

    /** The port, 0..65535 (0 picks a free one). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port is " + port + " but must be from 0 to 65535. Maybe use 8080, "
            + "or 0 for a free port.");
      }
      this.port = port;
      return this;
    }

    /** The bearer token every request but health and readiness must carry. */
    public Builder token(AuthToken token) {
      this.token = Optional.of(Objects.requireNonNull(token, "token"));
      return this;
    }

    public Builder maxBodyBytes(long bytes) {
      this.maxBodyBytes = atLeast("maxBodyBytes", bytes, 1024, "16777216 (16 MiB)");
      if (bytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("maxBodyBytes is " + bytes + " but must be below 2 GiB. Maybe use 16777216 (16 MiB).");
      }
      return this;
    }

    public Builder maxHeaderBytes(int bytes) {
      this.maxHeaderBytes = (int) atLeast("maxHeaderBytes", bytes, 1024, "8192");
      if (bytes > 1 << 20) {
        throw new IllegalArgumentException("maxHeaderBytes is " + bytes + " but must be at most 1 MiB. Maybe use 8192.");
      }
      return this;
    }

    public Builder defaultTimeLimit(Duration limit) {
      this.defaultTimeLimit = positive("defaultTimeLimit", limit);
      return this;
    }

    public Builder maxTimeLimit(Duration limit) {
      this.maxTimeLimit = positive("maxTimeLimit", limit);
      if (limit.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("maxTimeLimit is " + limit + " but must be at most a day. Maybe use PT5M.");
      }
      return this;
    }

    public Builder maxConcurrentSolves(int count) {
      this.maxConcurrentSolves = (int) between("maxConcurrentSolves", count, 1, 1024, "the number of processors");
      return this;
    }

    public Builder maxConcurrentRequests(int count) {
      this.maxConcurrentRequests = (int) between("maxConcurrentRequests", count, 1, 4096, "8");
      return this;
    }

    public Builder retryAfter(Duration wait) {
      this.retryAfter = positive("retryAfter", wait);
      if (wait.getSeconds() < 1) {
        throw new IllegalArgumentException("retryAfter is " + wait + " but Retry-After counts whole seconds. Maybe use PT1S.");
      }
      return this;
    }

    public Builder maxThreads(int count) {
      this.maxThreads = (int) between("maxThreads", count, 8, 10_000, "32");
      return this;
    }

    public Builder maxConnections(int count) {
      this.maxConnections = (int) between("maxConnections", count, 1, 1_000_000, "256");
      return this;
    }

    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive("idleTimeout", timeout);
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive("readTimeout", timeout);
      return this;
    }

    public Builder maxRetainedJobs(int count) {
      this.maxRetainedJobs = (int) between("maxRetainedJobs", count, 1, 100_000, "64");
      return this;
    }

    public Builder jobRetention(Duration retention) {
      this.jobRetention = positive("jobRetention", retention);
      return this;
    }

    public Builder shutdownGrace(Duration grace) {
      this.shutdownGrace = positive("shutdownGrace", grace);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Mounts a read-only GET route at {@code path}, e.g. {@code /metrics}: a path of letters, digits,
     * {@code - _ . /}, outside the service's own {@code /v1/} and not mounted twice.
     */
    public Builder route(String path, RouteHandler handler) {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(handler, "handler");
      if (!path.matches("/[A-Za-z0-9._/-]*") || path.contains("//") || path.contains("/./") || path.contains("/../")
          || path.endsWith("/.") || path.endsWith("/..")) {
        throw new IllegalArgumentException("Route path '" + path.replaceAll("\\p{Cntrl}", "?") + "' must start with '/' "
            + "and hold only letters, digits, '-', '_', '.' and single '/'. Maybe use /metrics.");
      }
      if (path.startsWith(API_PREFIX) || path.equals("/v1")) {
        throw new IllegalArgumentException("Route path " + path + " lies in the service's own " + API_PREFIX
            + " API. Maybe mount it at /" + path.substring(path.lastIndexOf('/') + 1) + ".");
      }
      if (routes.containsKey(path)) {
        throw new IllegalArgumentException("Route path " + path + " is mounted twice. Maybe combine the handlers.");
      }
      routes.put(path, handler);
      return this;
    }

    public ServiceConfig build() {
      return new ServiceConfig(host, port, token, maxBodyBytes, maxHeaderBytes, defaultTimeLimit, maxTimeLimit,
          maxConcurrentSolves, maxConcurrentRequests, retryAfter, maxThreads, maxConnections,
          idleTimeout, readTimeout, maxRetainedJobs, jobRetention, shutdownGrace, clock, routes, onSolved);
    }

    private static long atLeast(String name, long value, long min, String example) {
      if (value < min) {
        throw new IllegalArgumentException(name + " is " + value + " but must be at least " + min + ". Maybe use "
            + example + ".");
      }
      return value;
    }

    private static long between(String name, long value, long min, long max, String example) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(name + " is " + value + " but must be from " + min + " to " + max
            + ". Maybe use " + example + ".");
      }
      return value;
    }

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " is " + d + " but must be positive. Maybe use PT10S.");
      }
      if (d.compareTo(Duration.ofDays(365)) > 0) {
        throw new IllegalArgumentException(name + " is " + d + " but must be at most a year.");
      }
      return d;
    }
  }
}
