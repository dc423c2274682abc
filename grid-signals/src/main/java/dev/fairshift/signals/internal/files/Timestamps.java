package dev.fairshift.signals.internal.files;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;

/**
 * Not API. Parses the timestamps of a file into instants: ISO-8601 with an offset, or a local
 * wall-clock time in a time zone, resolved with its daylight-saving rules (see {@link
 * dev.fairshift.signals.CsvOptions}). Not thread-safe; one per file being read.
 */
final class Timestamps {
  private final DateTimeFormatter pattern;
  private final String patternText;
  private final ZoneId zone;
  private final ZoneRules rules;

  /** A problem with one timestamp, with a suggested fix; the reader adds file, line and column. */
  static final class TimestampException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String problem;
    private final String fix;

    TimestampException(String problem, String fix) {
      super(problem);
      this.problem = problem;
      this.fix = fix;
    }

    String problem() {
      return problem;
    }

    String fix() {
      return fix;
    }
  }

  Timestamps(String pattern, ZoneId zone) {
    this.patternText = pattern;
    this.pattern = pattern == null ? null : DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
    this.zone = zone;
    this.rules = zone.getRules();
  }

  /**
   * The instant of {@code text}. An ambiguous local time takes the earlier instant unless it is not
   * after {@code previousMillis} ({@link Long#MIN_VALUE} for none), then the later one.
   */
  Instant parse(String text, long previousMillis) {
    TemporalAccessor parsed = pattern == null ? parseIso(text) : parsePattern(text);
    if (parsed instanceof Instant instant) {
      return instant;
    }
    if (parsed instanceof ZonedDateTime zoned) {
      return zoned.toInstant();
    }
    if (parsed instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    return resolve((LocalDateTime) parsed, previousMillis);
  }

  private TemporalAccessor parseIso(String text) {
    TemporalAccessor fast = parseFast(text);
    if (fast != null) {
      return fast;
    }
    String iso = text.length() > 10 && text.charAt(10) == ' '
        ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    try {
      return DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, ZonedDateTime::from, LocalDateTime::from);
    } catch (DateTimeParseException e) {
      throw new TimestampException("not an ISO-8601 date-time",
          "write it like 2021-01-01T00:00:00Z or 2021-01-01 00:00:00, or set .withTimePattern(...)");
    }
  }

  private TemporalAccessor parsePattern(String text) {
    try {
      return pattern.parseBest(text, ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from);
    } catch (DateTimeParseException e) {
      throw new TimestampException("does not match the time pattern '" + patternText + "'",
          "check .withTimePattern(...)");
    }
  }

  /**
   * The two shapes of the usual files without a formatter: {@code yyyy-MM-ddTHH:mm:ssZ} (an instant)
   * and {@code yyyy-MM-dd HH:mm:ss} or {@code yyyy-MM-ddTHH:mm:ss} (local); {@code null} otherwise.
   */
  private static TemporalAccessor parseFast(String t) {
    int n = t.length();
    boolean utc = n == 20 && t.charAt(19) == 'Z';
    if (n != 19 && !utc) {
      return null;
    }
    char sep = t.charAt(10);
    if (t.charAt(4) != '-' || t.charAt(7) != '-' || (sep != 'T' && sep != ' ')
        || t.charAt(13) != ':' || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    LocalDateTime local;
    try {
      local = LocalDateTime.of(year, month, day, hour, minute, second);
    } catch (DateTimeException e) {
      throw new TimestampException("not a valid date-time (" + e.getMessage() + ")",
          "check the date");
    }
    return utc ? local.toInstant(ZoneOffset.UTC) : local;
  }

  private static int digits(String t, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private Instant resolve(LocalDateTime local, long previousMillis) {
    if (zone instanceof ZoneOffset offset) {
      return local.toInstant(offset);
    }
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.size() == 1) {
      return local.toInstant(offsets.get(0));
    }
    if (offsets.isEmpty()) {
      ZoneOffsetTransition gap = rules.getTransition(local);
      throw new TimestampException("local time " + local + " does not exist in " + zone
          + " (clocks jump from " + gap.getDateTimeBefore().toLocalTime() + " to "
          + gap.getDateTimeAfter().toLocalTime() + " on " + gap.getDateTimeBefore().toLocalDate()
          + ")", "the timestamps are not local times of " + zone + "; if they are UTC or standard "
          + "time use .withLocalTimeZone(ZoneOffset.UTC) or .withLocalTimeZone(ZoneOffset.of(\""
          + gap.getOffsetBefore() + "\"))");
    }
    Instant a = local.toInstant(offsets.get(0));
    Instant b = local.toInstant(offsets.get(1));
    Instant earlier = a.isBefore(b) ? a : b;
    Instant later = a.isBefore(b) ? b : a;
    if (previousMillis == Long.MIN_VALUE || earlier.toEpochMilli() > previousMillis) {
      return earlier;
    }
    return later;
  }
}
