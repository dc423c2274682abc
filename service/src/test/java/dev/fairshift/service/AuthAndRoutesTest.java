package dev.fairshift.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.core.FairshiftException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthAndRoutesTest extends ServiceTestBase {
  private static final String TOKEN = "0123456789abcdef0123456789abcdef";
  @TempDir Path dir;

  private Path tokenFile(String content, String permissions) throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  @Test
  void tokenIsRequiredOnEveryRequestButHealthAndReadiness() throws Exception {
    start(ServiceConfig.builder().token(AuthToken.fromFile(tokenFile(TOKEN + "\n", "rw-------")))
        .route("/metrics", r -> RouteResponse.text(RouteResponse.PROMETHEUS_TEXT, "up 1\n")));

    assertThat(client.get("/v1/health").statusCode()).isEqualTo(200);
    assertThat(client.get("/v1/ready").statusCode()).isEqualTo(200);
    HttpResponse<String> missing = client.post("/v1/schedule", TestProblems.SMALL);
    FairshiftServiceTest.assertErrorJson(missing, 401);
    assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    FairshiftServiceTest.assertErrorJson(client.get("/metrics"), 401);
    FairshiftServiceTest.assertErrorJson(client.get("/v1/solves"), 401);
    // Unknown paths too: nothing about the API is revealed without the token.
    FairshiftServiceTest.assertErrorJson(client.get("/nothing"), 401);

    client.token = TOKEN.substring(1) + "0";
    HttpResponse<String> wrong = client.post("/v1/schedule", TestProblems.SMALL);
    FairshiftServiceTest.assertErrorJson(wrong, 401);
    assertThat(wrong.body()).doesNotContain(TOKEN, client.token);
    client.token = TOKEN.substring(0, 20);
    FairshiftServiceTest.assertErrorJson(client.post("/v1/schedule", TestProblems.SMALL), 401);

    client.token = TOKEN;
    assertThat(client.post("/v1/schedule", TestProblems.SMALL).statusCode()).isEqualTo(200);
    assertThat(client.get("/metrics").body()).isEqualTo("up 1\n");
  }

  @Test
  void refusalBeforeTheBodyIsReadStillReadsItAndKeepsTheConnection() throws Exception {
    start(ServiceConfig.builder().token(AuthToken.fromFile(tokenFile(TOKEN + "\n", "rw-------"))));
    byte[] body = TestProblems.SMALL.getBytes(StandardCharsets.UTF_8);
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", service.port())) {
      socket.setSoTimeout(10_000);
      java.io.OutputStream out = socket.getOutputStream();
      // the head first, the body a moment later (as a client under load may send them): the 401 is decided
      // before the body arrives, and the body must be read rather than left to reset the connection
      out.write(("POST /v1/schedule HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(300);
      out.write(body);
      out.flush();
      java.io.InputStream in = socket.getInputStream();
      String first = readResponse(in);
      assertThat(first).startsWith("HTTP/1.1 401").doesNotContainIgnoringCase("connection: close");
      // the same connection answers the next request
      out.write("GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
    }
  }

  /** One response with a Content-Length from {@code in}, leaving the connection open. */
  private static String readResponse(java.io.InputStream in) throws java.io.IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      assertThat(c).as("the connection closed after %s", head).isNotNegative();
      head.append((char) c);
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *([0-9]+)").matcher(head);
    assertThat(m.find()).as("a Content-Length in %s", head).isTrue();
    in.readNBytes(Integer.parseInt(m.group(1)));
    return head.toString();
  }

  @Test
  void bindingEveryInterfaceWorksWithAToken() throws Exception {
    start(ServiceConfig.builder().host("0.0.0.0").token(AuthToken.fromEnvironment("FS_TOKEN", Map.of("FS_TOKEN", TOKEN))));
    client.token = TOKEN;

    assertThat(client.post("/v1/schedule", TestProblems.SMALL).statusCode()).isEqualTo(200);
    client.token = null;
    FairshiftServiceTest.assertErrorJson(client.post("/v1/schedule", TestProblems.SMALL), 401);
  }

  @Test
  void tokenSourcesRefuseBadTokensWithoutEchoingThem() throws Exception {
    assertThatThrownBy(() -> AuthToken.fromFile(tokenFile(TOKEN, "rw-r--r--")))
        .isInstanceOf(FairshiftException.class).hasMessageContaining("chmod 600").hasMessageNotContaining(TOKEN);
    assertThatThrownBy(() -> AuthToken.fromFile(tokenFile("short-secret", "rw-------")))
        .hasMessageContaining("at least 16").hasMessageNotContaining("short-secret");
    assertThatThrownBy(() -> AuthToken.fromFile(tokenFile("two words here and more", "rw-------")))
        .hasMessageContaining("whitespace").hasMessageNotContaining("words");
    assertThatThrownBy(() -> AuthToken.fromFile(tokenFile("", "rw-------"))).hasMessageContaining("no token");
    assertThatThrownBy(() -> AuthToken.fromFile(dir.resolve("absent"))).hasMessageContaining("openssl rand");
    assertThatThrownBy(() -> AuthToken.fromFile(dir)).hasMessageContaining("not a regular file");
    assertThatThrownBy(() -> AuthToken.fromEnvironment("FS_TOKEN", Map.of())).hasMessageContaining("FS_TOKEN is not set");

    AuthToken token = AuthToken.fromEnvironment("FS_TOKEN", Map.of("FS_TOKEN", " " + TOKEN + "\n"));
    assertThat(token.matches(TOKEN)).isTrue();
    assertThat(token.matches(TOKEN + "x")).isFalse();
    assertThat(token.matches("")).isFalse();
    assertThat(token.matches(null)).isFalse();
    assertThat(token.toString()).isEqualTo("AuthToken[environment variable FS_TOKEN]").doesNotContain(TOKEN);
    ServiceConfig config = ServiceConfig.builder().token(token).build();
    assertThat(config.toString()).doesNotContain(TOKEN);
  }

  @Test
  void mountedRoutesAnswerGetAndHeadAndTurnFailuresIntoTheErrorJson() throws Exception {
    AtomicReference<RouteRequest> seen = new AtomicReference<>();
    start(ServiceConfig.builder()
        .route("/metrics", r -> {
          seen.set(r);
          return RouteResponse.text(RouteResponse.PROMETHEUS_TEXT, "fairshift_up 1\n");
        })
        .route("/transparency", r -> {
          throw new RouteException(404, "No plan yet. Maybe wait for the first planning round.");
        })
        .route("/broken", r -> {
          throw new IllegalStateException("secret internal state at com.example.Thing");
        }));

    HttpResponse<String> metrics = client.get("/metrics?name=a&name=b");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValue(RouteResponse.PROMETHEUS_TEXT);
    assertThat(metrics.body()).isEqualTo("fairshift_up 1\n");
    assertThat(seen.get().query()).containsEntry("name", java.util.List.of("a", "b"));
    assertThat(seen.get().requestId()).isEqualTo(metrics.headers().firstValue("X-Request-Id").orElseThrow());
    assertThat(client.send(client.request("/metrics").method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()))
        .statusCode()).isEqualTo(200);
    FairshiftServiceTest.assertErrorJson(client.post("/metrics", "{}"), 405);

    assertThat(FairshiftServiceTest.assertErrorJson(client.get("/transparency"), 404).toString()).contains("No plan yet");
    HttpResponse<String> broken = client.get("/broken");
    FairshiftServiceTest.assertErrorJson(broken, 500);
    assertThat(broken.body()).doesNotContain("secret", "IllegalState", "com.example")
        .contains(broken.headers().firstValue("X-Request-Id").orElseThrow());
    // The 404 of an unknown path lists the mounted routes.
    assertThat(client.get("/nothing").body()).contains("GET /metrics", "GET /transparency");
  }

  @Test
  void routePathsAreValidated() {
    RouteHandler h = r -> RouteResponse.json("{}");
    assertThatThrownBy(() -> ServiceConfig.builder().route("/v1/metrics", h)).hasMessageContaining("/v1/");
    assertThatThrownBy(() -> ServiceConfig.builder().route("metrics", h)).hasMessageContaining("start with '/'");
    assertThatThrownBy(() -> ServiceConfig.builder().route("/a/../b", h)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServiceConfig.builder().route("/m", h).route("/m", h)).hasMessageContaining("twice");
    assertThatThrownBy(() -> new RouteResponse(500, "text/plain", new byte[0])).hasMessageContaining("RouteException");
    assertThatThrownBy(() -> ServiceConfig.builder().port(70000)).hasMessageContaining("0 to 65535");
    assertThatThrownBy(() -> ServiceConfig.builder().maxTimeLimit(java.time.Duration.ZERO)).hasMessageContaining("positive");
    assertThatThrownBy(() -> ServiceConfig.builder().maxTimeLimit(java.time.Duration.ofSeconds(5)).build())
        .hasMessageContaining("defaultTimeLimit");
  }
}
