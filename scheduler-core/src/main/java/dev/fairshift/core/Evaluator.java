package dev.fairshift.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one implementation of Fairshift's accounting (FORMAT.md, "Accounting"): energy, on-site
 * renewables, emissions, cost, hub load, per-tenant shares, waits, acceptance and quotas, and every
 * hard-rule violation of any schedule, from any solver or file. Solvers, reports, tests and
 * benchmarks all use it, so their numbers never disagree.
 *
 * <p>For hub h and slot s with slot length t hours and the jobs J(h,s) running there:
 * <ul>
 *   <li>facility energy E(h,s) = pue(h) &middot; &Sigma; powerKw(j) &middot; t (kWh);
 *   <li>grid energy G(h,s) = max(0, E(h,s) &minus; renewableKw(h,s) &middot; t);
 *   <li>emissions = &Sigma; G(h,s) &middot; gramsPerKwh(zone(h), s) + &Sigma;<sub>moved jobs</sub> dataGb
 *       &middot; transferKwhPerGb &middot; gramsPerKwh(zone(hub), first slot);
 *   <li>cost = &Sigma; G(h,s) &middot; pricePerKwh(h,s) + carbonPricePerTonne &middot; emissions / 10<sup>6</sup>;
 *   <li>a job's emissions: its share of G(h,s) in proportion to its energy in that slot, plus its
 *       own transfer.
 * </ul>
 * Fairness is measured per tenant and fairness window W ({@link Problem#fairnessWindows(int)}: the
 * whole horizon unless the tenant has a {@code fairnessWindowSlots}), with C(W) the sum over hubs and
 * W's slots of {@code capacityUnits}:
 * <ul>
 *   <li>quota: the tenant's jobs released in W (release slot in W) demand D(W) unit-slots; the
 *       guarantee in W is met when the unit-slots of those that are scheduled, wherever they run,
 *       reach min(D(W), guaranteedShare &middot; C(W)); {@link TenantResult#quotaMet()} = met in every
 *       window;
 *   <li>cap (a hard rule, {@link HardRule#MAX_SHARE}): the tenant's unit-slots running in W's slots
 *       are at most maxShare &middot; C(W); one violation per window over it.
 * </ul>
 * With one window, the horizon, these are FORMAT.md's quota and maxShare rules.
 *
 * <p>Emissions are computed on the zones' {@code gramsPerKwh} (actuals); when the problem has forecasts,
 * the same schedule is also costed on them ({@link Evaluation#plannedEmissionsGrams()}).
 *
 * <pre>{@code
 * Evaluation e = Evaluator.evaluate(problem, schedule);
 * if (!e.feasible()) e.violations().forEach(System.out::println);
 * System.out.printf("%.1f kg CO2e%n", e.emissionsKg());
 * }</pre>
 *
 * <p>Every formula above is one method of {@link AccountingKernel}, which this class calls per hub-slot and
 * job; code that must agree with it (solvers, bounds, exact models) calls the same methods.
 *
 * <p>Stateless and thread-safe.
 */
public final class Evaluator {
  private static final double EPS = 1e-9;

  private Evaluator() {}

  /** Evaluates {@code schedule} against {@code problem}. Never throws for a bad schedule: it reports violations. */
  public static Evaluation evaluate(Problem problem, Schedule schedule) {
    return new Run(problem, schedule).evaluate();
  }

  private static final class Run {
    private final Problem p;
    private final Schedule schedule;
    private final Horizon horizon;
    private final int slots;
    private final double t;
    private final List<Violation> violations = new ArrayList<>();
    private final int[] hubOf;
    private final int[][] slotsOf;

    Run(Problem problem, Schedule schedule) {
      this.p = problem;
      this.schedule = schedule;
      this.horizon = problem.horizon();
      this.slots = horizon.slots();
      this.t = horizon.slotHours();
      this.hubOf = new int[problem.jobs().size()];
      this.slotsOf = new int[problem.jobs().size()][];
      Arrays.fill(hubOf, -1);
    }

    Evaluation evaluate() {
      readStructure();
      checkJobRules();
      int hubs = p.hubs().size();
      long[][] units = new long[hubs][slots];
      double[][] itKw = new double[hubs][slots];
      for (int j = 0; j < hubOf.length; j++) {
        if (hubOf[j] < 0) {
          continue;
        }
        Job job = p.jobs().get(j);
        for (int s : slotsOf[j]) {
          units[hubOf[j]][s] += job.units();
          itKw[hubOf[j]][s] += job.powerKw();
        }
      }
      checkHubRules(units, itKw);

      Accounting actual = account(itKw, IntensityBasis.ACTUAL);
      Optional<Double> planned = p.intensities().hasForecast()
          ? Optional.of(account(itKw, IntensityBasis.FORECAST).emissions) : Optional.empty();

      List<JobResult> jobResults = jobResults(actual);
      List<HubResult> hubResults = hubResults(units, itKw, actual);
      List<TenantResult> tenantResults = tenantResults(jobResults);
      double baseline = 0;
      for (JobResult r : jobResults) {
        if (r.scheduled()) {
          baseline += r.baselineEmissionsGrams();
        }
      }
      return new Evaluation(schedule.solver(), IntensityBasis.ACTUAL, actual.energy, actual.grid,
          actual.renewable, actual.transferKwh, actual.emissions, actual.transferEmissions, planned,
          actual.cost, baseline, jobResults, hubResults, tenantResults, jain(tenantResults),
          violations);
    }

    private void violation(HardRule rule, String subject, int slot, String message) {
      violations.add(new Violation(rule, subject, slot, message));
    }

    /** Maps the schedule onto job and hub indices, reporting everything that does not match the problem. */
    private void readStructure() {
      Map<String, String> seen = new HashMap<>();
      for (Assignment a : schedule.assignments()) {
        if (!p.hasJob(a.job())) {
          violation(HardRule.SCHEDULE_STRUCTURE, a.job(), -1, "The schedule assigns job '" + a.job()
              + "', which is not in the problem.");
          continue;
        }
        if (seen.putIfAbsent(a.job(), "assigned") != null) {
          violation(HardRule.SCHEDULE_STRUCTURE, a.job(), -1, "Job '" + a.job()
              + "' is assigned more than once. Every job appears exactly once.");
          continue;
        }
        if (!p.hasHub(a.hub())) {
          violation(HardRule.SCHEDULE_STRUCTURE, a.job(), -1, "Job '" + a.job() + "' is assigned to hub '"
              + a.hub() + "', which is not in the problem.");
          continue;
        }
        int[] s = a.slots().stream().mapToInt(Integer::intValue).toArray();
        boolean inRange = true;
        for (int slot : s) {
          if (slot < 0 || slot >= slots) {
            violation(HardRule.SCHEDULE_STRUCTURE, a.job(), slot, "Job '" + a.job() + "' uses slot " + slot
                + ", outside the horizon's slots 0.." + (slots - 1) + ".");
            inRange = false;
          }
        }
        if (!inRange) {
          continue;
        }
        int[] sorted = s.clone();
        Arrays.sort(sorted);
        int distinct = (int) Arrays.stream(sorted).distinct().count();
        if (distinct != sorted.length) {
          violation(HardRule.DURATION, a.job(), -1, "Job '" + a.job() + "' lists a slot more than once: "
              + a.slots() + ".");
        }
        int j = p.jobIndex(a.job());
        hubOf[j] = p.hubIndex(a.hub());
        slotsOf[j] = Arrays.stream(sorted).distinct().toArray();
      }
      for (Unscheduled u : schedule.unscheduled()) {
        if (!p.hasJob(u.job())) {
          violation(HardRule.SCHEDULE_STRUCTURE, u.job(), -1, "The schedule lists job '" + u.job()
              + "' as unscheduled, but it is not in the problem.");
        } else if (seen.putIfAbsent(u.job(), "unscheduled") != null) {
          violation(HardRule.SCHEDULE_STRUCTURE, u.job(), -1, "Job '" + u.job()
              + "' is listed more than once (assigned or unscheduled). Every job appears exactly once.");
        }
      }
      for (Job job : p.jobs()) {
        if (!seen.containsKey(job.id())) {
          violation(HardRule.SCHEDULE_STRUCTURE, job.id(), -1, "Job '" + job.id()
              + "' is missing from the schedule. List it under assignments or unscheduled.");
        }
      }
    }

    private void checkJobRules() {
      for (int j = 0; j < hubOf.length; j++) {
        if (hubOf[j] < 0) {
          continue;
        }
        Job job = p.jobs().get(j);
        Hub hub = p.hubs().get(hubOf[j]);
        int[] s = slotsOf[j];
        if (!job.allows(hub.id())) {
          violation(HardRule.RESIDENCY, job.id(), -1, "Job '" + job.id() + "' runs in hub '" + hub.id()
              + "' but may only run in " + job.allowedHubs() + ".");
        }
        if (s.length != job.durationSlots()) {
          violation(HardRule.DURATION, job.id(), -1, "Job '" + job.id() + "' has " + s.length
              + " slots but needs exactly " + job.durationSlots() + ".");
        }
        if (!job.interruptible() && s.length > 0 && s[s.length - 1] - s[0] != s.length - 1) {
          violation(HardRule.DURATION, job.id(), -1, "Job '" + job.id()
              + "' is not interruptible but runs in non-consecutive slots " + Arrays.toString(s) + ".");
        }
        int release = p.releaseSlot(j);
        int deadline = p.deadlineSlot(j);
        if (s.length > 0 && s[0] < release) {
          violation(HardRule.RELEASE_DEADLINE, job.id(), s[0], "Job '" + job.id() + "' starts in slot " + s[0]
              + " (" + horizon.slotStart(s[0]) + ") before its release " + job.release() + " (slot " + release + ").");
        }
        if (s.length > 0 && s[s.length - 1] >= deadline) {
          int last = s[s.length - 1];
          violation(HardRule.RELEASE_DEADLINE, job.id(), last, "Job '" + job.id() + "' runs in slot " + last
              + ", ending " + horizon.slotStart(last + 1) + ", after its deadline " + job.deadline()
              + " (it must finish by slot " + deadline + ").");
        }
      }
      long[][] running = runningUnitSlots();
      for (int i = 0; i < p.tenants().size(); i++) {
        Tenant tenant = p.tenants().get(i);
        List<FairnessWindow> windows = p.fairnessWindows(i);
        for (FairnessWindow w : windows) {
          long held = running[i][w.index()];
          double max = tenant.maxShare() * w.capacityUnitSlots();
          if (held <= max + EPS) {
            continue;
          }
          if (windows.size() == 1) {
            violation(HardRule.MAX_SHARE, tenant.id(), -1, "Tenant '" + tenant.id() + "' holds "
                + held + " unit-slots, more than its maxShare " + tenant.maxShare() + " of the "
                + w.capacityUnitSlots() + " unit-slots of capacity (" + (long) Math.floor(max + EPS) + ").");
          } else {
            violation(HardRule.MAX_SHARE, tenant.id(), -1, "Tenant '" + tenant.id() + "' runs " + held
                + " unit-slots in fairness " + w.describe() + ", more than its maxShare " + tenant.maxShare()
                + " of the window's " + w.capacityUnitSlots() + " unit-slots of capacity ("
                + (long) Math.floor(max + EPS) + ").");
          }
        }
      }
    }

    /** Per tenant and fairness window: the unit-slots its placed jobs run in the window's slots. */
    private long[][] runningUnitSlots() {
      long[][] running = new long[p.tenants().size()][];
      for (int i = 0; i < running.length; i++) {
        running[i] = new long[p.fairnessWindows(i).size()];
      }
      for (int j = 0; j < hubOf.length; j++) {
        if (hubOf[j] < 0) {
          continue;
        }
        Job job = p.jobs().get(j);
        int i = p.tenantIndex(job.tenant());
        for (int s : slotsOf[j]) {
          running[i][p.fairnessWindowAt(i, s).index()] += job.units();
        }
      }
      return running;
    }

    private long[] tenantUnitSlots() {
      long[] used = new long[p.tenants().size()];
      for (int j = 0; j < hubOf.length; j++) {
        if (hubOf[j] >= 0) {
          Job job = p.jobs().get(j);
          used[p.tenantIndex(job.tenant())] += (long) job.units() * slotsOf[j].length;
        }
      }
      return used;
    }

    private void checkHubRules(long[][] units, double[][] itKw) {
      for (int h = 0; h < units.length; h++) {
        Hub hub = p.hubs().get(h);
        for (int s = 0; s < slots; s++) {
          if (units[h][s] > hub.capacityUnitsAt(s)) {
            violation(HardRule.CAPACITY, hub.id(), s, "Hub '" + hub.id() + "' runs " + units[h][s]
                + " units in slot " + s + " (" + horizon.slotStart(s) + ") but has capacity "
                + hub.capacityUnitsAt(s) + ".");
          }
          double kw = itKw[h][s] * hub.pue();
          if (kw > hub.powerCapKwAt(s) + EPS) {
            violation(HardRule.POWER_CAP, hub.id(), s, "Hub '" + hub.id() + "' draws " + round(kw)
                + " kW (IT " + round(itKw[h][s]) + " kW x PUE " + hub.pue() + ") in slot " + s + " ("
                + horizon.slotStart(s) + ") above its power cap " + round(hub.powerCapKwAt(s)) + " kW.");
          }
        }
      }
    }

    private static double round(double v) {
      return Math.round(v * 1000) / 1000.0;
    }

    private double[] intensity(Hub hub, IntensityBasis basis) {
      ZoneIntensity zone = p.zoneOf(hub);
      SlotSeries series = basis == IntensityBasis.ACTUAL ? zone.gramsPerKwh() : zone.planningGramsPerKwh();
      return series.toArray(slots);
    }

    /** The totals of one accounting pass, and per-job and per-hub parts. */
    private static final class Accounting {
      double energy;
      double grid;
      double renewable;
      double emissions;
      double transferKwh;
      double transferEmissions;
      double cost;
      double[] jobEnergy;
      double[] jobGrid;
      double[] jobEmissions;
      double[] jobTransferKwh;
      double[] jobCost;
      double[] hubEnergy;
      double[] hubGrid;
      double[] hubRenewable;
      double[] hubEmissions;
    }

    private Accounting account(double[][] itKw, IntensityBasis basis) {
      int hubs = p.hubs().size();
      int jobs = hubOf.length;
      Accounting a = new Accounting();
      a.jobEnergy = new double[jobs];
      a.jobGrid = new double[jobs];
      a.jobEmissions = new double[jobs];
      a.jobTransferKwh = new double[jobs];
      a.jobCost = new double[jobs];
      a.hubEnergy = new double[hubs];
      a.hubGrid = new double[hubs];
      a.hubRenewable = new double[hubs];
      a.hubEmissions = new double[hubs];
      // Per hub and slot: grid fraction of facility energy, intensity and price.
      double[][] gridFraction = new double[hubs][slots];
      double[][] grams = new double[hubs][];
      for (int h = 0; h < hubs; h++) {
        Hub hub = p.hubs().get(h);
        grams[h] = intensity(hub, basis);
        for (int s = 0; s < slots; s++) {
          double energy = AccountingKernel.facilityKwh(hub.pue(), itKw[h][s], t);
          if (energy <= 0) {
            continue;
          }
          double supply = AccountingKernel.renewableSupplyKwh(hub.renewableKw().at(s), t);
          double renewable = AccountingKernel.renewableUsedKwh(energy, supply);
          double grid = AccountingKernel.gridKwh(energy, supply);
          gridFraction[h][s] = grid / energy;
          a.hubEnergy[h] += energy;
          a.hubGrid[h] += grid;
          a.hubRenewable[h] += renewable;
          a.hubEmissions[h] += AccountingKernel.emissionsGrams(grid, grams[h][s]);
          a.cost += AccountingKernel.energyCost(grid, hub.pricePerKwh().at(s));
        }
        a.energy += a.hubEnergy[h];
        a.grid += a.hubGrid[h];
        a.renewable += a.hubRenewable[h];
        a.emissions += a.hubEmissions[h];
      }
      for (int j = 0; j < jobs; j++) {
        int h = hubOf[j];
        if (h < 0) {
          continue;
        }
        Job job = p.jobs().get(j);
        Hub hub = p.hubs().get(h);
        double perSlot = AccountingKernel.facilityKwh(hub.pue(), job.powerKw(), t);
        for (int s : slotsOf[j]) {
          // the job's share of the hub-slot's grid energy, in proportion to its facility energy
          double grid = perSlot * gridFraction[h][s];
          a.jobEnergy[j] += perSlot;
          a.jobGrid[j] += grid;
          a.jobEmissions[j] += AccountingKernel.emissionsGrams(grid, grams[h][s]);
          a.jobCost[j] += AccountingKernel.energyCost(grid, hub.pricePerKwh().at(s));
        }
        if (job.movedTo(hub.id()) && slotsOf[j].length > 0) {
          double kwh = AccountingKernel.transferKwh(job.dataGb(), p.transferKwhPerGb());
          double g = AccountingKernel.emissionsGrams(kwh, grams[h][slotsOf[j][0]]);
          a.jobTransferKwh[j] = kwh;
          a.jobEmissions[j] += g;
          a.transferKwh += kwh;
          a.transferEmissions += g;
          a.emissions += g;
        }
        a.jobCost[j] += AccountingKernel.carbonCost(p.carbonPricePerTonne(), a.jobEmissions[j]);
      }
      a.cost += AccountingKernel.carbonCost(p.carbonPricePerTonne(), a.emissions);
      return a;
    }

    private List<JobResult> jobResults(Accounting a) {
      List<JobResult> results = new ArrayList<>(hubOf.length);
      for (int j = 0; j < hubOf.length; j++) {
        Job job = p.jobs().get(j);
        double baseline = baseline(j);
        if (hubOf[j] < 0) {
          results.add(new JobResult(job.id(), job.tenant(), Optional.empty(), Optional.empty(),
              Optional.empty(), Optional.empty(), 0, 0, 0, 0, 0, baseline));
          continue;
        }
        Hub hub = p.hubs().get(hubOf[j]);
        int[] s = slotsOf[j];
        Optional<Instant> start = s.length == 0 ? Optional.empty() : Optional.of(horizon.slotStart(s[0]));
        Optional<Instant> end = s.length == 0 ? Optional.empty()
            : Optional.of(horizon.slotStart(s[s.length - 1] + 1));
        Optional<Duration> wait = start.map(st -> {
          Duration w = Duration.between(job.release(), st);
          return w.isNegative() ? Duration.ZERO : w;
        });
        results.add(new JobResult(job.id(), job.tenant(), Optional.of(hub.id()), start, end, wait,
            a.jobEnergy[j], a.jobGrid[j], a.jobEmissions[j], a.jobTransferKwh[j], a.jobCost[j], baseline));
      }
      return results;
    }

    /** Carbon-agnostic reference of job j: alone, on grid power, contiguous from its release. */
    private double baseline(int j) {
      Job job = p.jobs().get(j);
      int h;
      if (job.originHub().isPresent()) {
        h = p.hubIndex(job.originHub().get());
      } else if (hubOf[j] >= 0) {
        h = hubOf[j];
      } else {
        h = job.allowedHubs().isEmpty() ? 0 : p.hubIndex(job.allowedHubs().get(0));
      }
      Hub hub = p.hubs().get(h);
      SlotSeries grams = p.zoneOf(hub).gramsPerKwh();
      double perSlot = AccountingKernel.facilityKwh(hub.pue(), job.powerKw(), t);
      int from = p.releaseSlot(j);
      double sum = 0;
      for (int s = from; s < Math.min(slots, from + job.durationSlots()); s++) {
        sum += AccountingKernel.emissionsGrams(perSlot, grams.at(s));
      }
      return sum;
    }

    private List<HubResult> hubResults(long[][] units, double[][] itKw, Accounting a) {
      List<HubResult> results = new ArrayList<>(units.length);
      for (int h = 0; h < units.length; h++) {
        Hub hub = p.hubs().get(h);
        long used = 0;
        long capacity = 0;
        double peakUtil = 0;
        double peakKw = 0;
        for (int s = 0; s < slots; s++) {
          used += units[h][s];
          int cap = hub.capacityUnitsAt(s);
          capacity += cap;
          if (cap > 0) {
            peakUtil = Math.max(peakUtil, (double) units[h][s] / cap);
          }
          peakKw = Math.max(peakKw, itKw[h][s] * hub.pue());
        }
        results.add(new HubResult(hub.id(), hub.zone(), a.hubEnergy[h], a.hubGrid[h], a.hubRenewable[h],
            a.hubEmissions[h], used, capacity, peakUtil, peakKw));
      }
      return results;
    }

    private List<TenantResult> tenantResults(List<JobResult> jobResults) {
      int n = p.tenants().size();
      int[] jobs = new int[n];
      int[] placed = new int[n];
      long[] demanded = new long[n];
      long[] used = tenantUnitSlots();
      double[] emissions = new double[n];
      List<List<Duration>> waits = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        waits.add(new ArrayList<>());
      }
      long allUsed = 0;
      for (int j = 0; j < hubOf.length; j++) {
        Job job = p.jobs().get(j);
        int i = p.tenantIndex(job.tenant());
        jobs[i]++;
        demanded[i] += job.unitSlots();
        JobResult r = jobResults.get(j);
        emissions[i] += r.emissionsGrams();
        if (r.scheduled()) {
          placed[i]++;
          r.waitTime().ifPresent(waits.get(i)::add);
        }
      }
      for (long u : used) {
        allUsed += u;
      }
      long total = p.totalCapacityUnitSlots();
      List<TenantResult> results = new ArrayList<>(n);
      List<List<TenantWindowResult>> windows = windowResults();
      for (int i = 0; i < n; i++) {
        Tenant tenant = p.tenants().get(i);
        double guaranteed = 0;
        boolean met = true;
        for (TenantWindowResult r : windows.get(i)) {
          guaranteed += r.guaranteedUnitSlots();
          met &= r.quotaMet();
        }
        List<Duration> w = waits.get(i);
        w.sort(null);
        results.add(new TenantResult(tenant.id(), tenant.tenantClass(), jobs[i], placed[i], demanded[i],
            used[i], total == 0 ? 0 : (double) used[i] / total, allUsed == 0 ? 0 : (double) used[i] / allUsed,
            guaranteed, met, tenant.maxShare() * total,
            percentile(w, 0.50), percentile(w, 0.95), emissions[i], windows.get(i)));
      }
      return results;
    }

    /**
     * Per tenant, per fairness window: the demand and scheduled unit-slots of its jobs released there
     * (the guarantee), and the unit-slots running there (the cap).
     */
    private List<List<TenantWindowResult>> windowResults() {
      int n = p.tenants().size();
      long[][] demanded = new long[n][];
      long[][] got = new long[n][];
      for (int i = 0; i < n; i++) {
        demanded[i] = new long[p.fairnessWindows(i).size()];
        got[i] = new long[demanded[i].length];
      }
      for (int j = 0; j < hubOf.length; j++) {
        Job job = p.jobs().get(j);
        int i = p.tenantIndex(job.tenant());
        int k = p.fairnessWindowAt(i, p.releaseSlot(j)).index();
        demanded[i][k] += job.unitSlots();
        if (hubOf[j] >= 0) {
          got[i][k] += (long) job.units() * slotsOf[j].length;
        }
      }
      long[][] running = runningUnitSlots();
      List<List<TenantWindowResult>> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Tenant tenant = p.tenants().get(i);
        List<TenantWindowResult> results = new ArrayList<>();
        for (FairnessWindow w : p.fairnessWindows(i)) {
          int k = w.index();
          double guaranteed = Math.min(demanded[i][k], tenant.guaranteedShare() * w.capacityUnitSlots());
          results.add(new TenantWindowResult(w, demanded[i][k], guaranteed, got[i][k], got[i][k] + EPS >= guaranteed,
              running[i][k], tenant.maxShare() * w.capacityUnitSlots()));
        }
        out.add(results);
      }
      return out;
    }

    /** Nearest-rank percentile of sorted durations. */
    private static Optional<Duration> percentile(List<Duration> sorted, double q) {
      if (sorted.isEmpty()) {
        return Optional.empty();
      }
      int rank = (int) Math.ceil(q * sorted.size());
      return Optional.of(sorted.get(Math.max(0, rank - 1)));
    }

    private static double jain(List<TenantResult> tenants) {
      double sum = 0;
      double squares = 0;
      int n = 0;
      for (TenantResult r : tenants) {
        if (r.demandedUnitSlots() == 0) {
          continue;
        }
        double x = r.servedFraction();
        sum += x;
        squares += x * x;
        n++;
      }
      return n == 0 || squares == 0 ? 1.0 : sum * sum / (n * squares);
    }
  }
}
