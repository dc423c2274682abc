package dev.fairshift.service.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Query parameters, strictly: each known, each once, each well formed. Stateless. */
final class Params {
  private Params() {}

  /** How to solve: from {@code ?solver=greedy&timeLimit=10s&seed=0}. */
  record Solve(String solver, Duration timeLimit, long seed) {}

  /** The decoded query, every name once and among {@code allowed}; else 400 naming the parameter. */
  static Map<String, String> parse(String rawQuery, List<String> allowed) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (!allowed.contains(name)) {
        String known = allowed.isEmpty() ? "This endpoint takes no query parameters."
            : "Known: " + String.join(", ", allowed) + ".";
        String maybe = allowed.stream().filter(a -> a.equalsIgnoreCase(name) || close(a, name)).findFirst()
            .map(a -> " Maybe " + a + "?").orElse("");
        throw new ApiError(400, "query." + Text.safe(name), "Unknown query parameter '" + Text.safe(name) + "'. "
            + known + maybe);
      }
      if (out.put(name, value) != null) {
        throw new ApiError(400, "query." + name, "Query parameter " + name + " appears twice; give it once.");
      }
    }
    return out;
  }

  static Solve solve(Map<String, String> query, Duration defaultTimeLimit, Duration maxTimeLimit) {
    String solver = query.getOrDefault("solver", "greedy");
    if (!Solvers.NAMES.contains(solver)) {
      throw new ApiError(400, "query.solver", "Unknown solver '" + Text.safe(solver) + "'. Use one of "
          + Solvers.NAMES + ".");
    }
    Duration timeLimit = query.containsKey("timeLimit") ? duration(query.get("timeLimit")) : defaultTimeLimit;
    if (timeLimit.compareTo(maxTimeLimit) > 0) {
      throw new ApiError(400, "query.timeLimit", "timeLimit " + Text.safe(query.get("timeLimit")) + " is above this "
          + "service's limit of " + Text.duration(maxTimeLimit) + ". Maybe use timeLimit=" + Text.duration(maxTimeLimit)
          + ", or submit a longer solve to a service configured with a higher maxTimeLimit.");
    }
    long seed = 0;
    if (query.containsKey("seed")) {
      try {
        seed = Long.parseLong(query.get("seed"));
      } catch (NumberFormatException e) {
        throw new ApiError(400, "query.seed", "seed takes a whole number from " + Long.MIN_VALUE + " to "
            + Long.MAX_VALUE + ", not '" + Text.safe(query.get("seed")) + "'. Maybe seed=0.");
      }
    }
    return new Solve(solver, timeLimit, seed);
  }

  /** A positive duration: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or ISO-8601 {@code PT30S}. */
  static Duration duration(String text) {
    Duration d = null;
    try {
      if (text.startsWith("P") || text.startsWith("p")) {
        d = Duration.parse(text);
      } else if (text.matches("[0-9]{1,9}(ms|s|m|h)")) {
        String unit = text.replaceAll("[0-9]", "");
        long value = Long.parseLong(text.substring(0, text.length() - unit.length()));
        d = switch (unit) {
          case "ms" -> Duration.ofMillis(value);
          case "s" -> Duration.ofSeconds(value);
          case "m" -> Duration.ofMinutes(value);
          default -> Duration.ofHours(value);
        };
      }
    } catch (DateTimeParseException | ArithmeticException e) {
      d = null;
    }
    if (d == null) {
      throw new ApiError(400, "query.timeLimit", "timeLimit '" + Text.safe(text) + "' is not a duration. Use e.g. "
          + "500ms, 30s, 2m or PT30S.");
    }
    if (d.isNegative() || d.isZero() || d.toMillis() == 0) {
      throw new ApiError(400, "query.timeLimit", "timeLimit " + Text.safe(text) + " must be at least 1ms. Maybe use 10s.");
    }
    return d;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "query", "The query has a malformed %-escape near '" + Text.safe(s) + "'. Maybe encode "
          + "'%' as %25.");
    }
  }

  /** One edit apart, ignoring case. */
  private static boolean close(String a, String b) {
    String x = a.toLowerCase(Locale.ROOT);
    String y = b.toLowerCase(Locale.ROOT);
    if (Math.abs(x.length() - y.length()) > 1) {
      return false;
    }
    int[] prev = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      int[] cur = new int[y.length() + 1];
      cur[0] = i;
      for (int j = 1; j <= y.length(); j++) {
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1));
      }
      prev = cur;
    }
    return prev[y.length()] <= 1;
  }
}
