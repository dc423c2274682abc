package dev.fairshift.integrations;

import java.util.Objects;

/**
 * A field of an engine job that cannot be mapped to Fairshift, e.g. a Kubernetes annotation
 * {@code fairshift.dev/deadline: "tomorrow"} or a Slurm time limit of {@code UNLIMITED}. A job with field
 * problems is released untouched with the problem as its reason.
 *
 * @param field the engine's name of the field, e.g. {@code "TimeLimit"} or {@code "fairshift.dev/deadline"}
 * @param value the value found, as text (never a secret)
 * @param reason why it cannot be used and, where possible, a "Maybe ..." fix
 */
public record FieldProblem(String field, String value, String reason) {

  public FieldProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return field + "='" + value + "': " + reason;
  }
}
