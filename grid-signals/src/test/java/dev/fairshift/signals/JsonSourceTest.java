package dev.fairshift.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.core.SignalKind;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSourceTest {
  private static final Instant T0 = Instant.parse("2021-01-01T00:00:00Z");
  private static final Duration HALF_HOUR = Duration.ofMinutes(30);

  @TempDir
  Path dir;

  private static CarbonIntensitySource read(String json) {
    return CarbonIntensitySources.json(new StringReader(json), "test.json");
  }

  @Test
  void json_readsTheDocumentedFormat() throws IOException {
    Path file = dir.resolve("de.json");
    Files.writeString(file, """
        {"zone": "DE", "signal": "average",
         "points": [{"start": "2021-01-01T00:00:00Z", "minutes": 60, "gramsPerKwh": 380.1},
                    {"start": "2021-01-01T01:00:00Z", "minutes": 30, "gramsPerKwh": 371.4, "flag": "estimated"},
                    {"start": "2021-01-01T02:30:00+01:00", "minutes": 30, "gramsPerKwh": 360}]}
        """);
    CarbonIntensitySource source = CarbonIntensitySources.json(file);

    IntensitySeries series = source.history("DE", T0, T0.plus(Duration.ofHours(3)));
    assertThat(source.name()).isEqualTo("file:de.json");
    assertThat(series.signal()).isEqualTo(SignalKind.AVERAGE);
    assertThat(series.points()).containsExactly(
        IntensityPoint.of(T0, Duration.ofHours(1), 380.1),
        new IntensityPoint(T0.plus(Duration.ofHours(1)), HALF_HOUR, 371.4, IntensityPoint.Flag.ESTIMATED),
        IntensityPoint.of(T0.plus(Duration.ofMinutes(90)), HALF_HOUR, 360));
  }

  @Test
  void json_arrayOfSeriesWithGapsAndMarginalSignal() {
    CarbonIntensitySource source = read("""
        [{"zone": "A", "signal": "marginal", "points": [
           {"start": "2021-01-01T00:00:00Z", "minutes": 5, "gramsPerKwh": 400},
           {"start": "2021-01-01T00:10:00Z", "minutes": 5, "gramsPerKwh": 420}]},
         {"zone": "B", "signal": "MARGINAL", "points": [
           {"start": "2021-01-01T00:00:00Z", "minutes": 15, "gramsPerKwh": 500}]}]
        """);

    IntensitySeries a = source.history("A", T0, T0.plus(HALF_HOUR));
    assertThat(a.signal()).isEqualTo(SignalKind.MARGINAL);
    assertThat(a.points()).extracting(IntensityPoint::start)
        .containsExactly(T0, T0.plus(Duration.ofMinutes(10)));
    assertThat(source.history("B", T0, T0.plus(HALF_HOUR)).points()).hasSize(1);
  }

  @Test
  void json_absurdValueNamesLineFieldAndValue() {
    assertThatThrownBy(() -> read("""
        {
          "zone": "DE",
          "signal": "average",
          "points": [
            {"start": "2021-01-01T00:00:00Z", "minutes": 60, "gramsPerKwh": 380.1},
            {"start": "2021-01-01T01:00:00Z", "minutes": 30, "gramsPerKwh": -1}
          ]
        }
        """))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("test.json line 6, zone 'DE' points[1].gramsPerKwh, value -1")
        .hasMessageContaining("outside 0..2000")
        .hasMessageContaining("Maybe");
  }

  @Test
  void json_overlappingPointsAreRejected() {
    assertThatThrownBy(() -> read("""
        {"zone": "DE", "points": [
          {"start": "2021-01-01T00:00:00Z", "minutes": 60, "gramsPerKwh": 1},
          {"start": "2021-01-01T00:30:00Z", "minutes": 60, "gramsPerKwh": 2}]}
        """))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("points[1].start")
        .hasMessageContaining("starts before the previous point ends (2021-01-01T01:00Z)");
  }

  @Test
  void json_formatErrors() {
    assertThatThrownBy(() -> read("{\"zone\": \"DE\", \"points\": [{\"start\": \"2021-01-01T00:00:00Z\", "
        + "\"minutes\": 60, \"gramsPerKWh\": 1}]}"))
        .hasMessageContaining("unknown field 'gramsPerKWh'");
    assertThatThrownBy(() -> read("{\"zone\": \"DE\", \"points\": [{\"start\": \"2021-01-01 00:00\", "
        + "\"minutes\": 60, \"gramsPerKwh\": 1}]}"))
        .hasMessageContaining("points[0].start, value \"2021-01-01 00:00\"");
    assertThatThrownBy(() -> read("{\"zone\": \"DE\", \"points\": [{\"start\": \"2021-01-01T00:00:00Z\", "
        + "\"minutes\": 7.5, \"gramsPerKwh\": 1}]}"))
        .hasMessageContaining("points[0].minutes, value 7.5");
    assertThatThrownBy(() -> read("{\"points\": []}")).hasMessageContaining("has no 'zone'");
    assertThatThrownBy(() -> read("{\"zone\": \"DE\", \"signal\": \"median\", \"points\": []}"))
        .hasMessageContaining("field 'signal', value 'median'");
    assertThatThrownBy(() -> read("{\"zone\": \"DE\",\n \"points\": [\n {\"start\": 1 \"minutes\": 2}]}"))
        .isInstanceOf(GridSignalException.class)
        .hasMessageContaining("not valid JSON at line 3");
    assertThatThrownBy(() -> read("[{\"zone\": \"A\", \"points\": [{\"start\": \"2021-01-01T00:00:00Z\", "
        + "\"minutes\": 60, \"gramsPerKwh\": 1}]}, {\"zone\": \"A\", \"points\": [{\"start\": "
        + "\"2021-01-02T00:00:00Z\", \"minutes\": 60, \"gramsPerKwh\": 1}]}]"))
        .hasMessageContaining("zone 'A' appears twice");
  }
}
