package dev.fairshift.signals;

import dev.fairshift.core.SignalKind;
import dev.fairshift.signals.internal.files.CsvSeriesReader;
import dev.fairshift.signals.internal.files.JsonSeriesReader;
import dev.fairshift.signals.internal.files.SeriesTable;
import dev.fairshift.signals.internal.files.TableSource;
import dev.fairshift.signals.internal.files.ZoneData;
import dev.fairshift.signals.internal.http.CarbonAwareSdkSource;
import dev.fairshift.signals.internal.http.ElectricityMapsSource;
import dev.fairshift.signals.internal.http.UkCarbonIntensitySource;
import dev.fairshift.signals.internal.http.WattTimeSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Static factories for carbon-intensity sources: files and in-memory series, the live provider APIs
 * (UK Carbon Intensity, Electricity Maps, WattTime, Carbon Aware SDK), and the caching and fallback
 * decorators.
 *
 * <p>File and in-memory sources are immutable and thread-safe; they answer {@link CarbonIntensitySource#history}
 * with the readings overlapping the interval (whole, not clipped) and have no forecasts.
 *
 * <p>Files are read completely when the factory is called, so every error (a bad row, a duplicate
 * timestamp, an absurd value) surfaces there, naming the file, line, column and value. UTF-8; a
 * name ending in {@code .gz} is decompressed.
 *
 * <pre>{@code
 * CarbonIntensitySource de = CarbonIntensitySources.csv(Path.of("de_ci.csv"),
 *     CsvOptions.defaults().withZone("DE"));
 * IntensitySeries week = de.history("DE", Instant.parse("2020-03-01T00:00:00Z"),
 *     Instant.parse("2020-03-08T00:00:00Z"));
 * }</pre>
 *
 * @see CsvOptions
 * @see EmbeddedData
 */
public final class CarbonIntensitySources {

  private CarbonIntensitySources() {}

  /**
   * A CSV file read with {@link CsvOptions#defaults()}: a time column then one column per zone, or
   * a native Electricity Maps export.
   *
   * @throws GridSignalException if the file cannot be read or has a bad row
   */
  public static CarbonIntensitySource csv(Path file) {
    return csv(file, CsvOptions.defaults());
  }

  /**
   * A CSV file read as {@code options} say. The source is named {@code file:<file name>}.
   *
   * @throws GridSignalException if the file cannot be read or has a bad row
   */
  public static CarbonIntensitySource csv(Path file, CsvOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    String label = file.toString();
    try (BufferedReader in = open(file)) {
      SeriesTable table = CsvSeriesReader.read(in, label, options);
      return TableSource.of("file:" + file.getFileName(), table);
    } catch (IOException e) {
      throw readError("CSV", label, e);
    }
  }

  /**
   * CSV text from {@code reader} (e.g. a classpath resource), read as {@code options} say. The
   * reader is read to its end but not closed.
   *
   * @param name the source's name, also used in error messages
   * @throws GridSignalException if the text has a bad row or cannot be read
   */
  public static CarbonIntensitySource csv(Reader reader, String name, CsvOptions options) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(options, "options");
    try {
      BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
      return TableSource.of(name, CsvSeriesReader.read(in, name, options));
    } catch (IOException e) {
      throw readError("CSV", name, e);
    }
  }

  /**
   * A JSON file of one series or an array of series:
   *
   * <pre>{@code
   * {"zone": "DE", "signal": "average",
   *  "points": [{"start": "2021-01-01T00:00:00Z", "minutes": 60, "gramsPerKwh": 380.1},
   *             {"start": "2021-01-01T01:00:00Z", "minutes": 60, "gramsPerKwh": 371.4,
   *              "flag": "estimated"}]}
   * }</pre>
   *
   * <p>{@code zone} and {@code points} are required; {@code signal} is {@code average} (default) or
   * {@code marginal}, the same for every series of a file. Each point needs {@code start} (ISO-8601
   * with offset), {@code minutes} (a positive whole number) and {@code gramsPerKwh} (0 to {@value
   * CsvOptions#MAX_GRAMS_PER_KWH}); {@code flag} is optional: {@code measured} (default), {@code
   * estimated}, {@code forecast} or {@code filled}. Points are in time order without overlap; gaps
   * between them are allowed and stay gaps. Unknown fields are errors (they are usually typos).
   *
   * @throws GridSignalException if the file cannot be read or is not in this format, naming the
   *     line, field and value
   */
  public static CarbonIntensitySource json(Path file) {
    Objects.requireNonNull(file, "file");
    String label = file.toString();
    try (BufferedReader in = open(file)) {
      return TableSource.of("file:" + file.getFileName(), JsonSeriesReader.read(in, label));
    } catch (IOException e) {
      throw readError("JSON", label, e);
    }
  }

  /**
   * JSON text in the format of {@link #json(Path)} from {@code reader}, which is not closed.
   *
   * @param name the source's name, also used in error messages
   * @throws GridSignalException if the text is not in that format or cannot be read
   */
  public static CarbonIntensitySource json(Reader reader, String name) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(name, "name");
    try {
      return TableSource.of(name, JsonSeriesReader.read(reader, name));
    } catch (IOException e) {
      throw readError("JSON", name, e);
    }
  }

  /**
   * A source answering from series already in memory, one per zone, e.g. a forecast computed
   * elsewhere. All series must have the same signal kind.
   *
   * @throws IllegalArgumentException if a zone repeats, a series is empty or the signals differ
   */
  public static CarbonIntensitySource of(String name, List<IntensitySeries> series) {
    Objects.requireNonNull(name, "name");
    if (series.isEmpty()) {
      throw new IllegalArgumentException("Source '" + name + "' needs at least one series.");
    }
    SignalKind signal = series.get(0).signal();
    Map<String, ZoneData> zones = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (IntensitySeries s : series) {
      if (s.signal() != signal) {
        throw new IllegalArgumentException("Source '" + name + "' mixes " + signal.jsonName()
            + " and " + s.signal().jsonName() + " series (zone '" + s.zone() + "'). Maybe make "
            + "one source per signal kind.");
      }
      if (s.isEmpty()) {
        throw new IllegalArgumentException("Series of zone '" + s.zone() + "' for source '" + name
            + "' has no points. Maybe leave it out.");
      }
      if (zones.put(s.zone(), ZoneData.of(s.zone(), s.points())) != null) {
        throw new IllegalArgumentException("Source '" + name + "' has two series for zone '"
            + s.zone() + "'. Maybe merge them.");
      }
      if (series.size() == 1) {
        metadata.putAll(s.metadata());
      }
    }
    return TableSource.of(name, new SeriesTable(signal, zones, metadata));
  }

  private static BufferedReader open(Path file) throws IOException {
    InputStream raw = Files.newInputStream(file);
    try {
      InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
      return new BufferedReader(new InputStreamReader(in,
          StandardCharsets.UTF_8.newDecoder()), 1 << 16);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  private static GridSignalException readError(String kind, String label, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new GridSignalException(kind + " file " + label + " does not exist. Maybe check the "
          + "path (relative paths start at " + Path.of("").toAbsolutePath() + ").", e);
    }
    if (e instanceof CharacterCodingException) {
      return new GridSignalException(kind + " file " + label + " is not valid UTF-8. Maybe save it "
          + "as UTF-8.", e);
    }
    return new GridSignalException("Cannot read " + kind + " file " + label + ": " + e
        + ". Maybe check that it exists and is readable.", e);
  }

  /**
   * The UK Carbon Intensity API with default settings. Zones: {@code GB} (national) and
   * {@code GB-1} ... {@code GB-17} (regions by the API's region id, e.g. {@code GB-13} London).
   */
  public static CarbonIntensitySource ukCarbonIntensity() {
    return ukCarbonIntensity(UkCarbonIntensityConfig.defaults());
  }

  /** The UK Carbon Intensity API with {@code config}; average intensities, named {@code ukcarbonintensity}. */
  public static CarbonIntensitySource ukCarbonIntensity(UkCarbonIntensityConfig config) {
    return new UkCarbonIntensitySource(Objects.requireNonNull(config, "config"));
  }

  /**
   * Electricity Maps v3 with {@code config}; average intensities of Electricity Maps zone keys
   * (e.g. {@code DE}, {@code FR}, {@code US-CAL-CISO}), named {@code electricitymaps}.
   */
  public static CarbonIntensitySource electricityMaps(ElectricityMapsConfig config) {
    return new ElectricityMapsSource(Objects.requireNonNull(config, "config"));
  }

  /**
   * WattTime v3 with {@code config}; marginal ({@code co2_moer}, default) or average
   * ({@code co2_aoer}) rates of WattTime regions (e.g. {@code CAISO_NORTH}) in g/kWh, named
   * {@code watttime}.
   */
  public static CarbonIntensitySource wattTime(WattTimeConfig config) {
    return new WattTimeSource(Objects.requireNonNull(config, "config"));
  }

  /**
   * A Carbon Aware SDK WebAPI deployment with {@code config}; intensities of the SDK's locations
   * (e.g. {@code eastus}) of the configured signal kind, named {@code carbonawaresdk}.
   */
  public static CarbonIntensitySource carbonAwareSdk(CarbonAwareSdkConfig config) {
    return new CarbonAwareSdkSource(Objects.requireNonNull(config, "config"));
  }

  /** {@code source} with answers cached; see {@link CachingSource#of(CarbonIntensitySource, Duration, int, Clock)}. */
  public static CachingSource cached(CarbonIntensitySource source, Duration ttl, int maxEntries, Clock clock) {
    return CachingSource.of(source, ttl, maxEntries, clock);
  }

  /** The first of {@code sources} that answers; see {@link FallbackSource#of(SignalKind, List)}. */
  public static FallbackSource fallback(SignalKind signal, CarbonIntensitySource... sources) {
    return FallbackSource.of(signal, List.of(sources));
  }
}
