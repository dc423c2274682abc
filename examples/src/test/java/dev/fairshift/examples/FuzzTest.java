package dev.fairshift.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.FairshiftException;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.Job;
import dev.fairshift.core.Printable;
import dev.fairshift.core.Problem;
import dev.fairshift.core.ProblemError;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import dev.fairshift.core.json.ProblemJson;
import dev.fairshift.core.json.ScheduleJson;
import dev.fairshift.solver.Scheduler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz suite: seeded mutations of valid problems and schedules (types, magnitudes, structure,
 * strings, encodings, sizes) through ProblemJson and ScheduleJson, Problem.build, the Evaluator, greedy
 * and the command line with {@code --out}. Every case ends in a valid result or a clear error (a
 * {@link InvalidProblemException} whose errors name a path, exit 1 or 2 with such a message), never
 * another exception, a stack trace, a raw control character in a message, a hang, or a partial or
 * leftover file.
 *
 * <p>{@code -Dfairshift.fuzz.cases=N} sets the cases per test (40 in {@code mvn verify}, 2000 with
 * {@code -Pfuzz}); {@code -Dfairshift.fuzz.seed=S} replays another seed. A failure names the seed, the
 * case and the mutation.
 */
class FuzzTest {
  static final int CASES = Integer.getInteger("fairshift.fuzz.cases", 40);
  static final long SEED = Long.getLong("fairshift.fuzz.seed", 20261204L);
  /** Far above what any case needs (milliseconds); a case that takes longer hangs. */
  static final Duration CASE_TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  private static Random random(int test, int c) {
    return new Random(SEED * 1_000_003L + test * 100_000L + c);
  }

  private static String where(int c, String did) {
    return "seed " + SEED + ", case " + c + ": " + did;
  }

  @Test
  void problemTrees_mutated_readAsAProblemOrAsErrorsNamingPaths() {
    int valid = 0;
    for (int c = 0; c < CASES; c++) {
      Random r = random(1, c);
      JsonNode tree = ProblemJson.toTree(Fuzz.validProblem(r));
      String did = Fuzz.mutateTree(tree, r);
      String text = tree.toString();
      String as = where(c, did);
      valid += assertTimeoutPreemptively(CASE_TIMEOUT, () -> readProblem(() -> ProblemJson.read(text), as), as) ? 1 : 0;
    }
    assertBothOutcomes(valid, "problemTrees");
  }

  @Test
  void problemBytes_mutated_readAsAProblemOrAsErrorsNamingPaths() throws IOException {
    int valid = 0;
    for (int c = 0; c < CASES; c++) {
      Random r = random(2, c);
      String text = ProblemJson.write(Fuzz.validProblem(r));
      Map.Entry<byte[], String> mutated = Fuzz.mutateBytes(text, r);
      Path file = Files.write(dir.resolve("p" + c + ".json"), mutated.getKey());
      String as = where(c, mutated.getValue());
      valid += assertTimeoutPreemptively(CASE_TIMEOUT, () -> readProblem(() -> ProblemJson.read(file), as), as) ? 1 : 0;
    }
    assertBothOutcomes(valid, "problemBytes");
  }

