package dev.fairshift.signals.internal.http;

import java.io.IOException;

/**
 * An answer passed {@link dev.fairshift.signals.ProviderConfig#maxResponseBytes()}. Thrown inside
 * the interceptors as an {@link IOException}, never retried; {@link ProviderHttp} turns it into a
 * {@link dev.fairshift.signals.MalformedResponseException}.
 */
final class ResponseTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  final long limit;
  final long declared;

  ResponseTooLargeException(long limit, long declared) {
    super("answer larger than " + limit + " bytes");
    this.limit = limit;
    this.declared = declared;
  }
}
