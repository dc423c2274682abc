package dev.fairshift.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.SlotSeries;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SolarProfileTest {
  private static final Instant T0 = Instant.parse("2020-03-02T00:00:00Z");

  @Test
  void hourlyCapacityFactors_areWholeDaysOfDaylightShapedValues() {
    double[] cf = SolarProfile.hourlyCapacityFactors();

    assertThat(cf.length % 24).isZero();
    assertThat(cf.length / 24).isBetween(28, 30);
    // Night (UTC 21:00-02:00) is dark on every day; some midday hour produces.
    for (int day = 0; day < cf.length / 24; day++) {
      assertThat(cf[day * 24 + 23]).isZero();
      assertThat(cf[day * 24 + 1]).isZero();
    }
    assertThat(cf[10]).isGreaterThan(0.3);
  }

  @Test
  void renewableKw_scalesByInstalledPowerAndRepeatsTheProfile() {
    double[] cf = SolarProfile.hourlyCapacityFactors();
    Horizon long_ = Horizon.hourly(T0, cf.length + 24);

    SlotSeries kw = SolarProfile.renewableKw(long_, 4.0);

    assertThat(kw.at(10)).isCloseTo(4.0 * cf[10], within(1e-12));
    assertThat(kw.at(cf.length + 10)).isCloseTo(kw.at(10), within(1e-12));
  }

  @Test
  void renewableKw_refusesSubHourlySlots() {
    assertThatThrownBy(() -> SolarProfile.renewableKw(Horizon.of(T0, 15, 8), 1.0))
        .hasMessageContaining("15-minute slots");
  }
}
