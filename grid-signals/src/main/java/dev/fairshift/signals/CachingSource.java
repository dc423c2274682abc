package dev.fairshift.signals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Remembers another source's answers for a while, per zone, interval and kind (history or
 * forecast), so repeated planning runs do not spend a provider's rate limit.
 *
 * <pre>{@code
 * CachingSource cached = CachingSource.of(electricityMaps, Duration.ofMinutes(15), 1_000, Clock.systemUTC());
 * }</pre>
 *
 * <p>An answer is served from the cache until {@code ttl} has passed on the injected clock; at
 * most {@code maxEntries} answers are kept, the least recently used going first. Failures are
 * not cached. Two threads missing the same key at once may both ask the delegate; the last answer
 * is kept. {@link #name()} and the series' {@code source()} stay the delegate's: caching does not
 * change where the data came from. Thread-safe.
 */
public final class CachingSource implements CarbonIntensitySource {

  private enum Kind { HISTORY, FORECAST }

  private record Key(String zone, Instant from, Instant to, Kind kind) {
  }

  private record Entry(IntensitySeries series, Instant expiresAt) {
  }

  private final CarbonIntensitySource delegate;
  private final Duration ttl;
  private final int maxEntries;
  private final Clock clock;
  private final LinkedHashMap<Key, Entry> entries;

  private CachingSource(CarbonIntensitySource delegate, Duration ttl, int maxEntries, Clock clock) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("Cache ttl for source '" + delegate.name() + "' must be positive "
          + "but was " + ttl + ". Maybe use Duration.ofMinutes(15).");
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("Cache maxEntries for source '" + delegate.name()
          + "' must be at least 1 but was " + maxEntries + ". Maybe use 1000.");
    }
    this.maxEntries = maxEntries;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
        return size() > CachingSource.this.maxEntries;
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

  /** How many answers are cached now, expired ones included until they are next looked up. */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  /** Forgets every cached answer. */
  public void invalidateAll() {
    synchronized (entries) {
      entries.clear();
    }
  }

  private IntensitySeries lookup(Key key, Supplier<IntensitySeries> fetch) {
    Objects.requireNonNull(key.zone(), "zone");
    Objects.requireNonNull(key.from(), "from");
    Objects.requireNonNull(key.to(), "to");
    synchronized (entries) {
      Entry entry = entries.get(key);
      if (entry != null) {
        if (clock.instant().isBefore(entry.expiresAt())) {
          return entry.series();
        }
        entries.remove(key);
      }
    }
    IntensitySeries series = fetch.get();
    synchronized (entries) {
      entries.put(key, new Entry(series, clock.instant().plus(ttl)));
    }
    return series;
  }

  @Override
  public String toString() {
    return "CachingSource{" + delegate.name() + ", ttl=" + ttl + ", maxEntries=" + maxEntries + "}";
  }
}
