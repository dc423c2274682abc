package dev.fairshift.benchmarks.referee;

import java.util.Locale;
import org.junit.jupiter.api.Assumptions;

/**
 * CP-SAT runs on the OR-Tools native library, and the benchmarks module ships only its linux-x86-64 build
 * (the other platforms' natives are excluded in benchmarks/pom.xml). Tests that solve with CP-SAT call
 * {@link #assumeSupported()} so they are skipped, with the reason, on any other platform instead of failing.
 */
public final class CpSatPlatform {
  private CpSatPlatform() {}

  /** Whether {@code osName}/{@code osArch} (as in the system properties) is Linux on x86-64. */
  static boolean supported(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String arch = osArch.toLowerCase(Locale.ROOT);
    return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
  }

  /** Skips the calling test (JUnit assumption) unless this JVM runs on Linux x86-64. */
  public static void assumeSupported() {
    String os = System.getProperty("os.name", "?");
    String arch = System.getProperty("os.arch", "?");
    Assumptions.assumeTrue(supported(os, arch), () -> "Skipped on " + os + " " + arch + ": CP-SAT tests need "
        + "Linux x86-64, the only OR-Tools native library the benchmarks module ships. Run them on Linux x86-64 "
        + "(CI does), or add the ortools artifact of this platform to benchmarks/pom.xml.");
  }
}
