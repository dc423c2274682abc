package dev.fairshift.signals.internal.files;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairshift.core.SignalKind;
import dev.fairshift.signals.CsvOptions;
import dev.fairshift.signals.GridSignalException;
import dev.fairshift.signals.IntensityPoint;
import java.io.IOException;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not API. Reads the JSON series format documented on {@link
 * dev.fairshift.signals.CarbonIntensitySources#json(java.nio.file.Path)}, reporting errors with the
 * line of the offending point. Thread-safe (stateless apart from a shared {@link ObjectMapper}).
 */
public final class JsonSeriesReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonSeriesReader() {}

  /** One point object with the line it starts on. */
  private record RawPoint(int line, JsonNode node) {}

  /**
   * Reads one series object or an array of them.
   *
   * @param file the file's name for error messages and metadata
   * @throws GridSignalException naming the file, line, field and value of any bad point
   * @throws IOException if reading fails
   */
  public static SeriesTable read(Reader in, String file) throws IOException {
    Map<String, ZoneData> zones = new LinkedHashMap<>();
    SignalKind signal = null;
    try (JsonParser parser = MAPPER.createParser(in)) {
      JsonToken first = parser.nextToken();
      if (first == JsonToken.START_OBJECT) {
        signal = readSeries(parser, file, zones, signal);
      } else if (first == JsonToken.START_ARRAY) {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          signal = readSeries(parser, file, zones, signal);
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
          throw new GridSignalException("JSON file " + file + " line " + line(parser)
              + ": the top-level array holds a " + parser.currentToken() + ", not a series object. "
              + "Maybe write [{\"zone\": ..., \"points\": [...]}, ...].");
        }
      } else {
        throw new GridSignalException("JSON file " + file + " does not start with a series object "
            + "or an array of them. Maybe write {\"zone\":\"DE\",\"signal\":\"average\",\"points\":[...]}.");
      }
    } catch (JsonProcessingException e) {
      throw new GridSignalException("JSON file " + file + " is not valid JSON at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
          + e.getOriginalMessage() + ". Maybe check brackets, commas and quotes there.", e);
    }
    if (zones.isEmpty()) {
      throw new GridSignalException("JSON file " + file + " holds no series. Maybe add "
          + "{\"zone\": ..., \"points\": [...]}.");
    }
    Map<String, String> metadata = new HashMap<>();
    metadata.put("file", file);
    metadata.put("format", "json");
    return new SeriesTable(signal, zones, metadata);
  }

  private static SignalKind readSeries(JsonParser parser, String file, Map<String, ZoneData> zones,
      SignalKind tableSignal) throws IOException {
    int objectLine = line(parser);
    String zone = null;
    SignalKind signal = SignalKind.AVERAGE;
    List<RawPoint> points = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "zone" -> {
          if (value != JsonToken.VALUE_STRING || parser.getText().isBlank()) {
            throw new GridSignalException("JSON file " + file + " line " + line(parser)
                + ", field 'zone', value " + parser.readValueAsTree() + ": not a zone id. Maybe "
                + "write \"zone\": \"DE\".");
          }
          zone = parser.getText();
        }
        case "signal" -> {
          String text = value == JsonToken.VALUE_STRING ? parser.getText() : "";
          try {
            signal = SignalKind.parse(text);
          } catch (IllegalArgumentException e) {
            throw new GridSignalException("JSON file " + file + " line " + line(parser)
                + ", field 'signal', value '" + parser.getText() + "': not a signal kind. Maybe "
                + "write \"average\" or \"marginal\".");
          }
        }
        case "points" -> {
          if (value != JsonToken.START_ARRAY) {
            throw new GridSignalException("JSON file " + file + " line " + line(parser)
                + ", field 'points': not an array. Maybe write \"points\": [{\"start\": ..., "
                + "\"minutes\": 60, \"gramsPerKwh\": 380.1}].");
          }
          points = new ArrayList<>();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            int pointLine = line(parser);
            points.add(new RawPoint(pointLine, parser.readValueAsTree()));
          }
        }
        default -> throw new GridSignalException("JSON file " + file + " line " + line(parser)
            + ": unknown field '" + field + "'. Maybe it is misspelt; a series has 'zone', "
            + "'signal' and 'points'.");
      }
    }
    if (zone == null || points == null) {
      throw new GridSignalException("JSON file " + file + " line " + objectLine + ": the series "
          + "has no " + (zone == null ? "'zone'" : "'points'") + ". Maybe add it.");
    }
    if (points.isEmpty()) {
      throw new GridSignalException("JSON file " + file + " line " + objectLine + ": zone '" + zone
          + "' has an empty 'points' array. Maybe drop the series or add its points.");
    }
    if (zones.containsKey(zone)) {
      throw new GridSignalException("JSON file " + file + " line " + objectLine + ": zone '" + zone
          + "' appears twice. Maybe merge its points into one series.");
    }
    if (tableSignal != null && tableSignal != signal) {
      throw new GridSignalException("JSON file " + file + " line " + objectLine + ": zone '" + zone
          + "' is " + signal.jsonName() + " but earlier series are " + tableSignal.jsonName()
          + ". Maybe split average and marginal series into two files.");
    }
    zones.put(zone, toZoneData(file, zone, points));
    return signal;
  }

  private static ZoneData toZoneData(String file, String zone, List<RawPoint> points) {
    int n = points.size();
    long[] starts = new long[n];
    long[] lengths = new long[n];
    double[] values = new double[n];
    IntensityPoint.Flag[] flags = new IntensityPoint.Flag[n];
    long longest = 0;
    for (int i = 0; i < n; i++) {
      RawPoint raw = points.get(i);
      String at = "JSON file " + file + " line " + raw.line() + ", zone '" + zone + "' points[" + i + "]";
      JsonNode node = raw.node();
      if (!node.isObject()) {
        throw new GridSignalException(at + ", value " + node + ": not an object. Maybe write "
            + "{\"start\": \"2021-01-01T00:00:00Z\", \"minutes\": 60, \"gramsPerKwh\": 380.1}.");
      }
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!List.of("start", "minutes", "gramsPerKwh", "flag").contains(name)) {
          throw new GridSignalException(at + ": unknown field '" + name + "'. Maybe it is misspelt; "
              + "a point has 'start', 'minutes', 'gramsPerKwh' and optionally 'flag'.");
        }
      }
      JsonNode start = node.get("start");
      Instant instant;
      try {
        if (start == null || !start.isTextual()) {
          throw new DateTimeException("missing");
        }
        instant = OffsetDateTime.parse(start.asText()).toInstant();
        if (instant.getNano() % 1_000_000 != 0) {
          throw new DateTimeException("finer than a millisecond");
        }
      } catch (DateTimeException e) {
        throw new GridSignalException(at + ".start, value " + start + ": not an ISO-8601 instant with "
            + "offset. Maybe write \"2021-01-01T00:00:00Z\".");
      }
      JsonNode minutes = node.get("minutes");
      if (minutes == null || !minutes.canConvertToInt() || !minutes.isIntegralNumber()
          || minutes.intValue() < 1) {
        throw new GridSignalException(at + ".minutes, value " + minutes + ": not a positive whole "
            + "number of minutes. Maybe write \"minutes\": 60.");
      }
      JsonNode grams = node.get("gramsPerKwh");
      if (grams == null || !grams.isNumber()) {
        throw new GridSignalException(at + ".gramsPerKwh, value " + grams + ": not a number. Maybe "
            + "write \"gramsPerKwh\": 380.1.");
      }
      double value = grams.doubleValue();
      if (!Double.isFinite(value) || value < 0 || value > CsvOptions.MAX_GRAMS_PER_KWH) {
        throw new GridSignalException(at + ".gramsPerKwh, value " + grams + ": the intensity is "
            + "outside 0.." + (int) CsvOptions.MAX_GRAMS_PER_KWH + " gCO2eq/kWh. Maybe check the "
            + "unit: values must be grams CO2e per kWh.");
      }
      JsonNode flag = node.get("flag");
      IntensityPoint.Flag parsedFlag = IntensityPoint.Flag.MEASURED;
      if (flag != null) {
        try {
          parsedFlag = IntensityPoint.Flag.valueOf(flag.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new GridSignalException(at + ".flag, value " + flag + ": not a flag. Maybe use "
              + "\"measured\", \"estimated\", \"forecast\" or \"filled\".");
        }
      }
      starts[i] = instant.toEpochMilli();
      lengths[i] = Duration.ofMinutes(minutes.intValue()).toMillis();
      values[i] = value;
      flags[i] = parsedFlag;
      longest = Math.max(longest, lengths[i]);
      if (i > 0 && starts[i] < starts[i - 1] + lengths[i - 1]) {
        throw new GridSignalException(at + ".start, value " + start + ": starts before the previous "
            + "point ends (" + TableSource.format(Instant.ofEpochMilli(starts[i - 1] + lengths[i - 1]))
            + "); points must be in time order without overlap. Maybe sort the points or fix "
            + "'minutes' of points[" + (i - 1) + "].");
      }
    }
    return new ZoneData(zone, starts, lengths, values, flags, Duration.ofMillis(longest));
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }
}
