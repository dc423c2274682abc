package dev.fairshift.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Problem;
import dev.fairshift.core.json.ProblemJson;
import dev.fairshift.solver.Scheduler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoTest {
  @Test
  void problem_isDeterministicForASeedAndDiffersAcrossSeeds() {
    Problem a = Demo.problem(42, Duration.ofHours(24));
    Problem b = Demo.problem(42, Duration.ofHours(24));
    Problem c = Demo.problem(7, Duration.ofHours(24));

    assertThat(ProblemJson.write(a)).isEqualTo(ProblemJson.write(b));
    assertThat(a).isNotEqualTo(c);
    assertThat(a.jobs()).hasSize(1000);
    assertThat(a.intensities().zones()).extracting(z -> z.zone()).containsExactly("DE", "GB", "FR");
  }

  @Test
  void greedy_savesAgainstAsapOnTheRealWeekWithoutBreakingARule() {
    Problem problem = Demo.problem(Demo.DEFAULT_SEED, Duration.ofHours(24));

    Evaluation asap = Evaluator.evaluate(problem, Scheduler.asap().schedule(problem));
    Evaluation greedy = Evaluator.evaluate(problem, Scheduler.greedy().schedule(problem));

    assertThat(asap.violations()).isEmpty();
    assertThat(greedy.violations()).isEmpty();
    assertThat(greedy.scheduledJobs()).isEqualTo(problem.jobs().size());
    assertThat(greedy.allQuotasMet()).isTrue();
    assertThat(greedy.savingVersus(asap)).isGreaterThan(0.10);
  }

  @Test
  void forecastProblem_plansOnAForecastMadeBeforeTheHorizonAndStillSaves() {
    Problem planned = Demo.forecastProblem(Demo.DEFAULT_SEED, Duration.ofHours(24));
    Problem actual = Demo.problem(Demo.DEFAULT_SEED, Duration.ofHours(24));

    // Same actuals to be judged on, a different series to plan on.
    for (int z = 0; z < 3; z++) {
      assertThat(planned.intensities().zones().get(z).gramsPerKwh())
          .isEqualTo(actual.intensities().zones().get(z).gramsPerKwh());
      assertThat(planned.intensities().zones().get(z).forecastGramsPerKwh()).isPresent()
          .get().isNotEqualTo(actual.intensities().zones().get(z).gramsPerKwh());
    }
    Evaluation asap = Evaluator.evaluate(planned, Scheduler.asap().schedule(planned));
    Evaluation greedy = Evaluator.evaluate(planned, Scheduler.greedy().schedule(planned));
    assertThat(greedy.violations()).isEmpty();
    assertThat(greedy.plannedEmissionsGrams()).isPresent();
    assertThat(greedy.savingVersus(asap)).isGreaterThan(0.10);
  }

  @Test
  void moreSlack_givesGreedyMoreRoomToSave() {
    assertThat(saving(Duration.ZERO)).isLessThan(saving(Duration.ofHours(24)));
  }

  /** Greedy's saving against ASAP on the demo week with {@code slack}, checking both are feasible. */
  private static double saving(Duration slack) {
    Problem problem = Demo.problem(Demo.DEFAULT_SEED, slack);
    Evaluation asap = Evaluator.evaluate(problem, Scheduler.asap().schedule(problem));
    Evaluation greedy = Evaluator.evaluate(problem, Scheduler.greedy().schedule(problem));
    assertThat(asap.violations()).isEmpty();
    assertThat(greedy.violations()).isEmpty();
    return greedy.savingVersus(asap);
  }

  @Test
  void run_printsTheComparisonAndTheReport() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), Demo.DEFAULT_SEED, Duration.ofHours(24));
    String text = bytes.toString(StandardCharsets.UTF_8);

    assertThat(text).contains("Solvers compared", "asap", "greedy", "greedy, perfect foresight", "lyon-dc",
        "students", "Jain", "Forecast error cost greedy", "on the forecast it was planned on");
  }
}
