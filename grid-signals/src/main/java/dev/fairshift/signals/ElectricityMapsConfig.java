package dev.fairshift.signals;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the Electricity Maps v3 client (<a href="https://docs.electricitymaps.com">API
 * documentation</a>). Requests carry the API token in the {@code auth-token} header.
 *
 * <pre>{@code
 * CarbonIntensitySource em = CarbonIntensitySources.electricityMaps(
 *     ElectricityMapsConfig.builder(System.getenv("ELECTRICITYMAPS_TOKEN")).build());
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #toString()} shows the token as {@code ***}.
 */
public final class ElectricityMapsConfig extends ProviderConfig {

  /** The public API. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.electricitymaps.com");

  private final String apiToken;
  private final String emissionFactorType;

  private ElectricityMapsConfig(Builder builder) {
    super(builder);
    this.apiToken = builder.apiToken;
    this.emissionFactorType = builder.emissionFactorType;
  }

  /** A builder for the given API token (sent as the {@code auth-token} header). */
  public static Builder builder(String apiToken) {
    return new Builder(apiToken);
  }

  /** The API token. Handle with care: it is a secret. */
  public String apiToken() {
    return apiToken;
  }

  /**
   * The {@code emissionFactorType} query parameter ({@code lifecycle} or {@code direct}), or empty
   * for the provider's default (lifecycle).
   */
  public Optional<String> emissionFactorType() {
    return Optional.ofNullable(emissionFactorType);
  }

  @Override
  public String providerName() {
    return "electricitymaps";
  }

  @Override
  String describeCredentials() {
    return "apiToken=***, emissionFactorType=" + (emissionFactorType == null ? "default" : emissionFactorType);
  }

  /** Builds an {@link ElectricityMapsConfig}; not thread-safe. */
  public static final class Builder extends ProviderConfig.Builder<Builder> {
    private final String apiToken;
    private String emissionFactorType;

    private Builder(String apiToken) {
      super(DEFAULT_BASE_URL);
      Objects.requireNonNull(apiToken, "apiToken");
      if (apiToken.isBlank()) {
        throw new IllegalArgumentException("The Electricity Maps API token is blank. Maybe the "
            + "environment variable holding it is not set.");
      }
      if (!apiToken.chars().allMatch(c -> c > 32 && c < 127)) {
        throw new IllegalArgumentException("The Electricity Maps API token contains a space, a line break, "
            + "a control or a non-ASCII character, which an HTTP header cannot carry. Maybe it was read from a "
            + "file with its trailing newline; trim it.");
      }
      this.apiToken = apiToken;
    }

    @Override
    Builder self() {
      return this;
    }

    /** Asks for {@code lifecycle} (the provider's default) or {@code direct} emission factors. */
    public Builder emissionFactorType(String type) {
      Objects.requireNonNull(type, "type");
      if (!type.equals("lifecycle") && !type.equals("direct")) {
        throw new IllegalArgumentException("Electricity Maps emissionFactorType '" + type
            + "' is not supported. Maybe use 'lifecycle' or 'direct'.");
      }
      this.emissionFactorType = type;
      return this;
    }

    /** The immutable config. */
    public ElectricityMapsConfig build() {
      return new ElectricityMapsConfig(this);
    }
  }
}
