package dev.fairshift.signals.internal.http;

import java.io.IOException;
import okhttp3.HttpUrl;

/**
 * A login (WattTime {@code /login}) failed inside an interceptor. Thrown as an {@link IOException}
 * because that is what interceptors may throw; {@link ProviderHttp} turns it into the typed
 * exception. The message holds no credentials.
 */
final class LoginFailedException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The login's HTTP status, or -1 when it got no answer or an unreadable one. */
  final int statusCode;
  /** Whether the login answered 2xx but without a readable token. */
  final boolean malformed;
  /** What was learned while retrying the login. */
  final transient CallContext context;
  /** A short, redacted excerpt of the error body. */
  final String excerpt;
  /** Where a 3xx answer redirected to (not followed), or null. */
  final transient HttpUrl redirect;
  /** Whether the login's answer passed the size limit. */
  final boolean tooLarge;

  LoginFailedException(int statusCode, boolean malformed, CallContext context, String excerpt,
      Throwable cause) {
    this(statusCode, malformed, context, excerpt, cause, null, false);
  }

  LoginFailedException(int statusCode, boolean malformed, CallContext context, String excerpt,
      Throwable cause, HttpUrl redirect, boolean tooLarge) {
    super("login failed with " + (statusCode < 0 ? "no answer" : "HTTP " + statusCode), cause);
    this.statusCode = statusCode;
    this.malformed = malformed;
    this.context = context;
    this.excerpt = excerpt;
    this.redirect = redirect;
    this.tooLarge = tooLarge;
  }
}
