package dev.fairshift.benchmarks.referee;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearArgument;
import com.google.ortools.sat.LinearExpr;
import dev.fairshift.core.AccountingKernel;
import dev.fairshift.core.Assignment;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.Unscheduled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The CP-SAT model of one problem: the placements each job may take, their integer coefficients, and
 * the translation of schedules to and from the solver's variables.
 *
 * <p>{@link #CpSatModel(Problem)} only enumerates placements and counts the model's size (no native
 * code); {@link #build(CpModel, boolean)} then creates the variables and constraints.
 *
 * <p>Scaling. Power in milliwatts (a job's IT power rounded up, a hub's cap / PUE rounded down, so the
 * model never allows a schedule the Evaluator rejects). Where a hub has no renewable supply in a slot,
 * its grid energy is its facility energy, so each literal carries the emissions of its own energy,
 * computed in floating point and rounded once to the objective unit. Where it has renewables, an
 * integer grid energy G(h,s) &ge; E &minus; R, G &ge; 0 in milliwatt-hours (each job's energy and the
 * renewable energy rounded to the nearest mWh) carries them at the intensity per mWh. The objective
 * unit ({@link #gramsPerUnit}) is a milligram without grid variables and a nanogram with them (then
 * the intensity per mWh is an integer number of nanograms for intensities with up to three decimals),
 * ten times coarser as often as needed to keep the largest objective below 2<sup>60</sup>.
 * {@link #roundingGrams()} bounds what all this rounding can change.
 *
 * <p>Coefficients come from {@link AccountingKernel}, the formulas the Evaluator uses (facility energy,
 * renewable supply, emissions of grid and transfer energy); the grid energy max(0, E &minus; R) is the
 * linear constraint above.
 *
 * <p>Not thread-safe: one instance belongs to one solve.
 */
final class CpSatModel {
  /** Energy unit: milliwatt-hours per kWh. */
  static final double MWH_PER_KWH = 1e6;
  /** Power unit: milliwatts per kW. */
  static final double MW_PER_KW = 1e6;
  /** Largest objective magnitude allowed; above it the objective unit grows by powers of ten. */
  static final double MAX_OBJECTIVE_UNITS = 0x1p60;
  /** Below this distance a scaled value is taken as the integer it is next to (floating-point noise). */
  private static final double NOISE = 1e-6;
  /** The Evaluator's tolerance for maxShare and quotas, unit-slots. */
  private static final double SHARE_EPS = 1e-9;
  /** Slack under the Evaluator's 1e-9 kW power-cap tolerance, kW. */
  private static final double POWER_EPS = 5e-10;

  final Problem problem;
  final int hubCount;
  final int slotCount;
  final int jobCount;

  // Hubs [h][s].
  private final double[][] grams;
  private final int[][] capacityUnits;
  private final long[][] powerCapMw;
  private final long[][] renewableMwh;

  // Jobs [j] and [j][h].
  private final int[] duration;
  private final int[] units;
  private final int[] priority;
  private final int[] tenantOf;
  private final boolean[] interruptible;
  private final long[] powerMw;
  private final long[][] energyMwh;
  /** Facility energy per slot, kWh, unrounded. */
  private final double[][] energyKwh;
  /** Transfer energy when moved to hub h, kWh; 0 when not moved there. */
  private final double[][] transferKwh;

  // Placements [j][option]: the hub; the start (non-interruptible) or -1; the usable slots (interruptible).
  private final int[][] optionHub;
  private final int[][] optionStart;
  private final int[][][] optionSlots;

  // Upper bounds per hub and slot over all placements: units, IT power and facility energy.
  private final long[][] maxUnits;
  private final long[][] maxPowerMw;
  private final long[][] maxEnergyMwh;

  // Tenants [t], unit-slots: the maxShare cap and the guaranteed quota, rounded as the Evaluator compares.
  private final long[] maxUnitSlots;
  private final long[] quotaUnitSlots;

  private final long booleans;
  private final long occupancyTerms;
  private final long totalPriority;

  /** Objective coefficient of grid energy per hub and slot, units per mWh; 0 where there is no grid variable. */
  private final long[][] gridCoef;
  /** Grams CO2e per objective unit. */
  final double gramsPerUnit;
  private double roundingGrams;

  // Built by build(...).
  private BoolVar[][] run;
  private BoolVar[][][] slotLits;
  private BoolVar[][][] prefix;
  private IntVar[][] grid;
  private LinearExpr emissions;
  private LinearExpr placedPriority;

  CpSatModel(Problem problem) {
    this.problem = problem;
    this.hubCount = problem.hubs().size();
    this.slotCount = problem.horizon().slots();
    this.jobCount = problem.jobs().size();
    double t = problem.horizon().slotHours();

    grams = new double[hubCount][];
    capacityUnits = new int[hubCount][slotCount];
    powerCapMw = new long[hubCount][slotCount];
    renewableMwh = new long[hubCount][slotCount];
    double[] peakGrams = new double[hubCount];
    boolean[] hasRenewables = new boolean[hubCount];
    for (int h = 0; h < hubCount; h++) {
      Hub hub = problem.hubs().get(h);
      grams[h] = problem.zoneOf(hub).planningGramsPerKwh().toArray(slotCount);
      peakGrams[h] = Arrays.stream(grams[h]).max().orElse(0);
      for (int s = 0; s < slotCount; s++) {
        capacityUnits[h][s] = hub.capacityUnitsAt(s);
        double cap = hub.powerCapKwAt(s);
        powerCapMw[h][s] = cap == Double.POSITIVE_INFINITY ? Long.MAX_VALUE
            : roundDown((cap + POWER_EPS) / hub.pue() * MW_PER_KW);
        double renewable = AccountingKernel.renewableSupplyKwh(hub.renewableKw().at(s), t) * MWH_PER_KWH;
        renewableMwh[h][s] = Math.round(renewable);
        hasRenewables[h] |= renewableMwh[h][s] > 0;
        roundingGrams += Math.abs(renewable - renewableMwh[h][s]) / MWH_PER_KWH * grams[h][s];
      }
    }

    duration = new int[jobCount];
    units = new int[jobCount];
    priority = new int[jobCount];
    tenantOf = new int[jobCount];
    interruptible = new boolean[jobCount];
    powerMw = new long[jobCount];
    energyMwh = new long[jobCount][hubCount];
    energyKwh = new double[jobCount][hubCount];
    transferKwh = new double[jobCount][hubCount];
    optionHub = new int[jobCount][];
    optionStart = new int[jobCount][];
    optionSlots = new int[jobCount][][];
    maxUnits = new long[hubCount][slotCount];
    maxPowerMw = new long[hubCount][slotCount];
    maxEnergyMwh = new long[hubCount][slotCount];
    long bools = 0;
    long terms = 0;
    long prio = 0;
    for (int j = 0; j < jobCount; j++) {
      Job job = problem.jobs().get(j);
      duration[j] = job.durationSlots();
      units[j] = job.units();
      priority[j] = job.priority();
      tenantOf[j] = problem.tenantIndex(job.tenant());
      interruptible[j] = job.interruptible();
      powerMw[j] = roundUp(job.powerKw() * MW_PER_KW);
      double worstEnergyResidual = 0;
      for (int h = 0; h < hubCount; h++) {
        Hub hub = problem.hubs().get(h);
        double energy = AccountingKernel.facilityKwh(hub.pue(), job.powerKw(), t) * MWH_PER_KWH;
        energyMwh[j][h] = Math.round(energy);
        energyKwh[j][h] = energy / MWH_PER_KWH;
        if (hasRenewables[h]) {
          worstEnergyResidual = Math.max(worstEnergyResidual,
              Math.abs(energy - energyMwh[j][h]) / MWH_PER_KWH * peakGrams[h] * duration[j]);
        }
        if (job.movedTo(hub.id())) {
          transferKwh[j][h] = AccountingKernel.transferKwh(job.dataGb(), problem.transferKwhPerGb());
        }
      }
      roundingGrams += worstEnergyResidual;

      List<int[]> options = new ArrayList<>();
      List<int[]> slotSets = new ArrayList<>();
      int release = problem.releaseSlot(j);
      int deadline = problem.deadlineSlot(j);
      for (int h = 0; h < hubCount; h++) {
        if (!job.allows(problem.hubs().get(h).id())) {
          continue;
        }
        boolean[] covered = new boolean[slotCount];
        if (interruptible[j]) {
          int[] usable = new int[Math.max(0, deadline - release)];
          int n = 0;
          for (int s = release; s < deadline; s++) {
            if (fitsAlone(j, h, s)) {
              usable[n++] = s;
            }
          }
          if (n >= duration[j]) {
            int[] slots = Arrays.copyOf(usable, n);
            options.add(new int[] {h, -1});
            slotSets.add(slots);
            bools += 1 + n + (transferKwh[j][h] > 0 ? n : 0);
            terms += n;
            for (int s : slots) {
              covered[s] = true;
            }
          }
        } else {
          int runLength = 0;
          for (int s = release; s < deadline; s++) {
            runLength = fitsAlone(j, h, s) ? runLength + 1 : 0;
            if (runLength >= duration[j]) {
              int start = s - duration[j] + 1;
              options.add(new int[] {h, start});
              slotSets.add(null);
              bools++;
              terms += duration[j];
              for (int k = start; k <= s; k++) {
                covered[k] = true;
              }
            }
          }
        }
        for (int s = 0; s < slotCount; s++) {
          if (covered[s]) {
            maxUnits[h][s] += units[j];
            maxPowerMw[h][s] += powerMw[j];
            maxEnergyMwh[h][s] += energyMwh[j][h];
          }
        }
      }
      optionHub[j] = options.stream().mapToInt(o -> o[0]).toArray();
      optionStart[j] = options.stream().mapToInt(o -> o[1]).toArray();
      optionSlots[j] = slotSets.toArray(new int[0][]);
      if (!options.isEmpty()) {
        prio += priority[j];
      }
    }
    this.totalPriority = prio;

    int tenants = problem.tenants().size();
    long[] demand = new long[tenants];
    for (int j = 0; j < jobCount; j++) {
      demand[tenantOf[j]] += (long) units[j] * duration[j];
    }
    maxUnitSlots = new long[tenants];
    quotaUnitSlots = new long[tenants];
    long total = problem.totalCapacityUnitSlots();
    for (int i = 0; i < tenants; i++) {
      Tenant tenant = problem.tenants().get(i);
      maxUnitSlots[i] = (long) Math.floor(tenant.maxShare() * total + SHARE_EPS);
      quotaUnitSlots[i] = Math.max(0,
          (long) Math.ceil(Math.min(demand[i], tenant.guaranteedShare() * total) - SHARE_EPS));
    }

    // Grid variables only where a hub has renewables: elsewhere grid energy equals facility energy and
    // each literal carries its own emissions. Objective unit: a milligram without grid variables (each
    // literal's emissions computed in floating point and rounded once); a nanogram with them, since their
    // coefficient is the intensity per mWh. Coarser powers of ten only if the largest objective would
    // exceed 2^60.
    boolean anyGrid = false;
    for (int h = 0; h < hubCount; h++) {
      for (int s = 0; s < slotCount; s++) {
        anyGrid |= renewableMwh[h][s] > 0 && maxEnergyMwh[h][s] > renewableMwh[h][s];
      }
    }
    double unit = anyGrid ? 1e-9 : 1e-3;
    while (maxObjective(unit, peakGrams) > MAX_OBJECTIVE_UNITS) {
      unit *= 10;
    }
    this.gramsPerUnit = unit;
    gridCoef = new long[hubCount][slotCount];
    for (int h = 0; h < hubCount; h++) {
      for (int s = 0; s < slotCount; s++) {
        long gridMax = maxEnergyMwh[h][s] - renewableMwh[h][s];
        if (renewableMwh[h][s] == 0 || gridMax <= 0) {
          continue;
        }
        double exact = grams[h][s] / MWH_PER_KWH / gramsPerUnit;
        gridCoef[h][s] = Math.round(exact);
        roundingGrams += Math.abs(exact - gridCoef[h][s]) * gramsPerUnit * gridMax;
      }
    }
    for (int j = 0; j < jobCount; j++) {
      double worst = 0;
      for (int o = 0; o < optionHub[j].length; o++) {
        int h = optionHub[j][o];
        if (optionSlots[j][o] == null) {
          double exact = runGrams(j, o) / gramsPerUnit;
          worst = Math.max(worst, Math.abs(exact - Math.round(exact)) * gramsPerUnit);
          continue;
        }
        double slotResidual = 0;
        double transferResidual = 0;
        for (int slot : optionSlots[j][o]) {
          double exact = directGridGrams(j, h, slot) / gramsPerUnit;
          slotResidual = Math.max(slotResidual, Math.abs(exact - Math.round(exact)) * gramsPerUnit);
          double transfer = AccountingKernel.emissionsGrams(transferKwh[j][h], grams[h][slot]) / gramsPerUnit;
          transferResidual = Math.max(transferResidual, Math.abs(transfer - Math.round(transfer)) * gramsPerUnit);
        }
        worst = Math.max(worst, duration[j] * slotResidual + transferResidual);
      }
      roundingGrams += worst;
    }
    this.booleans = bools;
    this.occupancyTerms = terms;
  }

  private double maxObjective(double unit, double[] peakGrams) {
    double sum = 0;
    for (int h = 0; h < hubCount; h++) {
      for (int s = 0; s < slotCount; s++) {
        sum += Math.max(0, maxEnergyMwh[h][s]) / MWH_PER_KWH * grams[h][s] / unit + 1;
      }
    }
    for (int j = 0; j < jobCount; j++) {
      double worst = 0;
      for (int o = 0; o < optionHub[j].length; o++) {
        int h = optionHub[j][o];
        worst = Math.max(worst, transferKwh[j][h] * peakGrams[h] / unit + 1);
      }
      sum += 2 * worst; // interruptible jobs' prefix coefficients are differences of two such costs
    }
    return sum;
  }

  private boolean fitsAlone(int j, int h, int s) {
    return units[j] <= capacityUnits[h][s] && powerMw[j] <= powerCapMw[h][s];
  }

  /** The model's size, counted before any variable is created. */
  ModelSize size() {
    return new ModelSize(booleans, occupancyTerms);
  }

  /** Sum of the priorities of the jobs that have at least one placement. */
  long totalPriority() {
    return totalPriority;
  }

  /**
   * A bound on how far the model's emissions of any schedule it allows (with grid energy at its
   * least) can be from the exact planning emissions of that schedule, grams: the rounding of energy,
   * renewables, intensities and transfers to the model's units.
   */
  double roundingGrams() {
    return roundingGrams;
  }

  /** The slots option {@code o} of job {@code j} may use: its run, or the usable slots of an interruptible job. */
  private int[] slotsOf(int j, int o) {
    if (optionSlots[j][o] != null) {
      return optionSlots[j][o];
    }
    int[] slots = new int[duration[j]];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = optionStart[j][o] + i;
    }
    return slots;
  }

  /**
   * Creates the variables, the hard rules and the two objective expressions in {@code model}.
   *
   * @param everyJob whether every job that has a placement must be placed (exactly one placement
   *     instead of at most one)
   */
  void build(CpModel model, boolean everyJob) {
    run = new BoolVar[jobCount][];
    slotLits = new BoolVar[jobCount][][];
    prefix = new BoolVar[jobCount][][];
    int[][] rowSize = new int[hubCount][slotCount];
    List<LinearArgument> objVars = new ArrayList<>();
    List<Long> objCoefs = new ArrayList<>();
    for (int j = 0; j < jobCount; j++) {
      int n = optionHub[j].length;
      run[j] = new BoolVar[n];
      slotLits[j] = new BoolVar[n][];
      prefix[j] = new BoolVar[n][];
      for (int o = 0; o < n; o++) {
        int h = optionHub[j][o];
        run[j][o] = model.newBoolVar("");
        if (interruptible[j]) {
          int[] slots = optionSlots[j][o];
          slotLits[j][o] = new BoolVar[slots.length];
          LinearArgument[] sum = new LinearArgument[slots.length + 1];
          long[] coefs = new long[slots.length + 1];
          for (int i = 0; i < slots.length; i++) {
            slotLits[j][o][i] = model.newBoolVar("");
            sum[i] = slotLits[j][o][i];
            coefs[i] = 1;
            rowSize[h][slots[i]]++;
            long cost = Math.round(directGridGrams(j, h, slots[i]) / gramsPerUnit);
            if (cost != 0) {
              objVars.add(slotLits[j][o][i]);
              objCoefs.add(cost);
            }
          }
          sum[slots.length] = run[j][o];
          coefs[slots.length] = -duration[j];
          model.addEquality(LinearExpr.weightedSum(sum, coefs), 0);
          // A slot is used only where the job runs: implied by the sum, but it makes the LP relaxation
          // spread a fractional job over at least durationSlots slots.
          for (BoolVar y : slotLits[j][o]) {
            model.addLessOrEqual(LinearExpr.weightedSum(new LinearArgument[] {y, run[j][o]}, new long[] {1, -1}), 0);
          }
          if (transferKwh[j][h] > 0) {
            addFirstSlotTransfer(model, j, o, objVars, objCoefs);
          }
        } else {
          long cost = runUnits(j, o);
          for (int s = optionStart[j][o]; s < optionStart[j][o] + duration[j]; s++) {
            rowSize[h][s]++;
          }
          if (cost != 0) {
            objVars.add(run[j][o]);
            objCoefs.add(cost);
          }
        }
      }
      if (n > 0) {
        if (everyJob) {
          model.addExactlyOne(run[j]);
        } else {
          model.addAtMostOne(run[j]);
        }
      }
    }

    // Per hub and slot: the literals that hold it and their jobs.
    BoolVar[][][] rowLits = new BoolVar[hubCount][slotCount][];
    int[][][] rowJobs = new int[hubCount][slotCount][];
    for (int h = 0; h < hubCount; h++) {
      for (int s = 0; s < slotCount; s++) {
        rowLits[h][s] = new BoolVar[rowSize[h][s]];
        rowJobs[h][s] = new int[rowSize[h][s]];
      }
    }
    int[][] fill = new int[hubCount][slotCount];
    for (int j = 0; j < jobCount; j++) {
      for (int o = 0; o < optionHub[j].length; o++) {
        int h = optionHub[j][o];
        if (interruptible[j]) {
          int[] slots = optionSlots[j][o];
          for (int i = 0; i < slots.length; i++) {
            int s = slots[i];
            rowLits[h][s][fill[h][s]] = slotLits[j][o][i];
            rowJobs[h][s][fill[h][s]++] = j;
          }
        } else {
          for (int s = optionStart[j][o]; s < optionStart[j][o] + duration[j]; s++) {
            rowLits[h][s][fill[h][s]] = run[j][o];
            rowJobs[h][s][fill[h][s]++] = j;
          }
        }
      }
    }

    grid = new IntVar[hubCount][slotCount];
    for (int h = 0; h < hubCount; h++) {
      for (int s = 0; s < slotCount; s++) {
        BoolVar[] lits = rowLits[h][s];
        int[] jobs = rowJobs[h][s];
        if (lits.length == 0) {
          continue;
        }
        // Capacity: units of the jobs running here.
        if (maxUnits[h][s] > capacityUnits[h][s]) {
          long[] c = new long[lits.length];
          for (int i = 0; i < lits.length; i++) {
            c[i] = units[jobs[i]];
          }
          model.addLessOrEqual(LinearExpr.weightedSum(lits, c), capacityUnits[h][s]);
        }
        // Power cap: IT power within cap / PUE.
        if (maxPowerMw[h][s] > powerCapMw[h][s]) {
          long[] c = new long[lits.length];
          for (int i = 0; i < lits.length; i++) {
            c[i] = powerMw[jobs[i]];
          }
          model.addLessOrEqual(LinearExpr.weightedSum(lits, c), powerCapMw[h][s]);
        }
        // Grid energy: G >= E - R and G >= 0 (without renewables G = E, charged on the literals instead).
        if (gridCoef[h][s] > 0 && renewableMwh[h][s] > 0) {
          grid[h][s] = model.newIntVar(0, maxEnergyMwh[h][s] - renewableMwh[h][s], "");
          LinearArgument[] vars = Arrays.copyOf(lits, lits.length + 1, LinearArgument[].class);
          long[] c = new long[lits.length + 1];
          for (int i = 0; i < lits.length; i++) {
            c[i] = energyMwh[jobs[i]][h];
          }
          vars[lits.length] = grid[h][s];
          c[lits.length] = -1;
          model.addLessOrEqual(LinearExpr.weightedSum(vars, c), renewableMwh[h][s]);
          objVars.add(grid[h][s]);
          objCoefs.add(gridCoef[h][s]);
        }
      }
    }

    addTenantRules(model);
    emissions = LinearExpr.weightedSum(objVars.toArray(new LinearArgument[0]),
        objCoefs.stream().mapToLong(Long::longValue).toArray());
    List<LinearArgument> placed = new ArrayList<>();
    List<Long> weights = new ArrayList<>();
    for (int j = 0; j < jobCount; j++) {
      for (BoolVar lit : run[j]) {
        placed.add(lit);
        weights.add((long) priority[j]);
      }
    }
    placedPriority = LinearExpr.weightedSum(placed.toArray(new LinearArgument[0]),
        weights.stream().mapToLong(Long::longValue).toArray());
  }

  /**
   * Transfer emissions of an interruptible job moved to the hub of option {@code o}, charged at its
   * first slot: prefix literals p<sub>i</sub> = "the job has started by usable slot i", non-decreasing,
   * ending at the run literal; slot i used implies p<sub>i</sub>; a start at i (p<sub>i</sub> and not
   * p<sub>i-1</sub>) implies slot i is used. The cost &Sigma; k<sub>i</sub> (p<sub>i</sub> &minus;
   * p<sub>i-1</sub>) is then exactly k of the first slot used.
   */
  private void addFirstSlotTransfer(CpModel model, int j, int o, List<LinearArgument> objVars, List<Long> objCoefs) {
    int h = optionHub[j][o];
    int[] slots = optionSlots[j][o];
    BoolVar[] p = new BoolVar[slots.length];
    long[] k = new long[slots.length + 1];
    for (int i = 0; i < slots.length; i++) {
      p[i] = model.newBoolVar("");
      k[i] = transferUnits(j, h, slots[i]);
      model.addImplication(slotLits[j][o][i], p[i]);
      if (i == 0) {
        model.addImplication(p[0], slotLits[j][o][0]);
      } else {
        model.addImplication(p[i - 1], p[i]);
        // p[i] - p[i-1] <= y[i]
        model.addLessOrEqual(LinearExpr.weightedSum(new LinearArgument[] {p[i], p[i - 1], slotLits[j][o][i]},
            new long[] {1, -1, -1}), 0);
      }
    }
    model.addEquality(p[slots.length - 1], run[j][o]);
    for (int i = 0; i < slots.length; i++) {
      long c = k[i] - k[i + 1];
      if (c != 0) {
        objVars.add(p[i]);
        objCoefs.add(c);
      }
    }
    prefix[j][o] = p;
  }

  /**
   * The grid emissions of job {@code j} in hub {@code h}, slot {@code s} when the hub has no renewable
   * supply there, so that its grid energy is its facility energy and each job's share is its own
   * energy, grams; 0 where a grid variable G carries them instead.
   */
  private double directGridGrams(int j, int h, int s) {
    return renewableMwh[h][s] == 0 ? AccountingKernel.emissionsGrams(energyKwh[j][h], grams[h][s]) : 0;
  }

  /** Emissions of option {@code o} of non-interruptible job {@code j} outside grid variables, grams. */
  private double runGrams(int j, int o) {
    int h = optionHub[j][o];
    int start = optionStart[j][o];
    double sum = AccountingKernel.emissionsGrams(transferKwh[j][h], grams[h][start]);
    for (int s = start; s < start + duration[j]; s++) {
      sum += directGridGrams(j, h, s);
    }
    return sum;
  }

  private long runUnits(int j, int o) {
    return Math.round(runGrams(j, o) / gramsPerUnit);
  }

  private long transferUnits(int j, int h, int slot) {
    return Math.round(AccountingKernel.emissionsGrams(transferKwh[j][h], grams[h][slot]) / gramsPerUnit);
  }

  /** Tenants' maxShare caps and guaranteed quotas, in unit-slots. */
  private void addTenantRules(CpModel model) {
    for (int t = 0; t < problem.tenants().size(); t++) {
      List<LinearArgument> lits = new ArrayList<>();
      List<Long> coefs = new ArrayList<>();
      long placeable = 0;
      for (int j = 0; j < jobCount; j++) {
        if (tenantOf[j] != t || run[j].length == 0) {
          continue;
        }
        long unitSlots = (long) units[j] * duration[j];
        placeable += unitSlots;
        for (BoolVar lit : run[j]) {
          lits.add(lit);
          coefs.add(unitSlots);
        }
      }
      LinearExpr used = LinearExpr.weightedSum(lits.toArray(new LinearArgument[0]),
          coefs.stream().mapToLong(Long::longValue).toArray());
      if (placeable > maxUnitSlots[t]) {
        model.addLessOrEqual(used, maxUnitSlots[t]);
      }
      if (quotaUnitSlots[t] > 0) {
        model.addGreaterOrEqual(used, quotaUnitSlots[t]);
      }
    }
  }

  /** The planning emissions, in objective units ({@link #gramsPerUnit} grams each). */
  LinearExpr emissions() {
    return emissions;
  }

  /** The sum of the placed jobs' priorities. */
  LinearExpr placedPriority() {
    return placedPriority;
  }

  /**
   * A schedule as placements: per job the option it takes and, for an interruptible job, the indices
   * of its slots within the option's usable slots; null for a job left out or placed where the model
   * has no placement (which no feasible schedule does).
   */
  Placement[] placements(Schedule schedule) {
    Placement[] out = new Placement[jobCount];
    for (Assignment a : schedule.assignments()) {
      if (!problem.hasJob(a.job()) || !problem.hasHub(a.hub())) {
        continue;
      }
      int j = problem.jobIndex(a.job());
      int h = problem.hubIndex(a.hub());
      for (int o = 0; o < optionHub[j].length && out[j] == null; o++) {
        if (optionHub[j][o] != h) {
          continue;
        }
        if (!interruptible[j] && optionStart[j][o] == a.firstSlot() && a.slots().size() == duration[j]) {
          out[j] = new Placement(o, null);
        } else if (interruptible[j]) {
          int[] idx = new int[a.slots().size()];
          boolean all = idx.length == duration[j];
          for (int i = 0; i < idx.length && all; i++) {
            idx[i] = Arrays.binarySearch(optionSlots[j][o], a.slots().get(i));
            all = idx[i] >= 0;
          }
          if (all) {
            out[j] = new Placement(o, idx);
          }
        }
      }
    }
    return out;
  }

  /**
   * Whether {@code placements} keep every rule of the model: capacity and power cap per hub and slot,
   * each tenant's maxShare and guaranteed quota, and every job that has a placement placed when
   * {@code everyJob}.
   */
  boolean feasible(Placement[] placements, boolean everyJob) {
    long[][] usedUnits = new long[hubCount][slotCount];
    long[][] usedMw = new long[hubCount][slotCount];
    long[] tenantUnitSlots = new long[problem.tenants().size()];
    for (int j = 0; j < jobCount; j++) {
      if (placements[j] == null) {
        if (everyJob && optionHub[j].length > 0) {
          return false;
        }
        continue;
      }
      int h = optionHub[j][placements[j].option()];
      int[] slots = slotsOf(j, placements[j]);
      if (slots.length != duration[j]) {
        return false;
      }
      for (int s : slots) {
        usedUnits[h][s] += units[j];
        usedMw[h][s] += powerMw[j];
      }
      tenantUnitSlots[tenantOf[j]] += (long) units[j] * duration[j];
    }
    for (int h = 0; h < hubCount; h++) {
      for (int s = 0; s < slotCount; s++) {
        if (usedUnits[h][s] > capacityUnits[h][s] || usedMw[h][s] > powerCapMw[h][s]) {
          return false;
        }
      }
    }
    for (int t = 0; t < tenantUnitSlots.length; t++) {
      if (tenantUnitSlots[t] > maxUnitSlots[t] || tenantUnitSlots[t] < quotaUnitSlots[t]) {
        return false;
      }
    }
    return true;
  }

  /** Sum of the priorities of the placed jobs. */
  long priorityOf(Placement[] placements) {
    long sum = 0;
    for (int j = 0; j < jobCount; j++) {
      if (placements[j] != null) {
        sum += priority[j];
      }
    }
    return sum;
  }

  /** The model's emissions of {@code placements}, grid energy at its least, in objective units. */
  long emissionsOf(Placement[] placements) {
    long[][] energy = energyOf(placements);
    long sum = 0;
    for (int h = 0; h < hubCount; h++) {
      for (int s = 0; s < slotCount; s++) {
        sum += gridCoef[h][s] * Math.max(0, energy[h][s] - renewableMwh[h][s]);
      }
    }
    for (int j = 0; j < jobCount; j++) {
      if (placements[j] == null) {
        continue;
      }
      int o = placements[j].option();
      int h = optionHub[j][o];
      if (!interruptible[j]) {
        sum += runUnits(j, o);
        continue;
      }
      int[] slots = slotsOf(j, placements[j]);
      for (int slot : slots) {
        sum += Math.round(directGridGrams(j, h, slot) / gramsPerUnit);
      }
      if (transferKwh[j][h] > 0) {
        sum += transferUnits(j, h, slots[0]);
      }
    }
    return sum;
  }

  private long[][] energyOf(Placement[] placements) {
    long[][] energy = new long[hubCount][slotCount];
    for (int j = 0; j < jobCount; j++) {
      if (placements[j] != null) {
        int h = optionHub[j][placements[j].option()];
        for (int s : slotsOf(j, placements[j])) {
          energy[h][s] += energyMwh[j][h];
        }
      }
    }
    return energy;
  }

  private int[] slotsOf(int j, Placement p) {
    if (!interruptible[j]) {
      return slotsOf(j, p.option());
    }
    int[] usable = optionSlots[j][p.option()];
    return Arrays.stream(p.slotIndices()).map(i -> usable[i]).sorted().toArray();
  }

  /** Sets a complete hint: every literal and grid variable takes its value in {@code placements}. */
  void hint(CpModel model, Placement[] placements) {
    model.clearHints();
    for (int j = 0; j < jobCount; j++) {
      Placement p = placements[j];
      for (int o = 0; o < run[j].length; o++) {
        boolean chosen = p != null && p.option() == o;
        model.addHint(run[j][o], chosen);
        if (slotLits[j][o] != null) {
          boolean[] used = new boolean[slotLits[j][o].length];
          if (chosen) {
            for (int i : p.slotIndices()) {
              used[i] = true;
            }
          }
          boolean started = false;
          for (int i = 0; i < used.length; i++) {
            model.addHint(slotLits[j][o][i], used[i]);
            started |= used[i];
            if (prefix[j][o] != null) {
              model.addHint(prefix[j][o][i], started);
            }
          }
        }
      }
    }
    long[][] energy = energyOf(placements);
    for (int h = 0; h < hubCount; h++) {
      for (int s = 0; s < slotCount; s++) {
        if (grid[h][s] != null) {
          model.addHint(grid[h][s], Math.max(0, energy[h][s] - renewableMwh[h][s]));
        }
      }
    }
  }

  /** The placements of the solver's last solution. */
  Placement[] read(CpSolver solver) {
    Placement[] out = new Placement[jobCount];
    for (int j = 0; j < jobCount; j++) {
      for (int o = 0; o < run[j].length && out[j] == null; o++) {
        if (!solver.booleanValue(run[j][o])) {
          continue;
        }
        if (slotLits[j][o] == null) {
          out[j] = new Placement(o, null);
        } else {
          int[] idx = new int[duration[j]];
          int n = 0;
          for (int i = 0; i < slotLits[j][o].length; i++) {
            if (solver.booleanValue(slotLits[j][o][i])) {
              idx[n++] = i;
            }
          }
          out[j] = new Placement(o, idx);
        }
      }
    }
    return out;
  }

  /** {@code placements} as a schedule named {@code solver}; {@code reason} explains each job left out. */
  Schedule toSchedule(String solver, Placement[] placements, IntFunction<String> reason) {
    List<Assignment> assignments = new ArrayList<>();
    List<Unscheduled> unscheduled = new ArrayList<>();
    for (int j = 0; j < jobCount; j++) {
      String id = problem.jobs().get(j).id();
      if (placements[j] == null) {
        unscheduled.add(new Unscheduled(id, reason.apply(j)));
      } else {
        int h = optionHub[j][placements[j].option()];
        List<Integer> slots = Arrays.stream(slotsOf(j, placements[j])).boxed().toList();
        assignments.add(new Assignment(id, problem.hubs().get(h).id(), slots));
      }
    }
    return new Schedule(solver, assignments, unscheduled);
  }

  /** Whether job {@code j} has no placement at all: it fits no allowed hub on its own in its window. */
  boolean unplaceable(int j) {
    return optionHub[j].length == 0;
  }

  private static long roundUp(double v) {
    long r = Math.round(v);
    return Math.abs(v - r) < NOISE ? r : (long) Math.ceil(v);
  }

  private static long roundDown(double v) {
    long r = Math.round(v);
    return Math.abs(v - r) < NOISE ? r : (long) Math.floor(v);
  }

  /**
   * Where one job runs in the model: option {@code option} of the job and, for an interruptible job,
   * the indices of its slots among the option's usable slots (null otherwise).
   */
  record Placement(int option, int[] slotIndices) {}
}
