package dev.fairshift.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.solver.fixtures.JsonProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest extends CliTestSupport {
  @TempDir
  Path dir;


  /** One job, one hub, four hourly slots: greedy runs it in slots 2-3 (4.5 kg CO2e). */
  static final String SMALL_PROBLEM = JsonProblems.ONE_JOB;

  @Test
  void schedule_writesTheScheduleAndPrintsTheReport() throws IOException {
    Path problem = Files.writeString(dir.resolve("p.json"), SMALL_PROBLEM);
    Path schedule = dir.resolve("s.json");

    int code = cli.run("schedule", "--problem", problem.toString(), "--solver", "greedy", "--out", schedule.toString());

    assertThat(code).as(err()).isEqualTo(Cli.OK);
    // The cleanest two consecutive hours are slots 2-3: 15 kWh x (100 + 200) g/kWh = 4.5 kg.
    assertThat(Files.readString(schedule)).contains("\"train-1\"", "\"berlin\"", "\"slots\": [2, 3]");
    assertThat(out()).contains("1 of 1 jobs placed", "no hard-rule violations", "emissions 4.5 kg");
  }

  @Test
  void schedule_optaplannerExplainsItsScoreAndStatesTheGapToTheBound() throws IOException {
    Path problem = Files.writeString(dir.resolve("p.json"), SMALL_PROBLEM);

    int code = cli.run("schedule", "--problem", problem.toString(), "--solver", "optaplanner", "--time-limit", "1s");

    assertThat(code).as(err()).isEqualTo(Cli.OK);
    // One job, one hub: the cleanest window (4.5 kg) is optimal, and the bound says so.
    assertThat(out()).contains("emissions 4.5 kg", "lower bound 4.5 kg CO2e on every feasible schedule that runs every job (this one does)",
        "at most 0.0 % more", "Grid emissions");
  }

  static final String TWO_REGIONS = """
      {
        "version": 1,
        "horizon": { "start": "2021-03-01T00:00:00Z", "slotMinutes": 60, "slots": 4 },
        "zones": [ { "id": "DE", "signal": "average", "gramsPerKwh": [400.0, 300.0, 100.0, 200.0] },
                   { "id": "FR", "signal": "average", "gramsPerKwh": [50.0, 60.0, 90.0, 20.0] } ],
        "hubs": [ { "id": "berlin", "zone": "DE", "pue": 1.0, "capacityUnits": 4, "pricePerKwh": 0.2 },
                  { "id": "paris", "zone": "FR", "pue": 1.0, "capacityUnits": 4, "pricePerKwh": 0.2 } ],
        "tenants": [ { "id": "lab", "class": "research" } ],
        "jobs": [
          { "id": "de-1", "tenant": "lab", "durationSlots": 2, "powerKw": 10.0, "units": 2,
            "release": "2021-03-01T00:00:00Z", "deadline": "2021-03-01T04:00:00Z", "allowedHubs": ["berlin"] },
          { "id": "fr-1", "tenant": "lab", "durationSlots": 1, "powerKw": 10.0, "units": 2,
            "release": "2021-03-01T00:00:00Z", "deadline": "2021-03-01T04:00:00Z", "allowedHubs": ["paris"] }
        ]
      }
      """;

  @Test
  void schedule_decomposeRegion_solvesEachRegionAndReportsTheParts() throws IOException {
    Path problem = Files.writeString(dir.resolve("p.json"), TWO_REGIONS);
    Path schedule = dir.resolve("s.json");

    int code = cli.run("schedule", "--problem", problem.toString(), "--solver", "optaplanner", "--decompose",
        "region", "--threads", "2", "--time-limit", "2s", "--out", schedule.toString());

    assertThat(code).as(err()).isEqualTo(Cli.OK);
    // de-1 in DE's cleanest two hours (slots 2-3: 10 x 100 + 10 x 200 g), fr-1 in FR's cleanest hour (slot 3: 200 g)
    assertThat(Files.readString(schedule)).contains("\"solver\": \"optaplanner-decomposed\"",
        "\"slots\": [2, 3]", "\"slots\": [3]");
    assertThat(out()).contains("emissions 3.2 kg", "split region into 2 part(s)", "region 1 (1 hub in DE)",
        "region 2 (1 hub in FR)", "at most 0.0 % more");
  }

  @Test
  void schedule_decomposeMisused_isUsageWithAFix() throws IOException {
    Path problem = Files.writeString(dir.resolve("p.json"), TWO_REGIONS);

    assertThat(cli.run("schedule", "--problem", problem.toString(), "--decompose", "region")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--decompose region applies to --solver optaplanner, not greedy. "
        + "Maybe --solver optaplanner --decompose region.");
    assertThat(cli.run("schedule", "--problem", problem.toString(), "--solver", "optaplanner", "--decompose",
        "regoin")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("Unknown --decompose 'regoin'. Maybe auto, region, time or none.");
    assertThat(cli.run("schedule", "--problem", problem.toString(), "--solver", "optaplanner", "--decompose",
        "auto", "--threads", "0")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--threads is 0 but must be 1 to 1024.");
    assertThat(cli.run("schedule", "--problem", problem.toString(), "--solver", "optaplanner", "--threads", "2"))
        .isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--threads applies to --decompose. Maybe --decompose auto.");
    assertThat(out()).isEmpty();
  }

  @Test
  void schedule_optaplannerShowsProgressOnStderrOnly_andQuietTurnsItOff() throws IOException {
    Path problem = dir.resolve("week.json");
    assertThat(cli.run("example-problem", "--out", problem.toString())).isEqualTo(Cli.OK);
    out.reset();

    // --time-limit 10s: the command stops OptaPlanner after a fifth of it without improvement, so the run lasts
    // at least 2 s, past the 1 s after which the live line is first drawn (due then, drawn within a tick)
    int code = cli.run("schedule", "--problem", problem.toString(), "--solver", "optaplanner", "--time-limit", "10s",
        "--progress", "live", "--out", dir.resolve("s.json").toString());

    assertThat(code).as(err()).isEqualTo(Cli.OK);
    assertThat(err()).startsWith("\roptaplanner: ").containsPattern("^\roptaplanner: \\d+s elapsed, at most ")
        .endsWith("\n")
        .containsPattern("\roptaplanner: done in \\d+s; best \\d+hard/-?\\d+medium/-?\\d+soft \\(soft cost [0-9.]+ kg "
            + "CO2e-eq\\), \\d+ improvements? *\n$");
    assertThat(out()).startsWith("Schedule by 'optaplanner'").doesNotContain("\r", "elapsed");

    out.reset();
    err.reset();
    assertThat(cli.run("schedule", "--problem", problem.toString(), "--solver", "optaplanner", "--time-limit", "3s",
        "--progress", "live", "--quiet", "--out", dir.resolve("s2.json").toString())).isEqualTo(Cli.OK);
    assertThat(err()).isEmpty();
    assertThat(out()).startsWith("Schedule by 'optaplanner'");

    assertThat(cli.run("evaluate", "--problem", problem.toString(), "--schedule", dir.resolve("s.json").toString(),
        "--progress", "loud")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--progress is 'loud'; use live, plain, off or auto. Maybe --progress plain.");
  }

  @Test
  void evaluate_reportsViolationsAndExitsWithThree() throws IOException {
    Path problem = Files.writeString(dir.resolve("p.json"), SMALL_PROBLEM);
    Path schedule = Files.writeString(dir.resolve("s.json"), """
        {"version":1,"solver":"hand","assignments":[{"job":"train-1","hub":"berlin","slots":[0,2]}],
         "unscheduled":[]}
        """);

    int code = cli.run("evaluate", "--problem", problem.toString(), "--schedule", schedule.toString());

    assertThat(code).isEqualTo(Cli.VIOLATIONS);
    assertThat(out()).contains("HARD-RULE VIOLATIONS", "non-consecutive");
    // 15 kWh at 400 + 15 kWh at 100 g/kWh = 7.5 kg.
    assertThat(out()).contains("emissions 7.5 kg");
  }

  @Test
  void schedule_invalidProblemListsEveryErrorAndWritesNothing() throws IOException {
    String broken = SMALL_PROBLEM.replace("\"durationSlots\": 2", "\"durationSlots\": 0")
        .replace("\"zone\": \"DE\"", "\"zone\": \"XX\"");
    Path problem = Files.writeString(dir.resolve("p.json"), broken);
    Path schedule = dir.resolve("s.json");

    int code = cli.run("schedule", "--problem", problem.toString(), "--out", schedule.toString());

    assertThat(code).isEqualTo(Cli.INVALID_INPUT);
    assertThat(err()).contains("jobs[0].durationSlots", "hubs[0].zone", "'XX'");
    assertThat(schedule).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("p.json");
    }
  }

  @Test
  void schedule_unknownSolverIsUsageWithASuggestion_missingFileIsInvalidInput() throws IOException {
    Path problem = Files.writeString(dir.resolve("p.json"), SMALL_PROBLEM);

    assertThat(cli.run("schedule", "--problem", problem.toString(), "--solver", "gredy")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("Unknown solver 'gredy'", "Maybe --solver greedy?", "fairshift schedule --help");
    assertThat(cli.run("schedule", "--problem", dir.resolve("nope.json").toString())).isEqualTo(Cli.INVALID_INPUT);
    assertThat(err()).contains("--problem " + dir.resolve("nope.json"), "no such file");
  }

  @Test
  void schedule_boundTooBigForTheHeap_isSkippedWithOneLine_andTheScheduleIsWritten() throws IOException {
    Path problem = Files.writeString(dir.resolve("p.json"), SMALL_PROBLEM);
    Path schedule = dir.resolve("s.json");
    java.util.function.LongSupplier heap = Cli.freeHeapBytes;
    Cli.freeHeapBytes = () -> 1L << 10; // 1 KiB free: no bound fits
    try {
      int code = cli.run("schedule", "--problem", problem.toString(), "--out", schedule.toString());

      assertThat(code).as(err()).isEqualTo(Cli.OK);
      assertThat(Files.readString(schedule)).contains("\"train-1\"", "\"slots\": [2, 3]");
      assertThat(out()).contains("emissions 4.5 kg").doesNotContain("lower bound 4.5");
      assertThat(out()).containsPattern("lower bound skipped: it needs about [1-9][0-9]* MiB and the heap has 0 MiB "
          + "free; run with -Xmx[1-9][0-9]*g or --no-bound to leave it out");
      assertThat(err()).isEmpty();
    } finally {
      Cli.freeHeapBytes = heap;
    }
  }

  @Test
  void schedule_outOfMemoryInTheBound_becomesTheSkipLine() throws IOException {
    Path problem = Files.writeString(dir.resolve("p.json"), SMALL_PROBLEM);
    Path schedule = dir.resolve("s.json");
    java.util.function.LongSupplier heap = Cli.freeHeapBytes;
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    // plenty free at the check, so the bound runs and throws; the heap is asked again for the line.
    Cli.freeHeapBytes = () -> calls.incrementAndGet() == 1 ? Long.MAX_VALUE : 5L << 20;
    try {
      String line = Cli.boundLineOrSkip(() -> {
        throw new OutOfMemoryError("Java heap space");
      }, 3L << 20);
      assertThat(line).contains("lower bound skipped: it needs about 3 MiB and the heap has 5 MiB free");
    } finally {
      Cli.freeHeapBytes = heap;
    }
    assertThat(cli.run("schedule", "--problem", problem.toString(), "--out", schedule.toString())).isEqualTo(Cli.OK);
  }

  @Test
  void schedule_noBound_leavesTheBoundOut() throws IOException {
    Path problem = Files.writeString(dir.resolve("p.json"), SMALL_PROBLEM);

    assertThat(cli.run("schedule", "--problem", problem.toString(), "--no-bound")).as(err()).isEqualTo(Cli.OK);

    assertThat(out()).contains("emissions 4.5 kg", "\"train-1\"").doesNotContain("lower bound");
  }

  @Test
  void schedule_problemOverTwoGibibytes_isRefusedNamingTheSizeAndTheCap() throws IOException {
    Path big = dir.resolve("big.json");
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(InputFile.MAX_BYTES + 1); // sparse on the usual file systems: nothing is written
    }
    Path schedule = dir.resolve("s.json");

    int code = cli.run("schedule", "--problem", big.toString(), "--out", schedule.toString());

    assertThat(code).isEqualTo(Cli.INVALID_INPUT);
    assertThat(err()).contains("--problem " + big, "is 2147483649 bytes (2048 MiB); at most 2147483648 bytes (2 GiB) are read",
        "Maybe split the problem");
    assertThat(schedule).doesNotExist();
    assertThat(InputFile.check("--problem", Files.writeString(dir.resolve("p.json"), SMALL_PROBLEM))).exists();
  }

  @Test
  void run_noCommand_listsTheCommandsOnStderrAndExitsWithTwo() {
    assertThat(cli.run()).isEqualTo(Cli.USAGE);

    assertThat(err()).contains("missing command", "schedule", "evaluate", "example-problem", "serve", "slurm",
        "Exit codes");
    assertThat(out()).isEmpty();
  }

  @Test
  void run_typos_areUsageErrorsWithPicocliSuggestions() {
    assertThat(cli.run("schedul")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("'schedul'", "Did you mean: fairshift schedule");

    err.reset();
    // --problem is required too, but the typo is what the user needs to hear about.
    assertThat(cli.run("schedule", "--problme", "x.json")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("Unknown option: '--problme'", "--problem");

    err.reset();
    assertThat(cli.run("evaluate", "--problem", "p.json", "--schedul", "s.json")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("'--schedul'", "--schedule");
  }

  @Test
  void help_everyCommandHasHelpWithItsOptionsAndExitCodes() {
    for (String command : List.of("demo", "schedule", "evaluate", "example-problem", "serve", "slurm")) {
      out.reset();
      assertThat(cli.run(command, "--help")).as(command).isEqualTo(Cli.OK);
      assertThat(out()).as(command).contains("Usage: fairshift " + command, "--help", "Exit codes:");
      out.reset();
      assertThat(cli.run("help", command)).as(command).isEqualTo(Cli.OK);
      assertThat(out()).as(command).contains("Usage: fairshift " + command);
    }
    out.reset();
    assertThat(cli.run("--help")).isEqualTo(Cli.OK);
    assertThat(out()).contains("Usage: fairshift", "70", "Internal error", "3   evaluate or report found hard-rule violations");
    out.reset();
    assertThat(cli.run("schedule", "--help")).isEqualTo(Cli.OK);
    assertThat(out()).contains("--problem=FILE", "--solver=NAME", "--out=FILE", "--time-limit=DURATION", "--seed=N",
        "--follow-symlinks", "asap, greedy or optaplanner");
  }

  @Test
  void version_isTheMavenVersion() {
    String expected = System.getProperty("fairshift.expectedVersion");
    Assumptions.assumeTrue(expected != null, "run through Maven, which passes the project's version");

    assertThat(cli.run("--version")).isEqualTo(Cli.OK);
    assertThat(out()).startsWith("fairshift " + expected + System.lineSeparator());
  }

  @Test
  void options_outOfRange_areUsageErrorsNamingTheOption() throws IOException {
    Path problem = Files.writeString(dir.resolve("p.json"), SMALL_PROBLEM);
    String p = problem.toString();
    Map<List<String>, String> cases = new LinkedHashMap<>();
    cases.put(List.of("schedule", "--problem", p, "--time-limit", "0s"), "'0s' is zero");
    cases.put(List.of("schedule", "--problem", p, "--time-limit", "-5s"), "'-5s' is negative");
    cases.put(List.of("schedule", "--problem", p, "--time-limit", "PT-1S"), "negative");
    cases.put(List.of("schedule", "--problem", p, "--time-limit", "25h"), "longer than 24h");
    cases.put(List.of("schedule", "--problem", p, "--time-limit", "9223372036854775807m"), "not a duration");
    cases.put(List.of("schedule", "--problem", p, "--time-limit", "soon"), "'soon' is not a duration");
    cases.put(List.of("schedule", "--problem", p, "--seed", "1.5"), "--seed");
    cases.put(List.of("schedule", "--problem", p, "--seed", "1", "--seed", "2"), "--seed");
    cases.put(List.of("serve", "--port", "70000"), "--port 70000 is out of range");
    cases.put(List.of("serve", "--port", "-1"), "--port -1 is out of range");
    cases.put(List.of("serve", "--port", "99999999999"), "--port");
    cases.put(List.of("demo", "--slack-hours", "99999"), "--slack-hours 99999 is out of range");
    cases.put(List.of("example-problem", "--out", dir.resolve("x.json").toString(), "--slack-hours", "-1"),
        "--slack-hours -1");
    cases.put(List.of("schedule", "--problem", p, "stray"), "'stray'");
    for (Map.Entry<List<String>, String> c : cases.entrySet()) {
      err.reset();
      int code = cli.run(c.getKey().toArray(String[]::new));
      assertThat(code).as(c.getKey().toString()).isEqualTo(Cli.USAGE);
      assertThat(err()).as(c.getKey().toString()).startsWith("fairshift: ").contains(c.getValue())
          .doesNotContain("Exception", "\tat ");
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("p.json");
    }
  }

  @Test
  void atFiles_areNotExpanded() throws IOException {
    Path secret = Files.writeString(dir.resolve("args.txt"), "--solver\nsecret-value\n");

    int code = cli.run("schedule", "--problem", "@" + secret);

    assertThat(code).isEqualTo(Cli.INVALID_INPUT);
    assertThat(err()).contains("--problem @" + secret, "no such file").doesNotContain("secret-value");
  }

  @Test
  void inputs_thatAreNotRegularFiles_areRefused() throws IOException {
    assertThat(cli.run("schedule", "--problem", dir.toString())).isEqualTo(Cli.INVALID_INPUT);
    assertThat(err()).contains("is a folder");
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "needs /dev/zero");
    err.reset();
    // An endless device: refused before reading, so the command cannot hang or fill the heap.
    assertThat(cli.run("schedule", "--problem", "/dev/zero")).isEqualTo(Cli.INVALID_INPUT);
    assertThat(err()).contains("--problem /dev/zero is not a regular file");
  }

  @Test
  void absurdValues_areInvalidInputNamingTheField_neverAStackTraceOrAFile() throws IOException {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put(SMALL_PROBLEM.replace("\"powerKw\": 10.0", "\"powerKw\": 1e308"), "jobs[0].powerKw");
    cases.put(SMALL_PROBLEM.replace("\"capacityUnits\": 4", "\"capacityUnits\": 1e10"), "hubs[0].capacityUnits");
    cases.put(SMALL_PROBLEM.replace("\"pricePerKwh\": 0.2", "\"pricePerKwh\": 1e300"), "hubs[0].pricePerKwh");
    cases.put(SMALL_PROBLEM.replace("\"release\": \"2021-03-01T00:00:00Z\"",
        "\"release\": \"+1000000000-12-31T23:59:59Z\""), "jobs[0].release");
    cases.put(SMALL_PROBLEM.replace("\"slots\": 4", "\"slots\": 2000000000"), "horizon.slots");
    cases.put(SMALL_PROBLEM.replace("\"slotMinutes\": 60", "\"slotMinutes\": 2000000000"), "horizon.slotMinutes");
    cases.put(SMALL_PROBLEM.replace("\"start\": \"2021-03-01T00:00:00Z\"", "\"start\": \"-999999999-01-01T00:00:00Z\""),
        "horizon.start");
    cases.put(SMALL_PROBLEM.replace("\"durationSlots\": 2", "\"durationSlots\": -2147483648"), "jobs[0].durationSlots");
    cases.put(SMALL_PROBLEM.replace("\"id\": \"train-1\"", "\"id\": \"\""), "jobs[0].id");
    cases.put(SMALL_PROBLEM.replace("\"id\": \"train-1\"", "\"id\": \"train\\u001b[31m\""), "jobs[0].id");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      err.reset();
      Path problem = Files.writeString(dir.resolve("p.json"), c.getKey());
      Path out = dir.resolve("s.json");

      int code = cli.run("schedule", "--problem", problem.toString(), "--out", out.toString());

      assertThat(code).as(c.getValue()).isEqualTo(Cli.INVALID_INPUT);
      assertThat(err()).as(c.getValue()).contains("  " + c.getValue() + ": ")
          .doesNotContain("Exception", "\tat ", "\u001b");
      assertThat(out).doesNotExist();
    }
    assertThat(err()).contains("\\u001B");
  }

  @Test
  void duration_acceptsShortAndIsoForms() {
    assertThat(Cli.duration("30s")).hasSeconds(30);
    assertThat(Cli.duration("2m")).hasMinutes(2);
    assertThat(Cli.duration("500ms")).hasMillis(500);
    assertThat(Cli.duration("PT1H")).hasHours(1);
  }
}
