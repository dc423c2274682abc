package dev.fairshift.slurm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real single-node Slurm of {@code .ci/slurm/start.sh}, for tests: the gate that skips them when it is
 * absent, {@code sbatch}/{@code scancel}, and a directory of wrapper commands that fail or hang on demand.
 */
final class RealSlurm {

  static final String HOW_TO_RUN = "Real-Slurm tests skipped. To run them (as root, on Debian):"
      + " .ci/slurm/start.sh && mvn -B verify -pl integrations/slurm -am -Dfairshift.slurm.tests=true"
      + " (or FAIRSHIFT_SLURM_TESTS=1); .ci/run does both.";

  private RealSlurm() {
  }

  /** Skips the calling test unless real-Slurm tests are enabled and sinfo answers. */
  static void assumeAvailable() {
    boolean enabled = Boolean.getBoolean("fairshift.slurm.tests")
        || "1".equals(System.getenv("FAIRSHIFT_SLURM_TESTS"))
        || "true".equalsIgnoreCase(System.getenv("FAIRSHIFT_SLURM_TESTS"));
    assumeTrue(enabled, HOW_TO_RUN);
    boolean answers;
    try {
      answers = exec(List.of("sinfo", "-h", "-o", "%P")).exitCode == 0;
    } catch (IllegalStateException e) {
      answers = false;
    }
    assumeTrue(answers, "sinfo is not on PATH or slurmctld does not answer. " + HOW_TO_RUN);
  }

  /** Submits a batch job with {@code options} running {@code command}; returns its id. */
  static String sbatch(String command, String... options) {
    List<String> argv = new ArrayList<>(List.of("sbatch", "--parsable", "--output=/dev/null"));
    argv.addAll(List.of(options));
    argv.add("--wrap=" + command);
    Exec result = exec(argv);
    if (result.exitCode != 0) {
      throw new IllegalStateException("sbatch failed: " + result.output);
    }
    return result.output.strip().split(";")[0];
  }

  static void scancel(String jobId) {
    exec(List.of("scancel", jobId));
  }

  /** Cancels every job this test user has in Slurm that is not over, so tests start from a clean queue. */
  static void cancelAll() {
    exec(List.of("scancel", "--user=" + System.getProperty("user.name")));
    for (int i = 0; i < 50; i++) {
      Exec q = exec(List.of("squeue", "-h", "-t", "PD,R,CG", "-o", "%i"));
      if (q.output.isBlank()) {
        return;
      }
      sleep(200);
    }
  }

  /** One field of a job from {@code squeue -o} (e.g. {@code %T} state, {@code %P} partition). */
  static String squeueField(String jobId, String format) {
    return exec(List.of("squeue", "-h", "-j", jobId, "-t", "all", "-o", format)).output.strip();
  }

  /**
   * A directory with {@code squeue}, {@code sinfo} and {@code scontrol} that run the real ones, except that
   * {@code scontrol} obeys the file {@code mode} next to it: {@code ok}, {@code fail} (prints Slurm's
   * connect-failure message, exits 1), {@code hang} (sleeps a minute), {@code fail-on:<text>} or
   * {@code hang-on:<text>} (only when an argument contains the text). Every scontrol call is appended to
   * {@code calls.log}.
   */
  static Path wrapperDirectory(Path dir) throws IOException {
    for (String cmd : List.of("squeue", "sinfo")) {
      write(dir.resolve(cmd), "#!/bin/sh\nexec " + which(cmd) + " \"$@\"\n");
    }
    String scontrol = """
        #!/bin/bash
        here="$(dirname "$0")"
        echo "$*" >> "$here/calls.log"
        mode="$(cat "$here/mode" 2>/dev/null || echo ok)"
        case "$mode" in
          fail) echo "slurm_update error: Unable to contact slurm controller (connect failure)" >&2; exit 1 ;;
          hang) sleep 60 ;;
          fail-on:*) if [[ "$*" == *"${mode#fail-on:}"* ]]; then
              echo "slurm_update error: Unable to contact slurm controller (connect failure)" >&2; exit 1; fi ;;
          hang-on:*) if [[ "$*" == *"${mode#hang-on:}"* ]]; then sleep 60; fi ;;
        esac
        exec REAL "$@"
        """.replace("REAL", which("scontrol"));
    write(dir.resolve("scontrol"), scontrol);
    Files.writeString(dir.resolve("mode"), "ok");
    return dir;
  }

  static void mode(Path wrapperDir, String mode) throws IOException {
    Files.writeString(wrapperDir.resolve("mode"), mode);
  }

  static List<String> calls(Path wrapperDir) throws IOException {
    Path log = wrapperDir.resolve("calls.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String which(String cmd) {
    Exec result = exec(List.of("sh", "-c", "command -v " + cmd));
    if (result.exitCode != 0) {
      throw new IllegalStateException(cmd + " is not on PATH");
    }
    return result.output.strip();
  }

  record Exec(int exitCode, String output) {
  }

  static Exec exec(List<String> argv) {
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", argv) + " hung");
      }
      return new Exec(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", argv) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
