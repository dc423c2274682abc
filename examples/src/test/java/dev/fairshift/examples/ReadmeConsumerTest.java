package dev.fairshift.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code .ci/consumer} (the project CI builds against the installed artifacts, see {@code .ci/run}) in
 * step with the README's "Use it from Java" section, so its examples cannot silently rot:
 *
 * <ul>
 *   <li>the consumer's pom contains every {@code xml} block of the section, line for line (indentation aside);
 *   <li>its sources are generated from the section's {@code java} blocks: block N becomes {@code
 *       readme/ExampleN.java}, its {@code import} lines on top and every other line in {@code main}, and
 *       {@code readme/AllExamples.java} runs them all in order.
 * </ul>
 *
 * <p>After changing the README, regenerate the sources with {@code mvn -B -pl examples -am verify
 * -Dtest=ReadmeConsumerTest -Dsurefire.failIfNoSpecifiedTests=false -Dfairshift.readme.write=true}.
 */
class ReadmeConsumerTest {
  private static final String SECTION = "## Use it from Java";
  private static final Pattern BLOCK = Pattern.compile("(?m)^```(\\w+)\\n(.*?)^```", Pattern.DOTALL);
  private static final String REGENERATE = "mvn -B -pl examples -am verify -Dtest=ReadmeConsumerTest "
      + "-Dsurefire.failIfNoSpecifiedTests=false -Dfairshift.readme.write=true";

  @Test
  void consumerPomDeclaresTheReadmesDependencyBlock() throws IOException {
    Path root = root();
    List<String> pom = stripped(Files.readString(root.resolve(".ci/consumer/pom.xml")));
    List<String> xmlBlocks = blocks(section(Files.readString(root.resolve("README.md"))), "xml");
    assertThat(xmlBlocks).as("xml blocks in the README's \"%s\" section", SECTION).isNotEmpty();
    for (String block : xmlBlocks) {
      assertThat(Collections.indexOfSubList(pom, stripped(block)))
          .as(".ci/consumer/pom.xml must contain the README's dependency block line for line:%n%s", block)
          .isNotNegative();
    }
  }

  @Test
  void consumerSourcesAreTheReadmesJavaBlocks() throws IOException {
    Path root = root();
    Path sources = root.resolve(".ci/consumer/src/main/java/readme");
    Map<String, String> expected = generate(blocks(section(Files.readString(root.resolve("README.md"))), "java"));
    assertThat(expected).as("java blocks in the README's \"%s\" section", SECTION).hasSizeGreaterThan(1);

    if (Boolean.getBoolean("fairshift.readme.write")) {
      Files.createDirectories(sources);
      try (Stream<Path> old = Files.list(sources)) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
      for (Map.Entry<String, String> e : expected.entrySet()) {
        Files.writeString(sources.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
      }
    }
    Map<String, String> actual = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(sources)) {
      for (Path file : files.sorted().toList()) {
        actual.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    assertThat(actual)
        .as("the consumer's sources differ from the README's java blocks. Maybe regenerate them: %s", REGENERATE)
        .isEqualTo(expected);
  }

  @Test
  void generate_importsOnTopStatementsInMain() {
    Map<String, String> files = generate(List.of("import java.time.Instant;\n\nInstant now = Instant.EPOCH;\n"
        + "System.out.println(now);\n"));
    assertThat(files).containsOnlyKeys("Example1.java", "AllExamples.java");
    assertThat(files.get("Example1.java")).contains("package readme;\n\nimport java.time.Instant;\n\n")
        .contains("  public static void main(String[] args) throws Exception {\n"
            + "    Instant now = Instant.EPOCH;\n    System.out.println(now);\n  }\n");
    assertThat(files.get("AllExamples.java")).contains("    Example1.main(args);\n");
  }

  /** The section's text, from its heading to the next level-2 heading. */
  static String section(String readme) {
    int start = readme.indexOf("\n" + SECTION + "\n");
    assertThat(start).as("README.md has a \"%s\" section", SECTION).isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  static List<String> blocks(String text, String language) {
    List<String> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(language)) {
        out.add(m.group(2));
      }
    }
    return out;
  }

  /** File name to content: ExampleN.java per java block and AllExamples.java that runs them in order. */
  static Map<String, String> generate(List<String> javaBlocks) {
    Map<String, String> files = new LinkedHashMap<>();
    StringBuilder all = new StringBuilder(header("every java block"))
        .append("package readme;\n\n/** Runs every example of the README's \"Use it from Java\", in order. */\n")
        .append("public final class AllExamples {\n  public static void main(String[] args) throws Exception {\n");
    for (int i = 0; i < javaBlocks.size(); i++) {
      String name = "Example" + (i + 1);
      List<String> imports = new ArrayList<>();
      List<String> body = new ArrayList<>();
      for (String line : javaBlocks.get(i).split("\n", -1)) {
        (line.startsWith("import ") ? imports : body).add(line);
      }
      while (!body.isEmpty() && body.get(0).isBlank()) {
        body.remove(0);
      }
      while (!body.isEmpty() && body.get(body.size() - 1).isBlank()) {
        body.remove(body.size() - 1);
      }
      StringBuilder src = new StringBuilder(header("java block " + (i + 1))).append("package readme;\n\n");
      if (!imports.isEmpty()) {
        src.append(String.join("\n", imports)).append("\n\n");
      }
      src.append("public final class ").append(name).append(" {\n")
          .append("  public static void main(String[] args) throws Exception {\n")
          .append(body.stream().map(l -> l.isBlank() ? "" : "    " + l).collect(Collectors.joining("\n")))
          .append("\n  }\n}\n");
      files.put(name + ".java", src.toString());
      all.append("    ").append(name).append(".main(args);\n");
    }
    files.put("AllExamples.java", all.append("  }\n}\n").toString());
    return files;
  }

  private static String header(String what) {
    return "// Generated from README.md (\"Use it from Java\", " + what + ") by examples' ReadmeConsumerTest.\n"
        + "// Do not edit: change the README, then run " + REGENERATE + "\n";
  }

  private static List<String> stripped(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve(".ci/consumer"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("No .ci/consumer above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

}
