package dev.fairshift.signals;

import java.net.URI;

/**
 * Settings of the UK Carbon Intensity API client (National Energy System Operator, formerly
 * National Grid ESO; <a href="https://carbon-intensity.github.io/api-definitions/">API
 * definitions</a>). The API needs no key.
 *
 * <pre>{@code
 * CarbonIntensitySource gb = CarbonIntensitySources.ukCarbonIntensity(
 *     UkCarbonIntensityConfig.builder().readTimeout(Duration.ofSeconds(10)).build());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class UkCarbonIntensityConfig extends ProviderConfig {

  /** The public API. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.carbonintensity.org.uk");

  private UkCarbonIntensityConfig(Builder builder) {
    super(builder);
  }

  /** A builder with the default base URL, timeouts and retries. */
  public static Builder builder() {
    return new Builder();
  }

  /** The default settings. */
  public static UkCarbonIntensityConfig defaults() {
    return builder().build();
  }

  @Override
  public String providerName() {
    return "ukcarbonintensity";
  }

  @Override
  String describeCredentials() {
    return "credentials=none";
  }

  /** Builds a {@link UkCarbonIntensityConfig}; not thread-safe. */
  public static final class Builder extends ProviderConfig.Builder<Builder> {
    private Builder() {
      super(DEFAULT_BASE_URL);
    }

    @Override
    Builder self() {
      return this;
    }

    /** The immutable config. */
    public UkCarbonIntensityConfig build() {
      return new UkCarbonIntensityConfig(this);
    }
  }
}
