package dev.fairshift.core;

import java.util.Objects;

/**
 * One thing wrong with a problem or a file: where it is and what is wrong.
 *
 * @param path where, in the JSON format's terms, e.g. {@code jobs[3].deadline} ({@code $} for the
 *     whole document)
 * @param message what is wrong, naming the item and its value, with a suggested fix
 */
public record ProblemError(String path, String message) {
  public ProblemError {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
