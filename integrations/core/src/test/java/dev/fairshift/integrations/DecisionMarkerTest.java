package dev.fairshift.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecisionMarkerTest {

  private static final Decision DECISION =
      new Decision("north", Instant.parse("2026-12-04T22:00:00Z"), "cleaner slot: 212 vs 388 g/kWh", 125.04);

  @Test
  void format_knownText() {
    assertThat(DecisionMarker.format(DECISION)).isEqualTo(
        "[fairshift:v1 pool=north start=2026-12-04T22:00:00Z saved_g=125.0 reason=cleaner slot: 212 vs 388 g/kWh]");
  }

  @Test
  void parse_roundTripKeepsPoolStartAndReason() {
    Decision back = DecisionMarker.parse(DecisionMarker.format(DECISION)).orElseThrow();
    assertThat(back.sameAs(DECISION)).isTrue();
    assertThat(back.reason()).isEqualTo(DECISION.reason());
    assertThat(back.gramsSaved()).isEqualTo(125.0);
  }

  @Test
  void embed_keepsAdminTextAndReplacesOldMarker() {
    String once = DecisionMarker.embed("reserved for lab A", DECISION);
    Decision later = new Decision("south", Instant.parse("2026-12-04T23:00:00Z"), "capacity", -3);
    String twice = DecisionMarker.embed(once, later);
    assertThat(twice).startsWith("reserved for lab A [fairshift:v1 pool=south");
    assertThat(twice).doesNotContain("north");
    assertThat(DecisionMarker.parse(twice).orElseThrow().sameAs(later)).isTrue();
    assertThat(DecisionMarker.strip(twice)).isEqualTo("reserved for lab A");
  }

  @Test
  void format_bracketInReasonCannotEndMarkerEarly() {
    Decision odd = new Decision("n", Instant.EPOCH, "a ] b", 0);
    assertThat(DecisionMarker.parse(DecisionMarker.format(odd)).orElseThrow().reason()).isEqualTo("a ) b");
  }

  @Test
  void parse_noMarker() {
    assertThat(DecisionMarker.parse("plain comment")).isEmpty();
    assertThat(DecisionMarker.parse(null)).isEmpty();
  }

  @Test
  void parse_editedMarkerNamesTheValue() {
    assertThatThrownBy(() -> DecisionMarker.parse(
        "[fairshift:v1 pool=n start=tomorrow saved_g=1 reason=x]"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'tomorrow'");
    assertThatThrownBy(() -> DecisionMarker.parse("[fairshift:v1 pool=n]"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Maybe");
  }

  /** Fuzz: arbitrary text either parses, or fails with IllegalArgumentException, never anything else. */
  @Test
  void parse_fuzzedTextFailsOnlyWithIllegalArgument() {
    Random random = new Random(11);
    String alphabet = "[]fairshot:v1 pol=sdg_eT0123456789-Z.\n";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder(random.nextBoolean() ? DecisionMarker.PREFIX : "");
      int length = random.nextInt(60);
      for (int c = 0; c < length; c++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      try {
        DecisionMarker.parse(text.toString());
      } catch (IllegalArgumentException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }
}