  @Test
  void scheduleDocuments_mutated_readAndEvaluateWithoutThrowing() throws IOException {
    for (int c = 0; c < CASES; c++) {
      Random r = random(3, c);
      Problem problem = Fuzz.validProblem(r);
      Schedule schedule = Scheduler.greedy().schedule(problem);
      String did;
      byte[] bytes;
      if (r.nextBoolean()) {
        JsonNode tree = ScheduleJson.toTree(schedule);
        did = Fuzz.mutateTree(tree, r);
        bytes = tree.toString().getBytes(StandardCharsets.UTF_8);
      } else {
        Map.Entry<byte[], String> m = Fuzz.mutateBytes(ScheduleJson.write(schedule), r);
        did = m.getValue();
        bytes = m.getKey();
      }
      Path file = Files.write(dir.resolve("s" + c + ".json"), bytes);
      String as = where(c, did);
      assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
        Schedule read;
        try {
          read = ScheduleJson.read(file);
        } catch (InvalidProblemException e) {
          assertClearErrors(e, as);
          return;
        } catch (FairshiftException e) {
          assertClearMessage(e.getMessage(), as);
          return;
        }
        // The Evaluator never throws for a bad schedule: it reports violations, with finite numbers.
        assertFinite(Evaluator.evaluate(problem, read), as);
      }, as);
    }
  }

  @Test
  void builder_anyValues_buildAValidProblemOrListFieldErrors() {
    int valid = 0;
    Instant t0 = Instant.parse("2021-03-01T00:00:00Z");
    for (int c = 0; c < CASES * 4; c++) {
      Random r = random(4, c);
      String as = where(c, "builder");
      valid += assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
        int slots = Fuzz.sometimes(r, 24, 1, 1_000_001, Integer.MAX_VALUE);
        Duration slot = Fuzz.sometimes(r, Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(8),
            Duration.ofDays(365L * 100_000));
        Horizon horizon = new Horizon(Fuzz.anyInstant(r, t0), slot, slots);
        double[] grams = new double[Math.min(slots, 24)];
        java.util.Arrays.fill(grams, 300);
        grams[r.nextInt(grams.length)] = Fuzz.anyDouble(r, 300);
        Problem.Builder b = Problem.builder().horizon(horizon)
            .carbonPricePerTonne(Fuzz.anyDouble(r, 80)).transferKwhPerGb(Fuzz.anyDouble(r, 0.03))
            .zone(ZoneIntensity.of(Fuzz.sometimes(r, "DE", "", "D\u0000E"), SlotSeries.of(grams)))
            .hub(hub(r))
            .tenant(Tenant.of("t", "c").withWeight(Fuzz.anyDouble(r, 1)).withGuaranteedShare(Fuzz.anyDouble(r, 0.1)).withMaxShare(1));
        Instant release = Fuzz.anyInstant(r, t0);
        b.job(Job.builder(Fuzz.sometimes(r, "j", "", "j\u2028"), "t")
            .durationSlots(Fuzz.sometimes(r, 2, 0, -1, Integer.MAX_VALUE))
            .powerKw(Fuzz.anyDouble(r, 10)).units(Fuzz.sometimes(r, 1, 0, Integer.MAX_VALUE))
            .window(release, Fuzz.anyInstant(r, t0.plus(Duration.ofHours(24))))
            .originHub("h").dataGb(Fuzz.anyDouble(r, 10)).priority(Fuzz.sometimes(r, 1, 0, Integer.MAX_VALUE))
            .build());
        return readProblem(b::build, as);
      }, as) ? 1 : 0;
    }
    System.out.println("FuzzTest.builder: " + valid + " of " + CASES * 4 + " cases valid");
  }

  @Test
  void cli_scheduleAndEvaluateWithOut_exitCleanlyAndLeaveNoPartialFile() throws IOException {
    for (int i = 0; i < CASES; i++) {
      int c = i;
      Random r = random(5, c);
      Problem problem = Fuzz.validProblem(r);
      String validProblem = ProblemJson.write(problem);
      Path problemFile = dir.resolve("problem.json");
      Path scheduleFile = dir.resolve("schedule.json");
      Path out = dir.resolve("out.json");
      boolean mutateProblem = r.nextBoolean();
      String did;
      if (mutateProblem) {
        if (r.nextBoolean()) {
          JsonNode tree = ProblemJson.toTree(problem);
          did = "problem " + Fuzz.mutateTree(tree, r);
          // getBytes, not writeString: a lone surrogate becomes '?' instead of failing the test's own write.
          Files.write(problemFile, tree.toString().getBytes(StandardCharsets.UTF_8));
        } else {
          Map.Entry<byte[], String> m = Fuzz.mutateBytes(validProblem, r);
          did = "problem " + m.getValue();
          Files.write(problemFile, m.getKey());
        }
        Files.writeString(scheduleFile, ScheduleJson.write(Scheduler.greedy().schedule(problem)));
      } else {
        Files.writeString(problemFile, validProblem);
        JsonNode tree = ScheduleJson.toTree(Scheduler.greedy().schedule(problem));
        did = "schedule " + Fuzz.mutateTree(tree, r);
        Files.write(scheduleFile, tree.toString().getBytes(StandardCharsets.UTF_8));
      }
      boolean previous = r.nextBoolean();
      if (previous) {
        Files.writeString(out, "previous");
      } else {
        Files.deleteIfExists(out);
      }
      String as = where(c, did);
      assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Cli cli = new Cli(new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));

        // One case in twenty through OptaPlanner (warm-started from greedy, stopped after 200 ms).
        boolean opta = c % 20 == 0;
        int scheduled = cli.run("schedule", "--problem", problemFile.toString(), "--solver",
            opta ? "optaplanner" : "greedy", "--time-limit", "200ms", "--out", out.toString());

        String err = stderr.toString(StandardCharsets.UTF_8);
        assertThat(scheduled).as(as + "\n" + err).isIn(Cli.OK, Cli.INVALID_INPUT);
        if (scheduled == Cli.OK) {
          assertThat(err).as(as).isEmpty();
          Schedule written = ScheduleJson.read(out);
          Evaluation evaluation = Evaluator.evaluate(ProblemJson.read(problemFile), written);
          assertThat(evaluation.feasible() || opta).as(as).isTrue();
          assertFinite(evaluation, as);
        } else {
          assertClearMessage(err, as);
          assertThat(err).as(as).startsWith("fairshift: ");
          if (previous) {
            assertThat(Files.readString(out)).as(as).isEqualTo("previous");
          } else {
            assertThat(out).as(as).doesNotExist();
          }
        }
        stderr.reset();
        int evaluated = cli.run("evaluate", "--problem", problemFile.toString(), "--schedule", scheduleFile.toString());
        err = stderr.toString(StandardCharsets.UTF_8);
        assertThat(evaluated).as(as + "\n" + err).isIn(Cli.OK, Cli.INVALID_INPUT, Cli.VIOLATIONS);
        if (evaluated == Cli.INVALID_INPUT) {
          assertClearMessage(err, as);
        }
        for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n", -1)) {
          assertThat(Printable.firstUnsafe(line)).as(as + ": a control character in the report: " + line).isEqualTo(-1);
        }
      }, as);
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
            .as(as + ": temporary files").isEmpty();
      }
    }
  }

  private static Hub hub(Random r) {
    Hub.Builder hub = Hub.builder(Fuzz.sometimes(r, "h", "", "h\u001B"), "DE").pue(Fuzz.anyDouble(r, 1.2))
        .capacityUnits(SlotSeries.scalar(Fuzz.anyDouble(r, 8))).pricePerKwh(Fuzz.anyDouble(r, 0.2))
        .renewableKw(SlotSeries.scalar(Fuzz.anyDouble(r, 5)));
    return (r.nextBoolean() ? hub.powerCapKw(Fuzz.anyDouble(r, 1000)) : hub).build();
  }

  /** Reading (or building) ends in a valid problem that every consumer handles, or in clear errors. */
  private static boolean readProblem(java.util.function.Supplier<Problem> read, String as) {
    Problem problem;
    try {
      problem = read.get();
    } catch (InvalidProblemException e) {
      assertClearErrors(e, as);
      return false;
    } catch (FairshiftException e) {
      assertClearMessage(e.getMessage(), as);
      return false;
    } catch (RuntimeException e) {
      throw new AssertionError(as + ": neither a problem nor a clear error, but " + e, e);
    }
    // A valid problem round-trips exactly and is scheduled and evaluated with finite numbers.
    assertThat(ProblemJson.read(ProblemJson.write(problem))).as(as).isEqualTo(problem);
    Schedule schedule = Scheduler.greedy().schedule(problem);
    Evaluation evaluation = Evaluator.evaluate(problem, schedule);
    assertThat(evaluation.feasible()).as(as + ": greedy's schedule breaks a hard rule").isTrue();
    assertFinite(evaluation, as);
    // What OptaPlanner's score counts in longs (milligrams CO2e, microwatts per job) fits a long:
    // the reason for Limits' magnitudes.
    assertThat(evaluation.emissionsGrams() * 1000).as(as + ": emissions in mg").isLessThan(0x1p63);
    assertThat(evaluation.baselineEmissionsGrams() * 1000).as(as + ": baseline in mg").isLessThan(0x1p63);
    for (Job job : problem.jobs()) {
      assertThat(job.powerKw() * 1e9).as(as + ": " + job.id() + " in microwatts").isLessThan(0x1p63);
    }
    assertThat(ScheduleJson.read(ScheduleJson.write(schedule))).as(as).isEqualTo(schedule);
    return true;
  }

  /** The mutations reach both outcomes: a fuzzer whose every case is rejected at the first byte tests little. */
  private static void assertBothOutcomes(int valid, String test) {
    System.out.println("FuzzTest." + test + ": " + valid + " of " + CASES + " mutated cases valid");
    if (CASES >= 40) {
      assertThat(valid).as(test + ": valid cases").isBetween(1, CASES - 1);
    }
  }

  private static void assertFinite(Evaluation e, String as) {
    for (double v : new double[] {e.energyKwh(), e.gridKwh(), e.renewableKwh(), e.transferKwh(), e.emissionsGrams(),
        e.transferEmissionsGrams(), e.cost(), e.baselineEmissionsGrams()}) {
      if (!Double.isFinite(v)) {
        fail(as + ": the evaluation has a number that is not finite: " + e);
      }
    }
  }

  private static void assertClearErrors(InvalidProblemException e, String as) {
    assertThat(e.errors()).as(as).isNotEmpty();
    for (ProblemError error : e.errors()) {
      assertThat(error.path()).as(as).isNotBlank();
      assertThat(error.message()).as(as).isNotBlank();
      assertThat(Printable.firstUnsafe(error.path() + error.message())).as(as + ": " + error).isEqualTo(-1);
    }
    assertClearMessage(e.getMessage(), as);
  }

  /** No stack trace, no internal error, no control character but line breaks. */
  private static void assertClearMessage(String text, String as) {
    assertThat(text).as(as).isNotBlank().doesNotContain("\tat ", "internal error", "Exception in thread");
    for (String line : text.split("\n", -1)) {
      assertThat(Printable.firstUnsafe(line)).as(as + ": a control character in " + line).isEqualTo(-1);
    }
  }
}
