package dev.fairshift.signals;

import static dev.fairshift.signals.ProviderTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okio.Buffer;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every call is bounded in time and memory: a trickling answer ends at the call timeout, a huge
 * one at {@code maxResponseBytes} (declared, streamed or decompressed), each with a typed error,
 * and retries never wait past the call timeout.
 */
class LimitsTest {
  private static final long FIFTY_MB = 50L << 20;

  private final MockWebServer server = new MockWebServer();
  private final AtomicLong written = new AtomicLong();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static java.util.List<ProviderCase> providers() {
    return ProviderCase.all();
  }

  private void serve(ProviderCase provider, MockResponse data) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return provider.login() && request.getUrl().encodedPath().equals("/login")
            ? json(ProviderCase.loginAnswer()) : data;
      }
    });
  }

  /** 50 MB of a JSON array that never ends, streamed in 64 KiB chunks, counting what was written. */
  private MockResponseBody endlessJson(boolean chunked) {
    return new MockResponseBody() {
      @Override
      public long getContentLength() {
        return chunked ? -1 : FIFTY_MB;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        byte[] chunk = ("[" + "0,".repeat(32 * 1024 - 1)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (long sent = 0; sent < FIFTY_MB; sent += chunk.length) {
          if (chunked) {
            sink.writeUtf8(Integer.toHexString(chunk.length)).writeUtf8("\r\n");
          }
          sink.write(chunk);
          if (chunked) {
            sink.writeUtf8("\r\n");
          }
          sink.flush();
          written.addAndGet(chunk.length);
        }
        if (chunked) {
          sink.writeUtf8("0\r\n\r\n");
        }
      }
    };
  }

  private static void assertTooLarge(Throwable thrown, ProviderCase provider) {
    assertThat(thrown).as(provider.name()).isInstanceOfSatisfying(MalformedResponseException.class, e -> {
      assertThat(e.provider()).isEqualTo(provider.name());
      assertThat(e.zone()).isEqualTo(provider.zone());
      assertThat(e.getMessage()).contains("larger than maxResponseBytes (" + ProviderConfig.DEFAULT_MAX_RESPONSE_BYTES);
    });
  }

  @ParameterizedTest
  @MethodSource("providers")
  void fiftyMegabytes_streamedWithoutLength_stopAtTheLimit(ProviderCase provider) {
    serve(provider, new MockResponse.Builder().addHeader("Transfer-Encoding", "chunked")
        .addHeader("Content-Type", "application/json").body(endlessJson(true)).build());

    Throwable thrown = catchThrowable(() -> provider.source(server).history(provider.zone(), provider.from(), provider.to()));

    assertTooLarge(thrown, provider);
    assertThat(written.get()).as("bytes the server got out before the client hung up").isLessThan(FIFTY_MB / 2);
  }

  @ParameterizedTest
  @MethodSource("providers")
  void fiftyMegabytes_declared_areRefusedBeforeReading(ProviderCase provider) {
    serve(provider, new MockResponse.Builder().addHeader("Content-Type", "application/json")
        .body(endlessJson(false)).build());

    Throwable thrown = catchThrowable(() -> provider.source(server).history(provider.zone(), provider.from(), provider.to()));

    assertTooLarge(thrown, provider);
    assertThat(written.get()).isLessThan(FIFTY_MB / 2);
  }

  @Test
  void gzipBomb_isMeasuredAfterDecompression() throws IOException {
    Buffer compressed = new Buffer();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed.outputStream())) {
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 50; i++) {
        gzip.write(spaces);
      }
    }
    assertThat(compressed.size()).isLessThan(1 << 20);
    ProviderCase uk = ProviderCase.UK;
    serve(uk, new MockResponse.Builder().addHeader("Content-Encoding", "gzip")
        .addHeader("Content-Type", "application/json").body(compressed).build());

    assertTooLarge(catchThrowable(() -> uk.source(server).history(uk.zone(), uk.from(), uk.to())), uk);
  }

  @Test
  void maxResponseBytes_isConfigurable() {
    ProviderCase uk = ProviderCase.UK;
    serve(uk, json(uk.fixture() + " ".repeat(2048)));

    Throwable thrown = catchThrowable(() -> uk.source(server, b -> b.maxResponseBytes(1024)).history(uk.zone(), uk.from(), uk.to()));
    assertThat(thrown).isInstanceOf(MalformedResponseException.class).hasMessageContaining("(1024 bytes)");

    assertThat(uk.source(server, b -> b.maxResponseBytes(uk.fixture().length() + 2048))
        .history(uk.zone(), uk.from(), uk.to()).points()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("providers")
  void trickle_endsAtTheCallTimeout(ProviderCase provider) {
    String body = provider.fixture() + " ".repeat(20_000);
    serve(provider, new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body)
        .throttleBody(64, 50, TimeUnit.MILLISECONDS).build());
    Duration callTimeout = Duration.ofMillis(800);
    long started = System.nanoTime();

    Throwable thrown = catchThrowable(() -> provider.source(server, b -> b.callTimeout(callTimeout)
        .readTimeout(Duration.ofSeconds(30))).history(provider.zone(), provider.from(), provider.to()));

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(thrown).isInstanceOfSatisfying(ProviderUnavailableException.class, e -> {
      assertThat(e.provider()).isEqualTo(provider.name());
      assertThat(e.statusCode()).isEmpty();
      assertThat(e.getMessage()).contains("no complete answer within the call timeout of PT0.8S");
    });
    // Far below the ~18 s the trickle would take; a bound against hanging, not a performance test.
    assertThat(took).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void retryWait_beyondTheCallTimeout_isNotStarted() {
    ProviderCase uk = ProviderCase.UK;
    serve(uk, new MockResponse(503, Headers.of("Retry-After", "30"), "{}"));
    ProviderTestSupport.RecordingSleeper sleeper = new ProviderTestSupport.RecordingSleeper();

    Throwable thrown = catchThrowable(() -> uk.source(server, b -> b.callTimeout(Duration.ofSeconds(5))
        .retryPolicy(RetryPolicy.defaults()).sleeper(sleeper)).history(uk.zone(), uk.from(), uk.to()));

    assertThat(thrown).isInstanceOfSatisfying(ProviderUnavailableException.class, e -> {
      assertThat(e.attempts()).isEqualTo(1);
      assertThat(e.getMessage()).contains("HTTP 503").contains("no time left within the call timeout of PT5S");
    });
    assertThat(sleeper.waits()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void defaults_boundEveryCall() {
    ProviderConfig config = UkCarbonIntensityConfig.defaults();
    assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.maxResponseBytes()).isEqualTo(16L << 20);
    assertThat(catchThrowable(() -> UkCarbonIntensityConfig.builder().maxResponseBytes(10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1024");
  }
}
