package dev.fairshift.transparency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the page shows beyond the evaluation itself. Immutable; start from {@link #defaults()} or
 * {@link #builder()}.
 *
 * <pre>{@code
 * PageOptions options = PageOptions.builder()
 *     .title("Campus hubs, week 10")
 *     .asapEmissionsGrams(Evaluator.evaluate(problem, asap).emissionsGrams())
 *     .lowerBoundGrams(bound)
 *     .dataSource(DataSource.of("Carbon intensity DE", "CC BY 4.0", "https://www.energy-charts.info"))
 *     .companionJson("report.json")
 *     .build();
 * }</pre>
 *
 * @param title the page's heading
 * @param maxJobRows the most per-job rows in the page; the rest are in the companion JSON
 * @param asapEmissionsGrams the emissions of the ASAP (carbon-agnostic) schedule of the same problem, if known
 * @param lowerBoundGrams a lower bound on the emissions of any feasible schedule, if known
 * @param currency the problem's currency, shown next to prices (FORMAT.md leaves it to the user)
 * @param dataSources the data the problem was built from, with their licences
 * @param companionJson the name or address of the JSON with the same numbers (e.g. {@code report.json}), shown as text
 * @param generatedAt when the page was made, shown when present (left out by default so pages are reproducible)
 */
public record PageOptions(
    String title,
    int maxJobRows,
    OptionalDouble asapEmissionsGrams,
    OptionalDouble lowerBoundGrams,
    String currency,
    List<DataSource> dataSources,
    Optional<String> companionJson,
    Optional<Instant> generatedAt) {

  /** The default of {@link #maxJobRows}. */
  public static final int DEFAULT_MAX_JOB_ROWS = 1000;

  public PageOptions {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(asapEmissionsGrams, "asapEmissionsGrams");
    Objects.requireNonNull(lowerBoundGrams, "lowerBoundGrams");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(companionJson, "companionJson");
    Objects.requireNonNull(generatedAt, "generatedAt");
    dataSources = List.copyOf(dataSources);
    if (maxJobRows < 0) {
      throw new IllegalArgumentException("PageOptions maxJobRows must be at least 0 but was " + maxJobRows
          + ". Maybe use " + DEFAULT_MAX_JOB_ROWS + ".");
    }
    checkGrams("asapEmissionsGrams", asapEmissionsGrams);
    checkGrams("lowerBoundGrams", lowerBoundGrams);
  }

  private static void checkGrams(String field, OptionalDouble grams) {
    if (grams.isPresent() && (!Double.isFinite(grams.getAsDouble()) || grams.getAsDouble() < 0)) {
      throw new IllegalArgumentException("PageOptions " + field + " must be a finite number of grams >= 0 but was "
          + grams.getAsDouble() + ". Maybe leave it out when it is unknown.");
    }
  }

  /** Title "Fairshift transparency report", 1000 job rows, no ASAP or bound, currency "EUR", no sources. */
  public static PageOptions defaults() {
    return builder().build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder().title(title).maxJobRows(maxJobRows).currency(currency);
    b.asap = asapEmissionsGrams;
    b.bound = lowerBoundGrams;
    b.sources.addAll(dataSources);
    b.companion = companionJson;
    b.generatedAt = generatedAt;
    return b;
  }

  /** Builds {@link PageOptions}. Not thread-safe. */
  public static final class Builder {
    private String title = "Fairshift transparency report";
    private int maxJobRows = DEFAULT_MAX_JOB_ROWS;
    private OptionalDouble asap = OptionalDouble.empty();
    private OptionalDouble bound = OptionalDouble.empty();
    private String currency = "EUR";
    private final List<DataSource> sources = new ArrayList<>();
    private Optional<String> companion = Optional.empty();
    private Optional<Instant> generatedAt = Optional.empty();

    private Builder() {}

    public Builder title(String value) {
      this.title = Objects.requireNonNull(value, "title");
      return this;
    }

    public Builder maxJobRows(int rows) {
      this.maxJobRows = rows;
      return this;
    }

    public Builder asapEmissionsGrams(double grams) {
      this.asap = OptionalDouble.of(grams);
      return this;
    }

    public Builder lowerBoundGrams(double grams) {
      this.bound = OptionalDouble.of(grams);
      return this;
    }

    public Builder currency(String value) {
      this.currency = Objects.requireNonNull(value, "currency");
      return this;
    }

    public Builder dataSource(DataSource source) {
      sources.add(Objects.requireNonNull(source, "source"));
      return this;
    }

    public Builder companionJson(String nameOrAddress) {
      this.companion = Optional.of(Objects.requireNonNull(nameOrAddress, "companionJson"));
      return this;
    }

    public Builder generatedAt(Instant instant) {
      this.generatedAt = Optional.of(Objects.requireNonNull(instant, "generatedAt"));
      return this;
    }

    public PageOptions build() {
      return new PageOptions(title, maxJobRows, asap, bound, currency, sources, companion, generatedAt);
    }
  }
}
