package dev.fairshift.signals.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private static final String SECRET = "s3cr/et+Key=ü";
  private final Redactor redactor = Redactor.of(() -> List.of(SECRET));

  private static String jsonUnicode(String s) {
    StringBuilder out = new StringBuilder();
    s.chars().forEach(c -> out.append(String.format(Locale.ROOT, "\\u%04X", c)));
    return out.toString();
  }

  private static String percentAll(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      out.append(String.format(Locale.ROOT, "%%%02x", b & 0xff));
    }
    return out.toString();
  }

  @Test
  void clean_masksEveryEchoedForm() {
    List<String> forms = List.of(
        SECRET,
        SECRET.toUpperCase(Locale.ROOT),
        SECRET.replace("/", "\\/"),
        jsonUnicode(SECRET),
        URLEncoder.encode(SECRET, StandardCharsets.UTF_8),
        percentAll(SECRET),
        percentAll(SECRET).replace("%", "%25"),
        "s3c\n  r/e\tt+K e y=ü",
        "&#115;&#x33;cr/et+Key&#61;&uuml;".replace("&uuml;", "ü"));
    for (String form : forms) {
      String cleaned = redactor.clean("before \"" + form + "\" after");
      assertThat(cleaned).as(form).isEqualTo("before \"***\" after");
    }
  }

  @Test
  void clean_leavesOtherTextAlone_andEscapesControlCharacters() {
    assertThat(redactor.clean("zone 'DE' at 2024-05-01T00:00Z: 42%")).isEqualTo("zone 'DE' at 2024-05-01T00:00Z: 42%");
    assertThat(redactor.clean("bell\u0007 esc\u001b[31m rtl\u202e")).isEqualTo("bell\\u0007 esc\\u001b[31m rtl\\u202e");
    assertThat(Redactor.none().clean("a\u0000b")).isEqualTo("a\\u0000b");
  }

  @Test
  void clip_masksTheBeginningOfASecretLeftAtTheCut() {
    String text = "x".repeat(30) + SECRET + " tail";
    for (int max = 31; max < 30 + SECRET.length(); max++) {
      String clipped = redactor.clip(text, max);
      assertThat(clipped).as("cut at %d", max).doesNotContain("s3");
    }
    for (int k = 2; k < SECRET.length(); k++) {
      String prefix = SECRET.substring(0, k);
      assertThat(redactor.clip("x".repeat(30) + prefix, 240, true)).as(prefix).isEqualTo("x".repeat(30) + "***...");
    }
    assertThat(redactor.clip("short", 240)).isEqualTo("short");
    assertThat(redactor.clip("peeked " + SECRET.substring(0, 5), 240, true)).isEqualTo("peeked ***...");
  }

  @Test
  void cause_keepsACleanChain_andRebuildsOneThatWouldLeak() {
    IOException clean = new SocketTimeoutException("timeout");
    assertThat(redactor.cause(clean)).isSameAs(clean);

    IOException leaking = new IOException("wrapper", new ProtocolException("Unexpected status line: HTTP/1.1 200 "
        + URLEncoder.encode(SECRET, StandardCharsets.UTF_8)));
    Throwable rebuilt = redactor.cause(leaking);
    assertThat(rebuilt).isInstanceOf(Redactor.RedactedException.class).hasMessage("java.io.IOException: wrapper");
    assertThat(rebuilt.getCause()).hasMessage("java.net.ProtocolException: Unexpected status line: HTTP/1.1 200 ***");
    assertThat(rebuilt.getCause().getStackTrace()).isEqualTo(leaking.getCause().getStackTrace());
  }

  @Test
  void secrets_areReadAtEachCall() {
    String[] current = {"first-token-123"};
    Redactor changing = Redactor.of(() -> List.of(current[0]));
    assertThat(changing.clean("t=first-token-123")).isEqualTo("t=***");
    current[0] = "second-token-456";
    assertThat(changing.clean("t=second-token-456 t=first-token-123")).isEqualTo("t=*** t=first-token-123");
  }
}
