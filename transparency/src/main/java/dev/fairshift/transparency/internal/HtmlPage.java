package dev.fairshift.transparency.internal;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.FairnessWindow;
import dev.fairshift.core.Hub;
import dev.fairshift.core.HubResult;
import dev.fairshift.core.JobResult;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.TenantResult;
import dev.fairshift.core.TenantWindowResult;
import dev.fairshift.core.Violation;
import dev.fairshift.transparency.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Writes the page: HTML5 that is also well-formed XML (every element closed, void elements
 * self-closed, only the five XML entities), so it can be read by browsers and by XML parsers alike.
 * No script, no external resource; every number in an element with {@code data-metric} (its key)
 * and {@code data-value} (the exact value; seconds for durations; empty when there is none).
 */
public final class HtmlPage {
  /** The most points a hub chart draws; longer horizons are averaged into this many buckets. */
  public static final int MAX_CHART_POINTS = 336;
  /** The most rows of a hub chart's data table. */
  public static final int MAX_CHART_TABLE_ROWS = 24;
  /** The most fairness-window rows per tenant. */
  public static final int MAX_WINDOW_ROWS = 30;

  // Okabe & Ito (2008), "Color Universal Design": safe for the common colour-vision deficiencies.
  private static final String BLUE = "#0072B2";
  private static final String GREEN = "#009E73";
  private static final String VERMILLION = "#D55E00";
  private static final String BLACK = "#000000";

  private static final String CSS = String.join("\n",
      ":root{color-scheme:light;--ink:#1a1a1a;--muted:#555;--rule:#c8c8c8;--band:#f3f6f9;--ok:#009E73;--bad:#D55E00}",
      "*{box-sizing:border-box}",
      "body{margin:0 auto;max-width:72rem;padding:1rem 1.25rem 3rem;font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;color:var(--ink);background:#fff}",
      "h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:2px solid var(--ink)}h3{font-size:1.05rem;margin:1.25rem 0 .4rem}",
      "p,li{max-width:48rem}.muted{color:var(--muted)}code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}",
      "nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;list-style:none}",
      "a{color:#005a8c}a:focus{outline:3px solid #E69F00;outline-offset:2px}",
      ".scroll{overflow-x:auto;max-width:100%;margin:.25rem 0 1rem}",
      "table{border-collapse:collapse;font-size:.9rem;min-width:20rem}caption{text-align:left;font-weight:600;padding:.25rem 0;caption-side:top}",
      "th,td{border-bottom:1px solid var(--rule);padding:.3rem .55rem;vertical-align:top}thead th{border-bottom:2px solid var(--ink);text-align:left;background:var(--band)}",
      "tbody th{text-align:left;font-weight:600;overflow-wrap:break-word}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
      ".yes{color:#00664a;font-weight:600}.no{color:#a33c00;font-weight:700}",
      "figure{margin:.5rem 0 1rem}figcaption{font-size:.9rem;color:var(--muted)}svg{width:100%;height:auto;max-width:60rem;display:block}",
      ".formula{background:var(--band);padding:.5rem .75rem;border-left:4px solid " + BLUE + "}",
      "dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.kv dt{font-weight:600}dl.kv dd{margin:0}",
      "@media (max-width:600px){body{padding:.5rem .6rem 2rem;font-size:15px}h1{font-size:1.3rem}th,td{padding:.25rem .35rem}table{font-size:.82rem}}",
      "@media print{body{max-width:none;padding:0;font-size:10pt}nav{display:none}.scroll{overflow:visible}"
          + "h2{break-after:avoid}tr,figure{break-inside:avoid}a{color:inherit}}");

  private final PageModel m;
  private final StringBuilder out;
  private final Evaluation ev;
  private final Problem problem;

  private HtmlPage(PageModel model) {
    this.m = model;
    this.ev = model.evaluation;
    this.problem = model.problem;
    int rows = Math.min(model.options.maxJobRows(), ev.jobs().size());
    this.out = new StringBuilder(32_000 + rows * 900 + problem.tenants().size() * 1_500
        + problem.hubs().size() * 12_000);
  }

  /** The page of {@code model}. */
  public static String render(PageModel model) {
    HtmlPage page = new HtmlPage(model);
    page.document();
    return page.out.toString();
  }

