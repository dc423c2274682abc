package dev.fairshift.solver.optaplanner;

import java.util.Objects;

/**
 * A tenant whose guaranteed quota the schedule does not meet, and why.
 *
 * @param tenant the tenant id
 * @param guaranteedUnitSlots what the guarantee entitles it to: min(demand, guaranteedShare x total
 *     capacity), unit-slots
 * @param scheduledUnitSlots what it got, unit-slots
 * @param reason a sentence naming the cause and a fix
 */
public record QuotaShortfall(String tenant, double guaranteedUnitSlots, long scheduledUnitSlots, String reason) {
  public QuotaShortfall {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(reason, "reason");
  }
}
