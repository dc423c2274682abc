package dev.fairshift.slurm.internal;

import dev.fairshift.integrations.EngineTimeoutException;
import dev.fairshift.integrations.EngineUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs one Slurm command as a child process with a timeout: no shell, arguments passed as they are, {@code
 * TZ=UTC} so that times given to {@code scontrol} are read as UTC, output captured in temporary files (no pipe
 * can fill up and block the child) and bounded in size. A command that does not finish in time is killed with
 * its descendants and reported as {@link EngineTimeoutException}; one that cannot be started as {@link
 * EngineUnavailableException}. A non-zero exit is returned for the caller to classify.
 */
public final class ProcessRunner {

  /** What a finished command printed and returned. */
  public record Result(int exitCode, String stdout, String stderr) {

    /** The first non-blank line of stderr (or stdout), at most 300 characters, for messages. */
    public String firstErrorLine() {
      String text = stderr.isBlank() ? stdout : stderr;
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          String trimmed = line.strip();
          return trimmed.length() > 300 ? trimmed.substring(0, 300) + "..." : trimmed;
        }
      }
      return "(no output)";
    }
  }

  /** Output larger than this is refused: no Slurm answer Fairshift reads comes near it. */
  static final long MAX_OUTPUT_BYTES = 256L * 1024 * 1024;

  private final String engine;

  public ProcessRunner(String engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /**
   * Runs {@code argv} and waits at most {@code timeout}.
   *
   * @param operation the engine operation this serves, for errors ({@code "jobs"}, {@code "release"})
   * @param jobId the job concerned, or {@code null}
   */
  public Result run(String operation, String jobId, List<String> argv, Duration timeout) {
    String commandLine = String.join(" ", argv);
    Path out = null;
    Path err = null;
    Process process = null;
    try {
      out = Files.createTempFile("fairshift-slurm-", ".out");
      err = Files.createTempFile("fairshift-slurm-", ".err");
      ProcessBuilder builder = new ProcessBuilder(argv)
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().put("TZ", "UTC");
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new EngineUnavailableException(engine, operation, jobId, "Cannot run '" + commandLine + "': "
            + e.getMessage() + ". Maybe Slurm's client commands are not installed (apt-get install slurm-client)"
            + " or the configured command path is wrong.", e);
      }
      boolean finished;
      try {
        finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        kill(process);
        Thread.currentThread().interrupt();
        throw new EngineUnavailableException(engine, operation, jobId,
            "Interrupted while running '" + commandLine + "'; the command was killed.", e);
      }
      if (!finished) {
        kill(process);
        throw new EngineTimeoutException(engine, operation, jobId, "'" + commandLine + "' did not finish in "
            + timeout.toMillis() + " ms and was killed. Maybe slurmctld is overloaded or unreachable;"
            + " Fairshift retries on its next tick.", null);
      }
      return new Result(process.exitValue(), read(out, commandLine, operation, jobId),
          read(err, commandLine, operation, jobId));
    } catch (IOException e) {
      throw new EngineUnavailableException(engine, operation, jobId,
          "Cannot capture the output of '" + commandLine + "': " + e.getMessage(), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private String read(Path file, String commandLine, String operation, String jobId) throws IOException {
    long size = Files.size(file);
    if (size > MAX_OUTPUT_BYTES) {
      throw new EngineUnavailableException(engine, operation, jobId, "'" + commandLine + "' printed " + size
          + " bytes, more than the " + MAX_OUTPUT_BYTES + " Fairshift reads. Maybe MinJobAge keeps too many"
          + " finished jobs in slurmctld.", null);
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file left behind is harmless
      }
    }
  }
}