  private void document() {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
        .append("<meta name=\"generator\" content=\"Fairshift transparency page\" />\n<title>");
    text(m.options.title());
    out.append("</title>\n<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n<header>\n<h1>");
    text(m.options.title());
    out.append("</h1>\n<p>Schedule by solver <strong>");
    text(ev.solver());
    out.append("</strong>: ");
    metric("span", "total/scheduledJobs", ev.scheduledJobs(), Fmt.num(ev.scheduledJobs(), 0));
    out.append(" of ");
    metric("span", "total/jobs", ev.jobs().size(), Fmt.num(ev.jobs().size(), 0));
    out.append(" jobs placed, in ");
    metric("span", "total/hubs", problem.hubs().size(), Fmt.num(problem.hubs().size(), 0));
    out.append(" hubs, ").append(Fmt.instant(problem.horizon().start())).append(" to ")
        .append(Fmt.instant(problem.horizon().end())).append(". ");
    if (ev.feasible()) {
      out.append("It breaks no hard rule.");
    } else {
      out.append("<strong class=\"no\">It breaks ");
      metric("span", "total/violations", ev.violations().size(), Fmt.num(ev.violations().size(), 0));
      out.append(" hard rule(s)</strong>: see <a href=\"#violations\">Rule violations</a>.");
    }
    m.options.generatedAt().ifPresent(at -> out.append(" Generated ").append(Fmt.instant(at)).append('.'));
    out.append("</p>\n<p class=\"muted\">Every number on this page comes from Fairshift's Evaluator and is also in the "
        + "open-data JSON of the same schedule");
    m.options.companionJson().ifPresent(name -> {
      out.append(" (<code>");
      text(name);
      out.append("</code>)");
    });
    out.append(". This page runs no script and loads nothing from the network: it reads the same offline and printed.</p>\n");
    out.append("<nav aria-label=\"Sections\"><ul><li><a href=\"#totals\">Totals</a></li><li><a href=\"#tenants\">Tenants</a></li>"
        + "<li><a href=\"#classes\">Tenant classes</a></li><li><a href=\"#limits\">Caps and guarantees</a></li>"
        + "<li><a href=\"#hubs\">Hubs</a></li><li><a href=\"#jobs\">Jobs and prices</a></li>"
        + (ev.feasible() ? "" : "<li><a href=\"#violations\">Rule violations</a></li>")
        + "<li><a href=\"#sources\">Data and method</a></li></ul></nav>\n</header>\n<main>\n");
    totals();
    tenants();
    classes();
    limits();
    hubs();
    jobs();
    violations();
    sources();
    out.append("</main>\n</body>\n</html>\n");
  }

  // ---------------------------------------------------------------- totals

  private void totals() {
    section("totals", "Totals");
    tableStart("Totals of the schedule", "What", "Value");
    String cur = m.options.currency();
    totalRow("Emissions (on actual grid intensity)", "total/emissionsGrams", ev.emissionsGrams(), Fmt.kg(ev.emissionsGrams()) + " CO\u2082e");
    ev.plannedEmissionsGrams().ifPresent(g ->
        totalRow("Emissions on the forecast the solver planned on", "total/plannedEmissionsGrams", g, Fmt.kg(g) + " CO\u2082e"));
    totalRow("Carbon-agnostic reference (each job alone, at its release)", "total/baselineEmissionsGrams",
        ev.baselineEmissionsGrams(), Fmt.kg(ev.baselineEmissionsGrams()) + " CO\u2082e");
    if (m.options.asapEmissionsGrams().isPresent()) {
      double asap = m.options.asapEmissionsGrams().getAsDouble();
      totalRow("Emissions of the ASAP schedule (as soon as possible)", "total/asapEmissionsGrams", asap, Fmt.kg(asap) + " CO\u2082e");
      OptionalDouble saving = m.savingVersusAsap();
      totalRow("Saving against ASAP", "total/savingVersusAsap", saving, saving.isPresent() ? Fmt.pct(saving.getAsDouble()) : "n/a (ASAP emits nothing)");
    }
    if (m.options.lowerBoundGrams().isPresent()) {
      double bound = m.options.lowerBoundGrams().getAsDouble();
      totalRow("Lower bound on the emissions of " + m.options.lowerBoundCovers(), "total/lowerBoundGrams", bound, Fmt.kg(bound) + " CO\u2082e");
      OptionalDouble gap = m.gap();
      totalRow("Gap above the lower bound", "total/gap", gap, gap.isPresent() ? Fmt.pct(gap.getAsDouble())
          : "n/a (the schedule breaks a rule or leaves a job out)");
    }
    totalRow("Of which data transfer", "total/transferEmissionsGrams", ev.transferEmissionsGrams(), Fmt.kg(ev.transferEmissionsGrams()) + " CO\u2082e");
    totalRow("Facility energy", "total/energyKwh", ev.energyKwh(), Fmt.num(ev.energyKwh(), 1) + "\u00a0kWh");
    totalRow("Grid energy", "total/gridKwh", ev.gridKwh(), Fmt.num(ev.gridKwh(), 1) + "\u00a0kWh");
    totalRow("On-site renewable energy used", "total/renewableKwh", ev.renewableKwh(), Fmt.num(ev.renewableKwh(), 1) + "\u00a0kWh");
    totalRow("Renewable share", "total/renewableShare", ev.renewableShare(), Fmt.pct(ev.renewableShare()));
    totalRow("Data-transfer energy", "total/transferKwh", ev.transferKwh(), Fmt.num(ev.transferKwh(), 1) + "\u00a0kWh");
    totalRow("Emissions per kWh", "total/gramsPerKwh", ev.gramsPerKwh(), Fmt.num(ev.gramsPerKwh(), 1) + "\u00a0g/kWh");
    totalRow("Cost (energy plus carbon)", "total/cost", ev.cost(), Fmt.num(ev.cost(), 2) + "\u00a0" + cur);
    totalRow("Of which carbon at " + Fmt.num(problem.carbonPricePerTonne(), 2) + " " + cur + " per tonne",
        "total/carbonCost", m.carbonCostTotal(), Fmt.num(m.carbonCostTotal(), 2) + "\u00a0" + cur);
    totalRow("Jobs left unscheduled", "total/unscheduledJobs", ev.unscheduledJobs(), Fmt.num(ev.unscheduledJobs(), 0));
    totalRow("Jain's fairness index over tenants' served fractions (1 = all alike)", "total/jainIndex",
        ev.jainIndex(), Fmt.num(ev.jainIndex(), 3));
    out.append("<tr><th scope=\"row\">Every tenant's guarantee met</th>");
    bool("total/allQuotasMet", ev.allQuotasMet());
    out.append("</tr>\n");
    tableEnd();
    out.append("</section>\n");
  }

