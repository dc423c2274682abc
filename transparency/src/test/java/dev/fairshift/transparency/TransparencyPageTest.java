package dev.fairshift.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Hub;
import dev.fairshift.core.HubResult;
import dev.fairshift.core.Job;
import dev.fairshift.core.JobResult;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.TenantResult;
import dev.fairshift.core.TenantWindowResult;
import dev.fairshift.solver.bound.LowerBound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

class TransparencyPageTest {
  private static Problem problem;
  private static Schedule schedule;
  private static Evaluation evaluation;
  private static double asapGrams;
  private static String html;
  private static Metrics page;

  @BeforeAll
  static void render() {
    problem = Fixtures.problem(42, 120);
    schedule = Fixtures.greedy(problem);
    evaluation = Evaluator.evaluate(problem, schedule);
    asapGrams = Evaluator.evaluate(problem, Fixtures.asap(problem)).emissionsGrams();
    html = TransparencyPage.render(problem, schedule, evaluation, PageOptions.builder()
        .asapEmissionsGrams(asapGrams).lowerBoundGrams(LowerBound.of(problem).gramsCo2e())
        .dataSource(DataSource.of("Carbon intensity DE, GB (Electricity Maps)", "ODbL 1.0", "https://www.electricitymaps.com"))
        .companionJson("report.json").build());
    page = Metrics.parse(html);
  }

  private static long capacity() {
    long sum = 0;
    for (Hub hub : problem.hubs()) {
      for (int s = 0; s < problem.horizon().slots(); s++) {
        sum += hub.capacityUnitsAt(s);
      }
    }
    return sum;
  }

