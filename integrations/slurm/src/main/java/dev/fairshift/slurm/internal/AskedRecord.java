package dev.fairshift.slurm.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a job asked for before Fairshift changed it: its partitions ({@code -p a,b}) and its {@code --begin},
 * kept in its admin comment as {@code fairshift:asked partitions=north,south begin=none}. Fairshift's decision
 * overwrites the job's Partition and StartTime, so without this record a re-plan (or a restart) would no
 * longer know the job's choices. Written once, before the first decision, and never changed.
 */
public record AskedRecord(List<String> partitions, Optional<Instant> begin) {

  static final String PREFIX = "fairshift:asked ";
  private static final Pattern RECORD = Pattern.compile("fairshift:asked partitions=(\\S+) begin=(\\S+)");

  public AskedRecord {
    partitions = List.copyOf(partitions);
  }

  /** The record as written in the admin comment. */
  public String format() {
    return PREFIX + "partitions=" + String.join(",", partitions) + " begin="
        + begin.map(Instant::toString).orElse("none");
  }

  /** The record in {@code adminComment}, if any. */
  public static Optional<AskedRecord> parse(String adminComment) {
    Matcher m = RECORD.matcher(adminComment);
    if (!m.find()) {
      if (adminComment.contains(PREFIX)) {
        throw new IllegalArgumentException("'" + adminComment + "' holds a " + PREFIX.trim()
            + " record that is not 'partitions=<a,b> begin=<instant|none>'. Maybe it was edited by hand.");
      }
      return Optional.empty();
    }
    Optional<Instant> begin;
    if ("none".equals(m.group(2))) {
      begin = Optional.empty();
    } else {
      try {
        begin = Optional.of(Instant.parse(m.group(2)));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("The " + PREFIX.trim() + " begin '" + m.group(2)
            + "' is not an instant such as 2026-12-04T22:00:00Z.", e);
      }
    }
    return Optional.of(new AskedRecord(Arrays.asList(m.group(1).split(",")), begin));
  }

  /** {@code adminComment} with this record appended (once). */
  public String appendTo(String adminComment) {
    if (adminComment.contains(PREFIX)) {
      return adminComment;
    }
    return adminComment.isBlank() ? format() : adminComment.strip() + " " + format();
  }
}