  private void totalRow(String label, String key, double value, String display) {
    out.append("<tr><th scope=\"row\">");
    text(label);
    out.append("</th>");
    metric("td", key, value, display);
    out.append("</tr>\n");
  }

  private void totalRow(String label, String key, OptionalDouble value, String display) {
    out.append("<tr><th scope=\"row\">");
    text(label);
    out.append("</th>");
    if (value.isPresent()) {
      metric("td", key, value.getAsDouble(), display);
    } else {
      empty("td", key, display);
    }
    out.append("</tr>\n");
  }

  // ---------------------------------------------------------------- tenants

  private void tenants() {
    section("tenants", "Tenants");
    out.append("<p>For each tenant: how many of its jobs were placed, how long they waited (from release to start), "
        + "its share of all hubs' capacity over the horizon (unit-slots) against what its guarantee entitles it to and "
        + "what its cap allows, whether its guarantee was met in every fairness window, and its emissions.</p>\n");
    tableStart("Per tenant", "Tenant", "Class", "Jobs", "Placed", "Acceptance rate", "Wait p50", "Wait p95",
        "Share of capacity", "Guarantee (share)", "Cap (share)", "Quota met", "Emissions");
    for (TenantResult t : ev.tenants()) {
      String k = "tenant/" + t.tenant() + "/";
      out.append("<tr><th scope=\"row\">");
      text(t.tenant());
      out.append("</th><td>");
      text(t.tenantClass());
      out.append("</td>");
      metric("td", k + "jobs", t.jobs(), Fmt.num(t.jobs(), 0));
      metric("td", k + "scheduledJobs", t.scheduledJobs(), Fmt.num(t.scheduledJobs(), 0));
      metric("td", k + "acceptanceRate", t.acceptanceRate(), Fmt.pct(t.acceptanceRate()));
      wait(k + "waitP50Seconds", t.waitP50());
      wait(k + "waitP95Seconds", t.waitP95());
      metric("td", k + "shareOfCapacity", t.shareOfCapacity(), Fmt.pct(t.shareOfCapacity()));
      double g = m.fractionOfCapacity(t.guaranteedUnitSlots());
      metric("td", k + "guaranteedShareOfCapacity", g, Fmt.pct(g));
      double c = m.fractionOfCapacity(t.maxUnitSlots());
      metric("td", k + "capShareOfCapacity", c, Fmt.pct(c));
      bool(k + "quotaMet", t.quotaMet());
      metric("td", k + "emissionsGrams", t.emissionsGrams(), Fmt.kg(t.emissionsGrams()));
      out.append("</tr>\n");
    }
    tableEnd();
    out.append("<p class=\"muted\">Guarantee (share) is min(demand, guaranteed share \u00d7 capacity) summed over the "
        + "tenant's fairness windows, over the total capacity; cap (share) is the maximum share \u00d7 capacity over the "
        + "total capacity. Waits are nearest-rank percentiles over placed jobs.</p>\n</section>\n");
  }

  private void classes() {
    section("classes", "Tenant classes");
    out.append("<p>The tenants of each class taken together: did newcomers, civic and research users get served?</p>\n");
    tableStart("Per tenant class", "Class", "Tenants", "Jobs", "Placed", "Acceptance rate", "Wait p50", "Wait p95",
        "Share of capacity", "Guarantee (share)", "Cap (share)", "Quota met by all", "Emissions");
    for (PageModel.ClassResult c : m.classes) {
      String k = "class/" + c.tenantClass() + "/";
      out.append("<tr><th scope=\"row\">");
      text(c.tenantClass());
      out.append("</th>");
      metric("td", k + "tenants", c.tenants(), Fmt.num(c.tenants(), 0));
      metric("td", k + "jobs", c.jobs(), Fmt.num(c.jobs(), 0));
      metric("td", k + "scheduledJobs", c.scheduledJobs(), Fmt.num(c.scheduledJobs(), 0));
      metric("td", k + "acceptanceRate", c.acceptanceRate(), Fmt.pct(c.acceptanceRate()));
      wait(k + "waitP50Seconds", c.waitP50());
      wait(k + "waitP95Seconds", c.waitP95());
      metric("td", k + "shareOfCapacity", c.shareOfCapacity(), Fmt.pct(c.shareOfCapacity()));
      double g = m.fractionOfCapacity(c.guaranteedUnitSlots());
      metric("td", k + "guaranteedShareOfCapacity", g, Fmt.pct(g));
      double cap = m.fractionOfCapacity(c.maxUnitSlots());
      metric("td", k + "capShareOfCapacity", cap, Fmt.pct(cap));
      bool(k + "quotaMet", c.quotaMet());
      metric("td", k + "emissionsGrams", c.emissionsGrams(), Fmt.kg(c.emissionsGrams()));
      out.append("</tr>\n");
    }
    tableEnd();
    out.append("</section>\n");
  }

