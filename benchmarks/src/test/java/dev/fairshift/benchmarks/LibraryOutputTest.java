package dev.fairshift.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Library code writes nothing to the standard streams: the main sources of every library module (all
 * modules but the applications marked {@code fairshift.notALibrary}) use SLF4J or return text; they never
 * call {@code System.out}, {@code System.err} or {@code printStackTrace}. Javadoc and comments may show them.
 */
class LibraryOutputTest {

  private static final Pattern STANDARD_STREAM =
      Pattern.compile("System\\s*\\.\\s*(out|err)\\b|\\.printStackTrace\\s*\\(");

  /**
   * Program entry points shipped in library jars, allowed to write their own output, with the number of
   * lines that may do so (all inside {@code main}). A new line fails the test.
   */
  private static final Map<String, Integer> PROGRAMS = Map.of(
      // The README's forecast tables (mvn -Pforecast-backtest package): stdout for the tables, stderr for timings.
      "grid-signals/src/main/java/dev/fairshift/signals/forecast/ForecastBacktest.java", 2,
      // The standalone Slurm runner jar's main.
      "integrations/slurm/src/main/java/dev/fairshift/slurm/SlurmLoopRunner.java", 1);

  @Test
  void libraryMainCodeDoesNotWriteToStandardStreams() throws IOException {
    Path root = root();
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> poms = Files.walk(root, 3)) {
      for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
          .filter(p -> !p.toString().contains("/target/"))
          // .ci/consumer is a user's project (the README's examples), not a reactor module
          .filter(p -> !root.relativize(p).toString().startsWith(".")).toList()) {
        Path main = pom.getParent().resolve("src/main/java");
        if (!Files.isDirectory(main)
            || Files.readString(pom).contains("<fairshift.notALibrary>true</fairshift.notALibrary>")) {
          continue;
        }
        try (Stream<Path> files = Files.walk(main)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
            List<String> hits = standardStreamLines(Files.readAllLines(file));
            String name = root.relativize(file).toString().replace('\\', '/');
            if (hits.size() > PROGRAMS.getOrDefault(name, 0)) {
              offenders.add(name + ": " + hits);
            }
          }
        }
      }
    }
    assertThat(offenders)
        .as("Library code writes to stdout/stderr. Maybe log through SLF4J (LoggerFactory.getLogger) or "
            + "return the text to the caller")
        .isEmpty();
  }

  @Test
  void commentsDoNotCountButCodeDoes() {
    assertThat(standardStreamLines(List.of(
        " * System.out.println(result.explanation());",
        "  // System.err.println(\"debug\");",
        "    System.out.println(x);",
        "    e.printStackTrace();",
        "    System . err.print(1);")))
        .containsExactly("System.out.println(x);", "e.printStackTrace();", "System . err.print(1);");
  }

  static List<String> standardStreamLines(List<String> lines) {
    List<String> hits = new ArrayList<>();
    boolean inBlockComment = false;
    for (String raw : lines) {
      String line = raw.strip();
      if (inBlockComment) {
        inBlockComment = !line.contains("*/");
        continue;
      }
      if (line.startsWith("/*")) {
        inBlockComment = !line.contains("*/");
        continue;
      }
      if (line.startsWith("//") || line.startsWith("*")) {
        continue;
      }
      if (STANDARD_STREAM.matcher(line).find()) {
        hits.add(line);
      }
    }
    return hits;
  }

  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("bom/pom.xml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("No bom/pom.xml above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
