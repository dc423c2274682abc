package dev.fairshift.signals.internal.http;

import java.io.IOException;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Adds a fixed credential header (e.g. Electricity Maps' {@code auth-token}) to every request. Thread-safe. */
public final class HeaderAuthInterceptor implements Interceptor {
  private final String name;
  private final String value;

  /** Sends {@code value} in header {@code name}. */
  public HeaderAuthInterceptor(String name, String value) {
    this.name = Objects.requireNonNull(name, "name");
    this.value = Objects.requireNonNull(value, "value");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(chain.request().newBuilder().header(name, value).build());
  }

  @Override
  public String toString() {
    return "HeaderAuthInterceptor{" + name + ": ***}";
  }
}
