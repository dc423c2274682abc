package dev.fairshift.signals.internal.http;

import dev.fairshift.signals.MalformedResponseException;
import dev.fairshift.signals.UnknownZoneException;
import java.time.Instant;
import java.util.Objects;

/**
 * One question to a provider: which provider, zone and interval, and whether history or forecast.
 * Builds the typed exceptions that name all of them.
 *
 * @param provider the provider's short name
 * @param zone the zone as the caller wrote it
 * @param from the start of the interval (inclusive)
 * @param to the end of the interval (exclusive)
 * @param forecast whether forecasts (not history) were asked for
 */
public record Query(String provider, String zone, Instant from, Instant to, boolean forecast) {

  public Query {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("Interval [" + from + ", " + to + ") for zone '" + zone
          + "' from " + provider + " is empty. Maybe swap from and to.");
    }
  }

  /** A history question. */
  public static Query history(String provider, String zone, Instant from, Instant to) {
    return new Query(provider, zone, from, to, false);
  }

  /** A forecast question. */
  public static Query forecast(String provider, String zone, Instant from, Instant to) {
    return new Query(provider, zone, from, to, true);
  }

  /** A {@link MalformedResponseException} for this question. */
  public MalformedResponseException malformed(String detail) {
    return new MalformedResponseException(provider, zone, from, to, detail, null);
  }

  /** A {@link MalformedResponseException} for this question, with its cause. */
  public MalformedResponseException malformed(String detail, Throwable cause) {
    return new MalformedResponseException(provider, zone, from, to, detail, cause);
  }

  /** An {@link UnknownZoneException} for this question. */
  public UnknownZoneException unknownZone(String detail) {
    return new UnknownZoneException(provider, zone, from, to, detail);
  }
}
