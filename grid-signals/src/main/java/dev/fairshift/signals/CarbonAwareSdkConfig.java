package dev.fairshift.signals;

import dev.fairshift.core.SignalKind;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the client of a Green Software Foundation
 * <a href="https://github.com/Green-Software-Foundation/carbon-aware-sdk">Carbon Aware SDK</a>
 * WebAPI deployment. The WebAPI is self-hosted, so the base URL is required, and it passes on
 * whatever its configured data source measures, so the caller states the signal kind: marginal
 * for a WattTime-backed SDK, average for an Electricity Maps-backed one.
 *
 * <pre>{@code
 * CarbonIntensitySource sdk = CarbonIntensitySources.carbonAwareSdk(
 *     CarbonAwareSdkConfig.builder("http://localhost:8080", SignalKind.MARGINAL).build());
 * }</pre>
 *
 * <p>The WebAPI has no authentication of its own; when a gateway in front of it wants a key,
 * {@link Builder#apiKey(String, String)} adds it as a header. Immutable and thread-safe;
 * {@link #toString()} shows the key as {@code ***}.
 */
public final class CarbonAwareSdkConfig extends ProviderConfig {

  private final SignalKind signal;
  private final String apiKeyHeader;
  private final String apiKey;

  private CarbonAwareSdkConfig(Builder builder) {
    super(builder);
    this.signal = builder.signal;
    this.apiKeyHeader = builder.apiKeyHeader;
    this.apiKey = builder.apiKey;
  }

  /** A builder for the WebAPI at {@code baseUrl}, whose data source measures {@code signal}. */
  public static Builder builder(String baseUrl, SignalKind signal) {
    return new Builder(signal).baseUrl(baseUrl);
  }

  /** A builder for the WebAPI at {@code baseUrl}, whose data source measures {@code signal}. */
  public static Builder builder(URI baseUrl, SignalKind signal) {
    return new Builder(signal).baseUrl(baseUrl);
  }

  /** What the SDK's data source measures. */
  public SignalKind signal() {
    return signal;
  }

  /** The name of the header carrying the API key, if one is configured. */
  public Optional<String> apiKeyHeader() {
    return Optional.ofNullable(apiKeyHeader);
  }

  /** The API key, if one is configured. Handle with care: it is a secret. */
  public Optional<String> apiKey() {
    return Optional.ofNullable(apiKey);
  }

  @Override
  public String providerName() {
    return "carbonawaresdk";
  }

  @Override
  String describeCredentials() {
    return "signal=" + signal.jsonName() + ", apiKey="
        + (apiKey == null ? "none" : apiKeyHeader + ": ***");
  }

  /** Builds a {@link CarbonAwareSdkConfig}; not thread-safe. */
  public static final class Builder extends ProviderConfig.Builder<Builder> {
    private final SignalKind signal;
    private String apiKeyHeader;
    private String apiKey;

    private Builder(SignalKind signal) {
      super(null);
      this.signal = Objects.requireNonNull(signal, "signal");
    }

    @Override
    Builder self() {
      return this;
    }

    /** Sends {@code key} in the header {@code headerName} on every request (e.g. a gateway key). */
    public Builder apiKey(String headerName, String key) {
      Objects.requireNonNull(headerName, "headerName");
      Objects.requireNonNull(key, "key");
      if (headerName.isBlank() || !headerName.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
        throw new IllegalArgumentException("API key header name '" + headerName + "' is not a valid "
            + "HTTP header name. Maybe use 'x-api-key'.");
      }
      if (key.isBlank()) {
        throw new IllegalArgumentException("The API key for header '" + headerName + "' is blank. "
            + "Maybe the environment variable holding it is not set.");
      }
      if (!key.chars().allMatch(c -> c >= 32 && c < 127)) {
        throw new IllegalArgumentException("The API key for header '" + headerName + "' contains a line break, "
            + "a control or a non-ASCII character, which an HTTP header cannot carry. Maybe it was read from a "
            + "file with its trailing newline; trim it.");
      }
      this.apiKeyHeader = headerName;
      this.apiKey = key;
      return this;
    }

    /** The immutable config. */
    public CarbonAwareSdkConfig build() {
      return new CarbonAwareSdkConfig(this);
    }
  }
}
