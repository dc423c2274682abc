package dev.fairshift.signals.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairshift.core.SignalKind;
import dev.fairshift.signals.IntensityPoint.Flag;
import dev.fairshift.signals.IntensitySeries;
import dev.fairshift.signals.WattTimeConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * WattTime v3: the marginal ({@code co2_moer}) or average ({@code co2_aoer}) operating emissions
 * rate of a grid region, in 5-minute points. Thread-safe.
 *
 * <p>History uses {@code /v3/historical?region=&start=&end=&signal_type=} in chunks of at most 30
 * days (the API allows 32); forecasts use {@code /v3/forecast?region=&signal_type=}, asking for
 * {@code horizon_hours} up to 72 when the interval reaches past the default 24 hours. Values in
 * {@code lbs_co2_per_mwh} are converted to g/kWh (× 453.59237 / 1000); any other unit, or a
 * signal type other than the configured one, is a {@link dev.fairshift.signals.MalformedResponseException},
 * so marginal and average values are never mixed. The answer's warnings, model date and
 * {@code generated_at} are kept in the metadata.
 */
public final class WattTimeSource extends ProviderSource {
  /** Grams per pound. */
  static final double GRAMS_PER_POUND = 453.59237;
  static final Duration MAX_RANGE = Duration.ofDays(30);
  static final Duration DEFAULT_HORIZON = Duration.ofHours(24);
  static final int MAX_HORIZON_HOURS = 72;
  private static final String UNITS = "lbs_co2_per_mwh";

  private final Clock clock;
  private final String signalType;
  private final SignalKind signal;

  /** A client with {@code config}. */
  public WattTimeSource(WattTimeConfig config) {
    super(config, http(config));
    this.clock = config.clock();
    this.signalType = config.signalType();
    this.signal = config.signal();
  }

  /** Plumbing that logs in at {@code /login} for a token, masking the password and every token it gets. */
  private static ProviderHttp http(WattTimeConfig config) {
    HttpUrl base = ProviderHttp.toHttpUrl(config.baseUrl());
    HttpUrl loginUrl = base.newBuilder().addPathSegment("login").build();
    AtomicReference<WattTimeAuthInterceptor> authRef = new AtomicReference<>();
    List<String> passwordForms = List.of(config.password());
    Redactor redactor = Redactor.of(() -> authRef.get() == null ? passwordForms : authRef.get().secrets());
    OkHttpClient loginClient = ProviderHttp.client(config, List.of(), redactor);
    WattTimeAuthInterceptor auth = new WattTimeAuthInterceptor(loginClient, loginUrl, config.username(), config.password(),
        config.clock(), config.tokenLifetime(), config.objectMapper(), config.callTimeout(), redactor);
    authRef.set(auth);
    return new ProviderHttp(config, List.of(auth), redactor,
        "Maybe check the WattTime username and password, and that your plan covers this region.");
  }

