package dev.fairshift.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.core.SignalKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {
  private static final Instant T0 = Instant.parse("2021-01-01T00:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration QUARTER = Duration.ofMinutes(15);

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static List<IntensityPoint> all(CarbonIntensitySource source, String zone) {
    return source.history(zone, Instant.parse("2000-01-01T00:00:00Z"),
        Instant.parse("2100-01-01T00:00:00Z")).points();
  }

  @Test
  void csv_wideTableGivesOneSeriesPerZoneColumn() throws IOException {
    Path file = write("wide.csv", """
        datetime_utc,DE,FR
        2021-01-01T00:00:00Z,526.77,60.5
        2021-01-01T01:00:00Z,533.4,61
        2021-01-01T02:00:00Z,543.89,62.25
        """);
    CarbonIntensitySource source = CarbonIntensitySources.csv(file);

    assertThat(source.name()).isEqualTo("file:wide.csv");
    assertThat(all(source, "DE")).containsExactly(
        IntensityPoint.of(T0, HOUR, 526.77),
        IntensityPoint.of(T0.plus(HOUR), HOUR, 533.4),
        IntensityPoint.of(T0.plus(HOUR.multipliedBy(2)), HOUR, 543.89));
    assertThat(all(source, "FR")).extracting(IntensityPoint::gramsPerKwh)
        .containsExactly(60.5, 61.0, 62.25);
    IntensitySeries de = source.history("DE", T0, T0.plus(HOUR));
    assertThat(de.signal()).isEqualTo(SignalKind.AVERAGE);
    assertThat(de.metadata()).containsEntry("interval", "PT1H").containsEntry("format", "csv-wide");
  }

  @Test
  void history_returnsWholePointsOverlappingTheInterval() throws IOException {
    Path file = write("wide.csv", """
        datetime_utc,DE
        2021-01-01T00:00:00Z,100
        2021-01-01T01:00:00Z,200
        2021-01-01T02:00:00Z,300
        2021-01-01T03:00:00Z,400
        """);
    CarbonIntensitySource source = CarbonIntensitySources.csv(file);

    IntensitySeries series = source.history("DE", T0.plus(Duration.ofMinutes(90)),
        T0.plus(Duration.ofMinutes(150)));

    assertThat(series.points()).extracting(IntensityPoint::gramsPerKwh).containsExactly(200.0, 300.0);
  }

  @Test
  void csv_bomCrlfBlankLinesAndQuotedHeaders() throws IOException {
    Path file = write("excel.csv", "\uFEFF\"datetime_utc\",\"DE\",\"G,B\"\r\n\r\n"
        + "2021-01-01T00:00:00Z,100,\"200.5\"\r\n   \r\n"
        + "2021-01-01T01:00:00Z,110,210\r\n");
    CarbonIntensitySource source = CarbonIntensitySources.csv(file);

    assertThat(all(source, "DE")).extracting(IntensityPoint::gramsPerKwh).containsExactly(100.0, 110.0);
    assertThat(all(source, "G,B")).extracting(IntensityPoint::gramsPerKwh).containsExactly(200.5, 210.0);
  }

  @Test
  void csv_twoColumnNaiveTimesWithZoneAreUtcAndLastAQuarter() throws IOException {
    Path file = write("de_ci.csv", """
        Time,Carbon Intensity
        2019-12-20 00:00:00,218.29
        2019-12-20 00:15:00,217.88
        2019-12-20 00:30:00,216.5
        """);
    CarbonIntensitySource source = CarbonIntensitySources.csv(file, CsvOptions.defaults().withZone("DE"));

    Instant start = Instant.parse("2019-12-20T00:00:00Z");
    assertThat(all(source, "DE")).containsExactly(
        IntensityPoint.of(start, QUARTER, 218.29),
        IntensityPoint.of(start.plus(QUARTER), QUARTER, 217.88),
        IntensityPoint.of(start.plus(QUARTER.multipliedBy(2)), QUARTER, 216.5));
  }

  @Test
  void csv_missingRowStaysAGapBecauseLengthIsCappedAtTheMedianStep() throws IOException {
    // steps 15, 15, 30 (23:15 missing), 15: median 15 minutes
    Path file = write("gap.csv", """
        Time,Carbon Intensity
        2020-12-19 22:30:00,1
        2020-12-19 22:45:00,2
        2020-12-19 23:00:00,3
        2020-12-19 23:30:00,4
        2020-12-19 23:45:00,5
        """);
    List<IntensityPoint> points = all(CarbonIntensitySources.csv(file, CsvOptions.defaults().withZone("DE")), "DE");

    assertThat(points).extracting(IntensityPoint::length).containsOnly(QUARTER);
    assertThat(points.get(2).end()).isEqualTo(Instant.parse("2020-12-19T23:15:00Z"));
    assertThat(points.get(3).start()).isEqualTo(Instant.parse("2020-12-19T23:30:00Z"));
  }

  @Test
  void csv_mixedStepsKeepTheirLengthsUpToTheMedian() throws IOException {
    // GB style: 30-minute rows then 15-minute rows; steps 30, 30, 30, 15, 15 -> median 30
    Path file = write("gb.csv", """
        Time,Carbon Intensity
        2020-10-31 22:30:00,10
        2020-10-31 23:00:00,20
        2020-10-31 23:30:00,30
        2020-11-01 00:00:00,40
        2020-11-01 00:15:00,50
        2020-11-01 00:30:00,60
        """);
    List<IntensityPoint> points = all(CarbonIntensitySources.csv(file, CsvOptions.defaults().withZone("GB")), "GB");

    assertThat(points).extracting(p -> p.length().toMinutes()).containsExactly(30L, 30L, 30L, 15L, 15L, 30L);
  }

  @Test
  void csv_givenIntervalCapsLengths() throws IOException {
    Path file = write("gb.csv", """
        Time,Carbon Intensity
        2020-11-01 00:00:00,40
        2020-11-01 01:00:00,50
        """);
    List<IntensityPoint> points = all(CarbonIntensitySources.csv(file,
        CsvOptions.defaults().withZone("GB").withInterval(Duration.ofMinutes(30))), "GB");

    assertThat(points).extracting(p -> p.length().toMinutes()).containsExactly(30L, 30L);
  }

  @Test
  void csv_emptyCellIsAMissingReading() throws IOException {
    Path file = write("wide.csv", """
        datetime_utc,DE,FR
        2021-01-01T00:00:00Z,100,50
        2021-01-01T01:00:00Z,,51
        2021-01-01T02:00:00Z,120,52
        """);
    List<IntensityPoint> de = all(CarbonIntensitySources.csv(file), "DE");

    assertThat(de).containsExactly(IntensityPoint.of(T0, HOUR, 100),
        IntensityPoint.of(T0.plus(HOUR.multipliedBy(2)), HOUR, 120));
  }

  @Test
  void csv_zoneColumnsSelectAndRename() throws IOException {
    Path file = write("wide.csv", """
        time;germany;note;france
        2021-01-01T00:00:00+01:00;100;x;50
        2021-01-01T01:00:00+01:00;110;y;55
        """);
    CarbonIntensitySource source = CarbonIntensitySources.csv(file, CsvOptions.defaults()
        .withDelimiter(';').withZoneColumn("germany", "DE").withZoneColumn("france", "FR"));

    assertThat(all(source, "DE").get(0).start()).isEqualTo(Instant.parse("2020-12-31T23:00:00Z"));
    assertThat(all(source, "FR")).extracting(IntensityPoint::gramsPerKwh).containsExactly(50.0, 55.0);
    assertThatThrownBy(() -> source.history("note", T0, T0.plus(HOUR)))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("no zone 'note'")
        .hasMessageContaining("[DE, FR]");
  }

  @Test
  void csv_timePatternAndMarginalSignal() throws IOException {
    Path file = write("moer.csv", """
        when,CAISO_NORTH
        01/03/2023 10:00,400
        01/03/2023 10:05,410
        """);
    CarbonIntensitySource source = CarbonIntensitySources.csv(file, CsvOptions.defaults()
        .withTimePattern("dd/MM/yyyy HH:mm").withSignal(SignalKind.MARGINAL));

    IntensitySeries series = source.history("CAISO_NORTH", Instant.parse("2023-03-01T10:00:00Z"),
        Instant.parse("2023-03-01T11:00:00Z"));
    assertThat(series.signal()).isEqualTo(SignalKind.MARGINAL);
    assertThat(series.points()).containsExactly(
        IntensityPoint.of(Instant.parse("2023-03-01T10:00:00Z"), Duration.ofMinutes(5), 400),
        IntensityPoint.of(Instant.parse("2023-03-01T10:05:00Z"), Duration.ofMinutes(5), 410));
  }

  @Test
  void csv_gzipFileIsDecompressed() throws IOException {
    Path file = dir.resolve("wide.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("datetime_utc,DE\n2021-01-01T00:00:00Z,100\n2021-01-01T01:00:00Z,200\n"
          .getBytes(StandardCharsets.UTF_8));
    }
    assertThat(all(CarbonIntensitySources.csv(file), "DE")).hasSize(2);
  }

  @Test
  void csv_nativeElectricityMapsExportIsRecognised() throws IOException {
    Path file = write("GB_2023_hourly.csv", "Datetime (UTC),Country,Zone Name,Zone Id,"
        + "Carbon Intensity gCO₂eq/kWh (direct),Carbon Intensity gCO₂eq/kWh (LCA),"
        + "Low Carbon Percentage,Renewable Percentage,Data Source,Data Estimated,"
        + "Data Estimation Method\r\n"
        + "2023-03-07 17:00:00,Great Britain,Great Britain,GB,250.1,340.2,35.1,23.0,bmreports.com,false,\r\n"
        + "2023-03-07 18:00:00,Great Britain,Great Britain,GB,269.1,360.53,33.7,22.54,"
        + "Electricity Maps Estimation,true,ESTIMATED_TIME_SLICER_AVERAGE\r\n");
    CarbonIntensitySource lifecycle = CarbonIntensitySources.csv(file);
    CarbonIntensitySource direct = CarbonIntensitySources.csv(file,
        CsvOptions.electricityMapsExport().withValueColumn(CsvOptions.EM_DIRECT_COLUMN));

    Instant five = Instant.parse("2023-03-07T17:00:00Z");
    assertThat(all(lifecycle, "GB")).containsExactly(
        IntensityPoint.of(five, HOUR, 340.2),
        new IntensityPoint(five.plus(HOUR), HOUR, 360.53, IntensityPoint.Flag.ESTIMATED));
    assertThat(all(direct, "GB")).extracting(IntensityPoint::gramsPerKwh).containsExactly(250.1, 269.1);
    assertThat(lifecycle.history("GB", five, five.plus(HOUR)).metadata())
        .containsEntry("format", "electricitymaps-export");
  }

  @Test
  void csv_realElectricityMapsExportGb2023() throws IOException {
    Path file = dir.resolve("GB_2023_hourly.csv.gz");
    try (InputStream in = CsvSourceTest.class.getResourceAsStream("GB_2023_hourly.csv.gz")) {
      Files.copy(in, file);
    }
    List<IntensityPoint> points = all(CarbonIntensitySources.csv(file), "GB");

    // 2023 has 8760 hours; zones.csv says GB had 20 estimated hours in 2023
    assertThat(points).hasSize(8760);
    assertThat(points.stream().filter(p -> p.flag() == IntensityPoint.Flag.ESTIMATED)).hasSize(20);
    assertThat(points.get(0)).isEqualTo(IntensityPoint.of(Instant.parse("2023-01-01T00:00:00Z"), HOUR, 91.44));
  }

  @Test
  void csv_longLayoutWithSeveralZones() throws IOException {
    Path file = write("long.csv", """
        zone,time,g,est
        DE,2021-01-01T00:00:00Z,300,0
        FR,2021-01-01T00:00:00Z,50,1
        DE,2021-01-01T01:00:00Z,310,0
        FR,2021-01-01T01:00:00Z,55,0
        """);
    CarbonIntensitySource source = CarbonIntensitySources.csv(file, CsvOptions.defaults()
        .withTimeColumn("time").withZoneIdColumn("zone").withValueColumn("g").withEstimatedColumn("est"));

    assertThat(all(source, "DE")).extracting(IntensityPoint::gramsPerKwh).containsExactly(300.0, 310.0);
    assertThat(all(source, "FR")).extracting(IntensityPoint::flag)
        .containsExactly(IntensityPoint.Flag.ESTIMATED, IntensityPoint.Flag.MEASURED);
  }

  @Test
  void csv_readerVariantNamesTheSource() {
    CarbonIntensitySource source = CarbonIntensitySources.csv(
        new StringReader("t,DE\n2021-01-01T00:00:00Z,1\n2021-01-01T01:00:00Z,2\n"), "mem", CsvOptions.defaults());
    assertThat(source.name()).isEqualTo("mem");
    assertThat(source.history("DE", T0, T0.plus(HOUR)).source()).isEqualTo("mem");
  }

  @Test
  void of_inMemorySeriesAnswerHistoryWithTheirFlags() {
    IntensitySeries forecast = new IntensitySeries("DE", SignalKind.AVERAGE, "forecaster", List.of(
        new IntensityPoint(T0, HOUR, 300, IntensityPoint.Flag.FORECAST),
        new IntensityPoint(T0.plus(HOUR.multipliedBy(3)), HOUR, 320, IntensityPoint.Flag.FORECAST)),
        Map.of());
    CarbonIntensitySource source = CarbonIntensitySources.of("memory", List.of(forecast));

    assertThat(source.history("DE", T0.plus(HOUR), T0.plus(HOUR.multipliedBy(4))).points())
        .containsExactly(new IntensityPoint(T0.plus(HOUR.multipliedBy(3)), HOUR, 320, IntensityPoint.Flag.FORECAST));
    IntensitySeries marginal = new IntensitySeries("FR", SignalKind.MARGINAL, "m",
        List.of(IntensityPoint.of(T0, HOUR, 1)), Map.of());
    assertThatThrownBy(() -> CarbonIntensitySources.of("mixed", List.of(forecast, marginal)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mixes average and marginal");
  }

  // ----- errors -----

  private void assertCsvError(String text, CsvOptions options, String... fragments) throws IOException {
    Path file = write("bad.csv", text);
    assertThatThrownBy(() -> CarbonIntensitySources.csv(file, options))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("bad.csv")
        .hasMessageContaining("Maybe")
        .message().contains(fragments);
  }

  @Test
  void csv_nonNumericValueNamesLineColumnAndValue() throws IOException {
    assertCsvError("datetime_utc,DE,FR\n2021-01-01T00:00:00Z,1,2\n\n2021-01-01T01:00:00Z,1,abc\n",
        CsvOptions.defaults(), "line 4", "column 'FR'", "value 'abc'", "not a number");
  }

  @Test
  void csv_duplicateTimestampNamesBothLines() throws IOException {
    assertCsvError("t,DE\n2021-01-01T00:00:00Z,1\n2021-01-01T01:00:00Z,2\n2021-01-01T01:00:00Z,3\n",
        CsvOptions.defaults(), "line 4", "column 't'", "duplicate timestamp 2021-01-01T01:00Z",
        "also on line 3");
  }

  @Test
  void csv_outOfOrderTimestamp() throws IOException {
    assertCsvError("t,DE\n2021-01-01T02:00:00Z,1\n2021-01-01T01:00:00Z,2\n", CsvOptions.defaults(),
        "line 3", "value '2021-01-01T01:00:00Z'", "is before 2021-01-01T02:00Z on line 2",
        "sort the file");
  }

  @Test
  void csv_absurdValuesAreRejected() throws IOException {
    assertCsvError("t,DE\n2021-01-01T00:00:00Z,-3\n", CsvOptions.defaults(), "line 2", "value '-3'",
        "outside 0..2000");
    assertCsvError("t,DE\n2021-01-01T00:00:00Z,1\n2021-01-01T01:00:00Z,2500.5\n", CsvOptions.defaults(),
        "line 3", "value '2500.5'", "outside 0..2000");
    assertCsvError("t,DE\n2021-01-01T00:00:00Z,NaN\n", CsvOptions.defaults(), "line 2", "value 'NaN'",
        "not a finite intensity");
    assertCsvError("t,DE\n2021-01-01T00:00:00Z,Infinity\n", CsvOptions.defaults(), "line 2",
        "not a finite intensity");
  }

  @Test
  void csv_badTimestamp() throws IOException {
    assertCsvError("t,DE\n2021-01-01T00:00:00Z,1\n01.01.2021 01:00,2\n", CsvOptions.defaults(),
        "line 3", "column 't'", "value '01.01.2021 01:00'", "not an ISO-8601 date-time");
    assertCsvError("t,DE\n2021-02-30 00:00:00,1\n", CsvOptions.defaults(), "line 2",
        "not a valid date-time");
  }

  @Test
  void csv_structuralErrors() throws IOException {
    assertCsvError("t,DE\n2021-01-01T00:00:00Z,1,7\n", CsvOptions.defaults(), "line 2 has 3 fields",
        "header (line 1) has 2");
    assertCsvError("t,DE\n2021-01-01T00:00:00Z,\"1\n", CsvOptions.defaults(), "line 2",
        "not closed");
    assertCsvError("", CsvOptions.defaults(), "is empty");
    assertCsvError("t,DE\n", CsvOptions.defaults(), "no values");
    assertCsvError("t,DE\n2021-01-01T00:00:00Z,1\n", CsvOptions.defaults(), "single row",
        "withInterval");
    assertCsvError("t,DE\n2021-01-01T00:00:00Z,1\n", CsvOptions.defaults().withTimeColumn("Time"),
        "no time column 'Time'", "[t, DE]");
    assertCsvError("t,DE,FR\n2021-01-01T00:00:00Z,1,2\n", CsvOptions.defaults().withZone("DE"),
        "2 value columns [DE, FR]", "withValueColumn");
    assertCsvError("t,DE,est\n2021-01-01T00:00:00Z,1,maybe\n",
        CsvOptions.defaults().withEstimatedColumn("est"), "line 2", "column 'est'", "not a yes/no flag");
  }

  @Test
  void csv_missingFileIsAGridSignalException() {
    assertThatThrownBy(() -> CarbonIntensitySources.csv(dir.resolve("nope.csv")))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("nope.csv does not exist");
  }

  @Test
  void history_outsideTheDataNamesTheCoveredRange() throws IOException {
    Path file = write("wide.csv", "t,DE\n2021-01-01T00:00:00Z,1\n2021-01-01T01:00:00Z,2\n");
    CarbonIntensitySource source = CarbonIntensitySources.csv(file);

    assertThatThrownBy(() -> source.history("DE", Instant.parse("2022-01-01T00:00:00Z"),
        Instant.parse("2022-01-02T00:00:00Z")))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("only for 2021-01-01T00:00Z..2021-01-01T02:00Z");
    assertThatThrownBy(() -> source.history("DE", T0, T0)).isInstanceOf(IllegalArgumentException.class);
  }
}
