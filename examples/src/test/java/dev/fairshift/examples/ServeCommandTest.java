package dev.fairshift.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairshift serve} on the service module: loopback, token options, limits, start failures, stop. */
class ServeCommandTest extends CliTestSupport {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+) ");
  private static final String TOKEN = "0123456789abcdef0123456789abcdef";

  @TempDir
  Path dir;

  private Thread server;
  private final AtomicInteger code = new AtomicInteger(-1);

  /** Runs {@code fairshift serve args} on a thread and returns its URI once it listens. */
  private URI serve(String... args) throws InterruptedException {
    String[] argv = new String[args.length + 1];
    argv[0] = "serve";
    System.arraycopy(args, 0, argv, 1, args.length);
    server = new Thread(() -> code.set(cli.run(argv)), "serve-under-test");
    server.start();
    Optional<String> uri = awaitOutput(LISTENING, server, Duration.ofSeconds(30));
    if (uri.isPresent()) {
      return URI.create(uri.get());
    }
    if (!server.isAlive()) {
      throw new AssertionError("serve ended with " + code.get() + ": " + err());
    }
    throw new AssertionError("serve did not start in 30 s: " + out() + err());
  }

  /** Stops the command as Ctrl-C's shutdown hook would (it closes the service) and returns its exit code. */
  private int stop() throws InterruptedException {
    server.interrupt();
    server.join(Duration.ofSeconds(30).toMillis());
    assertThat(server.isAlive()).as("serve stops").isFalse();
    return code.get();
  }

  @AfterEach
  void stopIfRunning() throws InterruptedException {
    if (server != null && server.isAlive()) {
      stop();
    }
  }

  private HttpResponse<String> get(URI base, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(URI base, String path, String body) throws Exception {
    return http().send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void portZero_bindsLoopback_answersHealth_andReleasesThePortWhenStopped() throws Exception {
    URI uri = serve("--port", "0");

    assertThat(uri.getHost()).isEqualTo("127.0.0.1");
    assertThat(uri.getPort()).isPositive();
    HttpResponse<String> health = get(uri, "/v1/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\"", "\"ok\"", "greedy", "optaplanner");
    HttpResponse<String> scheduled = post(uri, "/v1/schedule?solver=greedy", CliTest.SMALL_PROBLEM);
    assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
    assertThat(scheduled.body()).contains("\"emissionsGrams\"", "\"lowerBound\"");

    assertThat(stop()).isEqualTo(Cli.OK);
    assertThat(out()).contains("Stopped.");
    assertThatThrownBy(() -> get(uri, "/v1/health", null)).isInstanceOf(ConnectException.class);
    try (ServerSocket again = new ServerSocket(uri.getPort(), 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(again.getLocalPort()).isEqualTo(uri.getPort());
    }
  }

  @Test
  void transparency_is503UntilASolveThenThePageAndJsonOfTheMostRecentSchedule() throws Exception {
    URI uri = serve("--port", "0");
    HttpResponse<String> before = get(uri, "/transparency", null);
    assertThat(before.statusCode()).isEqualTo(503);
    assertThat(before.body()).contains("No schedule is solved yet", "POST a problem to /v1/schedule");

    HttpResponse<String> scheduled = post(uri, "/v1/schedule?solver=asap", CliTest.SMALL_PROBLEM);
    assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    double solvedGrams = mapper.readTree(scheduled.body()).at("/evaluation/emissionsGrams").asDouble();

    HttpResponse<String> page = get(uri, "/transparency", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("the most recent schedule").doesNotContain("<script");
    Matcher total = Pattern.compile("data-metric=\"total/emissionsGrams\" data-value=\"([^\"]+)\"").matcher(page.body());
    assertThat(total.find()).as("the page's total emissions").isTrue();
    assertThat(Double.parseDouble(total.group(1))).isEqualTo(solvedGrams);
    com.fasterxml.jackson.databind.JsonNode json = mapper.readTree(get(uri, "/transparency?format=json", null).body());
    assertThat(json.get("solver").asText()).isEqualTo("asap");

    // The next solve replaces it.
    assertThat(post(uri, "/v1/schedule?solver=greedy", CliTest.SMALL_PROBLEM).statusCode()).isEqualTo(200);
    assertThat(mapper.readTree(get(uri, "/transparency?format=json", null).body()).get("solver").asText())
        .isEqualTo("greedy");
    assertThat(stop()).isEqualTo(Cli.OK);
  }

  @Test
  void everyInterfaceWithoutAToken_isRefusedInOneLineWithExitTwo() {
    assertThat(cli.run("serve", "--host", "0.0.0.0", "--port", "0")).isEqualTo(Cli.USAGE);

    assertThat(err().lines().toList()).hasSize(1);
    assertThat(err()).startsWith("fairshift: Refusing to listen on 0.0.0.0 without a token")
        .contains("--token-file", "--token-env", "--host 127.0.0.1");
    assertThat(out()).isEmpty();
  }

  @Test
  void tokenFileReadableByOthers_isRefusedWithAClearMessageAndExitOne() throws Exception {
    Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "file permissions need a POSIX file system");
    Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(cli.run("serve", "--port", "0", "--token-file", file.toString())).isEqualTo(Cli.INVALID_INPUT);

    assertThat(err().lines().toList()).hasSize(1);
    assertThat(err()).startsWith("fairshift: Token file " + file + " is readable by other users")
        .contains("chmod 600 " + file).doesNotContain(TOKEN, "Exception", "\tat ");
    assertThat(out()).isEmpty();
  }

  @Test
  void tokenFile_isRequiredOnEveryRequestButHealth() throws Exception {
    Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "file permissions need a POSIX file system");
    Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    URI uri = serve("--port", "0", "--token-file", file.toString());

    assertThat(out()).contains("token required").doesNotContain(TOKEN);
    assertThat(get(uri, "/v1/health", null).statusCode()).isEqualTo(200);
    assertThat(get(uri, "/v1/solves", null).statusCode()).isEqualTo(401);
    assertThat(get(uri, "/v1/solves", "wrong-token-wrong-token").statusCode()).isEqualTo(401);
    assertThat(get(uri, "/v1/solves", TOKEN).statusCode()).isEqualTo(200);
    assertThat(stop()).isEqualTo(Cli.OK);
  }

  @Test
  void limits_reachTheService() throws Exception {
    URI uri = serve("--port", "0", "--max-body-bytes", "2048", "--max-time-limit", "2s", "--read-timeout", "5s",
        "--max-concurrent-solves", "1");

    HttpResponse<String> tooBig = post(uri, "/v1/schedule", CliTest.SMALL_PROBLEM + " ".repeat(4096));
    assertThat(tooBig.statusCode()).isEqualTo(413);
    assertThat(tooBig.body()).contains("\"errors\"");
    HttpResponse<String> tooLong = post(uri, "/v1/schedule?solver=optaplanner&timeLimit=3s", CliTest.SMALL_PROBLEM);
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body()).contains("query.timeLimit");
    assertThat(get(uri, "/v1/ready", null).body()).contains("\"maxConcurrentSolves\" : 1");
    assertThat(stop()).isEqualTo(Cli.OK);
  }

  @Test
  void portInUse_isOneLineWithExitOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(cli.run("serve", "--port", String.valueOf(taken.getLocalPort()))).isEqualTo(Cli.INVALID_INPUT);
    }

    assertThat(err().lines().toList()).hasSize(1);
    assertThat(err()).startsWith("fairshift: Cannot listen on 127.0.0.1:").contains("port 0")
        .doesNotContain("\tat ");
  }

  @Test
  void wrongOptions_areUsageErrorsNamingTheOption() {
    List<List<String>> cases = List.of(
        List.of("--max-body-bytes", "10"),
        List.of("--max-time-limit", "0s"),
        List.of("--max-time-limit", "2d"),
        List.of("--max-concurrent-solves", "0"),
        List.of("--read-timeout", "soon"),
        List.of("--host", "no such host.invalid"),
        List.of("--token-file", "a", "--token-env", "B"));
    for (List<String> args : cases) {
      err.reset();
      String[] argv = java.util.stream.Stream.concat(java.util.stream.Stream.of("serve", "--port", "0"), args.stream())
          .toArray(String[]::new);
      assertThat(cli.run(argv)).as(args.toString()).isEqualTo(Cli.USAGE);
      assertThat(err()).as(args.toString()).startsWith("fairshift: ").contains(args.get(0))
          .doesNotContain("Exception", "\tat ");
    }
  }

  @Test
  void unsetTokenVariable_namesTheVariable() {
    assertThat(cli.run("serve", "--port", "0", "--token-env", "FAIRSHIFT_TEST_TOKEN_THAT_IS_NOT_SET"))
        .isEqualTo(Cli.INVALID_INPUT);

    assertThat(err()).startsWith("fairshift: Environment variable FAIRSHIFT_TEST_TOKEN_THAT_IS_NOT_SET is not set")
        .contains("Maybe");
  }

  @Test
  void help_listsTheOptionsWithTheServiceDefaults() {
    assertThat(cli.run("serve", "--help")).isEqualTo(Cli.OK);

    assertThat(out()).contains("--host=HOST", "default: 127.0.0.1", "--port=PORT", "default: 8080",
        "--token-file=PATH", "--token-env=NAME", "--max-body-bytes=BYTES", "default: 16777216",
        "--max-time-limit=DURATION", "default: 5m", "--max-concurrent-solves=N",
        "default: the number of processors, " + Runtime.getRuntime().availableProcessors(),
        "--read-timeout=DURATION", "default: 30s", "Exit codes:");
  }
}
