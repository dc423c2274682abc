package dev.fairshift.solver.optaplanner;

import java.util.Objects;

/**
 * A tenant whose guaranteed quota the schedule does not meet, and why: one per tenant measured over
 * the whole horizon, or one per unmet fairness window of a tenant with a {@code fairnessWindowSlots}
 * (the reason then starts with "In fairness window k (slots a..b, from to end)"). Immutable and
 * thread-safe.
 *
 * @param tenant the tenant id
 * @param guaranteedUnitSlots what the guarantee entitles it to, unit-slots: min(demand, guaranteedShare
 *     x total capacity), or in a window min(demand released there, guaranteedShare x the window's
 *     capacity)
 * @param scheduledUnitSlots what it got, unit-slots (in a window: of its jobs released there)
 * @param reason a sentence naming the cause and a fix
 */
public record QuotaShortfall(String tenant, double guaranteedUnitSlots, long scheduledUnitSlots, String reason) {
  public QuotaShortfall {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(reason, "reason");
  }
}
