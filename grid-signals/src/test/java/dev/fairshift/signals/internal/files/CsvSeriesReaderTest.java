package dev.fairshift.signals.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvSeriesReaderTest {

  @Test
  void parseSimpleDecimal_equalsParseDoubleOnRandomDecimals() {
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      long unscaled = random.nextLong() % 1_000_000_000_000_000L;
      unscaled = Math.abs(unscaled) / (long) Math.pow(10, random.nextInt(15));
      String text = new BigDecimal(BigInteger.valueOf(unscaled), random.nextInt(12)).toPlainString();
      double expected = Double.parseDouble(text);
      double actual = CsvSeriesReader.parseSimpleDecimal(text);
      if (!Double.isNaN(actual)) {
        assertThat(actual).as(text).isEqualTo(expected);
      }
    }
  }

  @Test
  void parseSimpleDecimal_declinesWhatItCannotParseExactly() {
    assertThat(CsvSeriesReader.parseSimpleDecimal("526.77")).isEqualTo(526.77);
    assertThat(CsvSeriesReader.parseSimpleDecimal("61")).isEqualTo(61.0);
    assertThat(CsvSeriesReader.parseSimpleDecimal("0.5")).isEqualTo(0.5);
    assertThat(CsvSeriesReader.parseSimpleDecimal("7.")).isEqualTo(7.0);
    assertThat(CsvSeriesReader.parseSimpleDecimal("218.29003068829462")).isNaN();
    assertThat(CsvSeriesReader.parseSimpleDecimal("-3")).isNaN();
    assertThat(CsvSeriesReader.parseSimpleDecimal("1e3")).isNaN();
    assertThat(CsvSeriesReader.parseSimpleDecimal("1.2.3")).isNaN();
    assertThat(CsvSeriesReader.parseSimpleDecimal(".")).isNaN();
    assertThat(CsvSeriesReader.parseSimpleDecimal("")).isNaN();
  }
}
