package dev.fairshift.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.json.ProblemJson;
import dev.fairshift.service.internal.EvaluationJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationJsonTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private static final Schedule LATE = new Schedule("test", List.of(Assignment.contiguous("train-1", "berlin", 2, 2)),
      List.of());

  @Test
  void toJson_tenantWithWindows_listsEachWindow() {
    // Windows of 2 slots, 8 unit-slots each: guarantee min(4, 0.25 x 8) = 2 in window 0, where
    // train-1 (2 units x 2 slots) is released; it runs in window 1 (slots 2-3).
    Problem p = ProblemJson.read(TestProblems.SMALL.replace("\"guaranteedShare\": 0.25",
        "\"guaranteedShare\": 0.25, \"maxShare\": 0.5, \"fairnessWindowSlots\": 2"));

    JsonNode tenant = EvaluationJson.toJson(mapper, Evaluator.evaluate(p, LATE)).at("/tenants/0");

    assertThat(tenant.get("guaranteedUnitSlots").asDouble()).isEqualTo(2.0);
    assertThat(tenant.get("quotaMet").asBoolean()).isTrue();
    JsonNode windows = tenant.get("fairnessWindows");
    assertThat(windows).hasSize(2);
    JsonNode w0 = windows.get(0);
    assertThat(w0.get("index").asInt()).isZero();
    assertThat(w0.get("startSlot").asInt()).isZero();
    assertThat(w0.get("endSlot").asInt()).isEqualTo(2);
    assertThat(w0.get("start").asText()).isEqualTo("2021-03-01T00:00:00Z");
    assertThat(w0.get("end").asText()).isEqualTo("2021-03-01T02:00:00Z");
    assertThat(w0.get("capacityUnitSlots").asLong()).isEqualTo(8);
    assertThat(w0.get("demandedUnitSlots").asLong()).isEqualTo(4);
    assertThat(w0.get("guaranteedUnitSlots").asDouble()).isEqualTo(2.0);
    assertThat(w0.get("scheduledUnitSlots").asLong()).isEqualTo(4);
    assertThat(w0.get("quotaMet").asBoolean()).isTrue();
    assertThat(w0.get("runningUnitSlots").asLong()).isZero();
    assertThat(w0.get("maxUnitSlots").asDouble()).isEqualTo(4.0);
    JsonNode w1 = windows.get(1);
    assertThat(w1.get("demandedUnitSlots").asLong()).isZero();
    assertThat(w1.get("runningUnitSlots").asLong()).isEqualTo(4);
  }

  @Test
  void toJson_tenantWithoutWindows_isUnchanged() {
    Problem p = ProblemJson.read(TestProblems.SMALL);
    Problem longWindow = ProblemJson.read(TestProblems.SMALL.replace("\"guaranteedShare\": 0.25",
        "\"guaranteedShare\": 0.25, \"fairnessWindowSlots\": 10"));

    JsonNode without = EvaluationJson.toJson(mapper, Evaluator.evaluate(p, LATE));

    assertThat(without.at("/tenants/0").has("fairnessWindows")).isFalse();
    assertThat(EvaluationJson.toJson(mapper, Evaluator.evaluate(longWindow, LATE))).isEqualTo(without);
  }
}
