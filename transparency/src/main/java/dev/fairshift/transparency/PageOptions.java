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
 * @param lowerBoundGrams a lower bound on emissions, if known
 * @param lowerBoundCovers which schedules that bound covers, in words that follow "a lower bound on the emissions
 *     of" (default {@value #DEFAULT_BOUND_COVERS}); a bound computed for a schedule that leaves jobs out covers only
 *     the schedules that place those jobs, and the page must not claim more
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
    String lowerBoundCovers,
    String currency,
    List<DataSource> dataSources,
    Optional<String> companionJson,
    Optional<Instant> generatedAt) {

  /** The default of {@link #maxJobRows}. */
  public static final int DEFAULT_MAX_JOB_ROWS = 1000;

  /** The default of {@link #lowerBoundCovers}. */
  public static final String DEFAULT_BOUND_COVERS = "every feasible schedule that runs every job";

  public PageOptions {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(asapEmissionsGrams, "asapEmissionsGrams");
    Objects.requireNonNull(lowerBoundGrams, "lowerBoundGrams");
    Objects.requireNonNull(lowerBoundCovers, "lowerBoundCovers");
    if (lowerBoundCovers.isBlank()) {
      throw new IllegalArgumentException("PageOptions lowerBoundCovers is blank. Maybe use \"" + DEFAULT_BOUND_COVERS
          + "\".");
    }
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
    b.boundCovers = lowerBoundCovers;
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
    private String boundCovers = DEFAULT_BOUND_COVERS;
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

    /** A lower bound on every feasible schedule that runs every job ({@link #DEFAULT_BOUND_COVERS}). */
    public Builder lowerBoundGrams(double grams) {
      return lowerBound(grams, DEFAULT_BOUND_COVERS);
    }

    /**
     * A lower bound and the schedules it covers, e.g. {@code "every feasible schedule that places at least these
     * 940 jobs"}: the page says exactly this and no more.
     */
    public Builder lowerBound(double grams, String covers) {
      this.bound = OptionalDouble.of(grams);
      this.boundCovers = Objects.requireNonNull(covers, "covers");
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
      return new PageOptions(title, maxJobRows, asap, bound, boundCovers, currency, sources, companion, generatedAt);
    }
  }
}
