package dev.fairshift.examples;

import dev.fairshift.core.Printable;
import dev.fairshift.service.AuthToken;
import dev.fairshift.service.FairshiftService;
import dev.fairshift.service.RunningService;
import dev.fairshift.service.ServiceConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * What the commands that serve HTTP ({@code serve}, {@code slurm}) share: the token options, a positive
 * duration converter and the start of the {@code service} module with the command line's exit codes.
 */
final class ServiceOptions {
  private ServiceOptions() {}

  /** {@code --token-file PATH | --token-env NAME}: never the token itself, which {@code ps} would show. */
  static final class TokenOptions {
    @Option(names = "--token-file", paramLabel = "PATH",
        description = "Require 'Authorization: Bearer <token>' on every request but health and readiness, with "
            + "the token in this file (one line, at least " + AuthToken.MIN_LENGTH + " characters, not readable "
            + "by group or others: chmod 600).")
    Path file;

    @Option(names = "--token-env", paramLabel = "NAME",
        description = "Like --token-file, with the token in this environment variable, e.g. FAIRSHIFT_TOKEN.")
    String env;

    /**
     * The token, read now, or none.
     *
     * @throws Cli.UsageException both options given
     * @throws dev.fairshift.core.FairshiftException the file or variable holds no usable token
     */
    Optional<AuthToken> token() {
      if (file != null && env != null) {
        throw new Cli.UsageException("--token-file and --token-env both give the token. Maybe keep only one.");
      }
      if (file != null) {
        return Optional.of(AuthToken.fromFile(file));
      }
      if (env != null) {
        return Optional.of(AuthToken.fromEnvironment(env));
      }
      return Optional.empty();
    }
  }

  /**
   * Starts the service. A host other than loopback without a token is refused as wrong usage naming
   * {@code hostOption}; a port that cannot be bound is a {@link dev.fairshift.core.FairshiftException}
   * (exit {@value Cli#INVALID_INPUT}).
   */
  static RunningService start(ServiceConfig config, String hostOption) {
    check(config, hostOption);
    return FairshiftService.start(config);
  }

  /** What {@link #start} refuses before binding: a host that does not resolve, or not loopback without a token. */
  static void check(ServiceConfig config, String hostOption) {
    InetAddress address;
    try {
      address = InetAddress.getByName(config.host());
    } catch (UnknownHostException e) {
      throw new Cli.UsageException("Cannot resolve " + hostOption + " '" + Printable.escape(config.host())
          + "'. Maybe " + hostOption + " 127.0.0.1 (this machine only), or 0.0.0.0 (every interface, with a token).");
    }
    if (!address.isLoopbackAddress() && config.token().isEmpty()) {
      throw new Cli.UsageException("Refusing to listen on " + Printable.escape(config.host()) + " without a token: "
          + "anyone who can reach it could use it. Maybe add --token-file PATH (chmod 600) or --token-env NAME, "
          + "or use " + hostOption + " 127.0.0.1.");
    }
  }

  /** Builds with a {@link ServiceConfig.Builder} setter, turning its refusal into wrong usage naming the option. */
  static void set(String option, Object value, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw new Cli.UsageException(option + " " + Printable.escape(String.valueOf(value)) + " is refused: "
          + Printable.escape(e.getMessage()));
    }
  }

  /** A positive {@link Cli#duration}, e.g. {@code 30s}; the service bounds it further. */
  static final class PositiveDuration implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      Duration d;
      try {
        d = Cli.duration(text);
      } catch (Cli.UsageException e) {
        throw new TypeConversionException(e.getMessage());
      }
      if (d.isNegative() || d.isZero()) {
        throw new TypeConversionException("'" + Printable.escape(text) + "' is " + (d.isZero() ? "zero" : "negative")
            + "; it must be positive. Maybe 30s.");
      }
      return d;
    }
  }

  /** {@code 300s} as {@code 5m}, for the defaults in help texts: the largest whole unit. */
  static String format(Duration d) {
    if (d.toMillis() % 3_600_000 == 0) {
      return d.toHours() + "h";
    }
    if (d.toMillis() % 60_000 == 0) {
      return d.toMinutes() + "m";
    }
    if (d.toMillis() % 1_000 == 0) {
      return d.toSeconds() + "s";
    }
    return d.toMillis() + "ms";
  }
}
