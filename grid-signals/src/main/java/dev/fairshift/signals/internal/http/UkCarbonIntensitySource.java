package dev.fairshift.signals.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairshift.core.SignalKind;
import dev.fairshift.signals.IntensityPoint.Flag;
import dev.fairshift.signals.IntensitySeries;
import dev.fairshift.signals.UkCarbonIntensityConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The UK Carbon Intensity API (National Energy System Operator): national ({@code GB}) and
 * regional ({@code GB-1} ... {@code GB-17}) half-hourly average intensities. Thread-safe.
 *
 * <p>History uses {@code /intensity/{from}/{to}} (or {@code /regional/intensity/{from}/{to}/regionid/{id}})
 * in chunks of at most 14 days, the API's limit. National points use {@code actual} when the API
 * has it ({@link Flag#MEASURED}) and {@code forecast} otherwise ({@link Flag#FORECAST}, counted in
 * the metadata under {@code forecastValuesInHistory}); regional points only ever have a forecast.
 * Forecasts use {@code /intensity/{from}/fw48h} (regional: {@code .../fw48h/regionid/{id}}), one
 * request per 48 hours asked for.
 */
public final class UkCarbonIntensitySource extends ProviderSource {
  static final Duration MAX_RANGE = Duration.ofDays(14);
  static final Duration FORECAST_RANGE = Duration.ofHours(48);
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final int LAST_REGION = 17;

  /** A client with {@code config}. */
  public UkCarbonIntensitySource(UkCarbonIntensityConfig config) {
    super(config, new ProviderHttp(config, List.of(), Redactor.none(),
        "Maybe check the base URL: the public API needs no key."));
  }

  @Override
  IntensitySeries readHistory(Query query) {
    Map<String, String> metadata = new LinkedHashMap<>();
    SeriesBuilder points = readChunks(query, ceilMinute(query.to()), MAX_RANGE, metadata,
        chunk -> MINUTES.format(chunk[0]) + "/" + MINUTES.format(chunk[1]));
    long fromForecast = points.points().stream().filter(p -> p.flag() == Flag.FORECAST).count();
    if (fromForecast > 0) {
      metadata.put("forecastValuesInHistory", Long.toString(fromForecast));
    }
    return points.build(SignalKind.AVERAGE, name(), metadata);
  }

  @Override
  IntensitySeries readForecast(Query query) {
    Map<String, String> metadata = new LinkedHashMap<>();
    SeriesBuilder points = readChunks(query, query.to(), FORECAST_RANGE, metadata,
        chunk -> MINUTES.format(chunk[0]) + "/fw48h");
    return points.build(SignalKind.AVERAGE, name(), metadata);
  }

  /**
   * Reads the query's zone in chunks of at most {@code max} from the query's start (floored to the
   * minute) to {@code to}, asking {@code intensity/<part>} for {@code GB} and
   * {@code regional/intensity/<part>/regionid/<id>} for a region, where {@code part} names the chunk.
   */
  private SeriesBuilder readChunks(Query query, Instant to, Duration max, Map<String, String> metadata,
      Function<Instant[], String> part) {
    int region = regionOf(query.zone(), query);
    SeriesBuilder points = points(query);
    for (Instant[] chunk : ProviderHttp.chunks(query, floorMinute(query.from()), to, max)) {
      String at = part.apply(chunk);
      String path = region == 0 ? "intensity/" + at : "regional/intensity/" + at + "/regionid/" + region;
      JsonNode root = http.getJson(http.url(path).build(), query, body -> body.contains("region"));
      readPeriods(root, region, query, points, metadata);
    }
    return points;
  }

  /** 0 for {@code GB}, the region id for {@code GB-<id>}. */
  private static int regionOf(String zone, Query query) {
    String upper = zone.trim().toUpperCase(Locale.ROOT);
    if (upper.equals("GB")) {
      return 0;
    }
    if (upper.startsWith("GB-")) {
      String id = upper.substring(3);
      if (!id.isEmpty() && id.length() <= 2 && id.chars().allMatch(Character::isDigit)) {
        int region = Integer.parseInt(id);
        if (region >= 1 && region <= LAST_REGION) {
          return region;
        }
      }
    }
    throw query.unknownZone("'" + zone + "' is not a zone of the UK Carbon Intensity API. Maybe use "
        + "'GB' (national) or 'GB-1' ... 'GB-17' (regions, e.g. 'GB-13' for London).");
  }

  private void readPeriods(JsonNode root, int region, Query query, SeriesBuilder points,
      Map<String, String> metadata) {
    JsonNode periods;
    String path;
    if (region == 0) {
      periods = Json.array(root, "data", "", query);
      path = "data";
    } else {
      JsonNode data = Json.required(root, "data", "", query);
      JsonNode regionNode = data;
      String prefix = "data.";
      if (data.isArray()) {
        if (data.size() != 1) {
          throw query.malformed("field 'data' holds " + data.size() + " regions instead of region "
              + region + ". Maybe the provider changed its API.");
        }
        regionNode = data.get(0);
        prefix = "data[0].";
      }
      JsonNode id = Json.required(regionNode, "regionid", prefix, query);
      if (id.asInt() != region) {
        throw query.unknownZone("the API answered for region " + query.quote(id.asText(), 80) + " instead of " + region
            + ". Maybe check the region id.");
      }
      putIfText(metadata, "regionId", regionNode, "regionid");
      putIfText(metadata, "shortname", regionNode, "shortname");
      putIfText(metadata, "dnoregion", regionNode, "dnoregion");
      periods = Json.array(regionNode, "data", prefix, query);
      path = prefix + "data";
    }
    for (int i = 0; i < periods.size(); i++) {
      JsonNode period = periods.get(i);
      String at = path + "[" + i + "].";
      Instant start = Json.instant(period, "from", at, query);
      Instant end = Json.instant(period, "to", at, query);
      JsonNode intensity = Json.object(period, "intensity", at, query);
      OptionalDouble forecast = Json.number(intensity, "forecast", at + "intensity.", query);
      OptionalDouble actual = query.forecast() ? OptionalDouble.empty()
          : Json.number(intensity, "actual", at + "intensity.", query);
      if (actual.isPresent()) {
        points.add(start, Duration.between(start, end), actual, Flag.MEASURED, at + "intensity.actual", "");
      } else {
        points.add(start, Duration.between(start, end), forecast, Flag.FORECAST, at + "intensity.forecast", "");
      }
    }
  }

  private static void putIfText(Map<String, String> metadata, String key, JsonNode node, String field) {
    String value = Json.optionalText(node, field);
    if (value != null) {
      metadata.put(key, value);
    }
  }

  private static Instant floorMinute(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MINUTES);
  }

  private static Instant ceilMinute(Instant instant) {
    Instant floor = floorMinute(instant);
    return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.MINUTES);
  }
}
