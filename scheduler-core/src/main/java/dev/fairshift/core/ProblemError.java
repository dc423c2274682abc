package dev.fairshift.core;

import java.util.Objects;

/**
 * One thing wrong with a problem or a file: where it is and what is wrong.
 *
 * <p>Both are made printable ({@link Printable#escape}): a control character that the input holds,
 * e.g. in an id or an unknown field name, appears as an escape (U+001B as backslash, u, 001B).
 *
 * @param path where, in the JSON format's terms, e.g. {@code jobs[3].deadline} ({@code $} for the
 *     whole document)
 * @param message what is wrong, naming the item and its value, with a suggested fix
 */
public record ProblemError(String path, String message) {
  public ProblemError {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    // Paths and messages quote what the input holds; never let it print a control character.
    path = Printable.escape(path);
    message = Printable.escape(message);
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
