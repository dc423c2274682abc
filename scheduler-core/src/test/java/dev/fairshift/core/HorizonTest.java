package dev.fairshift.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HorizonTest {
  private static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

  private static Instant t0Plus(String duration) {
    return T0.plus(Duration.parse(duration));
  }

  @Test
  void slotAtOrAfter_boundary_isThatSlot() {
    Horizon h = Horizon.of(T0, 15, 8);

    assertThat(h.slotAtOrAfter(T0)).isZero();
    assertThat(h.slotAtOrAfter(t0Plus("PT30M"))).isEqualTo(2);
  }

  @Test
  void slotAtOrAfter_insideASlot_roundsUp() {
    Horizon h = Horizon.of(T0, 15, 8);

    assertThat(h.slotAtOrAfter(t0Plus("PT20M"))).isEqualTo(2);
    assertThat(h.slotAtOrAfter(t0Plus("PT15M0.000000001S"))).isEqualTo(2);
    assertThat(h.slotAtOrAfter(t0Plus("PT29M59S"))).isEqualTo(2);
  }

  @Test
  void slotAtOrBefore_insideASlot_roundsDown() {
    Horizon h = Horizon.of(T0, 15, 8);

    assertThat(h.slotAtOrBefore(t0Plus("PT20M"))).isEqualTo(1);
    assertThat(h.slotAtOrBefore(t0Plus("PT29M59.999999999S"))).isEqualTo(1);
    assertThat(h.slotAtOrBefore(t0Plus("PT30M"))).isEqualTo(2);
  }

  @Test
  void slotAt_outsideTheHorizon_isClamped() {
    Horizon h = Horizon.hourly(T0, 24);

    assertThat(h.slotAtOrAfter(T0.minusSeconds(7200))).isZero();
    assertThat(h.slotAtOrBefore(T0.minusSeconds(7200))).isZero();
    assertThat(h.slotAtOrAfter(T0.minusNanos(500_000_000))).isZero();
    assertThat(h.slotAtOrBefore(T0.minusNanos(1))).isZero();
    assertThat(h.slotAtOrAfter(t0Plus("PT30H"))).isEqualTo(24);
    assertThat(h.slotAtOrBefore(t0Plus("PT30H"))).isEqualTo(24);
  }

  @Test
  void slotAt_farFromTheStart_doesNotOverflow() {
    // More than 292 years away: nanoseconds no longer fit a long.
    Horizon h = Horizon.hourly(T0, 24);

    assertThat(h.slotAtOrBefore(Instant.parse("9999-12-31T23:59:59Z"))).isEqualTo(24);
    assertThat(h.slotAtOrAfter(Instant.parse("9999-12-31T23:59:59Z"))).isEqualTo(24);
    assertThat(h.slotAtOrBefore(Instant.MAX)).isEqualTo(24);
    assertThat(h.slotAtOrAfter(Instant.MIN)).isZero();
    assertThat(h.slotAtOrBefore(Instant.parse("1066-10-14T09:00:00Z"))).isZero();
  }

  @Test
  void slotAt_randomInstants_matchesFloorAndCeilingOfExactMinutes() {
    Random random = new Random(15);
    for (int slotMinutes : new int[] {5, 15, 30, 60, 90}) {
      Horizon h = Horizon.of(T0, slotMinutes, 100);
      for (int i = 0; i < 200; i++) {
        long nanos = (long) (random.nextDouble() * 110 * slotMinutes * 60e9) - (long) (5 * slotMinutes * 60e9);
        double slotsFromStart = nanos / (slotMinutes * 60e9);
        Instant instant = T0.plusNanos(nanos);
        assertThat(h.slotAtOrBefore(instant)).isEqualTo((int) Math.max(0, Math.min(100, Math.floor(slotsFromStart))));
        assertThat(h.slotAtOrAfter(instant)).isEqualTo((int) Math.max(0, Math.min(100, Math.ceil(slotsFromStart))));
      }
    }
  }

  @Test
  void slotHours_isTheSlotLengthInHours() {
    assertThat(Horizon.of(T0, 15, 4).slotHours()).isEqualTo(0.25);
    assertThat(Horizon.of(T0, 30, 4).slotHours()).isEqualTo(0.5);
    assertThat(Horizon.of(T0, 60, 4).slotHours()).isEqualTo(1.0);
    assertThat(Horizon.hourly(T0, 4).slotMinutes()).isEqualTo(60);
  }

  @Test
  void slotStartAndEnd_followTheSlotLength() {
    Horizon h = Horizon.of(T0, 30, 48);

    assertThat(h.slotStart(3)).isEqualTo(t0Plus("PT1H30M"));
    assertThat(h.end()).isEqualTo(t0Plus("P1D"));
    assertThat(h.length()).isEqualTo(Duration.ofDays(1));
    assertThat(h.contains(T0)).isTrue();
    assertThat(h.contains(h.end())).isFalse();
    assertThat(h.contains(T0.minusNanos(1))).isFalse();
  }

  @Test
  void constructor_badSlotLengthOrCount_isRejected() {
    assertThatThrownBy(() -> new Horizon(T0, Duration.ofSeconds(90), 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT1M30S", "whole number of minutes");
    assertThatThrownBy(() -> new Horizon(T0, Duration.ZERO, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Horizon.of(T0, 0, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slotMinutes", "0");
    assertThatThrownBy(() -> Horizon.hourly(T0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slots must be at least 1 but was 0");
  }
}
