package dev.fairshift.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.solver.bound.LowerBound;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page in a real browser: headless Chromium loads the file offline, and the numbers in its DOM
 * equal the evaluation JSON of the same schedule; screenshots at desktop (1280 px) and phone (390 px)
 * width and a print to PDF are written under {@code target/transparency-browser/}.
 *
 * <p>Skipped when {@code /usr/bin/chromium} (or {@code -Dfairshift.chromium.path}) is absent. In CI,
 * {@code -Dfairshift.chromium=required} or {@code FAIRSHIFT_CHROMIUM=required} makes its absence a failure.
 */
class ChromiumPageTest {
  private static final Path OUT = Path.of("target", "transparency-browser");
  private static final String HOW_TO_RUN = "Install Chromium (apt-get install -y chromium) and run "
      + "mvn -B -pl transparency -am verify -Dtest=ChromiumPageTest -Dsurefire.failIfNoSpecifiedTests=false "
      + "-Dfairshift.chromium=required";
  private static final Pattern METRIC = Pattern.compile("data-metric=\"([^\"]*)\" data-value=\"([^\"]*)\"");

  @TempDir static Path profile;
  private static Path chromium;
  private static Path html;
  private static JsonNode json;
  private static int pageMetrics;
  private static String skipReason;

  private static void assumeChromium() {
    Assumptions.assumeTrue(skipReason == null, () -> skipReason);
  }

  @BeforeAll
  static void findChromiumAndWriteThePage() throws IOException {
    chromium = Path.of(System.getProperty("fairshift.chromium.path", "/usr/bin/chromium"));
    boolean required = "required".equals(System.getProperty("fairshift.chromium"))
        || "required".equals(System.getenv("FAIRSHIFT_CHROMIUM"));
    if (!Files.isExecutable(chromium)) {
      if (required) {
        fail("Chromium is required (fairshift.chromium=required) but " + chromium + " is not an executable. "
            + "Maybe apt-get install -y chromium, or point -Dfairshift.chromium.path at it.");
      }
      skipReason = "Skipping the browser tests: no Chromium at " + chromium + ". " + HOW_TO_RUN;
      System.err.println(skipReason);
      return;
    }
    Problem problem = Fixtures.problem(42, 120);
    Schedule schedule = Fixtures.greedy(problem);
    Evaluation evaluation = Evaluator.evaluate(problem, schedule);
    PageOptions options = PageOptions.builder()
        .title("Three campus hubs, week of 6 March 2023")
        .asapEmissionsGrams(Evaluator.evaluate(problem, Fixtures.asap(problem)).emissionsGrams())
        .lowerBoundGrams(LowerBound.of(problem).gramsCo2e())
        .dataSource(DataSource.of("Carbon intensity DE and GB, hourly, life-cycle (Electricity Maps)", "ODbL 1.0",
            "https://www.electricitymaps.com"))
        .maxJobRows(40).companionJson("report.json").build();
    Files.createDirectories(OUT);
    html = OUT.resolve("report.html").toAbsolutePath();
    String page = TransparencyPage.render(problem, schedule, evaluation, options);
    Files.writeString(html, page);
    String text = TransparencyJson.write(problem, schedule, evaluation, options);
    Files.writeString(OUT.resolve("report.json"), text);
    json = new ObjectMapper().readTree(text);
    pageMetrics = Metrics.parse(page).values.size();
  }

  /** Runs Chromium headless, offline, on the page; returns its stdout, with stderr kept for checks. */
  private static Run chromium(String name, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile.resolve(name), "--enable-logging=stderr", "--v=0",
        "--force-device-scale-factor=1", "--hide-scrollbars"));
    command.addAll(List.of(args));
    command.add(html.toUri().toString());
    Path stdout = OUT.resolve(name + ".stdout");
    Path stderr = OUT.resolve(name + ".stderr");
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("Chromium did not finish " + name + " in 120 s; its log: " + stderr);
    }
    assertThat(process.exitValue()).as("Chromium exit code for " + name + "; log " + stderr).isZero();
    return new Run(Files.readString(stdout), Files.readString(stderr));
  }

  private record Run(String stdout, String stderr) {
    /** Console messages (errors of the page) and failed loads, which a self-contained page never has. */
    List<String> pageProblems() {
      return stderr.lines().filter(l -> l.contains(":CONSOLE") || l.contains("Uncaught") || l.contains("net::ERR_")
          || l.contains("Refused to")).toList();
    }
  }

  private static String unescape(String attribute) {
    return attribute.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0")
        .replace("&amp;", "&");
  }

  @Test
  void theDomNumbersEqualTheEvaluationJson() throws Exception {
    assumeChromium();
    Run run = chromium("dump-dom", "--dump-dom");
    assertThat(run.pageProblems()).as("console errors or failed loads").isEmpty();
    assertThat(run.stdout()).contains("<h1>Three campus hubs, week of 6 March 2023</h1>");
    Map<String, String> dom = new LinkedHashMap<>();
    Matcher m = METRIC.matcher(run.stdout());
    while (m.find()) {
      dom.put(unescape(m.group(1)), unescape(m.group(2)));
    }
    assertThat(dom).hasSize(pageMetrics);
    int compared = 0;
    for (Map.Entry<String, String> e : dom.entrySet()) {
      JsonNode node = JsonMetrics.lookup(json, e.getKey());
      if (node != null) {
        compared++;
        assertThat(JsonMetrics.same(e.getValue(), node)).as(e.getKey() + ": DOM " + e.getValue() + ", JSON " + node).isTrue();
      }
    }
    assertThat(compared).isGreaterThan(300);
    // The browser built no script element and no external resource.
    assertThat(run.stdout()).doesNotContain("<script", "<link", "src=");
  }

  @Test
  void screenshotsAtDesktopAndPhoneWidthAndAPrintAreWritten() throws Exception {
    assumeChromium();
    for (int width : new int[] {1280, 390}) {
      Path png = OUT.resolve("transparency-" + width + ".png").toAbsolutePath();
      Files.deleteIfExists(png);
      Run run = chromium("shot-" + width, "--window-size=" + width + ",1800", "--screenshot=" + png);
      assertThat(run.pageProblems()).isEmpty();
      byte[] bytes = Files.readAllBytes(png);
      assertThat(bytes.length).as(png + " size").isGreaterThan(30_000);
      assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
      ByteBuffer ihdr = ByteBuffer.wrap(bytes, 16, 8);
      assertThat(ihdr.getInt()).as("width of " + png).isEqualTo(width);
      assertThat(ihdr.getInt()).as("height of " + png).isEqualTo(1800);
    }
    Path pdf = OUT.resolve("transparency.pdf").toAbsolutePath();
    Files.deleteIfExists(pdf);
    chromium("print", "--no-pdf-header-footer", "--print-to-pdf=" + pdf);
    byte[] bytes = Files.readAllBytes(pdf);
    assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    Matcher pages = Pattern.compile("/Type\\s*/Page[^s]").matcher(text);
    int count = 0;
    while (pages.find()) {
      count++;
    }
    assertThat(count).as("printed pages").isGreaterThan(2);
  }
}
