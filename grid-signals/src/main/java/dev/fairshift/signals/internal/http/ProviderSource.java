package dev.fairshift.signals.internal.http;

import dev.fairshift.signals.CarbonIntensitySource;
import dev.fairshift.signals.IntensitySeries;
import dev.fairshift.signals.InvalidValuePolicy;
import dev.fairshift.signals.ProviderConfig;
import java.time.Instant;
import java.util.Objects;

/**
 * What every HTTP provider client shares around its {@link ProviderHttp}: the name, and the
 * {@link #history} and {@link #forecast} entry points, which check the question ({@link Query})
 * before anything is sent and read the answer under {@link ProviderHttp#guarded}, so that only a
 * {@link dev.fairshift.signals.ProviderException} ever escapes. A provider supplies only how it asks
 * and reads a checked question ({@link #readHistory}, {@link #readForecast}). Thread-safe when the
 * provider's reading is.
 */
public abstract class ProviderSource implements CarbonIntensitySource {
  /** The provider's HTTP plumbing: requests, status and error mapping, bounded reading, parsing. */
  final ProviderHttp http;
  private final String name;
  private final InvalidValuePolicy invalidValues;

  ProviderSource(ProviderConfig config, ProviderHttp http) {
    this.name = config.providerName();
    this.http = Objects.requireNonNull(http, "http");
    this.invalidValues = config.invalidValues();
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final IntensitySeries history(String zone, Instant from, Instant to) {
    Query query = http.history(zone, from, to);
    return ProviderHttp.guarded(query, () -> readHistory(query));
  }

  @Override
  public final IntensitySeries forecast(String zone, Instant from, Instant to) {
    Query query = http.forecast(zone, from, to);
    return ProviderHttp.guarded(query, () -> readForecast(query));
  }

  /** Asks for and reads the history {@code query} (already checked) into a series. */
  abstract IntensitySeries readHistory(Query query);

  /** Asks for and reads the forecast {@code query} (already checked) into a series. */
  abstract IntensitySeries readForecast(Query query);

  /** An empty collector of the points of {@code query}, with the config's invalid-value policy. */
  SeriesBuilder points(Query query) {
    return new SeriesBuilder(query, invalidValues);
  }
}
