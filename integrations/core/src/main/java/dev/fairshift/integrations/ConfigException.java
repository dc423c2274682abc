package dev.fairshift.integrations;

/**
 * A loop configuration file cannot be used: the message names the file, the field (e.g.
 * {@code hubs[1].pue}) and why, with a "Maybe ..." fix where one exists.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** @param message the whole message, naming the file and the field */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
