package dev.fairshift.signals.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairshift.core.SignalKind;
import dev.fairshift.signals.CarbonAwareSdkConfig;
import dev.fairshift.signals.IntensityPoint.Flag;
import dev.fairshift.signals.IntensitySeries;
import java.time.Duration;
import java.time.Instant;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;

/**
 * A Green Software Foundation Carbon Aware SDK WebAPI deployment. Thread-safe.
 *
 * <p>History uses {@code /emissions/bylocations?location=&time=&toTime=} (an array of
 * {@code {location, time, rating, duration}}, rating in g/kWh, duration as a .NET TimeSpan such
 * as {@code 00:05:00} or ISO-8601; HTTP 204 means no data). A point whose duration is missing or
 * zero lasts until the next point (the last one as long as the one before). Forecasts use
 * {@code /emissions/forecasts/current?location=} and read {@code forecastData} (duration in
 * minutes); {@code optimalDataPoints}, {@code generatedAt} and {@code windowSize} are kept in the
 * metadata. The locations the SDK reports (it may name the underlying grid region, e.g. {@code IE}
 * for {@code northeurope}) are kept under {@code sdkLocations}. The signal kind is the one
 * configured: the WebAPI passes on its data source's.
 */
public final class CarbonAwareSdkSource extends ProviderSource {
  private final SignalKind signal;

  /** A client with {@code config}. */
  public CarbonAwareSdkSource(CarbonAwareSdkConfig config) {
    super(config, http(config));
    this.signal = config.signal();
  }

  private static ProviderHttp http(CarbonAwareSdkConfig config) {
    List<Interceptor> auth = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    if (config.apiKey().isPresent()) {
      auth.add(new HeaderAuthInterceptor(config.apiKeyHeader().orElseThrow(), config.apiKey().get()));
      secrets.add(config.apiKey().get());
    }
    List<String> fixedSecrets = List.copyOf(secrets);
    return new ProviderHttp(config, auth, Redactor.of(() -> fixedSecrets),
        "Maybe check the API key expected by the gateway in front of the Carbon Aware SDK.");
  }

  @Override
  IntensitySeries readHistory(Query query) {
    HttpUrl url = http.url("emissions/bylocations").addQueryParameter("location", query.zone())
        .addQueryParameter("time", query.from().toString()).addQueryParameter("toTime", query.to().toString()).build();
    JsonNode root = http.getJson(url, query, CarbonAwareSdkSource::saysUnknownLocation);
    SeriesBuilder points = points(query);
    if (root.isMissingNode()) {
      return points.build(signal, name(), Map.of());
    }
    if (!root.isArray()) {
      throw query.malformed("the answer should be an array of emissions data but is "
          + root.getNodeType().name().toLowerCase(Locale.ROOT) + ". Maybe check the base URL.");
    }
    TreeSet<String> locations = new TreeSet<>();
    readPoints(points, root, "", "time", "rating", query,
        (entry, at) -> locations.add(Json.text(entry, "location", at, query)));
    Map<String, String> metadata = locations.isEmpty() ? Map.of() : Map.of("sdkLocations", String.join(",", locations));
    return points.build(signal, name(), metadata);
  }

  @Override
  IntensitySeries readForecast(Query query) {
    HttpUrl url = http.url("emissions/forecasts/current").addQueryParameter("location", query.zone()).build();
    JsonNode root = http.getJson(url, query, CarbonAwareSdkSource::saysUnknownLocation);
    SeriesBuilder points = points(query);
    if (root.isMissingNode()) {
      return points.build(signal, name(), Map.of());
    }
    if (!root.isArray() || root.size() != 1) {
      throw query.malformed("the answer should be an array with one forecast but is "
          + (root.isArray() ? "an array of " + root.size() : root.getNodeType().name().toLowerCase(Locale.ROOT))
          + ". Maybe check the base URL.");
    }
    JsonNode forecast = root.get(0);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("sdkLocations", Json.text(forecast, "location", "[0].", query));
    for (String field : List.of("generatedAt", "requestedAt", "dataStartAt", "dataEndAt", "windowSize")) {
      String value = Json.optionalText(forecast, field);
      if (value != null) {
        metadata.put(field, value);
      }
    }
    JsonNode optimal = forecast.get("optimalDataPoints");
    if (optimal != null && optimal.isArray() && optimal.size() > 0) {
      List<String> described = new ArrayList<>();
      for (int i = 0; i < optimal.size(); i++) {
        JsonNode point = optimal.get(i);
        String at = "[0].optimalDataPoints[" + i + "].";
        described.add(Json.instant(point, "timestamp", at, query) + "="
            + Json.number(point, "value", at, query).orElse(Double.NaN) + " ("
            + duration(point.get("duration"), at + "duration", query).toMinutes() + " min)");
      }
      metadata.put("optimalDataPoints", String.join(", ", described));
    }
    JsonNode data = Json.array(forecast, "forecastData", "[0].", query);
    readPoints(points, data, "[0].forecastData", "timestamp", "value", query, (entry, at) -> { });
    return points.build(signal, name(), metadata);
  }