  private static long nearestRank(List<Duration> waits, double q) {
    List<Duration> sorted = new ArrayList<>(waits);
    sorted.sort(null);
    return sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1)).getSeconds();
  }

  @Test
  void theFixtureHasWhatThePageMustShow() {
    assertThat(evaluation.unscheduledJobs()).isPositive();
    assertThat(evaluation.scheduledJobs()).isGreaterThan(60);
    assertThat(evaluation.tenant("students").hasFairnessWindows()).isTrue();
    assertThat(evaluation.renewableKwh()).isPositive();
  }

  @Test
  void tenantNumbersEqualTheEvaluationRecomputedFromTheJobs() {
    long capacity = capacity();
    for (TenantResult t : evaluation.tenants()) {
      String k = "tenant/" + t.tenant() + "/";
      List<Duration> waits = new ArrayList<>();
      int jobs = 0;
      long unitSlots = 0;
      double grams = 0;
      for (JobResult j : evaluation.jobs()) {
        if (!j.tenant().equals(t.tenant())) {
          continue;
        }
        jobs++;
        grams += j.emissionsGrams();
        if (j.scheduled()) {
          waits.add(j.waitTime().orElseThrow());
          Job job = problem.job(j.job());
          unitSlots += (long) job.durationSlots() * job.units();
        }
      }
      assertThat(page.number(k + "jobs")).as(k).isEqualTo(jobs);
      assertThat(page.number(k + "scheduledJobs")).as(k).isEqualTo(waits.size());
      assertThat(page.number(k + "acceptanceRate")).as(k).isEqualTo(jobs == 0 ? 1.0 : (double) waits.size() / jobs);
      if (waits.isEmpty()) {
        assertThat(page.raw(k + "waitP50Seconds")).isEmpty();
      } else {
        assertThat(page.number(k + "waitP50Seconds")).as(k).isEqualTo(nearestRank(waits, 0.5))
            .isEqualTo(t.waitP50().orElseThrow().getSeconds());
        assertThat(page.number(k + "waitP95Seconds")).as(k).isEqualTo(nearestRank(waits, 0.95))
            .isEqualTo(t.waitP95().orElseThrow().getSeconds());
      }
      assertThat(page.number(k + "shareOfCapacity")).as(k).isCloseTo((double) unitSlots / capacity, within(1e-12));
      assertThat(page.number(k + "guaranteedShareOfCapacity")).isEqualTo(t.guaranteedUnitSlots() / capacity);
      assertThat(page.number(k + "guaranteedUnitSlots")).isEqualTo(t.guaranteedUnitSlots());
      assertThat(page.number(k + "capShareOfCapacity")).isCloseTo(problem.tenant(t.tenant()).maxShare(), within(1e-9));
      assertThat(page.number(k + "maxUnitSlots")).isEqualTo(t.maxUnitSlots());
      assertThat(page.number(k + "maxShare")).isEqualTo(problem.tenant(t.tenant()).maxShare());
      assertThat(page.number(k + "guaranteedShare")).isEqualTo(problem.tenant(t.tenant()).guaranteedShare());
      assertThat(page.raw(k + "quotaMet")).isEqualTo(Boolean.toString(t.quotaMet()));
      assertThat(page.number(k + "emissionsGrams")).isEqualTo(t.emissionsGrams()).isCloseTo(grams, within(1e-6 * (1 + grams)));
    }
  }

  @Test
  void everyFairnessWindowOfAWindowedTenantIsListed() {
    TenantResult students = evaluation.tenant("students");
    assertThat(students.windows()).hasSize(7);
    for (TenantWindowResult w : students.windows()) {
      String k = "tenant/students/window/" + w.window().index() + "/";
      assertThat(page.number(k + "guaranteedUnitSlots")).isEqualTo(w.guaranteedUnitSlots());
      assertThat(page.number(k + "demandedUnitSlots")).isEqualTo(w.demandedUnitSlots());
      assertThat(page.number(k + "scheduledUnitSlots")).isEqualTo(w.scheduledUnitSlots());
      assertThat(page.number(k + "runningUnitSlots")).isEqualTo(w.runningUnitSlots());
      assertThat(page.number(k + "maxUnitSlots")).isEqualTo(w.maxUnitSlots());
      assertThat(page.raw(k + "quotaMet")).isEqualTo(Boolean.toString(w.quotaMet()));
    }
    assertThat(page.number("tenant/students/fairnessWindowSlots")).isEqualTo(24);
    assertThat(page.number("tenant/makers-club/fairnessWindowSlots")).isEqualTo(168);
    assertThat(page.has("tenant/makers-club/window/0/quotaMet")).isFalse();
  }

  @Test
  void classNumbersAreTheirTenantsTakenTogether() {
    Map<String, String> classOf = new HashMap<>();
    problem.tenants().forEach(t -> classOf.put(t.id(), t.tenantClass()));
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, List<Duration>> waits = new HashMap<>();
    Map<String, Double> grams = new HashMap<>();
    for (JobResult j : evaluation.jobs()) {
      String c = classOf.get(j.tenant());
      int[] n = counts.computeIfAbsent(c, x -> new int[2]);
      n[0]++;
      grams.merge(c, j.emissionsGrams(), Double::sum);
      if (j.scheduled()) {
        n[1]++;
        waits.computeIfAbsent(c, x -> new ArrayList<>()).add(j.waitTime().orElseThrow());
      }
    }
    assertThat(counts.keySet()).containsExactlyInAnyOrder("newcomer", "civic", "research", "commercial");
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      String k = "class/" + e.getKey() + "/";
      int[] n = e.getValue();
      assertThat(page.number(k + "jobs")).isEqualTo(n[0]);
      assertThat(page.number(k + "scheduledJobs")).isEqualTo(n[1]);
      assertThat(page.number(k + "acceptanceRate")).isEqualTo((double) n[1] / n[0]);
      assertThat(page.number(k + "waitP50Seconds")).isEqualTo(nearestRank(waits.get(e.getKey()), 0.5));
      assertThat(page.number(k + "waitP95Seconds")).isEqualTo(nearestRank(waits.get(e.getKey()), 0.95));
      assertThat(page.number(k + "emissionsGrams")).isCloseTo(grams.get(e.getKey()), within(1e-6 * (1 + grams.get(e.getKey()))));
      boolean met = evaluation.tenants().stream().filter(t -> t.tenantClass().equals(e.getKey())).allMatch(TenantResult::quotaMet);
      assertThat(page.raw(k + "quotaMet")).isEqualTo(Boolean.toString(met));
    }
    assertThat(page.number("class/newcomer/tenants")).isEqualTo(2);
  }

  @Test
  void hubNumbersAndChartDataAgreeWithTheScheduleAndTheEvaluation() {
    double hours = problem.horizon().slotHours();
    for (int h = 0; h < problem.hubs().size(); h++) {
      Hub hub = problem.hubs().get(h);
      HubResult r = evaluation.hubs().get(h);
      String k = "hub/" + hub.id() + "/";
      double[] load = new double[problem.horizon().slots()];
      long used = 0;
      for (Assignment a : schedule.assignments()) {
        if (a.hub().equals(hub.id())) {
          Job job = problem.job(a.job());
          used += (long) a.slots().size() * job.units();
          for (int s : a.slots()) {
            load[s] += hub.pue() * job.powerKw();
          }
        }
      }
      long offered = 0;
      double peak = 0;
      double overCap = 0;
      for (int s = 0; s < load.length; s++) {
        offered += hub.capacityUnitsAt(s);
        peak = Math.max(peak, load[s]);
        overCap = Math.max(overCap, load[s] / hub.powerCapKwAt(s));
      }
      assertThat(page.number(k + "energyKwh")).isEqualTo(r.energyKwh());
      assertThat(page.number(k + "gridKwh")).isEqualTo(r.gridKwh());
      assertThat(page.number(k + "renewableKwh")).isEqualTo(r.renewableKwh());
      assertThat(page.number(k + "emissionsGrams")).isEqualTo(r.emissionsGrams());
      assertThat(page.number(k + "utilisation")).isCloseTo((double) used / offered, within(1e-12));
      assertThat(page.number(k + "peakUtilisation")).isEqualTo(r.peakUtilisation());
      assertThat(page.number(k + "peakPowerKw")).isEqualTo(r.peakPowerKw()).isCloseTo(peak, within(1e-9));
      if (hub.powerCapKw().isPresent()) {
        assertThat(page.number(k + "powerCapKw")).isEqualTo(60);
        assertThat(page.number(k + "peakPowerOverCap")).isCloseTo(overCap, within(1e-12)).isLessThanOrEqualTo(1.0 + 1e-9);
      } else {
        assertThat(page.raw(k + "powerCapKw")).isEmpty();
      }
      // The chart's data table: period means over whole slots, which add up to the hub's energy.
      double energy = 0;
      double renewable = 0;
      int slots = 0;
      for (int p = 0; page.has(k + "period/" + p + "/slots"); p++) {
        int n = (int) page.number(k + "period/" + p + "/slots");
        energy += page.number(k + "period/" + p + "/meanLoadKw") * n * hours;
        renewable += page.number(k + "period/" + p + "/meanRenewableKw") * n * hours;
        slots += n;
      }
      assertThat(slots).isEqualTo(168);
      assertThat(energy).as(k).isCloseTo(r.energyKwh(), within(1e-6 * (1 + r.energyKwh())));
      double supply = 0;
      for (int s = 0; s < 168; s++) {
        supply += hub.renewableKw().at(s) * hours;
      }
      assertThat(renewable).isCloseTo(supply, within(1e-6 * (1 + supply)));
    }
    assertThat(html).contains("<svg").contains("<title id=\"hub-0-title\">").contains("<desc id=\"hub-0-desc\">");
  }

  @Test
  void jobRowsShowHubStartWaitEmissionsAndThePriceSplitByTheFormula() {
    int rows = 0;
    for (JobResult j : evaluation.jobs()) {
      String k = "job/" + j.job() + "/";
      rows++;
      double carbon = 80 * j.emissionsGrams() / 1e6;
      assertThat(page.number(k + "emissionsGrams")).isEqualTo(j.emissionsGrams());
      assertThat(page.number(k + "baselineEmissionsGrams")).isEqualTo(j.baselineEmissionsGrams());
      assertThat(page.number(k + "price")).isEqualTo(j.cost());
      assertThat(page.number(k + "carbonCost")).isCloseTo(carbon, within(1e-12));
      assertThat(page.number(k + "energyCost") + page.number(k + "carbonCost")).isCloseTo(j.cost(), within(1e-9));
      if (j.scheduled()) {
        Assignment a = schedule.assignment(j.job()).orElseThrow();
        assertThat(page.number(k + "waitSeconds")).isEqualTo(Duration.between(problem.job(j.job()).release(),
            problem.horizon().slotStart(a.firstSlot())).getSeconds());
        // the energy part: its grid energy at the hub's (flat) price
        double price = problem.hub(a.hub()).pricePerKwh().at(0);
        assertThat(page.number(k + "energyCost")).isCloseTo(j.gridKwh() * price, within(1e-9));
      } else {
        assertThat(page.raw(k + "waitSeconds")).isEmpty();
        assertThat(page.number(k + "price")).isZero();
      }
    }
    assertThat(rows).isEqualTo(120);
    assertThat(page.number("total/jobRowsShown")).isEqualTo(120);
    assertThat(html).contains("not scheduled").contains("price = energy + carbon");
  }

  @Test
  void totalsEqualTheEvaluationAndTheGivenAsapAndBound() {
    assertThat(page.number("total/emissionsGrams")).isEqualTo(evaluation.emissionsGrams());
    assertThat(page.number("total/energyKwh")).isEqualTo(evaluation.energyKwh());
    assertThat(page.number("total/gridKwh")).isEqualTo(evaluation.gridKwh());
    assertThat(page.number("total/renewableKwh")).isEqualTo(evaluation.renewableKwh());
    assertThat(page.number("total/transferKwh")).isEqualTo(evaluation.transferKwh());
    assertThat(page.number("total/transferEmissionsGrams")).isEqualTo(evaluation.transferEmissionsGrams());
    assertThat(page.number("total/baselineEmissionsGrams")).isEqualTo(evaluation.baselineEmissionsGrams());
    assertThat(page.number("total/cost")).isEqualTo(evaluation.cost());
    assertThat(page.number("total/jainIndex")).isEqualTo(evaluation.jainIndex());
    assertThat(page.number("total/jobs")).isEqualTo(120);
    assertThat(page.number("total/scheduledJobs")).isEqualTo(evaluation.scheduledJobs());
    assertThat(page.number("total/unscheduledJobs")).isEqualTo(120 - evaluation.scheduledJobs());
    assertThat(page.number("total/carbonPricePerTonne")).isEqualTo(80);
    assertThat(page.number("total/asapEmissionsGrams")).isEqualTo(asapGrams);
    assertThat(page.number("total/savingVersusAsap")).isCloseTo(1 - evaluation.emissionsGrams() / asapGrams, within(1e-15));
    assertThat(page.number("total/lowerBoundGrams")).isEqualTo(LowerBound.of(problem).gramsCo2e());
    // Jobs are left out, so no bound applies to this schedule: the gap is shown as absent, not as a number.
    assertThat(page.raw("total/gap")).isEmpty();
    assertThat(page.has("total/plannedEmissionsGrams")).isFalse();
    double sum = evaluation.jobs().stream().mapToDouble(JobResult::emissionsGrams).sum();
    assertThat(page.number("total/emissionsGrams")).isCloseTo(sum, within(1e-6 * sum));
  }

  @Test
  void theGapIsShownForAScheduleThatRunsEveryJob() {
    Problem p = Fixtures.problem(3, 30, "makers-club", false);
    Schedule s = Fixtures.greedy(p);
    Evaluation e = Evaluator.evaluate(p, s);
    assertThat(e.unscheduledJobs()).isZero();
    assertThat(e.feasible()).isTrue();
    double bound = LowerBound.of(p).gramsCo2e();
    Metrics m = Metrics.parse(TransparencyPage.render(p, s, e, PageOptions.builder().lowerBoundGrams(bound).build()));
    assertThat(m.number("total/gap")).isCloseTo(Math.max(0, (e.emissionsGrams() - bound) / bound), within(1e-12));
    assertThat(m.has("total/asapEmissionsGrams")).isFalse();
  }

  @Test
  void everyCapAndGuaranteeIsListedWithTheirOwners() {
    for (Tenant t : problem.tenants()) {
      assertThat(page.has("tenant/" + t.id() + "/maxShare")).isTrue();
      assertThat(page.has("tenant/" + t.id() + "/guaranteedShare")).isTrue();
    }
    assertThat(html).contains("no exclusive lock-ups");
  }

  @Test
  void thePageRunsNoScriptAndFetchesNothing() {
    assertThat(html.toLowerCase()).doesNotContain("<script", "<link", "<img", "<iframe", "<object", "<embed",
        "url(", "@import", "@font-face", "javascript:", " src=");
    // Every attribute of every element: no address to fetch, only in-page links.
    NodeList all = page.document.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      NamedNodeMap attributes = e.getAttributes();
      for (int a = 0; a < attributes.getLength(); a++) {
        String name = attributes.item(a).getNodeName();
        String value = attributes.item(a).getNodeValue();
        assertThat(value).as(name).doesNotContainIgnoringCase("http:").doesNotContainIgnoringCase("https:")
            .doesNotStartWith("//");
        assertThat(name).doesNotStartWith("on").isNotIn("src", "srcset", "xlink:href", "action", "poster");
        if (name.equals("href")) {
          assertThat(value).startsWith("#");
          assertThat(page.document.getElementsByTagName("*")).isNotNull();
          assertThat(html).contains("id=\"" + value.substring(1) + "\"");
        }
      }
    }
    // The data source's address is shown as text.
    assertThat(html).contains("<code>https://www.electricitymaps.com</code>").contains("ODbL 1.0");
  }

  @Test
  void tablesHaveHeadersWithScopeAndChartsHaveTextAlternatives() {
    NodeList tables = page.document.getElementsByTagName("table");
    assertThat(tables.getLength()).isGreaterThan(5);
    for (int i = 0; i < tables.getLength(); i++) {
      Element table = (Element) tables.item(i);
      assertThat(table.getElementsByTagName("caption").getLength()).isEqualTo(1);
      NodeList heads = table.getElementsByTagName("th");
      assertThat(heads.getLength()).isPositive();
      for (int h = 0; h < heads.getLength(); h++) {
        assertThat(((Element) heads.item(h)).getAttribute("scope")).isIn("col", "row");
      }
    }
    NodeList svgs = page.document.getElementsByTagName("svg");
    assertThat(svgs.getLength()).isEqualTo(problem.hubs().size());
    for (int i = 0; i < svgs.getLength(); i++) {
      Element svg = (Element) svgs.item(i);
      assertThat(svg.getAttribute("role")).isEqualTo("img");
      for (String id : svg.getAttribute("aria-labelledby").split(" ")) {
        assertThat(html).contains("id=\"" + id + "\"");
      }
      assertThat(svg.getElementsByTagName("title").item(0).getTextContent()).contains(problem.hubs().get(i).id());
      assertThat(svg.getElementsByTagName("desc").item(0).getTextContent()).contains("kW").contains("g CO2e/kWh");
    }
    assertThat(html).contains("<html lang=\"en\">").contains("name=\"viewport\"").contains("@media print")
        .contains("@media (max-width:600px)");
    // Okabe-Ito colours only for the series
    Matcher colours = Pattern.compile("stroke=\"(#[0-9A-Fa-f]{6})\"").matcher(html);
    while (colours.find()) {
      assertThat(colours.group(1)).isIn("#0072B2", "#009E73", "#D55E00", "#000000", "#333");
    }
  }

  @Test
  void aLargeScheduleListsTheFirstRowsAndPointsToTheJson() {
    String small = TransparencyPage.render(problem, schedule, evaluation,
        PageOptions.builder().maxJobRows(10).companionJson("week-10.json").build());
    Metrics m = Metrics.parse(small);
    assertThat(m.number("total/jobRowsShown")).isEqualTo(10);
    assertThat(m.has("job/job-9/price")).isTrue();
    assertThat(m.has("job/job-10/price")).isFalse();
    assertThat(small).contains("the first ").contains(" of 120 jobs").contains("<code>week-10.json</code>");
  }

  @Test
  void aHundredThousandJobsRenderWithinABoundedSize() {
    Problem big = Fixtures.large(100_000);
    Schedule s = Fixtures.largeSchedule(big);
    Evaluation e = Evaluator.evaluate(big, s);
    assertThat(e.feasible()).isTrue();
    String page = TransparencyPage.render(big, s, e, PageOptions.defaults());
    // Tenants, hubs, charts and the first 1,000 jobs: the page stays small whatever the job count.
    assertThat(page.length()).isLessThan(1_500_000);
    Metrics m = Metrics.parse(page);
    assertThat(m.number("total/jobs")).isEqualTo(100_000);
    assertThat(m.number("total/jobRowsShown")).isEqualTo(1000);
    assertThat(m.number("total/unscheduledJobs")).isEqualTo(2000);
  }

  @Test
  void anEvaluationOfAnotherProblemIsRefusedWithAMessage() {
    Problem other = Fixtures.problem(1, 10);
    assertThatThrownBy(() -> TransparencyPage.render(other, Fixtures.greedy(other), evaluation, PageOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("120 jobs").hasMessageContaining("Maybe evaluate this schedule");
  }

  @Test
  void pageOptionsRefuseBadValuesWithAFix() {
    assertThatThrownBy(() -> PageOptions.builder().maxJobRows(-1).build())
        .hasMessageContaining("maxJobRows").hasMessageContaining("Maybe");
    assertThatThrownBy(() -> PageOptions.builder().asapEmissionsGrams(Double.NaN).build())
        .hasMessageContaining("asapEmissionsGrams").hasMessageContaining("Maybe");
    assertThatThrownBy(() -> PageOptions.builder().lowerBoundGrams(-1).build())
        .hasMessageContaining("lowerBoundGrams");
    assertThatThrownBy(() -> DataSource.of("x", " ", ""))
        .hasMessageContaining("'x' needs a licence");
  }

  @Test
  void sameInputSamePage() {
    String again = TransparencyPage.render(problem, schedule, Evaluator.evaluate(problem, schedule), PageOptions.builder()
        .asapEmissionsGrams(asapGrams).lowerBoundGrams(LowerBound.of(problem).gramsCo2e())
        .dataSource(DataSource.of("Carbon intensity DE, GB (Electricity Maps)", "ODbL 1.0", "https://www.electricitymaps.com"))
        .companionJson("report.json").build());
    assertThat(again).isEqualTo(html);
  }

  @Test
  void aSchedulePlannedOnAForecastShowsBothEmissionsAndSaysSo() throws Exception {
    dev.fairshift.core.Horizon day = dev.fairshift.core.Horizon.hourly(Fixtures.START, 24);
    double[] actual = new double[24];
    double[] forecast = new double[24];
    for (int s = 0; s < 24; s++) {
      actual[s] = 300 + 10 * s;
      forecast[s] = 500 - 10 * s;
    }
    Problem p = Problem.builder().horizon(day)
        .zone(dev.fairshift.core.ZoneIntensity.withForecast("DE", dev.fairshift.core.SlotSeries.of(actual),
            dev.fairshift.core.SlotSeries.of(forecast)))
        .hub(Hub.builder("h", "DE").capacityUnits(2).build())
        .tenant(Tenant.of("t", "civic"))
        .job(Job.builder("j", "t").durationSlots(2).powerKw(10).window(day.start(), day.end()).build())
        .build();
    Schedule s = Fixtures.greedy(p);
    Evaluation e = Evaluator.evaluate(p, s);
    String page = TransparencyPage.render(p, s, e, PageOptions.defaults());
    Metrics m = Metrics.parse(page);
    assertThat(m.number("total/plannedEmissionsGrams")).isEqualTo(e.plannedEmissionsGrams().orElseThrow());
    assertThat(m.number("total/emissionsGrams")).isEqualTo(e.emissionsGrams());
    // planned on the forecast (cheapest at the end of the day), evaluated on actuals (dearest there)
    assertThat(e.emissionsGrams()).isGreaterThan(e.plannedEmissionsGrams().orElseThrow());
    assertThat(page).contains("Planning used</dt><dd>forecast carbon intensities");
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(TransparencyJson.write(p, s, e, PageOptions.defaults()));
    assertThat(json.get("planningBasis").asText()).isEqualTo("forecast");
    assertThat(json.get("totals").get("plannedEmissionsGrams").asDouble()).isEqualTo(e.plannedEmissionsGrams().orElseThrow());
  }
}
