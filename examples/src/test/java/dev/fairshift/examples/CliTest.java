package dev.fairshift.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8));

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  static final String SMALL_PROBLEM = """
      {
        "version": 1,
        "horizon": { "start": "2021-03-01T00:00:00Z", "slotMinutes": 60, "slots": 4 },
        "carbonPricePerTonne": 80.0,
        "zones": [ { "id": "DE", "signal": "average", "gramsPerKwh": [400.0, 300.0, 100.0, 200.0] } ],
        "hubs": [ { "id": "berlin", "zone": "DE", "pue": 1.5, "capacityUnits": 4, "pricePerKwh": 0.2 } ],
        "tenants": [ { "id": "students", "class": "newcomer", "guaranteedShare": 0.25 } ],
        "jobs": [
          { "id": "train-1", "tenant": "students", "durationSlots": 2, "powerKw": 10.0, "units": 2,
            "release": "2021-03-01T00:00:00Z", "deadline": "2021-03-01T04:00:00Z" }
        ]
      }
      """;

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
  void schedule_unknownSolverAndMissingFileAreClearErrors() throws IOException {
    Path problem = Files.writeString(dir.resolve("p.json"), SMALL_PROBLEM);

    assertThat(cli.run("schedule", "--problem", problem.toString(), "--solver", "magic")).isEqualTo(Cli.INVALID_INPUT);
    assertThat(err()).contains("Unknown solver 'magic'", "greedy");
    assertThat(cli.run("schedule", "--problem", dir.resolve("nope.json").toString())).isEqualTo(Cli.INVALID_INPUT);
    assertThat(err()).contains("nope.json", "no such file");
  }

  @Test
  void run_usageErrors() {
    assertThat(cli.run()).isEqualTo(Cli.USAGE);
    assertThat(cli.run("frobnicate")).isEqualTo(Cli.USAGE);
    assertThat(cli.run("schedule", "--problme", "x")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("Unknown command 'frobnicate'", "Unknown option --problme");
  }

  @Test
  void duration_acceptsShortAndIsoForms() {
    assertThat(Cli.duration("30s")).hasSeconds(30);
    assertThat(Cli.duration("2m")).hasMinutes(2);
    assertThat(Cli.duration("PT1H")).hasHours(1);
  }
}
