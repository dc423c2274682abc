package dev.fairshift.signals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import okhttp3.Headers;

/** Fixtures, fake clocks and sleepers shared by the provider tests. */
final class ProviderTestSupport {
  private ProviderTestSupport() {
  }

  /** The text of {@code fixtures/<path>} on the test class path. */
  static String fixture(String path) {
    try (InputStream in = ProviderTestSupport.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("No fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON answer with status {@code code}. */
  static MockResponse json(int code, String body) {
    return new MockResponse(code, Headers.of("Content-Type", "application/json"), body);
  }

  /** A 200 JSON answer. */
  static MockResponse json(String body) {
    return json(200, body);
  }

  /** Records the waits it is asked for and returns at once. Thread-safe. */
  static final class RecordingSleeper implements Sleeper {
    private final List<Duration> waits = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
      waits.add(duration);
    }

    synchronized List<Duration> waits() {
      return List.copyOf(waits);
    }
  }

  /** A clock that stands still until advanced. Thread-safe. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    synchronized void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public synchronized Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
