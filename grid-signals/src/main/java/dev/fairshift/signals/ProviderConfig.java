package dev.fairshift.signals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * Settings every provider client shares: base URL, timeouts, the HTTP client and JSON mapper to
 * build on, retries, the clock and the sleeper. Subclasses add the provider's credentials and
 * options: {@link UkCarbonIntensityConfig}, {@link ElectricityMapsConfig}, {@link WattTimeConfig}
 * and {@link CarbonAwareSdkConfig}.
 *
 * <p>When a caller supplies an {@link OkHttpClient}, the provider client derives its own from it
 * with {@link OkHttpClient#newBuilder()} (sharing the connection pool and dispatcher), applies the
 * timeouts configured here and adds its authentication and retry interceptors; the caller's client
 * is not changed.
 *
 * <p>Every call is bounded: {@link #callTimeout()} (default 60 s, retries included) and
 * {@link #maxResponseBytes()} (default 16 MiB, after decompression). Redirects are followed only
 * within the base URL's origin (scheme, host and port), with the credentials; a redirect anywhere
 * else is not followed and ends in a {@link RequestRejectedException}, so credentials never reach
 * another host. This holds for a caller's client too: the derived client turns OkHttp's own
 * redirect following off.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows every setting except credentials, which
 * appear as {@code ***}.
 */
public abstract class ProviderConfig {
  /** The default {@link #callTimeout()}: 60 seconds. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
  /** The default {@link #maxResponseBytes()}: 16 MiB (a month of WattTime's 5-minute points is about 0.6 MiB). */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L << 20;

  private final URI baseUrl;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final long maxResponseBytes;
  private final OkHttpClient httpClient;
  private final ObjectMapper objectMapper;
  private final RetryPolicy retryPolicy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final InvalidValuePolicy invalidValues;

  ProviderConfig(Builder<?> builder) {
    this.baseUrl = builder.baseUrl;
    this.connectTimeout = builder.connectTimeout;
    this.readTimeout = builder.readTimeout;
    this.callTimeout = builder.callTimeout;
    this.maxResponseBytes = builder.maxResponseBytes;
    this.httpClient = builder.httpClient;
    this.objectMapper = builder.objectMapper == null ? new ObjectMapper() : builder.objectMapper;
    this.retryPolicy = builder.retryPolicy;
    this.clock = builder.clock;
    this.sleeper = builder.sleeper;
    this.invalidValues = builder.invalidValues;
  }

  /** The provider's short name, used as the source name and in messages, e.g. {@code watttime}. */
  public abstract String providerName();

  /** The base URL requests are resolved against, e.g. {@code https://api.watttime.org}. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The TCP connect timeout of one attempt (default 10 s; zero means none). */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The read (and write) timeout of one attempt (default 30 s; zero means none). */
  public Duration readTimeout() {
    return readTimeout;
  }

  /**
   * The limit on one call to the provider, from the first byte sent to the last byte read,
   * retries and their waits included (default {@link #DEFAULT_CALL_TIMEOUT}; zero means none). A
   * provider that trickles its answer fails with a {@link ProviderUnavailableException} when it
   * passes. A question that needs several requests (long intervals are asked in chunks) has this
   * limit per request.
   */
  public Duration callTimeout() {
    return callTimeout;
  }

  /**
   * The largest answer body read, in bytes after decompression (default
   * {@link #DEFAULT_MAX_RESPONSE_BYTES}). A larger answer fails with a
   * {@link MalformedResponseException} as soon as the limit is passed (or at once when its
   * {@code Content-Length} says so), without reading the rest.
   */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /** The caller's HTTP client to build on, if one was given. */
  public Optional<OkHttpClient> httpClient() {
    return Optional.ofNullable(httpClient);
  }

  /** The JSON mapper that reads the provider's answers (the caller's, or a plain one). */
  public ObjectMapper objectMapper() {
    return objectMapper;
  }

  /** How failed requests are retried (default {@link RetryPolicy#defaults()}). */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** The clock that dates tokens, resolves {@code Retry-After} dates and "now" (default UTC system clock). */
  public Clock clock() {
    return clock;
  }

  /** How the client waits between retries (default {@link Sleeper#system()}). */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** What happens to negative, NaN or implausibly high values (default {@link InvalidValuePolicy#REJECT}). */
  public InvalidValuePolicy invalidValues() {
    return invalidValues;
  }

  /** The credentials for {@link #toString()}, with every secret replaced by {@code ***}. */
  abstract String describeCredentials();

  @Override
  public String toString() {
    String name = getClass().getSimpleName();
    return name + "{baseUrl=" + baseUrl + ", " + describeCredentials()
        + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
        + ", callTimeout=" + callTimeout + ", maxResponseBytes=" + maxResponseBytes + ", httpClient=" + (httpClient == null ? "default" : "caller's")
        + ", retryPolicy=" + retryPolicy + ", clock=" + clock + ", invalidValues=" + invalidValues + "}";
  }

  /**
   * The settings shared by every provider builder. Setters validate their argument and throw
   * {@link IllegalArgumentException}; {@code build()} throws {@link IllegalStateException} when a
   * required setting is missing.
   *
   * @param <B> the concrete builder type, returned by every setter
   */
  public abstract static class Builder<B extends Builder<B>> {
    private URI baseUrl;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private OkHttpClient httpClient;
    private ObjectMapper objectMapper;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private InvalidValuePolicy invalidValues = InvalidValuePolicy.REJECT;

    Builder(URI defaultBaseUrl) {
      this.baseUrl = defaultBaseUrl;
    }

    abstract B self();

    /** The base URL, e.g. a proxy, a self-hosted service or a test server. Must be http or https. */
    public B baseUrl(URI url) {
      this.baseUrl = checkUrl(url);
      return self();
    }

    /** The base URL as text, e.g. {@code https://api.watttime.org}. */
    public B baseUrl(String url) {
      Objects.requireNonNull(url, "url");
      URI parsed;
      try {
        parsed = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Base URL '" + url + "' is not a valid URI. Maybe write it "
            + "like https://api.example.org.", e);
      }
      return baseUrl(parsed);
    }

    /** The TCP connect timeout of one attempt; zero means none. */
    public B connectTimeout(Duration timeout) {
      this.connectTimeout = checkTimeout("connectTimeout", timeout);
      return self();
    }

    /** The read and write timeout of one attempt; zero means none. */
    public B readTimeout(Duration timeout) {
      this.readTimeout = checkTimeout("readTimeout", timeout);
      return self();
    }

    /** The limit on one call including retries and waits; zero means none (not recommended). */
    public B callTimeout(Duration timeout) {
      this.callTimeout = checkTimeout("callTimeout", timeout);
      return self();
    }

    /** The largest answer body read, in bytes after decompression; at least 1 KiB. */
    public B maxResponseBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxResponseBytes must be at least 1024 but was " + bytes
            + ". Maybe use ProviderConfig.DEFAULT_MAX_RESPONSE_BYTES (16 MiB).");
      }
      this.maxResponseBytes = bytes;
      return self();
    }

    /** The caller's HTTP client to build on (shares its connection pool and dispatcher). */
    public B httpClient(OkHttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return self();
    }

    /** The caller's JSON mapper, used only to read answers. */
    public B objectMapper(ObjectMapper mapper) {
      this.objectMapper = Objects.requireNonNull(mapper, "mapper");
      return self();
    }

    /** How failed requests are retried. */
    public B retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return self();
    }

    /** The clock for token expiry, {@code Retry-After} dates and "now". */
    public B clock(Clock newClock) {
      this.clock = Objects.requireNonNull(newClock, "clock");
      return self();
    }

    /** How the client waits between retries; tests pass one that only records. */
    public B sleeper(Sleeper newSleeper) {
      this.sleeper = Objects.requireNonNull(newSleeper, "sleeper");
      return self();
    }

    /** What happens to negative, NaN or implausibly high values. */
    public B invalidValues(InvalidValuePolicy policy) {
      this.invalidValues = Objects.requireNonNull(policy, "policy");
      return self();
    }

    private static URI checkUrl(URI url) {
      Objects.requireNonNull(url, "url");
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
        throw new IllegalArgumentException("Base URL '" + url + "' must be an absolute http or https "
            + "URL with a host. Maybe write it like https://api.example.org.");
      }
      if (url.getRawUserInfo() != null) {
        throw new IllegalArgumentException("Base URL for host '" + url.getHost() + "' must not carry "
            + "user info. Maybe pass the credentials to the config builder instead.");
      }
      if (url.getRawQuery() != null || url.getRawFragment() != null) {
        throw new IllegalArgumentException("Base URL '" + url + "' must not have a query or fragment. "
            + "Maybe drop everything from '?' or '#'.");
      }
      return url;
    }

    private static Duration checkTimeout(String name, Duration timeout) {
      Objects.requireNonNull(timeout, name);
      if (timeout.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative but was " + timeout
            + ". Maybe use Duration.ZERO for no timeout.");
      }
      if (timeout.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException(name + " must be at most one day but was " + timeout
            + ". Maybe use Duration.ofSeconds(60).");
      }
      return timeout;
    }
  }
}
