package dev.fairshift.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.HubResult;
import dev.fairshift.core.JobResult;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.TenantResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TransparencyJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static Problem problem;
  private static Schedule schedule;
  private static Evaluation evaluation;
  private static String json;
  private static JsonNode tree;

  @BeforeAll
  static void write() throws Exception {
    problem = Fixtures.problem(42, 120);
    schedule = Fixtures.greedy(problem);
    evaluation = Evaluator.evaluate(problem, schedule);
    json = TransparencyJson.write(problem, schedule, evaluation, PageOptions.builder().maxJobRows(5)
        .asapEmissionsGrams(1_000_000).build());
    tree = MAPPER.readTree(json);
  }

  private static List<String> fields(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void theDocumentHasAStableShapeInAFixedOrder() {
    assertThat(fields(tree)).containsExactly("format", "version", "title", "generatedAt", "solver", "feasible",
        "planningBasis", "evaluationBasis", "signal", "currency", "priceFormula", "horizon", "totals", "tenants",
        "tenantClasses", "hubs", "jobs", "violations", "dataSources");
    assertThat(tree.get("format").asText()).isEqualTo("fairshift-transparency");
    assertThat(tree.get("version").asInt()).isEqualTo(1);
    assertThat(tree.get("generatedAt").isNull()).isTrue();
    assertThat(tree.get("planningBasis").asText()).isEqualTo("actual");
    assertThat(fields(tree.get("jobs").get(0))).containsExactly("id", "tenant", "scheduled", "hub", "start", "end",
        "waitSeconds", "energyKwh", "gridKwh", "transferKwh", "emissionsGrams", "baselineEmissionsGrams", "energyCost",
        "carbonCost", "price", "unscheduledReason");
    assertThat(TransparencyJson.write(problem, schedule, evaluation, PageOptions.builder().maxJobRows(5)
        .asapEmissionsGrams(1_000_000).build())).isEqualTo(json);
  }

  @Test
  void everyJobIsInTheJsonWhateverThePageShows() {
    assertThat(tree.get("jobs")).hasSize(120);
    for (int i = 0; i < 120; i++) {
      JobResult j = evaluation.jobs().get(i);
      JsonNode n = tree.get("jobs").get(i);
      assertThat(n.get("id").asText()).isEqualTo(j.job());
      assertThat(n.get("emissionsGrams").asDouble()).isEqualTo(j.emissionsGrams());
      assertThat(n.get("price").asDouble()).isEqualTo(j.cost());
      assertThat(n.get("scheduled").asBoolean()).isEqualTo(j.scheduled());
      if (j.scheduled()) {
        assertThat(n.get("hub").asText()).isEqualTo(j.hub().orElseThrow());
        assertThat(n.get("start").asText()).isEqualTo(j.start().orElseThrow().toString());
        assertThat(n.get("waitSeconds").asLong()).isEqualTo(j.waitTime().orElseThrow().getSeconds());
        assertThat(n.get("unscheduledReason").isNull()).isTrue();
      } else {
        assertThat(n.get("hub").isNull()).isTrue();
        assertThat(n.get("waitSeconds").isNull()).isTrue();
        assertThat(n.get("unscheduledReason").asText()).isEqualTo(schedule.unscheduled().stream()
            .filter(u -> u.job().equals(j.job())).findFirst().orElseThrow().reason());
      }
    }
  }

  @Test
  void tenantsHubsAndTotalsEqualTheEvaluation() {
    for (int i = 0; i < evaluation.tenants().size(); i++) {
      TenantResult t = evaluation.tenants().get(i);
      JsonNode n = tree.get("tenants").get(i);
      assertThat(n.get("id").asText()).isEqualTo(t.tenant());
      assertThat(n.get("acceptanceRate").asDouble()).isEqualTo((double) t.scheduledJobs() / t.jobs());
      assertThat(n.get("waitP95Seconds").asLong()).isEqualTo(t.waitP95().orElseThrow().getSeconds());
      assertThat(n.get("guaranteedUnitSlots").asDouble()).isEqualTo(t.guaranteedUnitSlots());
      assertThat(n.get("maxUnitSlots").asDouble()).isEqualTo(t.maxUnitSlots());
      assertThat(n.get("quotaMet").asBoolean()).isEqualTo(t.quotaMet());
      assertThat(n.get("windows")).hasSize(t.windows().size());
    }
    for (int h = 0; h < evaluation.hubs().size(); h++) {
      HubResult r = evaluation.hubs().get(h);
      JsonNode n = tree.get("hubs").get(h);
      assertThat(n.get("peakPowerKw").asDouble()).isEqualTo(r.peakPowerKw());
      assertThat(n.get("loadKw")).hasSize(168);
      assertThat(n.get("gramsPerKwh").get(0).asDouble()).isEqualTo(problem.zoneOf(problem.hubs().get(h)).gramsPerKwh().at(0));
      double energy = 0;
      for (JsonNode kw : n.get("loadKw")) {
        energy += kw.asDouble();
      }
      assertThat(energy).isCloseTo(r.energyKwh(), org.assertj.core.api.Assertions.within(1e-6 * (1 + r.energyKwh())));
    }
    JsonNode totals = tree.get("totals");
    assertThat(totals.get("emissionsGrams").asDouble()).isEqualTo(evaluation.emissionsGrams());
    assertThat(totals.get("cost").asDouble()).isEqualTo(evaluation.cost());
    assertThat(totals.get("savingVersusAsap").asDouble()).isEqualTo(1 - evaluation.emissionsGrams() / 1_000_000);
    assertThat(totals.get("lowerBoundGrams").isNull()).isTrue();
    assertThat(totals.get("gap").isNull()).isTrue();
  }

  /** The page's data-metric keys name JSON fields: tenant/x/f is tenants[id=x].f, total/f is totals.f. */
  @Test
  void everyPageMetricOfTenantsClassesHubsAndTotalsIsAJsonField() {
    Metrics page = Metrics.parse(TransparencyPage.render(problem, schedule, evaluation, PageOptions.builder()
        .maxJobRows(5).asapEmissionsGrams(1_000_000).build()));
    int checked = 0;
    for (Map.Entry<String, String> metric : page.values.entrySet()) {
      JsonNode node = JsonMetrics.lookup(tree, metric.getKey());
      if (node == null) {
        continue;
      }
      checked++;
      assertThat(JsonMetrics.same(metric.getValue(), node)).as(metric.getKey() + " page " + metric.getValue()
          + " json " + node).isTrue();
    }
    assertThat(checked).isGreaterThan(150);
  }
}
