package dev.fairshift.benchmarks;

import dev.fairshift.core.FairshiftException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The run lengths and CPU counts of the 99,998 jobs of the Alibaba PAI trace as shipped by GAIA
 * ({@code pai-100k.csv.gz}, see {@code SOURCE.txt} beside it): a realistic distribution of job sizes,
 * from five minutes to three days. Lengths round up to whole hours (at least one); CPUs are capped at
 * {@value #MAX_UNITS}. Loaded once; immutable and thread-safe.
 */
final class JobTrace {
  /** The most capacity units one generated job holds. */
  static final int MAX_UNITS = 16;
  private static final String RESOURCE = "pai-100k.csv.gz";

  private final int[] hours;
  private final int[] units;

  private JobTrace(int[] hours, int[] units) {
    this.hours = hours;
    this.units = units;
  }

  /** The shipped trace. */
  static JobTrace pai100k() {
    return Holder.PAI_100K;
  }

  /** How many jobs the trace holds. */
  int size() {
    return hours.length;
  }

  /** Run length of job {@code i} in whole hours, at least 1. */
  int hours(int i) {
    return hours[i];
  }

  /** Capacity units (CPUs, capped) of job {@code i}, at least 1. */
  int units(int i) {
    return units[i];
  }

  private static final class Holder {
    static final JobTrace PAI_100K = load();
  }

  private static JobTrace load() {
    try (InputStream raw = JobTrace.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new FairshiftException("The job trace " + RESOURCE + " is missing from the classpath. "
            + "Maybe rebuild the benchmarks module.");
      }
      BufferedReader reader = new BufferedReader(
          new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
      String header = reader.readLine();
      if (header == null || !header.strip().equals("arrival_time,length,cpus")) {
        throw new FairshiftException("Job trace " + RESOURCE + " must start with 'arrival_time,length,cpus' "
            + "but starts with '" + header + "'.");
      }
      int[] hours = new int[1 << 17];
      int[] units = new int[1 << 17];
      int n = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",");
        if (n == hours.length) {
          hours = Arrays.copyOf(hours, n * 2);
          units = Arrays.copyOf(units, n * 2);
        }
        try {
          hours[n] = (int) Math.max(1, Math.ceil(Double.parseDouble(cells[1]) - 1e-9));
          units[n] = Math.max(1, Math.min(MAX_UNITS, Integer.parseInt(cells[2].strip())));
        } catch (RuntimeException e) {
          throw new FairshiftException("Job trace " + RESOURCE + " row " + (n + 1) + " is not "
              + "'hours,hours,cpus': '" + line + "'.", e);
        }
        n++;
      }
      return new JobTrace(Arrays.copyOf(hours, n), Arrays.copyOf(units, n));
    } catch (IOException e) {
      throw new FairshiftException("Cannot read the job trace " + RESOURCE + ": " + e.getMessage(), e);
    }
  }
}
