package dev.fairshift.benchmarks;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.FairshiftException;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.signals.EmbeddedData;
import dev.fairshift.signals.IntensityPoint;
import dev.fairshift.signals.IntensitySeries;
import dev.fairshift.solver.Scheduler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Scenario II of <i>Let's Wait Awhile</i> (Wiesner et al., Middleware 2021, doi
 * 10.1145/3464298.3493399), rebuilt as Fairshift problems so that a published result can be
 * reproduced end to end: the paper's 3,387 ML jobs (shipped in {@code lets-wait-awhile/jobs.csv},
 * provenance and terms in the {@code SOURCE.txt} and {@code README.md} beside it) on the ENTSO-E
 * 2020 intensities of DE, GB and FR embedded in grid-signals ({@link EmbeddedData#entsoe2020()}).
 *
 * <p>The setting is the paper's, as its code computes it:
 *
 * <ul>
 *   <li>30-minute slots from 2020-01-01T00:00Z to the last deadline;
 *   <li>the intensity of a slot is the reading at its start (the readings at :00 and :30 are
 *       <em>sampled</em>, not averaged over the slot as {@link EmbeddedData#zoneIntensity} does; for
 *       the 15-minute German series the two differ);
 *   <li>one node without a capacity limit (a hub with one unit per job), PUE 1, one unit of power per
 *       running job, no transfer, no renewables, so emissions are Σ over slots of intensity × running
 *       jobs (times a constant that cancels in every saving);
 *   <li>each job's window is {@code [arrival, deadline)}, the paper's search window;
 *   <li>the paper's baseline may start at arrival or one slot later, whichever is cleaner: the same
 *       jobs non-interruptible in {@code [arrival, baselineDeadline)} ({@link #baselineProblem}).
 * </ul>
 *
 * <pre>{@code
 * Problem shifted = LetsWaitAwhile.problem("DE", false);
 * Problem baseline = LetsWaitAwhile.baselineProblem("DE");
 * double saving = LetsWaitAwhile.saving(Scheduler.greedy(), shifted, baseline);   // 0.05926...
 * }</pre>
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.fairshift.benchmarks.LetsWaitAwhile} prints
 * the paper's savings next to greedy's. Immutable, thread-safe; the jobs and intensities are read once.
 */
public final class LetsWaitAwhile {
  /** The zones of the paper: Germany, Great Britain, France. */
  public static final List<String> ZONES = List.of("DE", "GB", "FR");
  /** The paper's time step. */
  public static final Duration SLOT = Duration.ofMinutes(30);
  /** The start of the paper's experiment and of every horizon here. */
  public static final Instant START = Instant.parse("2020-01-01T00:00:00Z");

  static final String RESOURCE = "lets-wait-awhile/jobs.csv";
  private static final String HEADER = "id,arrival_utc,duration_minutes,deadline_utc,baseline_deadline_utc";
  private static final String HUB = "node";
  private static final String TENANT = "ml";

  private LetsWaitAwhile() {}

  /**
   * One job of the paper's Scenario II.
   *
   * @param id {@code ml-0} .. {@code ml-3386}
   * @param arrival its release, on a workday between 09:00 and 16:30 UTC
   * @param duration 4 to 90 hours, a multiple of 30 minutes
   * @param deadline the end of the paper's search window (exclusive)
   * @param baselineDeadline arrival + duration + 30 minutes: the window of the paper's baseline
   */
  public record MlJob(String id, Instant arrival, Duration duration, Instant deadline, Instant baselineDeadline) {
    public MlJob {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(arrival, "arrival");
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(deadline, "deadline");
      Objects.requireNonNull(baselineDeadline, "baselineDeadline");
    }

    /** The duration in the paper's 30-minute slots. */
    public int slots() {
      return (int) (duration.toMinutes() / SLOT.toMinutes());
    }
  }

  /** The 3,387 jobs, in file order. */
  public static List<MlJob> jobs() {
    return Holder.JOBS;
  }

  /** 30-minute slots from {@link #START} to the latest deadline of {@link #jobs()}. */
  public static Horizon horizon() {
    Instant last = START;
    for (MlJob job : jobs()) {
      last = job.deadline().isAfter(last) ? job.deadline() : last;
    }
    return Horizon.of(START, (int) SLOT.toMinutes(), (int) (Duration.between(START, last).toMinutes() / SLOT.toMinutes()));
  }

  /**
   * The intensity of {@code zone} (DE, GB or FR) on every slot of {@link #horizon()}: the embedded
   * ENTSO-E 2020 reading that starts exactly at the slot's start, as the paper samples it.
   *
   * @throws FairshiftException if the zone is not one of the paper's or a slot has no reading at its start
   */
  public static ZoneIntensity intensity(String zone) {
    Objects.requireNonNull(zone, "zone");
    if (!ZONES.contains(zone)) {
      throw new FairshiftException("Let's Wait Awhile has no zone '" + zone + "'; its zones are " + ZONES
          + ". Maybe use one of those.");
    }
    Horizon horizon = horizon();
    IntensitySeries series = EmbeddedData.entsoe2020().history(zone, horizon.start(), horizon.end());
    Map<Instant, Double> readings = new HashMap<>();
    for (IntensityPoint point : series.points()) {
      readings.put(point.start(), point.gramsPerKwh());
    }
    double[] values = new double[horizon.slots()];
    for (int s = 0; s < values.length; s++) {
      Double reading = readings.get(horizon.slotStart(s));
      if (reading == null) {
        throw new FairshiftException("The embedded ENTSO-E 2020 series of " + zone + " has no reading at "
            + horizon.slotStart(s) + ", the start of slot " + s + ". Maybe resample it with Resampler "
            + "instead of sampling it.");
      }
      values[s] = reading;
    }
    return ZoneIntensity.of(zone, SlotSeries.of(values));
  }

  /** The paper's problem in {@code zone}: every job in its search window, interruptible or not. */
  public static Problem problem(String zone, boolean interruptible) {
    return build(intensity(zone), interruptible, false);
  }

  /** The paper's baseline: every job non-interruptible, starting at its arrival or one slot later. */
  public static Problem baselineProblem(String zone) {
    return build(intensity(zone), false, true);
  }

  /**
   * The saving of {@code scheduler} on {@code shifted} against greedy on {@code baseline} (the
   * paper's baseline, where greedy picks the cleaner of the two starts), both evaluated by the
   * {@link Evaluator}: 0.05 means 5 % less.
   *
   * @throws FairshiftException if either schedule leaves a job out or breaks a hard rule
   */
  public static double saving(Scheduler scheduler, Problem shifted, Problem baseline) {
    Evaluation base = evaluate(Scheduler.greedy(), baseline);
    Evaluation result = evaluate(scheduler, shifted);
    return result.savingVersus(base);
  }

  private static Evaluation evaluate(Scheduler scheduler, Problem problem) {
    Schedule schedule = scheduler.schedule(problem);
    Evaluation evaluation = Evaluator.evaluate(problem, schedule);
    if (!evaluation.feasible() || evaluation.unscheduledJobs() > 0) {
      throw new FairshiftException("Scheduler '" + scheduler.name() + "' placed " + evaluation.scheduledJobs()
          + " of " + problem.jobs().size() + " jobs with " + evaluation.violations().size()
          + " hard-rule violations on the Let's Wait Awhile problem; the paper places every job.");
    }
    return evaluation;
  }

  static Problem build(ZoneIntensity intensity, boolean interruptible, boolean baseline) {
    String zone = intensity.zone();
    List<MlJob> jobs = jobs();
    Problem.Builder builder = Problem.builder()
        .horizon(horizon())
        .zone(intensity)
        .hub(Hub.builder(HUB, zone).capacityUnits(jobs.size()).build())
        .tenant(Tenant.of(TENANT, "research"));
    for (MlJob job : jobs) {
      builder.job(Job.builder(job.id(), TENANT)
          .durationSlots(job.slots())
          .powerKw(1)
          .units(1)
          .window(job.arrival(), baseline ? job.baselineDeadline() : job.deadline())
          .interruptible(interruptible && !baseline)
          .build());
    }
    return builder.build();
  }

  private static final class Holder {
    static final List<MlJob> JOBS = load();
  }

  static List<MlJob> load() {
    try (InputStream raw = LetsWaitAwhile.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new FairshiftException("The Let's Wait Awhile jobs " + RESOURCE + " are missing from the "
            + "classpath. Maybe rebuild the benchmarks module.");
      }
      return parse(new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8)), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }

  static List<MlJob> parse(BufferedReader reader, String name) throws IOException {
    String header = reader.readLine();
    if (header == null || !header.strip().equals(HEADER)) {
      throw new FairshiftException(name + " must start with '" + HEADER + "' but starts with '" + header + "'.");
    }
    List<MlJob> jobs = new ArrayList<>();
    String line;
    int lineNumber = 1;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != 5) {
        throw new FairshiftException(name + " line " + lineNumber + " has " + cells.length
            + " columns, expected 5 (" + HEADER + ").");
      }
      Instant arrival = instant(cells[1], name, lineNumber, "arrival_utc");
      Instant deadline = instant(cells[3], name, lineNumber, "deadline_utc");
      Instant baselineDeadline = instant(cells[4], name, lineNumber, "baseline_deadline_utc");
      long minutes;
      try {
        minutes = Long.parseLong(cells[2].strip());
      } catch (NumberFormatException e) {
        throw new FairshiftException(name + " line " + lineNumber + ": duration_minutes '" + cells[2]
            + "' is not a whole number of minutes.");
      }
      if (minutes <= 0 || minutes % SLOT.toMinutes() != 0) {
        throw new FairshiftException(name + " line " + lineNumber + ": duration_minutes " + minutes
            + " is not a positive multiple of 30 minutes, the paper's time step.");
      }
      jobs.add(new MlJob(cells[0].strip(), arrival, Duration.ofMinutes(minutes), deadline, baselineDeadline));
    }
    return List.copyOf(jobs);
  }

  private static Instant instant(String text, String name, int line, String column) {
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new FairshiftException(name + " line " + line + ": " + column + " '" + text
          + "' is not an ISO-8601 UTC instant such as 2020-01-01T09:30:00Z.");
    }
  }

  /**
   * Prints the paper's error-free savings next to greedy's, per zone, in percent; and, to show what
   * the exact accounting matters, greedy's savings when the intensity is the time-weighted mean of
   * each slot ({@link EmbeddedData#zoneIntensity}, Fairshift's default resampling) and when the
   * baseline starts every job at its arrival ({@link Scheduler#asap()}).
   */
  public static void main(String[] args) {
    Map<String, double[]> paper = Map.of(
        "DE", new double[] {5.926, 8.156}, "GB", new double[] {6.571, 9.229}, "FR", new double[] {4.790, 6.219});
    System.out.println("Let's Wait Awhile, Scenario II (3,387 ML jobs, 2020, 30-min slots), saving vs the paper's baseline");
    System.out.println("zone  mode               paper %   greedy %   slot mean %   vs arrival %");
    for (String zone : ZONES) {
      Problem baseline = baselineProblem(zone);
      Evaluation base = evaluate(Scheduler.greedy(), baseline);
      Evaluation atArrival = evaluate(Scheduler.asap(), baseline);
      ZoneIntensity averaged = EmbeddedData.zoneIntensity(zone, horizon());
      Evaluation averagedBase = evaluate(Scheduler.greedy(), build(averaged, false, true));
      for (boolean interruptible : new boolean[] {false, true}) {
        Evaluation shifted = evaluate(Scheduler.greedy(), problem(zone, interruptible));
        Evaluation averagedShifted = evaluate(Scheduler.greedy(), build(averaged, interruptible, false));
        System.out.printf(Locale.ROOT, "%-5s %-17s %8.3f %10.3f %13.3f %14.3f%n", zone,
            interruptible ? "interruptible" : "non-interruptible", paper.get(zone)[interruptible ? 1 : 0],
            100 * shifted.savingVersus(base), 100 * averagedShifted.savingVersus(averagedBase),
            100 * shifted.savingVersus(atArrival));
      }
    }
  }
}
