package dev.fairshift.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Format and cadence of the progress line, on a fake clock: no sleeping. */
class ProgressLineTest {
  /** A clock the test moves. */
  static final class FakeClock extends Clock {
    private Instant now = Instant.parse("2026-12-05T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final FakeClock clock = new FakeClock();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String err() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private ProgressLine line(ProgressLine.Mode mode, Duration budget) {
    ProgressLine.Builder b = ProgressLine.builder("optaplanner").to(err).mode(mode).clock(clock).width(80);
    if (budget != null) {
      b.budget(budget);
    }
    return b.build();
  }

  @Test
  void plain_printsOneLineEveryFiveSecondsWithTheTimeLeftOfTheBudget() {
    ProgressLine p = line(ProgressLine.Mode.PLAIN, Duration.ofSeconds(30));
    p.update("best 0hard/0medium/-5000soft, 1 improvements");
    for (int i = 0; i < 49; i++) {           // 4.9 s of polls every 100 ms: nothing yet
      clock.advance(Duration.ofMillis(100));
      p.poll();
    }
    assertThat(err()).isEmpty();
    clock.advance(Duration.ofMillis(100));   // 5.0 s
    p.poll();
    p.poll();                                 // the same instant again: still one line
    assertThat(err()).isEqualTo("optaplanner: 5s elapsed, at most 25s left; best 0hard/0medium/-5000soft, 1 improvements\n");

    p.update("best 0hard/0medium/-4000soft, 2 improvements");
    clock.advance(Duration.ofMillis(4_900));
    p.poll();
    assertThat(err().lines()).hasSize(1);
    clock.advance(Duration.ofMillis(100));   // 10 s
    p.poll();
    clock.advance(Duration.ofSeconds(25));   // past the budget: never a negative time left
    p.poll();
    p.finish("best 0hard/0medium/-3000soft, 3 improvements");

    assertThat(err().lines()).containsExactly(
        "optaplanner: 5s elapsed, at most 25s left; best 0hard/0medium/-5000soft, 1 improvements",
        "optaplanner: 10s elapsed, at most 20s left; best 0hard/0medium/-4000soft, 2 improvements",
        "optaplanner: 35s elapsed, finishing; best 0hard/0medium/-4000soft, 2 improvements",
        "optaplanner: done in 35s; best 0hard/0medium/-3000soft, 3 improvements");
    assertThat(err()).doesNotContain("\r");
  }

  @Test
  void plain_quickWorkPrintsNothingAtAll() {
    ProgressLine p = line(ProgressLine.Mode.PLAIN, Duration.ofSeconds(30));
    p.update("best x");
    clock.advance(Duration.ofMillis(4_999));
    p.poll();
    p.finish("done");
    assertThat(err()).isEmpty();
  }

