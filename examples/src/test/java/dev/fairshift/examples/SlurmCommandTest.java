package dev.fairshift.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wiring of {@code fairshift slurm}: options, config errors, and the /metrics and /transparency routes
 * served while the loop runs. Slurm itself is stood in for by scripts that print the output recorded from
 * Debian's Slurm 22.05.8 (an idle cluster: two partitions, no jobs), so this runs anywhere with a POSIX
 * shell; the adapter against the real Slurm is tested in integrations/slurm (FAIRSHIFT_SLURM_TESTS=1).
 */
class SlurmCommandTest extends CliTestSupport {
  private static final Pattern SERVING = Pattern.compile("Serving (http://\\S+)/metrics, ");

  @TempDir
  Path dir;

  private final ObjectMapper mapper = new ObjectMapper();
  private Thread loop;
  private final AtomicInteger code = new AtomicInteger(-1);

  @AfterEach
  void stopIfRunning() throws InterruptedException {
    if (loop != null && loop.isAlive()) {
      loop.interrupt();
      loop.join(30_000);
    }
  }

  /** The README's example config, with Slurm's commands taken from {@code bin}. */
  private Path config(Path bin) throws IOException {
    Path example = Path.of(System.getProperty("basedir", ".")).resolve("../integrations/slurm/examples/slurm.yaml");
    String text = Files.readString(example).replace("engine:", "engine:\n  bin: " + bin + "\n  #");
    return Files.writeString(dir.resolve("slurm.yaml"), text);
  }