  /**
   * Reads the array {@code entries}, found at JSON path {@code path}, of objects with a start
   * ({@code timeField}), a value in g/kWh ({@code valueField}) and a {@code duration} into
   * {@code points}, a missing or zero duration lasting until the next point. {@code first} reads
   * what else the caller wants from each entry, given the entry and its path, before anything else is read.
   */
  private static void readPoints(SeriesBuilder points, JsonNode entries, String path, String timeField,
      String valueField, Query query, BiConsumer<JsonNode, String> first) {
    List<Instant> starts = new ArrayList<>();
    List<Duration> lengths = new ArrayList<>();
    List<OptionalDouble> values = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonNode entry = entries.get(i);
      String at = path + "[" + i + "].";
      first.accept(entry, at);
      starts.add(Json.instant(entry, timeField, at, query));
      values.add(Json.number(entry, valueField, at, query));
      lengths.add(duration(entry.get("duration"), at + "duration", query));
    }
    addWithInferredLengths(points, starts, lengths, values, query, path + "[%d]." + valueField);
  }

  private static boolean saysUnknownLocation(String body) {
    return body.contains("location");
  }

  /** A duration field: minutes as a number, or a TimeSpan / ISO-8601 text; zero when absent. */
  private static Duration duration(JsonNode node, String path, Query query) {
    if (node == null || node.isNull()) {
      return Duration.ZERO;
    }
    if (node.isNumber()) {
      return Duration.ofSeconds(Math.round(node.doubleValue() * 60));
    }
    if (node.isTextual()) {
      try {
        return Json.parseDuration(node.textValue());
      } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
        // No cause: the parser quotes the text, which the message shows clipped and cleaned.
        throw query.malformed("field '" + path + "' is '" + query.quote(node.textValue(), 60) + "', not a "
            + "duration like 00:05:00 or PT5M. Maybe the SDK changed its API.");
      }
    }
    throw query.malformed("field '" + path + "' is " + query.quote(node.toString(), 60)
        + ", not a duration. Maybe the SDK changed its API.");
  }

  private static void addWithInferredLengths(SeriesBuilder points, List<Instant> starts,
      List<Duration> lengths, List<OptionalDouble> values, Query query, String pathFormat) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> starts.get(a).compareTo(starts.get(b)));
    for (int k = 0; k < order.size(); k++) {
      int i = order.get(k);
      Duration length = lengths.get(i);
      if (length.isZero()) {
        length = inferred(starts, order, k);
        if (length == null) {
          throw query.malformed("the only point, at " + starts.get(i) + ", has no duration, so how long "
              + "it holds is unknown. Maybe ask for a longer interval.");
        }
      }
      points.add(starts.get(i), length, values.get(i), query.forecast() ? Flag.FORECAST : Flag.MEASURED,
          String.format(Locale.ROOT, pathFormat, i), "");
    }
  }

  private static Duration inferred(List<Instant> starts, List<Integer> order, int k) {
    for (int j = k + 1; j < order.size(); j++) {
      Duration gap = Duration.between(starts.get(order.get(k)), starts.get(order.get(j)));
      if (!gap.isZero()) {
        return gap;
      }
    }
    for (int j = k - 1; j >= 0; j--) {
      Duration gap = Duration.between(starts.get(order.get(j)), starts.get(order.get(k)));
      if (!gap.isZero()) {
        return gap;
      }
    }
    return null;
  }
}
