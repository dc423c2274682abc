package dev.fairshift.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of {@code fairshift slurm}. */
class SlurmLoopRunnerTest {

  @TempDir
  Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return SlurmLoopRunner.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private Path config(String pool, String bin) throws Exception {
    String text = Files.readString(Path.of("examples/slurm.yaml"))
        .replace("{id: north, pool: north,", "{id: north, pool: " + pool + ",");
    if (bin != null) {
      text = text.replace("engine:", "engine:\n  bin: " + bin + "\n  #");
    }
    Path file = tmp.resolve("slurm.yaml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void usageErrorsExitWithTwoAndSayWhatToDo() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).contains("Missing --config").contains("Usage: fairshift slurm --config");
    assertThat(run("--config")).isEqualTo(2);
    assertThat(run("--bogus")).isEqualTo(2);
    assertThat(err()).contains("Unknown argument '--bogus'");
    assertThat(run("--config", tmp.resolve("none.yaml").toString())).isEqualTo(2);
    assertThat(err()).contains("none.yaml does not exist");
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("Usage: fairshift slurm");
  }

  @Test
  void aBadConfigIsReportedByFieldWithoutAStackTrace() throws Exception {
    Path file = tmp.resolve("bad.yaml");
    Files.writeString(file, "slot: 1m\nhubs: []\n");
    assertThat(run("--config", file.toString())).isEqualTo(2);
    assertThat(err()).contains("hubs").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void slurmCommandsThatCannotRunExitWithThree() throws Exception {
    assertThat(run("--config", config("north", tmp.toString()).toString(), "--once")).isEqualTo(3);
    assertThat(err()).contains("Cannot read Slurm").contains("Maybe");
  }

  @Test
  void aHubWhosePoolIsNotAPartitionIsRefusedOnTheRealSlurm() throws Exception {
    RealSlurm.assumeAvailable();
    assertThat(run("--config", config("nowhere", null).toString(), "--once")).isEqualTo(2);
    assertThat(err()).contains("Hub 'north' has pool 'nowhere'").contains("north, south");
  }

  @Test
  void oncePlansTheHeldJobsOfTheRealSlurm() throws Exception {
    RealSlurm.assumeAvailable();
    RealSlurm.cancelAll();
    String id = RealSlurm.sbatch("sleep 5", "--comment=fairshift", "-A", "physics", "-p", "north,south",
        "-t", "30", "-c", "1", "--deadline=now+30hours");
    assertThat(run("--config", config("north", null).toString(), "--once")).isZero();
    assertThat(out()).contains("1 held, 1 decisions written");
    assertThat(RealSlurm.squeueField(id, "%T")).isEqualTo("PENDING");
    assertThat(RealSlurm.exec(java.util.List.of("scontrol", "show", "job", id)).output())
        .contains("[fairshift:v1 pool=");
    RealSlurm.scancel(id);
  }
}
