package dev.fairshift.signals;

import java.time.Instant;
import java.util.Objects;

/**
 * A carbon-intensity provider's API could not deliver a series. Every message starts with the
 * provider, the zone and the interval asked for, then says what went wrong and suggests a fix;
 * credentials never appear in it.
 *
 * <p>Subclasses say why: {@link AuthenticationException}, {@link RateLimitedException},
 * {@link ProviderUnavailableException}, {@link MalformedResponseException},
 * {@link UnknownZoneException} and {@link RequestRejectedException}. A provider client throws
 * nothing else, whatever the provider answers: absurd durations, periods, timestamps or numbers,
 * truncated or oversized bodies, odd encodings, redirects, trickles and broken connections all end
 * in one of these.
 *
 * <p>Text that came from the provider (error bodies, field values, status lines, causes' messages)
 * is cleaned in one place before it reaches a message: every credential is masked as {@code ***}
 * in whatever form the provider echoed it (literal, any case, JSON-escaped, URL-encoded, HTML
 * references, whitespace changed), control characters are escaped, quotes are clipped, and a cause
 * whose message would show a credential is replaced by a copy with a cleaned message.
 */
public abstract class ProviderException extends GridSignalException {
  private static final long serialVersionUID = 1L;

  private final String provider;
  private final String zone;
  private final Instant from;
  private final Instant to;

  ProviderException(String provider, String zone, Instant from, Instant to, String detail,
      Throwable cause) {
    super(describe(provider, zone, from, to) + ": " + Objects.requireNonNull(detail, "detail"), cause);
    this.provider = provider;
    this.zone = zone;
    this.from = from;
    this.to = to;
  }

  /** The provider's short name, e.g. {@code electricitymaps}. */
  public String provider() {
    return provider;
  }

  /** The zone asked for, as the caller wrote it. */
  public String zone() {
    return zone;
  }

  /** The start of the interval asked for (inclusive). */
  public Instant from() {
    return from;
  }

  /** The end of the interval asked for (exclusive). */
  public Instant to() {
    return to;
  }

  private static String describe(String provider, String zone, Instant from, Instant to) {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return provider + ", zone '" + printable(zone) + "', [" + from + ", " + to + ")";
  }

  /** {@code text} with control characters escaped, so a message never carries them raw. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length() && i < 200; i++) {
      char ch = text.charAt(i);
      if (ch < 0x20 || (ch >= 0x7f && ch < 0xa0) || (ch >= 0x202a && ch <= 0x202e) || (ch >= 0x2066 && ch <= 0x2069)) {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) ch));
      } else {
        out.append(ch);
      }
    }
    return text.length() > 200 ? out + "..." : out.toString();
  }
}
