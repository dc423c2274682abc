package dev.fairshift.benchmarks.referee;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpSatPlatformTest {
  @Test
  void supported_onlyLinuxOnX86_64() {
    assertThat(CpSatPlatform.supported("Linux", "amd64")).isTrue();
    assertThat(CpSatPlatform.supported("Linux", "x86_64")).isTrue();
    assertThat(CpSatPlatform.supported("Linux", "aarch64")).isFalse();
    assertThat(CpSatPlatform.supported("Mac OS X", "aarch64")).isFalse();
    assertThat(CpSatPlatform.supported("Mac OS X", "x86_64")).isFalse();
    assertThat(CpSatPlatform.supported("Windows 11", "amd64")).isFalse();
  }
}
