package dev.fairshift.signals.forecast;

import dev.fairshift.core.Horizon;
import dev.fairshift.signals.CarbonIntensitySource;
import dev.fairshift.signals.EmbeddedData;
import dev.fairshift.signals.GapPolicy;
import dev.fairshift.signals.ResampledSeries;
import dev.fairshift.signals.Resampler;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints, as Markdown, the forecast errors of the built-in models on the embedded real data: six
 * Electricity Maps zones over 2023 and France (ENTSO-E) over 2020, hourly, with an origin every
 * 24 hours, scored 24 and 72 hours ahead. These are the figures in the README. Takes 20 to 40
 * seconds on one core; no arguments. Deterministic: the same jar prints the same tables.
 *
 * <pre>
 * mvn -B -q -pl grid-signals -am -DskipTests -Pforecast-backtest package
 * </pre>
 */
public final class ForecastBacktest {
  /** The Electricity Maps zones scored: wind-, solar-, coal- and mixed grids on three continents. */
  static final List<String> ELECTRICITY_MAPS_ZONES =
      List.of("DE", "GB", "US-CAL-CISO", "US-TEX-ERCO", "AU-NSW", "JP-TK");
  static final List<Duration> HORIZONS = List.of(Duration.ofHours(24), Duration.ofHours(72));
  static final Duration TRAINING_WINDOW = Duration.ofDays(28);
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Resampler RESAMPLER = Resampler.of(GapPolicy.FILL_LINEAR);

  private ForecastBacktest() {}

  /** The models compared, baselines first. */
  static List<Forecaster> models() {
    return List.of(
        Forecaster.persistence(),
        Forecaster.seasonalNaive(Duration.ofDays(1)),
        Forecaster.seasonalNaive(Duration.ofDays(7)),
        Forecaster.holtWinters(Duration.ofDays(1), TRAINING_WINDOW),
        Forecaster.regression(TRAINING_WINDOW),
        Forecaster.regression(TRAINING_WINDOW.multipliedBy(2)));
  }

  /** Runs the backtest and prints the tables to standard output; timings go to standard error. */
  public static void main(String[] args) {
    // The program's own entry point: the only place that touches the standard streams.
    PrintStream out = System.out;
    PrintStream progress = System.err;
    List<Forecaster> models = models();
    long started = System.nanoTime();
    ForecastEvaluation year2023 = ForecastEvaluation.rollingOrigin(
        Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z"),
        Duration.ofDays(1), HORIZONS);
    List<ForecastEvaluation.Result> em = run(year2023, models, EmbeddedData.electricityMaps(),
        ELECTRICITY_MAPS_ZONES, progress);
    Instant frFirst = EmbeddedData.entsoe2020().history("FR", Instant.parse("2019-01-01T00:00:00Z"),
        Instant.parse("2021-01-01T00:00:00Z")).first();
    ForecastEvaluation year2020 = ForecastEvaluation.rollingOrigin(
        frFirst.plus(longestHistory(models)).plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS),
        Instant.parse("2021-01-01T00:00:00Z"), Duration.ofDays(1), HORIZONS);
    List<ForecastEvaluation.Result> fr = run(year2020, models, EmbeddedData.entsoe2020(), List.of("FR"),
        progress);
    progress.printf(Locale.ROOT, "backtest took %.1f s%n", (System.nanoTime() - started) / 1e9);

    out.printf(Locale.ROOT, "Electricity Maps, %s, origins every 24 h from %s (%d origins), "
        + "training window %d days unless named; errors pooled over the zones:%n%n", String.join(", ",
            ELECTRICITY_MAPS_ZONES), day(year2023.firstOrigin()), year2023.origins().size(),
        TRAINING_WINDOW.toDays());
    header(out, "Model");
    for (ForecastEvaluation.Result result : em) {
      row(out, "`" + result.forecaster() + "`", result.overall());
    }
    out.printf(Locale.ROOT, "%nPer zone (Electricity Maps 2023; FR: ENTSO-E, origins from %s to "
        + "the end of 2020, %d origins):%n%n", day(year2020.firstOrigin()), year2020.origins().size());
    header(out, "Zone | Model");
    List<ForecastEvaluation.Result> all = new ArrayList<>();
    all.addAll(em);
    all.addAll(fr);
    List<String> zones = new ArrayList<>(ELECTRICITY_MAPS_ZONES);
    zones.add("FR");
    for (String zone : zones) {
      for (ForecastEvaluation.Result result : all) {
        for (ForecastEvaluation.ZoneErrors errors : result.zones()) {
          if (errors.zone().equals(zone)) {
            row(out, zone + " | `" + result.forecaster() + "`", errors.errors());
          }
        }
      }
    }
  }

  /** Backtests every model on the zones of one source; each model's time goes to {@code progress}. */
  static List<ForecastEvaluation.Result> run(ForecastEvaluation evaluation, List<Forecaster> models,
      CarbonIntensitySource source, List<String> zones, PrintStream progress) {
    Instant from = evaluation.firstOrigin().minus(longestHistory(models));
    Horizon hours = new Horizon(from, HOUR,
        Math.toIntExact(Duration.between(from, evaluation.end()).toHours()));
    List<ResampledSeries> series = new ArrayList<>();
    for (String zone : zones) {
      series.add(RESAMPLER.resample(source.history(zone, from, evaluation.end()), hours));
    }
    List<ForecastEvaluation.Result> results = new ArrayList<>();
    for (Forecaster model : models) {
      long started = System.nanoTime();
      results.add(evaluation.evaluate(model, series));
      progress.printf(Locale.ROOT, "%-28s %s: %.1f s%n", model.name(), source.name(),
          (System.nanoTime() - started) / 1e9);
    }
    return results;
  }

  private static Duration longestHistory(List<Forecaster> models) {
    Duration longest = Duration.ZERO;
    for (Forecaster model : models) {
      Duration required = model.requiredHistory(HOUR, HORIZONS.get(HORIZONS.size() - 1));
      longest = required.compareTo(longest) > 0 ? required : longest;
    }
    return longest;
  }

  private static void header(PrintStream out, String first) {
    StringBuilder line = new StringBuilder("| " + first);
    StringBuilder rule = new StringBuilder("|" + "---|".repeat(first.split("\\|").length));
    for (Duration horizon : HORIZONS) {
      line.append(" | MAE ").append(horizon.toHours()).append(" h (g/kWh) | MAPE ")
          .append(horizon.toHours()).append(" h");
      rule.append("---:|---:|");
    }
    out.println(line.append(" |"));
    out.println(rule);
  }

  private static void row(PrintStream out, String first, List<ForecastErrors> errors) {
    StringBuilder line = new StringBuilder("| " + first);
    for (ForecastErrors e : errors) {
      line.append(String.format(Locale.ROOT, " | %.1f | %.1f %%", e.maeGramsPerKwh(), e.mapePercent()));
    }
    out.println(line.append(" |"));
  }

  private static String day(Instant instant) {
    return instant.toString().substring(0, 10);
  }
}
