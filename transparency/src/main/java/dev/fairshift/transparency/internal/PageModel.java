package dev.fairshift.transparency.internal;

import dev.fairshift.core.Assignment;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Hub;
import dev.fairshift.core.HubResult;
import dev.fairshift.core.JobResult;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.TenantResult;
import dev.fairshift.core.Unscheduled;
import dev.fairshift.transparency.PageOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the page and the JSON show, read from one {@link Evaluation}: its numbers as they are, plus
 * the few derived from them (class totals, a job's price split into energy and carbon, the hubs'
 * load per slot from the schedule). Both outputs read this, so they cannot disagree.
 */
public final class PageModel {
  public final Problem problem;
  public final Schedule schedule;
  public final Evaluation evaluation;
  public final PageOptions options;
  public final List<ClassResult> classes;
  /** Per hub (problem order), facility power per slot in kW: pue x the sum of its running jobs' powerKw. */
  public final List<double[]> hubLoadKw;
  /** Per hub, the highest load over cap of any capped slot, empty when the hub is uncapped. */
  public final List<OptionalDouble> hubPeakOverCap;
  public final Map<String, String> unscheduledReasons;
  public final long totalCapacityUnitSlots;

  private PageModel(Problem problem, Schedule schedule, Evaluation evaluation, PageOptions options) {
    this.problem = problem;
    this.schedule = schedule;
    this.evaluation = evaluation;
    this.options = options;
    this.totalCapacityUnitSlots = problem.totalCapacityUnitSlots();
    this.classes = classes(evaluation, totalCapacityUnitSlots);
    this.hubLoadKw = loads(problem, schedule);
    List<OptionalDouble> overCap = new ArrayList<>();
    for (int h = 0; h < problem.hubs().size(); h++) {
      Hub hub = problem.hubs().get(h);
      if (hub.powerCapKw().isEmpty()) {
        overCap.add(OptionalDouble.empty());
        continue;
      }
      double worst = 0;
      double[] load = hubLoadKw.get(h);
      for (int s = 0; s < load.length; s++) {
        double cap = hub.powerCapKwAt(s);
        if (cap > 0) {
          worst = Math.max(worst, load[s] / cap);
        } else if (load[s] > 0) {
          worst = Double.POSITIVE_INFINITY;
        }
      }
      overCap.add(OptionalDouble.of(worst));
    }
    this.hubPeakOverCap = List.copyOf(overCap);
    Map<String, String> reasons = new HashMap<>();
    for (Unscheduled u : schedule.unscheduled()) {
      reasons.putIfAbsent(u.job(), u.reason());
    }
    this.unscheduledReasons = reasons;
  }

