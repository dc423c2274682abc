package dev.fairshift.signals;

import dev.fairshift.core.SignalKind;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the WattTime v3 client (<a href="https://docs.watttime.org">API documentation</a>).
 * The client logs in with HTTP basic auth on {@code /login}, then sends the returned token as
 * {@code Authorization: Bearer ...}; it fetches a new token when the old one is older than
 * {@link #tokenLifetime()}, and once more when the API answers 401.
 *
 * <pre>{@code
 * CarbonIntensitySource wt = CarbonIntensitySources.wattTime(
 *     WattTimeConfig.builder(System.getenv("WATTTIME_USER"), System.getenv("WATTTIME_PASSWORD")).build());
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #toString()} shows the password as {@code ***}.
 */
public final class WattTimeConfig extends ProviderConfig {

  /** The public API. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.watttime.org");
  /** Marginal operating emissions rate: {@link SignalKind#MARGINAL}. */
  public static final String CO2_MOER = "co2_moer";
  /** Average operating emissions rate: {@link SignalKind#AVERAGE}. */
  public static final String CO2_AOER = "co2_aoer";

  private final String username;
  private final String password;
  private final String signalType;
  private final Duration tokenLifetime;

  private WattTimeConfig(Builder builder) {
    super(builder);
    this.username = builder.username;
    this.password = builder.password;
    this.signalType = builder.signalType;
    this.tokenLifetime = builder.tokenLifetime;
  }

  /** A builder for the given WattTime account. */
  public static Builder builder(String username, String password) {
    return new Builder(username, password);
  }

  /** The account name. */
  public String username() {
    return username;
  }

  /** The account password. Handle with care: it is a secret. */
  public String password() {
    return password;
  }

  /** The {@code signal_type}: {@value #CO2_MOER} (default) or {@value #CO2_AOER}. */
  public String signalType() {
    return signalType;
  }

  /** The kind of intensity the signal type measures: marginal for MOER, average for AOER. */
  public SignalKind signal() {
    return signalType.equals(CO2_MOER) ? SignalKind.MARGINAL : SignalKind.AVERAGE;
  }

  /** How long a token is used before a new one is fetched (default 29 min; tokens live 30). */
  public Duration tokenLifetime() {
    return tokenLifetime;
  }

  @Override
  public String providerName() {
    return "watttime";
  }

  @Override
  String describeCredentials() {
    return "username=" + username + ", password=***, signalType=" + signalType
        + ", tokenLifetime=" + tokenLifetime;
  }

  /** Builds a {@link WattTimeConfig}; not thread-safe. */
  public static final class Builder extends ProviderConfig.Builder<Builder> {
    private final String username;
    private final String password;
    private String signalType = CO2_MOER;
    private Duration tokenLifetime = Duration.ofMinutes(29);

    private Builder(String username, String password) {
      super(DEFAULT_BASE_URL);
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      if (username.isBlank() || password.isEmpty()) {
        throw new IllegalArgumentException("The WattTime username or password is blank. Maybe the "
            + "environment variables holding them are not set.");
      }
      this.username = username;
      this.password = password;
    }

    @Override
    Builder self() {
      return this;
    }

    /** {@value #CO2_MOER} (marginal, the default) or {@value #CO2_AOER} (average). */
    public Builder signalType(String type) {
      Objects.requireNonNull(type, "type");
      if (!type.equals(CO2_MOER) && !type.equals(CO2_AOER)) {
        throw new IllegalArgumentException("WattTime signalType '" + type + "' is not a carbon "
            + "intensity. Maybe use '" + CO2_MOER + "' (marginal) or '" + CO2_AOER + "' (average).");
      }
      this.signalType = type;
      return this;
    }

    /** How long a token is used before a new one is fetched; positive. */
    public Builder tokenLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime");
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("WattTime tokenLifetime must be positive but was "
            + lifetime + ". Maybe use Duration.ofMinutes(29).");
      }
      this.tokenLifetime = lifetime;
      return this;
    }

    /** The immutable config. */
    public WattTimeConfig build() {
      return new WattTimeConfig(this);
    }
  }
}
