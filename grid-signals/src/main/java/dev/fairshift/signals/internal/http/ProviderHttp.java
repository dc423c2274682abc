package dev.fairshift.signals.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.fairshift.signals.IntensitySeries;
import dev.fairshift.signals.ProviderConfig;
import dev.fairshift.signals.ProviderException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/**
 * The HTTP plumbing every provider client shares: an {@link OkHttpClient} derived from the config
 * (timeouts, no redirects followed by OkHttp, the provider's authentication interceptors, then the
 * {@link RetryInterceptor}, then {@link SameOriginRedirects}), GET with bounded reading and JSON
 * parsing, and the mapping of every failure to a typed {@link ProviderException} built by
 * {@link Query} (so through the client's {@link Redactor}). Thread-safe.
 */
public final class ProviderHttp {
  /** How many characters of an error body a message quotes. */
  static final int EXCERPT_CHARS = 240;
  /** How many bytes of an error body are looked at. */
  static final int PEEK_BYTES = 4096;
  /** The most requests one question may take (long intervals are asked in chunks). */
  public static final int MAX_REQUESTS_PER_QUESTION = 500;

  private final String provider;
  private final OkHttpClient client;
  private final ObjectMapper mapper;
  private final HttpUrl baseUrl;
  private final Redactor redactor;
  private final String credentialsHint;
  private final Duration callTimeout;
  private final long maxResponseBytes;

  /**
   * Plumbing for {@code config}'s provider.
   *
   * @param authInterceptors interceptors that add credentials, outermost first
   * @param redactor what masks the provider's secrets in every message
   * @param credentialsHint the fix to suggest on 401/403, e.g. "Maybe check the API token."
   */
  public ProviderHttp(ProviderConfig config, List<Interceptor> authInterceptors, Redactor redactor,
      String credentialsHint) {
    this.provider = config.providerName();
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.client = client(config, authInterceptors, redactor);
    this.mapper = config.objectMapper();
    this.baseUrl = toHttpUrl(config.baseUrl());
    this.credentialsHint = Objects.requireNonNull(credentialsHint, "credentialsHint");
    this.callTimeout = config.callTimeout();
    this.maxResponseBytes = config.maxResponseBytes();
  }

  /**
   * A client for {@code config}: its timeouts, OkHttp's redirect following off, then
   * {@code authInterceptors}, the retry interceptor and same-origin redirects.
   */
  static OkHttpClient client(ProviderConfig config, List<Interceptor> authInterceptors, Redactor redactor) {
    OkHttpClient.Builder builder = config.httpClient().map(OkHttpClient::newBuilder)
        .orElseGet(OkHttpClient.Builder::new);
    builder.connectTimeout(config.connectTimeout())
        .readTimeout(config.readTimeout())
        .writeTimeout(config.readTimeout())
        .callTimeout(config.callTimeout())
        .followRedirects(false)
        .followSslRedirects(false);
    authInterceptors.forEach(builder::addInterceptor);
    builder.addInterceptor(new RetryInterceptor(config.providerName(), config.retryPolicy(), config.sleeper(),
        config.clock(), config.maxResponseBytes(), redactor));
    builder.addInterceptor(new SameOriginRedirects());
    builder.addNetworkInterceptor(new RetryAfterClamp());
    return builder.build();
  }

  /** A builder for a URL below the base URL, e.g. {@code url("v3/forecast")}. */
  public HttpUrl.Builder url(String pathSegments) {
    return baseUrl.newBuilder().addPathSegments(pathSegments);
  }

  /** A checked history question to this provider. */
  public Query history(String zone, Instant from, Instant to) {
    return Query.history(provider, zone, from, to, redactor);
  }

  /** A checked forecast question to this provider. */
  public Query forecast(String zone, Instant from, Instant to) {
    return Query.forecast(provider, zone, from, to, redactor);
  }

