package dev.fairshift.signals.internal.http;

import dev.fairshift.signals.AuthenticationException;
import dev.fairshift.signals.MalformedResponseException;
import dev.fairshift.signals.ProviderUnavailableException;
import dev.fairshift.signals.RateLimitedException;
import dev.fairshift.signals.RequestRejectedException;
import dev.fairshift.signals.UnknownZoneException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One question to a provider: which provider, zone and interval, and whether history or forecast.
 * The one place where a provider client's exceptions are built: every detail passes through the
 * client's {@link Redactor} (secrets masked in every echoed form, control characters escaped) and
 * every cause is rebuilt by it, so no message or cause can carry a credential.
 *
 * @param provider the provider's short name
 * @param zone the zone as the caller wrote it
 * @param from the start of the interval (inclusive)
 * @param to the end of the interval (exclusive)
 * @param forecast whether forecasts (not history) were asked for
 * @param redactor what cleans details and causes
 */
public record Query(String provider, String zone, Instant from, Instant to, boolean forecast, Redactor redactor) {
  /** The earliest instant a provider client asks about. */
  public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  /** The longest detail an exception message carries. */
  public static final int MAX_DETAIL_CHARS = 2_000;
  /** The instant a provider client never asks beyond. */
  public static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

  public Query {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(redactor, "redactor");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("Interval [" + from + ", " + to + ") for zone '"
          + Redactor.escapeControls(zone) + "' from " + provider + " is empty. Maybe swap from and to.");
    }
  }

  /** A history question; see {@link #checked()}. */
  public static Query history(String provider, String zone, Instant from, Instant to, Redactor redactor) {
    return new Query(provider, zone, from, to, false, redactor).checked();
  }

  /** A forecast question; see {@link #checked()}. */
  public static Query forecast(String provider, String zone, Instant from, Instant to, Redactor redactor) {
    return new Query(provider, zone, from, to, true, redactor).checked();
  }

  /**
   * This question, after checking that it can be sent at all: a zone that is not blank and has no
   * control characters, and an interval inside [{@link #EARLIEST}, {@link #LATEST}].
   *
   * @throws RequestRejectedException (status 0: never sent) otherwise
   */
  public Query checked() {
    if (zone.isBlank() || !zone.equals(Redactor.escapeControls(zone)) || zone.length() > 200) {
      throw notSent("the zone is blank, too long or has control characters. Maybe check where the zone name "
          + "comes from.");
    }
    if (from.isBefore(EARLIEST) || to.isAfter(LATEST)) {
      throw notSent("the interval lies outside " + EARLIEST + " ... " + LATEST + ", where no provider has "
          + "data. Maybe check the time zone and units of the instants.");
    }
    return this;
  }

  /** A {@link RequestRejectedException} with status 0: Fairshift did not send the request. */
  public RequestRejectedException notSent(String detail) {
    return new RequestRejectedException(provider, zone, from, to, 0, "not sent: " + text(detail));
  }

  /** A {@link MalformedResponseException} for this question. */
  public MalformedResponseException malformed(String detail) {
    return malformed(detail, null);
  }

  /** A {@link MalformedResponseException} for this question, with its cause (rebuilt without secrets). */
  public MalformedResponseException malformed(String detail, Throwable cause) {
    return new MalformedResponseException(provider, zone, from, to, text(detail), redactor.cause(cause));
  }

  /** An {@link UnknownZoneException} for this question. */
  public UnknownZoneException unknownZone(String detail) {
    return new UnknownZoneException(provider, zone, from, to, text(detail));
  }

  /** An {@link AuthenticationException} for this question. */
  public AuthenticationException authentication(int statusCode, String detail) {
    return new AuthenticationException(provider, zone, from, to, statusCode, text(detail));
  }

  /** A {@link RequestRejectedException} for this question. */
  public RequestRejectedException rejected(int statusCode, String detail) {
    return new RequestRejectedException(provider, zone, from, to, statusCode, text(detail));
  }

  /** A {@link RateLimitedException} for this question. */
  public RateLimitedException rateLimited(Duration retryAfter, int attempts, String detail) {
    return new RateLimitedException(provider, zone, from, to, retryAfter, attempts, text(detail));
  }

  /** A {@link ProviderUnavailableException} for this question, with its cause (rebuilt without secrets). */
  public ProviderUnavailableException unavailable(OptionalInt statusCode, int attempts, String detail,
      Throwable cause) {
    return new ProviderUnavailableException(provider, zone, from, to, statusCode, attempts,
        text(detail), redactor.cause(cause));
  }

  /** A detail cleaned by the redactor and clipped to {@value #MAX_DETAIL_CHARS} characters. */
  private String text(String detail) {
    return redactor.clip(detail, MAX_DETAIL_CHARS);
  }

  /** {@code text} cleaned by the redactor and clipped to {@code maxChars}. */
  public String quote(String text, int maxChars) {
    return redactor.clip(text, maxChars);
  }
}
