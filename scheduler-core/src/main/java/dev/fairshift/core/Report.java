package dev.fairshift.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Plain-text reports of {@link Evaluation}s, for terminals and logs. Every number printed comes from
 * the Evaluation, so a report never disagrees with the {@link Evaluator}. Stateless and thread-safe.
 *
 * <pre>{@code
 * System.out.print(Report.comparison(List.of(asap, greedy), "asap"));
 * System.out.print(Report.detail(problem, schedule, greedy));
 * }</pre>
 */
public final class Report {
  /** The most fairness windows listed per tenant in {@link #detail}. */
  static final int MAX_WINDOW_ROWS = 30;

  private Report() {}

  /**
   * One row per evaluation: emissions, saving against {@code baselineSolver}, cost, renewable share,
   * jobs placed, quotas, Jain's index and wait p95 over all tenants.
   */
  public static String comparison(List<Evaluation> evaluations, String baselineSolver) {
    return comparison(evaluations, baselineSolver, OptionalDouble.empty());
  }

  /**
   * As {@link #comparison(List, String)}, with a column for the gap to a lower bound on the emissions
   * of any feasible schedule that runs every job: (emissions &minus; bound) / bound, so 10 % means at
   * most 10 % above the best possible schedule. The gap is shown only for feasible schedules that place
   * every job.
   */
  public static String comparison(List<Evaluation> evaluations, String baselineSolver, OptionalDouble lowerBoundGrams) {
    Evaluation baseline = evaluations.stream().filter(e -> e.solver().equals(baselineSolver)).findFirst()
        .orElse(null);
    Table table = new Table("solver", "kg CO2e", "vs " + baselineSolver, "gap to bound", "g/kWh", "cost",
        "renewable", "placed", "quotas met", "Jain", "wait p95", "violations");
    for (Evaluation e : evaluations) {
      OptionalDouble gap = lowerBoundGrams.isPresent() ? e.gapAbove(lowerBoundGrams.getAsDouble())
          : OptionalDouble.empty();
      table.row(e.solver(), fmt("%.1f", e.emissionsKg()),
          baseline == null || e == baseline ? "-" : fmt("%+.1f %%", -100 * e.savingVersus(baseline)),
          gap.isPresent() && Double.isFinite(gap.getAsDouble()) ? percent(gap.getAsDouble()) : "-",
          fmt("%.1f", e.gramsPerKwh()), fmt("%.2f", e.cost()), percent(e.renewableShare()),
          e.scheduledJobs() + "/" + e.jobs().size(),
          e.tenants().stream().filter(TenantResult::quotaMet).count() + "/" + e.tenants().size(),
          fmt("%.3f", e.jainIndex()), duration(maxWaitP95(e)), Integer.toString(e.violations().size()));
    }
    return table.toString();
  }

  /**
   * The full account of one schedule: totals, hubs, tenants, unscheduled jobs and violations. For a
   * tenant with more than one fairness window, the tenant row sums its windows' guarantees and says
   * "met" only when every window's is met; a table per such tenant then lists each window with work:
   * demand, guarantee and what it got (its jobs released there), and the unit-slots running there
   * against its cap.
   */
  public static String detail(Problem problem, Schedule schedule, Evaluation e) {
    StringBuilder out = new StringBuilder();
    out.append("Schedule by '").append(e.solver()).append("': ").append(e.scheduledJobs()).append(" of ")
        .append(e.jobs().size()).append(" jobs placed, ")
        .append(e.feasible() ? "no hard-rule violations" : e.violations().size() + " HARD-RULE VIOLATIONS")
        .append('\n');
    out.append(fmt("  energy %.1f kWh (grid %.1f, on-site renewable %.1f = %s), transfer %.1f kWh%n",
        e.energyKwh(), e.gridKwh(), e.renewableKwh(), percent(e.renewableShare()), e.transferKwh()));
    out.append(fmt("  emissions %.1f kg CO2e on actual intensities (%.1f g/kWh; transfers %.1f kg)%n",
        e.emissionsKg(), e.gramsPerKwh(), e.transferEmissionsGrams() / 1000));
    e.plannedEmissionsGrams().ifPresent(planned -> out.append(fmt(
        "  on the forecast it was planned on, the same schedule would emit %.1f kg CO2e (forecast error %+.1f kg)%n",
        planned / 1000, (e.emissionsGrams() - planned) / 1000)));
    out.append(fmt("  carbon-agnostic reference of the placed jobs (each from its release at its origin): %.1f kg"
        + " -> %s saved%n", e.baselineEmissionsGrams() / 1000,
        e.baselineEmissionsGrams() == 0 ? "0 %" : percent(1 - e.emissionsGrams() / e.baselineEmissionsGrams())));
    out.append(fmt("  cost %.2f (energy at hub prices + carbon at %.2f per tonne)%n", e.cost(),
        problem.carbonPricePerTonne()));

    out.append("\nHubs\n");
    Table hubs = new Table("hub", "zone", "kWh", "kg CO2e", "renewable", "utilisation", "peak util", "peak kW");
    for (HubResult h : e.hubs()) {
      hubs.row(h.hub(), h.zone(), fmt("%.1f", h.energyKwh()), fmt("%.1f", h.emissionsGrams() / 1000),
          percent(h.energyKwh() == 0 ? 0 : h.renewableKwh() / h.energyKwh()), percent(h.utilisation()),
          percent(h.peakUtilisation()), fmt("%.1f", h.peakPowerKw()));
    }
    out.append(hubs);

    out.append("\nTenants\n");
    Table tenants = new Table("tenant", "class", "jobs", "accepted", "unit-slots", "share", "guarantee",
        "quota", "wait p50", "wait p95", "kg CO2e");
    for (TenantResult t : e.tenants()) {
      tenants.row(t.tenant(), t.tenantClass(), Integer.toString(t.jobs()), percent(t.acceptanceRate()),
          t.scheduledUnitSlots() + "/" + t.demandedUnitSlots(), percent(t.shareOfCapacity()),
          t.guaranteedUnitSlots() == 0 ? "-" : fmt("%.0f", t.guaranteedUnitSlots()),
          t.guaranteedUnitSlots() == 0 ? "-" : t.quotaMet() ? "met" : "NOT MET",
          duration(t.waitP50()), duration(t.waitP95()), fmt("%.1f", t.emissionsGrams() / 1000));
    }
    out.append(tenants);
    out.append(fmt("  Jain's fairness index over served fractions: %.3f%n", e.jainIndex()));
    for (TenantResult t : e.tenants()) {
      if (t.hasFairnessWindows()) {
        out.append(windows(t));
      }
    }

    if (!schedule.unscheduled().isEmpty()) {
      out.append("\nUnscheduled jobs (").append(schedule.unscheduled().size()).append(")\n");
      schedule.unscheduled().stream().limit(20)
          .forEach(u -> out.append("  ").append(u.job()).append(": ").append(u.reason()).append('\n'));
      if (schedule.unscheduled().size() > 20) {
        out.append("  ... and ").append(schedule.unscheduled().size() - 20).append(" more\n");
      }
    }
    if (!e.violations().isEmpty()) {
      out.append("\nHard-rule violations (").append(e.violations().size()).append(")\n");
      e.violations().forEach(v -> out.append("  ").append(v).append('\n'));
    }
    return out.toString();
  }