  /**
   * {@code [from, to)} cut into consecutive {@code [start, end)} pairs of at most {@code max}.
   *
   * @throws dev.fairshift.signals.RequestRejectedException if that takes more than
   *     {@value #MAX_REQUESTS_PER_QUESTION} requests
   */
  public static List<Instant[]> chunks(Query query, Instant from, Instant to, Duration max) {
    Duration total = Duration.between(from, to);
    long totalSeconds = total.getSeconds() + (total.getNano() > 0 ? 1 : 0);
    long maxSeconds = Math.max(1, max.getSeconds());
    long requests = totalSeconds / maxSeconds + (totalSeconds % maxSeconds == 0 ? 0 : 1);
    if (requests > MAX_REQUESTS_PER_QUESTION) {
      throw query.notSent("the interval spans " + total.toDays() + " days, which would take " + requests
          + " requests of at most " + max.toDays() + " days; the limit is " + MAX_REQUESTS_PER_QUESTION
          + ". Maybe ask for a shorter interval.");
    }
    List<Instant[]> chunks = new ArrayList<>();
    Instant start = from;
    while (start.isBefore(to)) {
      Instant end = Duration.between(start, to).compareTo(max) > 0 ? start.plus(max) : to;
      chunks.add(new Instant[] {start, end});
      start = end;
    }
    return chunks;
  }

  /**
   * Runs a source's reading of {@code query}; anything but a {@link ProviderException} escaping it
   * (a bug: every expected failure is typed where it happens) becomes a
   * {@link dev.fairshift.signals.MalformedResponseException} that says so.
   */
  public static IntensitySeries guarded(Query query, Supplier<IntensitySeries> reading) {
    try {
      return reading.get();
    } catch (ProviderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw query.malformed("reading the answer failed unexpectedly (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + query.quote(e.getMessage(), EXCERPT_CHARS))
          + "). This is a bug in Fairshift; please report it with the provider's answer.", e);
    }
  }

  static HttpUrl toHttpUrl(URI uri) {
    HttpUrl url = HttpUrl.parse(uri.toString());
    if (url == null) {
      throw new IllegalArgumentException("Base URL '" + uri + "' is not an http(s) URL.");
    }
    return url;
  }

  /**
   * GETs {@code url} and parses the JSON answer. An answer without content (HTTP 204, or an empty
   * body with another 2xx than 200) gives a {@link MissingNode}.
   *
   * @param bodySaysUnknownZone tells, from a 400/422 error body, whether the provider does not know the zone
   * @throws ProviderException typed by what went wrong
   */
  public JsonNode getJson(HttpUrl url, Query query, Predicate<String> bodySaysUnknownZone) {
    CallContext context = CallContext.startingNow(callTimeout);
    Request request = new Request.Builder().url(url).header("Accept", "application/json")
        .tag(CallContext.class, context).get().build();
    Call call = client.newCall(request);
    try (Response response = call.execute()) {
      int code = response.code();
      if (code >= 200 && code < 300) {
        return parse(response, code, query);
      }
      throw failure(response, code, excerpt(response), context, query, bodySaysUnknownZone, "");
    } catch (LoginFailedException e) {
      CallContext loginContext = e.context == null ? context : e.context;
      if (e.tooLarge) {
        throw tooLarge(query, "the login");
      }
      if (e.malformed) {
        throw query.malformed("the login answered without a readable token" + excerptSuffix(e.excerpt)
            + ". Maybe check the base URL.");
      }
      if (e.statusCode < 0) {
        throw unavailable(OptionalInt.empty(), loginContext, query, "login got no answer", e.getCause());
      }
      throw failure(e.redirect, e.statusCode, e.excerpt, loginContext, query, body -> false, "login ");
    } catch (ResponseTooLargeException e) {
      throw tooLarge(query, "the answer");
    } catch (RuntimeException e) {
      if (e instanceof ProviderException typed) {
        throw typed;
      }
      // The HTTP client itself choked on the answer (its header or framing): unusable, like no answer.
      throw unavailable(OptionalInt.empty(), context, query, "the HTTP client could not read the answer", e);
    } catch (IOException e) {
      boolean timedOut = !callTimeout.isZero() && e instanceof InterruptedIOException
          && !(e instanceof SocketTimeoutException) && call.isCanceled();
      throw unavailable(OptionalInt.empty(), context, query, timedOut
          ? "no complete answer within the call timeout of " + callTimeout : "no answer", e);
    }
  }

  private ProviderException tooLarge(Query query, String what) {
    return query.malformed(what + " is larger than maxResponseBytes (" + maxResponseBytes + " bytes); "
        + "reading stopped there. Maybe ask for a shorter interval, or raise maxResponseBytes.");
  }