  /** The model of one evaluated schedule; the evaluation must be of this problem and schedule. */
  public static PageModel of(Problem problem, Schedule schedule, Evaluation evaluation, PageOptions options) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(evaluation, "evaluation");
    Objects.requireNonNull(options, "options");
    if (evaluation.jobs().size() != problem.jobs().size() || evaluation.hubs().size() != problem.hubs().size()
        || evaluation.tenants().size() != problem.tenants().size()) {
      throw new IllegalArgumentException("The evaluation has " + evaluation.jobs().size() + " jobs, "
          + evaluation.hubs().size() + " hubs and " + evaluation.tenants().size() + " tenants but the problem has "
          + problem.jobs().size() + ", " + problem.hubs().size() + " and " + problem.tenants().size()
          + ". Maybe evaluate this schedule of this problem: Evaluator.evaluate(problem, schedule).");
    }
    return new PageModel(problem, schedule, evaluation, options);
  }

  /** Whether solvers planned on a forecast (some zone has one) rather than on actuals. */
  public boolean plannedOnForecast() {
    return problem.intensities().hasForecast();
  }

  /** The carbon part of a job's price: carbonPricePerTonne x its emissions / 10^6. */
  public double carbonCost(JobResult job) {
    return problem.carbonPricePerTonne() * job.emissionsGrams() / 1_000_000.0;
  }

  /** The energy part of a job's price: its price minus the carbon part. */
  public double energyCost(JobResult job) {
    return job.cost() - carbonCost(job);
  }

  /** The carbon part of the total cost. */
  public double carbonCostTotal() {
    return problem.carbonPricePerTonne() * evaluation.emissionsGrams() / 1_000_000.0;
  }

  /** 1 - emissions / ASAP emissions, when ASAP emissions are given and positive. */
  public OptionalDouble savingVersusAsap() {
    OptionalDouble asap = options.asapEmissionsGrams();
    if (asap.isEmpty() || asap.getAsDouble() == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(1 - evaluation.emissionsGrams() / asap.getAsDouble());
  }

  /** The gap of actual emissions above the lower bound, when one is given and the gap is defined. */
  public OptionalDouble gap() {
    return options.lowerBoundGrams().isPresent()
        ? evaluation.gapAbove(options.lowerBoundGrams().getAsDouble()) : OptionalDouble.empty();
  }

  /** Guarantee of a tenant as a fraction of total capacity. */
  public double fractionOfCapacity(double unitSlots) {
    return totalCapacityUnitSlots == 0 ? 0 : unitSlots / totalCapacityUnitSlots;
  }

  /** The range of a hub's power cap over the horizon, as {min, max}, or empty when uncapped. */
  public Optional<double[]> powerCapRange(Hub hub) {
    if (hub.powerCapKw().isEmpty()) {
      return Optional.empty();
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < problem.horizon().slots(); s++) {
      min = Math.min(min, hub.powerCapKwAt(s));
      max = Math.max(max, hub.powerCapKwAt(s));
    }
    return Optional.of(new double[] {min, max});
  }

  /** The result of hub number {@code h}. */
  public HubResult hubResult(int h) {
    return evaluation.hubs().get(h);
  }

  private static List<double[]> loads(Problem problem, Schedule schedule) {
    int slots = problem.horizon().slots();
    List<double[]> out = new ArrayList<>();
    for (int h = 0; h < problem.hubs().size(); h++) {
      out.add(new double[slots]);
    }
    for (Assignment a : schedule.assignments()) {
      if (!problem.hasHub(a.hub()) || !problem.hasJob(a.job())) {
        continue; // the evaluation lists it as a violation; it draws no load
      }
      int h = problem.hubIndex(a.hub());
      double kw = problem.hubs().get(h).pue() * problem.job(a.job()).powerKw();
      double[] load = out.get(h);
      for (int s : a.slots()) {
        if (s >= 0 && s < slots) {
          load[s] += kw;
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * Per tenant class, in order of first appearance: the class's tenants taken together. Its cap
   * ({@code maxUnitSlots}) is the sum of its tenants' caps, at most the total capacity.
   */
  public record ClassResult(
      String tenantClass,
      int tenants,
      int jobs,
      int scheduledJobs,
      Optional<Duration> waitP50,
      Optional<Duration> waitP95,
      long scheduledUnitSlots,
      double shareOfCapacity,
      double guaranteedUnitSlots,
      double maxUnitSlots,
      boolean quotaMet,
      double emissionsGrams) {

    /** Placed jobs over submitted jobs (1 with no jobs). */
    public double acceptanceRate() {
      return jobs == 0 ? 1.0 : (double) scheduledJobs / jobs;
    }
  }

  private static List<ClassResult> classes(Evaluation evaluation, long capacity) {
    Map<String, List<TenantResult>> byClass = new LinkedHashMap<>();
    Map<String, String> classOfTenant = new HashMap<>();
    for (TenantResult t : evaluation.tenants()) {
      byClass.computeIfAbsent(t.tenantClass(), k -> new ArrayList<>()).add(t);
      classOfTenant.put(t.tenant(), t.tenantClass());
    }
    Map<String, List<Duration>> waits = new HashMap<>();
    for (JobResult j : evaluation.jobs()) {
      String c = classOfTenant.get(j.tenant());
      if (c != null && j.waitTime().isPresent()) {
        waits.computeIfAbsent(c, k -> new ArrayList<>()).add(j.waitTime().get());
      }
    }
    List<ClassResult> out = new ArrayList<>();
    for (Map.Entry<String, List<TenantResult>> e : byClass.entrySet()) {
      int jobs = 0;
      int scheduled = 0;
      long unitSlots = 0;
      double guaranteed = 0;
      double max = 0;
      boolean met = true;
      double grams = 0;
      for (TenantResult t : e.getValue()) {
        jobs += t.jobs();
        scheduled += t.scheduledJobs();
        unitSlots += t.scheduledUnitSlots();
        guaranteed += t.guaranteedUnitSlots();
        max += t.maxUnitSlots();
        met &= t.quotaMet();
        grams += t.emissionsGrams();
      }
      List<Duration> sorted = waits.getOrDefault(e.getKey(), new ArrayList<>());
      sorted.sort(null);
      out.add(new ClassResult(e.getKey(), e.getValue().size(), jobs, scheduled, percentile(sorted, 0.5),
          percentile(sorted, 0.95), unitSlots, capacity == 0 ? 0 : (double) unitSlots / capacity, guaranteed,
          Math.min(max, capacity), met,
          grams));
    }
    return List.copyOf(out);
  }

  /** Nearest-rank percentile, as the Evaluator computes a tenant's. */
  static Optional<Duration> percentile(List<Duration> sorted, double q) {
    if (sorted.isEmpty()) {
      return Optional.empty();
    }
    int rank = (int) Math.ceil(q * sorted.size());
    return Optional.of(sorted.get(Math.max(0, rank - 1)));
  }
}
