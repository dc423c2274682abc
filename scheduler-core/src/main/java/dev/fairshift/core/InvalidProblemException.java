package dev.fairshift.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A problem, or a file describing one, breaks the rules of the format. Carries every error found,
 * not only the first.
 */
public final class InvalidProblemException extends FairshiftException {
  private static final long serialVersionUID = 1L;
  private final List<ProblemError> errors;

  public InvalidProblemException(String what, List<ProblemError> errors) {
    super(message(what, errors));
    this.errors = List.copyOf(errors);
  }

  /** The errors, in document order. */
  public List<ProblemError> errors() {
    return errors;
  }

  private static String message(String what, List<ProblemError> errors) {
    return what + " has " + errors.size() + (errors.size() == 1 ? " error" : " errors") + ":\n"
        + errors.stream().map(e -> "  - " + e).collect(Collectors.joining("\n"));
  }
}
