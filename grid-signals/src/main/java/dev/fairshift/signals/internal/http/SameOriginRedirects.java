package dev.fairshift.signals.internal.http;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Follows redirects only within the origin (scheme, host and port) of the request, so credentials
 * never leave the configured host. The client runs with OkHttp's own redirect following switched
 * off; this interceptor sits innermost, after authentication and retries, and re-sends the request
 * (with its credentials) to a same-origin {@code Location}. A redirect to another origin, one
 * without a usable {@code Location}, or more than {@value #MAX_REDIRECTS} in a row are returned
 * unfollowed, and {@link ProviderHttp} turns them into a
 * {@link dev.fairshift.signals.RequestRejectedException}: nothing is ever sent to the other
 * origin. Thread-safe.
 */
final class SameOriginRedirects implements Interceptor {
  static final int MAX_REDIRECTS = 5;

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    for (int redirects = 0; redirects < MAX_REDIRECTS && isRedirect(response.code()); redirects++) {
      HttpUrl target = target(response);
      if (target == null || !sameOrigin(request.url(), target)) {
        return response;
      }
      response.close();
      Request.Builder next = request.newBuilder().url(target);
      if (response.code() == 303 && !"GET".equals(request.method())) {
        next.get();
      }
      request = next.build();
      response = chain.proceed(request);
    }
    return response;
  }

  static boolean isRedirect(int code) {
    return code == 300 || code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  /** Where {@code response} redirects to, resolved against its request, or null. */
  static HttpUrl target(Response response) {
    String location = response.header("Location");
    return location == null ? null : response.request().url().resolve(location);
  }

  static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }
}
