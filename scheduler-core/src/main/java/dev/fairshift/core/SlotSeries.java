package dev.fairshift.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable series of numbers, one per slot of a {@link Horizon}: a capacity, a power cap, an
 * on-site renewable supply, a price or a carbon intensity. The unit is named by the field that holds
 * the series ({@code gramsPerKwh}, {@code renewableKw}, ...).
 *
 * <p>A series is either a <em>scalar</em> (one value for every slot, written as a single JSON number)
 * or an explicit value per slot (a JSON array). A {@link Problem} checks that explicit series have
 * exactly one value per slot of its horizon.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SlotSeries {
  private final double[] values;
  private final boolean scalar;

  private SlotSeries(double[] values, boolean scalar) {
    this.values = values;
    this.scalar = scalar;
  }

  /** An explicit series, one value per slot. */
  public static SlotSeries of(double... values) {
    Objects.requireNonNull(values, "values");
    return new SlotSeries(values.clone(), false);
  }

  /** The same {@code value} in every slot, whatever the horizon. */
  public static SlotSeries scalar(double value) {
    return new SlotSeries(new double[] {value}, true);
  }

  /** The value in slot {@code slot} (0-based). */
  public double at(int slot) {
    return scalar ? values[0] : values[slot];
  }

  /** Whether this is one value for every slot. */
  public boolean isScalar() {
    return scalar;
  }

  /** The number of explicit values: 1 for a scalar. */
  public int size() {
    return values.length;
  }

  /** Whether this series has a value for each of {@code slots} slots. */
  public boolean covers(int slots) {
    return scalar || values.length == slots;
  }

  /** The values of slots {@code 0 .. slots-1} as a new array (a scalar is repeated). */
  public double[] toArray(int slots) {
    if (scalar) {
      double[] out = new double[slots];
      Arrays.fill(out, values[0]);
      return out;
    }
    return Arrays.copyOf(values, slots);
  }

  /** The explicit values as a new array: one element for a scalar. */
  public double[] values() {
    return values.clone();
  }

  /**
   * The index of the first value that is NaN, infinite or negative, or -1 if there is none.
   * Validation uses it to name the offending slot.
   */
  public int firstInvalidNonNegative() {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i]) || values[i] < 0) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SlotSeries other && scalar == other.scalar && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values) * 31 + Boolean.hashCode(scalar);
  }

  @Override
  public String toString() {
    if (scalar) {
      return Double.toString(values[0]);
    }
    if (values.length <= 6) {
      return Arrays.toString(values);
    }
    return Arrays.toString(Arrays.copyOf(values, 6)).replace("]", ", ... (" + values.length + " slots)]");
  }
}
