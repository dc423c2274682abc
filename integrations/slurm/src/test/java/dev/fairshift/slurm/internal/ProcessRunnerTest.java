package dev.fairshift.slurm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.integrations.EngineTimeoutException;
import dev.fairshift.integrations.EngineUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process runner every Slurm call goes through (with /bin/sh stand-ins; no Slurm needed). */
class ProcessRunnerTest {

  @TempDir
  Path tmp;

  private final ProcessRunner runner = new ProcessRunner("slurm");

  @Test
  void capturesOutputExitCodeAndRunsInUtc() {
    ProcessRunner.Result r = runner.run("jobs", null,
        List.of("/bin/sh", "-c", "echo out; echo \"tz=$TZ\"; echo 'first error' >&2; exit 3"), Duration.ofSeconds(10));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("out\ntz=UTC\n");
    assertThat(r.firstErrorLine()).isEqualTo("first error");
  }

  @Test
  void aHangingCommandIsKilledWithItsChildrenAndReportedAsATimeout() throws Exception {
    Path marker = tmp.resolve("child-still-running");
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> runner.run("release", "42", List.of("/bin/sh", "-c",
        "(sleep 3; touch " + marker + ") & sleep 30"), Duration.ofMillis(500)))
        .isInstanceOf(EngineTimeoutException.class)
        .hasMessageContaining("did not finish in 500 ms and was killed")
        .satisfies(e -> assertThat(((EngineTimeoutException) e).jobId()).contains("42"));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    Thread.sleep(3500);
    assertThat(marker).as("the hanging command's child was killed too").doesNotExist();
  }

  @Test
  void aMissingCommandIsEngineUnavailableWithAFix() {
    assertThatThrownBy(() -> runner.run("hubs", null, List.of(tmp.resolve("sinfo").toString(), "--json"),
        Duration.ofSeconds(5)))
        .isInstanceOf(EngineUnavailableException.class)
        .hasMessageContaining("Cannot run '" + tmp.resolve("sinfo") + " --json'")
        .hasMessageContaining("Maybe Slurm's client commands are not installed");
  }

  @Test
  void anInterruptedCallKillsTheCommandAndKeepsTheInterrupt() throws Exception {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> runner.run("jobs", null, List.of("/bin/sh", "-c", "sleep 30"), Duration.ofSeconds(20)))
          .isInstanceOf(EngineUnavailableException.class).hasMessageContaining("Interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void temporaryFilesAreRemoved() throws Exception {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    long before;
    try (var files = Files.list(dir)) {
      before = files.filter(p -> p.getFileName().toString().startsWith("fairshift-slurm-")).count();
    }
    for (int i = 0; i < 5; i++) {
      runner.run("jobs", null, List.of("/bin/sh", "-c", "echo x"), Duration.ofSeconds(5));
    }
    try (var files = Files.list(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().startsWith("fairshift-slurm-")).count())
          .isLessThanOrEqualTo(before);
    }
  }
}
