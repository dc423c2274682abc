package dev.fairshift.solver.optaplanner.internal;

import java.util.Locale;

/** Number formatting for explanations and reasons. Stateless. */
final class Format {
  private Format() {}

  /** A power or other quantity with up to three decimals, no trailing zeros. */
  static String kw(double value) {
    return trim(String.format(Locale.ROOT, "%.3f", value));
  }

  /** An energy with up to three decimals, no trailing zeros. */
  static String kwh(double value) {
    return trim(String.format(Locale.ROOT, "%.3f", value));
  }

  /** Unit-slots, a whole number when it is one. */
  static String units(double value) {
    return trim(String.format(Locale.ROOT, "%.2f", value));
  }

  private static String trim(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
