package dev.fairshift.signals.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one place where text that may come from a provider (error bodies, field values, status
 * lines, exception messages, metadata, URLs for logs) is made safe to show: every secret is
 * replaced by {@value #MASK}, however the provider echoed it, and control characters are escaped.
 *
 * <p>A secret is found literally (any case) and in its echoed forms: JSON-escaped ({@code \u0041},
 * {@code \/}), URL-encoded ({@code %41}, also doubly {@code %2541}, and {@code +} for a space),
 * HTML character references ({@code &#65;}, {@code &amp;}) and with whitespace inserted, removed or
 * changed anywhere (line-wrapped, pretty-printed, collapsed). To do so the text is decoded into a
 * canonical form (escapes resolved, whitespace and {@code +} dropped, lower case) that remembers
 * where each canonical character came from, the canonical secret is searched in it, and the
 * original span is masked.
 *
 * <p>{@link #clip(String, int)} shortens text without leaving the start of a secret at the cut.
 * {@link #cause(Throwable)} rebuilds an exception chain with cleaned messages, so that a cause
 * (e.g. OkHttp's "Unexpected status line: ...") cannot carry a secret either. Thread-safe.
 */
public final class Redactor {
  /** What a secret is replaced with. */
  public static final String MASK = "***";
  private static final int MAX_CAUSE_DEPTH = 8;
  private static final Redactor NONE = new Redactor(List::of);

  private final Supplier<? extends Collection<String>> secrets;

  private Redactor(Supplier<? extends Collection<String>> secrets) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /** A redactor for the secrets {@code secrets} supplies at the time of each call (they may change). */
  public static Redactor of(Supplier<? extends Collection<String>> secrets) {
    return new Redactor(secrets);
  }

  /** A redactor without secrets: it only escapes control characters. */
  public static Redactor none() {
    return NONE;
  }

  /** {@code text} with every secret masked and control characters escaped; {@code ""} for null. */
  public String clean(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    return escapeControls(mask(text, false));
  }

  /**
   * {@code text} cleaned and cut to at most about {@code maxChars} characters (plus "..."), masking
   * a secret's beginning that the cut would leave at the end.
   */
  public String clip(String text, int maxChars) {
    return clip(text, maxChars, false);
  }

  /**
   * Like {@link #clip(String, int)}; {@code alreadyCut} says that {@code text} is itself the start of
   * a longer text (e.g. a peeked body), so its end is a cut too.
   */
  public String clip(String text, int maxChars, boolean alreadyCut) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String masked = mask(text, false);
    boolean cut = alreadyCut;
    if (masked.length() > maxChars) {
      int end = maxChars;
      if (Character.isHighSurrogate(masked.charAt(end - 1))) {
        end--;
      }
      masked = masked.substring(0, end);
      cut = true;
    }
    if (cut) {
      masked = mask(masked, true) + "...";
    }
    return escapeControls(masked);
  }

  /**
   * {@code cause} itself when no message in its chain (causes and suppressed ones) shows a secret
   * or a control character; otherwise the chain rebuilt with cleaned messages: each throwable
   * becomes a {@link RedactedException} whose message starts with the original class name and
   * whose stack trace is the original's, suppressed exceptions left out. {@code null} for null.
   */
  public Throwable cause(Throwable cause) {
    if (cause == null) {
      return null;
    }
    return isClean(cause, 0) ? cause : rebuild(cause, 0);
  }

  private boolean isClean(Throwable t, int depth) {
    if (depth > MAX_CAUSE_DEPTH) {
      return false;
    }
    String message = t.getMessage();
    if (message != null && !message.equals(clean(message))) {
      return false;
    }
    for (Throwable suppressed : t.getSuppressed()) {
      if (!isClean(suppressed, depth + 1)) {
        return false;
      }
    }
    Throwable next = t.getCause();
    return next == null || next == t || isClean(next, depth + 1);
  }

  private RedactedException rebuild(Throwable t, int depth) {
    Throwable next = t.getCause();
    RedactedException inner = next == null || next == t || depth >= MAX_CAUSE_DEPTH ? null : rebuild(next, depth + 1);
    String message = t instanceof RedactedException ? clean(t.getMessage())
        : t.getClass().getName() + (t.getMessage() == null ? "" : ": " + clean(t.getMessage()));
    RedactedException copy = new RedactedException(message, inner);
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  /** A throwable standing for another, with a cleaned message. */
  public static final class RedactedException extends IOException {
    private static final long serialVersionUID = 1L;

    RedactedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private String mask(String text, boolean tail) {
    List<String> canonicalSecrets = canonicalSecrets();
    if (canonicalSecrets.isEmpty()) {
      return text;
    }
    Canonical canon = Canonical.of(text);
    boolean[] masked = new boolean[text.length()];
    boolean any = false;
    String c = canon.text.toString();
    for (String secret : canonicalSecrets) {
      for (int at = c.indexOf(secret); at >= 0; at = c.indexOf(secret, at + 1)) {
        any |= markSpan(canon, at, at + secret.length(), masked);
      }
      if (tail) {
        // The text ends inside this secret: mask its beginning (two characters or more).
        for (int k = Math.min(secret.length() - 1, c.length()); k >= 2; k--) {
          if (c.endsWith(secret.substring(0, k))) {
            for (int i = canon.start[c.length() - k]; i < text.length(); i++) {
              masked[i] = true; // to the very end: dropped characters (whitespace, '+') included
            }
            any = true;
            break;
          }
        }
      }
    }
    // The literal secret, in case its canonical form is empty or special.
    for (String secret : secrets()) {
      String lower = text.toLowerCase(Locale.ROOT);
      String s = secret.toLowerCase(Locale.ROOT);
      if (lower.length() == text.length()) {
        for (int at = lower.indexOf(s); at >= 0; at = lower.indexOf(s, at + 1)) {
          for (int i = at; i < at + s.length(); i++) {
            masked[i] = true;
          }
          any = true;
        }
      }
    }
    if (!any) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      if (!masked[i]) {
        out.append(text.charAt(i));
      } else if (i == 0 || !masked[i - 1]) {
        out.append(MASK);
      }
    }
    return out.toString();
  }

  private static boolean markSpan(Canonical canon, int from, int to, boolean[] masked) {
    if (from >= to) {
      return false;
    }
    for (int i = canon.start[from]; i < canon.end[to - 1]; i++) {
      masked[i] = true;
    }
    return true;
  }

  private List<String> secrets() {
    Collection<String> all = secrets.get();
    List<String> result = new ArrayList<>();
    if (all != null) {
      for (String secret : all) {
        if (secret != null && !secret.isBlank()) {
          result.add(secret);
        }
      }
    }
    return result;
  }

  private List<String> canonicalSecrets() {
    List<String> result = new ArrayList<>();
    for (String secret : secrets()) {
      // Both the secret as written and the secret decoded, in case it contains escapes itself.
      String plain = Canonical.plain(secret);
      String decoded = Canonical.of(secret).text.toString();
      if (!plain.isEmpty()) {
        result.add(plain);
      }
      if (!decoded.isEmpty() && !decoded.equals(plain)) {
        result.add(decoded);
      }
    }
    return result;
  }

  /** Escapes C0/C1 control characters and Unicode direction overrides as {@code \\uXXXX}. */
  static String escapeControls(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      boolean control = ch < 0x20 || (ch >= 0x7f && ch < 0xa0) || (ch >= 0x202a && ch <= 0x202e)
          || (ch >= 0x2066 && ch <= 0x2069) || ch == 0x200e || ch == 0x200f;
      if (control && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (control) {
          out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
        } else {
          out.append(ch);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  /** Decoded, whitespace-free, lower-case text, with the span of the original each character came from. */
  private static final class Canonical {
    final StringBuilder text;
    final int[] start;
    final int[] end;
    private int size;

    private Canonical(int capacity) {
      text = new StringBuilder(capacity);
      start = new int[capacity + 1];
      end = new int[capacity + 1];
    }

    /** The secret without whitespace and '+', lower case, no decoding. */
    static String plain(String secret) {
      StringBuilder out = new StringBuilder(secret.length());
      secret.codePoints().filter(cp -> !Character.isWhitespace(cp) && cp != '+' && !Character.isSpaceChar(cp))
          .forEach(out::appendCodePoint);
      return out.toString().toLowerCase(Locale.ROOT);
    }

    static Canonical of(String s) {
      Canonical canon = new Canonical(s.length());
      int i = 0;
      while (i < s.length()) {
        int next = canon.decodeAt(s, i);
        i = next;
      }
      return canon;
    }

    /** Decodes one token at {@code i}, appends its characters, returns the index after it. */
    private int decodeAt(String s, int i) {
      char ch = s.charAt(i);
      if (ch == '\\' && i + 1 < s.length()) {
        char n = s.charAt(i + 1);
        if ((n == 'u' || n == 'U') && i + 6 <= s.length() && isHex(s, i + 2, i + 6)) {
          append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16), i, i + 6);
          return i + 6;
        }
        char mapped = switch (n) {
          case 'n', 'r', 't', 'f', 'b' -> ' ';
          default -> n;
        };
        append(mapped, i, i + 2);
        return i + 2;
      }
      if (ch == '%') {
        return decodePercent(s, i);
      }
      if (ch == '&') {
        int semi = s.indexOf(';', i);
        if (semi > i && semi - i <= 10) {
          String entity = s.substring(i + 1, semi);
          int cp = entity(entity);
          if (cp >= 0) {
            appendCodePoint(cp, i, semi + 1);
            return semi + 1;
          }
        }
      }
      append(ch, i, i + 1);
      return i + 1;
    }

    /** A run of %XX (or %25XX) bytes, decoded as UTF-8. */
    private int decodePercent(String s, int i) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      List<int[]> spans = new ArrayList<>();
      int j = i;
      while (j < s.length() && s.charAt(j) == '%') {
        int len = 0;
        if (j + 5 <= s.length() && s.startsWith("25", j + 1) && isHex(s, j + 3, j + 5)) {
          len = 5;
        } else if (j + 3 <= s.length() && isHex(s, j + 1, j + 3)) {
          len = 3;
        } else {
          break;
        }
        bytes.write(Integer.parseInt(s.substring(j + len - 2, j + len), 16));
        spans.add(new int[] {j, j + len});
        j += len;
      }
      if (spans.isEmpty()) {
        append('%', i, i + 1);
        return i + 1;
      }
      String decoded = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
      if (decoded.indexOf('\uFFFD') >= 0 || decoded.length() != spans.size()) {
        // Not plain one-byte characters: map the decoded text onto the whole run.
        for (int k = 0; k < decoded.length(); k++) {
          append(decoded.charAt(k), i, j);
        }
      } else {
        for (int k = 0; k < decoded.length(); k++) {
          append(decoded.charAt(k), spans.get(k)[0], spans.get(k)[1]);
        }
      }
      return j;
    }

    private static int entity(String entity) {
      try {
        if (entity.startsWith("#x") || entity.startsWith("#X")) {
          return entity.length() > 2 ? Integer.parseInt(entity.substring(2), 16) : -1;
        }
        if (entity.startsWith("#")) {
          return entity.length() > 1 ? Integer.parseInt(entity.substring(1)) : -1;
        }
      } catch (NumberFormatException e) {
        return -1;
      }
      return switch (entity.toLowerCase(Locale.ROOT)) {
        case "amp" -> '&';
        case "lt" -> '<';
        case "gt" -> '>';
        case "quot" -> '"';
        case "apos" -> '\'';
        case "nbsp" -> ' ';
        default -> -1;
      };
    }

    private void appendCodePoint(int cp, int from, int to) {
      if (cp < 0 || cp > Character.MAX_CODE_POINT) {
        return;
      }
      for (char c : Character.toChars(cp)) {
        append(c, from, to);
      }
    }

    private void append(char ch, int from, int to) {
      if (Character.isWhitespace(ch) || Character.isSpaceChar(ch) || ch == '+') {
        return;
      }
      String lower = String.valueOf(ch).toLowerCase(Locale.ROOT);
      for (int k = 0; k < lower.length(); k++) {
        if (size == start.length) {
          return; // a decoded token never yields more characters than it has
        }
        text.append(lower.charAt(k));
        start[size] = from;
        end[size] = to;
        size++;
      }
    }

    private static boolean isHex(String s, int from, int to) {
      for (int k = from; k < to; k++) {
        if (Character.digit(s.charAt(k), 16) < 0) {
          return false;
        }
      }
      return true;
    }
  }
}
