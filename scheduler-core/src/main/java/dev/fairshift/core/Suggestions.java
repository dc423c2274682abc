package dev.fairshift.core;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * "Maybe you meant …" for a name that is not one of the known ones: the known name closest by edit
 * distance, ignoring case, when it is close enough to be a typo (1 edit for names up to 3 characters, 2 up
 * to 6, else 3). Used by the JSON readers for unknown fields and by the command line for unknown values.
 */
public final class Suggestions {
  private Suggestions() {}

  /** The known name closest to {@code name}, if it is close enough to be a typo of it. */
  public static Optional<String> closest(String name, Collection<String> known) {
    Objects.requireNonNull(name, "name");
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = name.toLowerCase(Locale.ROOT);
    for (String candidate : known) {
      int d = editDistance(lower, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int length = Math.max(name.length(), 1);
    int allowed = length <= 3 ? 1 : length <= 6 ? 2 : 3;
    return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
  }

  /** Edit distance: insertions, deletions and substitutions. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
