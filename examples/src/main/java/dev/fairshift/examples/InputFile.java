package dev.fairshift.examples;

import dev.fairshift.core.FairshiftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Checks a file the command line reads before it is parsed: it exists, it is a regular file (not a
 * folder, and not a device or a pipe that could be endless or block), and it is at most
 * {@link #MAX_BYTES}. Links are followed: reading through one changes nothing. Stateless.
 */
final class InputFile {
  /**
   * The largest input accepted: 2 GiB, about five million jobs (a million jobs on 64 hubs is about 385 MiB).
   * Reading streams, but the problem itself needs about 2.3 times the file's size in heap.
   */
  static final long MAX_BYTES = 2L << 30;

  private InputFile() {}

  /**
   * Returns {@code file} when it can be read as an input of option {@code option}.
   *
   * @throws FairshiftException naming the option and the file, with a fix
   */
  static Path check(String option, Path file) {
    String named = option + " " + file;
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new FairshiftException(named + ": no such file. Maybe check the path (relative paths start in "
          + Path.of("").toAbsolutePath() + ").", e);
    } catch (IOException e) {
      throw new FairshiftException(named + " cannot be read: " + e.getMessage()
          + ". Maybe check that it exists and is readable.", e);
    }
    if (a.isDirectory()) {
      throw new FairshiftException(named + " is a folder; give a JSON file in it.");
    }
    if (!a.isRegularFile()) {
      throw new FairshiftException(named + " is not a regular file (a device, a pipe or a socket). Maybe save "
          + "the JSON to a file first.");
    }
    if (a.size() > MAX_BYTES) {
      throw new FairshiftException(named + " is " + a.size() + " bytes (" + a.size() / (1 << 20) + " MiB); at most "
          + MAX_BYTES + " bytes (" + (MAX_BYTES >> 30) + " GiB) are read. Maybe split the problem into several runs "
          + "(by time window or by region).");
    }
    return file;
  }
}