  /**
   * The per-window guarantee and cap of a tenant with fairness windows: the windows where it has
   * demand or runs work, at most {@link #MAX_WINDOW_ROWS}.
   */
  private static String windows(TenantResult t) {
    List<TenantWindowResult> windows = t.windows();
    long unmet = windows.stream().filter(w -> !w.quotaMet()).count();
    StringBuilder out = new StringBuilder();
    out.append("\nFairness windows of '").append(t.tenant()).append("' (").append(windows.get(0).window().slots())
        .append(" slots each): ").append(t.guaranteedUnitSlots() == 0 ? "no guarantee"
            : unmet == 0 ? "guarantee met in every window" : "guarantee NOT MET in " + unmet + " of "
                + windows.size() + " windows").append('\n');
    Table table = new Table("window", "slots", "from", "demand", "guarantee", "got", "quota", "running", "cap");
    int shown = 0;
    int active = 0;
    for (TenantWindowResult w : windows) {
      if (w.demandedUnitSlots() == 0 && w.runningUnitSlots() == 0) {
        continue;
      }
      active++;
      if (shown == MAX_WINDOW_ROWS) {
        continue;
      }
      shown++;
      FairnessWindow window = w.window();
      boolean guaranteed = w.guaranteedUnitSlots() > 0;
      table.row(Integer.toString(window.index()), window.startSlot() + ".." + (window.endSlot() - 1),
          window.start().toString(), Long.toString(w.demandedUnitSlots()),
          guaranteed ? fmt("%.0f", w.guaranteedUnitSlots()) : "-", Long.toString(w.scheduledUnitSlots()),
          guaranteed ? w.quotaMet() ? "met" : "NOT MET" : "-", Long.toString(w.runningUnitSlots()),
          fmt("%.0f", Math.floor(w.maxUnitSlots() + 1e-9)) + (w.overMaxShare() ? " OVER" : ""));
    }
    out.append(table);
    if (active > shown) {
      out.append("  ... and ").append(active - shown).append(" more windows with work\n");
    }
    out.append("  (demand and got: unit-slots of its jobs released in the window; running and cap: unit-slots "
        + "running in the window)\n");
    return out.toString();
  }

  private static Optional<Duration> maxWaitP95(Evaluation e) {
    return e.tenants().stream().map(TenantResult::waitP95).flatMap(Optional::stream).max(Duration::compareTo);
  }

  private static String duration(Optional<Duration> d) {
    if (d.isEmpty()) {
      return "-";
    }
    long minutes = d.get().toMinutes();
    return minutes % 60 == 0 ? (minutes / 60) + " h" : fmt("%.1f h", minutes / 60.0);
  }

  private static String percent(double fraction) {
    return fmt("%.1f %%", 100 * fraction);
  }

  private static String fmt(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  /** A left-aligned first column and right-aligned numbers. */
  private static final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
      rows.add(header);
    }

    void row(String... cells) {
      rows.add(cells);
    }

    @Override
    public String toString() {
      int cols = rows.get(0).length;
      int[] width = new int[cols];
      for (String[] r : rows) {
        for (int c = 0; c < cols; c++) {
          width[c] = Math.max(width[c], r[c].length());
        }
      }
      StringBuilder out = new StringBuilder();
      for (String[] r : rows) {
        out.append("  ");
        for (int c = 0; c < cols; c++) {
          String cell = r[c];
          String pad = " ".repeat(width[c] - cell.length());
          out.append(c == 0 ? cell + pad : pad + cell).append(c + 1 < cols ? "  " : "");
        }
        out.append('\n');
      }
      return out.toString();
    }
  }
}
