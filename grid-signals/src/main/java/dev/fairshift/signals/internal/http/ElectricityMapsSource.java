package dev.fairshift.signals.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairshift.core.SignalKind;
import dev.fairshift.signals.ElectricityMapsConfig;
import dev.fairshift.signals.IntensityPoint.Flag;
import dev.fairshift.signals.IntensitySeries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import okhttp3.HttpUrl;

/**
 * Electricity Maps v3: average (consumption-based) carbon intensity per zone. Thread-safe.
 *
 * <p>History inside the last 24 hours (by the config's clock) uses
 * {@code /v3/carbon-intensity/history?zone=}; older intervals use
 * {@code /v3/carbon-intensity/past-range?zone=&start=&end=} in chunks of at most 10 days.
 * Forecasts use {@code /v3/carbon-intensity/forecast?zone=}. A {@code null} carbonIntensity is a
 * gap, {@code isEstimated: true} gives {@link Flag#ESTIMATED}; the emission factor types and
 * estimation methods seen are kept in the metadata. An answer for another zone than the one asked
 * for (the API falls back to the caller's location for zones it does not know) is an
 * {@link dev.fairshift.signals.UnknownZoneException}.
 */
public final class ElectricityMapsSource extends ProviderSource {
  static final Duration RECENT = Duration.ofHours(24);
  static final Duration MAX_RANGE = Duration.ofDays(10);

  private final Clock clock;
  private final Optional<String> emissionFactorType;

  /** A client with {@code config}. */
  public ElectricityMapsSource(ElectricityMapsConfig config) {
    super(config, http(config));
    this.clock = config.clock();
    this.emissionFactorType = config.emissionFactorType();
  }

  private static ProviderHttp http(ElectricityMapsConfig config) {
    String token = config.apiToken();
    return new ProviderHttp(config, List.of(new HeaderAuthInterceptor("auth-token", token)),
        Redactor.of(() -> List.of(token)), "Maybe check the Electricity Maps API token and that your plan covers this "
            + "zone and endpoint.");
  }

  @Override
  IntensitySeries readHistory(Query query) {
    Reading reading = new Reading(query);
    if (!query.from().isBefore(clock.instant().minus(RECENT))) {
      reading.read(get(url("v3/carbon-intensity/history", query), query), "history");
    } else {
      for (Instant[] chunk : ProviderHttp.chunks(query, query.from(), query.to(), MAX_RANGE)) {
        reading.read(get(url("v3/carbon-intensity/past-range", query).addQueryParameter("start", chunk[0].toString())
            .addQueryParameter("end", chunk[1].toString()), query), "data");
      }
    }
    return reading.build();
  }

  @Override
  IntensitySeries readForecast(Query query) {
    Reading reading = new Reading(query);
    reading.read(get(url("v3/carbon-intensity/forecast", query), query), "forecast");
    return reading.build();
  }

  /** The URL of {@code path} for the query's zone. */
  private HttpUrl.Builder url(String path, Query query) {
    return http.url(path).addQueryParameter("zone", query.zone());
  }

  /** GETs {@code url} with the configured options added last. */
  private JsonNode get(HttpUrl.Builder url, Query query) {
    emissionFactorType.ifPresent(type -> url.addQueryParameter("emissionFactorType", type));
    return http.getJson(url.build(), query, body -> body.contains("zone"));
  }

  /** One answer (or several chunks) being read into a series. */
  private final class Reading {
    private final Query query;
    private final SeriesBuilder points;
    private final TreeSet<String> factorTypes = new TreeSet<>();
    private final TreeSet<String> estimationMethods = new TreeSet<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    Reading(Query query) {
      this.query = query;
      this.points = points(query);
    }

    void read(JsonNode root, String arrayField) {
      String answeredZone = Json.optionalText(root, "zone");
      if (answeredZone != null && !answeredZone.equals(query.zone())) {
        throw query.unknownZone("the API answered for zone '" + query.quote(answeredZone, 80) + "' instead. Electricity "
            + "Maps falls back to the caller's location for zones it does not know. Maybe check the zone "
            + "key against /v3/zones.");
      }
      Duration length = granularity(Json.optionalText(root, "temporalGranularity"));
      String updatedAt = Json.optionalText(root, "updatedAt");
      if (updatedAt != null) {
        metadata.put("updatedAt", updatedAt);
      }
      JsonNode entries = Json.array(root, arrayField, "", query);
      for (int i = 0; i < entries.size(); i++) {
        JsonNode entry = entries.get(i);
        String at = arrayField + "[" + i + "].";
        Instant start = Json.instant(entry, "datetime", at, query);
        OptionalDouble value = Json.number(entry, "carbonIntensity", at, query);
        JsonNode isEstimated = entry.get("isEstimated");
        boolean estimate = isEstimated != null && isEstimated.asBoolean(false);
        Flag flag = query.forecast() ? Flag.FORECAST : estimate ? Flag.ESTIMATED : Flag.MEASURED;
        boolean inside = start.isBefore(query.to()) && start.plus(length).isAfter(query.from());
        if (inside && value.isPresent()) {
          addIfText(factorTypes, entry, "emissionFactorType");
          if (estimate) {
            addIfText(estimationMethods, entry, "estimationMethod");
          }
        }
        points.add(start, length, value, flag, at + "carbonIntensity", "");
      }
    }

    IntensitySeries build() {
      if (!factorTypes.isEmpty()) {
        metadata.put("emissionFactorType", String.join(",", factorTypes));
      }
      long estimated = points.points().stream().filter(p -> p.flag() == Flag.ESTIMATED).count();
      if (estimated > 0) {
        metadata.put("estimatedPoints", Long.toString(estimated));
      }
      if (!estimationMethods.isEmpty()) {
        metadata.put("estimationMethods", String.join(",", estimationMethods));
      }
      return points.build(SignalKind.AVERAGE, name(), metadata);
    }

    private Duration granularity(String text) {
      if (text == null || text.equals("hourly")) {
        return Duration.ofHours(1);
      }
      switch (text) {
        case "5_minutes":
          return Duration.ofMinutes(5);
        case "15_minutes":
          return Duration.ofMinutes(15);
        default:
          throw query.malformed("temporalGranularity '" + query.quote(text, 80) + "' is not one a series can hold. "
              + "Maybe ask for hourly data.");
      }
    }

    private void addIfText(TreeSet<String> values, JsonNode entry, String field) {
      String value = Json.optionalText(entry, field);
      if (value != null) {
        values.add(value);
      }
    }
  }
}
