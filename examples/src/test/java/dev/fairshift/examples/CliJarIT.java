package dev.fairshift.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as a user runs it ({@code java -jar examples/target/fairshift.jar ...}): its Main-Class,
 * its manifest version, and real process exit codes. Run by failsafe after {@code package}.
 */
class CliJarIT {
  private static Path jar;

  @TempDir
  Path dir;

  @BeforeAll
  static void jar() {
    String path = System.getProperty("fairshift.jar");
    Assumptions.assumeTrue(path != null && Files.isRegularFile(Path.of(path)),
        "needs the shaded jar: run `mvn -B -pl examples -am verify`");
    jar = Path.of(path);
  }

  private record Run(int code, String out, String err) {}

  private Run run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    Process p = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("fairshift " + String.join(" ", args) + " did not finish in 120 s");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void version_isTheManifestVersion() throws Exception {
    Run r = run("--version");

    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("fairshift " + System.getProperty("fairshift.expectedVersion") + "\n");
  }

  @Test
  void typo_exitsWithTwoAndASuggestion() throws Exception {
    Run r = run("evalute");

    assertThat(r.code()).isEqualTo(Cli.USAGE);
    assertThat(r.err()).contains("Did you mean: fairshift evaluate").doesNotContain("\tat ");
  }

  @Test
  void schedule_thenEvaluate_throughTheJar() throws Exception {
    Files.writeString(dir.resolve("p.json"), CliTest.SMALL_PROBLEM);

    Run scheduled = run("schedule", "--problem", "p.json", "--out", "s.json");
    Run same = run("schedule", "--problem", "p.json", "--out", "./p.json");
    Run evaluated = run("evaluate", "--problem", "p.json", "--schedule", "s.json");

    assertThat(scheduled.code()).as(scheduled.err()).isZero();
    assertThat(same.code()).isEqualTo(Cli.USAGE);
    assertThat(same.err()).contains("is the same file as --problem p.json");
    assertThat(evaluated.code()).as(evaluated.err()).isZero();
    assertThat(evaluated.out()).contains("1 of 1 jobs placed", "no hard-rule violations");
    assertThat(Files.readString(dir.resolve("p.json"))).isEqualTo(CliTest.SMALL_PROBLEM);
  }

  @Test
  void invalidInput_exitsWithOneWithoutAStackTrace() throws Exception {
    Files.writeString(dir.resolve("p.json"), CliTest.SMALL_PROBLEM.replace("\"powerKw\": 10.0", "\"powerKw\": 1e308"));

    Run r = run("schedule", "--problem", "p.json", "--out", "s.json");

    assertThat(r.code()).isEqualTo(Cli.INVALID_INPUT);
    assertThat(r.err()).contains("jobs[0].powerKw").doesNotContain("Exception", "\tat ");
    assertThat(dir.resolve("s.json")).doesNotExist();
  }
}
