package dev.fairshift.service.internal;

import java.time.Duration;

/** Client text made safe to echo: control characters replaced, length capped. */
final class Text {
  private Text() {}

  static String safe(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    int n = Math.min(s.length(), 60);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
    }
    return s.length() > n ? out.append("...").toString() : out.toString();
  }

  /** {@code 10s}, {@code 5m}, {@code 1500ms}: a duration as a client would type it. */
  static String duration(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    long s = d.getSeconds();
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }
}
