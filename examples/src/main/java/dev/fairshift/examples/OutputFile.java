package dev.fairshift.examples;

import dev.fairshift.core.FairshiftException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file the command line writes, checked before any work is done and written atomically.
 *
 * <p>{@link #check} refuses a target that is one of the inputs (the same file by any path: relative,
 * through a symbolic link, or a hard link), that is not a regular file (a folder, a device, a pipe, a
 * socket), that is a symbolic link unless links are followed, that is read-only, or whose folder does
 * not exist.
 *
 * <p>{@link #write} writes a temporary file next to the target and moves it into place, so that the
 * target is either untouched or complete. A new file gets the permissions the umask gives any new file
 * (the temporary file is created without explicit permissions); an existing file keeps its permissions
 * (copied to the temporary file before anything is written into it). On every failure the temporary
 * file is removed. Not thread-safe; one per file written.
 */
final class OutputFile {
  /** The steps of {@link #write}, where a test can inject a failure. */
  enum Step { CREATE_TEMP, PERMISSIONS, WRITE, SYNC, MOVE }

  /** Called before each step; a test throws from it to simulate a full disk or a failing rename. */
  @FunctionalInterface
  interface Faults {
    Faults NONE = step -> { };

    void before(Step step) throws IOException;
  }

  /** The command line cannot be honoured as given: the message says why and what to do instead. */
  static final class Refused extends FairshiftException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private final String option;
  private final Path shown;
  private final Path target;

  private OutputFile(String option, Path shown, Path target) {
    this.option = option;
    this.shown = shown;
    this.target = target;
  }

  /** The path as the user gave it. */
  Path shown() {
    return shown;
  }

  /** The file that {@link #write} replaces: the link's target when a followed link was given. */
  Path target() {
    return target;
  }

  /**
   * Checks {@code out} as the output of option {@code option} (e.g. {@code --out}), before anything
   * is read or computed.
   *
   * @param inputs the input files by option, e.g. {@code --problem}; none of them may be the output
   * @throws Refused naming the option and the file, with a fix
   */
  static OutputFile check(String option, Path out, boolean followSymlinks, Map<String, Path> inputs) {
    Objects.requireNonNull(out, "out");
    String named = option + " " + out;
    if (out.getFileName() == null) {
      throw new Refused(named + " is not a file name. Maybe " + option + " " + out.resolve("schedule.json") + ".");
    }
    // Not normalized: "link/../x" means what the file system says, which ".." removal could change.
    Path target = out.toAbsolutePath();
    BasicFileAttributes own = attributes(out, LinkOption.NOFOLLOW_LINKS);
    if (own != null && own.isSymbolicLink()) {
      if (!followSymlinks) {
        throw new Refused(named + " is a symbolic link; Fairshift does not write through links unless asked. "
            + "Maybe add --follow-symlinks to replace the file it points to, or give the real file.");
      }
      try {
        target = out.toRealPath();
      } catch (IOException e) {
        throw new Refused(named + " is a symbolic link to a file that does not exist. Maybe give the real file.");
      }
      own = attributes(target);
    }
    if (own != null && own.isDirectory()) {
      throw new Refused(named + " is a folder. Maybe " + option + " " + out.resolve("schedule.json") + ".");
    }
    if (own != null && !own.isRegularFile()) {
      throw new Refused(named + " is not a regular file (a device, a pipe or a socket); Fairshift only "
          + "replaces regular files. Maybe give a file name in a folder of yours.");
    }
    if (own != null && !Files.isWritable(target)) {
      throw new Refused(named + " is read-only; Fairshift does not replace a file you cannot write. Maybe "
          + "chmod u+w " + out + ", or write to another file.");
    }
    Path folder = target.getParent();
    BasicFileAttributes folderAttributes = attributes(folder);
    if (folderAttributes == null || !folderAttributes.isDirectory()) {
      throw new Refused(named + ": the folder " + folder + " does not exist. Maybe create it first (mkdir -p "
          + folder + ").");
    }
    if (own != null) {
      for (Map.Entry<String, Path> input : inputs.entrySet()) {
        if (sameFile(target, input.getValue())) {
          throw new Refused(named + " is the same file as " + input.getKey() + " " + input.getValue()
              + "; writing it would replace that input. Maybe write to another file.");
        }
      }
    }
    return new OutputFile(option, out, target);
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false; // an input that cannot be read is reported when it is read
    }
  }

  private static BasicFileAttributes attributes(Path path, LinkOption... options) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, options);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new Refused(path + " cannot be inspected: " + describe(e) + ". Maybe check its folder's permissions.");
    }
  }

  /** Writes {@code text} as UTF-8, atomically; see the class comment. */
  void write(String text) {
    write(text, Faults.NONE);
  }

  void write(String text, Faults faults) {
    Path folder = target.getParent();
    String name = target.getFileName().toString();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Path tmp = null;
    try {
      faults.before(Step.CREATE_TEMP);
      FileChannel channel = null;
      while (channel == null) {
        Path candidate = folder.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
            + ".tmp");
        try {
          // No FileAttribute: the file system applies the umask, as for any new file.
          channel = FileChannel.open(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          tmp = candidate;
        } catch (FileAlreadyExistsException e) {
          // another name
        }
      }
      try (FileChannel out = channel) {
        faults.before(Step.PERMISSIONS);
        keepPermissions(tmp);
        faults.before(Step.WRITE);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        faults.before(Step.SYNC);
        out.force(true);
      }
      faults.before(Step.MOVE);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new FairshiftException("Cannot write " + option + " " + shown + ": " + describe(e) + ". "
          + (Files.exists(target) ? "It is unchanged. " : "Nothing was written. ")
          + "Maybe check the free space and that its folder is writable.", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the write already failed; its error is the one to report
        }
      }
    }
  }

  /** An existing target's POSIX permissions on the temporary file, before any content is in it. */
  private void keepPermissions(Path tmp) throws IOException {
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
    if (view != null) {
      view.setPermissions(Files.getPosixFilePermissions(target));
    }
  }

  private static String describe(IOException e) {
    String kind = e instanceof NoSuchFileException ? "no such file or folder"
        : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
        : e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null ? fse.getReason()
        : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    return kind;
  }
}
