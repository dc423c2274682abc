package dev.fairshift.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Hand-written SVG line charts of the results: emissions saved versus slack, and run time versus
 * problem size on log-log axes. Self-contained SVG 1.1, no scripts. Stateless and thread-safe.
 */
public final class SvgCharts {
  private static final int W = 760;
  private static final int H = 400;
  private static final int LEFT = 70;
  private static final int RIGHT = 280;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;
  private static final String[] COLOURS =
      {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666", "#1f78b4"};

  private SvgCharts() {}

  /**
   * Mean emissions saved versus ASAP (percent) against the jobs' slack (hours, evenly spaced
   * categories), one line per solver other than {@code asap}.
   */
  public static String savedVsSlack(List<QualityRow> rows) {
    TreeSet<Integer> slackSet = new TreeSet<>();
    rows.forEach(r -> slackSet.add(r.slackHours()));
    List<Integer> slacks = new ArrayList<>(slackSet);
    Map<String, double[]> series = new LinkedHashMap<>();
    for (List<QualityRow> g : ResultWriters.bySlackAndSolver(rows).values()) {
      String solver = g.get(0).solver();
      if (solver.equals("asap")) {
        continue;
      }
      double[] y = series.computeIfAbsent(solver, k -> filled(slacks.size()));
      y[slacks.indexOf(g.get(0).slackHours())] = g.stream().mapToDouble(QualityRow::savedPercent).average().orElse(0);
    }
    double maxY = 5;
    for (double[] y : series.values()) {
      for (double v : y) {
        if (!Double.isNaN(v)) {
          maxY = Math.max(maxY, v);
        }
      }
    }
    maxY = Math.ceil(maxY / 5) * 5;
    StringBuilder svg = open("Emissions saved vs ASAP by slack (real 2023 grid data)");
    int n = slacks.size();
    for (int i = 0; i < n; i++) {
      double x = xCat(i, n);
      svg.append(text(x, H - BOTTOM + 18, "middle", slacks.get(i) + " h"));
    }
    for (double v = 0; v <= maxY + 1e-9; v += maxY / 5) {
      double y = yLin(v, 0, maxY);
      svg.append(gridLine(y)).append(text(LEFT - 8, y + 4, "end", ResultWriters.fmt(v, 0) + " %"));
    }
    svg.append(text(LEFT + (W - LEFT - RIGHT) / 2.0, H - 10, "middle", "slack (hours)"));
    int c = 0;
    for (Map.Entry<String, double[]> s : series.entrySet()) {
      List<double[]> pts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (!Double.isNaN(s.getValue()[i])) {
          pts.add(new double[] {xCat(i, n), yLin(s.getValue()[i], 0, maxY)});
        }
      }
      svg.append(line(pts, COLOURS[c % COLOURS.length])).append(legend(c, s.getKey(), COLOURS[c % COLOURS.length]));
      c++;
    }
    return close(svg);
  }

  /** Wall time (ms) against jobs, both on log scales, one line per solver. */
  public static String runtimeVsSize(List<ScalingRow> rows) {
    Map<String, double[][]> series = ResultWriters.scalingSeries(rows);
    double minX = Double.MAX_VALUE;
    double maxX = 0;
    double minY = Double.MAX_VALUE;
    double maxY = 0;
    for (double[][] xy : series.values()) {
      for (int i = 0; i < xy[0].length; i++) {
        minX = Math.min(minX, xy[0][i]);
        maxX = Math.max(maxX, xy[0][i]);
        minY = Math.min(minY, xy[1][i]);
        maxY = Math.max(maxY, xy[1][i]);
      }
    }
    double lx0 = Math.floor(Math.log10(minX));
    double lx1 = Math.max(lx0 + 1, Math.ceil(Math.log10(maxX)));
    double ly0 = Math.floor(Math.log10(Math.max(minY, 1e-3)));
    double ly1 = Math.max(ly0 + 1, Math.ceil(Math.log10(maxY)));
    int hubs = rows.isEmpty() ? 0 : rows.get(0).hubs();
    int slots = rows.isEmpty() ? 0 : rows.get(0).slots();
    StringBuilder svg = open("Run time vs jobs (" + hubs + " hubs x " + slots + " slots, log-log)");
    for (double e = lx0; e <= lx1 + 1e-9; e++) {
      double x = xLin(e, lx0, lx1);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
          x, TOP, x, H - BOTTOM)).append(text(x, H - BOTTOM + 18, "middle", pow10(e)));
    }
    for (double e = ly0; e <= ly1 + 1e-9; e++) {
      double y = yLin(e, ly0, ly1);
      svg.append(gridLine(y)).append(text(LEFT - 8, y + 4, "end", pow10(e) + " ms"));
    }
    svg.append(text(LEFT + (W - LEFT - RIGHT) / 2.0, H - 10, "middle", "jobs"));
    int c = 0;
    for (Map.Entry<String, double[][]> s : series.entrySet()) {
      double[][] xy = s.getValue();
      List<double[]> pts = new ArrayList<>();
      for (int i = 0; i < xy[0].length; i++) {
        pts.add(new double[] {xLin(Math.log10(xy[0][i]), lx0, lx1), yLin(Math.log10(xy[1][i]), ly0, ly1)});
      }
      String label = s.getKey();
      if (xy[0].length >= 2) {
        label += " (~n^" + ResultWriters.fmt(ResultWriters.logLogSlope(xy[0], xy[1]), 2) + ")";
      }
      svg.append(line(pts, COLOURS[c % COLOURS.length])).append(legend(c, label, COLOURS[c % COLOURS.length]));
      c++;
    }
    return close(svg);
  }

  private static double[] filled(int n) {
    double[] y = new double[n];
    java.util.Arrays.fill(y, Double.NaN);
    return y;
  }

  private static String pow10(double e) {
    double v = Math.pow(10, e);
    return v >= 1 ? String.format(Locale.ROOT, "%,d", Math.round(v)) : ResultWriters.fmt(v, (int) -e);
  }

  private static StringBuilder open(String title) {
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
    svg.append(text(W / 2.0, 22, "middle", title).replace("font-size=\"12\"", "font-size=\"14\""));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
        + "stroke=\"#888\"/>%n", LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM));
    return svg;
  }

  private static String close(StringBuilder svg) {
    return svg.append("</svg>\n").toString();
  }

  private static double xCat(int i, int n) {
    double width = W - LEFT - RIGHT;
    return LEFT + width * (i + 0.5) / n;
  }

  private static double xLin(double v, double lo, double hi) {
    return LEFT + (W - LEFT - RIGHT) * (v - lo) / (hi - lo);
  }

  private static double yLin(double v, double lo, double hi) {
    return H - BOTTOM - (H - TOP - BOTTOM) * (v - lo) / (hi - lo);
  }

  private static String gridLine(double y) {
    return String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
        LEFT, y, W - RIGHT, y);
  }

  private static String line(List<double[]> pts, String colour) {
    StringBuilder out = new StringBuilder("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour)
        .append("\" points=\"");
    for (double[] p : pts) {
      out.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1]));
    }
    out.append("\"/>\n");
    for (double[] p : pts) {
      out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n", p[0], p[1],
          colour));
    }
    return out.toString();
  }

  private static String legend(int i, String label, String colour) {
    double y = TOP + 10 + 20 * i;
    double x = W - RIGHT + 12;
    return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"4\" fill=\"%s\"/>%n",
        x, y - 4, colour) + text(x + 20, y + 2, "start", label);
  }

  private static String text(double x, double y, String anchor, String s) {
    String escaped = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"12\">%s</text>%n",
        x, y, anchor, escaped);
  }
}