  private void limits() {
    section("limits", "Caps and guarantees");
    out.append("<p>Every cap on any tenant and every guaranteed reservation, in the open: no exclusive lock-ups. "
        + "Shares are of all hubs' capacity, in unit-slots, per fairness window.</p>\n");
    tableStart("Every tenant's guarantee and cap", "Tenant", "Guaranteed share", "Guaranteed unit-slots",
        "Maximum share", "Cap in unit-slots", "Weight", "Fairness window");
    for (int i = 0; i < problem.tenants().size(); i++) {
      Tenant tenant = problem.tenants().get(i);
      TenantResult t = ev.tenants().get(i);
      String k = "tenant/" + t.tenant() + "/";
      out.append("<tr><th scope=\"row\">");
      text(tenant.id());
      out.append("</th>");
      metric("td", k + "guaranteedShare", tenant.guaranteedShare(),
          tenant.hasGuarantee() ? Fmt.pct(tenant.guaranteedShare()) : "none");
      metric("td", k + "guaranteedUnitSlots", t.guaranteedUnitSlots(), Fmt.num(t.guaranteedUnitSlots(), 1));
      metric("td", k + "maxShare", tenant.maxShare(), tenant.maxShare() >= 1 ? "no cap (100\u00a0%)" : Fmt.pct(tenant.maxShare()));
      metric("td", k + "maxUnitSlots", t.maxUnitSlots(), Fmt.num(t.maxUnitSlots(), 1));
      metric("td", k + "weight", tenant.weight(), Fmt.num(tenant.weight(), 2));
      int slots = tenant.windowSlotsIn(problem.horizon().slots());
      metric("td", k + "fairnessWindowSlots", slots, t.hasFairnessWindows()
          ? Fmt.duration(problem.horizon().slotLength().multipliedBy(slots)) + " (" + t.windows().size() + " windows)"
          : "whole horizon");
      out.append("</tr>\n");
    }
    tableEnd();
    for (TenantResult t : ev.tenants()) {
      if (!t.hasFairnessWindows()) {
        continue;
      }
      out.append("<h3>Fairness windows of ");
      text(t.tenant());
      out.append("</h3>\n");
      tableStart("Guarantee and cap of " + t.tenant() + " per window", "Window", "Demanded", "Guaranteed", "Placed",
          "Quota met", "Running", "Cap");
      int shown = Math.min(MAX_WINDOW_ROWS, t.windows().size());
      for (int w = 0; w < shown; w++) {
        TenantWindowResult r = t.windows().get(w);
        FairnessWindow win = r.window();
        String k = "tenant/" + t.tenant() + "/window/" + win.index() + "/";
        out.append("<tr><th scope=\"row\">").append(Fmt.instant(win.start())).append(" to ").append(Fmt.instant(win.end()))
            .append("</th>");
        metric("td", k + "demandedUnitSlots", r.demandedUnitSlots(), Fmt.num(r.demandedUnitSlots(), 0));
        metric("td", k + "guaranteedUnitSlots", r.guaranteedUnitSlots(), Fmt.num(r.guaranteedUnitSlots(), 1));
        metric("td", k + "scheduledUnitSlots", r.scheduledUnitSlots(), Fmt.num(r.scheduledUnitSlots(), 0));
        bool(k + "quotaMet", r.quotaMet());
        metric("td", k + "runningUnitSlots", r.runningUnitSlots(), Fmt.num(r.runningUnitSlots(), 0));
        metric("td", k + "maxUnitSlots", r.maxUnitSlots(), Fmt.num(r.maxUnitSlots(), 1));
        out.append("</tr>\n");
      }
      tableEnd();
      if (shown < t.windows().size()) {
        out.append("<p class=\"muted\">The first ").append(shown).append(" of ").append(t.windows().size())
            .append(" windows; all are in the JSON. Unmet windows: ").append(t.unmetWindows().size()).append(".</p>\n");
      }
    }
    out.append("</section>\n");
  }

  // ---------------------------------------------------------------- hubs

