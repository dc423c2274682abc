package dev.fairshift.signals.internal.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A network interceptor that caps an all-digit {@code Retry-After} at {@link Integer#MAX_VALUE}
 * seconds before OkHttp's own follow-up logic sees it: OkHttp reads the header of a 503 (and 408)
 * with {@code Integer.valueOf} and would throw {@link NumberFormatException} on a longer number. The
 * meaning is unchanged: both are far beyond any retry policy's {@code maxRetryAfter}. Thread-safe.
 */
final class RetryAfterClamp implements Interceptor {
  static final String MAX = Integer.toString(Integer.MAX_VALUE);

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    String value = response.header("Retry-After");
    if (value == null) {
      return response;
    }
    String text = value.trim();
    if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')
        && (text.length() > 10 || Long.parseLong(text) > Integer.MAX_VALUE)) {
      return response.newBuilder().header("Retry-After", MAX).build();
    }
    return response;
  }
}
