package dev.fairshift.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.core.Horizon;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Naive local times of Europe/Berlin over the 2020 daylight-saving transitions. */
class DstTest {
  private static final CsvOptions BERLIN = CsvOptions.defaults().withZone("DE")
      .withLocalTimeZone(ZoneId.of("Europe/Berlin"));
  private static final Resampler STRICT = Resampler.of(GapPolicy.FAIL);

  private static IntensitySeries read(String csv, Instant from, Instant to) {
    return CarbonIntensitySources.csv(new StringReader(csv), "berlin.csv", BERLIN).history("DE", from, to);
  }

  @Test
  void csv_springForwardGivesContiguousUtcInstants() {
    // 2020-03-29: 02:00 CET (+01) jumps to 03:00 CEST (+02); 01:45 local = 00:45Z, 03:00 local = 01:00Z
    String csv = """
        Time,Carbon Intensity
        2020-03-29 01:00:00,1
        2020-03-29 01:15:00,2
        2020-03-29 01:30:00,3
        2020-03-29 01:45:00,4
        2020-03-29 03:00:00,5
        2020-03-29 03:15:00,6
        2020-03-29 03:30:00,7
        2020-03-29 03:45:00,8
        """;
    Instant from = Instant.parse("2020-03-29T00:00:00Z");
    IntensitySeries series = read(csv, from, from.plus(Duration.ofHours(2)));

    assertThat(series.points()).extracting(IntensityPoint::start).containsExactly(
        Instant.parse("2020-03-29T00:00:00Z"), Instant.parse("2020-03-29T00:15:00Z"),
        Instant.parse("2020-03-29T00:30:00Z"), Instant.parse("2020-03-29T00:45:00Z"),
        Instant.parse("2020-03-29T01:00:00Z"), Instant.parse("2020-03-29T01:15:00Z"),
        Instant.parse("2020-03-29T01:30:00Z"), Instant.parse("2020-03-29T01:45:00Z"));
    assertThat(series.points()).extracting(IntensityPoint::length).containsOnly(Duration.ofMinutes(15));
    ResampledSeries hourly = STRICT.resample(series, Horizon.hourly(from, 2));
    assertThat(hourly.gaps()).isEmpty();
    assertThat(hourly.filledCount()).isZero();
    assertThat(hourly.gramsPerKwh().values()).containsExactly((1 + 2 + 3 + 4) / 4.0, (5 + 6 + 7 + 8) / 4.0);
  }

  @Test
  void csv_fallBackRepeatedHourReadsAsTwoConsecutiveHours() {
    // 2020-10-25: 03:00 CEST (+02) goes back to 02:00 CET (+01); local 02:00-02:45 occurs twice
    String csv = """
        Time,Carbon Intensity
        2020-10-25 01:30:00,1
        2020-10-25 01:45:00,2
        2020-10-25 02:00:00,3
        2020-10-25 02:15:00,4
        2020-10-25 02:30:00,5
        2020-10-25 02:45:00,6
        2020-10-25 02:00:00,7
        2020-10-25 02:15:00,8
        2020-10-25 02:30:00,9
        2020-10-25 02:45:00,10
        2020-10-25 03:00:00,11
        2020-10-25 03:15:00,12
        """;
    Instant from = Instant.parse("2020-10-24T23:30:00Z");
    IntensitySeries series = read(csv, from, Instant.parse("2020-10-25T02:30:00Z"));

    List<IntensityPoint> points = series.points();
    assertThat(points).hasSize(12);
    for (int i = 0; i < points.size(); i++) {
      assertThat(points.get(i).start()).isEqualTo(from.plus(Duration.ofMinutes(15L * i)));
      assertThat(points.get(i).length()).isEqualTo(Duration.ofMinutes(15));
    }
    ResampledSeries hourly = STRICT.resample(series, Horizon.hourly(Instant.parse("2020-10-25T00:00:00Z"), 2));
    assertThat(hourly.gaps()).isEmpty();
    assertThat(hourly.filledCount()).isZero();
    assertThat(hourly.gramsPerKwh().values()).containsExactly((3 + 4 + 5 + 6) / 4.0, (7 + 8 + 9 + 10) / 4.0);
  }

  @Test
  void csv_fallBackHourListedOnceLeavesAnHonestGap() {
    // hourly rows 01:00, 02:00, 03:00, 04:00 local = 23:00Z, 00:00Z, 02:00Z, 03:00Z: the second 02:00 is missing
    String csv = """
        Time,Carbon Intensity
        2020-10-25 01:00:00,100
        2020-10-25 02:00:00,200
        2020-10-25 03:00:00,300
        2020-10-25 04:00:00,400
        """;
    Horizon horizon = Horizon.hourly(Instant.parse("2020-10-24T23:00:00Z"), 5);
    IntensitySeries series = read(csv, horizon.start(), horizon.end());

    assertThatThrownBy(() -> STRICT.resample(series, horizon))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("has 1 gap in 2020-10-24T23:00Z..2020-10-25T04:00Z: "
            + "2020-10-25T01:00Z..2020-10-25T02:00Z");
  }

  @Test
  void csv_nonexistentLocalTimeIsAnErrorSuggestingUtc() {
    String csv = """
        Time,Carbon Intensity
        2020-03-29 01:45:00,4
        2020-03-29 02:00:00,5
        """;
    assertThatThrownBy(() -> CarbonIntensitySources.csv(new StringReader(csv), "berlin.csv", BERLIN))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("berlin.csv line 3, column 'Time', value '2020-03-29 02:00:00'")
        .hasMessageContaining("does not exist in Europe/Berlin")
        .hasMessageContaining("withLocalTimeZone(ZoneOffset.UTC)");
  }

  @Test
  void csv_offsetTimestampsIgnoreTheLocalZone() {
    String csv = """
        Time,Carbon Intensity
        2020-10-25T02:00:00+02:00,1
        2020-10-25T02:00:00+01:00,2
        """;
    IntensitySeries series = read(csv, Instant.parse("2020-10-25T00:00:00Z"), Instant.parse("2020-10-25T02:00:00Z"));

    assertThat(series.points()).extracting(IntensityPoint::start).containsExactly(
        Instant.parse("2020-10-25T00:00:00Z"), Instant.parse("2020-10-25T01:00:00Z"));
  }
}
