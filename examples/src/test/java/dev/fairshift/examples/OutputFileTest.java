package dev.fairshift.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fairshift.core.FairshiftException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --out} through the real entry point ({@link Cli#run}), and {@link OutputFile}'s atomic write
 * with a failure injected at every step.
 */
class OutputFileTest extends CliTestSupport {
  @TempDir
  Path dir;


  private static void assumePosix() {
    Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "needs a POSIX file system (permissions, links)");
  }

  private List<String> files() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private Path problem() throws IOException {
    return Files.writeString(dir.resolve("p.json"), CliTest.SMALL_PROBLEM);
  }

  @Test
  void out_sameAsTheInput_byAnyPath_isRefusedAndTheInputIsUnchanged() throws IOException {
    assumePosix();
    Path problem = problem();
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), problem);
    Path hard = Files.createLink(dir.resolve("hard.json"), problem);
    Path sub = Files.createDirectory(dir.resolve("sub"));
    List<String> outs = List.of(problem.toString(), sub.resolve("../p.json").toString(), hard.toString());
    for (String o : outs) {
      err.reset();
      int code = cli.run("schedule", "--problem", problem.toString(), "--out", o);

      assertThat(code).as(o).isEqualTo(Cli.USAGE);
      assertThat(err()).as(o).contains("--out " + o + " is the same file as --problem " + problem,
          "Maybe write to another file");
    }
    // Through a link, and asked to follow it: still the input.
    err.reset();
    assertThat(cli.run("schedule", "--problem", problem.toString(), "--out", link.toString(), "--follow-symlinks"))
        .isEqualTo(Cli.USAGE);
    assertThat(err()).contains("is the same file as --problem");
    assertThat(Files.readString(problem)).isEqualTo(CliTest.SMALL_PROBLEM);
    assertThat(files()).containsExactly("hard.json", "link.json", "p.json", "sub");
  }

  @Test
  void out_thatIsNotARegularFile_isRefused() throws IOException {
    Path problem = problem();
    Path folder = Files.createDirectory(dir.resolve("folder"));

    assertThat(cli.run("schedule", "--problem", problem.toString(), "--out", folder.toString())).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--out " + folder + " is a folder", "Maybe --out " + folder.resolve("schedule.json"));

    err.reset();
    Path missing = dir.resolve("no-such-folder").resolve("s.json");
    assertThat(cli.run("schedule", "--problem", problem.toString(), "--out", missing.toString())).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("the folder " + dir.resolve("no-such-folder") + " does not exist", "mkdir -p");

    Assumptions.assumeTrue(Files.exists(Path.of("/dev/null")), "needs /dev/null");
    err.reset();
    assertThat(cli.run("schedule", "--problem", problem.toString(), "--out", "/dev/null")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--out /dev/null is not a regular file");
    assertThat(files()).containsExactly("folder", "p.json");
  }

  @Test
  void out_symlink_isRefusedUnlessFollowed_thenTheTargetIsReplacedAndTheLinkKept() throws IOException {
    assumePosix();
    Path problem = problem();
    Path real = Files.writeString(dir.resolve("real.json"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), real.getFileName());
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("nowhere.json"));

    assertThat(cli.run("schedule", "--problem", problem.toString(), "--out", link.toString())).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--out " + link + " is a symbolic link", "--follow-symlinks");
    assertThat(Files.readString(real)).isEqualTo("old");

    err.reset();
    assertThat(cli.run("schedule", "--problem", problem.toString(), "--out", dangling.toString(), "--follow-symlinks"))
        .isEqualTo(Cli.USAGE);
    assertThat(err()).contains("a symbolic link to a file that does not exist");

    assertThat(cli.run("schedule", "--problem", problem.toString(), "--out", link.toString(), "--follow-symlinks"))
        .isEqualTo(Cli.OK);
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).contains("\"train-1\"", "\"slots\": [2, 3]");
    assertThat(files()).containsExactly("dangling.json", "link.json", "p.json", "real.json");
  }

  @Test
  void out_existingFile_keepsItsMode_newFile_getsTheUmaskMode() throws IOException {
    assumePosix();
    Path problem = problem();
    for (String mode : List.of("rw-------", "rw-r-----", "rw-rw-rw-")) {
      Path existing = Files.writeString(dir.resolve("s-" + mode + ".json"), "old");
      Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString(mode));

      assertThat(cli.run("schedule", "--problem", problem.toString(), "--out", existing.toString())).isEqualTo(Cli.OK);

      assertThat(Files.readString(existing)).contains("\"train-1\"");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo(mode);
    }
    // What the umask gives any new file: the OS decides, as for a file created with no permissions given.
    Path reference = Files.createFile(dir.resolve("reference"));
    Set<PosixFilePermission> umaskMode = Files.getPosixFilePermissions(reference);
    Path fresh = dir.resolve("fresh.json");

    assertThat(cli.run("schedule", "--problem", problem.toString(), "--out", fresh.toString())).isEqualTo(Cli.OK);

    assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(umaskMode);
  }

  @Test
  void write_failureAtEveryStep_leavesTheTargetUnchangedAndNoTemporaryFile() throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    for (OutputFile.Step step : OutputFile.Step.values()) {
      for (boolean exists : List.of(true, false)) {
        Path target = dir.resolve("s.json");
        Files.deleteIfExists(target);
        if (exists) {
          Files.writeString(target, "the old schedule");
          if (posix) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
          }
        }
        OutputFile file = OutputFile.check("--out", target, false, Map.of());
        String what = step + (exists ? " (existing)" : " (new)");

        assertThatThrownBy(() -> file.write("{\"new\": true}", s -> {
          if (s == step) {
            throw new IOException("No space left on device");
          }
        })).as(what).isInstanceOf(FairshiftException.class)
            .hasMessageContaining("Cannot write --out " + target + ": No space left on device")
            .hasMessageContaining(exists ? "It is unchanged." : "Nothing was written.");
        // An unexpected error (not an IOException) cleans up too.
        assertThatThrownBy(() -> file.write("{\"new\": true}", s -> {
          if (s == step) {
            throw new IllegalStateException("injected");
          }
        })).as(what).isInstanceOf(IllegalStateException.class);

        assertThat(files()).as(what).containsExactlyElementsOf(exists ? List.of("s.json") : List.of());
        if (exists) {
          assertThat(Files.readString(target)).as(what).isEqualTo("the old schedule");
          if (posix) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
          }
        }
      }
    }
  }

  @Test
  void write_noFault_replacesAtomicallyAndLeavesOnlyTheTarget() throws IOException {
    Path target = Files.writeString(dir.resolve("s.json"), "old");

    OutputFile.check("--out", target, false, Map.of()).write("new\n");

    assertThat(Files.readString(target)).isEqualTo("new\n");
    assertThat(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)).isTrue();
    assertThat(files()).containsExactly("s.json");
  }

  @Test
  void out_readOnly_isRefusedUnlessRoot() throws IOException {
    assumePosix();
    Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root may write any file");
    Path problem = problem();
    Path readOnly = Files.writeString(dir.resolve("s.json"), "old");
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));

    assertThat(cli.run("schedule", "--problem", problem.toString(), "--out", readOnly.toString())).isEqualTo(Cli.USAGE);

    assertThat(err()).contains("is read-only", "chmod u+w");
    assertThat(Files.readString(readOnly)).isEqualTo("old");
  }

  @Test
  void exampleProblem_refusesTheSameOutputsAsSchedule() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("folder"));

    assertThat(cli.run("example-problem", "--out", folder.toString())).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("is a folder");
    assertThat(files()).containsExactly("folder");
  }
}
