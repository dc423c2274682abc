package dev.fairshift.signals.internal.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Splits intervals into the chunks a provider accepts per request. */
final class Intervals {
  private Intervals() {
  }

  /** {@code [from, to)} cut into consecutive {@code [start, end)} pairs of at most {@code max}. */
  static List<Instant[]> chunks(Instant from, Instant to, Duration max) {
    List<Instant[]> chunks = new ArrayList<>();
    Instant start = from;
    while (start.isBefore(to)) {
      Instant end = start.plus(max).isBefore(to) ? start.plus(max) : to;
      chunks.add(new Instant[] {start, end});
      start = end;
    }
    return chunks;
  }
}
