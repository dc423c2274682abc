package dev.fairshift.integrations;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a {@link Decision} as one bracketed line of text and reads it back, for engines that record the
 * decision in a free-text job field (Slurm's {@code AdminComment}). Text around the marker (an
 * administrator's own comment) is kept by {@link #embed}.
 *
 * <pre>{@code
 * [fairshift:v1 pool=north start=2026-12-04T22:00:00Z saved_g=125.0 reason=cleaner slot: 212 vs 388 g/kWh]
 * }</pre>
 *
 * <p>The reason never contains {@code ]} (replaced by {@code )}) so the marker's end is unambiguous. Stateless
 * and thread-safe.
 */
public final class DecisionMarker {

  /** The prefix that starts every marker. */
  public static final String PREFIX = "[fairshift:v1 ";

  private static final Pattern MARKER = Pattern.compile(
      "\\[fairshift:v1 pool=(\\S+) start=(\\S+) saved_g=(\\S+) reason=([^\\]]*)\\]");

  private DecisionMarker() {
  }

  /** The marker text for {@code decision}. */
  public static String format(Decision decision) {
    String reason = decision.reason().replace(']', ')');
    return PREFIX + "pool=" + decision.pool() + " start=" + decision.plannedStart()
        + " saved_g=" + String.format(Locale.ROOT, "%.1f", decision.gramsSaved()) + " reason=" + reason + "]";
  }

  /**
   * The decision in {@code text}, if it holds a well-formed marker; empty if it holds none.
   *
   * @throws IllegalArgumentException the text holds a marker whose start or grams cannot be read (an edited
   *     marker), naming the value; adapters report it as a {@link FieldProblem}
   */
  public static Optional<Decision> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = MARKER.matcher(text);
    if (!m.find()) {
      if (text.contains(PREFIX)) {
        throw new IllegalArgumentException("Fairshift marker in '" + text + "' is not of the form "
            + PREFIX + "pool=<pool> start=<instant> saved_g=<grams> reason=<text>]."
            + " Maybe it was edited by hand; remove it and the loop writes it again.");
      }
      return Optional.empty();
    }
    Instant start;
    double grams;
    try {
      start = Instant.parse(m.group(2));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Fairshift marker start '" + m.group(2)
          + "' is not an ISO-8601 instant such as 2026-12-04T22:00:00Z.", e);
    }
    try {
      grams = Double.parseDouble(m.group(3));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Fairshift marker saved_g '" + m.group(3) + "' is not a number.", e);
    }
    return Optional.of(new Decision(m.group(1), start, m.group(4), grams));
  }

  /** {@code text} with its marker (if any) replaced by the marker of {@code decision}, other text kept. */
  public static String embed(String text, Decision decision) {
    String rest = strip(text);
    return rest.isEmpty() ? format(decision) : rest + " " + format(decision);
  }

  /** {@code text} without its marker (and the blank before it); empty for null. */
  public static String strip(String text) {
    if (text == null) {
      return "";
    }
    return MARKER.matcher(text).replaceAll("").trim();
  }
}
