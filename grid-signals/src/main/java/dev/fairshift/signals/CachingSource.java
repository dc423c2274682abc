package dev.fairshift.signals;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Remembers another source's answers for a while, per zone, interval and kind (history or
 * forecast), so repeated planning runs do not spend a provider's rate limit. Built on
 * <a href="https://github.com/ben-manes/caffeine">Caffeine</a>.
 *
 * <pre>{@code
 * CachingSource cached = CachingSource.of(electricityMaps, Duration.ofMinutes(15), 1_000, Clock.systemUTC());
 * }</pre>
 *
 * <p>An answer is served from the cache until {@code ttl} has passed on the injected clock, counted
 * from when the answer arrived. At most {@code maxEntries} answers are kept; beyond that Caffeine
 * evicts by its size policy (W-TinyLFU: rarely used entries first, which approximates LRU).
 *
 * <p><b>Single flight:</b> callers that miss the same key at the same time make one call to the
 * delegate, in the thread of the first of them; the others wait for its answer (or its exception,
 * which they get too). Calls for different keys never wait for each other. Failures are not
 * cached: the next caller after a failure asks again. {@link #name()} and the series'
 * {@code source()} stay the delegate's: caching does not change where the data came from.
 * Thread-safe.
 */
public final class CachingSource implements CarbonIntensitySource {

  private enum Kind { HISTORY, FORECAST }

  private record Key(String zone, Instant from, Instant to, Kind kind) {
  }

  private final CarbonIntensitySource delegate;
  private final Duration ttl;
  private final int maxEntries;
  private final AsyncCache<Key, IntensitySeries> cache;

  private CachingSource(CarbonIntensitySource delegate, Duration ttl, int maxEntries, Clock clock) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("Cache ttl for source '" + delegate.name() + "' must be positive "
          + "but was " + ttl + ". Maybe use Duration.ofMinutes(15).");
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("Cache maxEntries for source '" + delegate.name()
          + "' must be at least 1 but was " + maxEntries + ". Maybe use 1000.");
    }
    this.maxEntries = maxEntries;
    this.cache = Caffeine.newBuilder()
        .expireAfterWrite(ttl)
        .maximumSize(maxEntries)
        .ticker(ticker(clock))
        .executor(Runnable::run) // maintenance in the caller's thread: no background threads
        .buildAsync();
  }

  /** Nanoseconds on {@code clock}, counted from its reading now (so far instants cannot overflow). */
  private static Ticker ticker(Clock clock) {
    Instant origin = clock.instant();
    return () -> {
      Duration elapsed = Duration.between(origin, clock.instant());
      try {
        return elapsed.toNanos();
      } catch (ArithmeticException e) {
        return elapsed.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
      }
    };
  }

  /**
   * Caches {@code delegate}'s answers for {@code ttl} (positive), keeping at most
   * {@code maxEntries} (at least 1), timed by {@code clock}.
   */
  public static CachingSource of(CarbonIntensitySource delegate, Duration ttl, int maxEntries, Clock clock) {
    return new CachingSource(delegate, ttl, maxEntries, clock);
  }

  /** The delegate's name. */
  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public IntensitySeries history(String zone, Instant from, Instant to) {
    return lookup(new Key(zone, from, to, Kind.HISTORY), () -> delegate.history(zone, from, to));
  }

  @Override
  public IntensitySeries forecast(String zone, Instant from, Instant to) {
    return lookup(new Key(zone, from, to, Kind.FORECAST), () -> delegate.forecast(zone, from, to));
  }

  /** How many answers are cached now (in-flight calls included), after dropping expired ones. */
  public int size() {
    cache.synchronous().cleanUp();
    return (int) cache.synchronous().estimatedSize();
  }

  /** Forgets every cached answer; calls in flight still answer their waiting callers. */
  public void invalidateAll() {
    cache.synchronous().invalidateAll();
  }

  private IntensitySeries lookup(Key key, Supplier<IntensitySeries> fetch) {
    Objects.requireNonNull(key.zone(), "zone");
    Objects.requireNonNull(key.from(), "from");
    Objects.requireNonNull(key.to(), "to");
    CompletableFuture<IntensitySeries> mine = new CompletableFuture<>();
    CompletableFuture<IntensitySeries> existing = cache.asMap().putIfAbsent(key, mine);
    if (existing == null) {
      try {
        IntensitySeries series = Objects.requireNonNull(fetch.get(), "the delegate answered null");
        mine.complete(series);
        return series;
      } catch (RuntimeException | Error e) {
        mine.completeExceptionally(e); // Caffeine drops a failed future: failures are not cached
        cache.asMap().remove(key, mine);
        throw e;
      }
    }
    return await(key, existing);
  }

  private IntensitySeries await(Key key, CompletableFuture<IntensitySeries> flight) {
    try {
      return flight.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderUnavailableException(delegate.name(), key.zone(), key.from(), key.to(),
          OptionalInt.empty(), 0, "interrupted while waiting for another caller's identical request. "
          + "Maybe the application is shutting down.", null);
    } catch (CancellationException e) {
      throw new GridSignalException("Source '" + delegate.name() + "': the identical request this call "
          + "waited for was cancelled. Maybe try again.", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new GridSignalException("Source '" + delegate.name() + "' failed: " + cause, cause);
    }
  }

  @Override
  public String toString() {
    return "CachingSource{" + delegate.name() + ", ttl=" + ttl + ", maxEntries=" + maxEntries + "}";
  }
}
