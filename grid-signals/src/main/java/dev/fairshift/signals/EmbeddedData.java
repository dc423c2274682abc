package dev.fairshift.signals;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.IntensityTable;
import dev.fairshift.core.SignalKind;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.signals.internal.files.CsvSeriesReader;
import dev.fairshift.signals.internal.files.SeriesTable;
import dev.fairshift.signals.internal.files.TableSource;
import dev.fairshift.signals.internal.files.ZoneData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Real carbon-intensity data, shipped in the separate artifact {@code dev.fairshift:grid-data} (about
 * 2.8 MB compressed, under the data's own licences), so demos and tests run offline. Add it next to
 * {@code grid-signals} to use this class (the version comes from {@code fairshift-bom}):
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.fairshift</groupId>
 *   <artifactId>grid-data</artifactId>
 * </dependency>
 * }</pre>
 *
 * <p>Without it on the class path every method fails with a {@link GridSignalException} that says so.
 * The datasets:
 *
 * <ul>
 *   <li>{@link #electricityMaps()}: hourly life-cycle average intensity of 16 zones on five
 *       continents (AU-NSW, AU-VIC, BR-CS, CA-ON, CL-SEN, DE, GB, IN-WE, JP-TK, KR, SG, US-CAL-CISO,
 *       US-MIDA-PJM, US-NY-NYIS, US-TEX-ERCO, ZA), 2021-01-01T00:00Z to 2025-01-01T00:00Z, 35,064
 *       hours per zone without gaps; hours Electricity Maps estimated are flagged {@link
 *       IntensityPoint.Flag#ESTIMATED}. Data: Electricity Maps (electricitymaps.com), ODbL 1.0.
 *   <li>{@link #entsoe2020()}: life-cycle average intensity of DE (15 min), FR (30 min) and GB (30
 *       then 15 min) from 2019-12-20 to 2021-01-09 (UTC), the whole of 2020, derived from ENTSO-E
 *       generation data by Wiesner et al., "Let's Wait Awhile: How Temporal Workload Shifting Can
 *       Reduce Carbon Emissions in the Cloud", Middleware 2021 (doi 10.1145/3464298.3493399).
 * </ul>
 *
 * <p>So Germany, Great Britain and France are available for a full year (2020), and DE, GB and 14
 * more zones for 2021 to 2024. {@link #source()} picks the dataset that covers an interval. The
 * licences and origins are in {@code dev/fairshift/signals/data/README.md} and the {@code
 * SOURCE.txt} files next to the data.
 *
 * <p>Tables are parsed on first use and kept (thread-safe; the Electricity Maps table takes a few
 * hundred milliseconds and about 16 MB of heap).
 *
 * <pre>{@code
 * Horizon year = Horizon.hourly(Instant.parse("2020-01-01T00:00:00Z"), 8784);
 * IntensityTable table = EmbeddedData.intensityTable(year, "DE", "GB", "FR");
 * }</pre>
 */
public final class EmbeddedData {
  /** Where grid-data keeps the datasets: a resource path, looked up through the class loader. */
  private static final String ROOT = "dev/fairshift/signals/data/";
  /** The artifact that holds the data. */
  public static final String DATA_ARTIFACT = "dev.fairshift:grid-data";
  private static final String EM_DIR = ROOT + "electricitymaps_16zones_2021_2024/";
  private static final String EM_VALUES = EM_DIR + "carbon_intensity_lifecycle_hourly.csv.gz";
  private static final String EM_FLAGS = EM_DIR + "estimated_flag_hourly.csv.gz";
  private static final String ENTSOE_DIR = ROOT + "entsoe-2020/";
  private static final List<String> ENTSOE_ZONES = List.of("DE", "FR", "GB");

  /** The attribution Electricity Maps' ODbL licence asks for. */
  public static final String ELECTRICITY_MAPS_ATTRIBUTION =
      "Carbon intensity data: Electricity Maps (electricitymaps.com), ODbL 1.0";
  /** The citation the authors of the ENTSO-E 2020 dataset ask for. */
  public static final String ENTSOE_2020_CITATION = "Wiesner, Behnke, Scheinert, Gontarska, Thamsen: "
      + "Let's Wait Awhile: How Temporal Workload Shifting Can Reduce Carbon Emissions in the Cloud. "
      + "Middleware 2021, doi 10.1145/3464298.3493399. Derived from ENTSO-E Transparency Platform data.";

  private static final TableSource ELECTRICITY_MAPS =
      new TableSource("embedded:electricitymaps", EmbeddedData::loadElectricityMaps);
  private static final TableSource ENTSOE_2020 =
      new TableSource("embedded:entsoe-2020", EmbeddedData::loadEntsoe2020);
  private static final CarbonIntensitySource COMBINED = new Combined();
  private static volatile List<String> electricityMapsZones;

  private EmbeddedData() {}

  /**
   * Electricity Maps, 16 zones, hourly, 2021-2024, life-cycle average gCO2eq/kWh, estimated hours
   * flagged. Answers {@code history}; no forecasts.
   */
  public static CarbonIntensitySource electricityMaps() {
    return ELECTRICITY_MAPS;
  }

  /** ENTSO-E via Let's Wait Awhile: DE, FR, GB, 2019-12-20 to 2021-01-09, sub-hourly. */
  public static CarbonIntensitySource entsoe2020() {
    return ENTSOE_2020;
  }

  /**
   * Both datasets as one source: for a zone and interval it answers from Electricity Maps when that
   * covers the whole interval, else from ENTSO-E 2020 when that does; the series' {@code source}
   * says which. An interval neither covers whole is an error naming the ranges that exist.
   */
  public static CarbonIntensitySource source() {
    return COMBINED;
  }

  /** Every zone id with embedded data, sorted: the 16 Electricity Maps zones and FR. */
  public static List<String> zones() {
    TreeSet<String> all = new TreeSet<>(electricityMapsZones());
    all.addAll(ENTSOE_ZONES);
    return List.copyOf(all);
  }

  /** The zone ids of {@link #electricityMaps()}, in table order (read from the table's header). */
  public static List<String> electricityMapsZones() {
    List<String> zones = electricityMapsZones;
    if (zones == null) {
      try (BufferedReader in = open(EM_VALUES)) {
        String header = in.readLine();
        List<String> columns = new ArrayList<>(Arrays.asList(header.strip().split(",")));
        columns.remove(0);
        zones = List.copyOf(columns);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read embedded resource " + EM_VALUES, e);
      }
      electricityMapsZones = zones;
    }
    return zones;
  }

  /** The zone ids of {@link #entsoe2020()}: DE, FR, GB. */
  public static List<String> entsoe2020Zones() {
    return ENTSOE_ZONES;
  }

  /**
   * The intensity of {@code zone} on every slot of {@code horizon}, from {@link #source()},
   * resampled with {@link GapPolicy#FILL_LINEAR} (filled slots are flagged in {@link
   * Resampler#resample}; use the overload to choose).
   *
   * @throws GridSignalException if the zone is unknown (listing the known ones) or the horizon is
   *     outside the data (naming the covered range)
   */
  public static ZoneIntensity zoneIntensity(String zone, Horizon horizon) {
    return zoneIntensity(zone, horizon, Resampler.of(GapPolicy.FILL_LINEAR));
  }

  /** As {@link #zoneIntensity(String, Horizon)}, resampled by {@code resampler}. */
  public static ZoneIntensity zoneIntensity(String zone, Horizon horizon, Resampler resampler) {
    Objects.requireNonNull(horizon, "horizon");
    Objects.requireNonNull(resampler, "resampler");
    return resampler.toZoneIntensity(COMBINED.history(zone, horizon.start(), horizon.end()), horizon);
  }

  /**
   * A core table of the given zones over {@code horizon}, each from {@link #zoneIntensity(String,
   * Horizon)}, e.g. {@code intensityTable(year2020, "DE", "GB", "FR")}.
   */
  public static IntensityTable intensityTable(Horizon horizon, String... zones) {
    List<ZoneIntensity> list = new ArrayList<>();
    for (String zone : zones) {
      list.add(zoneIntensity(zone, horizon));
    }
    return IntensityTable.of(list);
  }

  /** Picks the dataset that covers the whole interval. */
  private static final class Combined implements CarbonIntensitySource {
    @Override
    public String name() {
      return "embedded";
    }

    @Override
    public IntensitySeries history(String zone, Instant from, Instant to) {
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      List<TableSource> candidates = new ArrayList<>();
      if (electricityMapsZones().contains(zone)) {
        candidates.add(ELECTRICITY_MAPS);
      }
      if (ENTSOE_ZONES.contains(zone)) {
        candidates.add(ENTSOE_2020);
      }
      if (candidates.isEmpty()) {
        throw new GridSignalException("Embedded data has no zone '" + zone + "'; its zones are "
            + zones() + ". Maybe use one of those or load your own file with "
            + "CarbonIntensitySources.csv(...).");
      }
      List<String> ranges = new ArrayList<>();
      for (TableSource candidate : candidates) {
        ZoneData data = candidate.zone(zone);
        if (!from.isBefore(data.first()) && !to.isAfter(data.end())) {
          return candidate.history(zone, from, to);
        }
        ranges.add(candidate.name() + " " + TableSource.format(data.first()) + ".."
            + TableSource.format(data.end()));
      }
      throw new GridSignalException("Embedded data does not cover zone '" + zone + "' for "
          + TableSource.format(from) + ".." + TableSource.format(to) + "; it has " + String.join(
              " and ", ranges) + ". Maybe choose a horizon inside one of those ranges or load your "
          + "own data with CarbonIntensitySources.csv(...).");
    }
  }

  private static SeriesTable loadElectricityMaps() {
    SeriesTable values = read(EM_VALUES, CsvOptions.defaults());
    SeriesTable flags = read(EM_FLAGS, CsvOptions.defaults());
    Map<String, ZoneData> zones = new LinkedHashMap<>();
    for (ZoneData zone : values.zones().values()) {
      ZoneData estimated = flags.zones().get(zone.zone());
      if (estimated == null || !Arrays.equals(estimated.startMillis(), zone.startMillis())) {
        throw new IllegalStateException("Embedded estimated flags do not match the values of zone "
            + zone.zone() + "; the jar is damaged.");
      }
      IntensityPoint.Flag[] zoneFlags = new IntensityPoint.Flag[zone.size()];
      for (int i = 0; i < zone.size(); i++) {
        zoneFlags[i] = estimated.gramsPerKwh(i) > 0.5
            ? IntensityPoint.Flag.ESTIMATED : IntensityPoint.Flag.MEASURED;
      }
      zones.put(zone.zone(), zone.withFlags(zoneFlags));
    }
    return new SeriesTable(values.signal(), zones, Map.of(
        "dataset", "electricitymaps_16zones_2021_2024",
        "emissionFactor", "lifecycle",
        "licence", "ODbL-1.0",
        "attribution", ELECTRICITY_MAPS_ATTRIBUTION));
  }

  private static SeriesTable loadEntsoe2020() {
    Map<String, ZoneData> zones = new LinkedHashMap<>();
    for (String zone : ENTSOE_ZONES) {
      String resource = ENTSOE_DIR + zone.toLowerCase(Locale.ROOT) + "_ci.csv.gz";
      zones.putAll(read(resource, CsvOptions.defaults().withZone(zone)).zones());
    }
    return new SeriesTable(SignalKind.AVERAGE, zones, Map.of(
        "dataset", "entsoe-2020",
        "emissionFactor", "lifecycle",
        "timestamps", "UTC (no daylight-saving jumps or repeats in the data)",
        "citation", ENTSOE_2020_CITATION));
  }

  private static SeriesTable read(String resource, CsvOptions options) {
    try (BufferedReader in = open(resource)) {
      return CsvSeriesReader.read(in, "embedded " + resource, options);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read embedded resource " + resource
          + "; the jar is damaged.", e);
    }
  }

  private static BufferedReader open(String resource) throws IOException {
    ClassLoader loader = EmbeddedData.class.getClassLoader();
    InputStream raw = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
        : loader.getResourceAsStream(resource);
    if (raw == null) {
      throw missing(resource);
    }
    try {
      return new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 1 << 16),
          StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }

  /**
   * The error when the data is not on the class path: the usual cause is a build that has {@code
   * grid-signals} but not {@code grid-data}.
   */
  private static GridSignalException missing(String resource) {
    return new GridSignalException("EmbeddedData needs the artifact " + DATA_ARTIFACT + ", which is not "
        + "on the class path (" + resource + " was not found). The embedded grid data ships apart from "
        + "grid-signals, under its own licences (ODbL 1.0 for the Electricity Maps data). Maybe add "
        + "<dependency><groupId>dev.fairshift</groupId><artifactId>grid-data</artifactId></dependency> "
        + "(version from fairshift-bom) to your pom, or load your own data with "
        + "CarbonIntensitySources.csv(...).");
  }
}