  private JsonNode parse(Response response, int code, Query query) throws IOException {
    String body = response.body().string();
    if (code == 204 || (body.isBlank() && code != 200)) {
      return MissingNode.getInstance();
    }
    if (body.isBlank()) {
      throw query.malformed("HTTP 200 with an empty body. Maybe the base URL points at the wrong service.");
    }
    try {
      JsonNode node = mapper.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw query.malformed("HTTP 200 with no JSON value. Maybe the base URL points at the wrong service.");
      }
      return node;
    } catch (JsonProcessingException e) {
      // No cause attached: Jackson quotes the offending text; the redacted reason is enough.
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw query.malformed("the answer is not valid JSON (" + query.quote(e.getOriginalMessage(), EXCERPT_CHARS)
          + where + "). Maybe the answer was cut off; try again, or check the base URL.");
    }
  }

  private ProviderException failure(Response response, int code, String excerpt, CallContext context,
      Query query, Predicate<String> bodySaysUnknownZone, String what) {
    HttpUrl target = SameOriginRedirects.isRedirect(code) ? SameOriginRedirects.target(response) : null;
    return failure(target, code, excerpt, context, query, bodySaysUnknownZone, what);
  }

  private ProviderException failure(HttpUrl redirect, int code, String excerpt, CallContext context,
      Query query, Predicate<String> bodySaysUnknownZone, String what) {
    String status = what + "HTTP " + code + excerptSuffix(excerpt);
    if (code >= 300 && code < 400) {
      String where = redirect == null ? "without a usable Location"
          : "to " + redirect.scheme() + "://" + redirect.host() + ":" + redirect.port();
      return query.rejected(code, what + "HTTP " + code + " redirect " + where + " not followed: requests and "
          + "credentials only go to the configured origin (same scheme, host and port). Maybe set the base URL "
          + "to the new address if you trust it.");
    }
    if (code == 401 || code == 403) {
      return query.authentication(code, status + ". " + credentialsHint);
    }
    if (code == 404) {
      return query.unknownZone(status + ". Maybe check the spelling of the zone and that "
          + provider + " covers it.");
    }
    if (code == 429) {
      return query.rateLimited(context.suggestedWait(), context.attempts, status + " after " + attempts(context)
          + (context.retryAfter != null ? "; the provider asks to wait " + context.retryAfter
              : "; the next backoff would be " + context.nextWait)
          + (context.outOfTime ? ", which the call timeout of " + callTimeout + " leaves no time for" : "")
          + ". Maybe ask less often, wrap the source in a CachingSource, or raise RetryPolicy.maxRetryAfter.");
    }
    if (code >= 500 && code != 501) {
      return unavailable(OptionalInt.of(code), context, query, status
          + (context.outOfTime ? " (no time left within the call timeout of " + callTimeout + " for another try)" : ""),
          null);
    }
    if ((code == 400 || code == 422) && bodySaysUnknownZone.test(excerpt.toLowerCase(Locale.ROOT))) {
      return query.unknownZone(status + ". Maybe check the spelling of the zone and that "
          + provider + " covers it.");
    }
    return query.rejected(code, status + ". Maybe check that " + provider + " serves this "
        + (query.forecast() ? "forecast" : "history") + " interval for your plan.");
  }

  private ProviderException unavailable(OptionalInt code, CallContext context, Query query,
      String what, Throwable cause) {
    String reason = cause == null ? "" : " (" + cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + query.quote(cause.getMessage(), EXCERPT_CHARS)) + ")";
    return query.unavailable(code, context.attempts, what + reason + " after " + attempts(context)
        + ". Maybe try again later, raise the timeouts, or add a FallbackSource.", cause);
  }

  private static String attempts(CallContext context) {
    return context.attempts == 1 ? "1 attempt" : context.attempts + " attempts";
  }

  private static String excerptSuffix(String excerpt) {
    return excerpt.isEmpty() ? "" : " (" + excerpt + ")";
  }

  /** The start of an error body, whitespace collapsed, cleaned and clipped by {@code redactor}. */
  static String excerpt(Response response, Redactor redactor) {
    try {
      BufferedSource source = response.body().source();
      boolean more = source.request(PEEK_BYTES + 1L);
      Buffer copy = new Buffer();
      source.getBuffer().copyTo(copy, 0, Math.min(source.getBuffer().size(), PEEK_BYTES));
      String text = copy.readString(StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
      return redactor.clip(text, EXCERPT_CHARS, more);
    } catch (IOException | IllegalStateException e) {
      return "";
    }
  }

  private String excerpt(Response response) {
    return excerpt(response, redactor);
  }
}
