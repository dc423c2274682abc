package dev.fairshift.service;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Seeded mutations of a valid JSON body: structure, types, magnitudes, encodings, sizes. */
final class Mutations {
  private Mutations() {}

  private static final String[] VALUES = {"1e308", "-1e308", "NaN", "\"\"", "null", "[]", "{}", "true", "-1", "0",
      "9223372036854775808", "\"2021-03-01T00:00:00Z\"", "\"+1000000000-12-31T23:59:59.999999999Z\"", "\"\\u0000\"",
      "\"\\ud800\"", "1.5", "\"x\""};

  static byte[] mutate(byte[] valid, Random r) {
    String text = new String(valid, StandardCharsets.UTF_8);
    return switch (r.nextInt(9)) {
      case 0 -> Arrays.copyOf(valid, r.nextInt(valid.length)); // truncated
      case 1 -> { // a byte flipped, maybe into invalid UTF-8
        byte[] b = valid.clone();
        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        yield b;
      }
      case 2 -> replaceNumber(text, VALUES[r.nextInt(VALUES.length)], r).getBytes(StandardCharsets.UTF_8);
      case 3 -> text.replaceFirst("\"version\": 1,", "\"version\": 1, \"version\": 2,").getBytes(StandardCharsets.UTF_8);
      case 4 -> text.replaceFirst("\"version\": 1,", "\"version\": 1, \"unknown" + r.nextInt(100) + "\": 1,")
          .getBytes(StandardCharsets.UTF_8);
      case 5 -> ("[".repeat(2000 + r.nextInt(3000)) + "]".repeat(10)).getBytes(StandardCharsets.UTF_8);
      case 6 -> text.replace("\"train-1\"", "\"" + "\u0007\u001b[31m" + "\"").getBytes(StandardCharsets.UTF_8);
      case 7 -> text.replace("\"slots\": 4", "\"slots\": " + (r.nextBoolean() ? "2147483647" : "100000000"))
          .getBytes(StandardCharsets.UTF_8);
      default -> text.replace("[400.0, 300.0, 100.0, 200.0]", "[400.0, " + VALUES[r.nextInt(VALUES.length)] + ", 1, 2]")
          .getBytes(StandardCharsets.UTF_8);
    };
  }

  private static String replaceNumber(String text, String value, Random r) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<=:) ?-?[0-9][0-9.]*").matcher(text);
    java.util.List<int[]> spans = new java.util.ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (spans.isEmpty()) {
      return text + value;
    }
    int[] s = spans.get(r.nextInt(spans.size()));
    return text.substring(0, s[0]) + value + text.substring(s[1]);
  }
}
