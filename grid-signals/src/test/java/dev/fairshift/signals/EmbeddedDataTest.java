package dev.fairshift.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.IntensityTable;
import dev.fairshift.core.ZoneIntensity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedDataTest {
  private static final Instant EM_START = Instant.parse("2021-01-01T00:00:00Z");
  private static final Instant EM_END = Instant.parse("2025-01-01T00:00:00Z");
  private static final Horizon YEAR_2020 = Horizon.hourly(Instant.parse("2020-01-01T00:00:00Z"), 8784);
  private static final Resampler STRICT = Resampler.of(GapPolicy.FAIL);

  @Test
  void zones_listsSixteenElectricityMapsZonesAndFrance() {
    assertThat(EmbeddedData.electricityMapsZones()).containsExactly("AU-NSW", "AU-VIC", "BR-CS", "CA-ON",
        "CL-SEN", "DE", "GB", "IN-WE", "JP-TK", "KR", "SG", "US-CAL-CISO", "US-MIDA-PJM", "US-NY-NYIS",
        "US-TEX-ERCO", "ZA");
    assertThat(EmbeddedData.zones()).hasSize(17).contains("DE", "FR", "GB");
    assertThat(EmbeddedData.entsoe2020Zones()).containsExactly("DE", "FR", "GB");
  }

  @Test
  void electricityMaps_everyZoneHas35064ContiguousHours() {
    for (String zone : EmbeddedData.electricityMapsZones()) {
      List<IntensityPoint> points = EmbeddedData.electricityMaps().history(zone, EM_START, EM_END).points();
      assertThat(points).as(zone).hasSize(35_064);
      Instant expected = EM_START;
      for (IntensityPoint point : points) {
        if (!point.start().equals(expected) || !point.length().equals(Duration.ofHours(1))) {
          assertThat(point).as("%s after %s", zone, expected)
              .isEqualTo(new IntensityPoint(expected, Duration.ofHours(1), point.gramsPerKwh(), point.flag()));
        }
        expected = point.end();
      }
      assertThat(expected).isEqualTo(EM_END);
    }
  }

  @Test
  void electricityMaps_knownValuesFromTheCsv() {
    // first data row: 2021-01-01T00:00:00Z,...,DE=526.77,GB=233.76,...
    assertThat(valueAt(EmbeddedData.electricityMaps(), "DE", "2021-01-01T00:00:00Z")).isEqualTo(526.77);
    assertThat(valueAt(EmbeddedData.electricityMaps(), "GB", "2021-01-01T00:00:00Z")).isEqualTo(233.76);
    assertThat(valueAt(EmbeddedData.electricityMaps(), "DE", "2022-01-01T00:00:00Z")).isEqualTo(213.79);
    assertThat(valueAt(EmbeddedData.electricityMaps(), "ZA", "2024-12-31T23:00:00Z")).isEqualTo(753.08);
    IntensitySeries series = EmbeddedData.electricityMaps().history("DE", EM_START, EM_START.plusSeconds(3600));
    assertThat(series.metadata()).containsEntry("licence", "ODbL-1.0")
        .containsEntry("attribution", EmbeddedData.ELECTRICITY_MAPS_ATTRIBUTION);
  }

  @Test
  void electricityMaps_estimatedHoursMatchZonesCsv() throws IOException {
    // zones.csv lists, per zone, how many hours Electricity Maps estimated in 2021, 2022, 2023, 2024
    try (InputStream raw = EmbeddedData.class.getResourceAsStream(
        "data/electricitymaps_16zones_2021_2024/zones.csv");
        BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8))) {
      in.readLine();
      String line;
      int zones = 0;
      while ((line = in.readLine()) != null) {
        String[] f = line.split(",");
        String zone = f[0];
        List<IntensityPoint> points = EmbeddedData.electricityMaps().history(zone, EM_START, EM_END).points();
        long[] estimated = new long[4];
        for (IntensityPoint p : points) {
          if (p.flag() == IntensityPoint.Flag.ESTIMATED) {
            estimated[p.start().atOffset(ZoneOffset.UTC).getYear() - 2021]++;
          }
        }
        for (int year = 2021; year <= 2024; year++) {
          assertThat(estimated[year - 2021]).as("%s %d", zone, year)
              .isEqualTo(Long.parseLong(f[f.length - 4 + (year - 2021)]));
        }
        zones++;
      }
      assertThat(zones).isEqualTo(16);
    }
  }

  @Test
  void entsoe2020_fullYearResamplesTo8784HourlySlotsWithoutGaps() {
    for (String zone : List.of("DE", "FR", "GB")) {
      IntensitySeries series = EmbeddedData.entsoe2020().history(zone, YEAR_2020.start(), YEAR_2020.end());
      ResampledSeries hourly = STRICT.resample(series, YEAR_2020);
      assertThat(hourly.gramsPerKwh().size()).isEqualTo(8784);
      assertThat(hourly.gaps()).as(zone).isEmpty();
      assertThat(hourly.gramsPerKwh().firstInvalidNonNegative()).isEqualTo(-1);
    }
  }

  @Test
  void entsoe2020_germanyMissesTwoQuarterHoursOnDecember19() {
    IntensitySeries de = EmbeddedData.entsoe2020().history("DE", YEAR_2020.start(), YEAR_2020.end());
    // rows: 23:00 280.3718054720385, (23:15 missing), 23:30 283.689425352646, (23:45 missing), 00:00 287.2074744235761
    double at2300 = 280.3718054720385;
    double at2330 = 283.689425352646;
    double at0000 = 287.2074744235761;
    int slot = YEAR_2020.slotAtOrBefore(Instant.parse("2020-12-19T23:00:00Z"));

    ResampledSeries hourly = STRICT.resample(de, YEAR_2020);
    assertThat(hourly.filled().stream().toArray()).containsExactly(slot);
    assertThat(hourly.gramsPerKwh().at(slot)).isCloseTo((at2300 + at2330) / 2, within(1e-9));

    Horizon quarters = Horizon.of(YEAR_2020.start(), 15, 8784 * 4);
    assertThatThrownBy(() -> STRICT.resample(de, quarters))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("has 2 gaps in 2020-01-01T00:00Z..2021-01-01T00:00Z: "
            + "2020-12-19T23:15Z..2020-12-19T23:30Z, 2020-12-19T23:45Z..2020-12-20T00:00Z");
    ResampledSeries filled = Resampler.of(GapPolicy.FILL_LINEAR).resample(de, quarters);
    int q = quarters.slotAtOrBefore(Instant.parse("2020-12-19T23:15:00Z"));
    assertThat(filled.gapSlots()).isEqualTo(2);
    assertThat(filled.gramsPerKwh().at(q)).isCloseTo((at2300 + at2330) / 2, within(1e-9));
    assertThat(filled.gramsPerKwh().at(q + 2)).isCloseTo((at2330 + at0000) / 2, within(1e-9));
    assertThat(filled.filled().stream().toArray()).containsExactly(q, q + 2);
  }

  @Test
  void entsoe2020_isUtcWithoutDaylightSavingJumps() {
    // a Central European local-time series would miss 02:00-02:45 on 03-29 and repeat them on 10-25
    for (String day : List.of("2020-03-29T00:00:00Z", "2020-10-25T00:00:00Z")) {
      Instant start = Instant.parse(day);
      List<IntensityPoint> points = EmbeddedData.entsoe2020().history("DE", start, start.plusSeconds(6 * 3600)).points();
      assertThat(points).as(day).hasSize(24);
      for (int i = 0; i < points.size(); i++) {
        assertThat(points.get(i).start()).isEqualTo(start.plus(Duration.ofMinutes(15L * i)));
      }
    }
  }

  @Test
  void entsoe2020_hourlyMeansOfSubHourlyRows() {
    double de = (174.57450571663193 + 174.70140561183896 + 174.47133055493697 + 162.28603836967073) / 4;
    double gbHalfHours = (258.62226769878697 + 259.572524611379) / 2;
    double gbQuarters = (127.14226262884948 + 134.51276740398754 + 139.94224523417276 + 141.1206021298743) / 4;
    double fr = (55.0353365755751 + 55.25406883422293) / 2;

    assertThat(hourAt("DE", "2020-03-29T00:00:00Z")).isCloseTo(de, within(1e-9));
    assertThat(hourAt("GB", "2020-06-15T12:00:00Z")).isCloseTo(gbHalfHours, within(1e-9));
    assertThat(hourAt("GB", "2020-11-15T12:00:00Z")).isCloseTo(gbQuarters, within(1e-9));
    assertThat(hourAt("FR", "2020-06-15T12:00:00Z")).isCloseTo(fr, within(1e-9));
  }

  @Test
  void zoneIntensity_germanyBritainFranceForAllOf2020() {
    IntensityTable table = EmbeddedData.intensityTable(YEAR_2020, "DE", "GB", "FR");

    assertThat(table.zones()).extracting(ZoneIntensity::zone).containsExactly("DE", "GB", "FR");
    for (ZoneIntensity zone : table.zones()) {
      assertThat(zone.gramsPerKwh().size()).isEqualTo(8784);
      assertThat(zone.forecastGramsPerKwh()).isEmpty();
    }
    assertThat(table.zone("DE").gramsPerKwh().at(YEAR_2020.slotAtOrBefore(Instant.parse("2020-03-29T00:00:00Z"))))
        .isCloseTo(hourAt("DE", "2020-03-29T00:00:00Z"), within(1e-12));
  }

  @Test
  void zoneIntensity_2022ComesFromElectricityMaps() {
    Horizon day = Horizon.hourly(Instant.parse("2022-01-01T00:00:00Z"), 24);

    ZoneIntensity de = EmbeddedData.zoneIntensity("DE", day);

    assertThat(de.gramsPerKwh().at(0)).isEqualTo(213.79);
    assertThat(EmbeddedData.source().history("DE", day.start(), day.end()).source())
        .isEqualTo("embedded:electricitymaps");
    assertThat(EmbeddedData.source().history("DE", YEAR_2020.start(), YEAR_2020.end()).source())
        .isEqualTo("embedded:entsoe-2020");
  }

  @Test
  void zoneIntensity_unknownZoneListsKnownZones() {
    assertThatThrownBy(() -> EmbeddedData.zoneIntensity("NL", YEAR_2020))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("no zone 'NL'")
        .hasMessageContaining("[AU-NSW, AU-VIC, BR-CS, CA-ON, CL-SEN, DE, FR, GB, IN-WE, JP-TK, KR, SG, "
            + "US-CAL-CISO, US-MIDA-PJM, US-NY-NYIS, US-TEX-ERCO, ZA]");
  }

  @Test
  void zoneIntensity_outsideTheDataNamesTheCoveredRanges() {
    assertThatThrownBy(() -> EmbeddedData.zoneIntensity("FR", Horizon.hourly(Instant.parse("2022-01-01T00:00:00Z"), 24)))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("does not cover zone 'FR' for 2022-01-01T00:00Z..2022-01-02T00:00Z")
        .hasMessageContaining("embedded:entsoe-2020 2019-12-20T00:00Z..2021-01-09T23:00Z");
    assertThatThrownBy(() -> EmbeddedData.zoneIntensity("DE", Horizon.hourly(Instant.parse("2024-12-31T00:00:00Z"), 48)))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("embedded:electricitymaps 2021-01-01T00:00Z..2025-01-01T00:00Z")
        .hasMessageContaining("embedded:entsoe-2020 2019-12-20T00:00Z..2021-01-09T23:15Z");
  }

  private static double valueAt(CarbonIntensitySource source, String zone, String instant) {
    Instant at = Instant.parse(instant);
    return source.history(zone, at, at.plusSeconds(1)).points().get(0).gramsPerKwh();
  }

  private static double hourAt(String zone, String instant) {
    Instant at = Instant.parse(instant);
    Horizon hour = Horizon.hourly(at, 1);
    return STRICT.resample(EmbeddedData.entsoe2020().history(zone, at, hour.end()), hour).gramsPerKwh().at(0);
  }
}
