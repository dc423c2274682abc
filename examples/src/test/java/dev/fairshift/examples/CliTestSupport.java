package dev.fairshift.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the command tests share: a {@link Cli} whose standard output and error are captured ({@link #out()},
 * {@link #err()}; reset them with {@code out.reset()}), and an HTTP client for the servers the commands start.
 */
abstract class CliTestSupport {
  protected final ByteArrayOutputStream out = new ByteArrayOutputStream();
  protected final ByteArrayOutputStream err = new ByteArrayOutputStream();
  protected final Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8));

  /** What the command printed on standard output so far. */
  protected String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** What the command printed on standard error so far. */
  protected String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** One client for every test's requests (5 s to connect); created on first use. */
  protected static HttpClient http() {
    return Http.CLIENT;
  }

  /** {@code GET uri}, waiting at most 30 s for the answer. */
  protected static HttpResponse<String> get(URI uri) throws Exception {
    return http().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The first group of {@code line} in what the command running on {@code command} printed, once it appears
   * (looked for every 20 ms); empty if the thread ends without printing it, or {@code timeout} passes first.
   */
  protected Optional<String> awaitOutput(Pattern line, Thread command, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean ended = !command.isAlive();   // read before the output, so that nothing it printed is missed
      Matcher m = line.matcher(out());
      if (m.find()) {
        return Optional.of(m.group(1));
      }
      if (ended || System.nanoTime() >= deadline) {
        return Optional.empty();
      }
      Thread.sleep(20);
    }
  }

  private static final class Http {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }
}
