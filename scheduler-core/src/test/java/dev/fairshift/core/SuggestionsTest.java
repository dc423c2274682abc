package dev.fairshift.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  private static final List<String> SOLVERS = List.of("asap", "greedy", "optaplanner");

  @Test
  void aTypoWithinTheAllowedEditsIsSuggested() {
    assertThat(Suggestions.closest("gredy", SOLVERS)).contains("greedy");      // 1 deletion
    assertThat(Suggestions.closest("GREEDY", SOLVERS)).contains("greedy");     // case is ignored
    assertThat(Suggestions.closest("optaplaner", SOLVERS)).contains("optaplanner");
  }

  @Test
  void aNameTooFarFromEveryKnownOneHasNoSuggestion() {
    assertThat(Suggestions.closest("cp-sat", SOLVERS)).isEmpty();
    // 3 characters allow one edit: "abc" -> "asap" takes three
    assertThat(Suggestions.closest("abc", SOLVERS)).isEmpty();
    assertThat(Suggestions.closest("asap", List.of())).isEmpty();
  }

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(Suggestions.editDistance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.editDistance("", "abc")).isEqualTo(3);
    assertThat(Suggestions.editDistance("same", "same")).isZero();
  }
}
