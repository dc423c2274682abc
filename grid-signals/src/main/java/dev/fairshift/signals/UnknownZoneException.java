package dev.fairshift.signals;

import java.time.Instant;

/**
 * The provider does not know the zone: the zone name is not valid for it (checked before any
 * request where possible), the provider answered HTTP 404 or said so in an error, or it answered
 * for another zone than the one asked for.
 */
public final class UnknownZoneException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code detail} must not contain credentials. */
  public UnknownZoneException(String provider, String zone, Instant from, Instant to, String detail) {
    super(provider, zone, from, to, detail, null);
  }
}
