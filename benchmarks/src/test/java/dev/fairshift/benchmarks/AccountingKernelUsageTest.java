package dev.fairshift.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One accounting kernel (issue 12): the formulas of the accounting are written once, in
 * {@code dev.fairshift.core.AccountingKernel}, and the Evaluator, every solver, both bounds and the CP-SAT
 * referee call it. This test scans their sources (code only: comments and string literals are blanked
 * first) for the formulas written out by hand, so that a new copy fails {@code mvn verify} and a formula
 * changed in the kernel reaches every solver and bound.
 *
 * <p>It lives in benchmarks, the last module of the reactor, because the referee is here; it reads the
 * other modules' sources from the project root, like {@link ModuleBoundaryTest}.
 */
class AccountingKernelUsageTest {

  /** A formula written out by hand, and the kernel method to call instead. */
  record Rule(String name, Pattern pattern, String instead) {}

  static final List<Rule> RULES = List.of(
      new Rule("slot-hours product", Pattern.compile("\\*\\s*(?:[\\w.]+\\.)?slotHours\\b|\\bslotHours\\b(?:\\(\\))?\\s*\\*"),
          "AccountingKernel.facilityKwh or renewableSupplyKwh"),
      new Rule("facility energy", Pattern.compile("\\bpue\\b[^;{}]*\\*[^;{}]*\\*|\\*[^;{}]*\\bpue\\b[^;{}]*\\*"),
          "AccountingKernel.facilityKwh(pue, itKw, slotHours)"),
      new Rule("renewable supply", Pattern.compile("renewableKw\\(\\)\\.at\\([^()]*\\)\\s*\\*"),
          "AccountingKernel.renewableSupplyKwh(renewableKw, slotHours)"),
      new Rule("renewables used first",
          Pattern.compile("Math\\.min\\([^;]*(?:[Rr]enewable|[Hh]eadroom)|\\?\\s*0(?:\\.0)?\\s*:\\s*\\w+\\s*-\\s*\\w*[Rr]enewable"),
          "AccountingKernel.renewableUsedKwh or gridKwh"),
      new Rule("transfer energy",
          Pattern.compile("transferKwhPerGb\\(\\)\\s*\\*|\\*\\s*(?:[\\w.]+\\.)?transferKwhPerGb\\(\\)"),
          "AccountingKernel.transferKwh(dataGb, transferKwhPerGb)"),
      new Rule("emissions product", Pattern.compile(
          "\\b(?:gramsPerKwh|minFirstSlotGrams)\\b(?:\\(\\))?\\s*\\*|\\*\\s*(?:[\\w.]+\\.)?(?:gramsPerKwh|minFirstSlotGrams)\\b"
              + "|\\bgrams\\s*(?:\\[[^\\]]*\\])+\\s*\\*|\\*\\s*(?:[\\w.]+\\.)?grams\\s*\\["),
          "AccountingKernel.emissionsGrams(kwh, gramsPerKwh)"),
      // (not Math.round(v * 1000) / 1000.0, which rounds a number to 3 decimals for a message)
      new Rule("milligram rounding",
          Pattern.compile("Math\\.round\\([^;]*\\*\\s*(?:1000(?:\\.0)?|1e3)\\b(?!\\s*\\)\\s*/\\s*1000)"),
          "AccountingKernel.milligrams(grams)"),
      new Rule("carbon price", Pattern.compile("\\b1e6\\s*/|/\\s*1e6\\b|\\b1_000_000(?:\\.0)?\\s*/"),
          "AccountingKernel.carbonCost or gramsPerCurrency"));

  /** The sources that must take their accounting from the kernel: every solver and bound, the referee. */
  static final List<String> SCANNED = List.of(
      "scheduler-core/src/main/java/dev/fairshift/core/Evaluator.java",
      "scheduler-solvers/src/main/java",
      "benchmarks/src/main/java/dev/fairshift/benchmarks/referee");

  /**
   * Known matches that are not the accounting, "path -> rule", each with why. The test fails when one no
   * longer occurs, so the list cannot go stale.
   */
  static final Map<String, String> NOT_ACCOUNTING = Map.of(
      "scheduler-solvers/src/main/java/dev/fairshift/solver/optaplanner/internal/TenantFact.java -> milligram rounding",
      "the fairness penalty (a score weight on unit-slots, not emissions) in milligrams",
      "benchmarks/src/main/java/dev/fairshift/benchmarks/referee/CpSatModel.java -> emissions product",
      "bounds on the rounding error of the model's integer MWh coefficients, not emissions");

