package dev.fairshift.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.TreeSet;

/**
 * Writes quality and scaling results as Markdown tables and CSV. Numbers use {@link Locale#ROOT} ('.'
 * decimals); a missing value (no lower bound, no own bound or status) is {@code -} in Markdown and
 * empty in CSV. Stateless and
 * thread-safe.
 */
public final class ResultWriters {
  /** The CSV header of {@link #qualityCsv(List)}. */
  public static final String QUALITY_CSV_HEADER = "scenario,season,slack_h,jobs,hubs,solver,scheduled,"
      + "emissions_kg,saved_vs_asap_pct,gap_to_bound_pct,quotas_met,quotas,jain,wait_p95_h,wall_ms,feasible,"
      + "lower_bound_kg,own_bound_kg,status";
  /** The CSV header of {@link #scalingCsv(List)}. */
  public static final String SCALING_CSV_HEADER = "solver,jobs,hubs,slots,wall_ms,peak_heap_mb";

  private ResultWriters() {}

  /** Every row, in order, as CSV with {@link #QUALITY_CSV_HEADER}. */
  public static String qualityCsv(List<QualityRow> rows) {
    StringBuilder out = new StringBuilder(QUALITY_CSV_HEADER).append('\n');
    for (QualityRow r : rows) {
      out.append(String.join(",", r.scenario(), r.season(), Integer.toString(r.slackHours()),
          Integer.toString(r.jobs()), Integer.toString(r.hubs()), r.solver(), Integer.toString(r.scheduledJobs()),
          fmt(r.emissionsKg(), 3), fmt(r.savedPercent(), 2), r.gapPercent().isPresent() ? fmt(r.gapPercent().getAsDouble(), 2) : "",
          Integer.toString(r.quotasMet()), Integer.toString(r.quotas()), fmt(r.jainIndex(), 4),
          fmt(r.waitP95Hours(), 1), fmt(r.wallMillis(), 1), Boolean.toString(r.feasible()), opt(r.lowerBoundKg(), 3),
          opt(r.ownBoundKg(), 3), r.status().orElse(""))).append('\n');
    }
    return out.toString();
  }

  /**
   * Every row, in order, as a Markdown table; emissions and bounds in kg with two decimals, a solver's
   * own status (CP-SAT's) in brackets after its label.
   */
  public static String qualityTable(List<QualityRow> rows) {
    StringBuilder out = new StringBuilder(
        "| Scenario | Slack (h) | Jobs | Solver | Scheduled | Emissions (kg) | Saved vs ASAP | Gap to bound "
            + "| LowerBound (kg) | Own bound (kg) | Quotas met | Jain | Wait p95 (h) | Wall (ms) |\n"
            + "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (QualityRow r : rows) {
      out.append("| ").append(r.scenario()).append(" | ").append(r.slackHours()).append(" | ").append(r.jobs())
          .append(" | ").append(r.solver()).append(r.feasible() ? "" : " (infeasible)")
          .append(r.status().map(s -> " (" + s.toLowerCase(Locale.ROOT) + ")").orElse("")).append(" | ")
          .append(r.scheduledJobs()).append(" | ").append(fmt(r.emissionsKg(), 2)).append(" | ")
          .append(fmt(r.savedPercent(), 1)).append(" % | ").append(gap(r.gapPercent())).append(" | ")
          .append(kg(r.lowerBoundKg())).append(" | ").append(kg(r.ownBoundKg())).append(" | ")
          .append(r.quotasMet()).append('/').append(r.quotas()).append(" | ").append(fmt(r.jainIndex(), 3))
          .append(" | ").append(fmt(r.waitP95Hours(), 0)).append(" | ").append(fmt(r.wallMillis(), 0)).append(" |\n");
    }
    return out.toString();
  }