  @Override
  IntensitySeries readHistory(Query query) {
    SeriesBuilder points = points(query);
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Instant[] chunk : ProviderHttp.chunks(query, query.from(), query.to(), MAX_RANGE)) {
      HttpUrl url = http.url("v3/historical").addQueryParameter("region", query.zone())
          .addQueryParameter("start", chunk[0].toString()).addQueryParameter("end", chunk[1].toString())
          .addQueryParameter("signal_type", signalType).build();
      read(http.getJson(url, query, WattTimeSource::saysUnknownRegion), query, points, metadata);
    }
    return points.build(signal, name(), metadata);
  }

  @Override
  IntensitySeries readForecast(Query query) {
    HttpUrl.Builder url = http.url("v3/forecast").addQueryParameter("region", query.zone())
        .addQueryParameter("signal_type", signalType);
    Duration ahead = Duration.between(clock.instant(), query.to());
    if (ahead.compareTo(DEFAULT_HORIZON) > 0) {
      long hours = Math.min(MAX_HORIZON_HOURS, (ahead.toMinutes() + 59) / 60);
      url.addQueryParameter("horizon_hours", Long.toString(hours));
    }
    SeriesBuilder points = points(query);
    Map<String, String> metadata = new LinkedHashMap<>();
    read(http.getJson(url.build(), query, WattTimeSource::saysUnknownRegion), query, points, metadata);
    return points.build(signal, name(), metadata);
  }

  private static boolean saysUnknownRegion(String body) {
    return body.contains("region");
  }

  private void read(JsonNode root, Query query, SeriesBuilder points, Map<String, String> metadata) {
    JsonNode meta = Json.object(root, "meta", "", query);
    String units = Json.text(meta, "units", "meta.", query);
    if (!units.equals(UNITS)) {
      throw query.malformed("meta.units is '" + query.quote(units, 80) + "' but '" + UNITS + "' was expected. Maybe "
          + "WattTime changed its units; values are not converted blindly.");
    }
    String answeredSignal = Json.text(meta, "signal_type", "meta.", query);
    if (!answeredSignal.equals(signalType)) {
      throw query.malformed("meta.signal_type is '" + query.quote(answeredSignal, 80) + "' but '" + signalType
          + "' was asked for. Marginal and average intensities are never mixed. Maybe check the base URL.");
    }
    String region = Json.optionalText(meta, "region");
    if (region != null && !region.equals(query.zone())) {
      throw query.unknownZone("the API answered for region '" + query.quote(region, 80) + "' instead. Maybe check the "
          + "region abbreviation with /v3/region-from-loc.");
    }
    JsonNode period = meta.get("data_point_period_seconds");
    if (period != null && !period.isNull() && (!period.canConvertToLong() || period.asLong() <= 0)) {
      throw query.malformed("meta.data_point_period_seconds is " + query.quote(period.toString(), 80) + ", not a positive number "
          + "of seconds. Maybe WattTime changed its API.");
    }
    Duration length = period == null || period.isNull() ? Duration.ofMinutes(5) : Duration.ofSeconds(period.asLong());
    metadata.put("region", query.zone());
    metadata.put("signalType", signalType);
    metadata.put("convertedFrom", UNITS);
    metadata.put("dataPointPeriodSeconds", Long.toString(length.toSeconds()));
    JsonNode model = meta.get("model");
    if (model != null && model.hasNonNull("date")) {
      metadata.put("modelDate", model.get("date").asText());
    }
    String generatedAt = Json.optionalText(meta, "generated_at");
    if (generatedAt != null) {
      metadata.put("generatedAt", generatedAt);
    }
    List<String> warnings = new ArrayList<>();
    JsonNode warningNodes = meta.get("warnings");
    if (warningNodes != null && warningNodes.isArray()) {
      for (JsonNode warning : warningNodes) {
        warnings.add(warning.isObject()
            ? Json.optionalText(warning, "type") + ": " + Json.optionalText(warning, "message")
            : warning.asText());
      }
    }
    if (!warnings.isEmpty()) {
      String previous = metadata.get("warnings");
      metadata.put("warnings", (previous == null ? "" : previous + "; ") + String.join("; ", warnings));
    }
    JsonNode data = Json.array(root, "data", "", query);
    Flag flag = query.forecast() ? Flag.FORECAST : Flag.MEASURED;
    for (int i = 0; i < data.size(); i++) {
      JsonNode entry = data.get(i);
      String at = "data[" + i + "].";
      Instant start = Json.instant(entry, "point_time", at, query);
      OptionalDouble pounds = Json.number(entry, "value", at, query);
      OptionalDouble grams = pounds.isPresent()
          ? OptionalDouble.of(pounds.getAsDouble() * GRAMS_PER_POUND / 1000.0) : pounds;
      String note = pounds.isPresent() ? " (converted from " + pounds.getAsDouble() + " " + UNITS + ")" : "";
      points.add(start, length, grams, flag, at + "value", note);
    }
  }
}
