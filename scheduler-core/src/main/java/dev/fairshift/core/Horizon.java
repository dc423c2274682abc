package dev.fairshift.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The planning horizon: {@code slots} consecutive slots of length {@code slotLength}, the first
 * starting at {@code start}. Every per-slot series of a {@link Problem} is aligned to it.
 *
 * <p>Slot {@code i} covers {@code [start + i*slotLength, start + (i+1)*slotLength)}.
 *
 * @param start the instant slot 0 starts
 * @param slotLength the length of every slot; a whole number of minutes, at least one minute
 * @param slots the number of slots, at least one
 */
public record Horizon(Instant start, Duration slotLength, int slots) {

  /** The default slot length: one hour. */
  public static final Duration DEFAULT_SLOT_LENGTH = Duration.ofHours(1);

  public Horizon {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(slotLength, "slotLength");
    if (slotLength.isNegative() || slotLength.isZero() || slotLength.toSecondsPart() != 0
        || slotLength.toNanosPart() != 0) {
      throw new IllegalArgumentException("Horizon slotLength " + slotLength
          + " must be a positive whole number of minutes. Maybe use Duration.ofMinutes(60).");
    }
    if (slots < 1) {
      throw new IllegalArgumentException("Horizon slots must be at least 1 but was " + slots + ".");
    }
  }

  /** A horizon of {@code slots} hourly slots starting at {@code start}. */
  public static Horizon hourly(Instant start, int slots) {
    return new Horizon(start, DEFAULT_SLOT_LENGTH, slots);
  }

  /** A horizon starting at {@code start} with slots of {@code slotMinutes} minutes. */
  public static Horizon of(Instant start, int slotMinutes, int slots) {
    if (slotMinutes < 1) {
      throw new IllegalArgumentException("Horizon slotMinutes must be at least 1 but was " + slotMinutes + ".");
    }
    return new Horizon(start, Duration.ofMinutes(slotMinutes), slots);
  }

  /** The slot length in whole minutes. */
  public int slotMinutes() {
    return (int) slotLength.toMinutes();
  }

  /** The slot length in hours (a fraction for sub-hourly slots): the {@code t} of the accounting. */
  public double slotHours() {
    return slotLength.toMinutes() / 60.0;
  }

  /** The instant slot {@code slot} starts; {@code slot == slots} gives {@link #end()}. */
  public Instant slotStart(int slot) {
    return start.plus(slotLength.multipliedBy(slot));
  }

  /** The instant the last slot ends. */
  public Instant end() {
    return slotStart(slots);
  }

  /** The whole horizon as a duration. */
  public Duration length() {
    return slotLength.multipliedBy(slots);
  }

  /**
   * The first slot that starts at or after {@code instant} (a release rounds up), clamped to
   * {@code [0, slots]}.
   */
  public int slotAtOrAfter(Instant instant) {
    Duration offset = Duration.between(start, instant);
    long length = slotLength.getSeconds();
    long seconds = offset.getSeconds();
    boolean onBoundary = Math.floorMod(seconds, length) == 0 && offset.getNano() == 0;
    return clamp(Math.floorDiv(seconds, length) + (onBoundary ? 0 : 1));
  }

  /**
   * The slot boundary at or before {@code instant} (a deadline rounds down), as the index of the
   * first slot after it, clamped to {@code [0, slots]}.
   */
  public int slotAtOrBefore(Instant instant) {
    // Whole seconds suffice: slots are whole minutes, and the offset's nanos (0 <= nanos < 1 s)
    // cannot carry it past a boundary. Seconds, unlike nanos, never overflow for any Instant.
    long seconds = Duration.between(start, instant).getSeconds();
    return clamp(Math.floorDiv(seconds, slotLength.getSeconds()));
  }

  private int clamp(long slot) {
    return (int) Math.max(0, Math.min(slots, slot));
  }

  /** Whether {@code instant} is within {@code [start, end)}. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end());
  }
}
