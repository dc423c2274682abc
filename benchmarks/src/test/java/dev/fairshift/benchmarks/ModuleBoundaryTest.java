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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Module boundaries of the whole reactor: no source file (main or test) of one module refers to another
 * module's {@code internal} packages. A package belongs to the module whose {@code src/main/java} holds it.
 *
 * <p>It lives here because benchmarks is the last module of the reactor, but it scans every module's
 * sources from the project root, so a new offender anywhere fails {@code mvn verify}.
 */
class ModuleBoundaryTest {

  /** dev.fairshift.x.y.internal (and sub-packages), as written in an import or a fully qualified name. */
  private static final Pattern INTERNAL_REF =
      Pattern.compile("\\bdev\\.fairshift(?:\\.[a-z][a-z0-9_]*)*\\.internal(?:\\.[a-z][a-z0-9_]*)*(?![A-Za-z0-9_])");

  /**
   * Known exceptions, "module-dir/path/to/File.java -> package". Each one is a debt: give the consumer
   * what it needs through the owning module's API (or a test-fixture artifact), then delete the line. The
   * test fails when a listed exception no longer occurs, so this list cannot go stale.
   */
  private static final Set<String> KNOWN_EXCEPTIONS = Set.of();

  @Test
  void noModuleUsesAnotherModulesInternalPackages() throws IOException {
    Path root = projectRoot();
    Map<String, Path> owners = packageOwners(root);
    assertThat(owners).as("packages found under %s", root).containsKey("dev.fairshift.core");

    Set<String> found = new TreeSet<>();
    List<String> offenders = new ArrayList<>();
    for (Path module : modules(root)) {
      for (Path file : javaFiles(module)) {
        for (String pkg : internalReferences(Files.readString(file))) {
          Path owner = owners.get(pkg);
          if (owner == null || owner.equals(module)) {
            continue;
          }
          String entry = root.relativize(file).toString().replace('\\', '/') + " -> " + pkg;
          found.add(entry);
          if (!KNOWN_EXCEPTIONS.contains(entry)) {
            offenders.add(entry + "  (owned by " + root.relativize(owner) + ")");
          }
        }
      }
    }
    assertThat(offenders)
        .as("Classes outside a module use its internal packages. Maybe move what they need into the owning "
            + "module's API package (or a test fixture), and import that instead")
        .isEmpty();
    assertThat(found)
        .as("KNOWN_EXCEPTIONS lists references that no longer exist; delete them from ModuleBoundaryTest")
        .containsAll(KNOWN_EXCEPTIONS);
  }

  @Test
  void findsImportsAndQualifiedNamesButNotLookalikes() {
    // FS stands for the project's root package, so this file does not match its own scan.
    String source = """
        package dev.fairshift.x;
        import FS.solver.optaplanner.internal.PlanBuilder;
        import static FS.signals.internal.http.Json.read;
        class A { Object o = new FS.service.internal.Params(); }
        class B { String s = "FS.internalish"; FS.core.Job j; }
        """.replace("FS", "dev.fairshift");
    assertThat(internalReferences(source)).containsExactlyInAnyOrder(
        "FS.solver.optaplanner.internal".replace("FS", "dev.fairshift"),
        "FS.signals.internal.http".replace("FS", "dev.fairshift"),
        "FS.service.internal".replace("FS", "dev.fairshift"));
  }

  /** The internal packages a source text refers to (class names stripped). */
  static Set<String> internalReferences(String source) {
    Set<String> packages = new TreeSet<>();
    Matcher m = INTERNAL_REF.matcher(source);
    while (m.find()) {
      packages.add(m.group());
    }
    return packages;
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

  /** Every directory with a pom.xml and a src folder: the reactor's modules. */
  private static List<Path> modules(Path root) throws IOException {
    try (Stream<Path> poms = Files.walk(root, 3)) {
      return poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
          .map(Path::getParent)
          .filter(d -> Files.isDirectory(d.resolve("src")))
          .filter(d -> !root.relativize(d).toString().contains("target"))
          // .ci/consumer is a user's project (the README's examples), not a reactor module
          .filter(d -> !root.relativize(d).toString().startsWith("."))
          .sorted()
          .toList();
    }
  }

  private static Map<String, Path> packageOwners(Path root) throws IOException {
    Map<String, Path> owners = new TreeMap<>();
    for (Path module : modules(root)) {
      Path main = module.resolve("src/main/java");
      if (!Files.isDirectory(main)) {
        continue;
      }
      try (Stream<Path> dirs = Files.walk(main)) {
        dirs.filter(Files::isDirectory).forEach(d ->
            owners.putIfAbsent(main.relativize(d).toString().replace('/', '.').replace('\\', '.'), module));
      }
    }
    return owners;
  }

  private static List<Path> javaFiles(Path module) {
    try (Stream<Path> files = Files.walk(module.resolve("src"))) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
