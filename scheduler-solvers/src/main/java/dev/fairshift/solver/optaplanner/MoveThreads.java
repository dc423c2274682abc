package dev.fairshift.solver.optaplanner;

import java.util.Objects;

/**
 * How many extra threads OptaPlanner uses to evaluate moves: {@link #none()} (solve on the calling
 * thread), {@link #auto()} (OptaPlanner picks from the available processors) or {@link #of(int)}.
 * Results stay reproducible for a given seed with any setting. Immutable and thread-safe.
 */
public final class MoveThreads {
  private static final MoveThreads NONE = new MoveThreads("NONE");
  private static final MoveThreads AUTO = new MoveThreads("AUTO");

  private final String value;

  private MoveThreads(String value) {
    this.value = value;
  }

  /** Solve on the calling thread only (the default). */
  public static MoveThreads none() {
    return NONE;
  }

  /** Let OptaPlanner choose the number of move threads from the available processors. */
  public static MoveThreads auto() {
    return AUTO;
  }

  /**
   * Exactly {@code count} move threads.
   *
   * @throws IllegalArgumentException if {@code count} is below 1
   */
  public static MoveThreads of(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("MoveThreads count is " + count
          + " but must be at least 1. Maybe use MoveThreads.none() to solve on the calling thread.");
    }
    return new MoveThreads(Integer.toString(count));
  }

  /** OptaPlanner's {@code moveThreadCount}: {@code NONE}, {@code AUTO} or a number. */
  public String moveThreadCount() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MoveThreads other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
