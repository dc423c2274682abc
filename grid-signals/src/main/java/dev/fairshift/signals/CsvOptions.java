package dev.fairshift.signals;

import dev.fairshift.core.SignalKind;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link CarbonIntensitySources#csv(java.nio.file.Path, CsvOptions)} reads a CSV file of carbon
 * intensities in grams CO2e per kWh. Immutable and thread-safe: every {@code with...} method returns
 * a changed copy.
 *
 * <p>Two layouts are read:
 *
 * <ul>
 *   <li><b>Wide</b> (the default): a time column and one value column per zone, e.g. {@code
 *       datetime_utc,DE,GB,FR}. By default every column except the time column (and the estimated
 *       column, if any) is a zone named by its header. {@link #withZoneColumn} picks columns and
 *       renames them; {@link #withZone} names the only value column of a two-column file such as
 *       {@code Time,Carbon Intensity}.
 *   <li><b>Long</b>: one row per zone and time, the zone named in a column ({@link
 *       #withZoneIdColumn}). The native Electricity Maps export ({@code Datetime (UTC),...,Zone
 *       Id,Carbon Intensity gCO₂eq/kWh (LCA),...,Data Estimated,...}) is recognised by its header
 *       when no columns are configured, and can be asked for with {@link #electricityMapsExport()}.
 * </ul>
 *
 * <p><b>Timestamps</b> mark the start of each reading. A timestamp with an offset or {@code Z}
 * ({@code 2021-01-01T00:00:00Z}) is an instant. A timestamp without one ({@code 2019-12-20
 * 00:15:00}) is a wall-clock time in {@link #localTimeZone()} (default UTC), converted with the
 * zone's daylight-saving rules:
 *
 * <ul>
 *   <li>a local time that occurs twice (clocks go back, e.g. 02:00-02:59 on 2020-10-25 in
 *       Europe/Berlin) is resolved by row order: the earlier instant unless that is not after the
 *       previous row's time, then the later one. A file listing 02:00, 02:15, ..., 02:45, 02:00,
 *       02:15, ... therefore reads as consecutive instants, with no overlap;
 *   <li>a local time that does not exist (clocks go forward, e.g. 02:15 on 2020-03-29 in
 *       Europe/Berlin) is rejected with an error, because it shows the file is not in that time
 *       zone (it is often UTC or standard time).
 * </ul>
 *
 * <p><b>Lengths.</b> Each reading lasts until the next timestamp of its zone, but at most the
 * interval ({@link #withInterval}, or else the median step between rows of that zone), so a
 * missing row stays a gap for {@link Resampler} to report. The last reading lasts one interval.
 *
 * <p>Values are grams CO2e per kWh; an empty cell is a missing reading (a gap), while a value that
 * is not a number, negative, NaN or above {@value #MAX_GRAMS_PER_KWH} is an error naming the file,
 * line, column and value. Rows must be in strictly increasing time order per zone. A UTF-8 byte
 * order mark, CRLF line ends, blank lines and double-quoted fields are accepted; a quoted field
 * cannot span lines.
 *
 * <pre>{@code
 * // ENTSO-E style: "Time,Carbon Intensity", naive local times of Berlin, 15-minute rows
 * CsvOptions options = CsvOptions.defaults()
 *     .withZone("DE")
 *     .withLocalTimeZone(ZoneId.of("Europe/Berlin"));
 * }</pre>
 */
public final class CsvOptions {

  /** The largest intensity accepted, in grams CO2e per kWh; anything above is a unit mistake. */
  public static final double MAX_GRAMS_PER_KWH = 2000.0;

  /** The time column of the native Electricity Maps export. */
  public static final String EM_TIME_COLUMN = "Datetime (UTC)";
  /** The zone column of the native Electricity Maps export. */
  public static final String EM_ZONE_COLUMN = "Zone Id";
  /** The life-cycle intensity column of the native Electricity Maps export. */
  public static final String EM_LIFECYCLE_COLUMN = "Carbon Intensity gCO₂eq/kWh (LCA)";
  /** The direct (operational) intensity column of the native Electricity Maps export. */
  public static final String EM_DIRECT_COLUMN = "Carbon Intensity gCO₂eq/kWh (direct)";
  /** The estimated-flag column of the native Electricity Maps export. */
  public static final String EM_ESTIMATED_COLUMN = "Data Estimated";

  private static final CsvOptions DEFAULTS = new CsvOptions(null, null, ZoneOffset.UTC, Map.of(),
      null, null, null, null, SignalKind.AVERAGE, null, ',');

  private final String timeColumn;
  private final String timePattern;
  private final ZoneId localTimeZone;
  private final Map<String, String> zoneColumns;
  private final String zone;
  private final String zoneIdColumn;
  private final String valueColumn;
  private final String estimatedColumn;
  private final SignalKind signal;
  private final Duration interval;
  private final char delimiter;

  private CsvOptions(String timeColumn, String timePattern, ZoneId localTimeZone,
      Map<String, String> zoneColumns, String zone, String zoneIdColumn, String valueColumn,
      String estimatedColumn, SignalKind signal, Duration interval, char delimiter) {
    this.timeColumn = timeColumn;
    this.timePattern = timePattern;
    this.localTimeZone = localTimeZone;
    this.zoneColumns = zoneColumns;
    this.zone = zone;
    this.zoneIdColumn = zoneIdColumn;
    this.valueColumn = valueColumn;
    this.estimatedColumn = estimatedColumn;
    this.signal = signal;
    this.interval = interval;
    this.delimiter = delimiter;
  }

  /**
   * Wide layout, first column is time, every other column a zone named by its header, ISO or naive
   * UTC timestamps, average signal, interval inferred, comma-separated. Recognises the native
   * Electricity Maps export by its header.
   */
  public static CsvOptions defaults() {
    return DEFAULTS;
  }

  /**
   * The native Electricity Maps export: time {@value #EM_TIME_COLUMN} (naive UTC), zone {@value
   * #EM_ZONE_COLUMN}, life-cycle values, {@value #EM_ESTIMATED_COLUMN} as the estimated flag. For
   * direct emissions add {@code .withValueColumn(CsvOptions.EM_DIRECT_COLUMN)}.
   */
  public static CsvOptions electricityMapsExport() {
    return DEFAULTS.withTimeColumn(EM_TIME_COLUMN)
        .withZoneIdColumn(EM_ZONE_COLUMN)
        .withValueColumn(EM_LIFECYCLE_COLUMN)
        .withEstimatedColumn(EM_ESTIMATED_COLUMN);
  }

  /** The column holding timestamps, by header name (default: the first column). */
  public CsvOptions withTimeColumn(String column) {
    return new CsvOptions(requireText(column, "column"), timePattern, localTimeZone, zoneColumns,
        zone, zoneIdColumn, valueColumn, estimatedColumn, signal, interval, delimiter);
  }

  /**
   * A {@link DateTimeFormatter} pattern for the timestamps, e.g. {@code dd/MM/yyyy HH:mm} (default:
   * ISO-8601 with {@code T} or a space between date and time, offset optional). A pattern without
   * an offset gives local times in {@link #localTimeZone()}.
   *
   * @throws IllegalArgumentException if the pattern is invalid
   */
  public CsvOptions withTimePattern(String pattern) {
    requireText(pattern, "pattern");
    DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
    return new CsvOptions(timeColumn, pattern, localTimeZone, zoneColumns, zone, zoneIdColumn,
        valueColumn, estimatedColumn, signal, interval, delimiter);
  }

  /**
   * The time zone of timestamps that carry no offset (default UTC), e.g. {@code
   * ZoneId.of("Europe/Berlin")}. Timestamps with an offset ignore it.
   */
  public CsvOptions withLocalTimeZone(ZoneId zoneId) {
    Objects.requireNonNull(zoneId, "zoneId");
    return new CsvOptions(timeColumn, timePattern, zoneId, zoneColumns, zone, zoneIdColumn,
        valueColumn, estimatedColumn, signal, interval, delimiter);
  }

  /**
   * Reads {@code column} as the values of {@code zoneId} (wide layout). Once any column is mapped,
   * only mapped columns are read. Call once per column.
   */
  public CsvOptions withZoneColumn(String column, String zoneId) {
    requireText(column, "column");
    requireText(zoneId, "zoneId");
    Map<String, String> copy = new LinkedHashMap<>(zoneColumns);
    copy.put(column, zoneId);
    return new CsvOptions(timeColumn, timePattern, localTimeZone,
        Collections.unmodifiableMap(copy), zone, zoneIdColumn, valueColumn, estimatedColumn, signal,
        interval, delimiter);
  }

  /**
   * Names the zone of a file with a single value column (wide layout), e.g. {@code withZone("DE")}
   * for {@code Time,Carbon Intensity}. With {@link #withValueColumn} that column is read instead of
   * the only one.
   */
  public CsvOptions withZone(String zoneId) {
    return new CsvOptions(timeColumn, timePattern, localTimeZone, zoneColumns,
        requireText(zoneId, "zoneId"), zoneIdColumn, valueColumn, estimatedColumn, signal, interval,
        delimiter);
  }

  /** Long layout: {@code column} names the zone of each row; set the {@link #withValueColumn}. */
  public CsvOptions withZoneIdColumn(String column) {
    return new CsvOptions(timeColumn, timePattern, localTimeZone, zoneColumns, zone,
        requireText(column, "column"), valueColumn, estimatedColumn, signal, interval, delimiter);
  }

  /** The column holding the intensity (long layout, or with {@link #withZone}). */
  public CsvOptions withValueColumn(String column) {
    return new CsvOptions(timeColumn, timePattern, localTimeZone, zoneColumns, zone, zoneIdColumn,
        requireText(column, "column"), estimatedColumn, signal, interval, delimiter);
  }

  /**
   * A column saying whether the provider estimated the row ({@code true/false}, {@code 1/0},
   * {@code yes/no}; empty is false). Estimated rows get {@link IntensityPoint.Flag#ESTIMATED}. In
   * the wide layout it applies to every zone of the row.
   */
  public CsvOptions withEstimatedColumn(String column) {
    return new CsvOptions(timeColumn, timePattern, localTimeZone, zoneColumns, zone, zoneIdColumn,
        valueColumn, requireText(column, "column"), signal, interval, delimiter);
  }

  /** Whether the values are average or marginal intensities (default average). */
  public CsvOptions withSignal(SignalKind kind) {
    Objects.requireNonNull(kind, "kind");
    return new CsvOptions(timeColumn, timePattern, localTimeZone, zoneColumns, zone, zoneIdColumn,
        valueColumn, estimatedColumn, kind, interval, delimiter);
  }

  /**
   * The longest time one row holds, e.g. 15 minutes (default: the median step between rows of each
   * zone). Set it when a file changes resolution and the median would cut longer steps.
   *
   * @throws IllegalArgumentException if not positive
   */
  public CsvOptions withInterval(Duration length) {
    Objects.requireNonNull(length, "length");
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("CSV interval " + length
          + " must be positive. Maybe use Duration.ofMinutes(15).");
    }
    return new CsvOptions(timeColumn, timePattern, localTimeZone, zoneColumns, zone, zoneIdColumn,
        valueColumn, estimatedColumn, signal, length, delimiter);
  }

  /**
   * The field separator (default {@code ,}), e.g. {@code ;}.
   *
   * @throws IllegalArgumentException for a quote, a line break or a letter or digit
   */
  public CsvOptions withDelimiter(char separator) {
    if (separator == '"' || separator == '\n' || separator == '\r'
        || Character.isLetterOrDigit(separator)) {
      throw new IllegalArgumentException("CSV delimiter '" + separator
          + "' cannot separate fields. Maybe use ',' or ';'.");
    }
    return new CsvOptions(timeColumn, timePattern, localTimeZone, zoneColumns, zone, zoneIdColumn,
        valueColumn, estimatedColumn, signal, interval, separator);
  }

  /** The time column, if set (else the first column). */
  public Optional<String> timeColumn() {
    return Optional.ofNullable(timeColumn);
  }

  /** The timestamp pattern, if set (else ISO-8601). */
  public Optional<String> timePattern() {
    return Optional.ofNullable(timePattern);
  }

  /** The time zone of timestamps without an offset. */
  public ZoneId localTimeZone() {
    return localTimeZone;
  }

  /** Column header &rarr; zone id, in the order given; empty when not set. */
  public Map<String, String> zoneColumns() {
    return zoneColumns;
  }

  /** The zone of a single-value-column file, if set. */
  public Optional<String> zone() {
    return Optional.ofNullable(zone);
  }

  /** The column naming each row's zone (long layout), if set. */
  public Optional<String> zoneIdColumn() {
    return Optional.ofNullable(zoneIdColumn);
  }

  /** The value column, if set. */
  public Optional<String> valueColumn() {
    return Optional.ofNullable(valueColumn);
  }

  /** The estimated-flag column, if set. */
  public Optional<String> estimatedColumn() {
    return Optional.ofNullable(estimatedColumn);
  }

  /** Average or marginal. */
  public SignalKind signal() {
    return signal;
  }

  /** The longest time one row holds, if set (else inferred). */
  public Optional<Duration> interval() {
    return Optional.ofNullable(interval);
  }

  /** The field separator. */
  public char delimiter() {
    return delimiter;
  }

  private static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException("CSV option " + name + " must not be blank.");
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CsvOptions other
        && Objects.equals(timeColumn, other.timeColumn)
        && Objects.equals(timePattern, other.timePattern)
        && localTimeZone.equals(other.localTimeZone)
        && zoneColumns.equals(other.zoneColumns)
        && Objects.equals(zone, other.zone)
        && Objects.equals(zoneIdColumn, other.zoneIdColumn)
        && Objects.equals(valueColumn, other.valueColumn)
        && Objects.equals(estimatedColumn, other.estimatedColumn)
        && signal == other.signal
        && Objects.equals(interval, other.interval)
        && delimiter == other.delimiter;
  }

  @Override
  public int hashCode() {
    return Objects.hash(timeColumn, timePattern, localTimeZone, zoneColumns, zone, zoneIdColumn,
        valueColumn, estimatedColumn, signal, interval, delimiter);
  }

  @Override
  public String toString() {
    return "CsvOptions[timeColumn=" + timeColumn + ", timePattern=" + timePattern
        + ", localTimeZone=" + localTimeZone + ", zoneColumns=" + zoneColumns + ", zone=" + zone
        + ", zoneIdColumn=" + zoneIdColumn + ", valueColumn=" + valueColumn + ", estimatedColumn="
        + estimatedColumn + ", signal=" + signal + ", interval=" + interval + ", delimiter='"
        + delimiter + "']";
  }
}
