package dev.fairshift.signals;

import dev.fairshift.core.SignalKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A source that answers from a script and counts the questions it got. Thread-safe. */
final class ScriptedSource implements CarbonIntensitySource {
  private final String name;
  private final Deque<Supplier<IntensitySeries>> script = new ArrayDeque<>();
  private final List<String> questions = new ArrayList<>();
  private Supplier<IntensitySeries> fallback;

  ScriptedSource(String name) {
    this.name = name;
  }

  /** A series of one hourly point of {@code grams} at {@code start}. */
  static IntensitySeries series(String zone, SignalKind signal, String source, Instant start, double grams) {
    return new IntensitySeries(zone, signal, source,
        List.of(IntensityPoint.of(start, Duration.ofHours(1), grams)), Map.of("from", source));
  }

  /** An empty series. */
  static IntensitySeries empty(String zone, SignalKind signal, String source) {
    return new IntensitySeries(zone, signal, source, List.of(), Map.of());
  }

  /** Answers the next question with {@code answer} (which may throw). */
  synchronized ScriptedSource then(Supplier<IntensitySeries> answer) {
    script.add(answer);
    return this;
  }

  /** Answers every question after the script with {@code answer}. */
  synchronized ScriptedSource always(Supplier<IntensitySeries> answer) {
    fallback = answer;
    return this;
  }

  synchronized List<String> questions() {
    return List.copyOf(questions);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public IntensitySeries history(String zone, Instant from, Instant to) {
    return answer("history " + zone + " " + from + " " + to);
  }

  @Override
  public IntensitySeries forecast(String zone, Instant from, Instant to) {
    return answer("forecast " + zone + " " + from + " " + to);
  }

  private IntensitySeries answer(String question) {
    Supplier<IntensitySeries> answer;
    synchronized (this) {
      questions.add(question);
      answer = script.isEmpty() ? fallback : script.poll();
    }
    if (answer == null) {
      throw new IllegalStateException(name + " has no answer scripted for " + question);
    }
    return answer.get();
  }
}
