package dev.fairshift.signals;

import java.time.Instant;

/**
 * Where carbon-intensity data comes from: a file, the embedded real dataset, or a provider's API.
 * Implementations are thread-safe.
 *
 * <p>Intervals are half-open {@code [from, to)} in UTC. A source returns what it has in the
 * interval; gaps are left for {@link Resampler} to report and fill, never invented silently.
 *
 * <p><b>No data is an empty series, not an error.</b> When a provider answers without data for the
 * interval (an empty list, HTTP 204, or only {@code null} values), the result is an
 * {@link IntensitySeries} with no points ({@link IntensitySeries#isEmpty()}); provider clients record
 * how many {@code null} values they saw under the metadata key {@code nullValues}. A
 * {@link FallbackSource} moves on to its next member on an empty series.
 *
 * <p><b>Provider clients fail only with a {@link ProviderException}</b> that names provider, zone and
 * interval (see its subclasses), whatever the provider answers; {@link IllegalArgumentException} is
 * reserved for an empty interval ({@code from} not before {@code to}) and
 * {@link NullPointerException} for null arguments.
 */
public interface CarbonIntensitySource {

  /** A short name for reports and errors, e.g. {@code electricitymaps} or {@code file:de.csv}. */
  String name();

  /**
   * Observed (or provider-estimated) intensities of {@code zone} over {@code [from, to)}.
   *
   * @throws GridSignalException if the source cannot answer
   */
  IntensitySeries history(String zone, Instant from, Instant to);

  /**
   * Forecast intensities of {@code zone} over {@code [from, to)}. Sources without forecasts throw.
   *
   * @throws GridSignalException if the source has no forecast or cannot answer
   */
  default IntensitySeries forecast(String zone, Instant from, Instant to) {
    throw new GridSignalException("Source '" + name() + "' has no forecasts for zone '" + zone
        + "'. Maybe use a Forecaster on its history or a provider that forecasts.");
  }
}
