package dev.fairshift.signals.internal.http;

import java.io.IOException;

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

  LoginFailedException(int statusCode, boolean malformed, CallContext context, String excerpt,
      Throwable cause) {
    super("login failed with " + (statusCode < 0 ? "no answer" : "HTTP " + statusCode), cause);
    this.statusCode = statusCode;
    this.malformed = malformed;
    this.context = context;
    this.excerpt = excerpt;
  }
}
