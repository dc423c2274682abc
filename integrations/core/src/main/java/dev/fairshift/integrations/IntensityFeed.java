package dev.fairshift.integrations;

import dev.fairshift.core.Horizon;
import dev.fairshift.core.SignalKind;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.signals.CarbonIntensitySource;
import dev.fairshift.signals.CarbonIntensitySources;
import dev.fairshift.signals.ElectricityMapsConfig;
import dev.fairshift.signals.EmbeddedData;
import dev.fairshift.signals.FallbackSource;
import dev.fairshift.signals.GapPolicy;
import dev.fairshift.signals.IntensitySeries;
import dev.fairshift.signals.ResampledSeries;
import dev.fairshift.signals.Resampler;
import dev.fairshift.signals.UkCarbonIntensityConfig;
import dev.fairshift.signals.forecast.Forecaster;
import dev.fairshift.signals.forecast.Forecasts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Carbon intensities for the loop, which never fails: it walks down a chain until something answers and says
 * which step did ({@link ZoneSignal#source()}, {@link ZoneSignal#degraded()}).
 *
 * <p>For a planning horizon, per zone:
 * <ol>
 *   <li>the sources' <b>forecast</b> (providers that forecast), if it covers at least 90% of the horizon;
 *   <li>the sources' <b>known values</b> over the horizon (a file holding future values, such as a tariff-like
 *       synthetic series in tests), if they cover at least 90%;
 *   <li>a <b>forecast</b> made by the configured {@link Forecaster} from the sources' history before now
 *       (named e.g. {@code forecast:seasonal-naive(ukcarbonintensity)});
 *   <li>the <b>last good answer</b> of steps 1 to 3 for the zone, when it still covers at least 90% of the
 *       horizon (shifted to now, its last value repeated at the end): degraded, and said so;
 *   <li>the <b>embedded real data</b> ({@link EmbeddedData}) of the same hours 52, 104, ... weeks earlier (the
 *       weekday kept), the first such year the data covers: degraded, and said so;
 *   <li>a <b>flat</b> series (no carbon preference; jobs still run in time): degraded, and said so.
 * </ol>
 * The sources are asked through a {@link FallbackSource} (in configured order) behind a cache
 * ({@link CarbonIntensitySources#cached}). For accounting what already ran, {@link #actual} takes the
 * sources' history, then the embedded data, then flat. Thread-safe when the sources are.
 */
public final class IntensityFeed {

  private static final double MIN_COVERAGE = 0.9;
  private static final int MAX_YEARS_BACK = 8;
  private static final Duration FIFTY_TWO_WEEKS = Duration.ofDays(364);

  private final Optional<CarbonIntensitySource> sources;
  private final Forecaster forecaster;
  private final String forecasterName;
  private final boolean embeddedFallback;
  private final Resampler resampler = Resampler.of(GapPolicy.FILL_LINEAR);
  private final Map<String, LastGood> lastGood = new ConcurrentHashMap<>();

  /** The last forecast that came from the sources, per zone. */
  private record LastGood(Horizon horizon, double[] values, String source) {
  }

  private IntensityFeed(Optional<CarbonIntensitySource> sources, Forecaster forecaster, String forecasterName,
      boolean embeddedFallback) {
    this.sources = Objects.requireNonNull(sources, "sources");
    this.forecaster = Objects.requireNonNull(forecaster, "forecaster");
    this.forecasterName = Objects.requireNonNull(forecasterName, "forecasterName");
    this.embeddedFallback = embeddedFallback;
  }

  /**
   * A feed over {@code source} (already chained and cached as the caller likes; empty for none).
   *
   * @param forecasterName {@code persistence}, {@code seasonal-naive} or {@code regression}
   */
  public static IntensityFeed of(Optional<CarbonIntensitySource> source, String forecasterName,
      boolean embeddedFallback) {
    return new IntensityFeed(source, forecaster(forecasterName), forecasterName, embeddedFallback);
  }

  /**
   * The feed the configuration describes: its sources in order behind a fallback chain and a cache timed by
   * {@code clock}. {@code env} looks up environment variables (API tokens), e.g. {@code System::getenv}.
   *
   * @throws ConfigException a file source cannot be read, or a token variable is not set
   */
  public static IntensityFeed fromConfig(LoopConfig.IntensityConfig config, Clock clock,
      Function<String, String> env) {
    List<CarbonIntensitySource> members = new ArrayList<>();
    for (LoopConfig.SourceConfig s : config.sources()) {
      members.add(source(s, env));
    }
    Optional<CarbonIntensitySource> chain = Optional.empty();
    if (!members.isEmpty()) {
      CarbonIntensitySource fallback = FallbackSource.of(SignalKind.AVERAGE, members);
      chain = Optional.of(CarbonIntensitySources.cached(fallback, config.cacheFor(), 10_000, clock));
    }
    return of(chain, config.forecaster(), config.embeddedFallback());
  }

  private static CarbonIntensitySource source(LoopConfig.SourceConfig s, Function<String, String> env) {
    try {
      switch (s.type()) {
        case "csv":
          return CarbonIntensitySources.csv(Path.of(s.path().orElseThrow()));
        case "json":
          return CarbonIntensitySources.json(Path.of(s.path().orElseThrow()));
        case "ukcarbonintensity":
          return CarbonIntensitySources.ukCarbonIntensity(UkCarbonIntensityConfig.defaults());
        case "electricitymaps": {
          String var = s.tokenEnv().orElseThrow();
          String token = env.apply(var);
          if (token == null || token.isBlank()) {
            throw new ConfigException("intensity source electricitymaps: environment variable " + var
                + " is not set. Maybe export it before starting the loop, or remove this source.", null);
          }
          return CarbonIntensitySources.electricityMaps(ElectricityMapsConfig.builder(token).build());
        }
        default:
          throw new ConfigException("intensity source type '" + s.type() + "' is unknown.", null);
      }
    } catch (dev.fairshift.signals.GridSignalException e) {
      throw new ConfigException("intensity source " + s.type() + s.path().map(p -> " " + p).orElse("")
          + " cannot be used: " + e.getMessage(), e);
    }
  }

  private static Forecaster forecaster(String name) {
    switch (name) {
      case "persistence":
        return Forecaster.persistence();
      case "seasonal-naive":
        return Forecaster.seasonalNaive(Duration.ofDays(1));
      case "regression":
        return Forecaster.regression(Duration.ofDays(28));
      default:
        throw new IllegalArgumentException("forecaster '" + name + "' is unknown; use persistence,"
            + " seasonal-naive or regression.");
    }
  }

  /** What to plan {@code zone} on over {@code horizon} (which starts now). Never throws for data failures. */
  public ZoneSignal forecast(String zone, Horizon horizon) {
    ZoneSignal z = fromSources(zone, horizon);
    if (!z.degraded()) {
      lastGood.put(zone, new LastGood(horizon, z.intensity().gramsPerKwh().toArray(horizon.slots()), z.source()));
      return z;
    }
    LastGood last = lastGood.get(zone);
    if (last != null && last.horizon().slotLength().equals(horizon.slotLength())
        && !horizon.start().isBefore(last.horizon().start())) {
      long shift = java.time.Duration.between(last.horizon().start(), horizon.start()).toSeconds()
          / horizon.slotLength().toSeconds();
      long covered = last.values().length - shift;
      if (covered >= MIN_COVERAGE * horizon.slots()) {
        double[] values = new double[horizon.slots()];
        for (int s = 0; s < values.length; s++) {
          values[s] = last.values()[(int) Math.min(shift + s, last.values().length - 1)];
        }
        return new ZoneSignal(ZoneIntensity.of(zone, SlotSeries.of(values)), "last good " + last.source()
            + " of " + last.horizon().start(), true, z.note().replace("; planning without a carbon signal for "
            + zone + ", jobs still run in time", ""));
      }
    }
    return z;
  }

  private ZoneSignal fromSources(String zone, Horizon horizon) {
    List<String> skipped = new ArrayList<>();
    if (sources.isPresent()) {
      CarbonIntensitySource src = sources.get();
      try {
        IntensitySeries f = src.forecast(zone, horizon.start(), horizon.end());
        Optional<ZoneSignal> s = covering(zone, f, horizon, "forecast:" + f.source(), skipped);
        if (s.isPresent()) {
          return s.get();
        }
      } catch (RuntimeException e) {
        skipped.add("forecast: " + firstLine(e));
      }
      try {
        IntensitySeries h = src.history(zone, horizon.start(), horizon.end());
        Optional<ZoneSignal> s = covering(zone, h, horizon, h.source() + " (known values)", skipped);
        if (s.isPresent()) {
          return s.get();
        }
      } catch (RuntimeException e) {
        skipped.add("known values: " + firstLine(e));
      }
      try {
        IntensitySeries f = Forecasts.forecast(src, zone, horizon, forecaster, resampler);
        double[] values = onSlots(f, horizon);
        if (!usable(values)) {
          throw new IllegalArgumentException("the forecast has values that are not finite or negative");
        }
        return new ZoneSignal(ZoneIntensity.of(zone, SlotSeries.of(values)),
            f.source(), false, String.join("; ", skipped));
      } catch (RuntimeException e) {
        skipped.add(forecasterName + " forecast: " + firstLine(e));
      }
    } else {
      skipped.add("no intensity sources configured");
    }
    return standIn(zone, horizon, skipped);
  }

  /** What {@code zone} actually was over {@code horizon} (in the past), for accounting what ran. */
  public ZoneSignal actual(String zone, Horizon horizon) {
    List<String> skipped = new ArrayList<>();
    if (sources.isPresent()) {
      try {
        IntensitySeries h = sources.get().history(zone, horizon.start(), horizon.end());
        Optional<ZoneSignal> s = covering(zone, h, horizon, h.source(), skipped);
        if (s.isPresent()) {
          return s.get();
        }
      } catch (RuntimeException e) {
        skipped.add("history: " + firstLine(e));
      }
    } else {
      skipped.add("no intensity sources configured");
    }
    return standIn(zone, horizon, skipped);
  }

  private ZoneSignal standIn(String zone, Horizon horizon, List<String> skipped) {
    if (embeddedFallback) {
      for (int years = 1; years <= MAX_YEARS_BACK; years++) {
        Duration back = FIFTY_TWO_WEEKS.multipliedBy(years);
        Horizon then = new Horizon(horizon.start().minus(back), horizon.slotLength(), horizon.slots());
        try {
          IntensitySeries h = EmbeddedData.source().history(zone, then.start(), then.end());
          ResampledSeries r = resampler.resample(h, then);
          if (r.gapSlots() > horizon.slots() * (1 - MIN_COVERAGE)) {
            continue;
          }
          Instant from = then.start();
          return new ZoneSignal(ZoneIntensity.of(zone, r.gramsPerKwh()),
              h.source() + " from " + from.toString().substring(0, 10) + " (same weekday, " + years * 52
                  + " weeks earlier)", true, String.join("; ", skipped));
        } catch (RuntimeException e) {
          if (years == MAX_YEARS_BACK) {
            skipped.add("embedded data: " + firstLine(e));
          }
        }
      }
    }
    return new ZoneSignal(ZoneIntensity.of(zone, SlotSeries.of(new double[horizon.slots()])),
        "flat (no data)", true, String.join("; ", skipped)
            + "; planning without a carbon signal for " + zone + ", jobs still run in time");
  }

  private Optional<ZoneSignal> covering(String zone, IntensitySeries series, Horizon horizon, String source,
      List<String> skipped) {
    if (series.isEmpty()) {
      skipped.add(source + ": no values");
      return Optional.empty();
    }
    ResampledSeries r = resampler.resample(series, horizon);
    if (r.gapSlots() > horizon.slots() * (1 - MIN_COVERAGE)) {
      skipped.add(source + ": covers " + (horizon.slots() - r.gapSlots()) + " of " + horizon.slots() + " slots");
      return Optional.empty();
    }
    if (!usable(r.gramsPerKwh().toArray(horizon.slots()))) {
      skipped.add(source + ": values not finite or negative");
      return Optional.empty();
    }
    return Optional.of(new ZoneSignal(ZoneIntensity.of(zone, r.gramsPerKwh()), source, false,
        String.join("; ", skipped)));
  }

  private static boolean usable(double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v) || v < 0) {
        return false;
      }
    }
    return true;
  }

  private static double[] onSlots(IntensitySeries forecast, Horizon horizon) {
    double[] values = new double[horizon.slots()];
    for (int i = 0; i < values.length && i < forecast.points().size(); i++) {
      values[i] = forecast.points().get(i).gramsPerKwh();
    }
    return values;
  }

  private static String firstLine(RuntimeException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