  private void hubs() {
    section("hubs", "Hubs");
    tableStart("Per hub", "Hub", "Grid zone", "Facility energy", "Grid energy", "Renewable energy used", "Emissions",
        "Utilisation", "Peak utilisation", "Peak power", "Power cap", "Peak power / cap");
    for (int h = 0; h < problem.hubs().size(); h++) {
      Hub hub = problem.hubs().get(h);
      HubResult r = m.hubResult(h);
      String k = "hub/" + r.hub() + "/";
      out.append("<tr><th scope=\"row\">");
      text(r.hub());
      out.append("</th><td>");
      text(r.zone());
      out.append("</td>");
      metric("td", k + "energyKwh", r.energyKwh(), Fmt.num(r.energyKwh(), 1) + "\u00a0kWh");
      metric("td", k + "gridKwh", r.gridKwh(), Fmt.num(r.gridKwh(), 1) + "\u00a0kWh");
      metric("td", k + "renewableKwh", r.renewableKwh(), Fmt.num(r.renewableKwh(), 1) + "\u00a0kWh");
      metric("td", k + "emissionsGrams", r.emissionsGrams(), Fmt.kg(r.emissionsGrams()));
      metric("td", k + "utilisation", r.utilisation(), Fmt.pct(r.utilisation()));
      metric("td", k + "peakUtilisation", r.peakUtilisation(), Fmt.pct(r.peakUtilisation()));
      metric("td", k + "peakPowerKw", r.peakPowerKw(), Fmt.num(r.peakPowerKw(), 1) + "\u00a0kW");
      Optional<double[]> cap = m.powerCapRange(hub);
      if (cap.isPresent()) {
        double[] c = cap.get();
        metric("td", k + "powerCapKw", c[0], c[0] == c[1] ? Fmt.num(c[0], 1) + "\u00a0kW"
            : Fmt.num(c[0], 1) + "\u2013" + Fmt.num(c[1], 1) + "\u00a0kW");
        double over = m.hubPeakOverCap.get(h).getAsDouble();
        metric("td", k + "peakPowerOverCap", over, Fmt.pct(over));
      } else {
        empty("td", k + "powerCapKw", "no cap");
        empty("td", k + "peakPowerOverCap", "\u2014");
      }
      out.append("</tr>\n");
    }
    tableEnd();
    out.append("<p class=\"muted\">Utilisation is capacity used over capacity offered over the horizon (unit-slots). "
        + "Peak power / cap is the highest ratio of facility power to the power cap in any slot.</p>\n");
    for (int h = 0; h < problem.hubs().size(); h++) {
      hubChart(h);
    }
    out.append("</section>\n");
  }

