package dev.fairshift.signals;

import dev.fairshift.core.SignalKind;
import dev.fairshift.signals.internal.http.CarbonAwareSdkSource;
import dev.fairshift.signals.internal.http.ElectricityMapsSource;
import dev.fairshift.signals.internal.http.UkCarbonIntensitySource;
import dev.fairshift.signals.internal.http.WattTimeSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Factories for live carbon-intensity sources behind {@link CarbonIntensitySource}, and for the
 * {@link CachingSource} and {@link FallbackSource} decorators.
 *
 * <pre>{@code
 * CarbonIntensitySource live = CarbonIntensitySources.fallback(SignalKind.AVERAGE,
 *     CarbonIntensitySources.cached(
 *         CarbonIntensitySources.electricityMaps(ElectricityMapsConfig.builder(token).build()),
 *         Duration.ofMinutes(15), 1_000, Clock.systemUTC()),
 *     CarbonIntensitySources.ukCarbonIntensity());
 * IntensitySeries gb = live.history("GB", from, to);
 * }</pre>
 *
 * <p>Every provider source is immutable and thread-safe, retries transient failures as its
 * {@link RetryPolicy} says, and reports failures as {@link ProviderException} subclasses whose
 * messages name the provider, zone and interval and never contain credentials.
 */
public final class CarbonIntensitySources {
  private CarbonIntensitySources() {
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
