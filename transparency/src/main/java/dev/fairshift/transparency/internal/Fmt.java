package dev.fairshift.transparency.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number, time and text formatting of the page. Locale-independent. */
public final class Fmt {
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private Fmt() {}

  /** A machine value for {@code data-value}: Java's round-trip decimal, or Infinity/NaN. */
  public static String raw(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

  /**
   * {@code digits} (0..6) decimals with thousands separators, as {@code String.format("%,.2f")} in
   * {@link Locale#ROOT} but without a Formatter per call (the page formats tens of thousands of numbers), and never "-0.00".
   */
  public static String num(double v, int digits) {
    return format(v, digits, true);
  }

  /** {@code digits} decimals without separators, e.g. SVG coordinates. */
  public static String plain(double v, int digits) {
    return format(v, digits, false);
  }

  private static String format(double v, int digits, boolean group) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "\u221e" : "-\u221e";
    }
    if (Double.isNaN(v)) {
      return "n/a";
    }
    long scale = POW10[digits];
    double scaled = Math.abs(v) * scale;
    if (scaled >= 1e9) { // beyond this the product loses digits: let Formatter round it
      return String.format(Locale.ROOT, group ? "%,." + digits + "f" : "%." + digits + "f", v);
    }
    long r = Math.round(scaled);
    long whole = r / scale;
    long frac = r % scale;
    StringBuilder b = new StringBuilder(24);
    if (v < 0 && r != 0) {
      b.append('-');
    }
    String w = Long.toString(whole);
    for (int i = 0; i < w.length(); i++) {
      if (group && i > 0 && (w.length() - i) % 3 == 0) {
        b.append(',');
      }
      b.append(w.charAt(i));
    }
    if (digits > 0) {
      b.append('.');
      String f = Long.toString(frac);
      for (int i = f.length(); i < digits; i++) {
        b.append('0');
      }
      b.append(f);
    }
    return b.toString();
  }

  /** A fraction as a percentage with one decimal: 0.8754 -> "87.5 %". */
  public static String pct(double fraction) {
    return num(fraction * 100, 1) + "\u00a0%";
  }

  /** Grams as kilograms with two decimals. */
  public static String kg(double grams) {
    return num(grams / 1000.0, 2) + "\u00a0kg";
  }

  /** "2026-03-01 14:00 UTC". */
  public static String instant(Instant instant) {
    return UTC.format(instant) + "\u00a0UTC";
  }

  /** "0 min", "45 min", "3 h 15 min", "2 d 4 h". */
  public static String duration(Duration d) {
    long minutes = d.toMinutes();
    if (minutes < 60) {
      return minutes + "\u00a0min";
    }
    long hours = minutes / 60;
    if (hours < 48) {
      long rest = minutes % 60;
      return hours + "\u00a0h" + (rest == 0 ? "" : " " + rest + "\u00a0min");
    }
    long days = hours / 24;
    long rest = hours % 24;
    return days + "\u00a0d" + (rest == 0 ? "" : " " + rest + "\u00a0h");
  }

  /**
   * Text safe in XML and HTML content and in double- or single-quoted attributes: the five special
   * characters escaped, tab and line breaks as character references (kept in attributes), characters XML forbids (controls, lone surrogates, U+FFFE/U+FFFF) replaced by U+FFFD.
   */
  public static void escape(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        // as references, so XML's attribute-value normalisation keeps them
        case '\t' -> out.append("&#9;");
        case '\n' -> out.append("&#10;");
        case '\r' -> out.append("&#13;");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c)
              || c == '\uFFFE' || c == '\uFFFF' || (c >= 0x7f && c <= 0x9f)) {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  /** {@link #escape(StringBuilder, String)} to a new string. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    escape(out, text);
    return out.toString();
  }
}
