package dev.fairshift.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * fairshift-bom lists every library artifact of the reactor (every module that is neither the BOM nor an
 * application marked {@code fairshift.notALibrary}), at the project version, and nothing else.
 */
class BomCompletenessTest {

  private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>([^<]+)</artifactId>");

  @Test
  void bomListsEveryLibraryModule() throws IOException {
    Path root = root();
    Set<String> libraries = new TreeSet<>();
    try (Stream<Path> poms = Files.walk(root, 3)) {
      for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
          .filter(p -> !p.getParent().equals(root) && !p.toString().contains("/target/"))
          // .ci/consumer is a user's project (the README's examples), not a reactor module
          .filter(p -> !root.relativize(p).toString().startsWith(".")).toList()) {
        String text = Files.readString(pom);
        if (text.contains("<packaging>pom</packaging>")
            || text.contains("<fairshift.notALibrary>true</fairshift.notALibrary>")) {
          continue;
        }
        libraries.add(ownArtifactId(text, pom));
      }
    }
    String bom = Files.readString(root.resolve("bom/pom.xml"));
    String managed = bom.substring(bom.indexOf("<dependencyManagement>"), bom.indexOf("</dependencyManagement>"));
    Set<String> listed = new TreeSet<>();
    Matcher m = ARTIFACT_ID.matcher(managed);
    while (m.find()) {
      listed.add(m.group(1));
    }
    assertThat(libraries).contains("scheduler-core", "scheduler-solvers", "grid-signals", "grid-data");
    assertThat(listed)
        .as("artifacts in bom/pom.xml. Maybe add the new library module there (or mark an application "
            + "module with <fairshift.notALibrary>true</fairshift.notALibrary>)")
        .isEqualTo(libraries);
    assertThat(managed.split("<version>", -1)).hasSize(listed.size() + 1);
    assertThat(managed).doesNotContain("<version>0").contains("<version>${project.version}</version>");
  }

  /** The module's artifactId: the first one after the parent block. */
  private static String ownArtifactId(String pom, Path file) {
    int after = pom.indexOf("</parent>");
    Matcher m = ARTIFACT_ID.matcher(pom);
    if (!m.find(Math.max(after, 0))) {
      throw new IllegalStateException("No artifactId in " + file);
    }
    return m.group(1);
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
