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

  @Test
  void serve_withATokenFromTheEnvironment_answersAndStopsOnSigterm() throws Exception {
    String token = "fedcba9876543210fedcba9876543210";
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        jar.toString(), "serve", "--port", "0", "--token-env", "FAIRSHIFT_IT_TOKEN");
    Path out = dir.resolve("serve.out");
    Path err = dir.resolve("serve.err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("FAIRSHIFT_IT_TOKEN", token);
    Process p = builder.start();
    try {
      java.net.URI uri = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (uri == null && System.nanoTime() < deadline && p.isAlive()) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("listening on (http://\\S+) ")
            .matcher(Files.readString(out, StandardCharsets.UTF_8));
        if (m.find()) {
          uri = java.net.URI.create(m.group(1));
        } else {
          Thread.sleep(50);
        }
      }
      assertThat(uri).as(Files.readString(err, StandardCharsets.UTF_8)).isNotNull();
      assertThat(uri.getHost()).isEqualTo("127.0.0.1");
      java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
      java.net.http.HttpResponse<String> health = client.send(java.net.http.HttpRequest.newBuilder(
          uri.resolve("/v1/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      java.net.http.HttpResponse<String> anonymous = client.send(java.net.http.HttpRequest.newBuilder(
          uri.resolve("/v1/solves")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      java.net.http.HttpResponse<String> authorised = client.send(java.net.http.HttpRequest.newBuilder(
          uri.resolve("/v1/solves")).header("Authorization", "Bearer " + token).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("optaplanner");
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(authorised.statusCode()).isEqualTo(200);
    } finally {
      p.destroy();   // SIGTERM: the shutdown hook closes the service
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stops within the shutdown grace").isTrue();
    assertThat(Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8))
        .doesNotContain(token, "\tat ");
  }

  @Test
  void serve_onAPortInUse_isOneLineAndExitOne() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Run r = run("serve", "--port", String.valueOf(taken.getLocalPort()));

      assertThat(r.code()).isEqualTo(Cli.INVALID_INPUT);
      assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
      assertThat(r.err()).startsWith("fairshift: Cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void demo_comparesTheSolversAndWritesThePageWhenAsked() throws Exception {
    Run r = run("demo", "--html", "demo.html");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Solvers compared", "Wrote the transparency page to demo.html");
    String page = Files.readString(dir.resolve("demo.html"));
    assertThat(page).contains("data-metric=\"total/emissionsGrams\"", "data-metric=\"total/asapEmissionsGrams\"",
        "Wait Awhile").doesNotContain("<script");
  }

  @Test
  void report_writesThePageAndTheJsonThroughTheJar() throws Exception {
    Run problem = run("example-problem", "--out", "p.json");
    Run scheduled = run("schedule", "--problem", "p.json", "--solver", "greedy", "--out", "s.json");
    Run report = run("report", "--problem", "p.json", "--schedule", "s.json", "--html", "r.html", "--json", "r.json");
    Run refused = run("report", "--problem", "p.json", "--schedule", "s.json", "--html", "p.json");

    assertThat(problem.code()).as(problem.err()).isZero();
    assertThat(scheduled.code()).as(scheduled.err()).isZero();
    assertThat(report.code()).as(report.err()).isZero();
    String page = Files.readString(dir.resolve("r.html"));
    dev.fairshift.core.Problem p = dev.fairshift.core.json.ProblemJson.read(dir.resolve("p.json"));
    double grams = dev.fairshift.core.Evaluator.evaluate(p,
        dev.fairshift.core.json.ScheduleJson.read(dir.resolve("s.json"))).emissionsGrams();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "data-metric=\"total/emissionsGrams\" data-value=\"([^\"]*)\"").matcher(page);
    assertThat(m.find()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isEqualTo(grams);
    assertThat(page).doesNotContain("<script");
    assertThat(Files.readString(dir.resolve("r.json"))).contains("\"format\"");
    assertThat(refused.code()).isEqualTo(Cli.USAGE);
    assertThat(refused.err()).contains("is the same file as --problem").doesNotContain("\tat ");
  }

  @Test
  void slurm_helpAndAMissingConfig_throughTheJar() throws Exception {
    Run help = run("slurm", "--help");
    Run missing = run("slurm", "--config", "absent.yaml");

    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Usage: fairshift slurm", "--metrics-port", "/transparency");
    assertThat(missing.code()).isEqualTo(Cli.USAGE);
    assertThat(missing.err()).contains("absent.yaml does not exist").doesNotContain("\tat ");
  }
}