  /** sinfo, squeue and scontrol that print what Debian's Slurm 22.05.8 printed; scontrol changes nothing. */
  private Path recordedSlurm() throws IOException {
    Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        && Files.isExecutable(Path.of("/bin/sh")), "the stand-in Slurm commands are POSIX shell scripts");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String name : new String[] {"sinfo.json", "squeue-no-jobs.json", "scontrol-show-partition-oneliner.txt"}) {
      try (InputStream in = getClass().getResourceAsStream("/slurm-22.05/" + name)) {
        Files.copy(in, bin.resolve(name));
      }
    }
    script(bin, "sinfo", "cat '" + bin.resolve("sinfo.json") + "'");
    script(bin, "squeue", "cat '" + bin.resolve("squeue-no-jobs.json") + "'");
    script(bin, "scontrol", "if [ \"$1 $2\" = 'show partition' ]; then cat '"
        + bin.resolve("scontrol-show-partition-oneliner.txt") + "'; else echo \"stand-in scontrol: $*\" >&2; exit 1; fi");
    return bin;
  }

  private static void script(Path bin, String name, String body) throws IOException {
    Path file = Files.writeString(bin.resolve(name), "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void help_listsTheOptionsAndExitCodes() {
    assertThat(cli.run("slurm", "--help")).isEqualTo(Cli.OK);

    assertThat(out().replaceAll("\\s+", " ")).contains("Usage: fairshift slurm", "--config=FILE", "--once",
        "--metrics-host=HOST", "(default: 127.0.0.1)", "--metrics-port=PORT", "default: 9464", "--token-file=PATH", "--token-env=NAME",
        "/metrics", "/transparency", "Exit codes:", "Slurm cannot be read");
    out.reset();
    assertThat(cli.run("help", "slurm")).isEqualTo(Cli.OK);
    assertThat(out()).contains("Usage: fairshift slurm");
  }

  @Test
  void missingConfig_exitsTwoNamingTheFile() {
    Path missing = dir.resolve("nowhere.yaml");

    assertThat(cli.run("slurm", "--config", missing.toString())).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("Config file " + missing + " does not exist").contains("Maybe");

    err.reset();
    assertThat(cli.run("slurm")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--config=FILE");
  }

  @Test
  void invalidConfig_exitsTwoNamingTheFileAndTheField() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "slot: 1m\nhubs:\n  - {id: a, pool: a, zone: DE, pue: 0.5, "
        + "wattsPerCpu: 10}\n");

    assertThat(cli.run("slurm", "--config", bad.toString())).isEqualTo(Cli.USAGE);

    assertThat(err()).contains("bad.yaml", "pue").doesNotContain("Exception", "\tat ");
  }

  @Test
  void everyInterfaceWithoutAToken_isRefusedBeforeSlurmIsRead() throws Exception {
    Path noSlurm = Files.createDirectories(dir.resolve("empty"));

    assertThat(cli.run("slurm", "--config", config(noSlurm).toString(), "--metrics-host", "0.0.0.0"))
        .isEqualTo(Cli.USAGE);

    assertThat(err()).startsWith("fairshift: Refusing to listen on 0.0.0.0 without a token")
        .contains("--metrics-host 127.0.0.1").doesNotContain("Cannot read Slurm");
  }

  @Test
  void slurmThatCannotBeRead_exitsThree() throws Exception {
    Path noSlurm = Files.createDirectories(dir.resolve("empty"));

    assertThat(cli.run("slurm", "--config", config(noSlurm).toString(), "--metrics-port", "0")).isEqualTo(3);

    assertThat(err()).contains("Cannot read Slurm").doesNotContain("\tat ");
    assertThat(out()).doesNotContain("Serving");
  }

  @Test
  void once_runsOnePassWithoutAServer() throws Exception {
    assertThat(cli.run("slurm", "--config", config(recordedSlurm()).toString(), "--once")).as(err()).isEqualTo(Cli.OK);

    assertThat(out()).startsWith("pass ").contains("0 held, 0 decisions written, 0 released")
        .doesNotContain("Serving");
  }

  @Test
  void whileTheLoopRuns_metricsAndTransparencyAreServedOnLoopback() throws Exception {
    String[] args = {"slurm", "--config", config(recordedSlurm()).toString(), "--metrics-port", "0"};
    loop = new Thread(() -> code.set(cli.run(args)), "slurm-under-test");
    loop.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    URI base = awaitOutput(SERVING, loop, Duration.ofSeconds(60)).map(URI::create).orElse(null);
    assertThat(base).as("serving line; out: %s err: %s", out(), err()).isNotNull();
    assertThat(base.getHost()).isEqualTo("127.0.0.1");

    // The first pass reads the stand-in Slurm: two partitions, no jobs.
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> transparency = get(base.resolve("/transparency/status"));
      assertThat(transparency.statusCode()).isEqualTo(200);
      assertThat(transparency.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("application/json"));
      status = mapper.readTree(transparency.body());
      if (status.has("outcome")) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(status.get("engine").asText()).isEqualTo("slurm");
    assertThat(status.get("outcome")).as(status.toString()).isNotNull();
    assertThat(status.get("heldJobs").asInt()).isZero();
    assertThat(mapper.readTree(get(base.resolve("/transparency?format=status")).body()).get("engine").asText())
        .isEqualTo("slurm");
    // No job is held and none ran: both pages say so (503 with the error JSON), and say where to look.
    HttpResponse<String> plan = get(base.resolve("/transparency"));
    assertThat(plan.statusCode()).isEqualTo(503);
    assertThat(mapper.readTree(plan.body()).at("/errors/0/message").asText()).contains("No plan yet", "view=ran");
    HttpResponse<String> ran = get(base.resolve("/transparency?view=ran&format=json"));
    assertThat(ran.statusCode()).isEqualTo(503);
    assertThat(mapper.readTree(ran.body()).at("/errors/0/message").asText()).contains("lookback");

    HttpResponse<String> metrics = get(base.resolve("/metrics"));
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metrics.body()).contains("fairshift_loop_ticks_total{", "engine=\"slurm\"", "fairshift_loop_held_jobs");
    assertThat(get(base.resolve("/v1/health")).statusCode()).isEqualTo(200);

    loop.interrupt();
    loop.join(30_000);
    assertThat(loop.isAlive()).isFalse();
    assertThat(code.get()).isEqualTo(Cli.OK);
    URI closed = base.resolve("/metrics");
    assertThatThrownBy(() -> get(closed)).isInstanceOf(ConnectException.class);
  }
}
