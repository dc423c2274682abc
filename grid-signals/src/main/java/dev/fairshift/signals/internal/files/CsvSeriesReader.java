package dev.fairshift.signals.internal.files;

import dev.fairshift.signals.CsvOptions;
import dev.fairshift.signals.GridSignalException;
import dev.fairshift.signals.IntensityPoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not API. Reads a carbon-intensity CSV as described by {@link CsvOptions}. Stateless; one
 * {@link #read} call per file.
 */
public final class CsvSeriesReader {
  private static final char BOM = '\uFEFF';

  private final String file;
  private final CsvOptions options;
  private final char delimiter;
  private final Timestamps timestamps;
  private int lineNumber;

  private CsvSeriesReader(String file, CsvOptions options) {
    this.file = file;
    this.options = options;
    this.delimiter = options.delimiter();
    this.timestamps = new Timestamps(options.timePattern().orElse(null), options.localTimeZone());
  }

  /**
   * Reads the whole CSV from {@code in}.
   *
   * @param file the file's name for error messages and metadata
   * @throws GridSignalException naming file, line, column and value for any bad row
   * @throws IOException if reading fails
   */
  public static SeriesTable read(BufferedReader in, String file, CsvOptions options) throws IOException {
    return new CsvSeriesReader(file, options).read(in);
  }

  private SeriesTable read(BufferedReader in) throws IOException {
    String headerLine = nextLine(in);
    if (headerLine == null) {
      throw new GridSignalException("CSV file " + file + " is empty. Maybe check the path; the file "
          + "needs a header line and at least one row.");
    }
    int headerLineNumber = lineNumber;
    List<String> header = split(headerLine);
    for (int i = 0; i < header.size(); i++) {
      header.set(i, header.get(i).strip());
    }
    Layout layout = layout(header, headerLineNumber);
    Map<String, Accumulator> zones = new LinkedHashMap<>();
    if (layout.zoneIdIndex < 0) {
      for (int c = 0; c < layout.valueIndexes.length; c++) {
        zones.put(layout.zoneIds[c], new Accumulator(layout.zoneIds[c], header.get(layout.valueIndexes[c])));
      }
    }
    long previousMillis = Long.MIN_VALUE;
    int previousLine = 0;
    long[] rowMillis = new long[1024];
    int rows = 0;
    String line;
    while ((line = nextLine(in)) != null) {
      List<String> fields = split(line);
      if (fields.size() != header.size()) {
        throw new GridSignalException("CSV file " + file + " line " + lineNumber + " has "
            + fields.size() + " fields but the header (line " + headerLineNumber + ") has "
            + header.size() + ". Maybe quote values that contain '" + delimiter + "'.");
      }
      String timeText = fields.get(layout.timeIndex).strip();
      String timeColumn = header.get(layout.timeIndex);
      boolean estimated = layout.estimatedIndex >= 0
          && parseFlag(fields.get(layout.estimatedIndex), header.get(layout.estimatedIndex));
      if (layout.zoneIdIndex >= 0) {
        String zone = fields.get(layout.zoneIdIndex).strip();
        if (zone.isEmpty()) {
          throw cellError(header.get(layout.zoneIdIndex), zone, "the zone id is empty",
              "fill in the zone id of every row");
        }
        Accumulator acc = zones.computeIfAbsent(zone,
            z -> new Accumulator(z, header.get(layout.valueIndexes[0])));
        long millis = parseTime(timeText, timeColumn, acc.lastMillis, acc.lastLine);
        acc.lastMillis = millis;
        acc.lastLine = lineNumber;
        addValue(acc, millis, fields.get(layout.valueIndexes[0]), estimated);
      } else {
        long millis = parseTime(timeText, timeColumn, previousMillis, previousLine);
        previousMillis = millis;
        previousLine = lineNumber;
        if (rows == rowMillis.length) {
          rowMillis = Arrays.copyOf(rowMillis, rows * 2);
        }
        rowMillis[rows++] = millis;
        int c = 0;
        for (Accumulator acc : zones.values()) {
          addValue(acc, millis, fields.get(layout.valueIndexes[c++]), estimated);
        }
      }
    }
    if (zones.isEmpty()) {
      throw new GridSignalException("CSV file " + file + " has a header but no rows. Maybe the "
          + "file was cut short.");
    }
    // wide layout: every zone shares the step of the time column, whatever cells are empty
    Duration tableInterval = options.interval().orElse(null);
    if (tableInterval == null && layout.zoneIdIndex < 0 && rows >= 2) {
      tableInterval = medianStep(Arrays.copyOf(rowMillis, rows), rows);
    }
    Map<String, ZoneData> data = new LinkedHashMap<>();
    for (Accumulator acc : zones.values()) {
      data.put(acc.zone, acc.toZoneData(tableInterval));
    }
    Map<String, String> metadata = new HashMap<>();
    metadata.put("file", file);
    metadata.put("format", layout.format);
    metadata.put("localTimeZone", options.localTimeZone().getId());
    return new SeriesTable(options.signal(), data, metadata);
  }

  /** Which column is what. */
  private static final class Layout {
    int timeIndex;
    int zoneIdIndex = -1;
    int estimatedIndex = -1;
    int[] valueIndexes;
    String[] zoneIds;
    String format;
  }

  private Layout layout(List<String> header, int headerLine) {
    Layout layout = new Layout();
    String timeColumn = options.timeColumn().orElse(null);
    String zoneIdColumn = options.zoneIdColumn().orElse(null);
    String valueColumn = options.valueColumn().orElse(null);
    String estimatedColumn = options.estimatedColumn().orElse(null);
    boolean columnsDefault = options.zoneColumns().isEmpty() && options.zone().isEmpty()
        && zoneIdColumn == null && valueColumn == null;
    layout.format = "csv-wide";
    if (columnsDefault && find(header, CsvOptions.EM_TIME_COLUMN) >= 0
        && find(header, CsvOptions.EM_ZONE_COLUMN) >= 0
        && find(header, CsvOptions.EM_LIFECYCLE_COLUMN) >= 0) {
      timeColumn = timeColumn == null ? CsvOptions.EM_TIME_COLUMN : timeColumn;
      zoneIdColumn = CsvOptions.EM_ZONE_COLUMN;
      valueColumn = CsvOptions.EM_LIFECYCLE_COLUMN;
      if (estimatedColumn == null && find(header, CsvOptions.EM_ESTIMATED_COLUMN) >= 0) {
        estimatedColumn = CsvOptions.EM_ESTIMATED_COLUMN;
      }
      layout.format = "electricitymaps-export";
    }
    layout.timeIndex = timeColumn == null ? 0 : require(header, timeColumn, "time", headerLine);
    if (estimatedColumn != null) {
      layout.estimatedIndex = require(header, estimatedColumn, "estimated", headerLine);
    }
    if (zoneIdColumn != null) {
      if (layout.format.equals("csv-wide")) {
        layout.format = "csv-long";
      }
      layout.zoneIdIndex = require(header, zoneIdColumn, "zone id", headerLine);
      if (valueColumn == null) {
        throw new GridSignalException("CSV file " + file + " is read in the long layout (zone column '"
            + zoneIdColumn + "') but no value column was set. Maybe add .withValueColumn(...) with "
            + "one of " + header + ".");
      }
      layout.valueIndexes = new int[] {require(header, valueColumn, "value", headerLine)};
      layout.zoneIds = new String[0];
      return layout;
    }
    List<Integer> indexes = new ArrayList<>();
    List<String> zoneIds = new ArrayList<>();
    if (!options.zoneColumns().isEmpty()) {
      for (Map.Entry<String, String> e : options.zoneColumns().entrySet()) {
        indexes.add(require(header, e.getKey(), "zone", headerLine));
        zoneIds.add(e.getValue());
      }
    } else if (options.zone().isPresent()) {
      if (valueColumn != null) {
        indexes.add(require(header, valueColumn, "value", headerLine));
      } else {
        List<String> others = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
          if (i != layout.timeIndex && i != layout.estimatedIndex) {
            indexes.add(i);
            others.add(header.get(i));
          }
        }
        if (indexes.size() != 1) {
          throw new GridSignalException("CSV file " + file + " has " + indexes.size()
              + " value columns " + others + " but zone '" + options.zone().get() + "' needs exactly "
              + "one. Maybe choose one with .withValueColumn(...) or map several with "
              + ".withZoneColumn(column, zone).");
        }
      }
      zoneIds.add(options.zone().get());
    } else {
      for (int i = 0; i < header.size(); i++) {
        if (i != layout.timeIndex && i != layout.estimatedIndex) {
          if (header.get(i).isEmpty()) {
            throw new GridSignalException("CSV file " + file + " line " + headerLine + " column "
                + (i + 1) + " has an empty header, so it names no zone. Maybe name it or map the "
                + "other columns with .withZoneColumn(column, zone).");
          }
          indexes.add(i);
          zoneIds.add(header.get(i));
        }
      }
      if (indexes.isEmpty()) {
        throw new GridSignalException("CSV file " + file + " has no value column besides the time "
            + "column in header " + header + ". Maybe the delimiter is not '" + delimiter
            + "': try .withDelimiter(';').");
      }
    }
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < zoneIds.size(); i++) {
      String column = header.get(indexes.get(i));
      String before = seen.put(zoneIds.get(i), column);
      if (before != null) {
        throw new GridSignalException("CSV file " + file + " maps columns '" + before + "' and '"
            + column + "' both to zone '" + zoneIds.get(i) + "'. Maybe map each zone once with "
            + ".withZoneColumn(column, zone).");
      }
    }
    layout.valueIndexes = indexes.stream().mapToInt(Integer::intValue).toArray();
    layout.zoneIds = zoneIds.toArray(new String[0]);
    return layout;
  }

  private int require(List<String> header, String column, String role, int headerLine) {
    int index = find(header, column);
    if (index < 0) {
      throw new GridSignalException("CSV file " + file + " has no " + role + " column '" + column
          + "' in its header (line " + headerLine + "): " + header + ". Maybe check the spelling or "
          + "the delimiter.");
    }
    return index;
  }

  /** The column named {@code name}: exact match first, then ignoring case, spaces and "₂" vs "2". */
  static int find(List<String> header, String name) {
    int index = header.indexOf(name);
    if (index >= 0) {
      return index;
    }
    String wanted = normalize(name);
    for (int i = 0; i < header.size(); i++) {
      if (normalize(header.get(i)).equals(wanted)) {
        return i;
      }
    }
    return -1;
  }

  private static String normalize(String text) {
    return text.strip().replace('₂', '2').toLowerCase(Locale.ROOT);
  }

  private long parseTime(String text, String column, long previousMillis, int previousLine) {
    if (text.isEmpty()) {
      throw cellError(column, text, "the timestamp is empty", "fill in the time of every row");
    }
    Instant instant;
    try {
      instant = timestamps.parse(text, previousMillis);
    } catch (Timestamps.TimestampException e) {
      throw cellError(column, text, e.problem(), e.fix());
    }
    if (instant.getNano() % 1_000_000 != 0) {
      throw cellError(column, text, "the timestamp is finer than a millisecond",
          "round timestamps to whole seconds");
    }
    long millis;
    try {
      millis = instant.toEpochMilli();
    } catch (ArithmeticException e) {
      throw cellError(column, text, "the timestamp is out of range", "check the year");
    }
    if (previousMillis != Long.MIN_VALUE && millis <= previousMillis) {
      if (millis == previousMillis) {
        throw cellError(column, text, "duplicate timestamp " + TableSource.format(instant)
            + " (also on line " + previousLine + ")", "drop one of the two rows");
      }
      throw cellError(column, text, "timestamp " + TableSource.format(instant) + " is before "
          + TableSource.format(Instant.ofEpochMilli(previousMillis)) + " on line " + previousLine
          + "; rows must be in increasing time order", "sort the file by time");
    }
    return millis;
  }

  private void addValue(Accumulator acc, long millis, String cell, boolean estimated) {
    String text = cell.strip();
    if (text.isEmpty()) {
      return;
    }
    double value = parseGramsPerKwh(text, acc.column);
    acc.add(millis, value, estimated);
  }

  private double parseGramsPerKwh(String text, String column) {
    double value = parseSimpleDecimal(text);
    if (!Double.isNaN(value)) {
      if (value > CsvOptions.MAX_GRAMS_PER_KWH) {
        throw cellError(column, text, "the intensity " + value + " gCO2eq/kWh is outside 0.."
            + (int) CsvOptions.MAX_GRAMS_PER_KWH, "check the unit: values must be grams CO2e per kWh "
            + "(convert g/MWh or lbs/MWh first)");
      }
      return value;
    }
    if (!looksNumeric(text)) {
      if (text.equalsIgnoreCase("nan") || text.toLowerCase(Locale.ROOT).contains("infinity")) {
        throw cellError(column, text, "not a finite intensity",
            "leave the cell empty for a missing value");
      }
      throw cellError(column, text, "not a number", "use a plain decimal with '.' such as 412.5, "
          + "or leave the cell empty for a missing value");
    }
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw cellError(column, text, "not a number", "use a plain decimal with '.' such as 412.5");
    }
    if (!Double.isFinite(value) || value < 0 || value > CsvOptions.MAX_GRAMS_PER_KWH) {
      throw cellError(column, text, "the intensity " + value + " gCO2eq/kWh is outside 0.."
          + (int) CsvOptions.MAX_GRAMS_PER_KWH, "check the unit: values must be grams CO2e per kWh "
          + "(convert g/MWh or lbs/MWh first)");
    }
    return value;
  }

  private static final double[] POWERS_OF_TEN = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
      1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

  /**
   * The value of an unsigned plain decimal with at most 15 digits ({@code 526.77}), or NaN for
   * anything else. Exact: both the digits and the power of ten are exact doubles, so one division
   * rounds correctly and gives what {@link Double#parseDouble} gives, only faster.
   */
  static double parseSimpleDecimal(String text) {
    long mantissa = 0;
    int digits = 0;
    int fraction = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits > 15) {
          return Double.NaN;
        }
        mantissa = mantissa * 10 + (c - '0');
        if (fraction >= 0) {
          fraction++;
        }
      } else if (c == '.' && fraction < 0) {
        fraction = 0;
      } else {
        return Double.NaN;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    return fraction <= 0 ? mantissa : mantissa / POWERS_OF_TEN[fraction];
  }

  private static boolean looksNumeric(String text) {
    boolean digit = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
        return false;
      }
    }
    return digit;
  }

  private boolean parseFlag(String cell, String column) {
    String text = cell.strip().toLowerCase(Locale.ROOT);
    switch (text) {
      case "", "0", "false", "no", "n", "f":
        return false;
      case "1", "true", "yes", "y", "t":
        return true;
      default:
        throw cellError(column, cell, "not a yes/no flag", "use true/false, 1/0 or yes/no");
    }
  }

  private GridSignalException cellError(String column, String value, String problem, String fix) {
    return new GridSignalException("CSV file " + file + " line " + lineNumber + ", column '" + column
        + "', value '" + value + "': " + problem + ". Maybe " + fix + ".");
  }

  /** The next non-blank line, counting every physical line; strips a leading byte order mark. */
  private String nextLine(BufferedReader in) throws IOException {
    String line;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == BOM) {
        line = line.substring(1);
      }
      if (!line.isBlank()) {
        return line;
      }
    }
    return null;
  }

  /** Splits one line into fields; double quotes group a field and {@code ""} is a quote. */
  List<String> split(String line) {
    List<String> out = new ArrayList<>();
    int n = line.length();
    if (line.indexOf('"') < 0) {
      int i = 0;
      while (true) {
        int k = line.indexOf(delimiter, i);
        if (k < 0) {
          out.add(line.substring(i));
          return out;
        }
        out.add(line.substring(i, k));
        i = k + 1;
      }
    }
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (true) {
      int j = i;
      while (j < n && line.charAt(j) == ' ') {
        j++;
      }
      if (j < n && line.charAt(j) == '"') {
        field.setLength(0);
        i = j + 1;
        boolean closed = false;
        while (i < n) {
          char c = line.charAt(i);
          if (c == '"') {
            if (i + 1 < n && line.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
            } else {
              i++;
              closed = true;
              break;
            }
          } else {
            field.append(c);
            i++;
          }
        }
        if (!closed) {
          throw new GridSignalException("CSV file " + file + " line " + lineNumber + " has a quote "
              + "that is not closed at column " + (j + 1) + ". Maybe close it; a quoted field "
              + "cannot span lines.");
        }
        while (i < n && line.charAt(i) == ' ') {
          i++;
        }
        if (i < n && line.charAt(i) != delimiter) {
          throw new GridSignalException("CSV file " + file + " line " + lineNumber + " has text after "
              + "a closing quote at column " + (i + 1) + ". Maybe double the quote (\"\") inside a "
              + "quoted field.");
        }
        out.add(field.toString());
      } else {
        int k = line.indexOf(delimiter, i);
        if (k < 0) {
          k = n;
        }
        out.add(line.substring(i, k));
        i = k;
      }
      if (i >= n) {
        return out;
      }
      i++;
      if (i == n) {
        out.add("");
        return out;
      }
    }
  }

  /** The median (the lower one for an even count) of the steps between {@code n >= 2} times. */
  private static Duration medianStep(long[] millis, int n) {
    long[] steps = new long[n - 1];
    for (int i = 1; i < n; i++) {
      steps[i - 1] = millis[i] - millis[i - 1];
    }
    Arrays.sort(steps);
    return Duration.ofMillis(steps[(steps.length - 1) / 2]);
  }

  /** Collects one zone's readings while reading. */
  private final class Accumulator {
    final String zone;
    final String column;
    long[] starts = new long[1024];
    double[] values = new double[1024];
    boolean[] estimated = new boolean[1024];
    int size;
    long lastMillis = Long.MIN_VALUE;
    int lastLine;

    Accumulator(String zone, String column) {
      this.zone = zone;
      this.column = column;
    }

    void add(long millis, double value, boolean isEstimated) {
      if (size == starts.length) {
        starts = Arrays.copyOf(starts, size * 2);
        values = Arrays.copyOf(values, size * 2);
        estimated = Arrays.copyOf(estimated, size * 2);
      }
      starts[size] = millis;
      values[size] = value;
      estimated[size] = isEstimated;
      size++;
    }

    ZoneData toZoneData(Duration knownInterval) {
      if (size == 0) {
        throw new GridSignalException("CSV file " + file + " column '" + column + "' (zone '" + zone
            + "') has no values. Maybe map only the columns with data using .withZoneColumn(column, "
            + "zone).");
      }
      long[] s = Arrays.copyOf(starts, size);
      Duration interval = knownInterval;
      if (interval == null) {
        if (size < 2) {
          throw new GridSignalException("CSV file " + file + " has a single row for zone '" + zone
              + "', so its interval cannot be inferred. Maybe set it with .withInterval(Duration"
              + ".ofHours(1)).");
        }
        interval = medianStep(s, size);
      }
      IntensityPoint.Flag[] flags = new IntensityPoint.Flag[size];
      for (int i = 0; i < size; i++) {
        flags[i] = estimated[i] ? IntensityPoint.Flag.ESTIMATED : IntensityPoint.Flag.MEASURED;
      }
      return ZoneData.capped(zone, s, Arrays.copyOf(values, size), flags, interval);
    }
  }
}
