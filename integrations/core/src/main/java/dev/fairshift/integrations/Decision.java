package dev.fairshift.integrations;

import java.time.Instant;
import java.util.Objects;

/**
 * Fairshift's decision for a held job, recorded on the engine's own job record so that state lives in the
 * engine: where the job will run and when it will be released.
 *
 * <p>Two decisions are {@linkplain #sameAs the same} when pool and planned start agree; the reason and the
 * grams saved are explanations and do not make the loop rewrite a decision. Adapters that store the decision
 * in one text field (Slurm's admin comment) use {@link DecisionMarker}.
 *
 * @param pool the engine's name of the hub it will run in (Slurm partition, Kubernetes node-pool value)
 * @param plannedStart when the loop will release it, the start of its planned slot
 * @param reason one line saying why it waits (or not), e.g. {@code "cleaner slot: 212 g/kWh vs 388 now"}
 * @param gramsSaved grams CO2e saved against starting it now on its first allowed hub (may be negative when
 *     fairness or capacity made it run dirtier)
 */
public record Decision(String pool, Instant plannedStart, String reason, double gramsSaved) {

  public Decision {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(plannedStart, "plannedStart");
    Objects.requireNonNull(reason, "reason");
    if (pool.isBlank()) {
      throw new IllegalArgumentException("Decision pool is blank. Maybe the hub has no engine name in the config.");
    }
    if (reason.indexOf('\n') >= 0 || reason.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("Decision reason must be one line, got '" + reason + "'.");
    }
    if (!Double.isFinite(gramsSaved)) {
      throw new IllegalArgumentException("Decision gramsSaved must be finite, got " + gramsSaved + ".");
    }
  }

  /** Whether {@code other} places the job in the same pool at the same planned start. */
  public boolean sameAs(Decision other) {
    return other != null && pool.equals(other.pool) && plannedStart.equals(other.plannedStart);
  }
}
