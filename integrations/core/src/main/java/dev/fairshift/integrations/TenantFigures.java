package dev.fairshift.integrations;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one tenant got, as the running loop reports it. Every number comes from the {@link
 * dev.fairshift.core.Evaluator}: the "ran" figures from an evaluation of what the engine actually ran in the
 * lookback window (start and end times read back from the engine), the "plan" figures from the evaluation of
 * the current plan.
 *
 * @param tenant the engine account / namespace
 * @param tenantClass its class from the config
 * @param jobsRan jobs that started within the lookback window
 * @param waitP50 median wait (start minus earliest start) of those jobs; empty when none ran
 * @param waitP95 95th-percentile wait (nearest rank); empty when none ran
 * @param emissionsGrams grams CO2e of what ran, on the actual intensities
 * @param asapEmissionsGrams grams CO2e of the same jobs run carbon-agnostic, as soon as possible
 *     ({@code Scheduler.asap()}), on the same intensities
 * @param acceptanceRate placed / held jobs of the tenant in the current plan; empty when it has none held
 * @param guaranteedShareMet whether the current plan meets its guaranteed share (true without held jobs)
 */
public record TenantFigures(
    String tenant,
    String tenantClass,
    int jobsRan,
    Optional<Duration> waitP50,
    Optional<Duration> waitP95,
    double emissionsGrams,
    double asapEmissionsGrams,
    OptionalDouble acceptanceRate,
    boolean guaranteedShareMet) {

  public TenantFigures {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(tenantClass, "tenantClass");
    Objects.requireNonNull(waitP50, "waitP50");
    Objects.requireNonNull(waitP95, "waitP95");
    Objects.requireNonNull(acceptanceRate, "acceptanceRate");
  }
}
