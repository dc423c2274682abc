package dev.fairshift.core;

/**
 * Makes text from a file or a command line safe to print in a message: control characters (a
 * terminal escape, a carriage return that would overwrite the line), invisible format characters
 * (bidirectional overrides, zero-width spaces), line separators and unpaired surrogates are written
 * as Java-style escapes (backslash-n, backslash-t, backslash-r, and backslash-u with four hex digits
 * for the others, e.g. U+001B as {@code \}{@code u001B}), so that a message shows what the input holds
 * and can never rewrite a terminal or a log. Stateless and thread-safe.
 */
public final class Printable {
  private Printable() {}

  /** {@code text} with every character {@link #isUnsafe unsafe} to print written as an escape. */
  public static String escape(CharSequence text) {
    int first = firstUnsafe(text);
    if (first < 0) {
      return text.toString();
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        int cp = Character.toCodePoint(c, text.charAt(i + 1));
        if (isUnsafe(cp)) {
          out.append(String.format("\\u%04X\\u%04X", (int) c, (int) text.charAt(i + 1)));
        } else {
          out.append(c).append(text.charAt(i + 1));
        }
        i++;
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (Character.isSurrogate(c) || isUnsafe(c)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The index of the first character {@link #escape} would change, or -1. */
  public static int firstUnsafe(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        if (isUnsafe(Character.toCodePoint(c, text.charAt(i + 1)))) {
          return i;
        }
        i++;
      } else if (Character.isSurrogate(c) || isUnsafe(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether code point {@code cp} must not be printed as it is: a control character (Cc, including
   * tab and newline), a format character (Cf: bidirectional controls, zero-width characters, the
   * byte order mark), a line or paragraph separator, or a non-character such as U+FFFF.
   */
  public static boolean isUnsafe(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
        || (cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF);
  }
}
