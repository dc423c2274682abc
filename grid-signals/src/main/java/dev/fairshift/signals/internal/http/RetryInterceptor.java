package dev.fairshift.signals.internal.http;

import dev.fairshift.signals.RetryPolicy;
import dev.fairshift.signals.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Retries a request on connection failures, timeouts, HTTP 429 and HTTP 5xx (except 501) with
 * exponential backoff and jitter, honouring {@code Retry-After} up to the policy's cap. The body of
 * a successful answer is read here, so a connection that breaks mid-body is retried too.
 *
 * <p>When retries run out, the last answer is returned (or the last {@link IOException} thrown)
 * and the caller turns it into a typed exception. No retry starts whose wait would pass the
 * call's deadline (its call timeout). Successful bodies are read through a bounded source
 * ({@link ResponseTooLargeException} past the limit, never retried). Logs each retry at DEBUG with the URL's scheme,
 * host and path only (never query, headers or user info). Thread-safe.
 */
public final class RetryInterceptor implements Interceptor {
  private static final System.Logger LOG = System.getLogger(RetryInterceptor.class.getName());

  private final String provider;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Random random;
  private final long maxResponseBytes;
  private final Redactor redactor;

  /**
   * An interceptor for {@code provider}'s requests that reads successful bodies up to
   * {@code maxResponseBytes} and logs through {@code redactor}.
   */
  public RetryInterceptor(String provider, RetryPolicy policy, Sleeper sleeper, Clock clock,
      long maxResponseBytes, Redactor redactor) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.maxResponseBytes = maxResponseBytes;
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = policy.jitterSeed().isPresent()
        ? new Random(policy.jitterSeed().getAsLong()) : new Random(new SecureRandom().nextLong());
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    CallContext context = request.tag(CallContext.class);
    if (context == null) {
      context = new CallContext();
    }
    for (int attempt = 1; ; attempt++) {
      context.attempts = attempt;
      Response response;
      try {
        response = bufferIfSuccessful(chain.proceed(request), chain);
      } catch (IOException e) {
        if (attempt >= policy.maxAttempts() || !isRetryable(e) || chain.call().isCanceled()) {
          throw e;
        }
        Duration wait = jittered(policy.backoff(attempt));
        if (!context.hasTimeFor(wait)) {
          context.outOfTime = true;
          throw e;
        }
        log(request.url(), e.getClass().getSimpleName(), attempt, wait);
        pause(wait);
        continue;
      }
      int code = response.code();
      if (!isRetryable(code)) {
        return response;
      }
      Optional<Duration> retryAfter = code == 429 || code == 503
          ? parseRetryAfter(response.header("Retry-After"), clock) : Optional.empty();
      context.retryAfter = retryAfter.orElse(null);
      if (retryAfter.isPresent() && retryAfter.get().compareTo(policy.maxRetryAfter()) > 0) {
        return response;
      }
      Duration wait = retryAfter.isPresent() ? retryAfter.get() : jittered(policy.backoff(attempt));
      if (attempt >= policy.maxAttempts() || !context.hasTimeFor(wait)) {
        context.nextWait = wait;
        context.outOfTime = attempt < policy.maxAttempts();
        return response;
      }
      response.close();
      log(request.url(), "HTTP " + code, attempt, wait);
      pause(wait);
    }
  }

  /**
   * Parses a {@code Retry-After} value: delay seconds or an HTTP date (RFC 1123), the latter
   * measured from {@code clock}; a date in the past gives zero. Empty when absent or unreadable.
   */
  public static Optional<Duration> parseRetryAfter(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.trim();
    if (text.chars().allMatch(Character::isDigit)) {
      if (text.length() > 12) {
        return Optional.of(Duration.ofSeconds(999_999_999_999L));
      }
      return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
    }
    try {
      ZonedDateTime date = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT));
      Duration wait = Duration.between(clock.instant(), date.toInstant());
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static boolean isRetryable(int code) {
    return code == 429 || (code >= 500 && code <= 599 && code != 501);
  }

  private static boolean isRetryable(IOException e) {
    if (e instanceof ResponseTooLargeException || e instanceof LoginFailedException) {
      return false;
    }
    if (e instanceof SocketTimeoutException) {
      return true;
    }
    // Cancelled or interrupted calls and certificate failures do not heal by trying again.
    return !(e instanceof InterruptedIOException) && !(e instanceof SSLPeerUnverifiedException);
  }

  /**
   * A successful answer with its body read into memory, at most {@code maxResponseBytes} of it
   * (after decompression): a larger one is refused as soon as that is known, from its
   * {@code Content-Length} or while reading, and the connection is closed.
   */
  private Response bufferIfSuccessful(Response response, Chain chain) throws IOException {
    if (!response.isSuccessful()) {
      return response;
    }
    try (ResponseBody body = response.body()) {
      long declared = body.contentLength();
      if (declared > maxResponseBytes) {
        chain.call().cancel(); // close the socket rather than drain the rest to reuse the connection
        throw new ResponseTooLargeException(maxResponseBytes, declared);
      }
      BufferedSource source = body.source();
      if (source.request(maxResponseBytes + 1)) {
        chain.call().cancel();
        throw new ResponseTooLargeException(maxResponseBytes, -1);
      }
      byte[] bytes = source.readByteArray();
      return response.newBuilder().body(ResponseBody.create(bytes, body.contentType())).build();
    }
  }

  private Duration jittered(Duration backoff) {
    double cut;
    synchronized (random) {
      cut = policy.jitter() * random.nextDouble();
    }
    return Duration.ofNanos(Math.round(backoff.toNanos() * (1.0 - cut)));
  }

  private void pause(Duration wait) throws IOException {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted = new InterruptedIOException(
          provider + ": interrupted while waiting " + wait + " to retry");
      interrupted.initCause(e);
      throw interrupted;
    }
  }

  private void log(HttpUrl url, String reason, int attempt, Duration wait) {
    if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
      LOG.log(System.Logger.Level.DEBUG, "{0}: GET {1}://{2}{3} failed with {4}; retry {5} of {6} in {7}",
          provider, url.scheme(), redactor.clean(url.host()), redactor.clean(url.encodedPath()), reason, attempt,
          policy.maxAttempts() - 1, wait);
    }
  }
}
