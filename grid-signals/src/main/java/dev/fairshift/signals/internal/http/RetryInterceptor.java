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

/**
 * Retries a request on connection failures, timeouts, HTTP 429 and HTTP 5xx (except 501) with
 * exponential backoff and jitter, honouring {@code Retry-After} up to the policy's cap. The body of
 * a successful answer is read here, so a connection that breaks mid-body is retried too.
 *
 * <p>When retries run out, the last answer is returned (or the last {@link IOException} thrown)
 * and the caller turns it into a typed exception. Logs each retry at DEBUG with the URL's scheme,
 * host and path only (never query, headers or user info). Thread-safe.
 */
public final class RetryInterceptor implements Interceptor {
  private static final System.Logger LOG = System.getLogger(RetryInterceptor.class.getName());

  private final String provider;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Random random;

  /** An interceptor for {@code provider}'s requests. */
  public RetryInterceptor(String provider, RetryPolicy policy, Sleeper sleeper, Clock clock) {
    this.provider = Objects.requireNonNull(provider, "provider");
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
        response = bufferIfSuccessful(chain.proceed(request));
      } catch (IOException e) {
        if (attempt >= policy.maxAttempts() || !isRetryable(e) || chain.call().isCanceled()) {
          throw e;
        }
        Duration wait = jittered(policy.backoff(attempt));
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
      if (attempt >= policy.maxAttempts()) {
        context.nextWait = wait;
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
    if (e instanceof SocketTimeoutException) {
      return true;
    }
    // Cancelled or interrupted calls and certificate failures do not heal by trying again.
    return !(e instanceof InterruptedIOException) && !(e instanceof SSLPeerUnverifiedException);
  }

  private static Response bufferIfSuccessful(Response response) throws IOException {
    if (!response.isSuccessful()) {
      return response;
    }
    try (ResponseBody body = response.body()) {
      byte[] bytes = body.bytes();
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
          provider, url.scheme(), url.host(), url.encodedPath(), reason, attempt,
          policy.maxAttempts() - 1, wait);
    }
  }
}