  /**
   * Per slack and solver, the means over scenarios: saved vs ASAP, gap to the bound, Jain, wait p95 and
   * wall time, in how many scenarios every quota was met, and for a solver with its own status and
   * bound (CP-SAT) in how many it proved optimality and how far its bound lies above Fairshift's.
   */
  public static String summaryTable(List<QualityRow> rows) {
    StringBuilder out = new StringBuilder(
        "| Slack (h) | Solver | Scenarios | Saved vs ASAP | Gap to bound | All quotas met | Jain | Wait p95 (h) "
            + "| Wall (ms) | Proven optimal | Own bound vs LowerBound |\n"
            + "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, List<QualityRow>> group : bySlackAndSolver(rows).entrySet()) {
      List<QualityRow> g = group.getValue();
      QualityRow first = g.get(0);
      long met = g.stream().filter(r -> r.quotasMet() == r.quotas()).count();
      OptionalDouble gap = g.stream().allMatch(r -> r.gapPercent().isPresent())
          ? g.stream().mapToDouble(r -> r.gapPercent().getAsDouble()).average() : OptionalDouble.empty();
      boolean hasStatus = g.stream().anyMatch(r -> r.status().isPresent());
      long optimal = g.stream().filter(r -> r.status().filter("OPTIMAL"::equals).isPresent()).count();
      OptionalDouble above = g.stream().map(QualityRow::ownBoundAboveLowerBoundPercent)
          .filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).average();
      out.append("| ").append(first.slackHours()).append(" | ").append(first.solver()).append(" | ")
          .append(g.size()).append(" | ").append(fmt(mean(g, QualityRow::savedPercent), 1)).append(" % | ")
          .append(gap(gap)).append(" | ").append(met).append('/').append(g.size()).append(" | ")
          .append(fmt(mean(g, QualityRow::jainIndex), 3)).append(" | ")
          .append(fmt(mean(g, QualityRow::waitP95Hours), 0)).append(" | ")
          .append(fmt(mean(g, QualityRow::wallMillis), 0)).append(" | ")
          .append(hasStatus ? optimal + "/" + g.size() : "-").append(" | ")
          .append(above.isPresent() ? signed(above.getAsDouble(), 2) + " %" : "-").append(" |\n");
    }
    return out.toString();
  }

  /** Rows grouped by slack (ascending) then solver (first-seen order). */
  static Map<String, List<QualityRow>> bySlackAndSolver(List<QualityRow> rows) {
    Set<Integer> slacks = new TreeSet<>();
    Set<String> solvers = new LinkedHashSet<>();
    for (QualityRow r : rows) {
      slacks.add(r.slackHours());
      solvers.add(r.solver());
    }
    Map<String, List<QualityRow>> groups = new LinkedHashMap<>();
    for (int slack : slacks) {
      for (String solver : solvers) {
        List<QualityRow> g = new ArrayList<>();
        for (QualityRow r : rows) {
          if (r.slackHours() == slack && r.solver().equals(solver)) {
            g.add(r);
          }
        }
        if (!g.isEmpty()) {
          groups.put(slack + "/" + solver, g);
        }
      }
    }
    return groups;
  }

  /** The scaling points as CSV with {@link #SCALING_CSV_HEADER}. */
  public static String scalingCsv(List<ScalingRow> rows) {
    StringBuilder out = new StringBuilder(SCALING_CSV_HEADER).append('\n');
    for (ScalingRow r : rows) {
      out.append(r.solver()).append(',').append(r.jobs()).append(',').append(r.hubs()).append(',')
          .append(r.slots()).append(',').append(fmt(r.wallMillis(), 2)).append(',')
          .append(fmt(r.peakHeapMb(), 1)).append('\n');
    }
    return out.toString();
  }

  /** The scaling points as a Markdown table, then one line per solver with its fitted growth. */
  public static String scalingTable(List<ScalingRow> rows) {
    StringBuilder out = new StringBuilder("| Solver | Jobs | Hubs x slots | Wall (ms) | Peak heap (MiB) |\n"
        + "|---|---:|---:|---:|---:|\n");
    for (ScalingRow r : rows) {
      out.append("| ").append(r.solver()).append(" | ").append(r.jobs()).append(" | ").append(r.hubs())
          .append(" x ").append(r.slots()).append(" | ").append(fmt(r.wallMillis(), 1)).append(" | ")
          .append(fmt(r.peakHeapMb(), 1)).append(" |\n");
    }
    out.append('\n');
    for (Map.Entry<String, double[][]> s : scalingSeries(rows).entrySet()) {
      double[][] xy = s.getValue();
      if (xy[0].length >= 2) {
        out.append("- ").append(s.getKey()).append(": time grows as jobs^")
            .append(fmt(logLogSlope(xy[0], xy[1]), 2)).append(" (least-squares slope of log time on log jobs)\n");
      }
    }
    return out.toString();
  }

  /** Per solver (first-seen order): {jobs[], wallMillis[]}. */
  static Map<String, double[][]> scalingSeries(List<ScalingRow> rows) {
    Map<String, List<ScalingRow>> bySolver = new LinkedHashMap<>();
    for (ScalingRow r : rows) {
      bySolver.computeIfAbsent(r.solver(), k -> new ArrayList<>()).add(r);
    }
    Map<String, double[][]> out = new LinkedHashMap<>();
    bySolver.forEach((solver, list) -> out.put(solver, new double[][] {
        list.stream().mapToDouble(ScalingRow::jobs).toArray(),
        list.stream().mapToDouble(ScalingRow::wallMillis).toArray()}));
    return out;
  }

  /**
   * The least-squares slope of {@code ln y} on {@code ln x}: the exponent k of a fitted y = c x^k.
   *
   * @throws IllegalArgumentException with fewer than two points, lengths that differ, a value that is
   *     not positive, or all x equal
   */
  public static double logLogSlope(double[] x, double[] y) {
    if (x.length != y.length || x.length < 2) {
      throw new IllegalArgumentException("logLogSlope needs two or more (x, y) pairs but got " + x.length
          + " x and " + y.length + " y values. Maybe measure more sizes.");
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] > 0) || !(y[i] > 0)) {
        throw new IllegalArgumentException("logLogSlope needs positive values but point " + i + " is ("
            + x[i] + ", " + y[i] + "). Maybe drop it.");
      }
      mx += Math.log(x[i]);
      my += Math.log(y[i]);
    }
    mx /= x.length;
    my /= x.length;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      double dx = Math.log(x[i]) - mx;
      sxy += dx * (Math.log(y[i]) - my);
      sxx += dx * dx;
    }
    if (sxx == 0) {
      throw new IllegalArgumentException("logLogSlope needs at least two distinct x values. Maybe vary the size.");
    }
    return sxy / sxx;
  }

  private static double mean(List<QualityRow> rows, ToDoubleFunction<QualityRow> f) {
    return rows.stream().mapToDouble(f).average().orElse(Double.NaN);
  }

  private static String opt(OptionalDouble v, int decimals) {
    return v.isPresent() ? fmt(v.getAsDouble(), decimals) : "";
  }

  private static String kg(OptionalDouble v) {
    return v.isPresent() ? fmt(v.getAsDouble(), 2) : "-";
  }

  private static String signed(double v, int decimals) {
    return (v >= 0 ? "+" : "") + fmt(v, decimals);
  }

  /** A gap in percent with two decimals: the solvers' gaps differ by hundredths of a percent. */
  private static String gap(OptionalDouble gap) {
    return gap.isPresent() ? fmt(gap.getAsDouble(), 2) + " %" : "-";
  }

  static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
