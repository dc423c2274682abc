package dev.fairshift.solver.optaplanner.internal;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintCollectors;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;
import org.optaplanner.core.api.score.stream.Joiners;
import org.optaplanner.core.api.score.stream.bi.BiConstraintStream;
import org.optaplanner.core.api.score.stream.tri.TriConstraintStream;
import org.optaplanner.core.api.score.stream.uni.UniConstraintCollector;

/**
 * Fairshift's constraints, one method each, on Bavet constraint streams.
 *
 * <p>Score levels and units ({@link HardMediumSoftLongScore}):
 * <p>The tenant rules hold per fairness window (see {@link TenantWindow}; the whole horizon for a
 * tenant without {@code fairnessWindowSlots}): the cap on the unit-slots running in each window, the
 * guarantee on the jobs released in each window.
 *
 * <ul>
 *   <li><b>hard</b>: broken rules. The Evaluator's rules (capacity in units over, power cap in whole
 *       kW over, slots outside the window, jobs outside their allowed hubs, a slot used twice,
 *       unit-slots over maxShare) each cost {@link PlanContext#hardRuleWeight()} per unit, which is
 *       more than the largest possible quota shortfall; a guaranteed-quota shortfall costs 1 per
 *       unit-slot. So the solver never breaks a rule to meet a quota.
 *   <li><b>medium</b>: unscheduled jobs, each costing its priority.
 *   <li><b>soft</b>: milligrams CO2e-equivalent: grid emissions per (hub, slot) with on-site
 *       renewables used first, data-transfer emissions, energy cost converted to grams at the
 *       problem's carbon price (10^6 / price grams per currency unit; left out when emissions are
 *       unpriced), and the weighted fair-share term ({@link TenantFact#fairnessMg}).
 * </ul>
 * With a carbon price the soft score is the Evaluator's cost times 10^9 / price (plus the fairness
 * term); without one it is the Evaluator's emissions in milligrams (plus the fairness term). Every
 * per-(hub, slot) and per-job amount is rounded to the nearest milligram.
 *
 * <p>Stateless and thread-safe.
 */
public final class FairshiftConstraints implements ConstraintProvider {
  public static final String HUB_CAPACITY = "Hub capacity";
  public static final String HUB_POWER_CAP = "Hub power cap";
  public static final String RELEASE_AND_DEADLINE = "Release and deadline";
  public static final String DATA_RESIDENCY = "Data residency";
  public static final String SLOT_USED_TWICE = "Interruptible job slot used twice";
  public static final String TENANT_MAX_SHARE = "Tenant maximum share";
  public static final String GUARANTEED_QUOTA = "Guaranteed quota";
  public static final String UNSCHEDULED_JOB = "Unscheduled job";
  public static final String GRID_EMISSIONS = "Grid emissions";
  public static final String TRANSFER_EMISSIONS = "Data transfer emissions";
  public static final String ENERGY_COST = "Energy cost";
  public static final String FAIR_SHARE = "Weighted fair share";

  /** Every constraint name, in {@link #defineConstraints} order. */
  public static final List<String> NAMES = List.of(HUB_CAPACITY, HUB_POWER_CAP, RELEASE_AND_DEADLINE,
      DATA_RESIDENCY, SLOT_USED_TWICE, TENANT_MAX_SHARE, GUARANTEED_QUOTA, UNSCHEDULED_JOB, GRID_EMISSIONS,
      TRANSFER_EMISSIONS, ENERGY_COST, FAIR_SHARE);