  @Test
  void live_rewritesOneLineInPlaceAtMostEveryQuarterSecondAndEndsWithANewline() {
    ProgressLine p = line(ProgressLine.Mode.LIVE, Duration.ofSeconds(10));
    p.update("best -9000soft");
    clock.advance(Duration.ofMillis(999));
    p.poll();
    assertThat(err()).as("nothing in the first second").isEmpty();
    clock.advance(Duration.ofMillis(1));
    p.poll();
    assertThat(err()).isEqualTo("\roptaplanner: 1s elapsed, at most 9s left; best -9000soft");
    p.update("best -1soft");                  // shorter: padded so no old character stays
    clock.advance(Duration.ofMillis(249));
    p.poll();
    assertThat(err()).isEqualTo("\roptaplanner: 1s elapsed, at most 9s left; best -9000soft");
    clock.advance(Duration.ofMillis(1));
    p.poll();
    String first = "optaplanner: 1s elapsed, at most 9s left; best -9000soft";
    String second = "optaplanner: 1s elapsed, at most 8s left; best -1soft";
    assertThat(err()).isEqualTo("\r" + first + "\r" + second + " ".repeat(first.length() - second.length()));
    clock.advance(Duration.ofSeconds(2));
    p.finish("best -1soft, 4 improvements");

    String all = err();
    // The last line replaces the live one (padded over its longer predecessor) and ends it.
    assertThat(all).containsPattern("\roptaplanner: done in 3s; best -1soft, 4 improvements {0,20}\n$");
    assertThat(all.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    p.poll();
    p.finish("again");
    assertThat(err()).isEqualTo(all);
  }

  @Test
  void live_cutsToTheTerminalWidthAndEscapesControlCharacters() {
    ProgressLine p = ProgressLine.builder("quality").to(err).mode(ProgressLine.Mode.LIVE).clock(clock)
        .widthFrom("40").build();
    p.update("scenario \u001b[31mred\u001b[0m " + "x".repeat(100));
    clock.advance(Duration.ofSeconds(2));
    p.poll();
    String drawn = err().substring(1);
    assertThat(drawn).hasSize(39).endsWith("...").doesNotContain("\u001b");
    assertThat(err()).startsWith("\r").doesNotContain("\n");
  }

  @Test
  void live_closeWithoutFinish_clearsTheLineSoAnErrorStartsAtColumnZero() {
    ProgressLine p = line(ProgressLine.Mode.LIVE, null);
    p.update("evaluating", 0.25);
    clock.advance(Duration.ofSeconds(3));
    p.poll();
    String drawn = "optaplanner: 3s elapsed, about 9s left; evaluating";   // 3 s for a quarter: 9 s more
    assertThat(err()).isEqualTo("\r" + drawn);
    p.close();
    assertThat(err()).isEqualTo("\r" + drawn + "\r" + " ".repeat(drawn.length()) + "\r");
  }

  @Test
  void off_printsNothingAndStartsNoThread() {
    ProgressLine p = line(ProgressLine.Mode.OFF, Duration.ofSeconds(1));
    p.startTicking(() -> p.update("x"));
    for (int i = 0; i < 100; i++) {
      clock.advance(Duration.ofSeconds(1));
      p.poll();
    }
    p.finish("done");
    assertThat(err()).isEmpty();
  }

  @Test
  void withoutBudgetOrShareDone_theTimeLeftIsLeftOut() {
    ProgressLine p = line(ProgressLine.Mode.PLAIN, null);
    p.update("reading the problem");
    clock.advance(Duration.ofSeconds(65));
    p.poll();
    assertThat(err()).isEqualTo("optaplanner: 1m05s elapsed; reading the problem\n");
  }

  @Test
  void durationsReadLikeATerminalTimer() {
    assertThat(ProgressLine.format(Duration.ofMillis(850))).isEqualTo("850ms");
    assertThat(ProgressLine.format(Duration.ofSeconds(12))).isEqualTo("12s");
    assertThat(ProgressLine.format(Duration.ofSeconds(245))).isEqualTo("4m05s");
    assertThat(ProgressLine.format(Duration.ofMinutes(62))).isEqualTo("1h02m");
    assertThat(ProgressLine.format(Duration.ofSeconds(-3))).isEqualTo("0ms");
  }

  @Test
  void mode_quietWinsThenTheOptionThenTheEnvironmentThenTheConsole() {
    Map<String, String> none = Map.of();
    Map<String, String> envPlain = Map.of("FAIRSHIFT_PROGRESS", "plain");
    assertThat(ProgressLine.mode(true, "live", envPlain::get, true)).isEqualTo(ProgressLine.Mode.OFF);
    assertThat(ProgressLine.mode(false, "live", envPlain::get, false)).isEqualTo(ProgressLine.Mode.LIVE);
    assertThat(ProgressLine.mode(false, null, envPlain::get, true)).isEqualTo(ProgressLine.Mode.PLAIN);
    assertThat(ProgressLine.mode(false, null, Map.of("FAIRSHIFT_PROGRESS", "LIVE")::get, false))
        .isEqualTo(ProgressLine.Mode.LIVE);
    assertThat(ProgressLine.mode(false, null, none::get, true)).isEqualTo(ProgressLine.Mode.LIVE);
    assertThat(ProgressLine.mode(false, "auto", none::get, false)).isEqualTo(ProgressLine.Mode.PLAIN);
    assertThat(ProgressLine.mode(false, null, Map.of("TERM", "dumb")::get, true)).isEqualTo(ProgressLine.Mode.PLAIN);
    assertThat(ProgressLine.mode(false, "off", none::get, true)).isEqualTo(ProgressLine.Mode.OFF);
    assertThatThrownBy(() -> ProgressLine.mode(false, "loud", none::get, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--progress is 'loud'")
        .hasMessageContaining("Maybe --progress plain");
    assertThatThrownBy(() -> ProgressLine.mode(false, null, Map.of("FAIRSHIFT_PROGRESS", "yes")::get, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FAIRSHIFT_PROGRESS is 'yes'")
        .hasMessageContaining("FAIRSHIFT_PROGRESS=plain");
  }

  /** Seeded property: over random poll times, plain lines are at least 5 s apart and live draws 250 ms apart. */
  @Test
  void cadenceHoldsForRandomPollTimes() {
    Random random = new Random(20261205);
    for (int round = 0; round < 50; round++) {
      for (ProgressLine.Mode mode : new ProgressLine.Mode[] {ProgressLine.Mode.PLAIN, ProgressLine.Mode.LIVE}) {
        bytes.reset();
        FakeClock c = new FakeClock();
        ProgressLine p = ProgressLine.builder("t").to(err).mode(mode).clock(c).build();
        long elapsed = 0;
        java.util.List<Long> shownAt = new java.util.ArrayList<>();
        int before = 0;
        for (int i = 0; i < 300; i++) {
          long step = 1 + random.nextInt(700);
          c.advance(Duration.ofMillis(step));
          elapsed += step;
          p.update("step " + i);
          p.poll();
          int now = err().length();
          if (now != before) {
            shownAt.add(elapsed);
            before = now;
          }
        }
        long gap = mode == ProgressLine.Mode.PLAIN ? 5_000 : 250;
        long first = mode == ProgressLine.Mode.PLAIN ? 5_000 : 1_000;
        assertThat(shownAt).isNotEmpty();
        assertThat(shownAt.get(0)).isGreaterThanOrEqualTo(first).isLessThan(first + 700);
        for (int i = 1; i < shownAt.size(); i++) {
          assertThat(shownAt.get(i) - shownAt.get(i - 1)).isGreaterThanOrEqualTo(gap).isLessThan(gap + 700);
        }
      }
    }
  }
}
