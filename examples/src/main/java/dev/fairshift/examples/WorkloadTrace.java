package dev.fairshift.examples;

import dev.fairshift.core.FairshiftException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A real batch-job trace: arrival, run length and CPU count per job. The shipped trace is
 * {@code pai_1k.csv} from the GAIA artefact (Hanafy et al., ASPLOS 2024, MIT), 1,000 jobs of the
 * Alibaba PAI cluster trace 2020 (CC BY 4.0) over seven days; see {@code workloads/SOURCE.txt}.
 *
 * @param jobs the jobs, ordered by arrival
 */
public record WorkloadTrace(List<TraceJob> jobs) {

  /**
   * One job of a trace.
   *
   * @param arrival time since the trace start
   * @param length run time
   * @param cpus CPUs requested
   */
  public record TraceJob(Duration arrival, Duration length, int cpus) {
    public TraceJob {
      Objects.requireNonNull(arrival, "arrival");
      Objects.requireNonNull(length, "length");
    }
  }

  public WorkloadTrace {
    jobs = List.copyOf(jobs);
  }

  /** The shipped 1,000-job, seven-day Alibaba PAI trace (times in seconds), read once per JVM. */
  public static WorkloadTrace pai1k() {
    return Pai1k.TRACE;
  }

  /**
   * The first 5,000 jobs of GAIA's {@code pai-100k.csv} (times in hours, 1 to 400 CPUs per job, arrivals
   * over about 522 hours), read once per JVM: the jobs the demo packs into one week.
   */
  public static WorkloadTrace pai100kHead() {
    return Pai100kHead.TRACE;
  }

  /** Lazily read, thread-safe holder of the shipped trace. */
  private static final class Pai1k {
    static final WorkloadTrace TRACE = load("workloads/pai_1k.csv", Duration.ofSeconds(1));
  }

  /** Lazily read, thread-safe holder of the head of the 100k trace. */
  private static final class Pai100kHead {
    static final WorkloadTrace TRACE = load("workloads/pai_100k_head5k.csv", Duration.ofHours(1));
  }

  private static WorkloadTrace load(String resource, Duration timeUnit) {
    try (InputStream in = WorkloadTrace.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new FairshiftException("The workload trace " + resource + " is missing from the classpath.");
      }
      return read(in, resource, timeUnit);
    } catch (IOException e) {
      throw new FairshiftException("Cannot read the workload trace " + resource + ": " + e.getMessage(), e);
    }
  }

  /** Reads {@code arrival_time,length,cpus} rows with times in seconds. */
  static WorkloadTrace read(InputStream in, String name) throws IOException {
    return read(in, name, Duration.ofSeconds(1));
  }

  /** Reads {@code arrival_time,length,cpus} rows with times in multiples of {@code timeUnit}. */
  static WorkloadTrace read(InputStream in, String name, Duration timeUnit) throws IOException {
    double unitMillis = timeUnit.toMillis();
    String unitName = timeUnit.equals(Duration.ofHours(1)) ? "hours" : "seconds";
    List<TraceJob> jobs = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String header = reader.readLine();
    if (header == null || !header.strip().equals("arrival_time,length,cpus")) {
      throw new FairshiftException("Workload trace " + name + " must start with the header "
          + "'arrival_time,length,cpus' but starts with '" + header + "'.");
    }
    String line;
    int lineNo = 1;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",");
      try {
        jobs.add(new TraceJob(Duration.ofMillis(Math.round(Double.parseDouble(cells[0]) * unitMillis)),
            Duration.ofMillis(Math.round(Double.parseDouble(cells[1]) * unitMillis)),
            Integer.parseInt(cells[2].strip())));
      } catch (RuntimeException e) {
        throw new FairshiftException("Workload trace " + name + " line " + lineNo + " is not "
            + "'" + unitName + "," + unitName + ",cpus': '" + line + "'.", e);
      }
    }
    return new WorkloadTrace(jobs);
  }
}