  @Test
  void noSolverBoundOrRefereeWritesAnAccountingFormulaByHand() throws IOException {
    Path root = projectRoot();
    Set<String> found = new TreeSet<>();
    List<String> offenders = new ArrayList<>();
    int files = 0;
    for (String scanned : SCANNED) {
      for (Path file : javaFiles(root.resolve(scanned))) {
        files++;
        String path = root.relativize(file).toString().replace('\\', '/');
        String[] lines = codeOnly(Files.readString(file)).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          for (Rule rule : violations(lines[i])) {
            String entry = path + " -> " + rule.name();
            found.add(entry);
            if (!NOT_ACCOUNTING.containsKey(entry)) {
              offenders.add(path + ":" + (i + 1) + " writes the " + rule.name() + " by hand: " + lines[i].strip()
                  + "  (call " + rule.instead() + ")");
            }
          }
        }
      }
    }
    assertThat(files).as("Java files under %s", SCANNED).isGreaterThan(50);
    assertThat(offenders)
        .as("Accounting formulas written outside AccountingKernel. Maybe call the kernel method named, with "
            + "the same arguments in the same order, so the numbers stay bit-identical")
        .isEmpty();
    assertThat(found)
        .as("NOT_ACCOUNTING lists matches that no longer exist; delete them from AccountingKernelUsageTest")
        .containsAll(NOT_ACCOUNTING.keySet());
  }

  /** Each rule finds the hand-written form it names (as the solvers wrote them before the kernel). */
  @Test
  void rulesFindTheHandWrittenFormulasAndNotTheKernelCalls() {
    Map<String, String> handWritten = Map.of(
        "double energy = pue * (itMicroWatts / 1e9) * context.slotHours();", "slot-hours product",
        "return Math.max(0, renewableKwh[h][s] - pue[h] * itKw[h][s] * slotHours);", "facility energy",
        "renewableKwh[h][s] = hub.renewableKw().at(s) * t;", "renewable supply",
        "double grid = st.hasRenewables[h] ? e - Math.min(e, st.renewableHeadroomKwh(h, s)) : e;",
        "renewables used first",
        "return energy <= renewableKwh ? 0.0 : energy - renewableKwh;", "renewables used first",
        "double transfer = job.movedTo(hubIds[h]) ? job.dataGb() * problem.transferKwhPerGb() : 0.0;",
        "transfer energy",
        "slotGrams[s] = grid * st.grams[h][s];", "emissions product",
        "return Math.round(transferKwh * hub.slot(firstSlot).gramsPerKwh() * 1000.0);", "milligram rounding",
        "double gramsPerCurrency = carbonPricePerTonne > 0 ? 1e6 / carbonPricePerTonne : 0.0;", "carbon price");
    handWritten.forEach((line, rule) -> assertThat(violations(line)).as(line).extracting(Rule::name).contains(rule));
    assertThat(violations("lp.cost[z] += option.transferKwh() * option.minFirstSlotGrams();"))
        .extracting(Rule::name).containsExactly("emissions product");

    List<String> kernelCalls = List.of(
        "double energy = AccountingKernel.facilityKwh(pue, itMicroWatts / 1e9, context.slotHours());",
        "return AccountingKernel.milligrams(AccountingKernel.emissionsGrams(gridKwh(itMicroWatts), gramsPerKwh));",
        "renewableKwh[h][s] = AccountingKernel.renewableSupplyKwh(hub.renewableKw().at(s), t);",
        "return pue[h] * (itKw[h][s] + powerKw[j]) <= powerCapKw[h][s] + POWER_EPS;",
        "double kw = job.powerKw() * pue[h];",
        "int mid = Math.min(n, lo + width);",
        "double r = Math.round(v * 1000) / 1000.0;",
        "double g = projected(nu[h][s], renewWeight[h][s] * (energy[h][s] - m.renewableKwh[h][s] * rhsScale), x);");
    for (String line : kernelCalls) {
      assertThat(violations(line)).as(line).isEmpty();
    }
  }

  @Test
  void commentsAndStringsAreNotCode() {
    String source = """
        /** facility energy = pue x itKw x slotHours, i.e. pue * itKw * slotHours */
        String s = "kwh * slotHours"; char c = '*'; // renewableKw().at(s) * t
        int x = 1; /* Math.round(g * 1000) */ int y = 2;
        """;
    String code = codeOnly(source);
    assertThat(code.split("\n", -1)).hasSize(source.split("\n", -1).length);
    for (String line : code.split("\n", -1)) {
      assertThat(violations(line)).as(line).isEmpty();
    }
    assertThat(code).contains("int x = 1;").contains("int y = 2;").doesNotContain("slotHours");
  }

  static List<Rule> violations(String codeLine) {
    List<Rule> out = new ArrayList<>();
    for (Rule rule : RULES) {
      if (rule.pattern().matcher(codeLine).find()) {
        out.add(rule);
      }
    }
    return out;
  }

  /** The source with comments, string and char literals blanked (newlines kept, so line numbers hold). */
  static String codeOnly(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
        while (i < n && source.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
        int end = source.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        for (int k = i; k < end; k++) {
          out.append(source.charAt(k) == '\n' ? '\n' : ' ');
        }
        i = end;
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        end = end < 0 ? n : end + 3;
        for (int k = i; k < end; k++) {
          out.append(source.charAt(k) == '\n' ? '\n' : ' ');
        }
        i = end;
      } else if (c == '"' || c == '\'') {
        int k = i + 1;
        while (k < n && source.charAt(k) != c && source.charAt(k) != '\n') {
          k += source.charAt(k) == '\\' ? 2 : 1;
        }
        out.append(' ');
        i = Math.min(n, k + 1);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static List<Path> javaFiles(Path dirOrFile) {
    if (Files.isRegularFile(dirOrFile)) {
      return List.of(dirOrFile);
    }
    assertThat(dirOrFile).as("scanned source folder").isDirectory();
    try (Stream<Path> files = Files.walk(dirOrFile)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("scheduler-core")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("No Fairshift project root above " + Path.of("").toAbsolutePath()
        + ". Maybe run the test from the project (mvn verify) rather than from an unpacked jar");
  }
}
