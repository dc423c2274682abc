package dev.fairshift.service;

import dev.fairshift.core.FairshiftException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The bearer token clients must present ({@code Authorization: Bearer <token>}), read from a file or
 * an environment variable, never from a command-line argument (which other users of the machine can
 * see in the process list).
 *
 * <p>Only the token's SHA-256 digest is kept, and {@link #matches} compares digests in constant
 * time, so neither the token's content nor its length leaks through timing. {@link #toString()}
 * names the source, never the token. Immutable and thread-safe.
 */
public final class AuthToken {
  /** The shortest token accepted: 16 characters (e.g. {@code openssl rand -hex 32} makes 64). */
  public static final int MIN_LENGTH = 16;

  private final byte[] digest;
  private final String source;

  private AuthToken(String token, String source) {
    this.digest = sha256(token);
    this.source = source;
  }

  /**
   * The token in {@code file} (UTF-8, surrounding whitespace and a final newline ignored).
   *
   * @throws FairshiftException naming the file (never its content) when it cannot be read, is
   *     readable by other users, or holds no valid token
   */
  public static AuthToken fromFile(Path file) {
    Objects.requireNonNull(file, "file");
    String what = "Token file " + file;
    if (!Files.isRegularFile(file)) {
      throw new FairshiftException(what + " does not exist or is not a regular file. Maybe create it with "
          + "'openssl rand -hex 32 > " + file + "' and 'chmod 600 " + file + "'.");
    }
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (posix != null) {
      try {
        Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
        if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
          throw new FairshiftException(what + " is readable by other users. Maybe run 'chmod 600 " + file + "'.");
        }
      } catch (IOException e) {
        throw new FairshiftException(what + " cannot be inspected (" + e.getClass().getSimpleName()
            + "). Maybe check its permissions.", e);
      }
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // The exception's message may quote the file's content on a decoding error; say only what failed.
      throw new FairshiftException(what + " cannot be read as UTF-8 text. Maybe check that it holds one line "
          + "with the token and that it is readable by this user.");
    }
    return new AuthToken(validated(text.strip(), what), "file " + file);
  }

  /**
   * The token in the environment variable {@code name}.
   *
   * @throws FairshiftException naming the variable when it is unset or holds no valid token
   */
  public static AuthToken fromEnvironment(String name) {
    return fromEnvironment(name, System.getenv());
  }

  /** The token in {@code environment}'s variable {@code name} (for tests); see {@link #fromEnvironment(String)}. */
  public static AuthToken fromEnvironment(String name, Map<String, String> environment) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(environment, "environment");
    String value = environment.get(name);
    String what = "Environment variable " + name;
    if (value == null) {
      throw new FairshiftException(what + " is not set. Maybe export " + name + "=$(openssl rand -hex 32).");
    }
    return new AuthToken(validated(value.strip(), what), "environment variable " + name);
  }

  private static String validated(String token, String what) {
    if (token.isEmpty()) {
      throw new FairshiftException(what + " holds no token. Maybe generate one with 'openssl rand -hex 32'.");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= ' ' || c == 0x7f) {
        throw new FairshiftException(what + " holds a token with whitespace or a control character at position "
            + (i + 1) + "; a bearer token is one word. Maybe generate one with 'openssl rand -hex 32'.");
      }
    }
    if (token.length() < MIN_LENGTH) {
      throw new FairshiftException(what + " holds a token of " + token.length() + " characters; at least "
          + MIN_LENGTH + " are needed. Maybe generate one with 'openssl rand -hex 32'.");
    }
    return token;
  }

  /** Whether {@code presented} is the token, compared in constant time; {@code null} never matches. */
  public boolean matches(String presented) {
    byte[] other = sha256(presented == null ? "" : presented);
    // Always compare, so a missing token takes as long as a wrong one.
    return MessageDigest.isEqual(digest, other) && presented != null;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  /** Where the token came from, e.g. {@code AuthToken[environment variable FAIRSHIFT_TOKEN]}; never the token. */
  @Override
  public String toString() {
    return "AuthToken[" + source + "]";
  }
}