  // Shared instances: Bavet shares the nodes of streams built from the same functions, so the
  // per-(hub, slot) and per-tenant groupings are computed once for all constraints that use them.
  private static final Predicate<Occupant> PLACED = Occupant::isPlaced;
  private static final Function<Occupant, Iterable<Occupancy>> OCCUPANCIES = o -> o.occupancies();
  private static final Function<Occupancy, HubSlot> HUB_SLOT = Occupancy::hubSlot;
  private static final UniConstraintCollector<Occupancy, ?, Integer> SUM_UNITS =
      ConstraintCollectors.sum(Occupancy::units);
  private static final UniConstraintCollector<Occupancy, ?, Long> SUM_MICROWATTS =
      ConstraintCollectors.sumLong(Occupancy::itMicroWatts);
  private static final Function<JobAssignment, TenantFact> TENANT = a -> a.job().tenant();
  private static final ToLongFunction<JobAssignment> SCHEDULED_UNIT_SLOTS = JobAssignment::scheduledUnitSlots;
  private static final UniConstraintCollector<JobAssignment, ?, Long> SUM_SCHEDULED_UNIT_SLOTS =
      ConstraintCollectors.sumLong(SCHEDULED_UNIT_SLOTS);
  /** The fairness window of its tenant an occupancy's slot lies in (the cap counts what runs there). */
  private static final Function<Occupancy, TenantWindow> RUNNING_WINDOW =
      o -> o.job().tenant().windowAt(o.hubSlot().slot());
  private static final UniConstraintCollector<Occupancy, ?, Long> SUM_UNITS_LONG =
      ConstraintCollectors.sumLong(Occupancy::units);
  /** The fairness window of its tenant a job is released in (the guarantee counts it there). */
  private static final Function<JobAssignment, TenantWindow> RELEASE_WINDOW =
      a -> a.job().tenant().windowAt(a.job().releaseSlot());

  @Override
  public Constraint[] defineConstraints(ConstraintFactory factory) {
    return new Constraint[] {
        hubCapacity(factory),
        hubPowerCap(factory),
        releaseAndDeadline(factory),
        dataResidency(factory),
        slotUsedTwice(factory),
        tenantMaxShare(factory),
        guaranteedQuota(factory),
        unscheduledJob(factory),
        gridEmissions(factory),
        transferEmissions(factory),
        energyCost(factory),
        fairShare(factory)
    };
  }

  /** Per hub and slot: units held and IT micro-watts drawn by the jobs running there. */
  private static TriConstraintStream<HubSlot, Integer, Long> hubSlotLoads(ConstraintFactory factory) {
    return factory.forEach(Occupant.class)
        .filter(PLACED)
        .flattenLast(OCCUPANCIES)
        .groupBy(HUB_SLOT, SUM_UNITS, SUM_MICROWATTS);
  }

  /** Per tenant: unit-slots of its scheduled jobs (tenants with nothing scheduled do not appear). */
  private static BiConstraintStream<TenantFact, Long> tenantUsage(ConstraintFactory factory) {
    return factory.forEach(JobAssignment.class).groupBy(TENANT, SUM_SCHEDULED_UNIT_SLOTS);
  }

  // Hard: per hub and slot, the units of the jobs running there must not exceed its capacity.
  Constraint hubCapacity(ConstraintFactory factory) {
    return hubSlotLoads(factory)
        .filter((hubSlot, units, microWatts) -> units > hubSlot.capacityUnits())
        .penalizeLong(HardMediumSoftLongScore.ONE_HARD,
            (hubSlot, units, microWatts) -> hubSlot.context().hardRuleWeight() * hubSlot.unitsOverCapacity(units))
        .justifyWith((hubSlot, units, microWatts, score) -> new HubSlotJustification(hubSlot.hubId(), hubSlot.slot(),
            "runs " + units + " units but has capacity " + hubSlot.capacityUnits()))
        .asConstraint(HUB_CAPACITY);
  }

  // Hard: per hub and slot, facility power (IT power x PUE) must not exceed the power cap.
  Constraint hubPowerCap(ConstraintFactory factory) {
    return hubSlotLoads(factory)
        .filter((hubSlot, units, microWatts) -> hubSlot.kwOverPowerCap(microWatts) > 0)
        .penalizeLong(HardMediumSoftLongScore.ONE_HARD,
            (hubSlot, units, microWatts) -> hubSlot.context().hardRuleWeight() * hubSlot.kwOverPowerCap(microWatts))
        .justifyWith((hubSlot, units, microWatts, score) -> new HubSlotJustification(hubSlot.hubId(), hubSlot.slot(),
            "draws " + Format.kw(hubSlot.facilityKw(microWatts)) + " kW above its power cap of "
                + Format.kw(hubSlot.powerCapKw()) + " kW"))
        .asConstraint(HUB_POWER_CAP);
  }

