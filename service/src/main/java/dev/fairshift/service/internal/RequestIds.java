package dev.fairshift.service.internal;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids: 16 hex digits, random, carried by every response in {@code X-Request-Id} and in error bodies. */
public final class RequestIds {
  /** The response header that carries the id. */
  public static final String HEADER = "X-Request-Id";

  private RequestIds() {}

  public static String next() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }
}
