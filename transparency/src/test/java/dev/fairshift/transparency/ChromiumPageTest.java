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
 * width and a print to PDF are written under {@code target/transparency-browser/}. At phone width (a
 * 390 px mobile viewport set through the DevTools protocol) the document does not scroll sideways, every
 * table scrolls inside its own wrapper, and headings and totals are on screen.
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
    return chromiumOn(html, name, args);
  }

  /** Runs Chromium headless, offline, on {@code page}. */
  private static Run chromiumOn(Path page, String name, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile.resolve(name), "--enable-logging=stderr", "--v=0",
        "--force-device-scale-factor=1", "--hide-scrollbars"));
    command.addAll(List.of(args));
    command.add(page.toUri().toString());
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

  /** What the layout probe measures, as a JavaScript expression evaluated in the page through DevTools. */
  private static final String LAYOUT_PROBE = """
      (function () {
        var vw = window.innerWidth, out = {innerWidth: vw,
          scrollWidth: document.scrollingElement.scrollWidth, overflowing: [], hidden: [], tables: []};
        function scrollsInside(el) {
          for (var p = el.parentElement; p; p = p.parentElement) {
            var o = getComputedStyle(p).overflowX;
            if (o === 'auto' || o === 'scroll') return p;
          }
          return null;
        }
        function visible(el) {
          var r = el.getBoundingClientRect(), cs = getComputedStyle(el);
          return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none'
            && r.left >= -0.5 && r.right <= vw + 0.5;
        }
        document.querySelectorAll('body *').forEach(function (el) {
          var r = el.getBoundingClientRect();
          if (r.width > 0 && r.right > vw + 0.5 && !scrollsInside(el)) {
            out.overflowing.push(el.tagName + (el.className ? '.' + el.className : '') + ' right=' + r.right);
          }
        });
        var must = Array.prototype.slice.call(document.querySelectorAll('h1, h2'));
        document.querySelectorAll('[data-metric^="total/"]').forEach(function (el) {
          if (!scrollsInside(el)) must.push(el);
        });
        out.checked = must.length;
        must.forEach(function (el) {
          if (!visible(el)) out.hidden.push(el.tagName + ' ' + (el.getAttribute('data-metric') || el.textContent));
        });
        document.querySelectorAll('table').forEach(function (t) {
          var w = scrollsInside(t);
          out.tables.push({wrapped: !!w, wrapperRight: w ? w.getBoundingClientRect().right : null,
            tableWidth: t.getBoundingClientRect().width});
        });
        out.scripts = document.getElementsByTagName('script').length;
        return JSON.stringify(out);
      })()""";

  /**
   * Lays the product page out at {@code width} px through the DevTools protocol (a phone, {@code mobile: true},
   * for widths under 600), and measures it with {@link #LAYOUT_PROBE}: nothing is added to the page, which
   * stays script-free. Chromium's own window cannot be narrower than 500 px, hence the emulation.
   */
  private static JsonNode layoutAt(int width) throws Exception {
    Path log = OUT.resolve("layout-" + width + ".stderr");
    List<String> command = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile.resolve("layout-" + width), "--hide-scrollbars", "--remote-debugging-port=0",
        "--remote-debugging-address=127.0.0.1", "--window-size=1280,1800", "about:blank");
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(log.toFile()).start();
    try {
      Matcher listening = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline && process.isAlive()) {
        Matcher m = Pattern.compile("DevTools listening on ws://([^/\\s]+)/").matcher(Files.readString(log));
        if (m.find()) {
          listening = m;
          break;
        }
        Thread.sleep(50);
      }
      assertThat(listening).as("Chromium's DevTools address in " + log).isNotNull();
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      JsonNode targets = new ObjectMapper().readTree(http.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://" + listening.group(1) + "/json/list")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body());
      String pageSocket = null;
      for (JsonNode t : targets) {
        if (t.path("type").asText().equals("page")) {
          pageSocket = t.get("webSocketDebuggerUrl").asText();
        }
      }
      assertThat(pageSocket).as("a page target in " + targets).isNotNull();
      try (DevTools devtools = DevTools.connect(http, pageSocket)) {
        devtools.call("Emulation.setDeviceMetricsOverride", "{\"width\": " + width + ", \"height\": 1800, "
            + "\"deviceScaleFactor\": 1, \"mobile\": " + (width < 600) + "}");
        devtools.call("Page.navigate", "{\"url\": " + new ObjectMapper().writeValueAsString(html.toUri().toString()) + "}");
        String state = "";
        while (!state.equals("complete") && System.nanoTime() < deadline) {
          Thread.sleep(50);
          state = devtools.evaluate("document.readyState + (document.querySelector('h1') ? '' : '-empty')");
        }
        assertThat(state).as("the page loaded").isEqualTo("complete");
        return new ObjectMapper().readTree(devtools.evaluate(LAYOUT_PROBE));
      }
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** A minimal DevTools protocol client over the JDK's WebSocket: one call at a time. */
  private static final class DevTools implements java.net.http.WebSocket.Listener, AutoCloseable {
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<Integer, java.util.concurrent.CompletableFuture<JsonNode>> pending =
        new java.util.concurrent.ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private java.net.http.WebSocket socket;
    private int next;

    static DevTools connect(java.net.http.HttpClient http, String url) throws Exception {
      DevTools d = new DevTools();
      d.socket = http.newWebSocketBuilder().buildAsync(java.net.URI.create(url), d).get(30, TimeUnit.SECONDS);
      return d;
    }

    JsonNode call(String method, String paramsJson) throws Exception {
      int id = ++next;
      java.util.concurrent.CompletableFuture<JsonNode> answer = new java.util.concurrent.CompletableFuture<>();
      pending.put(id, answer);
      socket.sendText("{\"id\": " + id + ", \"method\": \"" + method + "\", \"params\": " + paramsJson + "}", true)
          .get(30, TimeUnit.SECONDS);
      JsonNode reply = answer.get(60, TimeUnit.SECONDS);
      assertThat(reply.has("error")).as(method + " answered " + reply).isFalse();
      return reply.get("result");
    }

    /** The string value of a JavaScript expression in the page. */
    String evaluate(String expression) throws Exception {
      JsonNode result = call("Runtime.evaluate", "{\"expression\": " + mapper.writeValueAsString(expression)
          + ", \"returnByValue\": true}");
      assertThat(result.has("exceptionDetails")).as("the probe threw: " + result).isFalse();
      return result.get("result").get("value").asText();
    }

    @Override
    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data,
        boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = mapper.readTree(partial.toString());
          if (message.has("id")) {
            java.util.concurrent.CompletableFuture<JsonNode> f = pending.remove(message.get("id").asInt());
            if (f != null) {
              f.complete(message);
            }
          }
        } catch (IOException e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void close() {
      socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done");
    }
  }

  @Test
  void atPhoneWidthTheDocumentDoesNotScrollSidewaysAndHeadingsAndTotalsAreVisible() throws Exception {
    assumeChromium();
    JsonNode phone = layoutAt(390);

    // A phone widens its layout viewport to fit content that overflows, so a wider viewport is itself a failure.
    assertThat(phone.get("innerWidth").asInt()).as("viewport width: %s", phone).isEqualTo(390);
    assertThat(phone.get("scripts").asInt()).as("the page has no script").isZero();
    assertThat(phone.get("scrollWidth").asInt()).as("document width at 390 px: %s", phone)
        .isLessThanOrEqualTo(phone.get("innerWidth").asInt());
    assertThat(phone.get("overflowing")).as("elements wider than the screen outside a scrolling wrapper").isEmpty();
    assertThat(phone.get("checked").asInt()).as("headings and totals checked").isGreaterThan(10);
    assertThat(phone.get("hidden")).as("headings or totals cut off or hidden").isEmpty();
    assertThat(phone.get("tables")).isNotEmpty().allSatisfy(t -> {
      assertThat(t.get("wrapped").asBoolean()).as("every table scrolls inside its own wrapper").isTrue();
      assertThat(t.get("wrapperRight").asDouble()).isLessThanOrEqualTo(390.5);
    });
    // Some table is wider than the phone: the wrapper is what keeps the document from scrolling sideways.
    assertThat(phone.get("tables").findValues("tableWidth")).anySatisfy(w -> assertThat(w.asDouble()).isGreaterThan(390));
    Files.writeString(OUT.resolve("layout-390.json"), phone.toPrettyString());

    JsonNode desktop = layoutAt(1280);
    assertThat(desktop.get("innerWidth").asInt()).isEqualTo(1280);
    assertThat(desktop.get("scrollWidth").asInt()).isLessThanOrEqualTo(desktop.get("innerWidth").asInt());
    assertThat(desktop.get("hidden")).isEmpty();
  }
}
