package dev.fairshift.core.json;

import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.ProblemError;
import java.util.ArrayList;
import java.util.List;

/** Collects the errors of one document, in document order. Not thread-safe; one per read. */
final class Errors {
  private final List<ProblemError> errors = new ArrayList<>();

  void add(String path, String message) {
    errors.add(new ProblemError(path, message));
  }

  /** Appends the errors of {@code other}, in their order. */
  void addAll(Errors other) {
    errors.addAll(other.errors);
  }

  /** Appends the errors of {@code other} from index {@code from} (inclusive) to {@code to} (exclusive). */
  void addAll(Errors other, int from, int to) {
    errors.addAll(other.errors.subList(from, to));
  }

  int size() {
    return errors.size();
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  /** Throws {@link InvalidProblemException} for {@code what} if any error was recorded. */
  void throwIfAny(String what) {
    if (!errors.isEmpty()) {
      throw new InvalidProblemException(what, errors);
    }
  }
}