  // Hard: a job runs only in slots of [release, deadline).
  Constraint releaseAndDeadline(ConstraintFactory factory) {
    return factory.forEach(Occupant.class)
        .filter(PLACED)
        .filter(occupant -> occupant.slotsOutsideWindow() > 0)
        .penalizeLong(HardMediumSoftLongScore.ONE_HARD,
            occupant -> occupant.job().context().hardRuleWeight() * occupant.slotsOutsideWindow())
        .justifyWith((occupant, score) -> new JobJustification(List.of(occupant.job().id()),
            occupant.job().tenant().id(), occupant.slotsOutsideWindow() + " slot(s) outside its window, slots "
                + occupant.job().releaseSlot() + ".." + (occupant.job().deadlineSlot() - 1)))
        .asConstraint(RELEASE_AND_DEADLINE);
  }

  // Hard: a job runs only in one of its allowed hubs.
  Constraint dataResidency(ConstraintFactory factory) {
    return factory.forEach(JobAssignment.class)
        .filter(assignment -> !assignment.job().allows(assignment.getHub()))
        .penalizeLong(HardMediumSoftLongScore.ONE_HARD, assignment -> assignment.job().context().hardRuleWeight())
        .justifyWith((assignment, score) -> new JobJustification(List.of(assignment.job().id()),
            assignment.job().tenant().id(), "runs in hub '" + assignment.getHub().id()
                + "', which its data residency does not allow"))
        .asConstraint(DATA_RESIDENCY);
  }

