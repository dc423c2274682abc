package dev.fairshift.core;

import java.util.Objects;

/**
 * One hard rule a schedule breaks.
 *
 * @param rule which rule
 * @param subject the job, hub or tenant id it concerns
 * @param slot the slot it concerns, or -1 when it is not about one slot
 * @param message a sentence naming the item, the values and the limit
 */
public record Violation(HardRule rule, String subject, int slot, String message) {
  public Violation {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return rule + " " + subject + (slot >= 0 ? " slot " + slot : "") + ": " + message;
  }
}
