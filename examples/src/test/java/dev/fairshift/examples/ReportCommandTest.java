package dev.fairshift.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.json.ProblemJson;
import dev.fairshift.core.json.ScheduleJson;
import dev.fairshift.solver.Scheduler;
import dev.fairshift.solver.bound.EmissionsBound;
import dev.fairshift.solver.bound.LowerBound;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairshift report} through {@link Cli#run}, the entry point {@code main} calls. */
class ReportCommandTest extends CliTestSupport {
  @TempDir
  Path dir;


  /** Two jobs on two hubs in two zones, so that greedy, ASAP and the bound differ from one another. */
  static final String PROBLEM = """
      {
        "version": 1,
        "horizon": { "start": "2021-03-01T00:00:00Z", "slotMinutes": 60, "slots": 6 },
        "carbonPricePerTonne": 80.0,
        "zones": [
          { "id": "DE", "signal": "average", "gramsPerKwh": [400.0, 300.0, 100.0, 200.0, 350.0, 420.0] },
          { "id": "FR", "signal": "average", "gramsPerKwh": [60.0, 55.0, 70.0, 90.0, 40.0, 45.0] } ],
        "hubs": [
          { "id": "berlin", "zone": "DE", "pue": 1.5, "capacityUnits": 4, "pricePerKwh": 0.2 },
          { "id": "paris", "zone": "FR", "pue": 1.3, "capacityUnits": 2, "pricePerKwh": 0.25 } ],
        "tenants": [ { "id": "students", "class": "newcomer", "guaranteedShare": 0.25 },
                     { "id": "lab", "class": "established" } ],
        "jobs": [
          { "id": "train-1", "tenant": "students", "durationSlots": 2, "powerKw": 10.0, "units": 2,
            "release": "2021-03-01T00:00:00Z", "deadline": "2021-03-01T05:00:00Z" },
          { "id": "sim-7", "tenant": "lab", "durationSlots": 3, "powerKw": 7.5, "units": 2,
            "release": "2021-03-01T00:00:00Z", "deadline": "2021-03-01T06:00:00Z" }
        ]
      }
      """;

  private Path problemAndSchedule() throws IOException {
    Path problem = Files.writeString(dir.resolve("p.json"), PROBLEM);
    int code = cli.run("schedule", "--problem", problem.toString(), "--solver", "greedy", "--out",
        dir.resolve("s.json").toString());
    assertThat(code).as(err()).isEqualTo(Cli.OK);
    out.reset();
    return problem;
  }

  private static double dataValue(String html, String metric) {
    Matcher m = Pattern.compile("data-metric=\"" + Pattern.quote(metric) + "\" data-value=\"([^\"]*)\"").matcher(html);
    assertThat(m.find()).as("the page has %s", metric).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void report_boundTooBigForTheHeap_isSkippedWithOneLine_andThePageHasNoBound() throws IOException {
    Path problem = problemAndSchedule();
    Path html = dir.resolve("report.html");
    Path json = dir.resolve("report.json");
    java.util.function.LongSupplier heap = Cli.freeHeapBytes;
    Cli.freeHeapBytes = () -> 1L << 10; // 1 KiB free: no bound fits
    int code;
    try {
      code = cli.run("report", "--problem", problem.toString(), "--schedule", dir.resolve("s.json").toString(),
          "--html", html.toString(), "--json", json.toString());
    } finally {
      Cli.freeHeapBytes = heap;
    }

    assertThat(code).as(err()).isEqualTo(Cli.OK);
    assertThat(out()).containsPattern("lower bound skipped: it needs about [1-9][0-9]* MiB and the heap has 0 MiB "
        + "free; run with -Xmx[1-9][0-9]*g or --no-bound to leave it out")
        .doesNotContain("on every feasible schedule that runs every job");
    assertThat(Files.readString(html)).doesNotContain("total/lowerBoundGrams");
    JsonNode totals = new ObjectMapper().readTree(json.toFile()).get("totals");
    assertThat(totals.get("emissionsGrams").asDouble()).isPositive();
    assertThat(totals.has("lowerBoundGrams") && !totals.get("lowerBoundGrams").isNull()).isFalse();
    assertThat(err()).isEmpty();
  }

  @Test
  void report_writesThePageAndTheJsonWithTheEvaluatorsNumbersTheAsapEmissionsAndTheBound() throws IOException {
    Path problem = problemAndSchedule();
    Path schedule = dir.resolve("s.json");
    Path html = dir.resolve("report.html");
    Path json = dir.resolve("report.json");

    int code = cli.run("report", "--problem", problem.toString(), "--schedule", schedule.toString(),
        "--html", html.toString(), "--json", json.toString(), "--title", "Campus hubs, week 10");

    assertThat(code).as(err()).isEqualTo(Cli.OK);
    Problem p = ProblemJson.read(problem);
    Schedule s = ScheduleJson.read(schedule);
    Evaluation evaluation = Evaluator.evaluate(p, s);
    double asap = Evaluator.evaluate(p, Scheduler.asap().schedule(p)).emissionsGrams();
    EmissionsBound bound = LowerBound.forSchedule(p, evaluation);
    assertThat(bound.hasValue()).isTrue();
    assertThat(asap).isNotEqualTo(evaluation.emissionsGrams());

    String page = Files.readString(html);
    assertThat(dataValue(page, "total/emissionsGrams")).isEqualTo(evaluation.emissionsGrams());
    assertThat(dataValue(page, "total/lowerBoundGrams")).isEqualTo(bound.gramsCo2e());
    assertThat(page).contains("Campus hubs, week 10", "report.json").doesNotContain("<script");

    JsonNode totals = new ObjectMapper().readTree(json.toFile()).get("totals");
    assertThat(totals.get("emissionsGrams").asDouble()).isEqualTo(evaluation.emissionsGrams());
    assertThat(totals.get("asapEmissionsGrams").asDouble()).isEqualTo(asap);
    assertThat(totals.get("lowerBoundGrams").asDouble()).isEqualTo(bound.gramsCo2e());
    assertThat(out()).contains("report.html", "report.json", "on every feasible schedule that runs every job");
  }

  @Test
  void report_noBoundLeavesTheBoundOutAndJsonAloneWritesOnlyTheJson() throws IOException {
    Path problem = problemAndSchedule();
    Path json = dir.resolve("only.json");

    int code = cli.run("report", "--problem", problem.toString(), "--schedule", dir.resolve("s.json").toString(),
        "--json", json.toString(), "--no-bound");

    assertThat(code).as(err()).isEqualTo(Cli.OK);
    JsonNode totals = new ObjectMapper().readTree(json.toFile()).get("totals");
    assertThat(totals.get("lowerBoundGrams").isNull()).as(totals.toString()).isTrue();
    assertThat(totals.get("asapEmissionsGrams").isNumber()).isTrue();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("p.json", "s.json", "only.json");
    }
  }

  @Test
  void report_withoutAnOutputIsAUsageError() throws IOException {
    Path problem = problemAndSchedule();

    int code = cli.run("report", "--problem", problem.toString(), "--schedule", dir.resolve("s.json").toString());

    assertThat(code).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("Give --html FILE and/or --json FILE", "fairshift report --help")
        .doesNotContain("\tat ");
  }

  @Test
  void report_ofAnInvalidProblemExitsWithOneListsTheErrorsAndWritesNothing() throws IOException {
    problemAndSchedule();
    Path bad = Files.writeString(dir.resolve("bad.json"), PROBLEM.replace("\"pue\": 1.5", "\"pue\": -2")
        .replace("\"durationSlots\": 3", "\"durationSlots\": 0"));
    Path html = dir.resolve("report.html");
    Path json = dir.resolve("report.json");

    int code = cli.run("report", "--problem", bad.toString(), "--schedule", dir.resolve("s.json").toString(),
        "--html", html.toString(), "--json", json.toString());

    assertThat(code).as(err()).isEqualTo(Cli.INVALID_INPUT);
    assertThat(err()).contains("hubs[0].pue", "jobs[1].durationSlots").doesNotContain("\tat ");
    assertThat(html).doesNotExist();
    assertThat(json).doesNotExist();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("p.json", "s.json", "bad.json");
    }
  }

  @Test
  void report_refusesAnHtmlThatIsTheProblemAndLeavesTheProblemAlone() throws IOException {
    Path problem = problemAndSchedule();
    Path sameByAnotherPath = dir.resolve(".").resolve("p.json");

    int code = cli.run("report", "--problem", problem.toString(), "--schedule", dir.resolve("s.json").toString(),
        "--html", sameByAnotherPath.toString(), "--json", dir.resolve("report.json").toString());

    assertThat(code).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--html " + sameByAnotherPath + " is the same file as --problem");
    assertThat(Files.readString(problem)).isEqualTo(PROBLEM);
    assertThat(dir.resolve("report.json")).doesNotExist();
  }

  @Test
  void report_refusesTheSameFileForHtmlAndJsonAndAFolder() throws IOException {
    Path problem = problemAndSchedule();
    String s = dir.resolve("s.json").toString();

    int same = cli.run("report", "--problem", problem.toString(), "--schedule", s,
        "--html", dir.resolve("r.out").toString(), "--json", dir.resolve("./r.out").toString());
    String sameErr = err();
    err.reset();
    int folder = cli.run("report", "--problem", problem.toString(), "--schedule", s, "--json", dir.toString());

    assertThat(same).isEqualTo(Cli.USAGE);
    assertThat(sameErr).contains("is the same file as --html");
    assertThat(folder).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("is a folder");
    assertThat(dir.resolve("r.out")).doesNotExist();

    // An existing file by a hard link is the same file too.
    Path first = Files.writeString(dir.resolve("first.out"), "keep");
    Path link = Files.createLink(dir.resolve("link.out"), first);
    err.reset();
    int linked = cli.run("report", "--problem", problem.toString(), "--schedule", s,
        "--html", first.toString(), "--json", link.toString());
    assertThat(linked).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("is the same file as --html");
    assertThat(Files.readString(first)).isEqualTo("keep");
  }

  @Test
  void report_ofAScheduleLeavingAJobOutSaysTheBoundCoversOnlySchedulesPlacingItsJobs() throws IOException {
    Path problem = problemAndSchedule();
    // train-1 alone at paris in its cleanest two slots; sim-7 left out: feasible, but not every job runs.
    Path partial = Files.writeString(dir.resolve("partial.json"), """
        {"version":1,"solver":"hand","assignments":[{"job":"train-1","hub":"paris","slots":[0,1]}],
         "unscheduled":[{"job":"sim-7","reason":"left out by hand"}]}
        """);
    Path html = dir.resolve("report.html");
    Path json = dir.resolve("report.json");

    int code = cli.run("report", "--problem", problem.toString(), "--schedule", partial.toString(),
        "--html", html.toString(), "--json", json.toString());

    assertThat(code).as(err()).isEqualTo(Cli.OK);
    String page = Files.readString(html);
    assertThat(page).contains("Lower bound on the emissions of every feasible schedule that places at least the 1 job this one places")
        .doesNotContain("schedule that runs every job");
    JsonNode totals = new ObjectMapper().readTree(json.toFile()).get("totals");
    assertThat(totals.get("lowerBoundCovers").asText()).contains("places at least the 1 job ");
  }

  @Test
  void report_ofAScheduleBreakingHardRulesWritesThePageAndExitsWithThree() throws IOException {
    Path problem = problemAndSchedule();
    // train-1 needs two consecutive slots; [0, 2] is not consecutive.
    Path broken = Files.writeString(dir.resolve("broken.json"), """
        {"version":1,"solver":"hand","assignments":[{"job":"train-1","hub":"berlin","slots":[0,2]}],
         "unscheduled":[{"job":"sim-7","reason":"left out by hand"}]}
        """);
    Path html = dir.resolve("report.html");

    int code = cli.run("report", "--problem", problem.toString(), "--schedule", broken.toString(),
        "--html", html.toString());

    assertThat(code).as(err()).isEqualTo(Cli.VIOLATIONS);
    String page = Files.readString(html);
    assertThat(dataValue(page, "total/violations")).isPositive();
    assertThat(page).doesNotContain("total/lowerBoundGrams");
  }

  @Test
  void demo_refusesAnHtmlFolderBeforeRunning() {
    int code = cli.run("demo", "--html", dir.toString());

    assertThat(code).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--html " + dir + " is a folder");
    assertThat(out()).doesNotContain("Solvers compared");
  }

  @Test
  void report_isListedInTheHelp() {
    int code = cli.run("--help");

    assertThat(code).isEqualTo(Cli.OK);
    assertThat(out()).contains("report");
  }
}