  // Hard: two slots of one interruptible job never take the same slot.
  Constraint slotUsedTwice(ConstraintFactory factory) {
    return factory.forEachUniquePair(JobSlot.class, Joiners.equal(JobSlot::job), Joiners.equal(JobSlot::getSlot))
        .filter((a, b) -> a.getHub() != null)
        .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (a, b) -> a.job().context().hardRuleWeight())
        .justifyWith((a, b, score) -> new JobJustification(List.of(a.job().id()), a.job().tenant().id(),
            "runs twice in slot " + a.getSlot()))
        .asConstraint(SLOT_USED_TWICE);
  }

  // Hard: in each fairness window (the whole horizon by default) a tenant runs at most maxShare of its capacity.
  Constraint tenantMaxShare(ConstraintFactory factory) {
    return factory.forEach(Occupant.class)
        .filter(PLACED)
        .flattenLast(OCCUPANCIES)
        .groupBy(RUNNING_WINDOW, SUM_UNITS_LONG)
        .filter((window, running) -> window.unitSlotsOverMaxShare(running) > 0)
        .penalizeLong(HardMediumSoftLongScore.ONE_HARD,
            (window, running) -> window.context().hardRuleWeight() * window.unitSlotsOverMaxShare(running))
        .justifyWith((window, running, score) -> new TenantJustification(window.tenantId(), "holds " + running
            + " unit-slots" + window.describe() + ", above its maximum of " + Format.units(window.maxUnitSlots())))
        .asConstraint(TENANT_MAX_SHARE);
  }

  // Hard: per fairness window, a tenant with a guarantee gets min(demand released there, guaranteedShare x capacity).
  Constraint guaranteedQuota(ConstraintFactory factory) {
    return factory.forEachIncludingNullVars(JobAssignment.class)
        .filter(assignment -> assignment.job().tenant().hasGuarantee())
        .groupBy(RELEASE_WINDOW, SUM_SCHEDULED_UNIT_SLOTS)
        .filter((window, used) -> window.quotaShortfall(used) > 0)
        .penalizeLong(HardMediumSoftLongScore.ONE_HARD, TenantWindow::quotaShortfall)
        .justifyWith((window, used, score) -> new TenantJustification(window.tenantId(), "holds " + used
            + " unit-slots of the " + Format.units(window.guaranteedUnitSlots()) + " it is guaranteed"
            + (window.wholeHorizon() ? "" : " for its jobs released" + window.describe())))
        .asConstraint(GUARANTEED_QUOTA);
  }

  // Medium: every job should run; leaving one out costs its priority.
  Constraint unscheduledJob(ConstraintFactory factory) {
    return factory.forEachIncludingNullVars(JobAssignment.class)
        .filter(assignment -> assignment.getHub() == null)
        .penalizeLong(HardMediumSoftLongScore.ONE_MEDIUM, assignment -> assignment.job().priority())
        .justifyWith((assignment, score) -> new JobJustification(List.of(assignment.job().id()),
            assignment.job().tenant().id(), "unscheduled, priority " + assignment.job().priority()))
        .asConstraint(UNSCHEDULED_JOB);
  }

  // Soft: grid emissions per hub and slot, on-site renewables used first (milligrams CO2e).
  Constraint gridEmissions(ConstraintFactory factory) {
    return hubSlotLoads(factory)
        .filter((hubSlot, units, microWatts) -> hubSlot.gridEmissionsMg(microWatts) > 0)
        .penalizeLong(HardMediumSoftLongScore.ONE_SOFT,
            (hubSlot, units, microWatts) -> hubSlot.gridEmissionsMg(microWatts))
        .justifyWith((hubSlot, units, microWatts, score) -> new HubSlotJustification(hubSlot.hubId(), hubSlot.slot(),
            Format.kwh(hubSlot.gridKwh(microWatts)) + " kWh from the grid at "
                + Format.kw(hubSlot.gramsPerKwh()) + " g/kWh"))
        .asConstraint(GRID_EMISSIONS);
  }

  // Soft: moving a job's data away from its origin hub, at the new hub's intensity in its first slot (mg CO2e).
  Constraint transferEmissions(ConstraintFactory factory) {
    return factory.forEach(Occupant.class)
        .filter(occupant -> occupant.isPlaced() && occupant.job().transferKwh() > 0
            && occupant.job().movedTo(occupant.placedHub()))
        .groupBy(Occupant::job, Occupant::placedHub, ConstraintCollectors.min((Occupant o) -> o.firstSlot()))
        .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, JobFact::transferEmissionsMg)
        .justifyWith((job, hub, first, score) -> new JobJustification(List.of(job.id()), job.tenant().id(),
            "moves " + Format.kwh(job.transferKwh()) + " kWh of data transfer to hub '" + hub.id()
                + "', first slot " + first))
        .asConstraint(TRANSFER_EMISSIONS);
  }

  // Soft: grid energy cost per hub and slot, in grams CO2e-equivalent at the carbon price (mg).
  Constraint energyCost(ConstraintFactory factory) {
    return hubSlotLoads(factory)
        .filter((hubSlot, units, microWatts) -> hubSlot.energyCostMg(microWatts) > 0)
        .penalizeLong(HardMediumSoftLongScore.ONE_SOFT,
            (hubSlot, units, microWatts) -> hubSlot.energyCostMg(microWatts))
        .justifyWith((hubSlot, units, microWatts, score) -> new HubSlotJustification(hubSlot.hubId(), hubSlot.slot(),
            "energy cost of " + Format.kwh(hubSlot.gridKwh(microWatts)) + " grid kWh, at the carbon price of "
                + Format.kw(hubSlot.context().carbonPricePerTonne()) + " per tonne"))
        .asConstraint(ENERGY_COST);
  }

  // Soft: capacity beyond the guarantees is shared in proportion to tenant weights (mg CO2e-equivalent).
  Constraint fairShare(ConstraintFactory factory) {
    return tenantUsage(factory)
        .filter((tenant, used) -> tenant.fairnessMg(used) > 0)
        .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, TenantFact::fairnessMg)
        .justifyWith((tenant, used, score) -> new TenantJustification(tenant.id(), "holds "
            + Format.units(Math.max(0, used - tenant.guaranteedUnitSlots()))
            + " unit-slots beyond its guarantee, weight " + Format.kw(tenant.weight())))
        .asConstraint(FAIR_SHARE);
  }
}
