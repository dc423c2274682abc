package dev.fairshift.signals;

import dev.fairshift.core.SignalKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Asks an ordered list of sources in turn; the first that answers with at least one point wins.
 *
 * <pre>{@code
 * FallbackSource live = FallbackSource.of(SignalKind.AVERAGE, List.of(electricityMaps, ukCarbonIntensity));
 * IntensitySeries gb = live.history("GB", from, to); // source() is "fallback:ukcarbonintensity" if EM failed
 * }</pre>
 *
 * <p>A member that throws a {@link GridSignalException}, answers with no points, or answers with
 * another signal kind than the chain's (average and marginal are never mixed) is skipped. The
 * winning series records {@code fallback:<member name>} as its {@code source()}, and its metadata
 * gains {@code fallback.answeredBy} and, when earlier members were skipped,
 * {@code fallback.skipped} with their reasons. When no member has points but one answered
 * without any, that empty answer is returned; when every member failed, a
 * {@link GridSignalException} summarises each failure (the failures are attached as suppressed
 * exceptions). Other runtime exceptions are bugs and propagate at once. Thread-safe if the members
 * are.
 */
public final class FallbackSource implements CarbonIntensitySource {
  private final SignalKind signal;
  private final List<CarbonIntensitySource> members;
  private final String name;

  private FallbackSource(SignalKind signal, List<? extends CarbonIntensitySource> members) {
    this.signal = Objects.requireNonNull(signal, "signal");
    this.members = List.copyOf(members);
    if (this.members.isEmpty()) {
      throw new IllegalArgumentException("A fallback chain needs at least one source. Maybe pass "
          + "CarbonIntensitySources.ukCarbonIntensity() or a file source.");
    }
    List<String> names = new ArrayList<>();
    this.members.forEach(member -> names.add(member.name()));
    this.name = "fallback:" + String.join("→", names);
  }

  /** A chain of {@code members} (in order, at least one) whose answers must be of kind {@code signal}. */
  public static FallbackSource of(SignalKind signal, List<? extends CarbonIntensitySource> members) {
    return new FallbackSource(signal, members);
  }

  /** {@code fallback:} and the member names joined by {@code →}. */
  @Override
  public String name() {
    return name;
  }

  /** The kind of intensity every answer must be. */
  public SignalKind signal() {
    return signal;
  }

  /** The members, in the order they are asked. */
  public List<CarbonIntensitySource> members() {
    return members;
  }

  @Override
  public IntensitySeries history(String zone, Instant from, Instant to) {
    return ask("history", zone, from, to, member -> member.history(zone, from, to));
  }

  @Override
  public IntensitySeries forecast(String zone, Instant from, Instant to) {
    return ask("forecast", zone, from, to, member -> member.forecast(zone, from, to));
  }

  private IntensitySeries ask(String what, String zone, Instant from, Instant to,
      Function<CarbonIntensitySource, IntensitySeries> question) {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    List<String> skipped = new ArrayList<>();
    List<GridSignalException> failures = new ArrayList<>();
    IntensitySeries firstEmpty = null;
    CarbonIntensitySource firstEmptyMember = null;
    for (CarbonIntensitySource member : members) {
      IntensitySeries series;
      try {
        series = question.apply(member);
      } catch (GridSignalException e) {
        skipped.add(member.name() + ": " + e.getMessage());
        failures.add(e);
        continue;
      }
      if (series.signal() != signal) {
        skipped.add(member.name() + ": answered " + series.signal().jsonName() + " intensities, but this "
            + "chain is " + signal.jsonName());
        continue;
      }
      if (series.isEmpty()) {
        skipped.add(member.name() + ": no points");
        if (firstEmpty == null) {
          firstEmpty = series;
          firstEmptyMember = member;
        }
        continue;
      }
      return annotate(series, member, skipped);
    }
    if (firstEmpty != null) {
      return annotate(firstEmpty, firstEmptyMember, skipped);
    }
    GridSignalException none = new GridSignalException("No source of " + name + " answered the " + what
        + " of zone '" + zone + "' over [" + from + ", " + to + "): " + String.join("; ", skipped)
        + ". Maybe check each source's credentials and zone names, or end the chain with a file source.");
    failures.forEach(none::addSuppressed);
    throw none;
  }

  private static IntensitySeries annotate(IntensitySeries series, CarbonIntensitySource member,
      List<String> skipped) {
    Map<String, String> metadata = new LinkedHashMap<>(series.metadata());
    metadata.put("fallback.answeredBy", member.name());
    if (!skipped.isEmpty()) {
      metadata.put("fallback.skipped", String.join("; ", skipped));
    }
    return new IntensitySeries(series.zone(), series.signal(), "fallback:" + member.name(),
        series.points(), metadata);
  }
}