  private void hubChart(int h) {
    Hub hub = problem.hubs().get(h);
    HubResult r = m.hubResult(h);
    int slots = problem.horizon().slots();
    double[] load = m.hubLoadKw.get(h);
    double[] renewable = hub.renewableKw().toArray(slots);
    double[] grams = problem.zoneOf(hub).gramsPerKwh().toArray(slots);
    double[] cap = hub.powerCapKw().isPresent() ? hub.powerCapKw().get().toArray(slots) : null;
    int per = (slots + MAX_CHART_POINTS - 1) / MAX_CHART_POINTS;
    double[] bl = bucketMeans(load, per);
    double[] br = bucketMeans(renewable, per);
    double[] bg = bucketMeans(grams, per);
    double[] bc = cap == null ? null : bucketMeans(cap, per);
    double kwMax = Math.max(1e-9, Math.max(max(bl), Math.max(max(br), bc == null ? 0 : max(bc))));
    double gMax = Math.max(1e-9, max(bg));
    double peakLoad = max(load);
    int peakSlot = indexOfMax(load);
    double meanGrams = mean(grams);
    String id = "hub-" + h;

    out.append("<h3 id=\"").append(id).append("\">Hub ");
    text(r.hub());
    out.append(" (grid zone ");
    text(r.zone());
    out.append(")</h3>\n<figure>\n<svg viewBox=\"0 0 760 276\" role=\"img\" aria-labelledby=\"")
        .append(id).append("-title ").append(id).append("-desc\" preserveAspectRatio=\"xMidYMid meet\">\n<title id=\"")
        .append(id).append("-title\">Load of hub ");
    text(r.hub());
    out.append(" over the horizon against grid intensity and on-site renewable supply</title>\n<desc id=\"")
        .append(id).append("-desc\">");
    text("Facility power peaks at " + Fmt.num(peakLoad, 1) + " kW in the slot starting "
        + Fmt.instant(problem.horizon().slotStart(peakSlot)) + (cap == null ? " (no power cap)" : ", against a cap of "
        + Fmt.num(cap[peakSlot], 1) + " kW") + ". On-site renewable supply is " + Fmt.num(max(renewable), 1)
        + " kW at most. Grid intensity of zone " + r.zone() + " ranges from " + Fmt.num(min(grams), 0) + " to "
        + Fmt.num(max(grams), 0) + " g CO2e/kWh, mean " + Fmt.num(meanGrams, 0) + ". The table below lists the values.");
    out.append("</desc>\n");
    // Plot area x 56..700, y 16..210; left axis kW, right axis g/kWh.
    double x0 = 56;
    double x1 = 700;
    double y0 = 210;
    double y1 = 16;
    int n = bl.length;
    double dx = (x1 - x0) / n;
    out.append("<g font-size=\"11\" fill=\"#333\">\n")
        .append("<line x1=\"56\" y1=\"210\" x2=\"700\" y2=\"210\" stroke=\"#333\" />")
        .append("<line x1=\"56\" y1=\"16\" x2=\"56\" y2=\"210\" stroke=\"#333\" />")
        .append("<line x1=\"700\" y1=\"16\" x2=\"700\" y2=\"210\" stroke=\"#333\" />\n")
        .append("<text x=\"52\" y=\"214\" text-anchor=\"end\">0</text>")
        .append("<text x=\"52\" y=\"20\" text-anchor=\"end\">").append(Fmt.num(kwMax, 0)).append("</text>")
        .append("<text x=\"4\" y=\"113\" transform=\"rotate(-90 10 113)\" text-anchor=\"middle\">kW</text>")
        .append("<text x=\"704\" y=\"214\">0</text>")
        .append("<text x=\"704\" y=\"20\">").append(Fmt.num(gMax, 0)).append("</text>")
        .append("<text x=\"704\" y=\"113\">g/kWh</text>\n")
        .append("<text x=\"56\" y=\"226\">").append(Fmt.instant(problem.horizon().start())).append("</text>")
        .append("<text x=\"700\" y=\"226\" text-anchor=\"end\">").append(Fmt.instant(problem.horizon().end()))
        .append("</text>\n</g>\n");
    // load: filled step area
    out.append("<path fill=\"").append(BLUE).append("\" fill-opacity=\"0.55\" stroke=\"").append(BLUE)
        .append("\" stroke-width=\"1\" d=\"M").append(c(x0)).append(',').append(c(y0));
    for (int i = 0; i < n; i++) {
      double y = y0 - (y0 - y1) * bl[i] / kwMax;
      out.append(" L").append(c(x0 + i * dx)).append(',').append(c(y)).append(" L").append(c(x0 + (i + 1) * dx))
          .append(',').append(c(y));
    }
    out.append(" L").append(c(x1)).append(',').append(c(y0)).append(" Z\" />\n");
    stepLine(br, kwMax, x0, dx, y0, y1, GREEN, "3", null);
    if (bc != null) {
      stepLine(bc, kwMax, x0, dx, y0, y1, BLACK, "1.5", "2 3");
    }
    stepLine(bg, gMax, x0, dx, y0, y1, VERMILLION, "2", "7 4");
    // legend: shape and dash tell the series apart without colour
    out.append("<g font-size=\"12\" fill=\"#1a1a1a\">")
        .append("<rect x=\"60\" y=\"238\" width=\"18\" height=\"10\" fill=\"").append(BLUE).append("\" fill-opacity=\"0.55\" stroke=\"").append(BLUE).append("\" />")
        .append("<text x=\"84\" y=\"247\">facility load (kW, area)</text>")
        .append("<line x1=\"250\" y1=\"243\" x2=\"274\" y2=\"243\" stroke=\"").append(GREEN).append("\" stroke-width=\"3\" />")
        .append("<text x=\"280\" y=\"247\">on-site renewables (kW, solid)</text>")
        .append("<line x1=\"470\" y1=\"243\" x2=\"494\" y2=\"243\" stroke=\"").append(VERMILLION).append("\" stroke-width=\"2\" stroke-dasharray=\"7 4\" />")
        .append("<text x=\"500\" y=\"247\">grid g/kWh (dashed, right axis)</text>");
    if (bc != null) {
      out.append("<line x1=\"60\" y1=\"262\" x2=\"84\" y2=\"262\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\" />")
          .append("<text x=\"90\" y=\"266\">power cap (kW, dotted)</text>");
    }
    out.append("</g>\n</svg>\n<figcaption>Facility load of hub ");
    text(r.hub());
    out.append(per > 1 ? " (each point the mean of " + per + " slots)" : " per slot")
        .append(" against the carbon intensity of its grid and its on-site renewable supply.</figcaption>\n</figure>\n");

    // text alternative: the same series in at most MAX_CHART_TABLE_ROWS rows
    int rowsPer = (slots + MAX_CHART_TABLE_ROWS - 1) / MAX_CHART_TABLE_ROWS;
    tableStart("Hub " + r.hub() + ": mean values per " + Fmt.duration(problem.horizon().slotLength().multipliedBy(rowsPer))
        .replace('\u00a0', ' '), "From", "Slots", "Facility load", "On-site renewables", "Grid intensity", "Power cap");
    String k = "hub/" + r.hub() + "/period/";
    for (int b = 0, p = 0; b < slots; b += rowsPer, p++) {
      int e = Math.min(slots, b + rowsPer);
      out.append("<tr><th scope=\"row\">").append(Fmt.instant(problem.horizon().slotStart(b))).append("</th>");
      metric("td", k + p + "/slots", e - b, Integer.toString(e - b));
      double ml = mean(load, b, e);
      metric("td", k + p + "/meanLoadKw", ml, Fmt.num(ml, 1) + "\u00a0kW");
      double mr = mean(renewable, b, e);
      metric("td", k + p + "/meanRenewableKw", mr, Fmt.num(mr, 1) + "\u00a0kW");
      double mg = mean(grams, b, e);
      metric("td", k + p + "/meanGramsPerKwh", mg, Fmt.num(mg, 0) + "\u00a0g/kWh");
      if (cap != null) {
        double mc = mean(cap, b, e);
        metric("td", k + p + "/meanPowerCapKw", mc, Fmt.num(mc, 1) + "\u00a0kW");
      } else {
        empty("td", k + p + "/meanPowerCapKw", "no cap");
      }
      out.append("</tr>\n");
    }
    tableEnd();
  }

