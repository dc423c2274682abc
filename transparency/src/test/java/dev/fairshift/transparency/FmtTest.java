package dev.fairshift.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.transparency.internal.Fmt;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FmtTest {
  /** Seeded property: the fast formatter prints what String.format prints, away from exact ties. */
  @Test
  void numbersAreFormattedAsStringFormatWould() {
    Random random = new Random(11);
    for (int i = 0; i < 200_000; i++) {
      double v = switch (i % 4) {
        case 0 -> random.nextDouble();
        case 1 -> (random.nextDouble() - 0.5) * 2e6;
        case 2 -> random.nextInt(100_000) / 10.0;
        default -> Math.scalb(random.nextDouble(), random.nextInt(60) - 10);
      };
      int digits = random.nextInt(5);
      BigDecimal scaled = new BigDecimal(v).movePointRight(digits);
      BigDecimal fraction = scaled.subtract(scaled.setScale(0, RoundingMode.DOWN)).abs();
      if (fraction.subtract(new BigDecimal("0.5")).abs().compareTo(new BigDecimal("1e-6")) < 0) {
        continue; // a near tie: both round correctly, the last digit may differ
      }
      assertThat(Fmt.num(v, digits)).as("v=%s digits=%d", v, digits)
          .isEqualTo(String.format(Locale.ROOT, "%,." + digits + "f", v));
      assertThat(Fmt.plain(v, digits)).isEqualTo(String.format(Locale.ROOT, "%." + digits + "f", v));
    }
    assertThat(Fmt.num(1234567.891, 2)).isEqualTo("1,234,567.89");
    assertThat(Fmt.num(-0.004, 2)).as("no negative zero, unlike String.format").isEqualTo("0.00");
    assertThat(Fmt.num(Double.POSITIVE_INFINITY, 1)).isEqualTo("\u221e");
    assertThat(Fmt.num(3e20, 1)).isEqualTo("300,000,000,000,000,000,000.0");
  }

  @Test
  void durationsReadAsPeopleSayThem() {
    assertThat(Fmt.duration(java.time.Duration.ZERO)).isEqualTo("0\u00a0min");
    assertThat(Fmt.duration(java.time.Duration.ofMinutes(195))).isEqualTo("3\u00a0h 15\u00a0min");
    assertThat(Fmt.duration(java.time.Duration.ofHours(52))).isEqualTo("2\u00a0d 4\u00a0h");
  }
}