  private void stepLine(double[] values, double max, double x0, double dx, double y0, double y1, String colour,
      String width, String dash) {
    out.append("<path fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"").append(width).append('"');
    if (dash != null) {
      out.append(" stroke-dasharray=\"").append(dash).append('"');
    }
    out.append(" d=\"");
    for (int i = 0; i < values.length; i++) {
      double y = y0 - (y0 - y1) * values[i] / max;
      out.append(i == 0 ? "M" : " L").append(c(x0 + i * dx)).append(',').append(c(y)).append(" L")
          .append(c(x0 + (i + 1) * dx)).append(',').append(c(y));
    }
    out.append("\" />\n");
  }

  private static String c(double v) {
    return Fmt.plain(v, 1);
  }

  // ---------------------------------------------------------------- jobs

  private void jobs() {
    section("jobs", "Jobs and prices");
    String cur = m.options.currency();
    out.append("<p class=\"formula\">A job's price is cost-based: <strong>price = energy + carbon</strong>, where "
        + "energy = \u03a3 over its slots of its share of the hub's grid energy (kWh) \u00d7 the hub's price in that slot (")
        .append(Fmt.escape(cur)).append("/kWh), and carbon = its emissions (g) / 10<sup>6</sup> \u00d7 the carbon price of ");
    metric("span", "total/carbonPricePerTonne", problem.carbonPricePerTonne(), Fmt.num(problem.carbonPricePerTonne(), 2));
    out.append("\u00a0").append(Fmt.escape(cur)).append(" per tonne CO\u2082e. A job's share of a slot's grid energy is "
        + "in proportion to its facility energy there, after on-site renewables.</p>\n");
    int total = ev.jobs().size();
    int shown = Math.min(total, m.options.maxJobRows());
    out.append("<p>");
    if (shown < total) {
      out.append("This page lists the first ");
      metric("span", "total/jobRowsShown", shown, Fmt.num(shown, 0));
      out.append(" of ").append(Fmt.num(total, 0)).append(" jobs, in the order of the problem. Every job is in the "
          + "open-data JSON of this schedule");
      m.options.companionJson().ifPresent(name -> {
        out.append(" (<code>");
        text(name);
        out.append("</code>)");
      });
      out.append(". ");
    } else {
      out.append("All ");
      metric("span", "total/jobRowsShown", shown, Fmt.num(shown, 0));
      out.append(" jobs, in the order of the problem. ");
    }
    out.append("Use your browser's find (Ctrl+F or \u2318F) to search this list.</p>\n");
    tableStart("Per job", "Job", "Tenant", "Hub", "Start", "Wait", "Emissions (g)", "Carbon-agnostic reference (g)",
        "Energy (" + cur + ")", "Carbon (" + cur + ")", "Price (" + cur + ")");
    for (int i = 0; i < shown; i++) {
      JobResult j = ev.jobs().get(i);
      String k = "job/" + j.job() + "/";
      out.append("<tr><th scope=\"row\">");
      text(j.job());
      out.append("</th><td>");
      text(j.tenant());
      out.append("</td><td>");
      if (j.hub().isPresent()) {
        text(j.hub().get());
        out.append("</td><td>").append(Fmt.instant(j.start().get())).append("</td>");
        wait(k + "waitSeconds", j.waitTime());
      } else {
        out.append("<span class=\"no\">not scheduled</span>");
        String reason = m.unscheduledReasons.get(j.job());
        if (reason != null) {
          out.append(": ");
          text(reason);
        }
        out.append("</td><td>\u2014</td>");
        empty("td", k + "waitSeconds", "\u2014");
      }
      metric("td", k + "emissionsGrams", j.emissionsGrams(), Fmt.num(j.emissionsGrams(), 1));
      metric("td", k + "baselineEmissionsGrams", j.baselineEmissionsGrams(), Fmt.num(j.baselineEmissionsGrams(), 1));
      double energy = m.energyCost(j);
      double carbon = m.carbonCost(j);
      metric("td", k + "energyCost", energy, Fmt.num(energy, 4));
      metric("td", k + "carbonCost", carbon, Fmt.num(carbon, 4));
      metric("td", k + "price", j.cost(), Fmt.num(j.cost(), 4));
      out.append("</tr>\n");
    }
    tableEnd();
    out.append("</section>\n");
  }

  private void violations() {
    if (ev.feasible()) {
      return;
    }
    section("violations", "Rule violations");
    tableStart("Every hard rule the schedule breaks", "Rule", "Concerns", "Slot", "What");
    for (Violation v : ev.violations()) {
      out.append("<tr><th scope=\"row\">").append(v.rule().name()).append("</th><td>");
      text(v.subject());
      out.append("</td><td>").append(v.slot() >= 0 ? Integer.toString(v.slot()) : "\u2014").append("</td><td>");
      text(v.message());
      out.append("</td></tr>\n");
    }
    tableEnd();
    out.append("</section>\n");
  }

  private void sources() {
    section("sources", "Data and method");
    out.append("<dl class=\"kv\"><dt>Solver</dt><dd>");
    text(ev.solver());
    out.append("</dd><dt>Planning used</dt><dd>").append(m.plannedOnForecast()
        ? "forecast carbon intensities (the emissions above are on the actual intensities; the forecast ones are listed too)"
        : "the actual carbon intensities (no forecast in the problem)")
        .append("</dd><dt>Signal</dt><dd>").append(problem.intensities().signal().jsonName())
        .append(" grid intensity</dd><dt>Horizon</dt><dd>").append(problem.horizon().slots()).append(" slots of ")
        .append(Fmt.duration(problem.horizon().slotLength())).append(" from ").append(Fmt.instant(problem.horizon().start()))
        .append("</dd></dl>\n");
    List<DataSource> sources = m.options.dataSources();
    if (sources.isEmpty()) {
      out.append("<p>No data sources were given for this page.</p>\n");
    } else {
      tableStart("Data sources and their licences", "Source", "Licence", "Where from");
      for (DataSource s : sources) {
        out.append("<tr><th scope=\"row\">");
        text(s.name());
        out.append("</th><td>");
        text(s.licence());
        out.append("</td><td><code>");
        text(s.address());
        out.append("</code></td></tr>\n");
      }
      tableEnd();
    }
    out.append("<p class=\"muted\">Accounting: a hub's facility energy in a slot is PUE \u00d7 the jobs' power \u00d7 the slot "
        + "length; grid energy is what on-site renewables leave; emissions are grid energy \u00d7 the zone's intensity plus "
        + "data-transfer emissions. Fairshift's FORMAT.md defines every number.</p>\n</section>\n");
  }

  // ---------------------------------------------------------------- helpers

  private void section(String id, String heading) {
    out.append("<section id=\"").append(id).append("\" aria-labelledby=\"").append(id).append("-h\">\n<h2 id=\"")
        .append(id).append("-h\">").append(heading).append("</h2>\n");
  }

  private void tableStart(String caption, String... headers) {
    out.append("<div class=\"scroll\"><table>\n<caption>");
    text(caption);
    out.append("</caption>\n<thead><tr>");
    for (String h : headers) {
      out.append("<th scope=\"col\">");
      text(h);
      out.append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
  }

  private void tableEnd() {
    out.append("</tbody>\n</table></div>\n");
  }

  private void metric(String tag, String key, double value, String display) {
    out.append('<').append(tag).append(tag.equals("td") ? " class=\"n\"" : "").append(" data-metric=\"");
    Fmt.escape(out, key);
    out.append("\" data-value=\"").append(Fmt.raw(value)).append("\">");
    text(display);
    out.append("</").append(tag).append('>');
  }

  private void empty(String tag, String key, String display) {
    out.append('<').append(tag).append(" data-metric=\"");
    Fmt.escape(out, key);
    out.append("\" data-value=\"\">");
    text(display);
    out.append("</").append(tag).append('>');
  }

  private void bool(String key, boolean value) {
    out.append("<td data-metric=\"");
    Fmt.escape(out, key);
    out.append("\" data-value=\"").append(value).append("\" class=\"").append(value ? "yes\">\u2713 yes" : "no\">\u2717 no")
        .append("</td>");
  }

  private void wait(String key, Optional<Duration> wait) {
    if (wait.isPresent()) {
      metric("td", key, wait.get().getSeconds(), Fmt.duration(wait.get()));
    } else {
      empty("td", key, "\u2014");
    }
  }

  private void text(String s) {
    Fmt.escape(out, s);
  }

  private static double[] bucketMeans(double[] values, int per) {
    int n = (values.length + per - 1) / per;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = mean(values, i * per, Math.min(values.length, (i + 1) * per));
    }
    return out;
  }

  private static double mean(double[] v, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += v[i];
    }
    return to > from ? sum / (to - from) : 0;
  }

  private static double mean(double[] v) {
    return mean(v, 0, v.length);
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double d : v) {
      m = Math.max(m, d);
    }
    return v.length == 0 ? 0 : m;
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double d : v) {
      m = Math.min(m, d);
    }
    return v.length == 0 ? 0 : m;
  }

  private static int indexOfMax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
